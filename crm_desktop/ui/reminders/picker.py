"""A small non-modal date (or date and time) picker for a custom snooze and for Reschedule."""

from __future__ import annotations

from datetime import date, datetime, tzinfo

from PySide6.QtCore import QDate, QDateTime, QTime, Signal
from PySide6.QtWidgets import QDateEdit, QDateTimeEdit, QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from crm_desktop.domain.clock import at_local


class WhenPicker(QDialog):
    """Asks for a moment in local time; `chosen` gets an aware UTC datetime, or a date when day_only."""

    chosen = Signal(object)

    def __init__(self, title: str, prompt: str, start: datetime, zone: tzinfo, day_only: bool = False,
                 parent: QWidget | None = None):  # fmt: skip
        super().__init__(parent)
        self.setObjectName("whenPicker")
        self.setWindowTitle(title)
        self.zone = zone
        self.day_only = day_only
        local = start.astimezone(zone)
        if day_only:
            self.editor: QDateTimeEdit = QDateEdit(QDate(local.year, local.month, local.day), self)
        else:
            self.editor = QDateTimeEdit(self)
            # Wall-clock fields, read back in the workspace's zone (not Qt's idea of the system zone).
            self.editor.setDateTime(QDateTime(QDate(local.year, local.month, local.day),
                                              QTime(local.hour, local.minute)))
            self.editor.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.editor.setObjectName("whenEdit")
        self.editor.setCalendarPopup(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(prompt, self))
        layout.addWidget(self.editor)
        layout.addWidget(buttons)

    def value(self) -> datetime | date:
        picked = self.editor.date()
        day = date(picked.year(), picked.month(), picked.day())
        if self.day_only:
            return day
        wall = self.editor.time()
        return at_local(day, wall.toPython().replace(second=0, microsecond=0), self.zone)

    def accept(self) -> None:
        self.chosen.emit(self.value())
        super().accept()
