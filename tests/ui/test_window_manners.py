"""Desktop manners of the main window: closing with unsaved edits, where Delete acts, every menu item."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QComboBox, QLineEdit, QPushButton, QTableView

from crm_desktop import __version__
from crm_desktop.ui import about
from crm_desktop.ui.contacts import card_prompt
from crm_desktop.ui.contacts.card_prompt import UnsavedChoice
from crm_desktop.ui.preferences import PreferencesDialog


@pytest.fixture
def answer(monkeypatch):
    """The user's answers to "Save the changes?", in order; asked records each question's name."""
    given: list[UnsavedChoice] = []
    asked: list[str] = []

    def fake_ask(parent, name):
        asked.append(name)
        return given.pop(0) if given else UnsavedChoice.DISCARD  # DISCARD: the window closing at teardown

    monkeypatch.setattr(card_prompt, "ask_unsaved_changes", fake_ask)
    return given, asked


def contacts_table(win) -> QTableView:
    return win.findChild(QTableView, "contactTable")


def select(win, name: str) -> None:
    table = contacts_table(win)
    model = table.model()
    row = next(r for r in range(model.rowCount()) if model.index(r, 0).data() == name)
    table.selectRow(row)
    table.setFocus()


def edit_first_name(qtbot, win, name: str, text: str) -> None:
    select(win, name)
    editor = win.contacts_view.card.form.boxes["first_name"].editor
    editor.setFocus()
    editor.end(False)
    qtbot.keyClicks(editor, text)
    assert win.contacts_view.card.has_unsaved_changes()


# ---- closing with unsaved edits ---------------------------------------------------------------------


def test_closing_with_unsaved_edits_asks_and_stay_keeps_the_window(qtbot, window, answer):
    given, asked = answer
    edit_first_name(qtbot, window, "Khan, Imran", "ullah")
    given.append(UnsavedChoice.STAY)
    assert not window.close()
    assert window.isVisible() and asked == ["Imranullah Khan"]
    assert window.contacts_view.card.has_unsaved_changes()  # the edits are still there
    given.append(UnsavedChoice.SAVE)
    assert window.close()
    assert window.workspace.contacts.get(window.ids["Khan, Imran"]).first_name == "Imranullah"


def test_ctrl_q_with_unsaved_edits_asks_and_discard_quits_without_saving(qtbot, window, answer):
    given, asked = answer
    edit_first_name(qtbot, window, "Khan, Imran", "ullah")
    given.append(UnsavedChoice.STAY)
    qtbot.keyClick(window.contacts_view.card.form.boxes["first_name"].editor, Qt.Key.Key_Q,
                   Qt.KeyboardModifier.ControlModifier)
    assert len(asked) == 1 and window.isVisible()
    given.append(UnsavedChoice.DISCARD)
    window.findChild(QAction, "quit").trigger()
    assert len(asked) == 2 and not window.isVisible()
    assert window.workspace.contacts.get(window.ids["Khan, Imran"]).first_name == "Imran"


def test_a_save_that_fails_on_close_keeps_the_window_open(qtbot, window, answer):
    given, _asked = answer
    select(window, "Khan, Imran")
    email = window.contacts_view.card.form.emails.rows[0].edit
    email.setFocus()
    email.setText("imran@@khantextiles.pk")
    given.append(UnsavedChoice.SAVE)
    assert not window.close()
    assert window.isVisible()
    assert window.workspace.contacts.get(window.ids["Khan, Imran"]).emails[0].address == "imran@khantextiles.pk"
    window.contacts_view.card.revert()


def test_closing_without_edits_does_not_ask(qtbot, window, answer):
    _given, asked = answer
    select(window, "Khan, Imran")
    assert window.close()
    assert asked == []


# ---- where the Delete key acts ----------------------------------------------------------------------


def trashed(win) -> int:
    return win.trash_view.model.rowCount()


def test_delete_in_the_table_moves_the_selected_card_to_the_trash(qtbot, window):
    select(window, "Khan, Imran")
    qtbot.keyClick(contacts_table(window), Qt.Key.Key_Delete)
    assert trashed(window) == 1


def test_delete_with_unsaved_edits_on_the_card_asks_and_stay_keeps_the_card(qtbot, window, answer):
    given, asked = answer
    edit_first_name(qtbot, window, "Khan, Imran", "ullah")
    given.append(UnsavedChoice.STAY)
    contacts_table(window).setFocus()
    qtbot.keyClick(contacts_table(window), Qt.Key.Key_Delete)
    assert asked == ["Imranullah Khan"] and trashed(window) == 0
    card = window.contacts_view.card
    assert card.current_id() == window.ids["Khan, Imran"] and card.has_unsaved_changes()


def test_delete_with_unsaved_edits_saved_first_keeps_them_for_undo(qtbot, window, answer):
    given, asked = answer
    edit_first_name(qtbot, window, "Khan, Imran", "ullah")
    given.append(UnsavedChoice.SAVE)
    contacts_table(window).setFocus()
    qtbot.keyClick(contacts_table(window), Qt.Key.Key_Delete)
    assert asked == ["Imranullah Khan"] and trashed(window) == 1
    window.undo_action.trigger()
    assert window.workspace.contacts.get(window.ids["Khan, Imran"]).first_name == "Imranullah"


def test_delete_with_unsaved_edits_discarded_deletes_the_saved_card(qtbot, window, answer):
    given, asked = answer
    edit_first_name(qtbot, window, "Khan, Imran", "ullah")
    given.append(UnsavedChoice.DISCARD)
    contacts_table(window).setFocus()
    qtbot.keyClick(contacts_table(window), Qt.Key.Key_Delete)
    assert asked == ["Imranullah Khan"] and trashed(window) == 1
    assert window.contacts_view.card.current_id() is None
    assert window.workspace.contacts.get(window.ids["Khan, Imran"]).first_name == "Imran"


@pytest.mark.parametrize("name", ["relationshipFilter", "tagFilter", "stageFilter"])
def test_delete_in_a_filter_combo_deletes_nothing(qtbot, window, name):
    select(window, "Khan, Imran")
    combo = window.findChild(QComboBox, name)
    combo.setFocus()
    assert window.focusWidget() is combo
    qtbot.keyClick(combo, Qt.Key.Key_Delete)
    assert trashed(window) == 0


def test_delete_while_typing_or_in_the_card_deletes_nothing(qtbot, window):
    select(window, "Khan, Imran")
    search = window.findChild(QLineEdit, "contactSearch")
    search.setFocus()
    search.setText("khanz")
    search.setCursorPosition(4)
    qtbot.keyClick(search, Qt.Key.Key_Delete)
    assert search.text() == "khan" and trashed(window) == 0  # the key deleted a letter, not a card
    select(window, "Khan, Imran")
    kind = window.findChild(QComboBox, "birthdayMonthCombo")
    kind.setFocus()
    qtbot.keyClick(kind, Qt.Key.Key_Delete)
    assert trashed(window) == 0
    window.sidebar.setFocus()
    qtbot.keyClick(window.sidebar, Qt.Key.Key_Delete)
    assert trashed(window) == 0


def test_delete_in_the_trash_table_asks_to_delete_forever(qtbot, window, monkeypatch):
    from crm_desktop.ui.trash import view as trash_view

    asked: list[str] = []
    monkeypatch.setattr(trash_view, "confirm", lambda parent, title, text: asked.append(text) or False)
    window.workspace.contacts.trash([window.ids["Khan, Imran"]])
    window.show_section(window.trash_view)
    trash = window.findChild(QTableView, "trashTable")
    trash.selectRow(0)
    window.findChild(QPushButton, "emptyTrashButton").setFocus()
    qtbot.keyClick(window.focusWidget(), Qt.Key.Key_Delete)
    assert asked == []  # focus on a button: nothing
    trash.setFocus()
    qtbot.keyClick(trash, Qt.Key.Key_Delete)
    assert len(asked) == 1


# ---- menus ------------------------------------------------------------------------------------------


def menu_actions(win) -> dict[str, QAction]:
    found = {}
    for top in win.menuBar().actions():
        for action in top.menu().actions():
            if not action.isSeparator():
                found[action.text().replace("&", "")] = action
    return found


def test_every_menu_item_is_wired(window):
    actions = menu_actions(window)
    assert list(actions) == ["New Person", "New Company", "New Deal...", "Labels...", "Quit", "Undo", "Redo",
                             "Find", "Delete", "Preferences...", "Log Call...", "Log Note...", "Schedule Follow-up...",
                             "Today", "Contacts", "Activities", "Pipeline", "Trash", "Contact Directory (A-Z)...",
                             "Contact Directory by Tag...", "Activity Report...", "Pipeline Report...",
                             "Dossier of the Selected Contact...", "About crm-desktop"]
    for text, action in actions.items():
        assert action.receivers("2triggered(bool)") >= 1, text
    assert actions["New Person"].shortcut().toString() == "Ctrl+N"
    assert actions["Delete"].shortcut().toString() == "Del"


def test_help_about_shows_the_version_and_the_data_file(qtbot, window, monkeypatch):
    shown: list[str] = []
    monkeypatch.setattr(about, "show_about", lambda parent, path: shown.append(about.about_text(path)))
    menu_actions(window)["About crm-desktop"].trigger()
    assert len(shown) == 1
    assert __version__ in shown[0] and str(window.workspace.path) in shown[0]


def test_preferences_opens_the_preferences_dialog(qtbot, window):
    menu_actions(window)["Preferences..."].trigger()
    dialog = window.findChild(PreferencesDialog)
    assert dialog is not None and dialog.isVisible()
    dialog.reject()


def test_view_menu_switches_sections_and_new_person_opens_the_form(qtbot, window):
    actions = menu_actions(window)
    actions["Trash"].trigger()
    assert window.stack.currentWidget() is window.trash_view
    actions["New Person"].trigger()
    assert window.stack.currentWidget() is window.contacts_view
    assert window.contacts_view.card.title.text() == "New person"
