"""Loading millions of new activities (demo history) fast: built in side files, merged in one transaction.

Two cores: rows are built and written by two processes at once, each into its own side file (own GIL,
own cost of binding values), chunk by chunk. A chunk k is a table h_k of its activities in order
(rowid = place in the chunk) holding only the columns that vary, a table f_k with the extra columns of
the open follow-ups among them (same rowid), and the contacts' derived dates. HistoryLoader then copies
the chunks into activities in chunk order with INSERT ... SELECT (no binding), giving each row its id
and its uuid's time part; meanwhile a thread builds the search index in another side file from the same
rows sorted by search key (FTS5 must get rowids in ascending order or it flushes tiny segments), and
copies it in at the end. Use it only on a new file nobody else has open: during the load it has no journal.
"""

from __future__ import annotations

import os
import sqlite3
import threading
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from crm_desktop.db.activities_bulk import ACTIVITY_COLUMNS
from crm_desktop.db.activity_listing import KEY_SCALE
from crm_desktop.db.connection import Database, open_database

HISTORY_COLUMNS = ("contact_id", "kind", "subject", "details", "sort_at", "duration_minutes", "direction", "outcome",
                   "uuid_tail")  # fmt: skip
# row: the activity's rowid in h_k. Absent from f_k: a logged activity, done when it happened.
FOLLOW_UP_COLUMNS = ("row", "at", "day", "priority", "alarm_lead", "alarm_at", "recurrence", "series_start",
                     "created_at")  # fmt: skip
DATE_COLUMNS = ("contact_id", "last_contacted_at", "last_attempt_at")
_CACHE = "PRAGMA cache_size = -262144"  # 256 MiB
_FTS_SHADOW_TABLES = ("data", "idx", "content", "docsize", "config")
# FTS5 for the load: no merging on the way, and pending terms flushed every 16 MiB, not every 1 MiB:
# a third less work, and fewer segments than with the defaults (measured at 100,000 contacts).
_FTS_LOAD_CONFIG = (("automerge", 0), ("hashsize", 16 << 20))


@dataclass(slots=True)
class HistoryRows:
    """One chunk's rows, in the orders above."""

    activities: list[tuple] = field(default_factory=list)  # HISTORY_COLUMNS, in id order
    follow_ups: list[tuple] = field(default_factory=list)  # FOLLOW_UP_COLUMNS
    contact_dates: list[tuple] = field(default_factory=list)  # DATE_COLUMNS


class ChunkFile:
    """A side file that one builder writes its chunks into (a new file; replaced if present)."""

    def __init__(self, path: Path):
        remove_file(path)
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))  # private, like the database
        self.conn = sqlite3.connect(path, isolation_level=None)
        self.conn.execute("PRAGMA journal_mode = OFF")
        self.conn.execute("PRAGMA synchronous = OFF")
        self.conn.execute("BEGIN")
        self.conn.execute(f"CREATE TABLE IF NOT EXISTS dates ({', '.join(DATE_COLUMNS)})")

    def write(self, index: int, rows: HistoryRows) -> None:
        conn = self.conn
        conn.execute(f"CREATE TABLE h_{index} ({', '.join(HISTORY_COLUMNS)})")
        conn.execute(f"CREATE TABLE f_{index} (row INTEGER PRIMARY KEY, {', '.join(FOLLOW_UP_COLUMNS[1:])})")
        conn.executemany(_insert(f"h_{index}", HISTORY_COLUMNS), rows.activities)
        conn.executemany(_insert(f"f_{index}", FOLLOW_UP_COLUMNS), rows.follow_ups)
        conn.executemany(_insert("dates", DATE_COLUMNS), rows.contact_dates)

    def close(self) -> None:
        if self.conn.in_transaction:
            self.conn.execute("COMMIT")
        self.conn.close()

    def __enter__(self) -> ChunkFile:
        return self

    def __exit__(self, *_) -> None:
        self.close()


class ContactReader:
    """The live contacts of a database file, read on a connection of its own (any process)."""

    def __init__(self, path: Path):
        self.conn = sqlite3.connect(f"{Path(path).absolute().as_uri()}?mode=ro", uri=True)

    def live_between(self, low: int, high: int) -> list[tuple[int, str, str]]:
        """(id, display name, relationship) of the live contacts with ids low..high, in id order."""
        return self.conn.execute(
            "SELECT id, display_name, relationship FROM contacts WHERE id BETWEEN ? AND ? AND deleted_at IS NULL "
            "ORDER BY id",
            (low, high),
        ).fetchall()

    def __enter__(self) -> ContactReader:
        return self

    def __exit__(self, *_) -> None:
        self.conn.close()


