"""The "when, how important, remind me, repeat" part of a follow-up, shared by the activity dialog and
the "schedule the next step" part of the complete dialog (there without the repeat, to stay compact)."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta, tzinfo

from PySide6.QtCore import QTime, Signal
from PySide6.QtWidgets import QCheckBox, QComboBox, QFormLayout, QSizePolicy, QSpinBox, QTimeEdit, QWidget

from crm_desktop.domain.activity import Activity, Priority
from crm_desktop.domain.clock import at_local
from crm_desktop.domain.validation import FieldError
from crm_desktop.ui.activities import labels
from crm_desktop.ui.activities.fields import ErrorRow, OptionalDateEdit
from crm_desktop.ui.activities.repeat_editor import RepeatEditor

MINUTE, HOUR, DAY = 1, 60, 60 * 24
ALARM_PRESETS: tuple[tuple[str, timedelta | None], ...] = (
    ("No reminder", None),
    ("At the time", timedelta(0)),
    ("5 minutes before", timedelta(minutes=5)),
    ("15 minutes before", timedelta(minutes=15)),
    ("30 minutes before", timedelta(minutes=30)),
    ("1 hour before", timedelta(hours=1)),
    ("2 hours before", timedelta(hours=2)),
    ("1 day before", timedelta(days=1)),
    ("2 days before", timedelta(days=2)),
    ("1 week before", timedelta(weeks=1)),
)


class FollowUpEditor(QWidget):
    """Due date and time (or all day), priority, reminder lead, repeat; each with its inline error."""

    changed = Signal()

    def __init__(self, zone: tzinfo, with_repeat: bool = True, parent: QWidget | None = None):
        super().__init__(parent)
        self._zone = zone
        self.due_date = OptionalDateEdit("dueDate", self.tr("No date"), self)
        self.due_time = QTimeEdit(self)
        self.due_time.setObjectName("dueTime")
        self.due_time.setDisplayFormat("HH:mm")
        self.all_day = QCheckBox(self.tr("All day"), self)
        self.all_day.setObjectName("allDay")
        self.when_row = ErrorRow("dueRow", self.due_date, self.due_time, self.all_day, stretch_last=False)

        self.priority = QComboBox(self)
        self.priority.setObjectName("priority")
        for text, value in labels.priority_choices():
            self.priority.addItem(text, int(value))
        self.priority.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)

        self.alarm = QComboBox(self)
        self.alarm.setObjectName("alarmLead")
        for text, _lead in ALARM_PRESETS:
            self.alarm.addItem(self.tr(text))
        self.alarm.addItem(self.tr("Other..."))  # the last item: a number and a unit
        self.alarm_amount = QSpinBox(self)
        self.alarm_amount.setObjectName("alarmAmount")
        self.alarm_amount.setRange(0, 999)  # wider than allowed: 40 days is refused with a message, not clipped
        self.alarm_unit = QComboBox(self)
        self.alarm_unit.setObjectName("alarmUnit")
        for text, minutes in (("minutes before", MINUTE), ("hours before", HOUR), ("days before", DAY)):
            self.alarm_unit.addItem(self.tr(text), minutes)
        self.alarm_row = ErrorRow("alarmRow", self.alarm, self.alarm_amount, self.alarm_unit, stretch_last=False)

        self.repeat = RepeatEditor(self) if with_repeat else None
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow(self.tr("&Due:"), self.when_row)
        form.addRow(self.tr("&Priority:"), self.priority)
        form.addRow(self.tr("&Reminder:"), self.alarm_row)
        self.repeat_row = None
        if self.repeat is not None:
            self.repeat_row = ErrorRow("repeatRow", self.repeat)
            form.addRow(self.tr("Re&peat:"), self.repeat_row)
            self.repeat.changed.connect(self.changed)

        self.due_date.changed.connect(self._edited)
        self.due_time.timeChanged.connect(self._edited)
        self.all_day.toggled.connect(self._edited)
        self.priority.currentIndexChanged.connect(self._edited)
        self.alarm.currentIndexChanged.connect(self._edited)
        self.alarm_amount.valueChanged.connect(self._edited)
        self.alarm_unit.currentIndexChanged.connect(self._edited)
        self._show_parts()

    # ---- values ---------------------------------------------------------------------------------

    def load(self, activity: Activity) -> None:
        if activity.at is not None:
            local = activity.at.astimezone(self._zone)
            self.due_date.set_value(local.date())
            self.due_time.setTime(QTime(local.hour, local.minute))
            self.all_day.setChecked(False)
        else:
            self.due_date.set_value(activity.day)
            self.due_time.setTime(QTime(9, 0))
            self.all_day.setChecked(activity.day is not None)
        self.priority.setCurrentIndex(self.priority.findData(int(activity.priority)))
        self.set_alarm_lead(activity.alarm_lead)
        if self.repeat is not None:
            self.repeat.set_recurrence(activity.recurrence)
            self.repeat.set_start(self.due_date.value())
        self._show_parts()

    def set_alarm_lead(self, lead: timedelta | None) -> None:
        index = next((i for i, (_, preset) in enumerate(ALARM_PRESETS) if preset == lead), None)
        if index is not None:
            self.alarm.setCurrentIndex(index)
            return
        self.alarm.setCurrentIndex(len(ALARM_PRESETS))
        minutes = int(lead.total_seconds() // 60) if lead else 0
        unit = next(u for u in (DAY, HOUR, MINUTE) if minutes % u == 0)
        self.alarm_unit.setCurrentIndex(self.alarm_unit.findData(unit))
        self.alarm_amount.setValue(minutes // unit)

    def alarm_lead(self) -> timedelta | None:
        if not self._custom_alarm():
            return ALARM_PRESETS[self.alarm.currentIndex()][1]
        return timedelta(minutes=self.alarm_amount.value() * self.alarm_unit.currentData())

    def fill(self, activity: Activity) -> list[FieldError]:
        """Put the edited values into the activity; errors the values cannot even express."""
        day = self.due_date.value()
        activity.at, activity.day = None, None
        if day is not None:
            if self.all_day.isChecked():
                activity.day = day
            else:
                activity.at = at_local(day, self.due_time.time().toPython(), self._zone)
        activity.priority = Priority(self.priority.currentData())
        activity.alarm_lead = self.alarm_lead()
        errors = []
        if self.repeat is not None:
            activity.recurrence = self.repeat.recurrence()
            if self.repeat.end_is_missing():
                errors.append(FieldError("repeat", self.tr("Pick the date the repeat ends.")))
        return errors

    def show_errors(self, errors: list[FieldError]) -> list[QWidget]:
        """Each message beside its field; returns the rows marked."""
        rows = {"when": self.when_row, "alarm": self.alarm_row}
        if self.repeat_row is not None:
            rows["repeat"] = self.repeat_row
        marked = []
        for field, row in rows.items():
            messages = [e.message for e in errors if e.field == field]
            row.set_error("\n".join(dict.fromkeys(messages)) or None)
            if messages:
                marked.append(row)
        return marked

    # ---- inside ---------------------------------------------------------------------------------

    def _custom_alarm(self) -> bool:
        return self.alarm.currentIndex() == len(ALARM_PRESETS)

    def _edited(self, *_args) -> None:
        self._show_parts()
        self.changed.emit()

    def _show_parts(self) -> None:
        self.due_time.setEnabled(not self.all_day.isChecked())
        custom = self._custom_alarm()
        self.alarm_amount.setVisible(custom)
        self.alarm_unit.setVisible(custom)
        if self.repeat is not None:
            self.repeat.set_start(self.due_date.value())


def default_due(now: datetime, zone: tzinfo) -> datetime:
    """A new follow-up: tomorrow at 09:00 local."""
    return at_local(now.astimezone(zone).date() + timedelta(days=1), time(9, 0), zone)


def local_date(moment: datetime, zone: tzinfo) -> date:
    return moment.astimezone(zone).date()
