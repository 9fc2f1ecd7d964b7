"""Deal pipeline rules (issue 4): weighting, stage moves, staleness, forecast months, observed win rates."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from crm_desktop.domain.deal import (
    DEFAULT_STAGES,
    Deal,
    DealStatus,
    moved,
    probability,
    stage_of,
    staleness,
    validate_deal,
    weighted,
)
from crm_desktop.domain.forecast import add_months, forecast_weighted, observed_passages
from crm_desktop.domain.money import Money

NOW = datetime(2026, 11, 23, 5, tzinfo=UTC)
TODAY = date(2026, 11, 23)


def deal(**fields) -> Deal:
    base = {"title": "Lawn fabric, 500 m", "value": Money(10_00_000_00, "INR"), "stage": "proposal", "contact_id": 1}
    return Deal(**{**base, **fields})


def test_weighting_uses_the_stage_or_the_deals_own_probability():
    assert probability(deal(), DEFAULT_STAGES) == 50
    assert weighted(deal(), DEFAULT_STAGES) == Money(5_00_000_00, "INR")
    assert weighted(deal(probability=35), DEFAULT_STAGES) == Money(3_50_000_00, "INR")
    assert probability(deal(stage="won", status=DealStatus.WON), DEFAULT_STAGES) == 100


def test_moving_to_won_or_lost_closes_and_lost_needs_a_reason():
    won = moved(deal(), stage_of(DEFAULT_STAGES, "won"), TODAY)
    assert won.status is DealStatus.WON and won.closed_on == TODAY
    with pytest.raises(ValueError, match="reason"):
        moved(deal(), stage_of(DEFAULT_STAGES, "lost"), TODAY)
    lost = moved(deal(), stage_of(DEFAULT_STAGES, "lost"), TODAY, "price")
    assert (lost.status, lost.lost_reason) == (DealStatus.LOST, "price")
    reopened = moved(lost, stage_of(DEFAULT_STAGES, "negotiation"), TODAY)
    assert reopened.status is DealStatus.OPEN and reopened.closed_on is None and reopened.lost_reason == ""


def test_a_scheduled_next_step_keeps_a_quiet_deal_from_being_stale():
    proposal = stage_of(DEFAULT_STAGES, "proposal")  # idle limit 10 days
    quiet = deal(created_at=NOW - timedelta(days=60))
    assert staleness(quiet, proposal, NOW - timedelta(days=11), None, NOW).stale
    assert not staleness(quiet, proposal, NOW - timedelta(days=9), None, NOW).stale
    planned = staleness(quiet, proposal, NOW - timedelta(days=30), NOW + timedelta(days=2), NOW)
    assert not planned.stale and not planned.no_next_step
    assert staleness(quiet, proposal, NOW - timedelta(days=1), None, NOW).no_next_step
    assert staleness(quiet, proposal, None, None, NOW).stale  # never touched since it was made, 60 days ago


def test_validation_names_the_field():
    fields = {e.field for e in validate_deal(deal(title=" ", contact_id=None, probability=120,
                                                  value=Money(-1, "INR")), DEFAULT_STAGES)}  # fmt: skip
    assert fields == {"title", "contact", "probability", "value"}
    assert {e.field for e in validate_deal(deal(stage="lost", status=DealStatus.LOST), DEFAULT_STAGES)} == {"lost_reason"}
    assert validate_deal(deal(), DEFAULT_STAGES) == []


def test_forecast_by_month_keeps_currencies_apart_and_counts_slipped_deals_now():
    deals = [
        deal(expected_close=date(2026, 11, 30)),  # 50% of 10 lakh
        deal(expected_close=date(2026, 10, 1)),  # slipped: counts in November
        deal(expected_close=date(2027, 1, 15), value=Money(200000, "USD"), stage="negotiation"),
        deal(expected_close=date(2027, 9, 1)),  # beyond six months
        deal(expected_close=None),
        deal(expected_close=date(2026, 12, 5), stage="won", status=DealStatus.WON, closed_on=TODAY),
    ]
    months = forecast_weighted(((d.expected_close, weighted(d, DEFAULT_STAGES)) for d in deals
                                if d.status is DealStatus.OPEN), TODAY)  # as the service feeds it
    assert [m.month for m in months] == [date(2026, 11, 1), date(2026, 12, 1), date(2027, 1, 1), date(2027, 2, 1),
                                         date(2027, 3, 1), date(2027, 4, 1)]  # fmt: skip
    assert months[0].weighted == {"INR": Money(10_00_000_00, "INR")} and months[0].deals == 2
    assert months[2].weighted == {"USD": Money(150000, "USD")}
    assert months[1].deals == 0 and add_months(date(2026, 12, 1), 1) == date(2027, 1, 1)


def test_observed_win_rates_need_enough_closed_deals():
    # (stage, won, days from first entering it to closing): one per closed deal and stage it went through.
    passages = []
    for i in range(12):
        won = i < 3  # 3 of the 12 that reached "proposal" were won
        passages += [("lead", won, 30 + i), ("proposal", won, 10 + i)]
    seen = observed_passages(passages, DEFAULT_STAGES)
    assert seen["proposal"].closed == 12 and seen["proposal"].win_rate == 25
    assert seen["proposal"].median_days == 16  # 10..21 days: median 15.5 rounds to 16
    assert seen["negotiation"].closed == 0 and seen["negotiation"].win_rate is None
    few = observed_passages(passages[:10], DEFAULT_STAGES)
    assert few["proposal"].closed == 5 and few["proposal"].win_rate is None  # not enough to say


def test_stage_settings_are_checked():
    from crm_desktop.domain.deal import Stage

    assert Stage("x", " ", 120, 0).problems() == [
        "A stage needs a name.", "A probability is between 0 and 100 percent.",
        "The idle limit is between 1 and 3650 days."]  # fmt: skip
    assert all(not s.problems() for s in DEFAULT_STAGES)
