"""The fast path for loading very many new activities at once (demo history), in one transaction.

Like contacts_bulk: rows arrive pre-built (in the activities table's column order, ids ascending),
secondary indexes are dropped for the load and rebuilt after it, and the search index gets its documents
in rowid order. The contacts' derived dates (last contacted, last attempt) come with the rows. Use it
only on a new file nobody else has open.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from crm_desktop.db.connection import Database

ACTIVITY_COLUMNS = (
    "id", "uuid", "contact_id", "deal_id", "kind", "subject", "details", "done", "at", "day", "sort_at",
    "duration_minutes", "direction", "outcome", "priority", "alarm_lead", "alarm_at", "recurrence",
    "series_start", "zone", "completed_at", "live", "created_at", "updated_at", "deleted_at",
)  # fmt: skip
_INSERT = f"INSERT INTO activities ({', '.join(ACTIVITY_COLUMNS)}) VALUES ({', '.join('?' * len(ACTIVITY_COLUMNS))})"
# Search keys lead with the time, not the id: FTS5 flushes its pending segment whenever a rowid arrives
# below the last one, so documents are parked in a table keyed (so ordered) by search key and go into
# the index in key order at the end: 10 times faster than in id order.
_PARK = "CREATE TEMP TABLE activity_search_load (key INTEGER PRIMARY KEY, subject TEXT, details TEXT)"
_FTS_INSERT = "INSERT INTO temp.activity_search_load (key, subject, details) VALUES (?, ?, ?)"
_FTS_FROM_PARK = (
    "INSERT INTO activities_fts (rowid, subject, details) SELECT key, subject, details FROM temp.activity_search_load"
)
_DATES = "UPDATE contacts SET last_contacted_at = coalesce(?, 0), last_attempt_at = coalesce(?, 0) WHERE id = ?"


@dataclass(slots=True)
class ActivityRows:
    activities: list[tuple] = field(default_factory=list)  # ACTIVITY_COLUMNS
    fts: list[tuple] = field(default_factory=list)  # search_key, normalised subject, normalised details
    contact_dates: list[tuple] = field(default_factory=list)  # last_contacted_at, last_attempt_at, contact id


class ActivityBulkLoader:
    """begin() -> write() batches -> finish(); rolled back whole by abort()."""

    def __init__(self, database: Database):
        self.conn = database.conn
        self._indexes: list[str] = []

    def begin(self) -> None:
        conn = self.conn
        conn.execute("PRAGMA journal_mode = OFF")
        conn.execute("PRAGMA synchronous = OFF")
        conn.execute("PRAGMA cache_size = -262144")
        conn.execute("PRAGMA foreign_keys = OFF")  # contact ids are right by construction
        conn.execute("BEGIN IMMEDIATE")
        for name, sql in conn.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name = 'activities'"
        ).fetchall():
            conn.execute(f'DROP INDEX "{name}"')
            self._indexes.append(sql)
        conn.execute("INSERT INTO activities_fts (activities_fts, rank) VALUES ('automerge', 0)")
        conn.execute(_PARK)

    def write(self, rows: ActivityRows) -> None:
        self.conn.executemany(_INSERT, rows.activities)
        self.conn.executemany(_FTS_INSERT, rows.fts)
        self.conn.executemany(_DATES, rows.contact_dates)

    def finish(self) -> None:
        conn = self.conn
        for sql in self._indexes:
            conn.execute(sql)
        conn.execute(_FTS_FROM_PARK)
        conn.execute("DROP TABLE temp.activity_search_load")
        conn.execute("DELETE FROM activities_fts_config WHERE k = 'automerge'")
        conn.execute("COMMIT")
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = NORMAL")

    def abort(self) -> None:
        if self.conn.in_transaction:
            self.conn.execute("ROLLBACK")
        self.conn.execute("DROP TABLE IF EXISTS temp.activity_search_load")
