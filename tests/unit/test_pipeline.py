"""The deal pipeline over a real database file: deals, moves and undo, the board, filters, staleness,
the forecast and observed rates, and deals following their contact into the Trash."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from crm_desktop.db.errors import ChangedElsewhereError
from crm_desktop.domain.activity import Activity, ActivityKind
from crm_desktop.domain.contact import Contact, ContactKind
from crm_desktop.domain.deal import DEFAULT_STAGES, Deal, DealStatus, Stage
from crm_desktop.domain.deal_query import DealQuery, DealSort
from crm_desktop.domain.money import Money
from crm_desktop.domain.validation import ValidationError

KARACHI = ZoneInfo("Asia/Karachi")
START = datetime(2026, 11, 23, 5, 0, tzinfo=UTC)


@pytest.fixture
def ali(ws):
    return ws.contacts.save(Contact(first_name="علی", last_name="رضا"))


def deal(ws, contact, title="Order", minor=100_000_00, currency="PKR", stage="lead", **fields) -> Deal:
    return ws.pipeline.save(Deal(title=title, value=Money(minor, currency), stage=stage, contact_id=contact.id, **fields))


def test_a_new_deal_from_a_card_has_its_contact_the_first_stage_and_the_home_currency(ws, ali):
    company = ws.contacts.save(Contact(kind=ContactKind.COMPANY, company="Raza Traders"))
    assert ws.pipeline.new_deal(ali).contact_id == ali.id
    blank = ws.pipeline.new_deal(company)
    assert (blank.company_id, blank.contact_id, blank.stage, blank.value) == (company.id, None, "lead", Money(0, "PKR"))
    ws.preferences.default_region = "IN"
    assert ws.pipeline.new_deal().value.currency == "INR"


def test_every_stage_change_is_recorded_and_undo_takes_the_move_back(ws, ali, clock):
    saved = deal(ws, ali)
    clock.advance(timedelta(days=2))
    move = ws.pipeline.move(saved.id, "proposal")
    assert [key for key, _ in ws.pipeline.history(saved.id)] == ["lead", "proposal"]
    assert ws.pipeline.history(saved.id)[1][1] == START + timedelta(days=2)
    back = ws.pipeline.undo(move)
    assert back.stage == "lead" and back.status is DealStatus.OPEN
    assert [key for key, _ in ws.pipeline.history(saved.id)] == ["lead"]
    assert ws.pipeline.move(saved.id, "lead") is None  # already there: nothing recorded


def test_won_closes_today_lost_needs_a_reason_and_undo_reopens(ws, ali):
    saved = deal(ws, ali)
    with pytest.raises(ValueError, match="reason"):
        ws.pipeline.move(saved.id, "lost")
    lost = ws.pipeline.move(saved.id, "lost", "went to a competitor")
    assert (lost.after.status, lost.after.lost_reason, lost.after.closed_on) == (DealStatus.LOST, "went to a competitor",
                                                                               date(2026, 11, 23))  # fmt: skip
    reopened = ws.pipeline.undo(lost)
    assert (reopened.status, reopened.lost_reason, reopened.closed_on) == (DealStatus.OPEN, "", None)
    won = ws.pipeline.move(saved.id, "won").after
    assert won.status is DealStatus.WON and won.closed_on == date(2026, 11, 23)


def test_save_refuses_a_deal_without_title_or_contact_and_a_stale_edit(ws, ali):
    with pytest.raises(ValidationError) as refused:
        ws.pipeline.save(Deal(title=" ", value=Money(5, "PKR"), stage="lead"))
    assert {e.field for e in refused.value.errors} == {"title", "contact"}
    saved = deal(ws, ali)
    ws.pipeline.move(saved.id, "qualified")
    with pytest.raises(ChangedElsewhereError):
        ws.pipeline.save(replace(saved, title="Edited in a form left open"))


def test_board_columns_count_and_total_per_currency_never_mixed(ws, ali):
    deal(ws, ali, "A", 12_34_567_00, "INR", "proposal")
    deal(ws, ali, "B", 1_000_00, "INR", "proposal")
    deal(ws, ali, "C", 500_00, "USD", "proposal", probability=10)
    columns = {c.stage.key: c for c in ws.pipeline.board()}
    proposal = columns["proposal"]
    assert proposal.count == 3 and columns["lead"].count == 0
    assert proposal.total == {"INR": Money(12_35_567_00, "INR"), "USD": Money(500_00, "USD")}
    assert proposal.weighted == {"INR": Money(6_17_783_50, "INR"), "USD": Money(50_00, "USD")}


def test_won_and_lost_columns_hold_the_last_30_days(ws, ali, clock):
    old = deal(ws, ali, "Old win")
    ws.pipeline.move(old.id, "won")
    clock.advance(timedelta(days=31))
    fresh = deal(ws, ali, "New win")
    ws.pipeline.move(fresh.id, "won")
    columns = {c.stage.key: c for c in ws.pipeline.board()}
    assert [r.title for r in columns["won"].rows] == ["New win"]


def test_a_quiet_deal_is_stale_unless_a_follow_up_is_scheduled(ws, ali, clock):
    quiet = deal(ws, ali, "Quiet", stage="negotiation")  # idle limit 7 days
    planned = deal(ws, ali, "Planned", stage="negotiation")
    ws.activities.save(Activity(ali.id, ActivityKind.CALL, subject="Call about price", done=False,
                                at=START + timedelta(days=20), deal_id=planned.id))  # fmt: skip
    clock.advance(timedelta(days=8))
    rows = {r.title: r for r in ws.pipeline.rows()}
    assert (rows["Quiet"].stale, rows["Quiet"].no_next_step) == (True, True)
    assert (rows["Planned"].stale, rows["Planned"].no_next_step) == (False, False)
    assert ws.pipeline.next_step(planned.id).subject == "Call about price"
    # A call logged on the deal makes it fresh again; the next step is still missing.
    ws.activities.save(Activity(ali.id, ActivityKind.CALL, subject="Talked", at=START + timedelta(days=8),
                                deal_id=quiet.id))  # fmt: skip
    again = {r.title: r for r in ws.pipeline.rows()}["Quiet"]
    assert (again.stale, again.no_next_step) == (False, True)
    assert [s.subject for s in ws.pipeline.timeline(quiet.id)] == ["Talked"]


def test_text_filter_finds_every_script_by_word_prefix(ws, ali):
    hindi = ws.contacts.save(Contact(first_name="कमल", last_name="शर्मा"))
    deal(ws, ali, "Cloth order")
    deal(ws, hindi, "Señor José's rice")
    deal(ws, hindi, "किताबें")
    titles = lambda text: sorted(r.title for r in ws.pipeline.rows(DealQuery(text=text)))  # noqa: E731
    assert titles("رضا") == ["Cloth order"]  # the contact's name
    assert titles("jose") == ["Señor José's rice"]
    assert titles("कम") == ["Señor José's rice", "किताबें"]
    assert titles("कि") == ["किताबें"]
    assert titles("क") == ["Señor José's rice", "किताबें"]
    assert titles("order rice") == []
    ws.contacts.save(replace(ws.contacts.get(ali.id), first_name="Ahmed", last_name="Khan"))
    assert titles("khan") == ["Cloth order"]  # a renamed card's deals follow


def test_filters_by_tag_close_month_and_value_range(ws, ali):
    deal(ws, ali, "Small", 10_000_00, tags=["festival"], expected_close=date(2026, 12, 5))
    deal(ws, ali, "Big", 900_000_00, expected_close=date(2026, 12, 31))
    deal(ws, ali, "Dollars", 10_000_00, "USD", expected_close=date(2027, 1, 2))
    titles = lambda **q: sorted(r.title for r in ws.pipeline.rows(DealQuery(**q)))  # noqa: E731
    assert titles(tag="festival") == ["Small"]
    assert titles(close_month=date(2026, 12, 1)) == ["Big", "Small"]
    assert titles(min_value=Money(50_000_00, "PKR")) == ["Big"]
    assert titles(max_value=Money(50_000_00, "PKR")) == ["Small"]
    assert ws.pipeline.tags() == ["festival"]


def test_the_list_sorts_in_sql_by_any_column(ws, ali):
    deal(ws, ali, "b", 3, stage="proposal")
    deal(ws, ali, "a", 1, stage="negotiation", probability=5)
    deal(ws, ali, "c", 2, stage="lead")
    order = lambda sort, desc=False: [r.title for r in ws.pipeline.rows(DealQuery(sort=sort, descending=desc))]  # noqa: E731
    assert order(DealSort.TITLE) == ["a", "b", "c"]
    assert order(DealSort.VALUE, True) == ["b", "c", "a"]
    assert order(DealSort.STAGE) == ["c", "b", "a"]
    assert order(DealSort.PROBABILITY) == ["a", "c", "b"]


def test_forecast_by_month_and_observed_rates_from_closed_deals(ws, ali):
    deal(ws, ali, "Now", 100_00, stage="proposal", expected_close=date(2026, 11, 30))
    deal(ws, ali, "Slipped", 100_00, stage="proposal", expected_close=date(2026, 10, 1))
    deal(ws, ali, "Later", 100_00, stage="negotiation", expected_close=date(2027, 2, 1))
    months = ws.pipeline.forecast()
    assert [m.month for m in months][:2] == [date(2026, 11, 1), date(2026, 12, 1)] and len(months) == 6
    assert months[0].weighted == {"PKR": Money(100_00, "PKR")} and months[0].deals == 2
    assert months[3].weighted == {"PKR": Money(75_00, "PKR")}
    for i in range(12):
        closed = deal(ws, ali, f"Closed {i}", stage="proposal")
        ws.pipeline.move(closed.id, "won" if i < 3 else "lost", "price")
    seen = ws.pipeline.observed()
    assert (seen["proposal"].closed, seen["proposal"].win_rate) == (12, 25)
    assert seen["lead"].win_rate is None  # no closed deal went through Lead


def test_deals_follow_their_contact_to_the_trash_and_go_when_it_is_purged(ws, ali):
    saved = deal(ws, ali)
    ws.activities.save(Activity(ali.id, ActivityKind.CALL, subject="About the order", at=START, deal_id=saved.id))
    ws.contacts.trash([ali.id])
    assert ws.pipeline.rows() == []
    ws.contacts.restore([ali.id])
    assert [r.id for r in ws.pipeline.contact_deals(ali.id)] == [saved.id]
    ws.contacts.trash([ali.id])
    ws.contacts.purge([ali.id])
    assert ws.database.execute("SELECT count(*) FROM deals").fetchone()[0] == 0


def test_deleting_a_deal_can_be_undone(ws, ali):
    saved = deal(ws, ali)
    assert ws.pipeline.delete([saved.id]) == [saved.id]
    assert ws.pipeline.rows() == []
    ws.pipeline.restore([saved.id])
    assert [r.id for r in ws.pipeline.rows()] == [saved.id]


def test_stages_are_editable_but_one_holding_deals_cannot_be_removed(ws, ali):
    prefs = ws.pipeline_preferences
    deal(ws, ali, stage="proposal")
    renamed = [replace(s, name="پیشکش", probability=40) if s.key == "proposal" else s for s in prefs.stages]
    prefs.stages = renamed
    assert [s.name for s in ws.pipeline.stages][2] == "پیشکش" and ws.pipeline.rows()[0].probability == 40
    with pytest.raises(ValidationError, match="still holds 1 deal"):
        prefs.stages = [s for s in DEFAULT_STAGES if s.key != "proposal"]
    with pytest.raises(ValidationError, match="exactly one stage for won"):
        prefs.stages = [s for s in DEFAULT_STAGES if s.key != "won"] + [Stage("x", "Proposal", 1)]
    prefs.lost_reasons = ["  price ", "Price", "slow"]
    assert prefs.lost_reasons == ["price", "slow"]
