"""What an activity is: a logged call, meeting, email, letter, note or task, done or scheduled.

A scheduled activity is a follow-up: it has a due moment (an instant, or a whole day), a priority, an
optional alarm and an optional repeat. Completing it turns it into history with an outcome.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta, tzinfo
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from crm_desktop.domain.clock import at_local
from crm_desktop.domain.recurrence import Recurrence, next_occurrence
from crm_desktop.domain.validation import FieldError


class ActivityKind(enum.StrEnum):
    CALL = "call"
    MEETING = "meeting"
    EMAIL = "email"
    LETTER = "letter"
    NOTE = "note"
    TASK = "task"


# Kinds that are a conversation with the contact: they count for "last contacted" and "last attempt".
CONTACT_KINDS = frozenset({ActivityKind.CALL, ActivityKind.MEETING, ActivityKind.EMAIL, ActivityKind.LETTER})
DEFAULT_OUTCOMES = ("reached", "left message", "no answer", "interested", "not interested", "complaint")
# Outcomes of an attempt that did not reach the person; every other outcome (or none) means it did.
UNREACHED_OUTCOMES = frozenset({"left message", "no answer"})

MAX_ALARM_LEAD = timedelta(days=30)
ALL_DAY_ALARM_TIME = time(9, 0)  # an all-day item's alarm counts back from 09:00 local on its day


class Direction(enum.StrEnum):
    NONE = ""
    INBOUND = "in"
    OUTBOUND = "out"


class Priority(enum.IntEnum):
    LOW = 0
    NORMAL = 1
    HIGH = 2


@dataclass(slots=True)
class Activity:
    contact_id: int | None
    kind: str = ActivityKind.CALL  # a built-in kind or one added in Preferences
    subject: str = ""
    details: str = ""
    done: bool = True
    at: datetime | None = None  # a timed item's instant, aware UTC
    day: date | None = None  # an all-day item's date (then at is None)
    duration_minutes: int = 0
    direction: Direction = Direction.NONE
    outcome: str = ""
    priority: Priority = Priority.NORMAL
    alarm_lead: timedelta | None = None  # None: no alarm
    alarm_at: datetime | None = None  # the pending alarm (after snoozes); None once dismissed or done
    recurrence: Recurrence | None = None
    series_start: datetime | None = None  # naive local wall time of the series' first occurrence
    occurrence: datetime | None = None  # a moved occurrence: the wall time of the slot it was moved from
    zone: str = ""  # IANA zone the item was scheduled in (wall times of a repeat are kept in it)
    deal_id: int | None = None
    completed_at: datetime | None = None
    # Set by storage.
    id: int | None = None
    uuid: str | None = None
    created_at: datetime | None = None
    updated_at: datetime | None = None
    deleted_at: datetime | None = None

    @property
    def all_day(self) -> bool:
        return self.at is None and self.day is not None

    @property
    def reached(self) -> bool:
        """A done conversation that reached the person (counts for "last contacted")."""
        return self.done and self.kind in CONTACT_KINDS and self.outcome not in UNREACHED_OUTCOMES

    @property
    def attempted(self) -> bool:
        return self.done and self.kind in CONTACT_KINDS

    def local_day(self, zone: tzinfo) -> date | None:
        if self.at is not None:
            return self.at.astimezone(zone).date()
        return self.day

    def is_overdue(self, now: datetime, zone: tzinfo) -> bool:
        """Unfinished and past: a timed item after its moment, an all-day item after its day."""
        if self.done:
            return False
        if self.at is not None:
            return self.at < now
        return self.day is not None and self.day < now.astimezone(zone).date()


def alarm_instant(activity: Activity, zone: tzinfo) -> datetime | None:
    """When the alarm of a scheduled item rings, before any snooze; None without an alarm or a date."""
    if activity.done or activity.alarm_lead is None:
        return None
    if activity.at is not None:
        return activity.at - activity.alarm_lead
    if activity.day is not None:
        return at_local(activity.day, ALL_DAY_ALARM_TIME, zone) - activity.alarm_lead
    return None


def schedule_alarm(activity: Activity, zone: tzinfo) -> Activity:
    """The item with its pending alarm set from its due moment and lead time."""
    return replace(activity, alarm_at=alarm_instant(activity, zone))


def following_occurrence(activity: Activity, zone: tzinfo, now: datetime | None = None) -> Activity | None:
    """The next open item of a repeating follow-up, or None when the series has ended.

    It comes after the item's own time, after the slot a moved item came from (so moving Monday's call
    to Sunday does not bring Monday's back) and, given `now`, after now: completing a daily call a week
    late schedules the next one ahead, not seven already overdue."""
    if activity.recurrence is None or (activity.at is None and activity.day is None):
        return None
    wall_zone = _zone_or(activity.zone, zone)
    current = (
        activity.at.astimezone(wall_zone).replace(tzinfo=None)
        if activity.at is not None
        else datetime.combine(activity.day, time())
    )
    start = activity.series_start or current
    after = max(current, activity.occurrence or current)
    if now is not None:
        after = max(after, now.astimezone(wall_zone).replace(tzinfo=None))
    following = next_occurrence(activity.recurrence, start, after)
    if following is None:
        return None
    nxt = replace(
        activity, id=None, uuid=None, created_at=None, updated_at=None, deleted_at=None, done=False,
        outcome="", completed_at=None, series_start=start, alarm_at=None, occurrence=None,
    )  # fmt: skip
    if activity.at is not None:
        nxt.at = at_local(following.date(), following.time(), wall_zone)
    else:
        nxt.day = following.date()
    return schedule_alarm(nxt, wall_zone)


def _zone_or(name: str, fallback: tzinfo) -> tzinfo:
    if not name:
        return fallback
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return fallback


def validate_activity(activity: Activity) -> list[FieldError]:
    errors = []
    if activity.contact_id is None:
        errors.append(FieldError("contact", "Choose the contact this is about."))
    if not activity.kind.strip():
        errors.append(FieldError("kind", "Choose what kind of activity this is."))
    if not activity.done and activity.at is None and activity.day is None:
        errors.append(FieldError("when", "A follow-up needs a date."))
    if activity.at is not None and activity.day is not None:
        errors.append(FieldError("when", "An item is either at a time or all-day, not both."))
    if activity.at is not None and activity.at.tzinfo is None:
        errors.append(FieldError("when", "The time has no time zone."))
    if not 0 <= activity.duration_minutes <= 60 * 24 * 31:
        errors.append(FieldError("duration", "The duration must be between 0 minutes and 31 days."))
    if activity.alarm_lead is not None and not timedelta(0) <= activity.alarm_lead <= MAX_ALARM_LEAD:
        errors.append(FieldError("alarm", "The reminder must be between 0 minutes and 30 days before."))
    if activity.recurrence is not None:
        if activity.done:
            errors.append(FieldError("repeat", "Only a follow-up that is still to do can repeat."))
        start = activity.day or (activity.at.date() if activity.at else None)
        errors.extend(FieldError("repeat", problem) for problem in activity.recurrence.problems(start))
    return errors


def snooze_choices(now: datetime, zone: tzinfo) -> list[tuple[str, datetime]]:
    """The snooze menu: (label, new alarm instant), soonest first."""
    tomorrow = now.astimezone(zone).date() + timedelta(days=1)
    return [
        ("5 minutes", now + timedelta(minutes=5)),
        ("15 minutes", now + timedelta(minutes=15)),
        ("1 hour", now + timedelta(hours=1)),
        ("Tomorrow 09:00", at_local(tomorrow, time(9, 0), zone)),
    ]
