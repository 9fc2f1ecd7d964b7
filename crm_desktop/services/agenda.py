"""The Today page and `crm-desktop agenda`: overdue, due today, the coming days, birthdays, going cold."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from crm_desktop.db.activities import ActivityRepository
from crm_desktop.db.errors import storage_error
from crm_desktop.db.care_queries import CareCandidate, birthdays_on, has_birthdays, quiet_since
from crm_desktop.domain.activity_query import ActivitySummary
from crm_desktop.domain.care import Warmth, birthday_window_days, next_birthday, strictest_rule, warmth
from crm_desktop.domain.clock import Clock, at_local, from_epoch, today
from crm_desktop.domain.contact_query import ContactSummary
from crm_desktop.services.preferences import FollowUpPreferences

SECTION_LIMIT = 60  # rows shown per section (about three screens); the count says how many there are
BIRTHDAY_ALARM = time(9, 0)  # birthday reminders ring at 09:00 local, on the day and N days before


@dataclass(frozen=True, slots=True)
class Birthday:
    contact_id: int
    name: str
    on: date
    age: int | None  # the age reached, when the year is known


@dataclass(frozen=True, slots=True)
class ColdContact:
    contact_id: int
    name: str
    warmth: Warmth
    quiet_days: int
    rule: str  # "customer", "VIP" ...


@dataclass(slots=True)
class Agenda:
    day: date
    overdue: list[ActivitySummary] = field(default_factory=list)
    overdue_count: int = 0
    today: list[ActivitySummary] = field(default_factory=list)
    upcoming: list[ActivitySummary] = field(default_factory=list)
    upcoming_count: int = 0
    birthdays: list[Birthday] = field(default_factory=list)
    going_cold: list[ColdContact] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class BirthdayNotice:
    """Today's birthday reminder: birthdays on the day, and those `lead_days` ahead."""

    day: date
    today: list[Birthday]
    ahead_day: date | None
    ahead: list[Birthday]


