"""CompleteDialog: mark a follow-up done with its outcome and a note, and schedule the next step in the
same dialog. Used by the timeline, the Activities section, the reminder window and the Today page:

    dialog = CompleteDialog(workspace, activity_id, parent)
    dialog.completed.connect(...)   # (done activity id, next step id or None)
    dialog.open()

A repeating follow-up makes its next occurrence by itself; the dialog says when that will be.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from crm_desktop.db.errors import NotFoundError, StorageError
from crm_desktop.domain.activity import Activity, following_occurrence, validate_activity
from crm_desktop.domain.validation import FieldError, ValidationError
from crm_desktop.services.workspace import Workspace
from crm_desktop.ui.activities import labels
from crm_desktop.ui.activities.fields import ErrorRow
from crm_desktop.ui.activities.followup_editor import FollowUpEditor, default_due
from crm_desktop.ui.contacts.field_widgets import ERROR_STYLE, ErrorLabel, line_edit, plain_text_edit


class CompleteDialog(QDialog):
    completed = Signal(int, object)  # the done activity's id, the next step's id (or None)

    def __init__(self, workspace: Workspace, activity_id: int, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("completeDialog")
        self.setStyleSheet(ERROR_STYLE)
        self.workspace = workspace
        self.activity_id = activity_id
        self._zone = workspace.clock.zone
        self.activity = workspace.activities.get(activity_id)
        a = self.activity
        contact = self._contact_name(a.contact_id)

        self.heading = QLabel(self)
        self.heading.setObjectName("completeHeading")
        font = QFont(self.heading.font())
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.heading.setFont(font)
        self.heading.setWordWrap(True)
        subject = a.subject or labels.kind_label(a.kind)
        self.heading.setText(self.tr("Done: %1").replace("%1", subject))
        self.about = QLabel(self)
        self.about.setObjectName("completeAbout")
        self.about.setWordWrap(True)
        due = labels.when_text(a.at, a.day, self._zone)
        self.about.setText(" · ".join(t for t in (labels.kind_label(a.kind), contact, due) if t))
        self.repeat_hint = QLabel(self)
        self.repeat_hint.setObjectName("repeatHint")
        self.repeat_hint.setWordWrap(True)
        self.repeat_hint.setEnabled(False)
        following = following_occurrence(a, self._zone) if not a.done else None
        if a.recurrence is not None:
            when = labels.when_text(following.at, following.day, self._zone) if following else ""
            text = (self.tr("%1. The next one, %2, is scheduled when this one is done.").replace("%2", when)
                    if following else self.tr("%1. This was the last one."))  # fmt: skip
            self.repeat_hint.setText(text.replace("%1", a.recurrence.describe()))
        self.repeat_hint.setVisible(a.recurrence is not None)

        self.outcome = QComboBox(self)
        self.outcome.setObjectName("completeOutcome")
        self.outcome.setEditable(True)
        self.outcome.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.outcome.addItems(["", *workspace.follow_up_preferences.outcomes])
        self.note = plain_text_edit("completeNote", self.tr("What happened (added to the details)"), lines=3)

        self.next_step = QCheckBox(self.tr("&Schedule the next step"), self)
        self.next_step.setObjectName("scheduleNextStep")
        self.next_box = QWidget(self)
        self.next_box.setObjectName("nextStepBox")
        self.next_kind = QComboBox(self.next_box)
        self.next_kind.setObjectName("nextKind")
        for kind in workspace.follow_up_preferences.kinds:
            self.next_kind.addItem(labels.kind_icon(kind), labels.kind_label(kind), kind)
        self.next_kind.setCurrentIndex(max(0, self.next_kind.findData(a.kind)))
        self.next_kind_row = ErrorRow("nextKindRow", self.next_kind, stretch_last=False)
        self.next_subject = line_edit("nextSubject", self.tr("What to do next"))
        self.next_editor = FollowUpEditor(self._zone, with_repeat=False, parent=self.next_box)
        self.next_editor.load(Activity(a.contact_id, a.kind, done=False,
                                       at=default_due(workspace.clock.now(), self._zone),
                                       alarm_lead=a.alarm_lead, priority=a.priority))  # fmt: skip
        next_form = QFormLayout(self.next_box)
        next_form.setContentsMargins(18, 0, 0, 0)
        next_form.addRow(self.tr("Type:"), self.next_kind_row)
        next_form.addRow(self.tr("Subject:"), self.next_subject)
        next_form.addRow(self.next_editor)
        self.next_box.setVisible(False)
        self.next_step.toggled.connect(self._show_next_step)

        self.status = ErrorLabel("completeStatus")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel,
                                        self)  # fmt: skip
        self.done_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.done_button.setText(self.tr("&Done"))
        self.done_button.setObjectName("completeDone")
        self.buttons.accepted.connect(self.complete)
        self.buttons.rejected.connect(self.reject)

        form = QFormLayout()
        form.addRow(self.tr("&Outcome:"), self.outcome)
        form.addRow(self.tr("&Note:"), self.note)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.about)
        layout.addWidget(self.repeat_hint)
        layout.addLayout(form)
        layout.addWidget(self.next_step)
        layout.addWidget(self.next_box)
        layout.addStretch(1)
        layout.addWidget(self.status)
        layout.addWidget(self.buttons)
        self.setWindowTitle(self.tr("Complete follow-up"))
        self.outcome.setFocus(Qt.FocusReason.OtherFocusReason)
        self.setMinimumWidth(520)

    def next_activity(self) -> tuple[Activity | None, list[FieldError]]:
        """The next step as edited (None when not asked for), and its errors."""
        if not self.next_step.isChecked():
            return None, []
        step = Activity(self.activity.contact_id, self.next_kind.currentData() or "", self.next_subject.text(),
                        done=False)  # fmt: skip
        errors = self.next_editor.fill(step)
        return step, errors + validate_activity(step)

    def complete(self) -> bool:
        step, errors = self.next_activity()
        if errors:
            self._show_errors(errors)
            return False
        try:
            done, created = self.workspace.activities.complete(
                self.activity_id, self.outcome.currentText().strip(), self.note.toPlainText(), step)
        except ValidationError as exc:
            self._show_errors(exc.errors)
            return False
        except (StorageError, NotFoundError) as exc:
            self.status.show_message(self.tr("Not saved: %1").replace("%1", str(exc)))
            return False
        self.completed.emit(done.id, created.id if created is not None and step is not None else None)
        self.accept()
        return True

    def _show_errors(self, errors: list[FieldError]) -> None:
        self.next_kind_row.set_error("\n".join(e.message for e in errors if e.field == "kind") or None)
        self.next_editor.show_errors(errors)
        self.status.show_message(self.tr("Not saved: correct the fields marked in red."))

    def _show_next_step(self, shown: bool) -> None:
        self.next_box.setVisible(shown)
        if shown:
            self.next_subject.setFocus(Qt.FocusReason.OtherFocusReason)
        self.adjustSize()

    def _contact_name(self, contact_id: int | None) -> str:
        if contact_id is None:
            return ""
        try:
            return self.workspace.contacts.get(contact_id).display_name
        except NotFoundError:
            return ""


def open_complete_dialog(workspace: Workspace, activity_id: int, parent: QWidget | None) -> CompleteDialog | None:
    """Show the dialog without blocking (it deletes itself when closed); None if the item is gone."""
    try:
        dialog = CompleteDialog(workspace, activity_id, parent)
    except NotFoundError:
        return None
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog
