"""The pipeline where it is easy to get wrong: cards purged or trashed under a deal, follow-ups of another
card, undo after a later change, a stage removed, a clock set back, closing twice, local dates."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from crm_desktop.db.errors import ChangedElsewhereError
from crm_desktop.domain.activity import Activity, ActivityKind
from crm_desktop.domain.contact import Contact, ContactKind
from crm_desktop.domain.deal import Deal, DealStatus
from crm_desktop.domain.deal_query import DealQuery
from crm_desktop.domain.money import Money
from crm_desktop.domain.validation import ValidationError

KARACHI = ZoneInfo("Asia/Karachi")
START = datetime(2026, 11, 23, 5, 0, tzinfo=UTC)


@pytest.fixture
def cards(ws):
    person = ws.contacts.save(Contact(first_name="علی", last_name="رضا"))
    company = ws.contacts.save(Contact(kind=ContactKind.COMPANY, company="Raza Traders"))
    return person, company


def both(ws, person, company, **fields) -> Deal:
    return ws.pipeline.save(Deal(title="Cloth", value=Money(100_00, "PKR"), stage="proposal", contact_id=person.id,
                                 company_id=company.id, **fields))  # fmt: skip


def test_purging_the_contact_leaves_the_deal_with_its_company_in_sight(ws, cards):
    person, company = cards
    saved = both(ws, person, company)
    ws.contacts.trash([person.id])
    assert ws.pipeline.rows() == []
    ws.contacts.purge([person.id])
    rows = ws.pipeline.rows()
    assert [r.id for r in rows] == [saved.id] and rows[0].contact_id is None
    assert [r.id for r in ws.pipeline.contact_deals(company.id)] == [saved.id]


def test_a_follow_up_of_a_trashed_or_purged_card_is_no_next_step(ws, cards):
    person, company = cards
    saved = both(ws, person, company)
    ws.activities.save(Activity(company.id, ActivityKind.CALL, subject="Call the office", done=False,
                                at=START + timedelta(days=2), deal_id=saved.id))  # fmt: skip
    assert ws.pipeline.rows()[0].next_step is not None
    ws.contacts.trash([company.id])
    assert ws.pipeline.rows()[0].no_next_step and ws.pipeline.next_step(saved.id) is None
    assert ws.pipeline.timeline(saved.id) == []
    ws.contacts.restore([company.id])
    assert not ws.pipeline.rows()[0].no_next_step
    ws.contacts.trash([company.id])
    ws.contacts.purge([company.id])
    row = ws.pipeline.rows()[0]
    assert row.next_step is None and row.company_id is None
    assert ws.pipeline.rows(DealQuery(text="raza")) == []  # its name is gone from the deal's words too


def test_completing_a_deal_follow_up_with_a_next_step_keeps_the_step_on_the_deal(ws, cards):
    person, company = cards
    saved = both(ws, person, company)
    call = ws.activities.save(Activity(person.id, ActivityKind.CALL, subject="Call", done=False,
                                       at=START + timedelta(hours=1), deal_id=saved.id))  # fmt: skip
    step = Activity(person.id, ActivityKind.MEETING, subject="Visit", done=False, at=START + timedelta(days=3))
    ws.activities.complete(call.id, "reached", next_step=step)
    row = ws.pipeline.rows()[0]
    assert row.next_step == START + timedelta(days=3) and not row.no_next_step


def test_undo_is_refused_after_a_later_edit_or_when_the_old_stage_is_gone(ws, cards):
    person, company = cards
    saved = both(ws, person, company)
    move = ws.pipeline.move(saved.id, "negotiation")
    ws.pipeline.save(replace(ws.pipeline.get(saved.id), stage="lead"))  # changed in the form afterwards
    with pytest.raises(ChangedElsewhereError):
        ws.pipeline.undo(move)
    assert ws.pipeline.get(saved.id).stage == "lead"
    assert [k for k, _ in ws.pipeline.history(saved.id)] == ["proposal", "negotiation", "lead"]

    stages = ws.pipeline_preferences.stages
    ws.pipeline_preferences.stages = [*stages[:1], replace(stages[1], key="demo", name="Demo"), *stages[2:]]
    later = ws.pipeline.move(saved.id, "demo")
    ws.pipeline.move(saved.id, "lead")
    ws.pipeline_preferences.stages = stages  # "Demo" holds no deal now: it may go
    with pytest.raises(ChangedElsewhereError):
        ws.pipeline.undo(later)


def test_undo_takes_back_its_own_history_entry_even_after_the_clock_went_back(ws, cards, clock):
    person, company = cards
    saved = both(ws, person, company)
    ws.pipeline.move(saved.id, "negotiation")
    clock.advance(timedelta(hours=-5))  # the computer's clock was corrected
    second = ws.pipeline.move(saved.id, "qualified")
    ws.pipeline.undo(second)
    assert ws.pipeline.get(saved.id).stage == "negotiation"
    assert [k for k, _ in ws.pipeline.history(saved.id)] == ["proposal", "negotiation"]


def test_no_deal_for_a_card_in_the_trash(ws, cards):
    person, company = cards
    ws.contacts.trash([company.id])
    with pytest.raises(ValidationError) as refused:
        both(ws, person, company)
    assert [e.field for e in refused.value.errors] == ["company"]


def test_won_then_lost_closes_again_on_the_day_it_is_lost(ws, cards, clock):
    person, company = cards
    saved = both(ws, person, company)
    ws.pipeline.move(saved.id, "won")
    clock.advance(timedelta(days=5))
    lost = ws.pipeline.save(replace(ws.pipeline.get(saved.id), stage="lost", lost_reason="cancelled"))
    assert (lost.status, lost.closed_on) == (DealStatus.LOST, date(2026, 11, 28))


def test_days_to_close_count_local_days(ws, cards, clock):
    person, company = cards
    clock.instant = datetime(2026, 11, 22, 20, 0, tzinfo=UTC)  # 01:00 on the 23rd in Karachi
    for i in range(10):
        deal = both(ws, person, company)
        ws.pipeline.move(deal.id, "won")
    assert ws.pipeline.observed()["proposal"].median_days == 0
