"""The Labels dialog's background work: planning a run (reading and laying out up to every contact)
and writing its PDF, each on a thread of its own so the window keeps answering.

Results come back through Qt signals emitted on the worker thread: the receivers live on the UI
thread, so Qt queues them there.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from crm_desktop.ui.latest_worker import LatestRequestWorker

_log = logging.getLogger(__name__)


class Planner(QObject):
    """Runs plan jobs one at a time, newest first: a request replaces the one waiting, and the answer
    to a job that a newer request overtook is dropped (the engine's plan() cannot be stopped midway)."""

    planned = Signal(int, object)  # generation, the job's result
    failed = Signal(int, str)  # generation, the message for the user

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._generation = 0  # of the newest request; asked and bumped on the UI thread only
        self._worker: LatestRequestWorker[tuple[int, Callable[[], object]], tuple[Signal, object]] = (
            LatestRequestWorker("labels-plan", "plan the labels", self._plan, self._report, self._crashed))

    def request(self, job: Callable[[], object]) -> int:
        """Run job() on the worker; returns the generation its answer will carry."""
        self._generation += 1
        self._worker.request((self._generation, job))
        return self._generation

    @property
    def generation(self) -> int:
        return self._generation

    def busy(self) -> bool:
        return self._worker.busy()

    def wait(self, timeout: float | None = None) -> bool:
        """Until nothing waits or runs (tests); False on timeout."""
        return self._worker.wait(timeout)

    def stop(self, timeout: float | None = 10.0) -> None:
        self._worker.stop(timeout)

    def _plan(self, request: tuple[int, Callable[[], object]], _cancelled) -> tuple[Signal, object]:
        try:
            return self.planned, request[1]()
        except ValueError as exc:  # LabelError, TemplateError: a message for the user
            return self.failed, str(exc)

    def _report(self, request: tuple[int, Callable[[], object]], outcome: tuple[Signal, object]) -> None:
        signal, value = outcome
        signal.emit(request[0], value)

    def _crashed(self, request: tuple[int, Callable[[], object]]) -> None:  # a bug, logged by the worker
        self.failed.emit(request[0], self.tr("The labels could not be planned (see the log)."))


class PdfWriter(QObject):
    """One PDF at a time on its own thread, with progress and a Cancel that stops it between labels
    (the engine then leaves no file behind)."""

    progressed = Signal(int, int)  # done, total
    finished = Signal(bool, str, str)  # written, path, error message ("" when none)

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._cancel = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self, write: Callable[..., bool], path: Path) -> None:
        """write(path, progress, cancelled) -> bool, run on the worker."""
        if self.running():
            raise RuntimeError("a PDF is already being written")
        self._cancel.clear()
        self._thread = threading.Thread(target=self._run, args=(write, path), name="labels-pdf", daemon=True)
        self._thread.start()

    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def cancel(self) -> None:
        self._cancel.set()

    def wait(self, timeout: float | None = None) -> bool:
        if self._thread is not None:
            self._thread.join(timeout)
        return not self.running()

    def stop(self, timeout: float | None = 10.0) -> None:
        self.cancel()
        self.wait(timeout)

    def _run(self, write, path: Path) -> None:
        shown = [-1]

        def progress(done: int, total: int) -> None:
            percent = done * 100 // total if total else 100
            if percent != shown[0]:  # a hundred queued signals, not one per label
                shown[0] = percent
                self.progressed.emit(done, total)

        try:
            written = write(path, progress, self._cancel.is_set)
        except (OSError, ValueError) as exc:
            self.finished.emit(False, str(path), str(exc))
        except Exception as exc:  # noqa: BLE001 - reported to the user, logged for us
            _log.exception("writing the labels PDF failed")
            self.finished.emit(False, str(path), str(exc))
        else:
            self.finished.emit(bool(written), str(path), "")
