"""The fast path for loading very many new contacts at once (demo data): pre-built rows, one transaction.

The caller builds plain tuples in the column orders below, exactly as ContactRepository would store the
same contacts (tests compare both paths), and hands them over in ascending id order with sort positions
(db/sort_positions.py) already given, so every table and the search index are only appended to.

Two cores: the search index is built meanwhile by a SearchIndexWriter in a side file (SQLite lets one
writer per file), in a process of its own (services/demo.py), and copied into the database at the end,
table by table. Secondary indexes are dropped for the load and rebuilt after it. Use it only on a new file
nobody else has open: during the load the file has no journal.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import chain
from pathlib import Path

from crm_desktop.db import sort_positions
from crm_desktop.db.connection import Database, open_database
from crm_desktop.db.contacts import _CONTACT_COLUMNS

# Bulk rows leave label_name to its default (empty).
CONTACT_COLUMNS = ("id", "uuid", *(c for c in _CONTACT_COLUMNS if c != "label_name"), "sort_pos", "created_at",
                   "updated_at", "deleted_at")  # fmt: skip
FTS_COLUMNS = ("rowid", *sort_positions.FTS_COLUMNS.split(", "))
_CHILD_TABLES = ("contacts", "contact_phones", "contact_emails", "contact_addresses", "contact_websites", "contact_tags")
# Indexes whose keys arrive in ascending order anyway (name order, ids, positions): cheaper kept than
# rebuilt, and kept they leave less for the end of the load, when only one core has work.
_KEPT_INDEXES = ("contacts_sort_pos", "contacts_by_name", "contacts_by_key", "contact_phones_contact",
                 "contact_emails_contact", "contact_addresses_contact", "contact_websites_contact")  # fmt: skip
_FTS_SHADOW_TABLES = ("data", "idx", "content", "docsize", "config")
# FTS5 tuning for the load: small in-memory segments (cache-friendly, fastest here), no merging on the
# way; searches over the resulting few dozen segments measured as fast as over one optimised segment.
_FTS_LOAD_CONFIG = (("automerge", 0), ("crisismerge", 64), ("hashsize", 4 << 20))
_CACHE = "PRAGMA cache_size = -262144"  # 256 MiB
_ROWS_PER_INSERT = 500  # a quarter faster than one row per statement; more gains nothing


@dataclass(slots=True)
class ContactRows:
    """One batch of new contacts as rows; ids are chosen by the caller and must be new."""

    contacts: list[tuple] = field(default_factory=list)  # CONTACT_COLUMNS
    phones: list[tuple] = field(default_factory=list)  # contact_id, position, label, number, region
    emails: list[tuple] = field(default_factory=list)  # contact_id, position, label, address
    addresses: list[tuple] = field(default_factory=list)  # contact_id, position, label, street, city, region, postcode, country
    websites: list[tuple] = field(default_factory=list)  # contact_id, position, label, url
    tags: list[tuple] = field(default_factory=list)  # contact_id, tag_id
    fts: list[tuple] = field(default_factory=list)  # FTS_COLUMNS (rowid = sort_pos), text normalised; live cards only


_INSERTS = (
    ("contacts", "contacts", CONTACT_COLUMNS),
    ("phones", "contact_phones", ("contact_id", "position", "label", "number", "region")),
    ("emails", "contact_emails", ("contact_id", "position", "label", "address")),
    ("addresses", "contact_addresses",
     ("contact_id", "position", "label", "street", "city", "region", "postcode", "country")),
    ("websites", "contact_websites", ("contact_id", "position", "label", "url")),
    ("tags", "contact_tags", ("contact_id", "tag_id")),
)  # fmt: skip


def _insert(table: str, columns: Sequence[str]) -> str:
    return f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})"


def _insert_many(conn: sqlite3.Connection, table: str, columns: Sequence[str], rows: Sequence[tuple]) -> None:
    """Hundreds of rows per INSERT: the same rows in the same order as executemany(), but each
    statement's fixed cost (AUTOINCREMENT's sqlite_sequence update among it) is paid once per batch."""
    per = max(1, min(_ROWS_PER_INSERT, conn.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER) // len(columns)))
    row = f"({', '.join('?' * len(columns))})"
    head = f"INSERT INTO {table} ({', '.join(columns)}) VALUES "
    for start in range(0, len(rows), per):
        batch = rows[start : start + per]
        conn.execute(head + ", ".join([row] * len(batch)), list(chain.from_iterable(batch)))


class ContactBulkLoader:
    """begin() -> write() batches -> build_indexes() -> finish(); one transaction, rolled back by abort().

    The search index is written apart, into search_index_path, by a SearchIndexWriter (possibly in
    another process); finish() takes it in once that writer has finished."""

    def __init__(self, database: Database):
        self.database = database
        self.conn = database.conn
        self._indexes: list[str] = []
        self.search_index_path = database.path.with_name(database.path.name + ".search")

    def begin(self, tags: Sequence[str]) -> dict[str, int]:
        """Start the load; returns the id of each tag name."""
        conn = self.conn
        conn.execute("PRAGMA journal_mode = OFF")  # the file is renamed into place only once complete
        conn.execute("PRAGMA synchronous = OFF")
        conn.execute(_CACHE)
        conn.execute("PRAGMA foreign_keys = OFF")  # ids are right by construction; lets the index copy be raw
        conn.execute("BEGIN IMMEDIATE")
        marks = ",".join("?" * len(_CHILD_TABLES))
        rows = conn.execute(
            f"SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN ({marks})",
            _CHILD_TABLES,
        ).fetchall()
        for name, sql in rows:
            if name not in _KEPT_INDEXES:
                conn.execute(f'DROP INDEX "{name}"')
                self._indexes.append(sql)
        for name in dict.fromkeys(tags):
            conn.execute("INSERT OR IGNORE INTO tags (name) VALUES (?)", (name,))
        _remove(self.search_index_path)
        side = open_database(self.search_index_path, lock=False)  # the same schema, so the same index tables
        side.close()
        return dict(conn.execute("SELECT name, id FROM tags"))

    def write(self, rows: ContactRows) -> None:
        """Every table but the search index (rows.fts is left to the SearchIndexWriter)."""
        for name, table, columns in _INSERTS:
            _insert_many(self.conn, table, columns, getattr(rows, name))

    def build_indexes(self) -> None:
        """Rebuild the secondary indexes dropped for the load, once every row is in."""
        for sql in self._indexes:
            self.conn.execute(sql)
        self._indexes.clear()

    def finish(self) -> None:
        """Take in the finished search index and commit; the file is an everyday WAL database again."""
        conn = self.conn
        self.build_indexes()
        # The side file's index tables become ours: same schema, so a raw copy of their rows.
        conn.execute("ATTACH DATABASE ? AS side", (str(self.search_index_path),))
        try:
            for table in _FTS_SHADOW_TABLES:
                conn.execute(f"DELETE FROM main.contacts_fts_{table}")
                conn.execute(f"INSERT INTO main.contacts_fts_{table} SELECT * FROM side.contacts_fts_{table}")
            conn.execute("COMMIT")
        finally:
            conn.execute("DETACH DATABASE side")
        _remove(self.search_index_path)
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = NORMAL")

    def abort(self) -> None:
        if self.conn.in_transaction:
            self.conn.execute("ROLLBACK")
        _remove(self.search_index_path)


class SearchIndexWriter:
    """Writes the search index rows (ContactRows.fts) into the side file begin() made, in one transaction.

    A file of its own, so it can be written at the same time as the tables, on the other core (SQLite
    lets one writer per file)."""

    def __init__(self, path: Path):
        self.conn = sqlite3.connect(path, isolation_level=None)
        self.conn.execute("PRAGMA journal_mode = OFF")
        self.conn.execute("PRAGMA synchronous = OFF")
        self.conn.execute(_CACHE)
        self.conn.execute("BEGIN")
        for key, value in _FTS_LOAD_CONFIG:
            self.conn.execute("INSERT INTO contacts_fts (contacts_fts, rank) VALUES (?, ?)", (key, value))
        self._insert = _insert("contacts_fts", FTS_COLUMNS)

    def write(self, rows: Sequence[tuple]) -> None:
        self.conn.executemany(self._insert, rows)

    def finish(self) -> None:
        """Commit the index; close() still follows."""
        # Back to the defaults for everyday edits (tuning rows absent = default).
        keys = ",".join("?" * len(_FTS_LOAD_CONFIG))
        self.conn.execute(f"DELETE FROM contacts_fts_config WHERE k IN ({keys})", [k for k, _ in _FTS_LOAD_CONFIG])
        self.conn.execute("COMMIT")

    def close(self) -> None:
        """Close the side file; an index not finished is left out of it."""
        self.conn.close()


def _remove(path: Path) -> None:
    for candidate in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm"),
                      path.with_name(path.name + "-journal")):  # fmt: skip
        candidate.unlink(missing_ok=True)


def ids_for_uuids(database: Database, uuids: Sequence[str], chunk: int = 500) -> dict[str, int]:
    """The id of each given UUID that exists (trashed cards included): imports match rows by UUID."""
    found: dict[str, int] = {}
    uuids = list(dict.fromkeys(uuids))
    for start in range(0, len(uuids), chunk):
        part = uuids[start : start + chunk]
        marks = ",".join("?" * len(part))
        found.update(database.conn.execute(f"SELECT uuid, id FROM contacts WHERE uuid IN ({marks})", part).fetchall())
    return found
