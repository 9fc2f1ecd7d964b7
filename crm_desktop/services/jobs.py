"""Long jobs (a 100,000-contact directory) that report progress and can be cancelled, Qt-free: the GUI
runs them on a worker thread, the CLI and the tests in the foreground.

A job checks cancelled() between pages; a cancelled or failed job leaves no file behind (the document
is written to a hidden file beside the target and renamed into place only when it is complete)."""

from __future__ import annotations

import contextlib
import os
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

Progress = Callable[[int, int], None]  # (done, total)


class JobCancelled(Exception):
    """The user cancelled the job; whatever it was writing has been removed."""


class Job:
    def __init__(self, progress: Progress | None = None):
        self._cancelled = threading.Event()
        self._progress = progress
        self.done = 0
        self.total = 0

    def cancel(self) -> None:
        """Ask the job to stop (from any thread); it stops at its next check."""
        self._cancelled.set()

    def cancelled(self) -> bool:
        return self._cancelled.is_set()

    def check(self) -> None:
        if self._cancelled.is_set():
            raise JobCancelled()

    def report(self, done: int, total: int | None = None) -> None:
        self.done = done
        if total is not None:
            self.total = total
        if self._progress is not None:
            self._progress(self.done, self.total)


@contextlib.contextmanager
def atomic_output(path: Path) -> Iterator[Path]:
    """A temporary path beside `path`, moved onto it when the block ends normally and removed otherwise."""
    path = Path(path)
    if path.is_dir():
        raise IsADirectoryError(21, "is a folder; give the name of the file to write", str(path))
    if not path.parent.is_dir():
        raise FileNotFoundError(2, "no such folder", str(path.parent))
    temporary = path.with_name(f".{path.name}.{os.getpid()}.{threading.get_ident()}.partial")
    try:
        yield temporary
        os.replace(temporary, path)
    finally:
        with contextlib.suppress(FileNotFoundError):
            temporary.unlink()
