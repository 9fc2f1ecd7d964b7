"""ActivityDialog: log what happened (a call, a note ...) or schedule a follow-up, or edit either.

Non-blocking (shown with open()). Errors appear beside their field as they are made; Save writes the
whole activity or nothing. Before a new one is saved, the don't-pester rule may ask the user first.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from PySide6.QtCore import QDate, Qt, QTime, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QRadioButton,
    QSizePolicy,
    QSpinBox,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from crm_desktop.db.errors import ChangedElsewhereError, NotFoundError, StorageError
from crm_desktop.domain.activity import Activity, Direction, validate_activity
from crm_desktop.domain.clock import at_local
from crm_desktop.domain.deal import DealStatus
from crm_desktop.domain.validation import FieldError, ValidationError
from crm_desktop.services.workspace import Workspace
from crm_desktop.ui.activities import labels
from crm_desktop.ui.activities.fields import ErrorRow
from crm_desktop.ui.activities.followup_editor import FollowUpEditor, default_due
from crm_desktop.ui.contacts.field_widgets import ERROR_STYLE, ErrorLabel, line_edit, plain_text_edit

PESTER_STYLE = "QLabel#pesterHint { color: #a15c00; }"


def ask_pester(parent: QWidget, warning: str) -> bool:
    """The don't-pester question: True to save anyway (tests patch this one function)."""
    answer = QMessageBox.question(
        parent, parent.tr("Contact again?"), parent.tr("%1\n\nSave anyway?").replace("%1", warning),
        QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Cancel, QMessageBox.StandardButton.Cancel,
    )  # fmt: skip
    return answer == QMessageBox.StandardButton.Save


def new_activity(workspace: Workspace, contact_id: int | None, kind: str, done: bool) -> Activity:
    """A fresh activity as the dialog starts it: logged now, or due tomorrow at 09:00."""
    now = workspace.clock.now()
    at = now if done else default_due(now, workspace.clock.zone)
    return Activity(contact_id=contact_id, kind=kind, done=done, at=at)


