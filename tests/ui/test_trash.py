"""Delete, the Trash, restore, undo and purge, driven through the real window and keys."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QPushButton, QTableView

from crm_desktop.db.errors import NotFoundError
from crm_desktop.ui.contacts.table_model import TIME_COLUMN
from crm_desktop.ui.trash import view as trash_view


@pytest.fixture
def answers(monkeypatch):
    """What the user answers to "Delete forever?" (the helper that would show the message box)."""
    given: list[bool] = []
    asked: list[str] = []

    def fake_confirm(parent, title, text):
        asked.append(text)
        return given.pop(0)

    monkeypatch.setattr(trash_view, "confirm", fake_confirm)
    return given, asked


def names(view: QTableView) -> list[str]:
    model = view.model()
    return [model.index(row, 0).data() for row in range(model.rowCount())]


def select(view: QTableView, name: str) -> None:
    row = names(view).index(name)
    view.selectRow(row)
    view.setFocus()


def contacts_table(win) -> QTableView:
    return win.findChild(QTableView, "contactTable")


def trash_table(win) -> QTableView:
    return win.findChild(QTableView, "trashTable")


def open_trash(win) -> None:
    win.show_section(win.trash_view)
    assert win.stack.currentWidget() is win.trash_view


def test_delete_key_moves_to_trash_and_restore_brings_it_back(qtbot, window):
    table = contacts_table(window)
    select(table, "Khan, Imran")
    qtbot.keyClick(table, Qt.Key.Key_Delete)
    assert "Khan, Imran" not in names(table)
    open_trash(window)
    trash = trash_table(window)
    assert trash.isVisible() and names(trash) == ["Khan, Imran"]
    assert window.status_label.text() == "1 contact in the Trash"
    restore = window.findChild(QPushButton, "restoreButton")
    assert not restore.isEnabled()  # nothing selected yet
    select(trash, "Khan, Imran")
    qtbot.mouseClick(restore, Qt.MouseButton.LeftButton)
    assert names(trash) == []
    assert window.findChild(QLabel, "trashEmptyState").text() == "The Trash is empty"
    assert window.findChild(QLabel, "trashEmptyState").isVisible()
    assert "Khan, Imran" in names(table)


def test_deleting_several_keeps_the_rest_selected_elsewhere(qtbot, window):
    table = contacts_table(window)
    table.selectRow(0)  # García
    table.selectionModel().select(table.model().index(3, 0), table.selectionModel().SelectionFlag.Select
                                  | table.selectionModel().SelectionFlag.Rows)  # Lovelace too
    table.setFocus()
    qtbot.keyClick(table, Qt.Key.Key_Delete)
    assert names(table)[:2] == ["Kareem, Bilal", "Khan, Imran"] and len(names(table)) == 6
    assert sorted(names(trash_table(window))) == ["García, José", "Lovelace, Ada"]


def test_ctrl_z_undoes_the_last_delete(qtbot, window):
    table = contacts_table(window)
    select(table, "صدیقی، عائشہ")
    qtbot.keyClick(table, Qt.Key.Key_Delete)
    select(table, "Lovelace, Ada")
    qtbot.keyClick(table, Qt.Key.Key_Delete)
    assert len(names(trash_table(window))) == 2
    qtbot.keyClick(table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert "Lovelace, Ada" in names(table) and "صدیقی، عائشہ" not in names(table)
    qtbot.keyClick(table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert "صدیقی، عائشہ" in names(table) and names(trash_table(window)) == []
    assert window.workspace.contacts.get(window.ids["صدیقی، عائشہ"]).deleted_at is None


def test_purge_asks_first_and_deletes_for_good(qtbot, window, answers):
    given, asked = answers
    contacts = window.workspace.contacts
    contacts.trash([window.ids["García, José"], window.ids["Kareem, Bilal"]])
    open_trash(window)
    trash = trash_table(window)
    purge = window.findChild(QPushButton, "purgeButton")
    select(trash, "García, José")
    given.append(False)  # the user cancels
    qtbot.mouseClick(purge, Qt.MouseButton.LeftButton)
    assert len(names(trash)) == 2 and asked
    given.append(True)
    qtbot.mouseClick(purge, Qt.MouseButton.LeftButton)
    assert names(trash) == ["Kareem, Bilal"]
    with pytest.raises(NotFoundError):
        contacts.get(window.ids["García, José"])
    select(trash, "Kareem, Bilal")
    given.append(True)
    qtbot.keyClick(trash, Qt.Key.Key_Delete)  # in the Trash, Delete means delete forever (asked first)
    assert names(trash) == [] and len(asked) == 3


def test_empty_trash(qtbot, window, answers):
    given, _asked = answers
    window.workspace.contacts.trash(list(window.ids.values())[:3])
    open_trash(window)
    given.append(True)
    qtbot.mouseClick(window.findChild(QPushButton, "emptyTrashButton"), Qt.MouseButton.LeftButton)
    assert names(trash_table(window)) == []
    assert window.workspace.contacts.count() == 5
    assert not window.findChild(QPushButton, "emptyTrashButton").isEnabled()


def test_trash_shows_when_each_card_was_deleted(qtbot, window):
    window.workspace.contacts.trash([window.ids["Khan, Imran"]])
    model = trash_table(window).model()
    assert model.headerData(TIME_COLUMN, Qt.Orientation.Horizontal) == "Deleted"
    assert len(model.index(0, TIME_COLUMN).data()) == 16
