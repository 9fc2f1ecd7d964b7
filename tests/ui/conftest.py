"""Qt tests run offscreen (tests/conftest.py); pytest-qt fails any test that logs a Qt warning
(qt_log_level_fail in pyproject.toml)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings

from crm_desktop.ui.main_window import MainWindow
from tests.ui.sample_contacts import fill


@pytest.fixture
def window(qtbot, workspace, tmp_path):
    """The main window, shown and active, over the sample contacts; `window.ids` maps filed names to ids."""
    ids = fill(workspace)
    win = MainWindow(workspace, QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    with qtbot.waitActive(win):
        win.activateWindow()
    win.ids = ids
    return win