class ActivityDialog(QDialog):
    """`saved` carries the id of the activity once it is on disk."""

    saved = Signal(int)

    def __init__(self, workspace: Workspace, activity: Activity, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("activityDialog")
        self.setStyleSheet(ERROR_STYLE + PESTER_STYLE)
        self.workspace = workspace
        self._zone = workspace.clock.zone
        self._original = activity
        self._touched: set[str] = set()
        self._revealed = False

        self.heading = QLabel(self)
        self.heading.setObjectName("activityHeading")
        font = QFont(self.heading.font())
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.heading.setFont(font)
        self.heading.setWordWrap(True)
        self.contact_error = ErrorLabel("contactError")
        self.pester_hint = QLabel(self)
        self.pester_hint.setObjectName("pesterHint")
        self.pester_hint.setWordWrap(True)
        self.pester_hint.hide()

        self.state_done = QRadioButton(self.tr("&Done (log it)"), self)
        self.state_done.setObjectName("stateDone")
        self.state_open = QRadioButton(self.tr("&To do (follow-up)"), self)
        self.state_open.setObjectName("stateOpen")
        self._states = QButtonGroup(self)
        self._states.addButton(self.state_done)
        self._states.addButton(self.state_open)
        states = QHBoxLayout()
        states.addWidget(self.state_done)
        states.addWidget(self.state_open)
        states.addStretch(1)

        self.kind = QComboBox(self)
        self.kind.setObjectName("activityKind")
        kinds = workspace.follow_up_preferences.kinds
        if activity.kind not in kinds:
            kinds.append(activity.kind)
        for kind in kinds:
            self.kind.addItem(labels.kind_icon(kind), labels.kind_label(kind), kind)
        self.kind_row = ErrorRow("kindRow", self.kind, stretch_last=False)
        self.subject = line_edit("activitySubject", self.tr("What it was about"))
        self.deal = QComboBox(self)
        self.deal.setObjectName("activityDeal")
        self.deal.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.deal.setMinimumContentsLength(24)
        self.details = plain_text_edit("activityDetails", self.tr("Details"), lines=4)

        self.done_box = self._done_box()
        self.follow_up = FollowUpEditor(self._zone, parent=self)
        self.follow_up.setObjectName("followUpEditor")
        self.status = ErrorLabel("activityStatus")

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel,
                                        self)  # fmt: skip
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setObjectName("activitySave")
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)

        common = QFormLayout()
        common.addRow(self.tr("&Type:"), self.kind_row)
        common.addRow(self.tr("&Subject:"), self.subject)
        common.addRow(self.tr("Dea&l:"), self.deal)
        self._common = common
        common.addRow(self.tr("D&etails:"), self.details)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.contact_error)
        layout.addWidget(self.pester_hint)
        layout.addLayout(states)
        layout.addLayout(common)
        layout.addWidget(self.done_box)
        layout.addWidget(self.follow_up)
        layout.addStretch(1)
        layout.addWidget(self.status)
        layout.addWidget(self.buttons)

        self._load(activity)
        self._connect_edits()
        self.subject.setFocus(Qt.FocusReason.OtherFocusReason)
        self.setMinimumWidth(560)

    def _done_box(self) -> QWidget:
        box = QWidget(self)
        box.setObjectName("doneBox")
        self.when_date = QDateEdit(box)
        self.when_date.setObjectName("whenDate")
        self.when_date.setCalendarPopup(True)
        self.when_date.setDisplayFormat("yyyy-MM-dd")
        self.when_time = QTimeEdit(box)
        self.when_time.setObjectName("whenTime")
        self.when_time.setDisplayFormat("HH:mm")
        self.when_row = ErrorRow("whenRow", self.when_date, self.when_time, stretch_last=False)
        self.duration = QSpinBox(box)
        self.duration.setObjectName("duration")
        self.duration.setRange(0, 60 * 24 * 31)
        self.duration.setSuffix(self.tr(" min"))
        self.duration_row = ErrorRow("durationRow", self.duration, stretch_last=False)
        self.direction = QComboBox(box)
        self.direction.setObjectName("direction")
        for text, value in labels.direction_choices():
            self.direction.addItem(text, value.value)
        self.outcome = QComboBox(box)
        self.outcome.setObjectName("outcome")
        self.outcome.setEditable(True)  # the list is the owner's; a one-off outcome may be typed
        self.outcome.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.outcome.addItems(["", *self.workspace.follow_up_preferences.outcomes])
        self.outcome.setMinimumContentsLength(18)
        for combo in (self.direction, self.outcome):
            combo.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        form = QFormLayout(box)
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow(self.tr("&When:"), self.when_row)
        form.addRow(self.tr("Durat&ion:"), self.duration_row)
        form.addRow(self.tr("Di&rection:"), self.direction)
        form.addRow(self.tr("&Outcome:"), self.outcome)
        return box

    # ---- values -----------------------------------------------------------------------------------

    def _load(self, a: Activity) -> None:
        (self.state_done if a.done else self.state_open).setChecked(True)
        self.kind.setCurrentIndex(max(0, self.kind.findData(a.kind)))
        self.subject.setText(a.subject)
        self._load_deals(a)
        self.details.setPlainText(a.details)
        moment = (a.at or self.workspace.clock.now()).astimezone(self._zone)
        if a.at is None and a.day is not None:
            moment = moment.replace(year=a.day.year, month=a.day.month, day=a.day.day, hour=0, minute=0)
        self.when_date.setDate(QDate(moment.year, moment.month, moment.day))
        self.when_time.setTime(QTime(moment.hour, moment.minute))
        self.duration.setValue(a.duration_minutes)
        self.direction.setCurrentIndex(max(0, self.direction.findData(a.direction.value)))
        self.outcome.setCurrentText(a.outcome)
        self.follow_up.load(a if not a.done else replace(a, at=default_due(self.workspace.clock.now(), self._zone)))
        self._show_heading()
        self._show_parts()
        warning = self.workspace.activities.pester_warning(a.contact_id) if a.id is None else None
        self.pester_hint.setText(warning or "")
        self.pester_hint.setVisible(bool(warning))

    def activity(self) -> tuple[Activity, list[FieldError]]:
        """The activity as edited, and the errors its values cannot express."""
        a = replace(self._original)
        a.kind = self.kind.currentData() or ""
        a.subject = self.subject.text()
        a.details = self.details.toPlainText()
        a.deal_id = self.deal.currentData()
        a.done = self.state_done.isChecked()
        errors: list[FieldError] = []
        if a.done:
            a.at = at_local(self.when_date.date().toPython(), self.when_time.time().toPython(), self._zone)
            a.day, a.alarm_lead, a.recurrence = None, None, None
            a.duration_minutes = self.duration.value()
            a.direction = Direction(self.direction.currentData())
            a.outcome = self.outcome.currentText().strip()
        else:
            errors = self.follow_up.fill(a)
            o = self._original
            if a.recurrence != o.recurrence:
                a.series_start = a.occurrence = None  # a changed rule starts again from this date
            elif a.recurrence is not None and o.id is not None and (a.at, a.day) != (o.at, o.day):
                # One occurrence moved: the series and its count go on; remember the slot it came from.
                a.occurrence = o.occurrence or _wall(o, self._zone)
        return a, errors

    def _load_deals(self, a: Activity) -> None:
        """The contact's open deals to link the activity to, and the one it is linked to (even if closed)."""
        self.deal.clear()
        self.deal.addItem(self.tr("No deal"), None)
        rows = self.workspace.pipeline.contact_deals(a.contact_id) if a.contact_id is not None else []
        names = {s.key: s.name for s in self.workspace.pipeline.stages}
        for row in rows:
            if row.status is DealStatus.OPEN or row.id == a.deal_id:
                # Isolated, so an Urdu title ending in ")" keeps its brackets in a Latin line.
                self.deal.addItem(f"\u2068{row.title}\u2069 · {names.get(row.stage, row.stage)}", row.id)
        if a.deal_id is not None and self.deal.findData(a.deal_id) < 0:
            self.deal.addItem(self.tr("Deal %1").replace("%1", str(a.deal_id)), a.deal_id)
        self.deal.setCurrentIndex(max(0, self.deal.findData(a.deal_id)))
        self._common.setRowVisible(self.deal, self.deal.count() > 1)  # nothing to choose: no clutter

    # ---- saving -----------------------------------------------------------------------------------

    def save(self) -> bool:
        """Save the whole activity, or nothing (errors shown beside their fields)."""
        activity, errors = self.activity()
        errors += validate_activity(activity)
        self._revealed = True
        if errors:
            self._show_errors(errors)
            self.status.show_message(self.tr("Not saved: correct the fields marked in red."))
            return False
        if activity.id is None:
            warning = self.workspace.activities.pester_warning(activity.contact_id)
            if warning and not ask_pester(self, warning):
                return False
        try:
            if activity.id is not None and activity.done and not self._original.done:
                # Done from the edit dialog is a completion: a repeating follow-up makes its next one.
                saved, _next = self.workspace.activities.complete(activity.id, activity.outcome, record=activity)
            else:
                saved = self.workspace.activities.save(activity)
        except ValidationError as exc:
            self._show_errors(exc.errors)
            self.status.show_message(self.tr("Not saved: correct the fields marked in red."))
            return False
        except (StorageError, NotFoundError, ChangedElsewhereError) as exc:
            self.status.show_message(self.tr("Not saved: %1").replace("%1", str(exc)))
            return False
        self.saved.emit(saved.id)
        self.accept()
        return True

    # ---- inside -----------------------------------------------------------------------------------

    def _connect_edits(self) -> None:
        touch = self._touch
        self.kind.currentIndexChanged.connect(lambda *_: (touch("kind"), self._show_heading()))
        self.subject.textChanged.connect(lambda *_: touch("subject"))
        self.when_date.dateChanged.connect(lambda *_: touch("when"))
        self.when_time.timeChanged.connect(lambda *_: touch("when"))
        self.duration.valueChanged.connect(lambda *_: touch("duration"))
        self.follow_up.due_date.changed.connect(lambda: touch("when"))
        self.follow_up.all_day.toggled.connect(lambda *_: touch("when"))
        self.follow_up.alarm.currentIndexChanged.connect(lambda *_: touch("alarm"))
        self.follow_up.alarm_amount.valueChanged.connect(lambda *_: touch("alarm"))
        self.follow_up.alarm_unit.currentIndexChanged.connect(lambda *_: touch("alarm"))
        if self.follow_up.repeat is not None:
            self.follow_up.repeat.changed.connect(lambda: touch("repeat"))
        self._states.buttonToggled.connect(lambda *_: self._state_changed())

    def _state_changed(self) -> None:
        self._show_heading()
        self._show_parts()
        self._validate()

    def _touch(self, field: str) -> None:
        self._touched.add(field)
        self._validate()

    def _validate(self) -> None:
        activity, errors = self.activity()
        errors += validate_activity(activity)
        shown = errors if self._revealed else [e for e in errors if e.field in self._touched]
        self._show_errors(shown)
        if not errors:
            self.status.show_message(None)

    def _show_errors(self, errors: list[FieldError]) -> None:
        def message(field: str) -> str | None:
            return "\n".join(dict.fromkeys(e.message for e in errors if e.field == field)) or None

        self.contact_error.show_message(message("contact"))
        self.kind_row.set_error(message("kind"))
        done = self.state_done.isChecked()
        self.when_row.set_error(message("when") if done else None)
        self.duration_row.set_error(message("duration"))
        self.follow_up.show_errors([] if done else errors)

    def _show_parts(self) -> None:
        done = self.state_done.isChecked()
        self.done_box.setVisible(done)
        self.follow_up.setVisible(not done)
        self.adjustSize()

    def _show_heading(self) -> None:
        a = self._original
        name = self._contact_name(a.contact_id)
        kind = labels.kind_label(self.kind.currentData() or a.kind)
        if a.id is not None:
            text = self.tr("%1 · %2")
        elif self.state_done.isChecked():
            text = self.tr("Log %1 · %2")
        else:
            text = self.tr("Schedule %1 · %2")
        heading = text.replace("%1", kind).replace("%2", name).removesuffix(" · ")
        self.heading.setText(heading)
        self.setWindowTitle(heading)

    def _contact_name(self, contact_id: int | None) -> str:
        if contact_id is None:
            return ""
        try:
            return self.workspace.contacts.get(contact_id).display_name
        except NotFoundError:
            return ""


def open_activity_dialog(workspace: Workspace, activity: Activity, parent: QWidget | None) -> ActivityDialog:
    """Show the dialog without blocking (it deletes itself when closed)."""
    dialog = ActivityDialog(workspace, activity, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog


def log_new(workspace: Workspace, contact_id: int, kind: str, done: bool, parent: QWidget | None) -> ActivityDialog:
    return open_activity_dialog(workspace, new_activity(workspace, contact_id, kind, done), parent)


def edit_existing(workspace: Workspace, activity_id: int, parent: QWidget | None) -> ActivityDialog | None:
    try:
        activity = workspace.activities.get(activity_id)
    except NotFoundError:
        return None
    return open_activity_dialog(workspace, activity, parent)


def _wall(activity: Activity, zone) -> datetime | None:
    """An item's due moment as naive local wall time (how a series' slots are written)."""
    if activity.at is not None:
        return activity.at.astimezone(zone).replace(tzinfo=None)
    if activity.day is not None:
        return datetime.combine(activity.day, datetime.min.time())
    return None
