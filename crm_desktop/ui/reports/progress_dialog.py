"""A document written on a worker thread, with a progress bar that appears only when the work takes more
than half a second, and a Cancel that really stops it (the job checks between pages; no file is left)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Qt, QThread, QTimer, Signal, Slot
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QProgressBar, QVBoxLayout, QWidget

from crm_desktop.services.jobs import Job, JobCancelled

SHOW_AFTER_MS = 500


class _Worker(QObject):
    progressed = Signal(int, int)
    succeeded = Signal(object)
    failed = Signal(str)
    cancelled = Signal()

    def __init__(self, work: Callable[[Job], object]):
        super().__init__()
        self.work = work
        self.job = Job(lambda done, total: self.progressed.emit(done, total))

    @Slot()
    def run(self) -> None:
        try:
            result = self.work(self.job)
        except JobCancelled:
            self.cancelled.emit()
        except Exception as exc:  # noqa: BLE001 - shown to the user, not swallowed
            self.failed.emit(str(exc) or type(exc).__name__)
        else:
            self.succeeded.emit(result)


class JobProgressDialog(QDialog):
    """Runs work(job) on its own thread. finished_with(outcome, payload): outcome is "done" (payload: the
    work's result), "cancelled" or "failed" (payload: the message)."""

    finished_with = Signal(str, object)

    def __init__(self, title: str, work: Callable[[Job], object], parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("jobProgressDialog")
        self.setWindowTitle(title)
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.label = QLabel(self.tr("Writing %1…").replace("%1", title), self)
        self.bar = QProgressBar(self)
        self.bar.setObjectName("jobProgress")
        self.bar.setRange(0, 0)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.cancel_button = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        self.cancel_button.setObjectName("jobCancel")
        self.buttons.rejected.connect(self.cancel)
        layout = QVBoxLayout(self)
        layout.addWidget(self.label)
        layout.addWidget(self.bar)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(360)

        self.outcome: str | None = None
        self.worker = _Worker(work)
        self.thread_ = QThread(self)
        self.worker.moveToThread(self.thread_)
        self.thread_.started.connect(self.worker.run)
        self.worker.progressed.connect(self._progressed)
        # Slots of this (UI-thread) object, so the ends arrive queued on the UI thread.
        self.worker.succeeded.connect(self._succeeded)
        self.worker.failed.connect(self._failed)
        self.worker.cancelled.connect(self._cancelled)
        self._show_timer = QTimer(self)
        self._show_timer.setSingleShot(True)
        self._show_timer.timeout.connect(self._appear)

    def start(self) -> None:
        self.thread_.start()
        self._show_timer.start(SHOW_AFTER_MS)

    @property
    def job(self) -> Job:
        return self.worker.job

    def is_running(self) -> bool:
        return self.outcome is None

    @Slot()
    def cancel(self) -> None:
        if self.outcome is None:
            self.job.cancel()
            self.cancel_button.setEnabled(False)
            self.label.setText(self.tr("Cancelling…"))

    def reject(self) -> None:  # Escape and the window's close button cancel too
        self.cancel()

    def _appear(self) -> None:
        if self.outcome is None:
            self.show()

    @Slot(int, int)
    def _progressed(self, done: int, total: int) -> None:
        if total > 0:
            self.bar.setRange(0, total)
            self.bar.setValue(min(done, total))
            self.label.setText(self.tr("%1 of %2").replace("%1", f"{done:,}").replace("%2", f"{total:,}"))

    @Slot(object)
    def _succeeded(self, result) -> None:
        self._end("done", result)

    @Slot(str)
    def _failed(self, message: str) -> None:
        self._end("failed", message)

    @Slot()
    def _cancelled(self) -> None:
        self._end("cancelled", None)

    def _end(self, outcome: str, payload) -> None:
        self.outcome = outcome
        self._show_timer.stop()
        self.thread_.quit()
        self.thread_.wait()
        self.hide()
        self.finished_with.emit(outcome, payload)
        self.deleteLater()


def stop_jobs(window: QWidget) -> None:
    """Cancel the window's running documents and wait for their threads (the window is closing)."""
    for dialog in window.findChildren(JobProgressDialog):
        if dialog.is_running():
            dialog.job.cancel()
        dialog.thread_.quit()
        dialog.thread_.wait()
