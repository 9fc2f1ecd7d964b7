"""The Activities section's filter bar: type, outcome, date range, state, contact and full text."""

from __future__ import annotations

from datetime import date, time, timedelta, tzinfo

from PySide6.QtCore import QDate, QLocale, QTimer, Signal
from PySide6.QtWidgets import QComboBox, QDateEdit, QHBoxLayout, QWidget

from crm_desktop.domain.activity_query import ActivityQuery, ActivityState
from crm_desktop.domain.clock import Clock, at_local, today
from crm_desktop.services.workspace import Workspace
from crm_desktop.ui.activities import labels
from crm_desktop.ui.contacts.contact_picker import ContactPicker
from crm_desktop.ui.contacts.field_widgets import search_field

SEARCH_DELAY_MS = 200
ANY_TIME, TODAY, THIS_WEEK, THIS_MONTH, CUSTOM = range(5)


def date_range(choice: int, clock: Clock, first: date, last: date,
               week_start: int = 0) -> tuple[date | None, date | None]:  # fmt: skip
    """[since, until) as local dates for a range choice; week_start is 0 for Monday."""
    day = today(clock)
    if choice == TODAY:
        return day, day + timedelta(days=1)
    if choice == THIS_WEEK:
        start = day - timedelta(days=(day.weekday() - week_start) % 7)
        return start, start + timedelta(days=7)
    if choice == THIS_MONTH:
        start = day.replace(day=1)
        return start, (start + timedelta(days=32)).replace(day=1)
    if choice == CUSTOM:
        return first, last + timedelta(days=1)
    return None, None


class ActivityFilters(QWidget):
    """Emits `changed` when the query changes (text after a short pause)."""

    changed = Signal()

    def __init__(self, workspace: Workspace, parent: QWidget | None = None):
        super().__init__(parent)
        self.workspace = workspace
        prefs = workspace.follow_up_preferences
        self._contact_id: int | None = None

        self.search = search_field("activitySearch", self.tr("Search subjects and details"), self)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SEARCH_DELAY_MS)
        self._timer.timeout.connect(self.changed)
        self.search.textChanged.connect(lambda *_: self._timer.start())
        self.search.returnPressed.connect(self.apply_now)

        self.kind = self._combo("activityKindFilter", self.tr("All types"))
        for kind in prefs.kinds:
            self.kind.addItem(labels.kind_icon(kind), labels.kind_label(kind), kind)
        self.outcome = self._combo("activityOutcomeFilter", self.tr("Any outcome"))
        for outcome in prefs.outcomes:
            self.outcome.addItem(labels.outcome_label(outcome), outcome)
        self.state = QComboBox(self)
        self.state.setObjectName("activityStateFilter")
        for text, state in ((self.tr("Done and to do"), ActivityState.ANY), (self.tr("Done"), ActivityState.DONE),
                            (self.tr("To do"), ActivityState.OPEN)):  # fmt: skip
            self.state.addItem(text, state.value)
        self.range = QComboBox(self)
        self.range.setObjectName("activityRangeFilter")
        self.range.addItems([self.tr("Any time"), self.tr("Today"), self.tr("This week"), self.tr("This month"),
                             self.tr("Custom...")])  # fmt: skip
        self.first = self._date("activityRangeFirst")
        self.last = self._date("activityRangeLast")

        self.contact = ContactPicker(workspace, "activityContactFilter", self.tr("Any contact"), parent=self)
        self.completer = self.contact.completer
        self.contact.chosen.connect(self.set_contact)

        for combo in (self.kind, self.outcome, self.state):
            combo.currentIndexChanged.connect(lambda *_: self.changed.emit())
        self.range.currentIndexChanged.connect(self._range_changed)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.search, 3)
        layout.addWidget(self.contact, 2)
        for widget in (self.kind, self.outcome, self.state, self.range, self.first, self.last):
            layout.addWidget(widget)
        self._range_changed()

    def _combo(self, name: str, everything: str) -> QComboBox:
        combo = QComboBox(self)
        combo.setObjectName(name)
        combo.addItem(everything, None)
        return combo

    def _date(self, name: str) -> QDateEdit:
        edit = QDateEdit(self)
        edit.setObjectName(name)
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("yyyy-MM-dd")
        day = today(self.workspace.clock)
        edit.setDate(QDate(day.year, day.month, day.day))
        edit.dateChanged.connect(lambda *_: self.changed.emit())
        return edit

    # ---- the query ----------------------------------------------------------------------------

    def query(self) -> ActivityQuery:
        clock = self.workspace.clock
        week_start = (QLocale().firstDayOfWeek().value - 1) % 7  # Qt counts Monday as 1
        first, last = date_range(self.range.currentIndex(), clock, self.first.date().toPython(),
                                 self.last.date().toPython(), week_start)  # fmt: skip
        kind, outcome = self.kind.currentData(), self.outcome.currentData()
        return ActivityQuery(
            text=self.search.text(),
            kinds=(kind,) if kind else (),
            outcomes=(outcome,) if outcome else (),
            since=_start_of(first, clock.zone),
            until=_start_of(last, clock.zone),
            contact_id=self._contact_id,
            state=ActivityState(self.state.currentData()),
        )

    def apply_now(self) -> None:
        self._timer.stop()
        self.changed.emit()

    def stop(self) -> None:
        self._timer.stop()

    def set_contact(self, contact_id: int | None, name: str | None = None) -> None:
        """Show one contact's activities (None: everyone's)."""
        if contact_id != self.contact.contact_id():
            self.contact.set_contact(contact_id, name)
        if contact_id != self._contact_id:
            self._contact_id = contact_id
            self.changed.emit()

    # ---- inside -----------------------------------------------------------------------------------

    def _range_changed(self, *_args) -> None:
        custom = self.range.currentIndex() == CUSTOM
        self.first.setVisible(custom)
        self.last.setVisible(custom)
        self.changed.emit()

    def _contact_chosen(self, name: str) -> None:
        self.contact.choose_name(name)


def _start_of(day: date | None, zone: tzinfo):
    return None if day is None else at_local(day, time(0, 0), zone)
