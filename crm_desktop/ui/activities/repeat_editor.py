"""The repeat part of a follow-up: none/daily/weekly on chosen days/monthly/yearly, every N, until a
date or N times, with the rule described in words as it is edited."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QLocale, Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QSpinBox, QToolButton, QVBoxLayout, QWidget

from crm_desktop.domain.recurrence import Frequency, Recurrence
from crm_desktop.ui.activities.fields import OptionalDateEdit

_UNITS = {Frequency.DAILY: ("day", "days"), Frequency.WEEKLY: ("week", "weeks"),
          Frequency.MONTHLY: ("month", "months"), Frequency.YEARLY: ("year", "years")}  # fmt: skip
NEVER, UNTIL, TIMES = 0, 1, 2


class RepeatEditor(QWidget):
    changed = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._start: date | None = None
        self.frequency = QComboBox(self)
        self.frequency.setObjectName("repeatFrequency")
        self.frequency.addItem(self.tr("Does not repeat"), None)
        for freq, name in ((Frequency.DAILY, "Daily"), (Frequency.WEEKLY, "Weekly"),
                           (Frequency.MONTHLY, "Monthly"), (Frequency.YEARLY, "Yearly")):  # fmt: skip
            self.frequency.addItem(self.tr(name), freq.value)
        self.every_label = QLabel(self.tr("every"), self)
        self.interval = QSpinBox(self)
        self.interval.setObjectName("repeatInterval")
        self.interval.setRange(1, 999)
        self.unit_label = QLabel(self)

        self.day_buttons: list[QToolButton] = []
        days = QHBoxLayout()
        days.setSpacing(2)
        locale = QLocale()
        for weekday in range(7):
            button = QToolButton(self)
            button.setObjectName(f"repeatDay{weekday}")
            button.setCheckable(True)
            button.setText(locale.dayName(weekday + 1, QLocale.FormatType.ShortFormat))
            button.toggled.connect(self._edited)
            self.day_buttons.append(button)
            days.addWidget(button)
        days.addStretch(1)
        self.days = QWidget(self)
        self.days.setLayout(days)
        days.setContentsMargins(0, 0, 0, 0)

        self.end = QComboBox(self)
        self.end.setObjectName("repeatEnd")
        self.end.addItems([self.tr("forever"), self.tr("until a date"), self.tr("a number of times")])
        self.until = OptionalDateEdit("repeatUntil", self.tr("Pick a date"), self)
        self.count = QSpinBox(self)
        self.count.setObjectName("repeatCount")
        self.count.setRange(1, 9999)
        self.count.setValue(10)
        self.count.setSuffix(self.tr(" times"))
        self.description = QLabel(self)
        self.description.setObjectName("repeatDescription")
        self.description.setEnabled(False)  # muted, like a hint

        first = QHBoxLayout()
        first.setContentsMargins(0, 0, 0, 0)
        for widget in (self.frequency, self.every_label, self.interval, self.unit_label):
            first.addWidget(widget)
        first.addStretch(1)
        second = QHBoxLayout()
        second.setContentsMargins(0, 0, 0, 0)
        self.ends_label = QLabel(self.tr("Repeat"), self)
        for widget in (self.ends_label, self.end, self.until, self.count):
            second.addWidget(widget)
        second.addStretch(1)
        self.details = QWidget(self)
        details = QVBoxLayout(self.details)
        details.setContentsMargins(0, 0, 0, 0)
        details.addWidget(self.days)
        details.addLayout(second)
        details.addWidget(self.description)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(first)
        layout.addWidget(self.details)

        self.frequency.currentIndexChanged.connect(self._frequency_changed)
        for signal in (self.interval.valueChanged, self.end.currentIndexChanged, self.until.changed,
                       self.count.valueChanged):  # fmt: skip
            signal.connect(self._edited)
        self._show_parts()

    # ---- values ---------------------------------------------------------------------------------

    def set_start(self, start: date | None) -> None:
        """The due date: a new weekly repeat starts on its weekday."""
        self._start = start
        self._describe()

    def _frequency(self) -> Frequency | None:
        value = self.frequency.currentData()
        return None if value is None else Frequency(value)

    def recurrence(self) -> Recurrence | None:
        freq = self._frequency()
        if freq is None:
            return None
        weekdays = tuple(d for d, b in enumerate(self.day_buttons) if b.isChecked()) if freq is Frequency.WEEKLY else ()
        end = self.end.currentIndex()
        return Recurrence(
            freq, self.interval.value(), weekdays,
            until=self.until.value() if end == UNTIL else None,
            count=self.count.value() if end == TIMES else None,
        )  # fmt: skip

    def end_is_missing(self) -> bool:
        """"Until" chosen without a date: the rule cannot say it, so the dialog says so."""
        return self._frequency() is not None and self.end.currentIndex() == UNTIL and (
            self.until.value() is None)  # fmt: skip

    def set_recurrence(self, rule: Recurrence | None) -> None:
        blockers = [w.blockSignals(True) for w in self._inputs()]
        try:
            self.frequency.setCurrentIndex(0 if rule is None else self.frequency.findData(rule.frequency.value))
            self.interval.setValue(rule.interval if rule else 1)
            for day, button in enumerate(self.day_buttons):
                button.setChecked(bool(rule) and day in rule.weekdays)
            self.end.setCurrentIndex(UNTIL if rule and rule.until else TIMES if rule and rule.count else NEVER)
            self.until.set_value(rule.until if rule else None)
            self.count.setValue(rule.count if rule and rule.count else 10)
        finally:
            for widget, was in zip(self._inputs(), blockers, strict=True):
                widget.blockSignals(was)
        self._show_parts()

    def _inputs(self) -> list[QWidget]:
        return [self.frequency, self.interval, self.end, self.until, self.count, *self.day_buttons]

    # ---- inside ---------------------------------------------------------------------------------

    def _frequency_changed(self) -> None:
        if self._frequency() is Frequency.WEEKLY and self._start is not None:
            if not any(b.isChecked() for b in self.day_buttons):
                self.day_buttons[self._start.weekday()].setChecked(True)
        self._edited()

    def _edited(self, *_args) -> None:
        self._show_parts()
        self.changed.emit()

    def _show_parts(self) -> None:
        freq = self._frequency()
        repeating = freq is not None
        for widget in (self.every_label, self.interval, self.unit_label, self.details):
            widget.setVisible(repeating)
        self.days.setVisible(freq is Frequency.WEEKLY)
        self.until.setVisible(self.end.currentIndex() == UNTIL)
        self.count.setVisible(self.end.currentIndex() == TIMES)
        if repeating:
            one, many = _UNITS[freq]
            self.unit_label.setText(self.tr(one if self.interval.value() == 1 else many))
        self._describe()

    def _describe(self) -> None:
        rule = self.recurrence()
        problems = rule.problems(self._start) if rule else []
        self.description.setText("" if rule is None or problems or self.end_is_missing() else rule.describe())
