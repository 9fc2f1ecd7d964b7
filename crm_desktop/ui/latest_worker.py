"""One worker thread that only ever works for the newest request: the list models' slow queries and counts,
the Labels dialog's plans.

A newer request replaces the one waiting and makes the running one stale (its job sees cancelled() turn
true and may stop early); a stale answer is never reported. Reports are made from the worker thread,
under the lock, so stop() never returns while one is on its way: emit a queued signal there.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Generic, TypeVar

_log = logging.getLogger(__name__)

Request = TypeVar("Request")
Answer = TypeVar("Answer")


class LatestRequestWorker(Generic[Request, Answer]):
    """job(request, cancelled) runs on the worker and returns an answer (None: nothing to report);
    report(request, answer) follows; when the job raises, a warning "Could not <task>" is logged and
    failed(request) called."""

    def __init__(self, name: str, task: str, job: Callable[[Request, Callable[[], bool]], Answer | None],
                 report: Callable[[Request, Answer], None],
                 failed: Callable[[Request], None] | None = None):  # fmt: skip
        self._name = name  # the thread's
        self._task = task
        self._job = job
        self._report = report
        self._failed = failed
        self._lock = threading.Condition()
        self._waiting: Request | None = None
        self._running: Request | None = None
        self._generation = 0  # bumped by every request: a job of an older generation is stale
        self._stopped = False
        self._thread: threading.Thread | None = None

    def request(self, request: Request) -> None:
        with self._lock:
            if self._stopped:
                return
            self._generation += 1
            self._waiting = request
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name=self._name, daemon=True)
                self._thread.start()
            self._lock.notify_all()

    def cancel(self) -> None:
        """Forget the waiting request and make the running one stale."""
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
        """No more work: makes the running job stale and joins the thread."""
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
                request, self._waiting, self._running = self._waiting, None, self._waiting
                generation = self._generation

            def stale() -> bool:
                return self._generation != generation  # an int read: no lock needed for a hint

            try:
                answer, error = self._job(request, stale), False
            except Exception:  # e.g. the database closed meanwhile: the list keeps what it shows
                _log.warning("Could not %s", self._task, exc_info=True)
                answer, error = None, True
            with self._lock:
                if not self._stopped and not stale():
                    try:
                        if error and self._failed is not None:
                            self._failed(request)
                        elif answer is not None:
                            self._report(request, answer)
                    except RuntimeError:  # the model is gone
                        pass
                self._running = None
                self._lock.notify_all()
