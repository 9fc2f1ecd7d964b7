"""Demo databases: a deterministic, realistic Rolodex of any size, written safely and fast.

The file is built under a temporary name in the target folder and renamed into place only when complete,
so an interrupted run leaves no half-written database behind.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from filelock import FileLock, Timeout

from crm_desktop import paths
from crm_desktop.db.connection import lock_path, open_database
from crm_desktop.db.errors import DatabaseLockedError
from crm_desktop.db.contacts_bulk import ContactBulkLoader
from crm_desktop.services.demo_factory import DemoFactory
from crm_desktop.services.demo_pools_world import TAGS

Progress = Callable[[int, int], None]  # (contacts written, contacts in total)
BATCH = 20_000


def _temporary_path(path: Path) -> Path:
    return path.with_name(f".{path.name}.{os.getpid()}.partial")


def _remove(*files: Path) -> None:
    for file in files:
        for candidate in (file, file.with_name(file.name + "-wal"), file.with_name(file.name + "-shm")):
            candidate.unlink(missing_ok=True)


def write_demo_database(path: Path | str, contacts: int, seed: int = 1, progress: Progress | None = None) -> Path:
    """Write a demo database of `contacts` contacts at path (replacing a file there); returns the path."""
    if contacts < 0:
        raise ValueError("The number of contacts cannot be negative.")
    path = Path(path).expanduser().absolute()
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = _temporary_path(path)
    _remove(partial)
    try:
        database = open_database(partial)
        try:
            loader = ContactBulkLoader(database)
            factory = DemoFactory(seed, loader.begin(TAGS))
            done = 0
            while done < contacts:
                count = min(BATCH, contacts - done)
                loader.write(factory.batch(done + 1, count))
                done += count
                if progress is not None:
                    progress(done, contacts)
            loader.finish()
        except BaseException:
            loader.abort()
            raise
        finally:
            database.close()
        # A copy of the app may have the old file open: never swap the file under it. Its -wal/-shm
        # files belong to the old file and must not be applied to the new one.
        target_lock = FileLock(lock_path(path), timeout=0)
        try:
            target_lock.acquire()
        except Timeout:
            raise DatabaseLockedError(path) from None
        try:
            _remove(path)
            os.replace(partial, path)
        finally:
            target_lock.release()
    except BaseException:
        _remove(partial)
        raise
    finally:
        lock_path(partial).unlink(missing_ok=True)
    return path


def ensure_demo_database(path: Path | str | None = None, contacts: int = paths.DEMO_CONTACTS) -> Path:
    """The demo database at path (default: the data directory's), created on first use."""
    path = Path(path) if path is not None else paths.demo_db_path()
    if not path.exists():
        write_demo_database(path, contacts)
    return path
