"""Counts how long a long list really is, on one worker thread per list model.

Counting a million matches takes longer than a keystroke may, and every edit re-runs the list's query:
so the count runs off the UI thread, one at a time. A list that waits while another is being counted
replaces any list already waiting (that one belongs to an older query: its length is of no use).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Sequence

_log = logging.getLogger(__name__)


class LengthCounter:
    """count(ids) runs on the worker; report(ids, length) is called from it (emit a queued signal there)."""

    def __init__(self, count: Callable[[Sequence[int]], int], report: Callable[[Sequence[int], int], None]):
        self._count = count
        self._report = report
        self._lock = threading.Condition()
        self._waiting: Sequence[int] | None = None
        self._busy = False
        self._stopped = False
        self._thread: threading.Thread | None = None

    def request(self, ids: Sequence[int]) -> None:
        """Count these ids next, instead of any list still waiting."""
        with self._lock:
            if self._stopped:
                return
            self._waiting = ids
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name="contact-list-count", daemon=True)
                self._thread.start()
            self._lock.notify_all()

    def wait(self, timeout: float | None = None) -> bool:
        """Until nothing is waiting or being counted (tests and benchmarks); False on timeout."""
        with self._lock:
            return self._lock.wait_for(lambda: self._waiting is None and not self._busy, timeout)

    def stop(self, timeout: float | None = None) -> None:
        """No more counts: drops the waiting list and joins the thread (after the count in flight)."""
        with self._lock:
            self._stopped = True
            self._waiting = None
            self._lock.notify_all()
            thread = self._thread
        if thread is not None and thread is not threading.current_thread():
            thread.join(timeout)

    def is_alive(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def _run(self) -> None:
        while True:
            with self._lock:
                self._lock.wait_for(lambda: self._waiting is not None or self._stopped)
                if self._stopped:
                    return
                ids, self._waiting, self._busy = self._waiting, None, True
            length = self._counted(ids)
            with self._lock:
                # Reported under the lock, so stop() never returns while a report is on its way.
                if length is not None and not self._stopped:
                    try:
                        self._report(ids, length)
                    except RuntimeError:  # the model is gone
                        _log.warning("Could not report the length of the contact list", exc_info=True)
                self._busy = False
                self._lock.notify_all()

    def _counted(self, ids: Sequence[int]) -> int | None:
        try:
            return self._count(ids)
        except Exception:  # e.g. the database was closed meanwhile: the list keeps its provisional length
            _log.warning("Could not count the contact list", exc_info=True)
            return None
