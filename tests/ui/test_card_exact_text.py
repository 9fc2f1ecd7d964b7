"""The card saves text the user did not touch exactly as stored (CRLF line ends, no-break spaces ...)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QPlainTextEdit

from crm_desktop.domain.contact import Address, Contact
from tests.ui.card_helpers import button, child, edit, rows, save, type_text

NOTES = "Met at the Lahore fair\r\nCall after Eid\r\n"
STREET = "House 5\r\nMall Road"


def _saved(workspace, notes=NOTES):
    return workspace.contacts.save(Contact(first_name="Imran", notes=notes, addresses=[Address(STREET, "Lahore")]))


def test_crlf_text_loads_clean_and_untouched_fields_save_exactly(qtbot, card, workspace, db_path):
    saved = _saved(workspace)
    card.show_contact(saved.id)
    assert not card.has_unsaved_changes()
    assert not button(card, "saveButton").isEnabled()
    qtbot.keyClicks(edit(card, "nicknameEdit"), "Bhai")
    save(qtbot, card)
    assert rows(db_path, "SELECT notes, nickname FROM contacts") == [(NOTES, "Bhai")]
    assert rows(db_path, "SELECT street FROM contact_addresses") == [(STREET,)]
    assert not card.has_unsaved_changes()


def test_other_characters_the_editor_would_change_are_kept_too(qtbot, card, workspace, db_path):
    notes = "Rs\u00a0500 advance\u2028paid\rin cash"  # no-break space, line separator, a lone CR
    saved = _saved(workspace, notes)
    card.show_contact(saved.id)
    assert not card.has_unsaved_changes()
    qtbot.keyClicks(edit(card, "nicknameEdit"), "Bhai")
    save(qtbot, card)
    assert rows(db_path, "SELECT notes FROM contacts") == [(notes,)]


def test_edited_notes_keep_their_crlf_line_ends_and_no_break_spaces(qtbot, card, workspace, db_path):
    saved = _saved(workspace, "Rs\u00a0500\r\nadvance")
    card.show_contact(saved.id)
    notes = child(card, QPlainTextEdit, "notesEdit")
    notes.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClick(notes, Qt.Key.Key_Return)
    type_text(notes, "paid")
    assert card.has_unsaved_changes()
    save(qtbot, card)
    assert rows(db_path, "SELECT notes FROM contacts") == [("Rs\u00a0500\r\nadvance\r\npaid",)]


def test_a_line_typed_with_shift_enter_is_a_line_feed(qtbot, card, workspace, db_path):
    saved = _saved(workspace, "first")
    card.show_contact(saved.id)
    notes = child(card, QPlainTextEdit, "notesEdit")
    notes.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClick(notes, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    type_text(notes, "second")
    save(qtbot, card)
    assert rows(db_path, "SELECT notes FROM contacts") == [("first\nsecond",)]
