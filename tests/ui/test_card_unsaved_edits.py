"""The contact card never drops unsaved edits: it asks before switching, and changes made elsewhere wait."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QLabel

from crm_desktop.domain.contact import Contact, Email
from crm_desktop.ui.contacts import card_prompt
from crm_desktop.ui.contacts.card_prompt import UnsavedChoice
from tests.ui.card_helpers import child, edit, error_text, retype


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


def test_a_change_made_elsewhere_does_not_overwrite_edits_in_progress(qtbot, card, workspace):
    saved = workspace.contacts.save(Contact(first_name="Ali"))
    card.show_contact(saved.id)
    retype(qtbot, edit(card, "firstNameEdit"), "Ali Raza")
    workspace.contacts.set_tag([saved.id], "vip")
    qtbot.wait(10)
    assert edit(card, "firstNameEdit").text() == "Ali Raza"
    assert card.has_unsaved_changes()


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
