"""Time rules of follow-ups with an injected clock: recurrence, roll-over, DST, birthdays, care rules."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from crm_desktop.domain.activity import (
    Activity,
    ActivityKind,
    alarm_instant,
    following_occurrence,
    schedule_alarm,
    snooze_choices,
    validate_activity,
)
from crm_desktop.domain.care import (
    CareRule,
    PesterRule,
    RuleTarget,
    Warmth,
    birthday_in,
    birthday_window_days,
    next_birthday,
    strictest_rule,
    warmth,
)
from crm_desktop.domain.clock import FixedClock, at_local, today
from crm_desktop.domain.contact import Birthday
from crm_desktop.domain.recurrence import Frequency, Recurrence, next_occurrence, occurrences

LONDON = ZoneInfo("Europe/London")
KARACHI = ZoneInfo("Asia/Karachi")
NEW_YORK = ZoneInfo("America/New_York")


def follow_up(**fields) -> Activity:
    return Activity(contact_id=1, kind=ActivityKind.CALL, done=False, **fields)


# Recurrence -------------------------------------------------------------------------------------------


def test_weekly_on_chosen_days_every_other_week():
    rule = Recurrence(Frequency.WEEKLY, interval=2, weekdays=(0, 3))
    got = occurrences(rule, datetime(2026, 11, 23, 10), 4)  # a Monday
    assert got == [datetime(2026, 11, 23, 10), datetime(2026, 11, 26, 10), datetime(2026, 12, 7, 10),
                   datetime(2026, 12, 10, 10)]  # fmt: skip


def test_count_ends_the_series_counting_from_its_first_occurrence():
    rule = Recurrence(Frequency.DAILY, count=3)
    start = datetime(2026, 1, 1, 9)
    assert next_occurrence(rule, start, datetime(2026, 1, 2, 9)) == datetime(2026, 1, 3, 9)
    assert next_occurrence(rule, start, datetime(2026, 1, 3, 9)) is None


def test_until_is_inclusive_of_its_day():
    rule = Recurrence(Frequency.DAILY, until=date(2026, 1, 3))
    assert next_occurrence(rule, datetime(2026, 1, 1, 17), datetime(2026, 1, 2, 17)) == datetime(2026, 1, 3, 17)
    assert next_occurrence(rule, datetime(2026, 1, 1, 17), datetime(2026, 1, 3, 17)) is None


def test_monthly_on_the_31st_falls_on_the_last_day_of_shorter_months():
    got = occurrences(Recurrence(Frequency.MONTHLY), datetime(2026, 1, 31, 9), 4)
    assert [d.date() for d in got] == [date(2026, 1, 31), date(2026, 2, 28), date(2026, 3, 31), date(2026, 4, 30)]


def test_yearly_on_29_february_keeps_28_february_in_common_years():
    got = occurrences(Recurrence(Frequency.YEARLY), datetime(2024, 2, 29), 5)
    assert [d.date() for d in got] == [date(2024, 2, 29), date(2025, 2, 28), date(2026, 2, 28), date(2027, 2, 28),
                                       date(2028, 2, 29)]  # fmt: skip


@pytest.mark.parametrize(
    "rule",
    [Recurrence(Frequency.DAILY), Recurrence(Frequency.WEEKLY, 3, (1, 4), count=7),
     Recurrence(Frequency.MONTHLY, until=date(2027, 5, 1)), Recurrence(Frequency.YEARLY, 2)],
)  # fmt: skip
def test_rule_text_round_trip(rule):
    assert Recurrence.parse(rule.text()) == rule


@pytest.mark.parametrize("text", ["", "FREQ=HOURLY", "FREQ=DAILY;INTERVAL=x", "FREQ=DAILY;BYDAY=XX", "FREQ=DAILY;FOO=1"])
def test_unreadable_rule_text_is_refused_with_its_text(text):
    with pytest.raises(ValueError, match="repeat rule"):
        Recurrence.parse(text)


def test_rule_problems_are_reported():
    assert Recurrence(Frequency.DAILY, interval=0).problems()
    assert Recurrence(Frequency.DAILY, until=date(2026, 1, 1), count=2).problems()
    assert Recurrence(Frequency.DAILY, until=date(2026, 1, 1)).problems(start=date(2026, 2, 1))
    assert not Recurrence(Frequency.WEEKLY, weekdays=(0,)).problems(start=date(2026, 1, 1))


# Daylight saving -------------------------------------------------------------------------------------


def test_a_weekly_09_00_follow_up_stays_at_09_00_across_the_clock_change():
    first = follow_up(
        at=at_local(date(2026, 10, 19), time(9), LONDON), recurrence=Recurrence(Frequency.WEEKLY), zone="Europe/London"
    )
    second = following_occurrence(first, LONDON)
    assert second is not None
    assert first.at.astimezone(LONDON).time() == second.at.astimezone(LONDON).time() == time(9)
    assert first.at.hour == 8 and second.at.hour == 9  # in UTC the instant moved by the hour London moved
    assert second.at.astimezone(LONDON).date() == date(2026, 10, 26)


def test_the_wall_time_is_kept_in_the_zone_it_was_scheduled_in():
    """The laptop travels to New York: the repeat still follows London's 09:00 it was set in."""
    first = follow_up(at=at_local(date(2026, 3, 23), time(9), LONDON), recurrence=Recurrence(Frequency.WEEKLY),
                      zone="Europe/London")  # fmt: skip
    second = following_occurrence(first, NEW_YORK)
    assert second.at.astimezone(LONDON).time() == time(9)


def test_a_time_skipped_by_spring_forward_lands_after_the_gap():
    assert at_local(date(2026, 3, 29), time(1, 30), LONDON).astimezone(LONDON).time() == time(2, 30)


