"""What the Activities view asks for, and the one row per activity it shows."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import date, datetime


class ActivityState(enum.StrEnum):
    ANY = "any"
    DONE = "done"  # history
    OPEN = "open"  # follow-ups still to do


@dataclass(frozen=True, slots=True)
class ActivityQuery:
    text: str = ""
    kinds: tuple[str, ...] = ()  # empty: every kind
    outcomes: tuple[str, ...] = ()
    since: datetime | None = None  # inclusive, aware
    until: datetime | None = None  # exclusive, aware
    contact_id: int | None = None
    state: ActivityState = ActivityState.ANY


@dataclass(frozen=True, slots=True)
class ActivitySummary:
    """One line of a list: enough to draw it without loading the whole activity."""

    id: int
    contact_id: int
    contact_name: str
    kind: str
    subject: str
    done: bool
    at: datetime | None
    day: date | None
    outcome: str
    direction: str
    priority: int
    alarm_at: datetime | None
    repeats: bool
    details_start: str  # the first line of the details, short
