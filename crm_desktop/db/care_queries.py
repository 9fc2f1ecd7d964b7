"""Contacts the care rules ask about: birthdays in a window, and customers gone quiet."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import datetime

from crm_desktop.db.contacts import iso
from crm_desktop.domain.care import CareRule, RuleTarget
from crm_desktop.domain.clock import epoch, from_epoch
from crm_desktop.domain.contact import Birthday


@dataclass(frozen=True, slots=True)
class CareCandidate:
    contact_id: int
    name: str
    relationship: str
    tags: tuple[str, ...]
    last_contacted: datetime | None
    known_since: datetime
    birthday: Birthday | None = None


_FIELDS = (
    "c.id, c.display_name, c.relationship, c.tags_text, c.last_contacted_at, c.created_at, "
    "c.birthday_month, c.birthday_day, c.birthday_year"
)


def _candidate(row) -> CareCandidate:
    cid, name, relationship, tags_text, last, created, b_month, b_day, b_year = row
    return CareCandidate(
        cid, name, relationship, tuple(t for t in tags_text.split(", ") if t),
        from_epoch(last) if last else None, datetime.fromisoformat(created.replace("Z", "+00:00")),
        Birthday(b_month, b_day, b_year) if b_month else None,
    )  # fmt: skip


def has_birthdays(conn: sqlite3.Connection) -> bool:
    """Whether any live card has a birthday (one index probe)."""
    return conn.execute(
        "SELECT 1 FROM contacts WHERE deleted_at IS NULL AND birthday_month IS NOT NULL LIMIT 1"
    ).fetchone() is not None


def birthdays_on(conn: sqlite3.Connection, month_days: list[tuple[int, int]], limit: int = 500) -> list[CareCandidate]:
    """Live contacts whose birthday (month, day) is one of these; index look-ups, one per day."""
    found: list[CareCandidate] = []
    for month, day in month_days:
        rows = conn.execute(
            f"SELECT {_FIELDS} FROM contacts c WHERE c.deleted_at IS NULL AND c.birthday_month = ? "
            "AND c.birthday_day = ? ORDER BY c.sort_pos LIMIT ?",
            (month, day, limit - len(found)),
        ).fetchall()
        found += [_candidate(r) for r in rows]
        if len(found) >= limit:
            break
    return found


def quiet_since(conn: sqlite3.Connection, rule: CareRule, before: datetime, limit: int) -> list[CareCandidate]:
    """Live contacts under a rule not reached since `before` (never reached: made before it), quietest
    first: up to `limit` of each kind, every query one ordered index range (no sort of the matches)."""
    cutoff, cutoff_iso = epoch(before), iso(before)
    if rule.target is RuleTarget.RELATIONSHIP:
        head = f"SELECT {_FIELDS} FROM contacts c WHERE c.deleted_at IS NULL AND c.relationship = ? AND "
        target: tuple = (rule.value,)
        never_order = "c.id"  # (relationship, last_contacted_at = 0) leaves the index in id order
    else:
        tag = conn.execute("SELECT id FROM tags WHERE name = ? COLLATE NOCASE", (rule.value,)).fetchone()
        if tag is None:
            return []
        head = (f"SELECT {_FIELDS} FROM contacts c WHERE c.deleted_at IS NULL AND EXISTS (SELECT 1 FROM contact_tags "
                "ct WHERE ct.contact_id = c.id AND ct.tag_id = ?) AND ")  # fmt: skip
        target = (tag[0],)
        never_order = "c.sort_pos"
    reached_long_ago = conn.execute(
        head + "c.last_contacted_at > 0 AND c.last_contacted_at < ? ORDER BY c.last_contacted_at LIMIT ?",
        (*target, cutoff, limit),
    ).fetchall()
    never = conn.execute(
        head + f"c.last_contacted_at = 0 AND c.created_at < ? ORDER BY {never_order} LIMIT ?",
        (*target, cutoff_iso, limit),
    ).fetchall()
    return [_candidate(r) for r in never + reached_long_ago]
