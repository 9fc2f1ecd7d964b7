"""The contact card: create and edit contacts through the real form, inline validation, RTL, unsaved edits."""

from __future__ import annotations

import sqlite3
from contextlib import closing

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QComboBox, QLabel, QLineEdit, QPlainTextEdit, QPushButton, QToolButton

from crm_desktop.domain.contact import Address, Contact, ContactKind, Email, Phone
from crm_desktop.ui.contacts import card_prompt
from crm_desktop.ui.contacts.card import ContactCard
from crm_desktop.ui.contacts.card_prompt import UnsavedChoice


def unexpected_prompt(parent, name):
    raise AssertionError(f"the unsaved-changes prompt was shown for {name!r}")


@pytest.fixture
def card(qtbot, workspace, monkeypatch):
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


def rows(db_path, sql, params=()):
    """Read the file with a connection of its own: what a restart of the program would see."""
    with closing(sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)) as conn:
        return conn.execute(sql, params).fetchall()


def child(card, kind, name):
    widget = card.findChild(kind, name)
    assert widget is not None, f"no {kind.__name__} named {name}"
    return widget


def edit(card, name) -> QLineEdit:
    return child(card, QLineEdit, name)


def button(card, name) -> QPushButton:
    return child(card, QPushButton, name)


def error_text(card, name) -> str | None:
    """The red message under a field, or None when it is hidden."""
    label = child(card, QLabel, f"{name}Error")
    return label.text() if not label.isHidden() else None


def type_text(widget, text: str) -> None:
    """Type any script, one key event per character as a keyboard layout sends them.

    QTest.keyClicks only knows ASCII keys (it aborts on Urdu), so non-Latin text is sent as key events
    that carry the character in their text, which is what the editors insert.
    """
    widget.setFocus()
    for ch in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, ch))


def retype(qtbot, line: QLineEdit, text: str) -> None:
    line.setFocus()
    line.selectAll()
    qtbot.keyClick(line, Qt.Key.Key_Backspace)
    type_text(line, text)


def save(qtbot, card) -> int:
    with qtbot.waitSignal(card.contact_saved, timeout=2000) as blocker:
        qtbot.mouseClick(button(card, "saveButton"), Qt.MouseButton.LeftButton)
    return blocker.args[0]


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
    assert save_button.isEnabled()
    assert child(card, QLabel, "cardTitle").text() == "Ayesha Khan"

    contact_id = save(qtbot, card)

    assert rows(db_path, "SELECT first_name, last_name, primary_email, primary_phone FROM contacts WHERE id = ?",
                (contact_id,)) == [("Ayesha", "Khan", "ayesha@indus.pk", "0300 1234567")]  # fmt: skip
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


def test_switching_with_unsaved_edits_asks_first(qtbot, card, workspace, monkeypatch):
    one = workspace.contacts.save(Contact(first_name="One"))
    two = workspace.contacts.save(Contact(first_name="Two"))
    asked: list[str] = []
    answer = UnsavedChoice.STAY
    monkeypatch.setattr(card_prompt, "ask_unsaved_changes", lambda parent, name: asked.append(name) or answer)

    card.show_contact(one.id)
    card.show_contact(two.id)
    assert asked == []  # nothing edited, nothing asked
    card.show_contact(one.id)
    retype(qtbot, edit(card, "firstNameEdit"), "One edited")

    with qtbot.waitSignal(card.contact_kept) as kept:
        card.show_contact(two.id)
    assert asked == ["One edited"]
    assert kept.args == [one.id]
    assert card.current_id() == one.id
    assert edit(card, "firstNameEdit").text() == "One edited"  # the edits are still there

    answer = UnsavedChoice.DISCARD
    card.show_contact(two.id)
    assert card.current_id() == two.id
    assert workspace.contacts.get(one.id).first_name == "One"

    retype(qtbot, edit(card, "firstNameEdit"), "Two edited")
    answer = UnsavedChoice.SAVE
    card.show_contact(one.id)
    assert card.current_id() == one.id
    assert workspace.contacts.get(two.id).first_name == "Two edited"
    assert len(asked) == 3


def test_a_save_that_fails_validation_keeps_the_card_when_switching(qtbot, card, workspace, monkeypatch):
    one = workspace.contacts.save(Contact(first_name="One", emails=[Email("one@example.com")]))
    two = workspace.contacts.save(Contact(first_name="Two"))
    monkeypatch.setattr(card_prompt, "ask_unsaved_changes", lambda parent, name: UnsavedChoice.SAVE)
    card.show_contact(one.id)
    retype(qtbot, edit(card, "emailEdit0"), "broken@")
    card.show_contact(two.id)
    assert card.current_id() == one.id
    assert error_text(card, "emailEdit0")
    assert workspace.contacts.get(one.id).emails == [Email("one@example.com")]


def test_follows_changes_made_elsewhere(qtbot, card, workspace):
    saved = workspace.contacts.save(Contact(first_name="Ali", tags=["vip"]))
    card.show_contact(saved.id)
    workspace.contacts.set_tag([saved.id], "lahore")
    qtbot.waitUntil(lambda: edit(card, "tagsEdit").text() == "lahore, vip")
    workspace.contacts.trash([saved.id])
    qtbot.waitUntil(lambda: card.current_id() is None)
    assert child(card, QLabel, "cardEmptyState").isVisible()


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


def test_a_change_made_elsewhere_does_not_overwrite_edits_in_progress(qtbot, card, workspace):
    saved = workspace.contacts.save(Contact(first_name="Ali"))
    card.show_contact(saved.id)
    retype(qtbot, edit(card, "firstNameEdit"), "Ali Raza")
    workspace.contacts.set_tag([saved.id], "vip")
    qtbot.wait(10)
    assert edit(card, "firstNameEdit").text() == "Ali Raza"
    assert card.has_unsaved_changes()


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


@pytest.mark.parametrize(
    ("button_clicked", "choice"),
    [("Save", UnsavedChoice.SAVE), ("Discard", UnsavedChoice.DISCARD), ("Cancel", UnsavedChoice.STAY)],
)
def test_the_real_prompt_maps_its_buttons_to_choices(qtbot, monkeypatch, button_clicked, choice):
    from PySide6.QtWidgets import QMessageBox, QWidget

    shown = []

    def answer(box):  # stands in for the user: no event loop, no waiting
        shown.append((box.text(), box.standardButtons()))
        return getattr(QMessageBox.StandardButton, button_clicked)

    monkeypatch.setattr(QMessageBox, "exec", answer)
    parent = QWidget()
    qtbot.addWidget(parent)
    assert card_prompt.ask_unsaved_changes(parent, "عائشہ خان") is choice
    assert "عائشہ خان" in shown[0][0]


def test_tab_goes_through_the_rows_in_order(qtbot, card, workspace):
    saved = workspace.contacts.save(Contact(first_name="Ali", phones=[Phone("0300 1111111")]))
    card.show_contact(saved.id)
    qtbot.mouseClick(button(card, "addPhoneButton"), Qt.MouseButton.LeftButton)
    first, second = edit(card, "phoneEdit0"), edit(card, "phoneEdit1")
    assert first.nextInFocusChain() is child(card, QToolButton, "removePhoneButton0")
    combo = child(card, QComboBox, "phoneLabelCombo1")
    assert child(card, QToolButton, "removePhoneButton0").nextInFocusChain() in (combo, combo.lineEdit())
    assert second.nextInFocusChain() is child(card, QToolButton, "removePhoneButton1")
