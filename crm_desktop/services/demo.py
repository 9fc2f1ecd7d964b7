"""Demo databases: a deterministic, realistic Rolodex of any size, written safely and fast.

The file is built under a temporary name in the target folder and renamed into place only when complete,
so an interrupted run leaves no half-written database behind.
"""

from __future__ import annotations

import marshal
import multiprocessing
import os
import queue
import re
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import fields
from pathlib import Path

from filelock import FileLock, Timeout

from crm_desktop import paths
from crm_desktop.db.connection import lock_path, open_database
from crm_desktop.db.errors import DatabaseLockedError
from crm_desktop.db.contacts_bulk import ContactBulkLoader, ContactRows, SearchIndexWriter
from crm_desktop.domain.clock import Clock
from crm_desktop.services.clock import SystemClock
from crm_desktop.services.demo_activities import write_demo_activities
from crm_desktop.services.demo_deals import write_demo_deals
from crm_desktop.services.demo_factory import CHUNK, build_chunk, draw_names
from crm_desktop.services.demo_pools_world import TAGS

Progress = Callable[[int, int], None]  # (contacts written, contacts in total)
IN_PROCESS_LIMIT = 50_000  # fewer contacts are built faster than a worker process starts


def _temporary_path(path: Path) -> Path:
    return path.with_name(f".{path.name}.{os.getpid()}.partial")


# A partial file and its companions (-wal, -shm, .lock, the search index's .search side file and its own).
_PARTIAL = re.compile(r"\..+\.(\d+)\.partial(\.search|\.history\d|\.history-search)?(-wal|-shm|-journal|\.lock)?")


def remove_stale_partials(folder: Path) -> list[Path]:
    """Delete what killed demo runs left in folder: partial files whose process is gone. Returns them."""
    removed = []
    for file in folder.glob(".*.partial*"):
        match = _PARTIAL.fullmatch(file.name)
        if match is None or int(match[1]) == os.getpid() or _process_alive(int(match[1])):
            continue
        try:
            file.unlink()
        except FileNotFoundError:
            continue
        except OSError:  # Windows: still open by someone after all
            continue
        removed.append(file)
    return removed


def _process_alive(pid: int) -> bool:
    if sys.platform == "win32":  # os.kill(pid, 0) would terminate the process there
        import ctypes

        kernel32 = ctypes.windll.kernel32
        handle = kernel32.OpenProcess(0x00100000 | 0x1000, False, pid)  # SYNCHRONIZE | QUERY_LIMITED_INFORMATION
        if not handle:
            return kernel32.GetLastError() == 5  # access denied: it exists
        try:
            return kernel32.WaitForSingleObject(handle, 0) == 0x102  # WAIT_TIMEOUT: still running
        finally:
            kernel32.CloseHandle(handle)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's process
        return True
    return True


def _remove(*files: Path) -> None:
    for file in files:
        for candidate in (file, file.with_name(file.name + "-wal"), file.with_name(file.name + "-shm")):
            candidate.unlink(missing_ok=True)


def write_demo_database(path: Path | str, contacts: int, seed: int = 1, progress: Progress | None = None,
                        history: bool = True, clock: Clock | None = None,
                        history_progress: Progress | None = None) -> Path:  # fmt: skip
    """Write a demo database of `contacts` contacts at path (replacing a file there); returns the path.

    With history (the default) every contact also gets years of activities and some open follow-ups,
    hung on the clock's local day (services.demo_activities). About one contact in ten gets a deal
    (services.demo_deals), linked to their activities when there is a history."""
    if contacts < 0:
        raise ValueError("The number of contacts cannot be negative.")
    path = Path(path).expanduser().absolute()
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = _temporary_path(path)
    remove_stale_partials(path.parent)
    _remove(partial)
    try:
        database = open_database(partial)
        loader = ContactBulkLoader(database)
        try:
            tag_ids = loader.begin(TAGS)
            with _row_source(seed, contacts, tag_ids, loader.search_index_path) as source:
                done = 0
                for rows in source.chunks():
                    loader.write(rows)
                    done += len(rows.contacts)
                    if progress is not None:
                        progress(done, contacts)
                loader.build_indexes()  # while the other core finishes the search index
                source.wait_search_index()
            loader.finish()
        except BaseException:
            loader.abort()
            database.close()
            raise
        try:
            clock = clock or SystemClock()
            if history:
                write_demo_activities(database, seed, clock.now(), clock.zone, history_progress)
            write_demo_deals(database, seed, clock.now(), clock.zone)
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


class _RowSource:
    """The rows of every slice, in name order, from a producer that also writes their search index."""

    def __init__(self, chunks: Callable[[], Iterator[ContactRows]], wait_search_index: Callable[[], None]):
        self.chunks = chunks
        self.wait_search_index = wait_search_index


