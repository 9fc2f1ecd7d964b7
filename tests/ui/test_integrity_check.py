"""A big file is checked after the window is up; damage found then stops all writes and is reported."""

from __future__ import annotations

import pytest

from crm_desktop.db import connection
from crm_desktop.db.errors import DamagedDatabaseError
from crm_desktop.domain.contact import Contact
from crm_desktop.services.workspace import open_workspace
from crm_desktop.ui import app
from crm_desktop.ui.main_window import MainWindow


def test_damage_found_after_opening_keeps_the_file_read_only(qtbot, tmp_path, monkeypatch):
    path = tmp_path / "big.sqlite3"
    with open_workspace(path) as ws:
        for i in range(300):
            ws.contacts.save(Contact(first_name=f"Name{i}", notes="x" * 300))
    data = bytearray(path.read_bytes())
    middle = (len(data) // 4096 // 2) * 4096
    data[middle + 8 : middle + 4096] = b"\x5a" * (4096 - 8)
    path.write_bytes(bytes(data))

    monkeypatch.setattr(connection, "CHECK_ON_OPEN_BYTES", 0)  # as if it were too big to check first
    monkeypatch.setattr(app, "CHECK_ON_OPEN_BYTES", 0)
    warnings = []
    monkeypatch.setattr(app, "show_damage_warning", lambda message, parent=None: warnings.append(message))
    workspace = open_workspace(path)
    window = MainWindow(workspace)
    qtbot.addWidget(window)
    check = app.IntegrityCheck(workspace, window)
    qtbot.waitUntil(lambda: bool(warnings), timeout=10000)
    check.thread.join()
    assert "damaged" in warnings[0]
    with pytest.raises(DamagedDatabaseError):
        workspace.contacts.save(Contact(first_name="Not written"))
    window.close()
    workspace.close()


def test_a_sound_big_file_is_left_alone(qtbot, workspace, monkeypatch):
    workspace.contacts.save(Contact(first_name="Ayesha"))
    monkeypatch.setattr(app, "CHECK_ON_OPEN_BYTES", 0)
    monkeypatch.setattr(app, "show_damage_warning", lambda *a: pytest.fail("no warning expected"))
    window = MainWindow(workspace)
    qtbot.addWidget(window)
    check = app.IntegrityCheck(workspace, window)
    check.thread.join()
    qtbot.wait(50)
    assert workspace.contacts.save(Contact(first_name="Bilal")).id
    window.close()
