"""The contact card with Urdu, Hindi and Tamil: right-to-left layout, text kept exactly as typed."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QPlainTextEdit

from crm_desktop.domain.contact import Address, Contact, ContactKind
from tests.ui.card_helpers import child, edit, retype, rows, save, type_text


def test_urdu_text_lays_out_right_to_left(qtbot, card, workspace):
    card.new_contact(ContactKind.PERSON)
    first = edit(card, "firstNameEdit")
    assert first.layoutDirection() == Qt.LayoutDirection.LeftToRight
    type_text(first, "عائشہ")
    assert first.layoutDirection() == Qt.LayoutDirection.RightToLeft
    assert child(card, QLabel, "cardTitle").layoutDirection() == Qt.LayoutDirection.RightToLeft
    notes = child(card, QPlainTextEdit, "notesEdit")
    type_text(notes, "اردو نوٹ")
    assert notes.document().defaultTextOption().textDirection() == Qt.LayoutDirection.RightToLeft
    retype(qtbot, first, "Ayesha")
    assert first.layoutDirection() == Qt.LayoutDirection.LeftToRight

    card.revert()
    saved = workspace.contacts.save(Contact(first_name="عائشہ", last_name="خان", company="Indus Textiles",
                                            addresses=[Address(city="لاہور", country="PK")]))  # fmt: skip
    card.show_contact(saved.id)
    assert edit(card, "lastNameEdit").layoutDirection() == Qt.LayoutDirection.RightToLeft
    assert edit(card, "cityEdit0").layoutDirection() == Qt.LayoutDirection.RightToLeft
    assert edit(card, "companyEdit").layoutDirection() == Qt.LayoutDirection.LeftToRight


@pytest.mark.parametrize(
    ("first", "last", "notes"),
    [("प्रिया", "शर्मा", "दिल्ली में मिले।\nअगले हफ़्ते फ़ोन करें"),
     ("தமிழ்செல்வி", "சுப்பிரமணியம்", "கொழும்பு  "),
     ("  Émile ", "O'Brien", "  indented\n\ttab  ")],
)  # fmt: skip
def test_text_round_trips_exactly_as_typed(qtbot, card, db_path, first, last, notes):
    card.new_contact(ContactKind.PERSON)
    type_text(edit(card, "firstNameEdit"), first)
    type_text(edit(card, "lastNameEdit"), last)
    child(card, QPlainTextEdit, "notesEdit").setPlainText(notes)
    contact_id = save(qtbot, card)
    assert rows(db_path, "SELECT first_name, last_name, notes FROM contacts WHERE id = ?", (contact_id,)) == [
        (first, last, notes)
    ]
    assert edit(card, "firstNameEdit").text() == first  # shown again exactly after the save
