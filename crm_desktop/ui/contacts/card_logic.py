"""The contact card's rules that need no Qt: labels, tags, birthdays, error field paths.

Kept apart from the widgets so they are tested in milliseconds and read without Qt in mind.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from crm_desktop.domain.contact import Birthday

# Labels offered in the editable label combos: (stored value, shown text). The user may type any other.
PHONE_LABELS = (("mobile", "Mobile"), ("work", "Work"), ("home", "Home"), ("fax", "Fax"), ("other", "Other"))
EMAIL_LABELS = (("work", "Work"), ("home", "Home"), ("other", "Other"))
ADDRESS_LABELS = (("work", "Work"), ("home", "Home"), ("billing", "Billing"), ("shipping", "Shipping"),
                  ("other", "Other"))  # fmt: skip
WEBSITE_LABELS = (("website", "Website"), ("linkedin", "LinkedIn"), ("facebook", "Facebook"), ("x", "X"),
                  ("instagram", "Instagram"), ("whatsapp", "WhatsApp"), ("other", "Other"))  # fmt: skip


def label_value(shown: str, presets: Iterable[tuple[str, str]]) -> str:
    """The label to store for what a label combo shows: a preset's value, or exactly what was typed."""
    for value, text in presets:
        if shown == text:
            return value
    return shown


def label_text(value: str, presets: Iterable[tuple[str, str]]) -> str:
    """What a label combo shows for a stored label."""
    for preset_value, text in presets:
        if value == preset_value:
            return text
    return value


def parse_tags(text: str) -> list[str]:
    """Tags typed as "vip, lahore": the spaces around a comma separate, the words are kept as typed.

    Empty pieces (a trailing comma, ",,") hold no data and are left out.
    """
    return [piece.strip() for piece in text.split(",") if piece.strip()]


def format_tags(tags: Iterable[str]) -> str:
    return ", ".join(tags)


def birthday_from_parts(day: int | None, month: int | None, year_text: str) -> tuple[Birthday | None, str | None]:
    """A birthday from the form's day, month and optional year; or an error for a part-filled one.

    Nothing typed is dropped: a year or a day without the rest is an error, not an empty birthday.
    """
    year_text = year_text.strip()
    if day is None and month is None and not year_text:
        return None, None
    if day is None or month is None:
        return None, "A birthday needs a day and a month (the year may stay empty)."
    year = None
    if year_text:
        if not year_text.isdigit():
            return None, "The year must be a number, e.g. 1984."
        year = int(year_text)
    return Birthday(month, day, year), None


@dataclass(frozen=True, slots=True)
class FieldPath:
    """Where a FieldError points: "addresses[1].country" is FieldPath("addresses", 1, "country")."""

    name: str
    index: int | None = None
    part: str | None = None


_FIELD_PATH = re.compile(r"^(?P<name>\w+?)(?:\[(?P<index>\d+)\])?(?:\.(?P<part>\w+))?$")


def parse_field_path(field: str) -> FieldPath:
    match = _FIELD_PATH.match(field)
    if match is None:
        return FieldPath(field)
    index = match["index"]
    return FieldPath(match["name"], int(index) if index is not None else None, match["part"])


def local_time(iso_utc: str | None) -> dt.datetime | None:
    """A stored UTC instant ("2025-03-01T09:30:00.000000Z") in the computer's local time zone."""
    if not iso_utc:
        return None
    try:
        moment = dt.datetime.fromisoformat(iso_utc.replace("Z", "+00:00"))
    except ValueError:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    return moment.astimezone()


def country_choices(codes: Iterable[str], name_of: Callable[[str], str]) -> list[tuple[str, str]]:
    """(shown name, ISO code) pairs sorted by name, e.g. ("Pakistan (PK)", "PK")."""
    pairs = []
    for code in codes:
        name = name_of(code) or code
        pairs.append((f"{name} ({code})", code))
    return sorted(pairs, key=lambda pair: pair[0].casefold())
