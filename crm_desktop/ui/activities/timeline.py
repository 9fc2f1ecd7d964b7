"""A contact's timeline on the card: every activity, scheduled and done together, newest first.

Lazy (the ids of one query and the summaries of the visible rows), so a contact with 10,000 activities
opens as fast as one with ten. Above it: when the contact was last reached, and the buttons that log,
schedule and complete.
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QMenu, QPushButton, QStackedWidget, QVBoxLayout, QWidget

from crm_desktop.domain.activity import ActivityKind
from crm_desktop.services.changes import Change
from crm_desktop.services.workspace import Workspace
from crm_desktop.ui.activities import dialog
from crm_desktop.ui.activities.complete_dialog import open_complete_dialog
from crm_desktop.ui.activities.model import OPEN_ROLE, TIMELINE_COLUMNS, ActivityTableModel
from crm_desktop.ui.activities.table import ActivityTable, KeepSelection
from crm_desktop.ui.change_bridge import ChangeBridge
from crm_desktop.ui.contacts.table_view import empty_label
from crm_desktop.ui.plural import counted
from crm_desktop.ui.resources import icon


class ActivityTimeline(QWidget):
    """show_contact(id) points it at a saved contact (None: nothing to show)."""

    activity_opened = Signal(int)  # for tests: a dialog was opened on this activity

    def __init__(self, workspace: Workspace, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("activityTimeline")
        self.workspace = workspace
        self._contact_id: int | None = None
        self.model = ActivityTableModel(workspace.activities, workspace.clock, self._ids, TIMELINE_COLUMNS, self)
        self.table = ActivityTable(self.model, "timelineTable", self, compact=True)
        self.table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)  # the subject gives way
        self._keeper = KeepSelection(self.table)
        self.table.doubleClicked.connect(self._open_index)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._context_menu)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.empty = empty_label("timelineEmpty", self)
        self.empty.setText(self.tr("No activities yet. Log a call with Ctrl+L."))
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.table)
        self.stack.addWidget(self.empty)

        self.title = QLabel(self.tr("<b>History and follow-ups</b>"), self)
        self.title.setObjectName("timelineTitle")
        self.last_contacted = QLabel(self)
        self.last_contacted.setObjectName("lastContacted")
        self.last_contacted.setEnabled(False)  # muted
        self.log_button = self._button("timelineLogCall", self.tr("Log Call"), "activity-call",
                                       lambda: self.log(ActivityKind.CALL, True))
        self.note_button = self._button("timelineLogNote", self.tr("Note"), "activity-note",
                                        lambda: self.log(ActivityKind.NOTE, True))
        self.schedule_button = self._button("timelineSchedule", self.tr("Follow-up"), "activity-followup",
                                            lambda: self.log(ActivityKind.CALL, False))
        self.done_button = self._button("timelineDone", self.tr("Done..."), "activity-task", self.complete_selected)
        self.done_button.setToolTip(self.tr("Complete the selected follow-up"))
        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.addWidget(self.title)
        top.addStretch(1)
        for button in (self.log_button, self.note_button, self.schedule_button, self.done_button):
            top.addWidget(button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.setSpacing(4)
        layout.addLayout(top)
        layout.addWidget(self.last_contacted)
        layout.addWidget(self.stack, 1)
        self.setMinimumHeight(self.table.verticalHeader().defaultSectionSize() * 5 + 80)  # a few rows at least

        self.bridge = ChangeBridge(workspace.changes, self)
        self.bridge.changed.connect(self._on_change)
        self.model.modelReset.connect(self._update_state)
        self.model.length_settled.connect(self._update_state)
        self._update_state()

    def _button(self, name: str, text: str, icon_name: str, slot) -> QPushButton:
        button = QPushButton(icon(icon_name), text, self)
        button.setObjectName(name)
        button.clicked.connect(slot)
        return button

    # ---- what others call --------------------------------------------------------------------------

    def contact_id(self) -> int | None:
        return self._contact_id

    def show_contact(self, contact_id: int | None) -> None:
        if contact_id == self._contact_id:
            return
        self._contact_id = contact_id
        self.model.refresh()

    def log(self, kind: str, done: bool) -> None:
        if self._contact_id is not None:
            dialog.log_new(self.workspace, self._contact_id, kind, done, self.window())

    def open_selected(self) -> None:
        activity_id = self.table.current_id()
        if activity_id is not None:
            self._open(activity_id)

    def complete_selected(self) -> None:
        index = self.table.selectionModel().currentIndex()
        activity_id = self.table.current_id()
        if activity_id is not None and index.data(OPEN_ROLE):
            open_complete_dialog(self.workspace, activity_id, self.window())
            self.activity_opened.emit(activity_id)

    def stop(self) -> None:
        self.model.stop()

    # ---- inside -------------------------------------------------------------------------------------

    def _ids(self):
        if self._contact_id is None:
            return []
        return self.workspace.activities.timeline_ids(self._contact_id)

    def _open(self, activity_id: int) -> None:
        dialog.edit_existing(self.workspace, activity_id, self.window())
        self.activity_opened.emit(activity_id)

    def _open_index(self, index: QModelIndex) -> None:
        activity_id = self.model.id_at(index.row())
        if activity_id is not None:
            self._open(activity_id)

    def _context_menu(self, position) -> None:
        index = self.table.indexAt(position)
        if not index.isValid():
            return
        menu = QMenu(self)
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        menu.addAction(self.tr("&Open"), self.open_selected)
        done = menu.addAction(self.tr("&Done..."), self.complete_selected)
        done.setEnabled(bool(index.data(OPEN_ROLE)))
        menu.popup(self.table.viewport().mapToGlobal(position))

    def _on_change(self, change: Change) -> None:
        if self._contact_id is None:
            return
        if change.entity == "activity":
            self.model.refresh()
        elif change.entity == "contact" and self._contact_id in change.ids:
            self._show_dates()

    def _update_state(self) -> None:
        has_contact = self._contact_id is not None
        for button in (self.log_button, self.note_button, self.schedule_button):
            button.setEnabled(has_contact)
        rows = self.model.rowCount()
        self.stack.setCurrentWidget(self.table if rows else self.empty)
        self.empty.setText(self.tr("No activities yet. Log a call with Ctrl+L.") if has_contact
                           else self.tr("Save the card to log calls and follow-ups."))  # fmt: skip
        self.title.setText("<b>%s</b>" % (
            counted("ActivityTimeline", "%n activity", "%n activities", rows) if rows else self.tr("Activities")))
        self._show_dates()
        self._update_buttons()

    def _update_buttons(self, *_args) -> None:
        index = self.table.selectionModel().currentIndex()
        self.done_button.setEnabled(self.table.current_id() is not None and bool(index.data(OPEN_ROLE)))

    def _show_dates(self) -> None:
        if self._contact_id is None:
            self.last_contacted.clear()
            return
        reached, attempted = self.workspace.activities.contact_dates(self._contact_id)
        text = self.tr("Last contacted: %1").replace("%1", self._date(reached) or self.tr("never"))
        if attempted is not None and attempted != reached:
            text += "  ·  " + self.tr("last attempt: %1").replace("%1", self._date(attempted))
        self.last_contacted.setText(text)

    def _date(self, moment: datetime | None) -> str:
        return moment.astimezone(self.workspace.clock.zone).strftime("%Y-%m-%d") if moment else ""
