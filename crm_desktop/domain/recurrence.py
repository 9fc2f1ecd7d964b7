"""Repeating follow-ups: daily, weekly on chosen days, monthly, yearly; every N; until a date or N times.

Occurrences are computed in local wall-clock time with python-dateutil's rrule and only then turned into
instants, so "every Monday 09:00" stays at 09:00 on both sides of a daylight-saving change.

Deliberate choices for days that some months or years lack: a series started on the 29th-31st falls on
the last day of shorter months (the 31st becomes 30 April, 28/29 February), and a yearly series started
on 29 February falls on 28 February in common years. A plain rrule would skip those months instead,
and a monthly invoice reminder that silently skips April is worse than one a day early.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from datetime import date, datetime, time

from dateutil import rrule

WEEKDAY_CODES = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")  # index = date.weekday()


class Frequency(enum.StrEnum):
    DAILY = "DAILY"
    WEEKLY = "WEEKLY"
    MONTHLY = "MONTHLY"
    YEARLY = "YEARLY"


_RRULE_FREQ = {
    Frequency.DAILY: rrule.DAILY,
    Frequency.WEEKLY: rrule.WEEKLY,
    Frequency.MONTHLY: rrule.MONTHLY,
    Frequency.YEARLY: rrule.YEARLY,
}
_UNIT = {Frequency.DAILY: "day", Frequency.WEEKLY: "week", Frequency.MONTHLY: "month", Frequency.YEARLY: "year"}


@dataclass(frozen=True, slots=True)
class Recurrence:
    frequency: Frequency
    interval: int = 1
    weekdays: tuple[int, ...] = field(default=())  # 0 = Monday; weekly only; empty = the start's weekday
    until: date | None = None  # last day an occurrence may fall on (inclusive)
    count: int | None = None  # occurrences in the whole series, the first included

    def problems(self, start: date | None = None) -> list[str]:
        found = []
        if self.interval < 1 or self.interval > 999:
            found.append("The repeat interval must be between 1 and 999.")
        if any(d not in range(7) for d in self.weekdays):
            found.append("A weekday must be Monday to Sunday.")
        if self.weekdays and self.frequency is not Frequency.WEEKLY:
            found.append("Weekdays can only be chosen for a weekly repeat.")
        if self.until is not None and self.count is not None:
            found.append("Choose either an end date or a number of times, not both.")
        if self.count is not None and not 1 <= self.count <= 9999:
            found.append("The number of times must be between 1 and 9999.")
        if self.until is not None and start is not None and self.until < start:
            found.append("The repeat ends before the first occurrence.")
        return found

    def text(self) -> str:
        """RFC 5545 RRULE value (without DTSTART): how it is stored, and what iCalendar export writes."""
        parts = [f"FREQ={self.frequency.value}"]
        if self.interval != 1:
            parts.append(f"INTERVAL={self.interval}")
        if self.weekdays:
            parts.append("BYDAY=" + ",".join(WEEKDAY_CODES[d] for d in sorted(set(self.weekdays))))
        if self.until is not None:
            parts.append(f"UNTIL={self.until:%Y%m%d}")
        if self.count is not None:
            parts.append(f"COUNT={self.count}")
        return ";".join(parts)

    @classmethod
    def parse(cls, text: str) -> Recurrence:
        """Read what text() wrote; ValueError names the part that is wrong."""
        values: dict[str, str] = {}
        for part in text.strip().split(";"):
            key, sep, value = part.partition("=")
            if not sep or not value:
                raise ValueError(f"repeat rule {text!r}: {part!r} is not NAME=VALUE")
            values[key.upper()] = value.upper()
        try:
            frequency = Frequency(values.pop("FREQ"))
            interval = int(values.pop("INTERVAL", "1"))
            weekdays = tuple(WEEKDAY_CODES.index(code) for code in values.pop("BYDAY", "").split(",") if code)
            until_text = values.pop("UNTIL", "")
            until = datetime.strptime(until_text[:8], "%Y%m%d").date() if until_text else None
            count = int(values["COUNT"]) if "COUNT" in values else None
            values.pop("COUNT", None)
        except (KeyError, ValueError) as exc:
            raise ValueError(f"repeat rule {text!r} cannot be read ({exc})") from None
        if values:
            raise ValueError(f"repeat rule {text!r}: unknown part {', '.join(values)}")
        return cls(frequency, interval, weekdays, until, count)

    def describe(self) -> str:
        """A short English description for lists: "Every 2 weeks on Mon, Thu, 5 times"."""
        unit = _UNIT[self.frequency]
        head = f"Every {unit}" if self.interval == 1 else f"Every {self.interval} {unit}s"
        if self.frequency is Frequency.DAILY and self.interval == 1:
            head = "Daily"
        if self.weekdays:
            names = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
            head += " on " + ", ".join(names[d] for d in sorted(set(self.weekdays)))
        if self.until is not None:
            head += f", until {self.until.isoformat()}"
        if self.count is not None:
            head += f", {self.count} times"
        return head


def _rule(recurrence: Recurrence, series_start: datetime) -> rrule.rrule:
    options: dict = {"dtstart": series_start, "interval": recurrence.interval}
    if recurrence.count is not None:
        options["count"] = recurrence.count
    if recurrence.until is not None:
        options["until"] = datetime.combine(recurrence.until, time.max)
    day = series_start.day
    if recurrence.frequency is Frequency.WEEKLY:
        options["byweekday"] = tuple(sorted(set(recurrence.weekdays))) or (series_start.weekday(),)
    elif recurrence.frequency is Frequency.MONTHLY and day >= 29:
        options.update(bymonthday=(day, -1), bysetpos=1)
    elif recurrence.frequency is Frequency.YEARLY and (series_start.month, day) == (2, 29):
        options.update(bymonth=2, bymonthday=(29, -1), bysetpos=1)
    return rrule.rrule(_RRULE_FREQ[recurrence.frequency], **options)


def _series(recurrence: Recurrence, series_start: datetime):
    """The rule, with the start itself as the first occurrence even when it is not one of the chosen
    weekdays (rrule would skip it, and a COUNT would then give one too many)."""
    rule = _rule(recurrence, series_start)
    if recurrence.frequency is not Frequency.WEEKLY or not recurrence.weekdays:
        return rule
    if series_start.weekday() in recurrence.weekdays:
        return rule
    if recurrence.count is not None:
        if recurrence.count == 1:
            return [series_start]
        rule = _rule(Recurrence(recurrence.frequency, recurrence.interval, recurrence.weekdays,
                                recurrence.until, recurrence.count - 1), series_start)  # fmt: skip
    series = rrule.rruleset()
    series.rrule(rule)
    series.rdate(series_start)
    return series


def next_occurrence(recurrence: Recurrence, series_start: datetime, after: datetime) -> datetime | None:
    """The first wall-clock occurrence strictly after `after` (naive local times), or None when the
    series has ended."""
    if series_start.tzinfo is not None or after.tzinfo is not None:
        raise ValueError("recurrences are computed in naive local wall-clock time")
    series = _series(recurrence, series_start)
    if isinstance(series, list):
        return next((moment for moment in series if moment > after), None)
    return series.after(after, inc=False)


def occurrences(recurrence: Recurrence, series_start: datetime, limit: int) -> list[datetime]:
    """The first `limit` occurrences of a series (for previews and tests)."""
    found = []
    for moment in _series(recurrence, series_start):
        found.append(moment)
        if len(found) >= limit:
            break
    return found
