"""Qt tests run offscreen (tests/conftest.py); pytest-qt fails any test that logs a Qt warning
(qt_log_level_fail in pyproject.toml)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings

from crm_desktop.ui.contacts import card_prompt
from crm_desktop.ui.contacts.card import ContactCard
from crm_desktop.ui.main_window import MainWindow
from tests.ui.card_helpers import unexpected_prompt
from tests.ui.sample_contacts import fill


@pytest.fixture
def window(qtbot, workspace, tmp_path):
    """The main window, shown and active, over the sample contacts; `window.ids` maps filed names to ids."""
    ids = fill(workspace)
    win = MainWindow(workspace, QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(win)
    win.show_contacts()  # these tests are about the contact list; the window starts on the Today page
    win.show()
    qtbot.waitExposed(win)
    with qtbot.waitActive(win):
        win.activateWindow()
    win.ids = ids
    return win


@pytest.fixture
def card(qtbot, workspace, monkeypatch):
    """The contact card alone, shown; any unsaved-changes prompt fails the test unless it patches one."""
    # A real message box would wait for a click forever: a test that should see it patches it.
    monkeypatch.setattr(card_prompt, "ask_unsaved_changes", unexpected_prompt)
    try:
        from crm_desktop.ui.resources import register_fonts
    except ImportError:  # pragma: no cover - fonts are a nicety for the eye, not for the assertions
        pass
    else:
        register_fonts()
    widget = ContactCard(workspace)
    qtbot.addWidget(widget)
    widget.resize(600, 900)
    widget.show()
    return widget
