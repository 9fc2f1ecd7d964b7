"""Bulk writing of deals for the demo database: plain INSERTs in one transaction, derived columns after."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from crm_desktop.db.connection import Database
from crm_desktop.db.deals import refresh_activity_dates, refresh_search_text


@dataclass(slots=True)
class DealBulkRows:
    # (id, uuid, title, contact_id, company_id, value_minor, currency, stage, expected_close, source, status,
    #  lost_reason, closed_on, tags_text, created_at, updated_at)
    deals: list[tuple] = field(default_factory=list)
    history: list[tuple] = field(default_factory=list)  # (deal_id, stage, entered_at)
    tags: list[tuple] = field(default_factory=list)  # (deal_id, tag name)
    # (deal_id, contact_id, first instant, last instant): link the contact's activities in that span
    links: list[tuple] = field(default_factory=list)


def candidate_contacts(database: Database, per_thousand: int) -> list[tuple[int, str, str, str]]:
    """(id, display name, kind, home country) of about per_thousand in 1000 live contacts, picked by a
    fixed hash of the id so the same file always gets the same ones."""
    return database.execute(
        "SELECT c.id, c.display_name, c.kind, coalesce(a.country, '') FROM contacts c "
        "LEFT JOIN contact_addresses a ON a.contact_id = c.id AND a.position = 0 "
        "WHERE c.deleted_at IS NULL AND (c.id * 2654435761) % 1000 < ? ORDER BY c.id",
        (per_thousand,),
    ).fetchall()


def first_deal_id(database: Database) -> int:
    return database.execute("SELECT coalesce(max(id), 0) + 1 FROM deals").fetchone()[0]


def write_deals(database: Database, rows: DealBulkRows) -> None:
    conn = database.conn
    with database.atomic():
        conn.executemany(
            "INSERT INTO deals (id, uuid, title, contact_id, company_id, value_minor, currency, stage, expected_close, "
            "source, status, lost_reason, closed_on, tags_text, created_at, updated_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            rows.deals,
        )
        conn.executemany("INSERT INTO deal_stage_history (deal_id, stage, entered_at) VALUES (?, ?, ?)", rows.history)
        names = sorted({name for _, name in rows.tags})
        conn.executemany("INSERT OR IGNORE INTO tags (name) VALUES (?)", [(n,) for n in names])
        conn.executemany(
            "INSERT INTO deal_tags (deal_id, tag_id) SELECT ?, id FROM tags WHERE name = ?", rows.tags
        )
        _link_activities(conn, rows.links)
        ids = [row[0] for row in rows.deals]
        refresh_activity_dates(conn, ids)
        refresh_search_text(conn, ids)


def _link_activities(conn, links: Sequence[tuple]) -> None:
    """A deal's conversations: the contact's activities within the deal's life are linked to it, and the
    contact's open follow-up (if any) becomes an open deal's next step."""
    conn.executemany(
        "UPDATE activities SET deal_id = ? WHERE contact_id = ? AND deal_id IS NULL AND sort_at BETWEEN ? AND ?",
        links,
    )
