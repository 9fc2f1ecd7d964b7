"""Opening the one SQLite file: refuse what is not ours, lock it, migrate it, tune it.

Order matters: every check runs on a read-only connection, so a foreign, damaged or newer file is left
byte-for-byte as it was; only a file that passed is opened for writing.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import sqlite3
from pathlib import Path

from filelock import FileLock, Timeout

from crm_desktop.db import schema
from crm_desktop.db.errors import (
    DamagedDatabaseError,
    DatabaseLockedError,
    MigrationError,
    NewerSchemaError,
    NotADatabaseError,
    StorageError,
    storage_error,
)
from crm_desktop.domain.text import fold

SQLITE_HEADER = b"SQLite format 3\x00"
BUSY_TIMEOUT_MS = 5000
# Files up to this size are checked page by page before they are opened (about 0.2 s); a bigger one is
# checked in the background once the window is up (Database.check_integrity), since that takes seconds.
CHECK_ON_OPEN_BYTES = 32 * 1024 * 1024


class Database:
    """An open, locked, migrated database file. Close it (or use `with`) to release the lock."""

    def __init__(self, path: Path, conn: sqlite3.Connection, lock: FileLock | None):
        self.path = path
        self.conn = conn
        self._db = None  # the sqlite-utils wrapper, made on the first write (see _transactions)
        self._lock = lock
        self._refusal: StorageError | None = None

    def refuse_writes(self, reason: StorageError) -> None:
        """From now on every write fails with reason (a damaged file found after opening stays as it is)."""
        self._refusal = reason

    @contextlib.contextmanager
    def atomic(self):
        """One user action that writes: it happens whole or not at all (nested blocks are savepoints).

        A failure that is the environment's fault (disk full, read-only, damaged) becomes a StorageError
        that says so; the transaction is rolled back first."""
        if self._refusal is not None:
            raise self._refusal
        try:
            with self._transactions().atomic():
                yield self
        except (sqlite3.OperationalError, sqlite3.DatabaseError) as exc:
            if isinstance(exc, sqlite3.IntegrityError | sqlite3.ProgrammingError | sqlite3.InterfaceError):
                raise
            raise storage_error(self.path, exc) from exc

    def _transactions(self):
        """sqlite-utils, imported on the first write rather than at start-up: it imports numpy and pandas
        when they are installed (matplotlib brings numpy), which would cost the first paint 0.3 s."""
        if self._db is None:
            import sqlite_utils

            self._db = sqlite_utils.Database(self.conn)
        return self._db

    def check_integrity(self) -> list[str]:
        """SQLite's quick_check on a separate reader: [] when the file is sound (seconds at 1M cards)."""
        reader = self.reader()
        try:
            problems = [r[0] for r in reader.execute("PRAGMA quick_check(20)")]
        except sqlite3.DatabaseError as exc:
            return [str(exc)]
        finally:
            reader.close()
        return [] if problems == ["ok"] else problems

    def reader(self) -> sqlite3.Connection:
        """A separate read-only connection, for work on another thread (WAL lets it read meanwhile)."""
        conn = sqlite3.connect(f"{self.path.as_uri()}?mode=ro", uri=True, check_same_thread=False)
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        return conn

    def full_length(self, ids) -> int:
        """The real length of a lazy id list whose length is provisional (its count_sql run on a reader of
        its own): safe to call from another thread while this connection serves the UI."""
        if getattr(ids, "exact", True):
            return len(ids)
        sql, params = ids.count_sql
        reader = self.reader()
        try:
            return reader.execute(sql, params).fetchone()[0]
        finally:
            reader.close()

    def execute(self, sql: str, params=()) -> sqlite3.Cursor:
        return self.conn.execute(sql, params)

    def close(self) -> None:
        try:
            self.conn.close()
        finally:
            if self._lock is not None:
                self._lock.release()
                self._lock = None

    def __enter__(self) -> Database:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def lock_path(path: Path) -> Path:
    return path.with_name(path.name + ".lock")


def open_database(path: Path | str, *, migrations=None, lock: bool = True) -> Database:
    """Open (creating if absent) the database at path, or raise a StorageError saying why not."""
    path = Path(path).expanduser().resolve()  # one lock per file, however it is reached (symlinks)
    migrations = schema.MIGRATIONS if migrations is None else migrations
    _refuse_foreign_file(path)
    file_lock = _acquire_lock(path) if lock else None
    try:
        if not path.exists():
            _create_private_file(path)
        version = _checked_version(path, len(migrations))
        if version < len(migrations):
            _migrate(path, version, migrations)
        try:
            conn = _connect(path)
            conn.execute("BEGIN IMMEDIATE")  # can we write at all? (a read-only file or folder cannot)
            conn.execute("ROLLBACK")
        except sqlite3.DatabaseError as exc:
            raise storage_error(path, exc) from exc
        return Database(path, conn, file_lock)
    except BaseException:
        if file_lock is not None:
            file_lock.release()
        raise


