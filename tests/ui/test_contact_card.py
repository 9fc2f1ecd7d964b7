"""The contact card: create and edit contacts through the real form, labels, kinds, keyboard order."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QPlainTextEdit, QToolButton

from crm_desktop.domain.contact import Contact, ContactKind, Phone
from tests.ui.card_helpers import button, child, edit, retype, rows, save


def test_empty_state_until_a_contact_is_chosen(card):
    assert child(card, QLabel, "cardEmptyState").isVisible()
    assert not child(card, QLabel, "cardTitle").isVisible()


def test_create_a_contact_through_the_form(qtbot, card, db_path):
    card.new_contact(ContactKind.PERSON)
    save_button = button(card, "saveButton")
    assert not save_button.isEnabled()  # nothing typed yet
    qtbot.keyClicks(edit(card, "firstNameEdit"), "Ayesha")
    qtbot.keyClicks(edit(card, "lastNameEdit"), "Khan")
    qtbot.mouseClick(button(card, "addEmailButton"), Qt.MouseButton.LeftButton)
    qtbot.keyClicks(edit(card, "emailEdit0"), "ayesha@indus.pk")
    qtbot.mouseClick(button(card, "addPhoneButton"), Qt.MouseButton.LeftButton)
    qtbot.keyClicks(edit(card, "phoneEdit0"), "0300 1234567")
    qtbot.keyClicks(edit(card, "tagsEdit"), "vip, lahore")
    qtbot.keyClicks(edit(card, "labelNameEdit"), "The Khan Family")
    assert save_button.isEnabled()
    assert child(card, QLabel, "cardTitle").text() == "Ayesha Khan"

    contact_id = save(qtbot, card)

    assert rows(db_path, "SELECT first_name, last_name, primary_email, primary_phone, label_name FROM contacts "
                "WHERE id = ?", (contact_id,)) == [("Ayesha", "Khan", "ayesha@indus.pk", "0300 1234567",
                                                   "The Khan Family")]  # fmt: skip
    assert sorted(rows(db_path, "SELECT t.name FROM contact_tags ct JOIN tags t ON t.id = ct.tag_id")) == [
        ("lahore",), ("vip",)
    ]
    assert card.current_id() == contact_id
    assert not save_button.isEnabled()  # the saved values are shown, nothing left to save
    assert "Created" in child(card, QLabel, "timestampsLabel").text()


def test_a_company_card(qtbot, card, db_path):
    card.new_contact(ContactKind.COMPANY)
    assert not edit(card, "firstNameEdit").isVisible()
    qtbot.keyClicks(edit(card, "companyEdit"), "Lanka Tea Exports (Pvt) Ltd")
    contact_id = save(qtbot, card)
    assert rows(db_path, "SELECT kind, company FROM contacts WHERE id = ?", (contact_id,)) == [
        ("company", "Lanka Tea Exports (Pvt) Ltd")
    ]


def test_edit_an_existing_contact_and_save_with_ctrl_s(qtbot, card, workspace, db_path):
    saved = workspace.contacts.save(Contact(first_name="Ravi", company="Old Co", phones=[Phone("0300 1234567")]))
    card.show_contact(saved.id)
    assert edit(card, "companyEdit").text() == "Old Co"
    retype(qtbot, edit(card, "companyEdit"), "New Co")
    qtbot.keyClicks(child(card, QPlainTextEdit, "notesEdit"), "Line one")
    assert button(card, "saveButton").isEnabled()
    card.activateWindow()
    qtbot.waitUntil(card.isActiveWindow)
    with qtbot.waitSignal(card.contact_saved, timeout=2000):
        qtbot.keyClick(child(card, QPlainTextEdit, "notesEdit"), Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert rows(db_path, "SELECT company, notes FROM contacts WHERE id = ?", (saved.id,)) == [("New Co", "Line one")]


def test_revert_discards_the_edits(qtbot, card, workspace):
    saved = workspace.contacts.save(Contact(first_name="Ravi", last_name="Kumar"))
    card.show_contact(saved.id)
    retype(qtbot, edit(card, "lastNameEdit"), "Sharma")
    assert child(card, QLabel, "cardTitle").text() == "Ravi Sharma"
    qtbot.mouseClick(button(card, "revertButton"), Qt.MouseButton.LeftButton)
    assert edit(card, "lastNameEdit").text() == "Kumar"
    assert not button(card, "saveButton").isEnabled()
    assert workspace.contacts.get(saved.id).last_name == "Kumar"


def test_remove_a_phone_row(qtbot, card, workspace, db_path):
    saved = workspace.contacts.save(
        Contact(first_name="Ali", phones=[Phone("0300 1111111", "mobile"), Phone("042 35761234", "work")])
    )
    card.show_contact(saved.id)
    qtbot.mouseClick(child(card, QToolButton, "removePhoneButton0"), Qt.MouseButton.LeftButton)
    assert edit(card, "phoneEdit0").text() == "042 35761234"  # the rows were renumbered
    assert card.findChild(QLineEdit, "phoneEdit1") is None
    save(qtbot, card)
    assert rows(db_path, "SELECT label, number FROM contact_phones") == [("work", "042 35761234")]


def test_an_address_with_a_country(qtbot, card, db_path):
    card.new_contact(ContactKind.PERSON)
    qtbot.keyClicks(edit(card, "firstNameEdit"), "Ali")
    qtbot.mouseClick(button(card, "addAddressButton"), Qt.MouseButton.LeftButton)
    qtbot.keyClicks(child(card, QPlainTextEdit, "streetEdit0"), "House 12")
    qtbot.keyClick(child(card, QPlainTextEdit, "streetEdit0"), Qt.Key.Key_Return)
    qtbot.keyClicks(child(card, QPlainTextEdit, "streetEdit0"), "Gulberg III")
    qtbot.keyClicks(edit(card, "cityEdit0"), "Lahore")
    country = child(card, QComboBox, "countryCombo0")
    country.setCurrentIndex(country.findData("PK"))
    assert "Pakistan" in country.currentText()
    save(qtbot, card)
    assert rows(db_path, "SELECT street, city, country FROM contact_addresses") == [
        ("House 12\nGulberg III", "Lahore", "PK")
    ]


def test_birthday_without_a_year(qtbot, card, db_path):
    card.new_contact(ContactKind.PERSON)
    qtbot.keyClicks(edit(card, "firstNameEdit"), "Ali")
    day, month = child(card, QComboBox, "birthdayDayCombo"), child(card, QComboBox, "birthdayMonthCombo")
    day.setCurrentIndex(day.findData(29))
    month.setCurrentIndex(month.findData(2))
    contact_id = save(qtbot, card)
    assert rows(db_path, "SELECT birthday_year, birthday_month, birthday_day FROM contacts WHERE id = ?",
                (contact_id,)) == [(None, 2, 29)]  # fmt: skip
    assert edit(card, "birthdayYearEdit").text() == ""


def test_stored_labels_are_kept_as_they_are(qtbot, card, workspace, db_path):
    saved = workspace.contacts.save(
        Contact(first_name="Ali", phones=[Phone("0300 1111111", "Mobile"), Phone("042 35761234", "Dubai office")])
    )
    card.show_contact(saved.id)
    assert not card.has_unsaved_changes()
    assert child(card, QComboBox, "phoneLabelCombo1").currentText() == "Dubai office"
    qtbot.keyClicks(edit(card, "nicknameEdit"), "Bhai")
    save(qtbot, card)
    assert rows(db_path, "SELECT label FROM contact_phones ORDER BY position") == [("Mobile",), ("Dubai office",)]
    # A preset picked from the list is stored by its value.
    combo = child(card, QComboBox, "phoneLabelCombo1")
    combo.setCurrentIndex(combo.findText("Home"))
    save(qtbot, card)
    assert rows(db_path, "SELECT label FROM contact_phones ORDER BY position") == [("Mobile",), ("home",)]


def test_switching_a_company_back_to_a_person_keeps_the_name_parts(qtbot, card, workspace):
    saved = workspace.contacts.save(Contact(first_name="Ali", company="Raza Traders"))
    card.show_contact(saved.id)
    kind = child(card, QComboBox, "kindCombo")
    kind.setCurrentIndex(kind.findData("company"))
    assert not edit(card, "firstNameEdit").isVisible()
    assert child(card, QLabel, "cardTitle").text() == "Raza Traders"
    kind.setCurrentIndex(kind.findData("person"))
    assert edit(card, "firstNameEdit").text() == "Ali"
    assert not card.has_unsaved_changes()


def test_tab_goes_through_the_rows_in_order(qtbot, card, workspace):
    saved = workspace.contacts.save(Contact(first_name="Ali", phones=[Phone("0300 1111111")]))
    card.show_contact(saved.id)
    qtbot.mouseClick(button(card, "addPhoneButton"), Qt.MouseButton.LeftButton)
    first, second = edit(card, "phoneEdit0"), edit(card, "phoneEdit1")
    assert first.nextInFocusChain() is child(card, QToolButton, "removePhoneButton0")
    combo = child(card, QComboBox, "phoneLabelCombo1")
    assert child(card, QToolButton, "removePhoneButton0").nextInFocusChain() in (combo, combo.lineEdit())
    assert second.nextInFocusChain() is child(card, QToolButton, "removePhoneButton1")


def test_the_card_keeps_each_phones_country_when_the_home_country_changed(qtbot, card, workspace, db_path):
    saved = workspace.contacts.save(Contact(first_name="Imran", phones=[Phone("0300 5551234"), Phone("0300 7654321")]))
    workspace.preferences.default_region = "IN"
    card.show_contact(saved.id)
    assert not card.has_unsaved_changes()
    assert not button(card, "saveButton").isEnabled()
    qtbot.keyClicks(edit(card, "nicknameEdit"), "Bhai")
    retype(qtbot, edit(card, "phoneEdit1"), "098765 43210")  # a changed number is read afresh, as Indian
    save(qtbot, card)
    assert rows(db_path, "SELECT number, region FROM contact_phones ORDER BY position") == [
        ("0300 5551234", "PK"), ("098765 43210", "IN")
    ]
    assert not card.has_unsaved_changes()