class AgendaService:
    def __init__(self, activities: ActivityRepository, preferences: FollowUpPreferences, clock: Clock):
        self.activities = activities
        self.preferences = preferences
        self.clock = clock

    def agenda(self, days: int = 7, with_care: bool = True) -> Agenda:
        """Raises StorageError (e.g. a damaged file) with a readable message rather than SQLite's."""
        try:
            return self._agenda(days, with_care)
        except sqlite3.DatabaseError as exc:
            raise storage_error(self.activities.database.path, exc) from exc

    def _agenda(self, days: int, with_care: bool) -> Agenda:
        zone, now = self.clock.zone, self.clock.now()
        day = today(self.clock)
        start_of_today = at_local(day, time(), zone)
        end_of_today = at_local(day + timedelta(days=1), time(), zone)
        horizon = at_local(day + timedelta(days=1 + days), time(), zone)
        result = Agenda(day)
        repo = self.activities
        # Past days, and timed items earlier today that are already past, are overdue.
        past = repo.summaries(repo.open_between(None, start_of_today, SECTION_LIMIT))
        result.overdue_count = repo.count_open_between(None, start_of_today)
        today_items = repo.summaries(repo.open_between(start_of_today, end_of_today, SECTION_LIMIT))
        upcoming = repo.summaries(repo.open_between(end_of_today, horizon, SECTION_LIMIT))
        result.upcoming_count = repo.count_open_between(end_of_today, horizon)
        # An all-day item is placed by its date, not by the instant it was filed under: that is the
        # midnight of the zone it was saved in, a day off after the computer changed time zone.
        sections = {"overdue": [], "today": [], "upcoming": []}
        for origin, items in (("overdue", past), ("today", today_items), ("upcoming", upcoming)):
            for item in items:
                if item.at is None and item.day is not None:
                    place = "overdue" if item.day < day else "today" if item.day == day else "upcoming"
                elif origin == "today" and item.at is not None and item.at < now:
                    place = "overdue"  # a timed item earlier today that is already past
                else:
                    place = origin
                sections[place].append(item)
                if place != origin:
                    result.overdue_count += (place == "overdue") - (origin == "overdue")
                    result.upcoming_count += (place == "upcoming") - (origin == "upcoming")
        result.overdue, result.today, result.upcoming = sections["overdue"], sections["today"], sections["upcoming"]
        if with_care:
            result.birthdays = self.birthdays(day, days)
            result.going_cold = self.going_cold(now)
        return result

    def birthdays(self, day: date, days: int, limit: int = SECTION_LIMIT) -> list[Birthday]:
        """Birthdays from today to `days` ahead (the Preferences' lead days at least), soonest first."""
        return self._kept_between(day, day + timedelta(days=max(days, self.preferences.birthday_lead_days)), limit)

    def _kept_between(self, first: date, last: date, limit: int = 500) -> list[Birthday]:
        found = []
        for candidate in birthdays_on(self.activities.conn, birthday_window_days(first, last), limit):
            b = candidate.birthday
            on = next_birthday(b, first)
            if on <= last:
                found.append(Birthday(candidate.contact_id, candidate.name, on, None if b.year is None else on.year - b.year))
        return sorted(found, key=lambda b: (b.on, b.name))

    def going_cold(self, now: datetime, limit: int = 50) -> list[ColdContact]:
        rules = self.preferences.care_rules
        seen: dict[int, ColdContact] = {}
        for rule in rules:
            for candidate in quiet_since(self.activities.conn, rule, now - timedelta(days=rule.ideal_days), limit):
                judged = self._judge(candidate, rules, now)
                if judged is not None:
                    seen[candidate.contact_id] = judged
        ordered = sorted(seen.values(), key=lambda c: (-c.warmth, -c.quiet_days, c.name))
        return ordered[:limit]

    def warmth_judge(self) -> Callable[[ContactSummary], Warmth]:
        """A judge of list rows against the care rules as they are now (one settings read, then pure)."""
        rules, now = self.preferences.care_rules, self.clock.now()

        def judge(summary: ContactSummary) -> Warmth:
            rule = strictest_rule(rules, summary.relationship, summary.tags.split(", ") if summary.tags else ())
            if rule is None:
                return Warmth.FINE
            last = from_epoch(summary.last_contacted_at) if summary.last_contacted_at else None
            known = _instant(summary.created_at) or now
            return warmth(rule, last, known, now)

        return judge

    @staticmethod
    def _judge(candidate: CareCandidate, rules, now: datetime) -> ColdContact | None:
        rule = strictest_rule(rules, candidate.relationship, candidate.tags)
        level = warmth(rule, candidate.last_contacted, candidate.known_since, now)
        if rule is None or level is Warmth.FINE:
            return None
        quiet = (now - (candidate.last_contacted or candidate.known_since)).days
        return ColdContact(candidate.contact_id, candidate.name, level, quiet, rule.value)

    # ---- birthday reminders -------------------------------------------------------------------

    def birthday_notice(self) -> BirthdayNotice | None:
        """What the reminder window shows from 09:00 until dismissed; None before then, after the
        user dismissed today's, or when nobody has a birthday on the day or N days ahead."""
        zone, now = self.clock.zone, self.clock.now()
        day = today(self.clock)
        if now < at_local(day, BIRTHDAY_ALARM, zone) or self.preferences.birthdays_dismissed_through >= day:
            return None
        lead = self.preferences.birthday_lead_days
        on_day = self._kept_between(day, day)
        ahead_day = day + timedelta(days=lead) if lead > 0 else None
        ahead = self._kept_between(ahead_day, ahead_day) if ahead_day else []
        if not on_day and not ahead:
            return None
        return BirthdayNotice(day, on_day, ahead_day, ahead)

    def next_birthday_check(self) -> datetime | None:
        """When the birthday reminder is next looked at: 09:00 today if that is still ahead and not
        dismissed, else 09:00 tomorrow; None when no card has a birthday at all (nothing to wake for)."""
        zone, now = self.clock.zone, self.clock.now()
        if not has_birthdays(self.activities.conn):
            return None
        day = today(self.clock)
        if at_local(day, BIRTHDAY_ALARM, zone) <= now or self.preferences.birthdays_dismissed_through >= day:
            day += timedelta(days=1)
        return at_local(day, BIRTHDAY_ALARM, zone)

    def dismiss_birthdays(self, day: date) -> None:
        """On disk at once: today's birthday reminder does not come back, not even after a restart."""
        self.preferences.birthdays_dismissed_through = day


def _instant(iso_text: str) -> datetime | None:
    try:
        return datetime.fromisoformat(iso_text.replace("Z", "+00:00")) if iso_text else None
    except ValueError:
        return None