def _refuse_foreign_file(path: Path) -> None:
    if path.is_dir():
        raise NotADatabaseError(path, "it is a folder")
    if not path.exists() or path.stat().st_size == 0:
        return
    with path.open("rb") as f:
        header = f.read(len(SQLITE_HEADER))
    if header != SQLITE_HEADER:
        raise NotADatabaseError(path, "it is not an SQLite file")


def _acquire_lock(path: Path) -> FileLock:
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    file_lock = FileLock(lock_path(path), timeout=0)
    try:
        file_lock.acquire()
    except Timeout:
        raise DatabaseLockedError(path) from None
    return file_lock


def _create_private_file(path: Path) -> None:
    # An empty file is a valid empty database; creating it ourselves sets owner-only permissions,
    # which SQLite then copies to the -wal and -shm files.
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    os.close(fd)


def _checked_version(path: Path, supported: int) -> int:
    """The file's schema version, read without changing a byte of it."""
    if path.stat().st_size == 0:
        return 0
    try:
        ro = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
    except sqlite3.Error as exc:
        raise DamagedDatabaseError(path, str(exc)) from exc
    try:
        app_id = ro.execute("PRAGMA application_id").fetchone()[0]
        version = ro.execute("PRAGMA user_version").fetchone()[0]
        tables = {r[0] for r in ro.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if app_id != schema.APPLICATION_ID:
            if tables or version:
                raise NotADatabaseError(path, "it is an SQLite database of another program")
            return 0
        if version > supported:
            raise NewerSchemaError(path, version, supported)
        missing = schema.expected_tables(version) - tables
        if missing:
            raise DamagedDatabaseError(path, f"tables missing: {', '.join(sorted(missing))}")
        if path.stat().st_size <= CHECK_ON_OPEN_BYTES:
            problems = [r[0] for r in ro.execute("PRAGMA quick_check(5)")]
            if problems != ["ok"]:
                raise DamagedDatabaseError(path, "; ".join(problems))
        return version
    except sqlite3.DatabaseError as exc:
        raise DamagedDatabaseError(path, str(exc)) from exc
    finally:
        ro.close()


def _connect(path: Path) -> sqlite3.Connection:
    # isolation_level=None: transactions are ours (Database.atomic), never the driver's implicit ones.
    conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("PRAGMA journal_mode = WAL")
    # With WAL, NORMAL loses no committed transaction when the process is killed, only on power loss.
    conn.execute("PRAGMA synchronous = NORMAL")
    # For searching the Trash, which is not in the FTS index: the same folding as the sort keys.
    conn.create_function("crm_fold", 1, lambda text: fold(text or ""), deterministic=True)
    return conn


def backup_path(path: Path, version: int) -> Path:
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    return path.with_name(f"{path.stem}.v{version}-before-upgrade-{stamp}{path.suffix or '.sqlite3'}")


def _migrate(path: Path, version: int, migrations) -> None:
    backup = None
    if version > 0:
        backup = backup_path(path, version)
        _copy_aside(path, backup)
    conn = _connect(path)
    try:
        if version > 0:
            problems = [r[0] for r in conn.execute("PRAGMA quick_check(5)")]
            if problems != ["ok"]:
                raise DamagedDatabaseError(path, "; ".join(problems))
        for step, migration in enumerate(migrations[version:], start=version + 1):
            conn.execute("BEGIN IMMEDIATE")
            try:
                migration(conn)
                conn.execute(f"PRAGMA application_id = {schema.APPLICATION_ID}")
                conn.execute(f"PRAGMA user_version = {step}")
                conn.execute("COMMIT")
            except BaseException as exc:
                conn.execute("ROLLBACK")
                if backup is None or isinstance(exc, DamagedDatabaseError):
                    raise
                raise MigrationError(path, backup, f"step {step}: {exc}") from exc
    finally:
        conn.close()


def _copy_aside(path: Path, backup: Path) -> None:
    """A consistent copy through SQLite's backup API (it includes anything still in the WAL)."""
    src = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
    fd = os.open(backup, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    os.close(fd)
    dst = sqlite3.connect(backup)
    try:
        src.backup(dst)
    finally:
        dst.close()
        src.close()
