"""Customer care rules: birthdays, customers going cold, and not pestering anyone.

Pure rules over dates; the database finds the candidates and these decide.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from crm_desktop.domain.contact import Birthday


def birthday_in(year: int, birthday: Birthday) -> date:
    """The date a birthday is kept in a year. Someone born on 29 February celebrates on 28 February in
    common years: it stays in their month, and a reminder "on the day" never slips into March."""
    if (birthday.month, birthday.day) == (2, 29):
        try:
            return date(year, 2, 29)
        except ValueError:
            return date(year, 2, 28)
    return date(year, birthday.month, birthday.day)


def next_birthday(birthday: Birthday, on_or_after: date) -> date:
    this_year = birthday_in(on_or_after.year, birthday)
    return this_year if this_year >= on_or_after else birthday_in(on_or_after.year + 1, birthday)


def age_on(birthday: Birthday, day: date) -> int | None:
    """Age reached on the birthday kept on or after `day`; None when the year is unknown."""
    if birthday.year is None:
        return None
    return next_birthday(birthday, day).year - birthday.year


def birthday_window_days(first: date, last: date) -> list[tuple[int, int]]:
    """Every (month, day) whose birthday is kept between first and last (inclusive): what to ask the
    database for. 28 February also asks for 29 February in a common year."""
    found: list[tuple[int, int]] = []
    day = first
    while day <= last and len(found) < 366:
        found.append((day.month, day.day))
        if (day.month, day.day) == (2, 28) and not _is_leap(day.year):
            found.append((2, 29))
        day += timedelta(days=1)
    return found


def _is_leap(year: int) -> bool:
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)


class Warmth(enum.IntEnum):
    """How long since we last reached a contact, against the care rule that applies to them."""

    FINE = 0
    COOLING = 1  # past the ideal interval: amber
    COLD = 2  # past the maximum interval: red


class RuleTarget(enum.StrEnum):
    TAG = "tag"
    RELATIONSHIP = "relationship"


@dataclass(frozen=True, slots=True)
class CareRule:
    """Contacts with this tag or relationship should hear from us every ideal_days, at most max_days."""

    target: RuleTarget
    value: str
    ideal_days: int
    max_days: int

    def problems(self) -> list[str]:
        found = []
        if not self.value.strip():
            found.append("Choose the tag or relationship the rule is for.")
        if not 1 <= self.ideal_days <= 3650:
            found.append("The ideal interval must be between 1 and 3650 days.")
        if self.max_days < self.ideal_days:
            found.append("The maximum interval cannot be shorter than the ideal one.")
        return found

    def applies_to(self, relationship: str, tags: list[str] | tuple[str, ...]) -> bool:
        if self.target is RuleTarget.RELATIONSHIP:
            return relationship == self.value
        folded = self.value.casefold()
        return any(tag.casefold() == folded for tag in tags)


DEFAULT_CARE_RULES = (
    CareRule(RuleTarget.RELATIONSHIP, "customer", 30, 45),
    CareRule(RuleTarget.TAG, "VIP", 14, 21),
)


def strictest_rule(rules: tuple[CareRule, ...] | list[CareRule], relationship: str, tags) -> CareRule | None:
    """Of the rules that apply, the one that asks for contact soonest."""
    applying = [rule for rule in rules if rule.applies_to(relationship, tags)]
    return min(applying, key=lambda r: (r.ideal_days, r.max_days), default=None)


def warmth(rule: CareRule | None, last_contacted: datetime | None, known_since: datetime, now: datetime) -> Warmth:
    """A contact never reached counts from when the card was made, so new cards are not all red."""
    if rule is None:
        return Warmth.FINE
    quiet = now - (last_contacted or known_since)
    if quiet > timedelta(days=rule.max_days):
        return Warmth.COLD
    if quiet > timedelta(days=rule.ideal_days):
        return Warmth.COOLING
    return Warmth.FINE


@dataclass(frozen=True, slots=True)
class PesterRule:
    """Warn before logging or scheduling when a contact already had `times` contacts in `days` days."""

    times: int = 3
    days: int = 7
    enabled: bool = True

    def since(self, now: datetime) -> datetime:
        return now - timedelta(days=self.days)

    def warning(self, recent: int) -> str | None:
        if not self.enabled or recent < self.times:
            return None
        return f"Already contacted {recent} times in the last {self.days} days."
