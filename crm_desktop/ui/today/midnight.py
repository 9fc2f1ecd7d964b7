"""A single-shot timer that rings just after the next local midnight, so "today" becomes "yesterday" on time.

Armed again after each ring (and whenever asked): no polling.
"""

from __future__ import annotations

from datetime import time, timedelta

from PySide6.QtCore import QObject, Qt, QTimer, Signal

from crm_desktop.domain.clock import Clock, at_local, today

SLACK_MS = 500  # ring a little after midnight, never a little before it


def ms_to_next_midnight(clock: Clock) -> int:
    """Milliseconds from the clock's now to the start of the next local day (DST days included)."""
    midnight = at_local(today(clock) + timedelta(days=1), time(), clock.zone)
    return max(1000, int((midnight - clock.now()).total_seconds() * 1000) + SLACK_MS)


class MidnightTimer(QObject):
    day_changed = Signal()

    def __init__(self, clock: Clock, parent: QObject | None = None):
        super().__init__(parent)
        self._clock = clock
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setTimerType(Qt.TimerType.CoarseTimer)
        self.timer.timeout.connect(self._ring)

    def arm(self) -> None:
        self.timer.start(ms_to_next_midnight(self._clock))

    def stop(self) -> None:
        self.timer.stop()

    def _ring(self) -> None:
        self.arm()
        self.day_changed.emit()
