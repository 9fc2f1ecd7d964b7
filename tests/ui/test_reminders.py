"""Reminders for real: a real database file, the real engine timer, the reminder window and the main window.

The clock starts at a fixed instant and then runs with real time (RunningClock), so an alarm a second
ahead really comes due on the engine's own timer; advance() jumps it like a changed system clock.
"""

from __future__ import annotations

import sqlite3
import time as wall
from contextlib import closing
from dataclasses import dataclass, field
from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import QEvent, QSettings
from PySide6.QtWidgets import QApplication, QLabel, QPushButton

from crm_desktop.domain.activity import Activity, ActivityKind
from crm_desktop.domain.activity_query import ActivityQuery, ActivityState
from crm_desktop.domain.clock import FixedClock, at_local
from crm_desktop.domain.contact import Contact
from crm_desktop.services.workspace import open_workspace
from crm_desktop.ui.main_window import MainWindow
from crm_desktop.ui.reminders import engine as engine_module
from crm_desktop.ui.reminders.controller import Reminders
from crm_desktop.ui.reminders.row import ReminderRow

KARACHI = ZoneInfo("Asia/Karachi")
START = datetime(2026, 11, 23, 5, 0, tzinfo=UTC)  # Monday 10:00 in Karachi


@dataclass
class RunningClock(FixedClock):
    """A FixedClock that moves on with real time from its instant (advance() still jumps it)."""

    started: float = field(default_factory=wall.monotonic)

    def now(self) -> datetime:
        return self.instant + timedelta(seconds=wall.monotonic() - self.started)


class App:
    """One run of the program: workspace, main window and reminders, started like run_gui does."""

    def __init__(self, qtbot, path, clock, settings_path):
        self.workspace = open_workspace(path, clock)
        self.main = MainWindow(self.workspace, QSettings(str(settings_path), QSettings.Format.IniFormat))
        qtbot.addWidget(self.main)
        self.reminders = Reminders(self.main)
        self.window = self.reminders.window
        self.main.show()
        self.reminders.start()
        self.running = True

    def quit(self) -> None:
        self.running = False
        self.main.quit_for_real()
        self.reminders.stop()
        self.workspace.close()


@pytest.fixture
def clock():
    return RunningClock(START, KARACHI)


@pytest.fixture
def run(qtbot, db_path, tmp_path):
    """Starts the program (again) over the same database file; every run is quit at the end."""
    runs: list[App] = []

    def start(clock) -> App:
        app = App(qtbot, db_path, clock, tmp_path / "ui.ini")
        runs.append(app)
        return app

    yield start
    for app in runs:
        if app.running:
            app.quit()
        assert not app.reminders.engine.timer.isActive()
    QApplication.setQuitOnLastWindowClosed(True)
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)
    assert [w for w in QApplication.topLevelWidgets() if w.objectName() in ("reminderWindow", "whenPicker")] == []


def contact(ws, first: str, last: str) -> int:
    return ws.contacts.save(Contact(first_name=first, last_name=last)).id


def follow_up(ws, contact_id: int, subject: str, at: datetime, lead=timedelta(0), kind=ActivityKind.CALL) -> int:
    return ws.activities.save(Activity(contact_id, kind, subject=subject, done=False, at=at, alarm_lead=lead)).id


def whole_second_ahead(clock, seconds: float) -> datetime:
    """An instant about `seconds` from now, on a whole second (alarms are stored in whole seconds)."""
    ahead = clock.now() + timedelta(seconds=seconds)
    return ahead.replace(microsecond=0) + timedelta(seconds=1)


def rows(app) -> dict[int, ReminderRow]:
    return {i: row for i, row in app.window.rows.items() if not row.isHidden()}


def subjects(app) -> list[str]:
    return [row.item.subject for row in app.window.rows.values()]


def test_an_alarm_comes_due_on_time_and_the_reminder_window_shows_it(qtbot, run, clock):
    app = run(clock)
    ws = app.workspace
    aisha = contact(ws, "عائشہ", "صدیقی")
    due = whole_second_ahead(clock, 0.5)
    item = follow_up(ws, aisha, "Call back about the embroidered lawn order", due + timedelta(minutes=10),
                     lead=timedelta(minutes=10))
    assert not app.window.isVisible()
    assert 0 < app.reminders.engine.next_wake_ms() <= 2000  # armed for the alarm, not polling
    qtbot.waitUntil(app.window.isVisible, timeout=3000)
    late = clock.now() - due
    assert timedelta(0) <= late < timedelta(seconds=1)
    assert list(app.window.rows) == [item]
    row = app.window.rows[item]
    assert row.name_label.text() == "صدیقی، عائشہ" or "عائشہ" in row.name_label.text()
    assert row.name_label.layoutDirection().name == "RightToLeft"
    assert row.findChild(QLabel, "missedMark") is None  # it rang while we were running
    assert app.window.objectName() == "reminderWindow" and app.window.isWindow()
    assert not app.window.isModal()
    assert app.window.windowFlags() & app.window.windowFlags().WindowStaysOnTopHint
    assert not app.reminders.engine.timer.isActive()  # nothing else pending: no timer at all


