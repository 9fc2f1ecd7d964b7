"""The tray and what closing the main window means: hide and keep ringing, or quit as before.

Offscreen there is no system tray; these tests say there is one (tray_available) and drive the real
QSystemTrayIcon object, its menu and the close policy. tests/manual/reminder_on_xvfb.sh docks it for real.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtCore import QEvent, QSettings, Qt
from PySide6.QtGui import QAction, QColor
from PySide6.QtWidgets import QApplication

from crm_desktop.ui.main_window import MainWindow
from crm_desktop.ui.reminders import tray as tray_module
from crm_desktop.ui.reminders.controller import Reminders
from crm_desktop.ui.reminders.tray import badge_icon
from crm_desktop.ui.resources import app_icon
from tests.ui.test_reminders import KARACHI, START, RunningClock, contact, follow_up

# Showing a tray icon where there is no tray: the offscreen platform says it has no tray window signal.
pytestmark = pytest.mark.qt_log_ignore("No such signal QPlatformNativeInterface::systemTrayWindowChanged")


@pytest.fixture
def quits(monkeypatch):
    """QApplication.quit would end the test session's event loop: record the calls instead."""
    calls: list[bool] = []
    monkeypatch.setattr(QApplication, "quit", lambda: calls.append(True))
    return calls


def start(qtbot, db_path, tmp_path, monkeypatch, tray: bool):
    from crm_desktop.services.workspace import open_workspace

    monkeypatch.setattr(tray_module, "tray_available", lambda: tray)
    ws = open_workspace(db_path, RunningClock(START, KARACHI))
    main = MainWindow(ws, QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(main)
    reminders = Reminders(main)
    main.show()
    reminders.start()
    return ws, main, reminders


@pytest.fixture
def program(qtbot, db_path, tmp_path, monkeypatch, quits):
    made = []

    def make(tray: bool = True):
        made.append(start(qtbot, db_path, tmp_path, monkeypatch, tray))
        return made[-1]

    yield make
    for ws, main, reminders in made:
        main.quitting = True
        main.close()
        reminders.stop()
        ws.close()
    QApplication.setQuitOnLastWindowClosed(True)
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)
    assert [w for w in QApplication.topLevelWidgets() if w.objectName() == "reminderWindow"] == []


def test_closing_the_main_window_hides_it_and_reminders_keep_ringing(qtbot, program, quits):
    ws, main, reminders = program(tray=True)
    assert reminders.tray is not None and reminders.keeps_running()
    assert not main.close()  # hidden, not closed
    assert not main.isVisible() and quits == []
    assert not QApplication.quitOnLastWindowClosed()
    item = follow_up(ws, contact(ws, "عائشہ", "صدیقی"), "Call back", START - timedelta(minutes=1))
    assert reminders.window.isVisible() and list(reminders.window.rows) == [item]
    assert reminders.tray.count == 1
    assert reminders.tray.due_action.text() == "1 follow-up due" and reminders.tray.due_action.isEnabled()
    assert "1 follow-up due" in reminders.tray.icon.toolTip()
    reminders.tray.show_action.trigger()
    assert main.isVisible() and QApplication.quitOnLastWindowClosed()


def test_the_tray_quit_quits_for_real(qtbot, program, quits):
    _ws, main, reminders = program(tray=True)
    reminders.tray.quit_action.trigger()
    assert not main.isVisible() and quits == [True]


def test_file_quit_always_quits_even_with_the_tray(qtbot, program, quits):
    _ws, main, _reminders = program(tray=True)
    main.findChild(QAction, "quit").trigger()
    assert not main.isVisible() and quits == [True]


def test_with_the_preference_off_closing_quits_as_before(qtbot, program, quits):
    ws, main, reminders = program(tray=True)
    ws.follow_up_preferences.keep_running_in_tray = False
    assert not reminders.keeps_running()
    assert main.close() and not main.isVisible()
    assert QApplication.quitOnLastWindowClosed()


def test_without_a_tray_closing_quits_and_the_reminder_window_does_not_keep_us_alive(qtbot, program, quits):
    ws, main, reminders = program(tray=False)
    assert reminders.tray is None and not reminders.keeps_running()
    follow_up(ws, contact(ws, "Imran", "Khan"), "Call", START - timedelta(minutes=1))
    assert reminders.window.isVisible()
    assert not reminders.window.testAttribute(Qt.WidgetAttribute.WA_QuitOnClose)
    assert main.close() and not main.isVisible()
    assert QApplication.quitOnLastWindowClosed()


def test_the_badge_paints_the_count_in_red_and_nothing_at_zero():
    base = app_icon()
    none = badge_icon(base, 0).pixmap(64, 64).toImage()
    three = badge_icon(base, 3).pixmap(64, 64).toImage()
    corner = QColor(three.pixel(40, 56))
    assert corner.red() > 150 and corner.green() < 80 and corner.blue() < 80
    assert QColor(none.pixel(40, 56)) != corner
