"""The agenda as plain text lines (for `crm-desktop agenda`): a heading per section, then one row per item."""

from __future__ import annotations

from datetime import tzinfo

from crm_desktop.domain.activity_query import ActivitySummary
from crm_desktop.domain.care import CareRule, Warmth
from crm_desktop.services.agenda import Agenda

Row = tuple[str, str, str, str]  # local date and time, kind, contact, subject


def agenda_lines(agenda: Agenda, zone: tzinfo, rules: list[CareRule], days: int) -> list[str | Row]:
    by_value = {rule.value: rule for rule in rules}
    sections: list[tuple[str, int, list[Row]]] = [
        ("Overdue", agenda.overdue_count, [_activity(a, zone) for a in agenda.overdue]),
        (f"Today {agenda.day.isoformat()}", len(agenda.today), [_activity(a, zone) for a in agenda.today]),
        (f"Next {days} days", agenda.upcoming_count, [_activity(a, zone) for a in agenda.upcoming]),
        ("Birthdays", len(agenda.birthdays), [
            (b.on.isoformat(), "birthday", b.name, "" if b.age is None else f"turns {b.age}") for b in agenda.birthdays
        ]),
        ("Going cold", len(agenda.going_cold), [
            (f"{c.quiet_days} days quiet", "cold" if c.warmth is Warmth.COLD else "cooling", c.name,
             _rule_text(by_value.get(c.rule), c.rule)) for c in agenda.going_cold
        ]),
    ]  # fmt: skip
    lines: list[str | Row] = []
    for title, count, rows in sections:
        if lines:
            lines.append("")
        lines.append(f"{title} ({count})" if count else f"{title}: nothing")
        lines.extend(rows)
        if count > len(rows):
            lines.append(f"... and {count - len(rows)} more")
    return lines


def _activity(item: ActivitySummary, zone: tzinfo) -> Row:
    when = item.at.astimezone(zone).strftime("%Y-%m-%d %H:%M") if item.at else f"{item.day.isoformat()} all day"
    return when, item.kind, item.contact_name, item.subject or item.details_start


def _rule_text(rule: CareRule | None, value: str) -> str:
    if rule is None:
        return value
    return f"{rule.value}: every {rule.ideal_days} days, at most {rule.max_days}"