def test_snooze_hides_it_and_it_comes_back_when_the_snooze_ends(qtbot, run, clock, monkeypatch):
    # A short cap on one wait: the engine wakes, sees the clock jumped 5 minutes, and rings.
    monkeypatch.setattr(engine_module, "MAX_WAIT", timedelta(milliseconds=200))
    app = run(clock)
    ws = app.workspace
    imran = contact(ws, "Imran", "Khan")
    item = follow_up(ws, imran, "Quote for 500 metres", START - timedelta(seconds=1))
    qtbot.waitUntil(app.window.isVisible, timeout=2000)
    row = app.window.rows[item]
    row.menu_action(row.snooze_button, "5 minutes").trigger()
    # On disk when the click returns: another connection to the same file sees the new alarm.
    with closing(sqlite3.connect(ws.path)) as other:
        (alarm_at,) = other.execute("SELECT alarm_at FROM activities WHERE id = ?", (item,)).fetchone()
    assert alarm_at >= (clock.now() + timedelta(minutes=4)).timestamp()
    assert not app.window.isVisible() and app.window.rows == {}
    clock.advance(timedelta(minutes=5))
    qtbot.waitUntil(app.window.isVisible, timeout=2000)
    assert list(app.window.rows) == [item]


def test_done_asks_the_outcome_and_puts_it_in_the_history(qtbot, run, clock):
    app = run(clock)
    ws = app.workspace
    rahul = contact(ws, "राहुल", "शर्मा")
    item = follow_up(ws, rahul, "Confirm the Diwali order", START - timedelta(minutes=1))
    qtbot.waitUntil(app.window.isVisible, timeout=2000)
    row = app.window.rows[item]
    outcomes = [a.text() for a in row.done_button.menu().actions() if a.text()]
    assert outcomes == [*ws.follow_up_preferences.outcomes, "With a Note or Next Step..."]
    row.menu_action(row.done_button, "interested").trigger()
    done = list(ws.activities.search_ids(ActivityQuery(state=ActivityState.DONE, contact_id=rahul)))
    assert done == [item]
    assert ws.activities.get(item).outcome == "interested"
    assert not app.window.isVisible()


def test_done_with_a_next_step_opens_the_complete_dialog(qtbot, run, clock):
    from crm_desktop.ui.activities.complete_dialog import CompleteDialog

    app = run(clock)
    ws = app.workspace
    ayesha = contact(ws, "عائشہ", "صدیقی")
    item = follow_up(ws, ayesha, "Call about the order", START - timedelta(minutes=1))
    qtbot.waitUntil(app.window.isVisible, timeout=2000)
    row = app.window.rows[item]
    row.menu_action(row.done_button, "With a Note or Next Step...").trigger()
    dialogs = app.window.findChildren(CompleteDialog)
    assert len(dialogs) == 1 and dialogs[0].isVisible()
    dialogs[0].close()


def test_dismissed_never_shows_again_even_after_a_restart(qtbot, run, clock):
    app = run(clock)
    ws = app.workspace
    murugan = contact(ws, "முருகன்", "செல்வம்")
    item = follow_up(ws, murugan, "Send the tea samples", START - timedelta(minutes=1))
    qtbot.waitUntil(app.window.isVisible, timeout=2000)
    app.window.rows[item].dismiss_button.click()
    assert not app.window.isVisible()
    app.quit()
    later = RunningClock(START + timedelta(days=1), KARACHI)
    again = run(later)
    qtbot.wait(50)
    assert again.window.rows == {} and not again.window.isVisible()
    assert not again.workspace.activities.get(item).done  # still open (overdue), only the alarm is gone


def test_an_alarm_that_rang_while_we_were_not_running_shows_at_start_marked_missed(qtbot, run, clock):
    first = run(clock)
    ws = first.workspace
    ada = contact(ws, "Ada", "Lovelace")
    missed = follow_up(ws, ada, "Meeting about the engine", START + timedelta(hours=2), lead=timedelta(minutes=15))
    later = follow_up(ws, ada, "Tomorrow's call", START + timedelta(days=1))
    assert first.window.rows == {}
    first.quit()
    app = run(RunningClock(START + timedelta(hours=3), KARACHI))
    assert app.window.isVisible()
    assert list(app.window.rows) == [missed]
    assert app.window.rows[missed].findChild(QLabel, "missedMark") is not None
    assert later not in app.window.rows


