"""The deal dialog over a real database file, with real widgets offscreen: inline errors and nothing
half-saved, the Lost stage and its reason, a saved deal's next step, history and timeline, the activity
dialog's deal link, and Urdu laid out right to left."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCompleter

from crm_desktop.domain.activity import Activity, ActivityKind
from crm_desktop.domain.clock import FixedClock
from crm_desktop.domain.contact import Contact, ContactKind
from crm_desktop.domain.deal import DealStatus
from crm_desktop.domain.money import Money
from crm_desktop.services.workspace import open_workspace
from crm_desktop.ui.activities import dialog as activity_dialog
from crm_desktop.ui.activities.dialog import ActivityDialog
from crm_desktop.ui.change_bridge import ChangeBridge
from crm_desktop.ui.pipeline.deal_dialog import DealDialog, open_deal
from tests.ui.card_helpers import rows, type_text
from tests.ui.deal_helpers import KARACHI, START, click_save, deal_count, row_error, saved_deal
from tests.ui.sample_contacts import fill


@pytest.fixture
def clock():
    return FixedClock(START, KARACHI)


@pytest.fixture
def ws(db_path, clock, monkeypatch):
    monkeypatch.setattr(activity_dialog, "ask_pester", lambda parent, warning: True)
    workspace = open_workspace(db_path, clock)
    workspace.ids = fill(workspace)
    yield workspace
    workspace.close()


@pytest.fixture
def bridge(ws):
    made = ChangeBridge(ws.changes)
    yield made
    made.detach()
    made.deleteLater()


@pytest.fixture
def show(qtbot, ws, bridge):
    """Open a deal (a Deal or an id) as the board or the card would; the dialogs still open are closed
    afterwards (a saved one has deleted itself already)."""
    opened: list[DealDialog] = []

    def shown(deal_or_id) -> DealDialog:
        dialog = open_deal(ws, bridge, deal_or_id, None)
        opened.append(dialog)
        qtbot.waitExposed(dialog)
        return dialog

    yield shown
    for dialog in opened:
        if shiboken6.isValid(dialog):
            dialog.close()


def test_an_empty_title_and_a_bad_amount_are_marked_and_nothing_is_saved(qtbot, ws, show, db_path):
    dialog = show(ws.pipeline.new_deal(ws.contacts.get(ws.ids["Kareem, Bilal"])))
    assert not dialog.isModal()
    assert dialog.form.contact.text() == "Bilal Kareem"
    assert dialog.form.currency.currentText() == ws.pipeline_preferences.currency == "PKR"
    qtbot.keyClicks(dialog.form.amount, "lakh")
    assert row_error(dialog, "value") == "'lakh' is not an amount"  # marked as soon as it is typed
    assert row_error(dialog, "title") is None  # not touched yet
    click_save(qtbot, dialog)
    assert dialog.isVisible()
    assert row_error(dialog, "title") == "A deal needs a title."
    assert row_error(dialog, "value") == "'lakh' is not an amount"
    assert dialog.status.text() == "Not saved: correct the fields marked in red."
    assert dialog.focusWidget() is dialog.form.title  # the first field in error
    assert deal_count(db_path) == 0

    qtbot.keyClicks(dialog.form.title, "Looms")
    dialog.form.amount.clear()
    qtbot.keyClicks(dialog.form.amount, "12.345")  # PKR has two decimals
    assert row_error(dialog, "title") is None
    assert row_error(dialog, "value") == "PKR amounts have at most 2 decimals: '12.345'"
    click_save(qtbot, dialog)
    assert deal_count(db_path) == 0
    dialog.form.amount.clear()
    type_text(dialog.form.amount, "۱۲۳٫۵")  # Urdu digits and decimal point
    with qtbot.waitSignal(dialog.saved) as saved:
        click_save(qtbot, dialog)
    assert ws.pipeline.get(saved.args[0]).value == Money(12350, "PKR")
    assert not dialog.isVisible()


def test_a_name_typed_but_not_chosen_is_refused_and_a_company_is_offered_for_the_person(qtbot, ws, show, db_path):
    textiles = ws.contacts.save(Contact(kind=ContactKind.COMPANY, company="Khan Textiles"))
    dialog = show(ws.pipeline.new_deal())
    form = dialog.form
    qtbot.keyClicks(form.title, "Dyeing")
    for picker in (form.contact, form.company):
        picker.completer.setCompletionMode(QCompleter.CompletionMode.InlineCompletion)  # no popup offscreen
    qtbot.keyClicks(form.contact, "Nobody")
    click_save(qtbot, dialog)
    assert "No card is named 'Nobody'" in row_error(dialog, "contact")
    assert deal_count(db_path) == 0

    form.contact.clear()
    qtbot.keyClicks(form.company, "khan")
    assert form.company.completer.model().stringList() == ["Khan Textiles"]  # companies only, not Imran Khan
    form.company.clear()
    qtbot.keyClicks(form.contact, "imran")
    assert form.contact.completer.model().stringList() == ["Imran Khan"]
    form.contact.choose_name("Imran Khan")
    assert form.company.text() == "Khan Textiles"  # his company's card, offered because it is the only one
    with qtbot.waitSignal(dialog.saved) as saved:
        click_save(qtbot, dialog)
    deal = ws.pipeline.get(saved.args[0])
    assert (deal.contact_id, deal.company_id) == (ws.ids["Khan, Imran"], textiles.id)


def test_the_lost_stage_asks_its_reason_and_probability_defaults_to_the_stage(qtbot, ws, show):
    deal = saved_deal(ws, ws.ids["Kareem, Bilal"], probability=40)
    dialog = show(deal.id)
    form = dialog.form
    assert form.probability.value() == 40 and form.probability.isVisible()
    assert not form.lost_reason.isVisible() and not form.rows["lost_reason"].isVisible()
    form.probability.setValue(form.probability.minimum())
    assert form.probability.text() == "Stage default (50%)"
    form.stage.setCurrentIndex(form.stage.findData("lost"))
    assert form.rows["lost_reason"].isVisible() and not form.rows["probability"].isVisible()
    assert [form.lost_reason.itemText(i) for i in range(form.lost_reason.count())][:3] == ["", "price",
                                                                                          "went to a competitor"]
    click_save(qtbot, dialog)
    assert row_error(dialog, "lost_reason") == "A lost deal needs its reason."
    assert ws.pipeline.get(deal.id).status is DealStatus.OPEN  # nothing written
    form.lost_reason.setCurrentText("went to a competitor")
    assert row_error(dialog, "lost_reason") is None
    with qtbot.waitSignal(dialog.saved):
        click_save(qtbot, dialog)
    lost = ws.pipeline.get(deal.id)
    assert (lost.status, lost.lost_reason, lost.closed_on, lost.probability) == (
        DealStatus.LOST, "went to a competitor", date(2026, 11, 23), None)
    again = show(deal.id)
    assert again.form.closed_on.text() == "2026-11-23" and again.form.closed_on.isVisible()
    assert [k for k, _ in ws.pipeline.history(deal.id)] == ["proposal", "lost"]


def test_a_saved_deal_shows_its_history_timeline_and_next_step_and_schedules_one(qtbot, ws, show, clock):
    ali = ws.ids["صدیقی، عائشہ"]
    deal = saved_deal(ws, ali, "کپڑے کا آرڈر", 12_34_567_00, "INR", stage="lead")
    clock.advance(timedelta(days=3))
    ws.pipeline.move(deal.id, "proposal")
    ws.activities.save(Activity(ali, ActivityKind.CALL, subject="Sent the price list", at=clock.now(), deal_id=deal.id))
    ws.activities.save(Activity(ali, ActivityKind.NOTE, subject="Not about the deal", at=clock.now()))
    dialog = show(deal.id)
    progress = dialog.progress
    assert dialog.form.amount.text() == "12,34,567" and dialog.form.currency.currentText() == "INR"
    assert dialog.heading.text() == "کپڑے کا آرڈر"
    assert dialog.heading.layoutDirection() == Qt.LayoutDirection.RightToLeft
    history = [[progress.history.topLevelItem(i).text(c) for c in range(3)]
               for i in range(progress.history.topLevelItemCount())]  # fmt: skip
    assert history == [["Lead", "2026-11-23", "3"], ["Proposal", "2026-11-26", "0"]]
    assert progress.timeline_subjects() == ["Sent the price list"]
    assert progress.next_step.text().startswith("Nothing scheduled")

    with qtbot.waitSignal(progress.activity_dialog_opened) as opened:
        qtbot.mouseClick(progress.schedule_button, Qt.MouseButton.LeftButton)
    activity = opened.args[0]
    assert isinstance(activity, ActivityDialog) and activity.isVisible()
    assert activity.state_open.isChecked()
    assert activity.deal.currentData() == deal.id and activity.deal.isVisible()
    activity.subject.clear()
    qtbot.keyClicks(activity.subject, "Visit with samples")
    with qtbot.waitSignal(activity.saved) as saved:
        qtbot.mouseClick(activity.save_button, Qt.MouseButton.LeftButton)
    assert ws.activities.get(saved.args[0]).deal_id == deal.id
    # Refreshed by the change: no reopening needed.
    assert progress.timeline_subjects() == ["Visit with samples", "Sent the price list"]
    assert progress.next_step.text() == "Call · 2026-11-27 09:00 · Visit with samples"

    with qtbot.waitSignal(progress.activity_dialog_opened) as opened:
        qtbot.mouseClick(progress.log_button, Qt.MouseButton.LeftButton)
    logged = opened.args[0]
    assert logged.state_done.isChecked() and logged.deal.currentData() == deal.id
    logged.reject()


def test_the_activity_dialog_links_to_one_of_the_contacts_open_deals(qtbot, ws):
    bilal = ws.ids["Kareem, Bilal"]
    looms = saved_deal(ws, bilal, "Looms")
    saved_deal(ws, bilal, "Yarn", stage="lead")
    lost = saved_deal(ws, bilal, "Old order", stage="lost", lost_reason="price")
    saved_deal(ws, ws.ids["Khan, Imran"], "Someone else's")

    dialog = ActivityDialog(ws, activity_dialog.new_activity(ws, bilal, ActivityKind.CALL, True))
    qtbot.addWidget(dialog)
    dialog.open()
    items = [(dialog.deal.itemText(i), dialog.deal.itemData(i)) for i in range(dialog.deal.count())]
    assert items[0] == ("No deal", None) and dialog.deal.currentIndex() == 0
    # Each title isolated (U+2068 ... U+2069), so an Urdu one keeps its brackets beside the stage name.
    assert sorted(items[1:]) == [("\u2068Looms\u2069 · Proposal", looms.id),
                                 ("\u2068Yarn\u2069 · Lead", looms.id + 1)]  # fmt: skip
    qtbot.keyClicks(dialog.subject, "Asked about looms")
    dialog.deal.setCurrentIndex(dialog.deal.findData(looms.id))
    with qtbot.waitSignal(dialog.saved) as saved:
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert ws.activities.get(saved.args[0]).deal_id == looms.id
    assert [s.subject for s in ws.pipeline.timeline(looms.id)] == ["Asked about looms"]

    # An activity linked to a deal since lost keeps its link when edited.
    linked = ws.activities.save(Activity(bilal, ActivityKind.NOTE, subject="Why we lost", at=START, deal_id=lost.id))
    edit = ActivityDialog(ws, ws.activities.get(linked.id))
    qtbot.addWidget(edit)
    edit.open()
    assert edit.deal.currentData() == lost.id and edit.deal.currentText() == "\u2068Old order\u2069 · Lost"
    # A contact without deals is not bothered with the field.
    plain = ActivityDialog(ws, activity_dialog.new_activity(ws, ws.ids["Lovelace, Ada"], ActivityKind.CALL, True))
    qtbot.addWidget(plain)
    plain.open()
    assert plain.deal.isHidden()


def test_urdu_fields_lay_out_right_to_left(qtbot, ws, show):
    dialog = show(ws.pipeline.new_deal(ws.contacts.get(ws.ids["صدیقی، عائشہ"])))
    assert dialog.form.contact.layoutDirection() == Qt.LayoutDirection.RightToLeft
    type_text(dialog.form.title, "کپڑے کا آرڈر")
    assert dialog.form.title.layoutDirection() == Qt.LayoutDirection.RightToLeft
    type_text(dialog.form.notes, "اگلے ہفتے")
    assert dialog.form.notes.layoutDirection() == Qt.LayoutDirection.RightToLeft
    assert dialog.form.amount.layoutDirection() == Qt.LayoutDirection.LeftToRight
    with qtbot.waitSignal(dialog.saved) as saved:
        click_save(qtbot, dialog)
    assert ws.pipeline.get(saved.args[0]).title == "کپڑے کا آرڈر"


def test_a_deal_moved_elsewhere_meanwhile_is_not_overwritten(qtbot, ws, show, db_path):
    deal = saved_deal(ws, ws.ids["Kareem, Bilal"])
    dialog = show(deal.id)
    ws.pipeline.move(deal.id, "negotiation")  # dropped on the board while the dialog is open
    dialog.form.title.selectAll()
    qtbot.keyClicks(dialog.form.title, "Edited in the dialog")
    click_save(qtbot, dialog)
    assert "changed elsewhere" in dialog.status.text() and dialog.isVisible()
    assert rows(db_path, "SELECT title, stage FROM deals") == [("Winter cloth", "negotiation")]
    # The progress panel followed the move.
    assert dialog.progress.history.topLevelItemCount() == 2


def test_tags_source_close_date_and_probability_are_saved_as_typed(qtbot, ws, show):
    deal = saved_deal(ws, ws.ids["Kareem, Bilal"], tags=["wholesale"])
    dialog = show(deal.id)
    form = dialog.form
    assert form.tags.text() == "wholesale"
    form.tags.selectAll()
    qtbot.keyClicks(form.tags, "wholesale, festival")
    qtbot.keyClicks(form.source, "exhibition")
    form.expected_close.set_value(date(2026, 12, 15))
    form.probability.setValue(35)
    with qtbot.waitSignal(dialog.saved):
        click_save(qtbot, dialog)
    saved = ws.pipeline.get(deal.id)
    assert (saved.tags, saved.source, saved.expected_close, saved.probability) == (
        ["festival", "wholesale"], "exhibition", date(2026, 12, 15), 35)
