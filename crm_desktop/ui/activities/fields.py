"""Small pieces the activity dialogs share: a row with its inline error, an optional date editor."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import QDateEdit, QHBoxLayout, QToolButton, QVBoxLayout, QWidget

from crm_desktop.ui.contacts.field_widgets import ErrorLabel, mark_invalid

NO_DATE = QDate(1900, 1, 1)  # the date editor's "empty" value, shown as its special text


class ErrorRow(QWidget):
    """Editors side by side with the error message about them right underneath."""

    def __init__(self, name: str, *widgets: QWidget, stretch_last: bool = True):
        super().__init__()
        self.setObjectName(name)
        self.editors = widgets
        self.error = ErrorLabel(f"{name}Error")
        line = QHBoxLayout()
        line.setContentsMargins(0, 0, 0, 0)
        for widget in widgets:
            line.addWidget(widget)
        if not stretch_last:
            line.addStretch(1)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addLayout(line)
        column.addWidget(self.error)

    def set_error(self, message: str | None) -> None:
        self.error.show_message(message)
        for widget in self.editors:
            mark_invalid(widget, bool(message))


class OptionalDateEdit(QWidget):
    """A date with a calendar, which may also be left empty ("No date")."""

    changed = Signal()

    def __init__(self, name: str, empty_text: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.edit = QDateEdit(self)
        self.edit.setObjectName(name)
        self.edit.setCalendarPopup(True)
        self.edit.setDisplayFormat("yyyy-MM-dd")
        self.edit.setMinimumDate(NO_DATE)
        self.edit.setSpecialValueText(empty_text)  # shown while the date is NO_DATE
        self.edit.dateChanged.connect(lambda *_: self.changed.emit())
        self.clear_button = QToolButton(self)
        self.clear_button.setObjectName(f"{name}Clear")
        self.clear_button.setText("\u00d7")
        self.clear_button.setToolTip(self.tr("No date"))
        self.clear_button.setAutoRaise(True)
        self.clear_button.clicked.connect(self.clear)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.edit, 1)
        layout.addWidget(self.clear_button)

    def value(self) -> date | None:
        shown = self.edit.date()
        return None if shown == NO_DATE else shown.toPython()

    def set_value(self, day: date | None) -> None:
        if day is None:
            self.clear()
        else:
            self.edit.setDate(QDate(day.year, day.month, day.day))

    def clear(self) -> None:
        self.edit.setDate(NO_DATE)
        today = QDate.currentDate()  # the calendar opens on this month, not on January 1900
        self.edit.calendarWidget().setCurrentPage(today.year(), today.month())