def test_several_due_at_once_are_rows_of_one_window_and_new_ones_join_it(qtbot, run, clock):
    app = run(clock)
    ws = app.workspace
    people = [contact(ws, f, l) for f, l in (("Imran", "Khan"), ("عائشہ", "صدیقی"), ("राहुल", "शर्मा"))]
    due = whole_second_ahead(clock, 0.3)
    items = [follow_up(ws, p, f"Call {n}", due) for n, p in enumerate(people)]
    qtbot.waitUntil(lambda: len(app.window.rows) == 3, timeout=3000)
    assert list(app.window.rows) == items
    assert app.window.heading.text() == "3 follow-ups due"
    late = follow_up(ws, people[0], "One more", whole_second_ahead(clock, 0.3))
    qtbot.waitUntil(lambda: len(app.window.rows) == 4, timeout=3000)
    shown = [w for w in QApplication.topLevelWidgets() if w.objectName() == "reminderWindow" and w.isVisible()]
    assert shown == [app.window]
    assert list(app.window.rows)[-1] == late


def test_reschedule_moves_the_follow_up_and_its_alarm(qtbot, run, clock):
    app = run(clock)
    ws = app.workspace
    bilal = contact(ws, "Bilal", "Kareem")
    item = follow_up(ws, bilal, "Visit the shop", START - timedelta(minutes=5), lead=timedelta(minutes=30))
    qtbot.waitUntil(app.window.isVisible, timeout=2000)
    app.window.rows[item].reschedule_button.click()
    picker = app.window.picker
    assert picker is not None and picker.isVisible()
    picker.editor.setDateTime(picker.editor.dateTime().addDays(2))
    picker.accept()
    moved = ws.activities.get(item)
    assert moved.at == START - timedelta(minutes=5) + timedelta(days=2)
    assert moved.alarm_at == moved.at - timedelta(minutes=30)
    assert app.window.rows == {}


def test_custom_snooze_uses_the_picked_time(qtbot, run, clock):
    app = run(clock)
    ws = app.workspace
    item = follow_up(ws, contact(ws, "José", "García"), "Samples", START - timedelta(minutes=5))
    qtbot.waitUntil(app.window.isVisible, timeout=2000)
    row = app.window.rows[item]
    row.menu_action(row.snooze_button, "Custom...").trigger()
    picker = app.window.picker
    picker.editor.setDateTime(picker.editor.dateTime().addSecs(3 * 3600))
    picker.accept()
    # 10:00 Karachi (the picker starts at now, whole minutes) plus three hours.
    assert ws.activities.get(item).alarm_at == START.replace(second=0) + timedelta(hours=3)


def test_open_contact_shows_its_card_in_the_main_window(qtbot, run, clock):
    app = run(clock)
    ws = app.workspace
    aisha = contact(ws, "عائشہ", "صدیقی")
    item = follow_up(ws, aisha, "Call", START - timedelta(minutes=5))
    qtbot.waitUntil(app.window.isVisible, timeout=2000)
    app.main.hide()
    app.window.rows[item].open_button.click()
    assert app.main.isVisible()
    assert app.main.contacts_view.card.current_id() == aisha
    assert app.main.contacts_view.selected_ids() == [aisha]
    assert app.window.isVisible()  # the reminder stays until it is dealt with


def test_a_long_subject_is_elided_with_the_whole_text_as_tooltip(qtbot, run, clock):
    app = run(clock)
    ws = app.workspace
    subject = "Discuss " + "the revised delivery schedule for the winter collection, " * 6
    item = follow_up(ws, contact(ws, "Imran", "Khan"), subject, START - timedelta(minutes=1))
    qtbot.waitUntil(app.window.isVisible, timeout=2000)
    label = app.window.rows[item].subject_label
    assert label.text() != subject and label.text().endswith("…")
    assert label.toolTip() == subject
    assert app.window.width() <= 700


def test_a_birthday_reminder_comes_at_nine_opens_the_card_and_stays_dismissed(qtbot, run, db_path):
    from crm_desktop.domain.contact import Birthday

    nine = at_local(START.astimezone(KARACHI).date(), time(9), KARACHI)
    clock = RunningClock(nine - timedelta(milliseconds=600), KARACHI)
    app = run(clock)
    ws = app.workspace
    ali = ws.contacts.save(Contact(first_name="علی", last_name="رضا", birthday=Birthday(nine.astimezone(KARACHI).month,
                                   nine.astimezone(KARACHI).day, 1986))).id  # fmt: skip
    assert app.window.birthday_row is None  # not before 09:00
    qtbot.waitUntil(lambda: app.window.birthday_row is not None, timeout=3000)
    assert app.window.isVisible()
    person = app.window.birthday_row.findChild(QPushButton, "birthdayPerson")
    person.click()
    assert app.main.contacts_view.card.current_id() == ali
    app.window.birthday_row.findChild(QPushButton, "dismissBirthdays").click()
    assert app.window.birthday_row is None and not app.window.isVisible()
    with closing(sqlite3.connect(db_path)) as other:  # on disk at once: a restart will not show it again
        (value,) = other.execute("SELECT value FROM settings WHERE key = 'birthdays_dismissed_through'").fetchone()
    assert value == nine.astimezone(KARACHI).date().isoformat()
    app.reminders.engine.check()
    assert app.window.birthday_row is None