@contextmanager
def _row_source(seed: int, contacts: int, tag_ids: dict[str, int], index_path: Path) -> Iterator[_RowSource]:
    """Few contacts are built here, one slice at a time. Many are built in a worker process and their
    search index written by a second one, so the three streams of work (Python building the rows, SQLite
    writing the tables here and the index there) share both cores; threads would queue on the GIL."""
    if contacts < IN_PROCESS_LIMIT:
        index = SearchIndexWriter(index_path)
        try:
            yield _RowSource(lambda: _built_here(seed, contacts, tag_ids, index), index.finish)
        finally:
            index.close()
        return
    # spawn, not fork: the GUI process has threads (Qt) that a fork would copy in a broken state.
    context = multiprocessing.get_context("spawn")
    rows: multiprocessing.Queue = context.Queue(maxsize=3)
    search_rows: multiprocessing.Queue = context.Queue(maxsize=3)
    builder = context.Process(target=_produce, args=(seed, contacts, tag_ids, rows, search_rows), name="demo-rows",
                              daemon=True)  # fmt: skip
    indexer = context.Process(target=_write_search_index, args=(str(index_path), search_rows),
                              name="demo-search-index", daemon=True)  # fmt: skip
    workers = (builder, indexer)
    for worker in workers:
        worker.start()
    try:
        count = _slices(contacts)
        yield _RowSource(lambda: (ContactRows(*marshal.loads(_get(rows, workers))) for _ in range(count)),
                         lambda: _joined(indexer, builder))  # fmt: skip
    finally:
        for worker in workers:
            if worker.is_alive():
                worker.terminate()
            worker.join()
        for queue_ in (rows, search_rows):
            queue_.close()
            queue_.cancel_join_thread()


def _slices(contacts: int) -> int:
    return -(-contacts // CHUNK)


def _built_here(seed: int, contacts: int, tag_ids: dict[str, int], index: SearchIndexWriter) -> Iterator[ContactRows]:
    names = draw_names(seed, contacts)
    for i in range(_slices(contacts)):
        rows = build_chunk(seed, i, names[i * CHUNK : (i + 1) * CHUNK], tag_ids)
        index.write(rows.fts)
        yield rows


def _produce(seed: int, contacts: int, tag_ids: dict[str, int], rows, search_rows) -> None:
    """Worker process: every slice's table rows onto one queue and its search index rows onto the
    other, in order; None on the second once all are built."""
    names = draw_names(seed, contacts)
    for i in range(_slices(contacts)):
        chunk = build_chunk(seed, i, names[i * CHUNK : (i + 1) * CHUNK], tag_ids)
        # marshal, not the queue's pickle: plain tuples of str/int/None go over several times cheaper.
        _put(rows, marshal.dumps(tuple(getattr(chunk, f) for f in _TABLE_FIELDS)))
        _put(search_rows, marshal.dumps(chunk.fts))
    _put(search_rows, None)


_TABLE_FIELDS = tuple(f.name for f in fields(ContactRows) if f.name != "fts")  # ContactRows' order, fts last


def _write_search_index(index_path: str, search_rows) -> None:
    """Worker process: the search index rows of every slice into the side file, committed once all are in."""
    index = SearchIndexWriter(Path(index_path))
    try:
        while (item := _get_from_parent(search_rows)) is not None:
            index.write(marshal.loads(item))
        index.finish()
    finally:
        index.close()


def _put(rows, item: bytes | None) -> None:
    """Block while the queue is full, but not for ever once the writing process is gone (killed)."""
    parent = multiprocessing.parent_process()
    while True:
        try:
            rows.put(item, timeout=1)
            return
        except queue.Full:
            if parent is not None and not parent.is_alive():
                raise SystemExit(1) from None


def _get(rows, workers):
    """The next item, waiting only while every worker process is still at work."""
    while True:
        try:
            return rows.get(timeout=1)
        except queue.Empty:
            for worker in workers:
                if not worker.is_alive():
                    raise RuntimeError(f"The demo worker {worker.name} stopped (exit code {worker.exitcode}).") from None


def _get_from_parent(rows):
    """The next item, waiting only while the process that started this one is still there (not killed)."""
    parent = multiprocessing.parent_process()
    while True:
        try:
            return rows.get(timeout=1)
        except queue.Empty:
            if parent is not None and not parent.is_alive():
                raise SystemExit(1) from None


def _joined(indexer, builder) -> None:
    """Wait for the search index process to commit and end (not for ever if the row builder failed)."""
    while True:
        indexer.join(timeout=1)
        stopped = indexer if not indexer.is_alive() else builder if builder.exitcode not in (None, 0) else None
        if stopped is not None and stopped.exitcode != 0:
            raise RuntimeError(f"The demo worker {stopped.name} stopped (exit code {stopped.exitcode}).")
        if stopped is indexer:
            return


def ensure_demo_database(path: Path | str | None = None, contacts: int = paths.DEMO_CONTACTS) -> Path:
    """The demo database at path (default: the data directory's), created on first use."""
    path = Path(path) if path is not None else paths.demo_db_path()
    if not path.exists():
        write_demo_database(path, contacts)
    return path
