"""The reminder engine: one single-shot timer armed for the next alarm, re-armed whenever anything changes.

No polling: the timer sleeps until the next alarm instant (read with one index seek). A QTimer counts
monotonic time, which stands still while a laptop sleeps and ignores a changed system clock, so one
wait is capped at MAX_WAIT: after either, an alarm is at most that late; otherwise it rings within a
few milliseconds of its time.
"""

from __future__ import annotations

import math
from datetime import datetime, timedelta

from PySide6.QtCore import QObject, Qt, QTimer, Signal

from crm_desktop.domain.activity_query import ActivitySummary
from crm_desktop.services.changes import Change
from crm_desktop.services.workspace import Workspace
from crm_desktop.ui.change_bridge import ChangeBridge

MAX_WAIT = timedelta(minutes=1)
MAX_SHOWN = 100  # rows in the reminder window at once; the rest follow as these are handled
# A trashed contact takes its follow-ups' alarms with it; settings hold the birthday lead and dismissal.
WATCHED = frozenset({"activity", "contact", "settings"})


class ReminderEngine(QObject):
    """Emits `due` with the ringing items (oldest alarm first, at most MAX_SHOWN) and their total count,
    at start, when an alarm comes, and after every change to activities or contacts."""

    due = Signal(list, int)  # list[ActivitySummary], total due
    birthdays = Signal(object)  # BirthdayNotice | None: today's birthday reminder, until dismissed

    def __init__(self, workspace: Workspace, bridge: ChangeBridge, parent: QObject | None = None):
        super().__init__(parent)
        self.workspace = workspace
        self.activities = workspace.activities
        # Alarms older than this rang while the program was not running: the window marks them missed.
        self.started_at: datetime = workspace.clock.now()
        self.items: list[ActivitySummary] = []
        self.total = 0
        self.timer = QTimer(self)
        self.timer.setObjectName("reminderTimer")
        self.timer.setSingleShot(True)
        self.timer.setTimerType(Qt.TimerType.PreciseTimer)
        self.timer.timeout.connect(self.check)
        self._bridge = bridge
        bridge.changed.connect(self._on_change)
        self._running = False

    def now(self) -> datetime:
        return self.workspace.clock.now()

    def start(self) -> None:
        """Show what is due already (missed while we were not running) and arm for the next alarm."""
        self._running = True
        self.check()

    def stop(self) -> None:
        self._running = False
        self.timer.stop()
        try:
            self._bridge.changed.disconnect(self._on_change)
        except (RuntimeError, TypeError):  # already disconnected, or the bridge is gone
            pass

    def is_missed(self, item: ActivitySummary) -> bool:
        return item.alarm_at is not None and item.alarm_at < self.started_at

    def _on_change(self, change: Change) -> None:
        if self._running and change.entity in WATCHED:
            self.check()

    def check(self) -> None:
        """Read what is due, tell the window and the tray, and arm the timer for the next alarm."""
        if not self._running:
            return
        due = self.activities.due_reminders(MAX_SHOWN)
        self.items = self.activities.summaries([a.id for a in due])
        self.total = len(self.items) if len(self.items) < MAX_SHOWN else self.activities.due_count()
        notice = self.workspace.agenda.birthday_notice()
        self._arm()
        self.due.emit(self.items, self.total)
        self.birthdays.emit(notice)

    def _arm(self) -> None:
        now = self.now()
        upcoming = self.activities.next_alarm(after=now)
        birthdays = self.workspace.agenda.next_birthday_check()
        if birthdays is not None:
            upcoming = birthdays if upcoming is None else min(upcoming, birthdays)
        if upcoming is None:
            self.timer.stop()
            return
        wait = min(upcoming - now, MAX_WAIT)
        # Alarms are whole seconds; rounding up never wakes before one, and a wake a hair early re-arms.
        self.timer.start(max(1, math.ceil(wait.total_seconds() * 1000)))

    def next_wake_ms(self) -> int | None:
        return self.timer.remainingTime() if self.timer.isActive() else None
