"""The fast path for loading very many new contacts at once (demo data): pre-built rows, one transaction.

The caller builds plain tuples in the column orders below, exactly as ContactRepository would store the
same contacts (tests compare both paths), and hands them over in ascending id order with sort positions
(db/sort_positions.py) already given, so every table and the search index are only appended to.

Two cores: the search index is built meanwhile on a thread, in a side file (SQLite lets one writer per
file, and does its work without holding the GIL), and copied into the database at the end, table by
table. Secondary indexes are dropped for the load and rebuilt after it. Use it only on a new file
nobody else has open: during the load the file has no journal.
"""

from __future__ import annotations

import queue
import sqlite3
import threading
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from crm_desktop.db import sort_positions
from crm_desktop.db.connection import Database, open_database
from crm_desktop.db.contacts import _CONTACT_COLUMNS

# Bulk rows leave label_name to its default (empty).
CONTACT_COLUMNS = ("id", "uuid", *(c for c in _CONTACT_COLUMNS if c != "label_name"), "sort_pos", "created_at",
                   "updated_at", "deleted_at")  # fmt: skip
FTS_COLUMNS = ("rowid", *sort_positions.FTS_COLUMNS.split(", "))
_CHILD_TABLES = ("contacts", "contact_phones", "contact_emails", "contact_addresses", "contact_websites", "contact_tags")
# Indexes whose keys arrive in ascending order anyway: cheaper kept than rebuilt.
_KEPT_INDEXES = ("contacts_sort_pos", "contacts_by_name")
_FTS_SHADOW_TABLES = ("data", "idx", "content", "docsize", "config")
# FTS5 tuning for the load: small in-memory segments (cache-friendly, fastest here), no merging on the
# way; searches over the resulting few dozen segments measured as fast as over one optimised segment.
_FTS_LOAD_CONFIG = (("automerge", 0), ("crisismerge", 64), ("hashsize", 4 << 20))
_CACHE = "PRAGMA cache_size = -262144"  # 256 MiB


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


class ContactBulkLoader:
    """begin() -> write() batches -> finish(); everything in one transaction, rolled back by abort()."""

    def __init__(self, database: Database):
        self.database = database
        self.conn = database.conn
        self._indexes: list[str] = []
        self._side_path = database.path.with_name(database.path.name + ".search")
        self._fts_rows: queue.Queue = queue.Queue(maxsize=4)
        self._fts_thread: threading.Thread | None = None
        self._fts_error: BaseException | None = None
        self._stop = threading.Event()

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
        _remove(self._side_path)
        side = open_database(self._side_path, lock=False)  # the same schema, so the same index tables
        side.close()
        self._fts_thread = threading.Thread(target=self._build_search_index, name="demo-search-index", daemon=True)
        self._fts_thread.start()
        return dict(conn.execute("SELECT name, id FROM tags"))

    def write(self, rows: ContactRows) -> None:
        self._put(rows.fts)
        for name, table, columns in _INSERTS:
            self.conn.executemany(_insert(table, columns), getattr(rows, name))

    def finish(self) -> None:
        conn = self.conn
        self._put(None)
        for sql in self._indexes:
            conn.execute(sql)
        self._fts_thread.join()
        self._check_index_thread()
        # The side file's index tables become ours: same schema, so a raw copy of their rows.
        conn.execute("ATTACH DATABASE ? AS side", (str(self._side_path),))
        try:
            for table in _FTS_SHADOW_TABLES:
                conn.execute(f"DELETE FROM main.contacts_fts_{table}")
                conn.execute(f"INSERT INTO main.contacts_fts_{table} SELECT * FROM side.contacts_fts_{table}")
            conn.execute("COMMIT")
        finally:
            conn.execute("DETACH DATABASE side")
        _remove(self._side_path)
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = NORMAL")

    def abort(self) -> None:
        self._stop.set()
        if self._fts_thread is not None:
            self._fts_thread.join()
        if self.conn.in_transaction:
            self.conn.execute("ROLLBACK")
        _remove(self._side_path)

    def _put(self, item) -> None:
        while True:
            self._check_index_thread()
            try:
                self._fts_rows.put(item, timeout=0.1)
                return
            except queue.Full:
                continue

    def _check_index_thread(self) -> None:
        if self._fts_error is not None:
            raise self._fts_error

    def _build_search_index(self) -> None:
        conn = sqlite3.connect(self._side_path, isolation_level=None)
        try:
            conn.execute("PRAGMA journal_mode = OFF")
            conn.execute("PRAGMA synchronous = OFF")
            conn.execute(_CACHE)
            conn.execute("BEGIN")
            for key, value in _FTS_LOAD_CONFIG:
                conn.execute("INSERT INTO contacts_fts (contacts_fts, rank) VALUES (?, ?)", (key, value))
            insert = _insert("contacts_fts", FTS_COLUMNS)
            while not self._stop.is_set():
                try:
                    rows = self._fts_rows.get(timeout=0.1)
                except queue.Empty:
                    continue
                if rows is None:
                    break
                conn.executemany(insert, rows)
            else:
                conn.execute("ROLLBACK")
                return
            # Back to the defaults for everyday edits (tuning rows absent = default).
            keys = ",".join("?" * len(_FTS_LOAD_CONFIG))
            conn.execute(f"DELETE FROM contacts_fts_config WHERE k IN ({keys})", [k for k, _ in _FTS_LOAD_CONFIG])
            conn.execute("COMMIT")
        except BaseException as exc:  # reported to the loading thread
            self._fts_error = exc
        finally:
            conn.close()


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