def test_an_all_day_item_keeps_its_date_in_any_zone():
    item = follow_up(day=date(2026, 12, 1), recurrence=Recurrence(Frequency.DAILY))
    assert item.local_day(KARACHI) == item.local_day(NEW_YORK) == date(2026, 12, 1)
    assert following_occurrence(item, NEW_YORK).day == date(2026, 12, 2)


# Alarms, roll-over, snooze --------------------------------------------------------------------------


def test_alarm_counts_back_from_the_due_time_and_from_09_00_for_all_day_items():
    due = datetime(2026, 11, 26, 5, tzinfo=UTC)
    assert alarm_instant(follow_up(at=due, alarm_lead=timedelta(minutes=15)), KARACHI) == due - timedelta(minutes=15)
    all_day = follow_up(day=date(2026, 11, 26), alarm_lead=timedelta(days=1))
    assert alarm_instant(all_day, KARACHI) == datetime(2026, 11, 25, 4, tzinfo=UTC)  # 09:00 PKT the day before
    assert alarm_instant(follow_up(at=due), KARACHI) is None
    assert schedule_alarm(follow_up(at=due, alarm_lead=timedelta(0)), KARACHI).alarm_at == due


def test_unfinished_items_of_past_days_stay_overdue():
    clock = FixedClock(datetime(2026, 11, 23, 12, tzinfo=UTC), KARACHI)
    assert follow_up(day=date(2026, 11, 20)).is_overdue(clock.now(), clock.zone)
    assert not follow_up(day=today(clock)).is_overdue(clock.now(), clock.zone)  # due today, not overdue
    assert follow_up(at=clock.now() - timedelta(minutes=1)).is_overdue(clock.now(), clock.zone)
    done = follow_up(day=date(2026, 11, 20))
    done.done = True
    assert not done.is_overdue(clock.now(), clock.zone)


def test_snooze_choices_include_tomorrow_morning_local():
    now = datetime(2026, 11, 23, 20, tzinfo=UTC)  # 01:00 on the 24th in Karachi
    choices = dict(snooze_choices(now, KARACHI))
    assert choices["5 minutes"] == now + timedelta(minutes=5)
    assert choices["Tomorrow 09:00"].astimezone(KARACHI) == datetime(2026, 11, 25, 9, tzinfo=KARACHI)


def test_validation_names_the_field():
    fields = {e.field for e in validate_activity(Activity(contact_id=None, done=False))}
    assert fields == {"contact", "when"}
    bad = follow_up(day=date(2026, 1, 1), alarm_lead=timedelta(days=31), duration_minutes=-1,
                    recurrence=Recurrence(Frequency.DAILY, interval=0))  # fmt: skip
    assert {e.field for e in validate_activity(bad)} == {"alarm", "duration", "repeat"}
    assert validate_activity(follow_up(day=date(2026, 1, 1), alarm_lead=timedelta(days=30))) == []


def test_the_series_ends_and_no_next_item_is_made():
    item = follow_up(day=date(2026, 1, 2), recurrence=Recurrence(Frequency.DAILY, count=2),
                     series_start=datetime(2026, 1, 1))  # fmt: skip
    assert following_occurrence(item, UTC) is None


# Birthdays and care -----------------------------------------------------------------------------------


def test_29_february_birthdays_are_kept_on_28_february_in_common_years():
    leapling = Birthday(2, 29, 2000)
    assert birthday_in(2027, leapling) == date(2027, 2, 28)
    assert birthday_in(2028, leapling) == date(2028, 2, 29)
    assert next_birthday(leapling, date(2027, 3, 1)) == date(2028, 2, 29)
    assert (2, 29) in birthday_window_days(date(2027, 2, 26), date(2027, 3, 2))
    assert (2, 29) not in birthday_window_days(date(2028, 2, 26), date(2028, 2, 28))


def test_going_cold_uses_the_strictest_rule_that_applies():
    rules = (CareRule(RuleTarget.RELATIONSHIP, "customer", 30, 45), CareRule(RuleTarget.TAG, "VIP", 14, 21))
    now = datetime(2026, 11, 23, tzinfo=UTC)
    since = now - timedelta(days=400)
    customer = strictest_rule(rules, "customer", [])
    vip = strictest_rule(rules, "customer", ["vip"])
    assert vip.value == "VIP"
    assert warmth(customer, now - timedelta(days=20), since, now) is Warmth.FINE
    assert warmth(customer, now - timedelta(days=31), since, now) is Warmth.COOLING
    assert warmth(customer, now - timedelta(days=46), since, now) is Warmth.COLD
    assert warmth(vip, now - timedelta(days=20), since, now) is Warmth.COOLING
    assert warmth(None, None, since, now) is Warmth.FINE
    assert warmth(customer, None, now - timedelta(days=3), now) is Warmth.FINE  # a new card is not cold


def test_pester_rule_warns_at_the_threshold_only():
    rule = PesterRule(times=3, days=7)
    assert rule.warning(2) is None
    assert "3 times in the last 7 days" in rule.warning(3)
    assert PesterRule(enabled=False).warning(99) is None


def test_a_weekly_start_outside_the_chosen_days_is_the_first_of_n_times():
    rule = Recurrence(Frequency.WEEKLY, weekdays=(0, 3), count=2)  # Mondays and Thursdays, twice
    start = datetime(2026, 11, 25, 10)  # a Wednesday
    assert occurrences(rule, start, 5) == [start, datetime(2026, 11, 26, 10)]
    assert next_occurrence(rule, start, datetime(2026, 11, 26, 10)) is None
    once = Recurrence(Frequency.WEEKLY, weekdays=(0,), count=1)
    assert next_occurrence(once, start, start) is None
