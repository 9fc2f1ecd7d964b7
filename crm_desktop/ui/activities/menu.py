"""The Activity menu: Log Call (Ctrl+L), Log Note, Schedule Follow-up, from any section, on the contact
selected in the contact list (disabled while none is)."""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QWidget

from crm_desktop.domain.activity import ActivityKind
from crm_desktop.services.workspace import Workspace
from crm_desktop.ui.activities import dialog
from crm_desktop.ui.contacts.list_view import ContactListView
from crm_desktop.ui.resources import icon


class ActivityMenu(QObject):
    def __init__(self, workspace: Workspace, contacts: ContactListView, menu: QMenu, window: QWidget):
        super().__init__(window)
        self.workspace = workspace
        self.contacts = contacts
        self.window = window
        self.log_call = self._action(self.tr("Log &Call..."), "Ctrl+L", "logCall", "activity-call",
                                     lambda: self.log(ActivityKind.CALL, True))
        self.log_note = self._action(self.tr("Log &Note..."), "Ctrl+Shift+L", "logNote", "activity-note",
                                     lambda: self.log(ActivityKind.NOTE, True))
        self.schedule = self._action(self.tr("Schedule &Follow-up..."), "Ctrl+Shift+F", "scheduleFollowUp",
                                     "activity-followup", lambda: self.log(ActivityKind.CALL, False))
        self.actions = (self.log_call, self.log_note, self.schedule)
        menu.addActions(list(self.actions))
        table = contacts.table
        table.selectionModel().selectionChanged.connect(self.update)
        table.model().modelReset.connect(self.update)
        self.update()

    def _action(self, text: str, shortcut: str, name: str, icon_name: str, slot) -> QAction:
        action = QAction(icon(icon_name), text, self.window)
        action.setObjectName(name)
        action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)
        self.window.addAction(action)  # the shortcut works in every section
        return action

    def selected_contact(self) -> int | None:
        return self.contacts.table.focused_id()

    def update(self, *_args) -> None:
        enabled = self.selected_contact() is not None
        for action in self.actions:
            action.setEnabled(enabled)

    def log(self, kind: str, done: bool) -> dialog.ActivityDialog | None:
        contact_id = self.selected_contact()
        if contact_id is None:
            return None
        return dialog.log_new(self.workspace, contact_id, kind, done, self.window)