def max_contact_id(database: Database) -> int:
    return database.conn.execute("SELECT coalesce(max(id), 0) FROM contacts").fetchone()[0]


@dataclass(frozen=True, slots=True)
class Chunk:
    path: Path  # the ChunkFile holding it
    index: int


class HistoryLoader:
    """load(chunks in order) into the empty activities table of a new database, in one transaction.

    zone: every row's zone. uuid_base: a row's uuid is the hex of uuid_base + id (as 8-4 digits) followed
    by its uuid_tail. folds: search-index text for the subjects and details whose normalised form differs
    (the others are indexed as they are)."""

    def __init__(self, database: Database, zone: str, uuid_base: int, folds: Mapping[str, str]):
        self.conn = database.conn
        self.zone = zone
        self.uuid_base = uuid_base
        self.folds = dict(folds)
        self._search_path = database.path.with_name(database.path.name + ".history-search")
        self._search_error: BaseException | None = None
        self._search_conn: sqlite3.Connection | None = None
        self._stopped = threading.Event()

    def load(self, chunks: Sequence[Chunk]) -> int:
        """Returns the number of activities written."""
        conn = self.conn
        files = list(dict.fromkeys(chunk.path for chunk in chunks))
        for number, path in enumerate(files):
            conn.execute(f"ATTACH DATABASE ? AS side{number}", (str(path),))
        schemas = {path: f"side{number}" for number, path in enumerate(files)}
        parts, written = [], 0
        for chunk in chunks:
            schema = schemas[chunk.path]
            count = conn.execute(f"SELECT coalesce(max(rowid), 0) FROM {schema}.h_{chunk.index}").fetchone()[0]
            parts.append((schema, chunk.index, written))  # ids in the chunk: rowid + written
            written += count
        _remove_file_and_journals(self._search_path)
        try:
            if conn.execute("SELECT 1 FROM activities LIMIT 1").fetchone():
                raise ValueError("The activities table must be empty for a history load.")
            open_database(self._search_path, lock=False).close()  # the same schema, so the same index tables
            search = threading.Thread(target=self._build_search_index, args=(files, parts), name="history-search",
                                      daemon=True)  # fmt: skip
            conn.execute("PRAGMA journal_mode = OFF")
            conn.execute("PRAGMA synchronous = OFF")
            conn.execute(_CACHE)
            conn.execute("PRAGMA foreign_keys = OFF")  # contact ids are right by construction
            conn.execute("BEGIN IMMEDIATE")
            search.start()
            try:
                self._load_rows(parts, schemas.values())
            except BaseException:
                self._stop_search()
                raise
            finally:
                search.join()
            if self._search_error is not None:
                raise self._search_error
            conn.execute("ATTACH DATABASE ? AS search", (str(self._search_path),))
            for table in _FTS_SHADOW_TABLES:  # the side file's index tables become ours: a raw copy
                conn.execute(f"DELETE FROM main.activities_fts_{table}")
                conn.execute(f"INSERT INTO main.activities_fts_{table} SELECT * FROM search.activities_fts_{table}")
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
        finally:
            for schema in (*schemas.values(), "search"):
                if schema in {row[1] for row in conn.execute("PRAGMA database_list")}:
                    conn.execute(f"DETACH DATABASE {schema}")
            _remove_file_and_journals(self._search_path)
            conn.execute("PRAGMA foreign_keys = ON")
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = NORMAL")
        return written

    def _load_rows(self, parts, schemas) -> None:
        conn = self.conn
        indexes = conn.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name = 'activities'"
        ).fetchall()
        for name, _ in indexes:
            conn.execute(f'DROP INDEX "{name}"')
        for schema, index, shift in parts:
            conn.execute(_merge_sql(schema, index), {"shift": shift, "zone": self.zone, "uuid_base": self.uuid_base})
        for schema in schemas:
            conn.execute(
                "UPDATE contacts SET last_contacted_at = coalesce(d.last_contacted_at, 0), "
                "last_attempt_at = coalesce(d.last_attempt_at, 0) "
                f"FROM {schema}.dates AS d WHERE contacts.id = d.contact_id"
            )
        for _, sql in indexes:
            conn.execute(sql)

    def _stop_search(self) -> None:
        self._stopped.set()
        if self._search_conn is not None:
            self._search_conn.interrupt()

    def _build_search_index(self, files: list[Path], parts) -> None:
        conn = self._search_conn = sqlite3.connect(self._search_path, isolation_level=None, check_same_thread=False)
        try:
            if self._stopped.is_set():
                return
            conn.execute("PRAGMA journal_mode = OFF")
            conn.execute("PRAGMA synchronous = OFF")
            conn.execute(_CACHE)
            for number, path in enumerate(files):
                conn.execute(f"ATTACH DATABASE ? AS side{number}", (str(path),))
            conn.execute("BEGIN")
            for key, value in _FTS_LOAD_CONFIG:
                conn.execute("INSERT INTO activities_fts (activities_fts, rank) VALUES (?, ?)", (key, value))
            params: dict[str, object] = {}
            subject, details = self._folded("subject", params), self._folded("details", params)
            documents = " UNION ALL ".join(
                f"SELECT h.sort_at * {KEY_SCALE} + h.rowid + {shift} AS key, {subject} AS s, {details} AS d "
                f"FROM {schema}.h_{index} AS h"
                for schema, index, shift in parts
            )
            conn.execute(f"INSERT INTO activities_fts (rowid, subject, details) {documents} ORDER BY key", params)
            # Back to the defaults for everyday edits (tuning rows absent = default).
            keys = [key for key, _ in _FTS_LOAD_CONFIG]
            conn.execute(f"DELETE FROM activities_fts_config WHERE k IN ({','.join('?' * len(keys))})", keys)
            conn.execute("COMMIT")
        except BaseException as exc:  # reported to the loading thread
            self._search_error = exc
        finally:
            conn.close()

    def _folded(self, column: str, params: dict[str, object]) -> str:
        if not self.folds:
            return f"h.{column}"
        cases = []
        for n, (raw, folded) in enumerate(self.folds.items()):
            params[f"raw{n}"], params[f"folded{n}"] = raw, folded
            cases.append(f"WHEN :raw{n} THEN :folded{n}")
        return f"CASE h.{column} {' '.join(cases)} ELSE h.{column} END"


