"""The contact card marks invalid fields beside them and writes nothing until they are right."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLabel

from crm_desktop.domain.contact import Contact, ContactKind, Email
from tests.ui.card_helpers import button, child, edit, error_text, retype, rows, save


def test_an_invalid_email_is_marked_beside_the_field_and_blocks_saving(qtbot, card, workspace, db_path):
    saved = workspace.contacts.save(Contact(first_name="Ali", emails=[Email("ali@example.com")]))
    card.show_contact(saved.id)
    email = edit(card, "emailEdit0")
    retype(qtbot, email, "ali@@example")
    assert error_text(card, "emailEdit0")
    assert email.property("invalid") is True
    with qtbot.assertNotEmitted(card.contact_saved):
        qtbot.mouseClick(button(card, "saveButton"), Qt.MouseButton.LeftButton)
    assert rows(db_path, "SELECT address FROM contact_emails") == [("ali@example.com",)]
    assert child(card, QLabel, "cardStatus").text().startswith("Not saved")
    # Corrected, the mark goes and the save goes through.
    retype(qtbot, email, "ali@example.org")
    assert error_text(card, "emailEdit0") is None
    assert email.property("invalid") is False
    save(qtbot, card)
    assert rows(db_path, "SELECT address FROM contact_emails") == [("ali@example.org",)]


def test_an_invalid_phone_is_marked_and_nothing_is_written(qtbot, card, db_path):
    card.new_contact(ContactKind.PERSON)
    qtbot.keyClicks(edit(card, "firstNameEdit"), "Ali")
    qtbot.mouseClick(button(card, "addPhoneButton"), Qt.MouseButton.LeftButton)
    qtbot.keyClicks(edit(card, "phoneEdit0"), "12")
    assert error_text(card, "phoneEdit0")
    with qtbot.assertNotEmitted(card.contact_saved):
        qtbot.mouseClick(button(card, "saveButton"), Qt.MouseButton.LeftButton)
    assert rows(db_path, "SELECT count(*) FROM contacts") == [(0,)]
    assert card.focusWidget() is edit(card, "phoneEdit0")


def test_untouched_empty_fields_are_only_flagged_on_save(qtbot, card, db_path):
    card.new_contact(ContactKind.PERSON)
    qtbot.mouseClick(button(card, "addEmailButton"), Qt.MouseButton.LeftButton)
    assert error_text(card, "firstNameEdit") is None
    assert error_text(card, "emailEdit0") is None
    qtbot.mouseClick(button(card, "saveButton"), Qt.MouseButton.LeftButton)
    assert error_text(card, "firstNameEdit")
    assert error_text(card, "emailEdit0")
    assert rows(db_path, "SELECT count(*) FROM contacts") == [(0,)]


def test_a_half_filled_or_impossible_birthday_is_an_error(qtbot, card, db_path):
    card.new_contact(ContactKind.PERSON)
    qtbot.keyClicks(edit(card, "firstNameEdit"), "Ali")
    qtbot.keyClicks(edit(card, "birthdayYearEdit"), "1983")
    assert "day and a month" in error_text(card, "birthdayEdit")
    day, month = child(card, QComboBox, "birthdayDayCombo"), child(card, QComboBox, "birthdayMonthCombo")
    day.setCurrentIndex(day.findData(29))
    month.setCurrentIndex(month.findData(2))
    qtbot.mouseClick(button(card, "saveButton"), Qt.MouseButton.LeftButton)
    assert "no such date" in error_text(card, "birthdayEdit")  # 1983 was not a leap year
    assert rows(db_path, "SELECT count(*) FROM contacts") == [(0,)]
    retype(qtbot, edit(card, "birthdayYearEdit"), "1984")
    assert error_text(card, "birthdayEdit") is None
