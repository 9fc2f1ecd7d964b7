"""Runs the contact list's slow queries (a search with a filter or another sort, a tag filter: every match
read and sorted, up to seconds at a million cards) on one worker thread, newest request first.

A newer request replaces the one waiting and cancels the one running (its SQL stops at the next progress
check): only the answer to the latest query is ever reported.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Sequence

from crm_desktop.domain.contact_query import ContactQuery

_log = logging.getLogger(__name__)

Search = Callable[[ContactQuery, Callable[[], bool]], Sequence[int] | None]


class BackgroundSearch:
    """search(query, cancelled) runs on the worker; report(query, ids) is called from it (emit a queued
    signal there); failed(query) likewise when the search raised."""

    def __init__(self, search: Search, report: Callable[[ContactQuery, Sequence[int]], None],
                 failed: Callable[[ContactQuery], None]):
        self._search = search
        self._report = report
        self._failed = failed
        self._lock = threading.Condition()
        self._waiting: ContactQuery | None = None
        self._running: ContactQuery | None = None
        self._generation = 0  # bumped by every request: a search of an older generation is stale
        self._stopped = False
        self._thread: threading.Thread | None = None

    def request(self, query: ContactQuery) -> None:
        with self._lock:
            if self._stopped:
                return
            self._generation += 1
            self._waiting = query
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name="contact-list-search", daemon=True)
                self._thread.start()
            self._lock.notify_all()

    def cancel(self) -> None:
        """Forget the waiting request and stop the running one (the list went back to a fast query)."""
        with self._lock:
            self._generation += 1
            self._waiting = None
            self._lock.notify_all()

    def busy(self) -> bool:
        with self._lock:
            return self._waiting is not None or self._running is not None

    def wait(self, timeout: float | None = None) -> bool:
        """Until nothing waits or runs (tests and benchmarks); False on timeout."""
        with self._lock:
            return self._lock.wait_for(lambda: self._waiting is None and self._running is None, timeout)

    def stop(self, timeout: float | None = None) -> None:
        """No more searches: cancels the one running and joins the thread."""
        with self._lock:
            self._stopped = True
            self._generation += 1
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
                query, self._waiting, self._running = self._waiting, None, self._waiting
                generation = self._generation

            def stale() -> bool:
                return self._generation != generation  # an int read: no lock needed for a hint

            try:
                ids = self._search(query, stale)
                error = False
            except Exception:  # e.g. the database closed meanwhile: the list keeps what it shows
                _log.warning("Could not search the contact list", exc_info=True)
                ids, error = None, True
            with self._lock:
                # Reported under the lock, so stop() never returns while a report is on its way.
                if not self._stopped and not stale():
                    try:
                        if error:
                            self._failed(query)
                        elif ids is not None:
                            self._report(query, ids)
                    except RuntimeError:  # the model is gone
                        pass
                self._running = None
                self._lock.notify_all()
