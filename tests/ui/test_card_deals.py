"""The Deals section of the contact card over a real database file: New deal… fills the card in, the
list shows each deal's stage, value and close, opens one on double-click or Enter, and follows changes."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
import shiboken6
from PySide6.QtCore import Qt

from crm_desktop.domain.clock import FixedClock
from crm_desktop.domain.money import Money
from crm_desktop.services.workspace import open_workspace
from crm_desktop.ui.contacts import card_prompt
from crm_desktop.ui.contacts.bidi import RTL_ROLE
from crm_desktop.ui.contacts.card import ContactCard
from crm_desktop.ui.contacts.card_deals import CLOSE, STAGE, TITLE, VALUE
from crm_desktop.ui.pipeline.deal_dialog import DealDialog
from tests.ui.card_helpers import rows, unexpected_prompt
from tests.ui.deal_helpers import KARACHI, START, click_save, saved_deal
from tests.ui.sample_contacts import fill


@pytest.fixture
def clock():
    return FixedClock(START, KARACHI)


@pytest.fixture
def ws(db_path, clock):
    workspace = open_workspace(db_path, clock)
    workspace.ids = fill(workspace)
    yield workspace
    workspace.close()


@pytest.fixture
def card(qtbot, ws, monkeypatch):
    monkeypatch.setattr(card_prompt, "ask_unsaved_changes", unexpected_prompt)
    widget = ContactCard(ws)
    qtbot.addWidget(widget)
    widget.resize(700, 1000)
    widget.show()
    qtbot.waitExposed(widget)
    yield widget
    for dialog in widget.findChildren(DealDialog):
        if shiboken6.isValid(dialog):
            dialog.close()


def listed(card) -> list[list[str]]:
    tree = card.deals.list
    return [[tree.topLevelItem(i).text(c) for c in (TITLE, STAGE, VALUE, CLOSE)]
            for i in range(tree.topLevelItemCount())]  # fmt: skip


def test_new_deal_from_the_card_is_filled_in_and_saved_in_rupees(qtbot, card, ws, db_path):
    card.show_contact(ws.ids["Kareem, Bilal"])
    assert card.deals.title.text() == "<b>Deals</b>" and card.deals.empty.text().startswith("No deals yet")
    with qtbot.waitSignal(card.deals.deal_opened) as opened:
        qtbot.mouseClick(card.deals.new_button, Qt.MouseButton.LeftButton)
    dialog = opened.args[0]
    assert isinstance(dialog, DealDialog) and dialog.isVisible() and not dialog.isModal()
    assert dialog.form.contact.text() == "Bilal Kareem" and dialog.form.company.text() == ""
    assert dialog.progress is None  # nothing to show before it is saved
    qtbot.keyClicks(dialog.form.title, "Cotton bales")
    qtbot.keyClicks(dialog.form.amount, "12,34,567")
    dialog.form.currency.setCurrentIndex(dialog.form.currency.findText("INR"))
    with qtbot.waitSignal(dialog.saved) as saved:
        click_save(qtbot, dialog)
    deal = ws.pipeline.get(saved.args[0])
    assert (deal.title, deal.value, deal.contact_id, deal.stage) == (
        "Cotton bales", Money(123456700, "INR"), ws.ids["Kareem, Bilal"], "lead")
    assert rows(db_path, "SELECT title, value_minor, currency FROM deals") == [("Cotton bales", 123456700, "INR")]
    # The section followed the save without being told.
    assert listed(card) == [["Cotton bales", "Lead", "₹12,34,567.00", ""]]
    assert card.deals.title.text() == "<b>1 deal</b>"


def test_a_company_cards_new_deal_has_the_company_filled_in(qtbot, card, ws):
    card.show_contact(ws.ids["Zenith Traders"])
    dialog = card.deals.new_deal()
    assert (dialog.form.company.text(), dialog.form.contact.text()) == ("Zenith Traders", "")
    qtbot.keyClicks(dialog.form.title, "Dyes")
    with qtbot.waitSignal(dialog.saved) as saved:
        click_save(qtbot, dialog)
    assert ws.pipeline.get(saved.args[0]).company_id == ws.ids["Zenith Traders"]
    assert listed(card)[0][:2] == ["Dyes", "Lead"]


def test_the_section_lists_open_deals_first_and_closed_ones_with_their_outcome(qtbot, card, ws, clock):
    bilal = ws.ids["Kareem, Bilal"]
    saved_deal(ws, bilal, "Looms", 2_50_000_00, expected_close=date(2026, 12, 20))
    saved_deal(ws, bilal, "کپڑے کا آرڈر", 75_000_00, stage="lead", expected_close=date(2026, 12, 5))
    won = saved_deal(ws, bilal, "Yarn", 10_000_00, "USD", stage="negotiation")
    lost = saved_deal(ws, bilal, "Old order", stage="proposal")
    clock.advance(timedelta(days=2))
    ws.pipeline.move(won.id, "won")
    ws.pipeline.move(lost.id, "lost", "price")
    card.show_contact(bilal)
    shown = listed(card)
    assert shown[:2] == [["کپڑے کا آرڈر", "Lead", "Rs75,000.00", "2026-12-05"],
                         ["Looms", "Proposal", "Rs250,000.00", "2026-12-20"]]  # fmt: skip
    assert sorted(shown[2:]) == [["Old order", "Lost", "Rs50,000.00", "Lost 2026-11-25"],
                                 ["Yarn", "Won", "$10,000.00", "Won 2026-11-25"]]  # fmt: skip
    assert card.deals.title.text() == "<b>4 deals · 2 open</b>"
    tree = card.deals.list
    assert tree.topLevelItem(0).data(TITLE, RTL_ROLE) is True  # the Urdu title is laid out right to left
    # Moved on the board elsewhere: the card follows.
    looms = next(r for r in ws.pipeline.contact_deals(bilal) if r.title == "Looms")
    ws.pipeline.move(looms.id, "negotiation")
    assert ["Looms", "Negotiation"] in [r[:2] for r in listed(card)]
    card.show_contact(ws.ids["Lovelace, Ada"])
    assert listed(card) == [] and card.deals.stack.currentWidget() is card.deals.empty


def test_double_click_or_enter_opens_the_deal(qtbot, card, ws):
    bilal = ws.ids["Kareem, Bilal"]
    looms = saved_deal(ws, bilal, "Looms")
    saved_deal(ws, bilal, "Yarn", stage="lead")
    card.show_contact(bilal)
    tree = card.deals.list
    item = next(tree.topLevelItem(i) for i in range(2) if tree.topLevelItem(i).text(TITLE) == "Looms")
    rect = tree.visualItemRect(item)
    assert rect.isValid() and tree.viewport().rect().contains(rect.center())
    position = rect.center()
    qtbot.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=position)
    with qtbot.waitSignal(card.deals.deal_opened) as opened:
        qtbot.mouseDClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=position)
    dialog = opened.args[0]
    assert dialog.deal().id == looms.id and dialog.form.title.text() == "Looms"
    assert dialog.progress is not None and dialog.progress.history.topLevelItemCount() == 1
    dialog.close()

    tree.setFocus()
    tree.setCurrentItem(tree.topLevelItem(0))
    with qtbot.waitSignal(card.deals.deal_opened) as opened:
        qtbot.keyClick(tree, Qt.Key.Key_Return)
    assert opened.args[0].form.title.text() == tree.topLevelItem(0).text(TITLE)