def _merge_sql(schema: str, index: int) -> str:
    logged = "f.row IS NULL"
    values = {
        "id": "h.rowid + :shift",
        "uuid": "printf('%08x-%04x', (:uuid_base + h.rowid + :shift) >> 16, (:uuid_base + h.rowid + :shift) & 65535)"
                " || h.uuid_tail",
        "contact_id": "h.contact_id", "deal_id": "NULL", "kind": "h.kind", "subject": "h.subject",
        "details": "h.details", "done": logged, "at": f"CASE WHEN {logged} THEN h.sort_at ELSE f.at END",
        "day": "f.day", "sort_at": "h.sort_at", "duration_minutes": "h.duration_minutes", "direction": "h.direction",
        "outcome": "h.outcome", "priority": "coalesce(f.priority, 1)", "alarm_lead": "f.alarm_lead",
        "alarm_at": "f.alarm_at", "recurrence": "coalesce(f.recurrence, '')", "series_start": "f.series_start",
        "zone": ":zone", "completed_at": f"CASE WHEN {logged} THEN h.sort_at END", "live": "1",
        "created_at": "coalesce(f.created_at, h.sort_at)", "updated_at": "coalesce(f.created_at, h.sort_at)",
        "deleted_at": "NULL",
    }  # fmt: skip
    return (
        f"INSERT INTO main.activities ({', '.join(ACTIVITY_COLUMNS)}) "
        f"SELECT {', '.join(values[column] for column in ACTIVITY_COLUMNS)} "
        f"FROM {schema}.h_{index} AS h LEFT JOIN {schema}.f_{index} AS f ON f.row = h.rowid ORDER BY h.rowid"
    )


def _insert(table: str, columns: Sequence[str]) -> str:
    return f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})"


def remove_file(path: Path) -> None:
    _remove_file_and_journals(path)


def _remove_file_and_journals(path: Path) -> None:
    for candidate in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm"),
                      path.with_name(path.name + "-journal")):  # fmt: skip
        candidate.unlink(missing_ok=True)
