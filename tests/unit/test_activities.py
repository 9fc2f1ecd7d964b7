"""The activity log and follow-ups over a real database file, with an injected clock."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from crm_desktop.domain.activity import Activity, ActivityKind, Direction
from crm_desktop.domain.activity_query import ActivityQuery, ActivityState
from crm_desktop.domain.care import CareRule, PesterRule, RuleTarget, Warmth
from crm_desktop.domain.clock import at_local
from crm_desktop.domain.contact import Birthday, Contact, Relationship
from crm_desktop.domain.recurrence import Frequency, Recurrence
from crm_desktop.domain.validation import ValidationError
from crm_desktop.services.workspace import open_workspace

KARACHI = ZoneInfo("Asia/Karachi")
START = datetime(2026, 11, 23, 5, 0, tzinfo=UTC)  # Monday 10:00 in Karachi


@pytest.fixture
def ali(ws):
    return ws.contacts.save(Contact(first_name="علی", last_name="رضا", relationship=Relationship.CUSTOMER))


def call(contact, **fields) -> Activity:
    return Activity(contact_id=contact.id, kind=ActivityKind.CALL, **fields)


def karachi(day: date, hour: int, minute: int = 0) -> datetime:
    return at_local(day, time(hour, minute), KARACHI)


def test_logging_a_call_sets_last_contacted_and_the_timeline_is_newest_first(ws, ali, clock):
    ws.activities.save(call(ali, subject="Old call", at=START - timedelta(days=3), outcome="reached"))
    ws.activities.save(call(ali, subject="No answer", at=START - timedelta(days=1), outcome="no answer"))
    ws.activities.save(Activity(ali.id, ActivityKind.NOTE, subject="A note", at=START - timedelta(hours=1)))
    follow = ws.activities.save(call(ali, subject="Call back", done=False, at=START + timedelta(days=3)))
    subjects = [s.subject for s in ws.activities.summaries(list(ws.activities.timeline_ids(ali.id)))]
    assert subjects == ["Call back", "A note", "No answer", "Old call"]
    row = ws.database.execute("SELECT last_contacted_at, last_attempt_at FROM contacts WHERE id = ?", (ali.id,))
    last_contacted, last_attempt = row.fetchone()
    assert last_contacted == int((START - timedelta(days=3)).timestamp())  # "no answer" did not reach him
    assert last_attempt == int((START - timedelta(days=1)).timestamp())
    assert follow.alarm_at is None  # no alarm asked for


def test_a_follow_up_alarm_is_the_next_alarm_and_comes_due(ws, ali, clock):
    due = karachi(date(2026, 11, 26), 10)
    item = ws.activities.save(call(ali, subject="Call back Thursday", done=False, at=due,
                                   alarm_lead=timedelta(minutes=15)))  # fmt: skip
    assert ws.activities.next_alarm() == due - timedelta(minutes=15)
    assert ws.activities.due_reminders() == []
    clock.instant = due - timedelta(minutes=15)
    assert [a.id for a in ws.activities.due_reminders()] == [item.id]


def test_snooze_dismiss_and_done_are_on_disk_at_once(db_path, clock, ws, ali):
    item = ws.activities.save(call(ali, done=False, at=START, alarm_lead=timedelta(0)))
    ws.activities.snooze(item.id, START + timedelta(minutes=5))
    ws.close()  # a fresh process sees the same (every click is its own transaction)
    with open_workspace(db_path, clock) as again:
        assert again.activities.get(item.id).alarm_at == START + timedelta(minutes=5)
        again.activities.dismiss(item.id)
    with open_workspace(db_path, clock) as third:
        assert third.activities.next_alarm() is None
        assert not third.activities.get(item.id).done  # dismissed, still to do
        third.activities.complete(item.id, "reached")
    with open_workspace(db_path, clock) as fourth:
        done = fourth.activities.get(item.id)
        assert done.done and done.outcome == "reached" and done.completed_at == START


def test_completing_a_repeating_follow_up_makes_the_next_one_and_the_next_step(ws, ali, clock):
    item = ws.activities.save(call(ali, subject="Weekly stock check", done=False, at=karachi(date(2026, 11, 23), 9),
                                   alarm_lead=timedelta(minutes=10), recurrence=Recurrence(Frequency.WEEKLY)))  # fmt: skip
    step = call(ali, subject="Send the quote", done=False, day=date(2026, 11, 24))
    done, created = ws.activities.complete(item.id, "interested", note="Wants 20 boxes", next_step=step)
    assert done.done and "Wants 20 boxes" in done.details and done.recurrence is None
    assert created.subject == "Send the quote"
    open_items = ws.activities.summaries(list(ws.activities.search_ids(ActivityQuery(state=ActivityState.OPEN))))
    weekly = [s for s in open_items if s.subject == "Weekly stock check"]
    assert len(weekly) == 1 and weekly[0].at == karachi(date(2026, 11, 30), 9) and weekly[0].repeats
    assert weekly[0].alarm_at == karachi(date(2026, 11, 30), 8, 50)


def test_a_bad_activity_is_refused_whole(ws, ali):
    with pytest.raises(ValidationError) as info:
        ws.activities.save(call(ali, done=False, alarm_lead=timedelta(days=40)))
    assert {e.field for e in info.value.errors} == {"when", "alarm"}
    assert len(ws.activities.search_ids(ActivityQuery())) == 0


def test_a_trashed_contact_takes_its_follow_ups_and_alarms_along(ws, ali):
    item = ws.activities.save(call(ali, done=False, at=START + timedelta(hours=1), alarm_lead=timedelta(0)))
    ws.contacts.trash([ali.id])
    assert ws.activities.next_alarm() is None
    assert len(ws.activities.search_ids(ActivityQuery())) == 0
    ws.contacts.restore([ali.id])
    assert ws.activities.next_alarm() == item.at


@pytest.mark.parametrize(
    ("subject", "query", "found"),
    [("قیمت کے بارے میں بات", "قيمت", True),  # Arabic-keyboard ي finds Urdu ی
     ("कमला जी से मिलना", "कमला", True), ("कमला जी से मिलना", "कमली", False),
     ("கமலா அவர்களுடன் பேச்சு", "கமலா", True), ("Quoted José a price", "jose pri", True)],
)  # fmt: skip
def test_activity_text_search_is_right_in_every_script(ws, ali, subject, query, found):
    ws.activities.save(call(ali, subject=subject, at=START))
    assert (len(ws.activities.search_ids(ActivityQuery(text=query))) == 1) is found


def test_filters_by_kind_outcome_date_and_contact(ws, ali):
    other = ws.contacts.save(Contact(first_name="Kamala"))
    ws.activities.save(call(ali, at=START - timedelta(days=40), outcome="reached"))
    ws.activities.save(call(ali, at=START - timedelta(days=2), outcome="complaint", direction=Direction.INBOUND))
    ws.activities.save(Activity(other.id, ActivityKind.MEETING, at=START - timedelta(days=1), outcome="reached"))

    def count(**q):
        return len(ws.activities.search_ids(ActivityQuery(**q)))

    assert count() == 3
    assert count(kinds=("call",)) == 2
    assert count(outcomes=("reached",)) == 2
    assert count(since=START - timedelta(days=7)) == 2
    assert count(contact_id=other.id) == 1
    assert count(kinds=("call",), outcomes=("complaint",), since=START - timedelta(days=7), until=START) == 1


def test_agenda_sorts_overdue_today_and_upcoming_and_keeps_old_items(ws, ali, clock):
    save = ws.activities.save
    save(call(ali, subject="Last week, forgotten", done=False, day=date(2026, 11, 16)))
    save(call(ali, subject="Earlier today", done=False, at=karachi(date(2026, 11, 23), 9)))
    save(call(ali, subject="Later today", done=False, at=karachi(date(2026, 11, 23), 15)))
    save(call(ali, subject="All day today", done=False, day=date(2026, 11, 23)))
    save(call(ali, subject="Friday", done=False, day=date(2026, 11, 27)))
    save(call(ali, subject="Next month", done=False, day=date(2026, 12, 23)))
    agenda = ws.agenda.agenda(days=7)
    assert [s.subject for s in agenda.overdue] == ["Last week, forgotten", "Earlier today"]
    assert agenda.overdue_count == 2
    assert sorted(s.subject for s in agenda.today) == ["All day today", "Later today"]
    assert [s.subject for s in agenda.upcoming] == ["Friday"]
    clock.advance(timedelta(days=30))  # a month later nothing has vanished: it is all overdue
    assert ws.agenda.agenda().overdue_count == 5


def test_birthdays_this_week_include_29_february_in_a_common_year(ws, clock):
    clock.instant = datetime(2027, 2, 25, 5, tzinfo=UTC)
    leap = ws.contacts.save(Contact(first_name="Leap", birthday=Birthday(2, 29, 2000)))
    ws.contacts.save(Contact(first_name="Later", birthday=Birthday(3, 20)))
    found = ws.agenda.birthdays(date(2027, 2, 25), 7)
    assert [(b.contact_id, b.on, b.age) for b in found] == [(leap.id, date(2027, 2, 28), 27)]


def test_going_cold_by_relationship_and_tag(ws, ali, clock):
    ws.follow_up_preferences.care_rules = [CareRule(RuleTarget.RELATIONSHIP, "customer", 30, 45),
                                           CareRule(RuleTarget.TAG, "VIP", 14, 21)]  # fmt: skip
    vip = ws.contacts.save(Contact(first_name="Kamala", relationship=Relationship.SUPPLIER, tags=["vip"]))
    ws.activities.save(call(ali, at=START - timedelta(days=50), outcome="reached"))
    ws.activities.save(call(vip, at=START - timedelta(days=15), outcome="reached"))
    cold = {c.name: c for c in ws.agenda.going_cold(START)}
    assert cold["علی رضا"].warmth is Warmth.COLD and cold["علی رضا"].quiet_days == 50
    assert cold["Kamala"].warmth is Warmth.COOLING and cold["Kamala"].rule == "VIP"
    ws.activities.save(call(ali, at=START - timedelta(days=1), outcome="reached"))
    assert "علی رضا" not in {c.name for c in ws.agenda.going_cold(START)}


def test_the_pester_warning_counts_recent_conversations(ws, ali):
    ws.follow_up_preferences.pester_rule = PesterRule(times=2, days=7)
    assert ws.activities.pester_warning(ali.id) is None
    ws.activities.save(call(ali, at=START - timedelta(days=1), outcome="no answer"))
    ws.activities.save(call(ali, at=START - timedelta(days=2), outcome="reached"))
    ws.activities.save(call(ali, at=START - timedelta(days=20), outcome="reached"))
    assert ws.activities.pester_warning(ali.id) == "Already contacted 2 times in the last 7 days."


def test_follow_up_preferences_round_trip_and_refuse_nonsense(ws):
    prefs = ws.follow_up_preferences
    prefs.extra_kinds = ["visit", " WhatsApp ", "visit"]
    assert prefs.kinds[-2:] == ["visit", "WhatsApp"]
    with pytest.raises(ValidationError):
        prefs.extra_kinds = ["Call"]
    prefs.outcomes = ["sold", "no answer"]
    assert prefs.outcomes == ["sold", "no answer"]
    with pytest.raises(ValidationError):
        prefs.care_rules = [CareRule(RuleTarget.TAG, "VIP", 30, 10)]
    ws.database.execute("INSERT OR REPLACE INTO settings (key, value) VALUES ('pester_rule', '{broken')")
    assert prefs.pester_rule == PesterRule()  # unreadable: the default, not a crash


def test_text_search_is_newest_first_within_dates_and_follows_a_reschedule(ws, ali):
    days = [40, 3, 10, 1]
    saved = [ws.activities.save(call(ali, subject=f"Payment {d}", at=START - timedelta(days=d))) for d in days]
    follow = ws.activities.save(call(ali, subject="Payment later", done=False, at=START + timedelta(days=2)))
    ids = ws.activities.search_ids(ActivityQuery(text="payment"))
    assert [s.subject for s in ws.activities.summaries(list(ids))] == [
        "Payment later", "Payment 1", "Payment 3", "Payment 10", "Payment 40"]  # fmt: skip
    assert ids.index(saved[2].id) == 3
    recent = ws.activities.search_ids(ActivityQuery(text="pay", since=START - timedelta(days=5), until=START))
    assert [s.subject for s in ws.activities.summaries(list(recent))] == ["Payment 1", "Payment 3"]
    ws.activities.reschedule(follow.id, at=START - timedelta(days=2))  # moved: found once, in its new place
    moved = ws.activities.summaries(list(ws.activities.search_ids(ActivityQuery(text="payment"))))
    assert [s.subject for s in moved] == ["Payment 1", "Payment later", "Payment 3", "Payment 10", "Payment 40"]


def test_a_long_list_starts_provisional_and_counts_exactly_later(ws, ali, monkeypatch):
    from crm_desktop.db import activity_listing

    monkeypatch.setattr(activity_listing, "COUNT_CAP", 3)
    for d in range(5):
        ws.activities.save(call(ali, subject="Stock", at=START - timedelta(days=d)))
    for query in (ActivityQuery(), ActivityQuery(text="stock"), ActivityQuery(state=ActivityState.DONE)):
        ids = ws.activities.search_ids(query)
        assert (len(ids), ids.exact) == (3, False)
        sql, params = ids.count_sql
        ids.settle(ws.database.execute(sql, params).fetchone()[0])
        assert len(ids) == 5 and len(list(ids)) == 5


def test_birthday_reminders_ring_at_nine_on_the_day_and_n_days_before_until_dismissed(db_path, ws, clock):
    ws.follow_up_preferences.birthday_lead_days = 3
    today_one = ws.contacts.save(Contact(first_name="Today", birthday=Birthday(11, 23, 1986)))
    soon = ws.contacts.save(Contact(first_name="Soon", birthday=Birthday(11, 26)))
    ws.contacts.save(Contact(first_name="Tomorrow", birthday=Birthday(11, 24)))
    clock.instant = karachi(date(2026, 11, 23), 8, 59)
    assert ws.agenda.birthday_notice() is None  # before 09:00
    assert ws.agenda.next_birthday_check() == karachi(date(2026, 11, 23), 9)
    clock.instant = karachi(date(2026, 11, 23), 9)
    notice = ws.agenda.birthday_notice()
    assert [(b.contact_id, b.age) for b in notice.today] == [(today_one.id, 40)]
    assert notice.ahead_day == date(2026, 11, 26) and [b.contact_id for b in notice.ahead] == [soon.id]
    ws.agenda.dismiss_birthdays(notice.day)
    ws.close()
    with open_workspace(db_path, clock) as again:
        assert again.agenda.birthday_notice() is None  # dismissed stays dismissed after a restart
        assert again.agenda.next_birthday_check() == karachi(date(2026, 11, 24), 9)
        clock.instant = karachi(date(2026, 11, 24), 9)
        assert [b.name for b in again.agenda.birthday_notice().today] == ["Tomorrow"]


def test_an_edit_keeps_a_dismissed_or_snoozed_alarm_and_a_new_due_time_sets_it_again(ws, ali, clock):
    item = ws.activities.save(call(ali, done=False, at=START + timedelta(hours=1), alarm_lead=timedelta(0)))
    clock.advance(timedelta(hours=2))
    ws.activities.dismiss(item.id)
    ws.activities.save(replace(ws.activities.get(item.id), details="a typo fixed"))
    assert ws.activities.due_reminders() == [] and ws.activities.get(item.id).alarm_at is None
    moved = ws.activities.save(replace(ws.activities.get(item.id), at=START + timedelta(days=1)))
    assert moved.alarm_at == START + timedelta(days=1)


def test_a_late_snooze_or_move_does_not_bring_back_a_done_follow_up(ws, ali, clock):
    item = ws.activities.save(call(ali, done=False, at=START, alarm_lead=timedelta(0)))
    ws.activities.complete(item.id, "reached")
    ws.activities.snooze(item.id, START + timedelta(minutes=5))  # a picker left open while Done was clicked
    clock.advance(timedelta(minutes=6))
    assert ws.activities.due_reminders() == []
    with pytest.raises(ValidationError):
        ws.activities.reschedule(item.id, at=START + timedelta(days=1))
    again, created = ws.activities.complete(item.id, "no answer")  # a second click changes nothing
    assert again.outcome == "reached" and created is None


def test_done_from_the_edit_form_continues_a_repeating_series(ws, ali, clock):
    item = ws.activities.save(call(ali, subject="Weekly check", done=False, at=karachi(date(2026, 11, 23), 9),
                                   recurrence=Recurrence(Frequency.WEEKLY)))  # fmt: skip
    record = replace(ws.activities.get(item.id), done=True, at=karachi(date(2026, 11, 23), 9, 30), outcome="reached",
                     duration_minutes=12, recurrence=None, day=None)  # fmt: skip
    done, following = ws.activities.complete(item.id, "reached", record=record)
    assert done.at == karachi(date(2026, 11, 23), 9, 30) and done.duration_minutes == 12
    assert following.at == karachi(date(2026, 11, 30), 9) and following.recurrence is not None


def test_purging_a_contact_leaves_no_activity_search_entries(ws, ali):
    ws.activities.save(call(ali, subject="Quotation sent", at=START))
    ws.contacts.trash([ali.id])
    ws.contacts.purge([ali.id])
    assert ws.database.execute("SELECT count(*) FROM activities").fetchone()[0] == 0
    assert ws.database.execute("SELECT count(*) FROM activities_fts").fetchone()[0] == 0


def test_the_birthday_check_wakes_daily_while_anyone_has_a_birthday(ws, clock):
    assert ws.agenda.next_birthday_check() is None  # nobody has one: nothing to wake for
    ws.contacts.save(Contact(first_name="Later", birthday=Birthday(3, 20)))  # not this week
    clock.instant = karachi(date(2026, 11, 23), 10)
    assert ws.agenda.next_birthday_check() == karachi(date(2026, 11, 24), 9)


def test_a_moved_occurrence_does_not_come_back_and_the_count_goes_on(ws, ali, clock):
    item = ws.activities.save(call(ali, subject="Weekly", done=False, at=karachi(date(2026, 11, 30), 10),
                                   recurrence=Recurrence(Frequency.WEEKLY, count=3)))  # fmt: skip
    ws.activities.reschedule(item.id, at=karachi(date(2026, 11, 29), 10))  # Monday's call moved to Sunday
    _, following = ws.activities.complete(item.id, "reached")
    assert following.at == karachi(date(2026, 12, 7), 10)  # not Monday 30 again
    _, third = ws.activities.complete(following.id, "reached")
    assert third.at == karachi(date(2026, 12, 14), 10)
    assert ws.activities.complete(third.id, "reached")[1] is None  # three times, moved one included


def test_completing_a_repeat_late_schedules_the_next_one_ahead(ws, ali, clock):
    item = ws.activities.save(call(ali, subject="Daily", done=False, at=karachi(date(2026, 11, 16), 9),
                                   recurrence=Recurrence(Frequency.DAILY)))  # fmt: skip
    clock.instant = karachi(date(2026, 11, 23), 12)  # a week late
    _, following = ws.activities.complete(item.id, "reached")
    assert following.at == karachi(date(2026, 11, 24), 9)


def test_an_all_day_item_stays_on_its_date_after_the_computer_moves_west(ws, ali, clock):
    ws.activities.save(call(ali, subject="Send the quote", done=False, day=date(2026, 11, 25)))  # saved in Karachi
    clock.zone = ZoneInfo("America/New_York")
    clock.instant = datetime(2026, 11, 25, 14, tzinfo=UTC)  # 09:00 on the 25th in New York
    agenda = ws.agenda.agenda()
    assert [s.subject for s in agenda.today] == ["Send the quote"] and agenda.overdue == []
    assert agenda.overdue_count == 0


def test_a_save_from_a_stale_copy_is_refused_and_the_completion_stands(ws, ali, clock):
    from crm_desktop.db.errors import ChangedElsewhereError

    item = ws.activities.save(call(ali, subject="Daily", done=False, at=START + timedelta(hours=1),
                                   recurrence=Recurrence(Frequency.DAILY)))  # fmt: skip
    stale = ws.activities.get(item.id)  # an edit dialog opens it ...
    clock.advance(timedelta(seconds=5))
    ws.activities.complete(item.id, "reached")  # ... while the reminder window completes it
    with pytest.raises(ChangedElsewhereError):
        ws.activities.save(replace(stale, subject="Daily (renamed)"))
    assert ws.activities.get(item.id).done
    assert len(ws.activities.search_ids(ActivityQuery(state=ActivityState.OPEN))) == 1  # one series, not two
