"""Where "now" and the local time zone come from: injected, so every time rule is testable.

Instants are aware datetimes in UTC. The local zone is an IANA zone (not a fixed offset), because a
follow-up set for 09:00 must stay at 09:00 after a daylight-saving change.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from typing import Protocol


class Clock(Protocol):
    zone: tzinfo

    def now(self) -> datetime:
        """The current instant, aware, in UTC."""
        ...


@dataclass
class FixedClock:
    """A clock that stands still until moved: for tests, and for replaying a moment."""

    instant: datetime
    zone: tzinfo = field(default=UTC)

    def __post_init__(self) -> None:
        self.instant = as_utc(self.instant)

    def now(self) -> datetime:
        return self.instant

    def advance(self, by: timedelta) -> None:
        self.instant += by


def as_utc(moment: datetime) -> datetime:
    if moment.tzinfo is None:
        raise ValueError("a naive datetime is ambiguous: give it a time zone")
    return moment.astimezone(UTC)


def local_now(clock: Clock) -> datetime:
    return clock.now().astimezone(clock.zone)


def today(clock: Clock) -> date:
    return local_now(clock).date()


def at_local(day: date, wall: time, zone: tzinfo) -> datetime:
    """The UTC instant of a wall-clock time on a day, in a zone.

    A time that does not exist (skipped by a spring-forward) is moved forward by the gap; a time that
    occurs twice (autumn) means its first occurrence, as people expect of an appointment.
    """
    # PEP 495: fold=0 reads a skipped time with the offset before the gap (so it lands after it) and a
    # repeated time as its first occurrence.
    return datetime.combine(day, wall).replace(tzinfo=zone, fold=0).astimezone(UTC)


def epoch(moment: datetime) -> int:
    """Whole seconds since 1970 UTC: how instants are stored."""
    return int(as_utc(moment).timestamp())


def from_epoch(seconds: int) -> datetime:
    return datetime.fromtimestamp(seconds, UTC)
