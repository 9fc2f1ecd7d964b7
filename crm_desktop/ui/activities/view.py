"""The Activities section: every activity, newest first, lazy over millions, narrowed by the filter bar."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QModelIndex, QSettings, Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QMenu, QPushButton, QStackedWidget, QVBoxLayout, QWidget

from crm_desktop.domain.activity_query import ActivityQuery
from crm_desktop.services.changes import Change, ChangeKind
from crm_desktop.services.workspace import Workspace
from crm_desktop.ui.activities import dialog
from crm_desktop.ui.activities.complete_dialog import open_complete_dialog
from crm_desktop.ui.activities.filters import ActivityFilters
from crm_desktop.ui.activities.model import CONTACT_ROLE, OPEN_ROLE, VIEW_COLUMNS, ActivityTableModel
from crm_desktop.ui.activities.table import ActivityTable, KeepSelection
from crm_desktop.ui.change_bridge import ChangeBridge
from crm_desktop.ui.contacts.table_view import empty_label
from crm_desktop.ui.plural import counted
from crm_desktop.ui.resources import icon


class ActivitiesView(QWidget):
    status_changed = Signal(str)
    contact_requested = Signal(int)  # "Go to contact": the main window shows that card

    def __init__(self, workspace: Workspace, bridge: ChangeBridge, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("activitiesView")
        self.workspace = workspace
        self.filters = ActivityFilters(workspace, self)
        self._query = self.filters.query()
        self.model = ActivityTableModel(workspace.activities, workspace.clock, self._ids, VIEW_COLUMNS, self)
        self.table = ActivityTable(self.model, "activityTable", self)
        self._keeper = KeepSelection(self.table)
        self.table.doubleClicked.connect(self._open_index)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._context_menu)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.empty = empty_label("activitiesEmpty", self)
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.table)
        self.stack.addWidget(self.empty)

        self.open_button = self._button("activityOpen", self.tr("&Open"), "", self.open_selected)
        self.done_button = self._button("activityDone", self.tr("&Done..."), "activity-task", self.complete_selected)
        self.contact_button = self._button("goToContact", self.tr("&Go to Contact"), "person", self.go_to_contact)
        buttons = QHBoxLayout()
        buttons.addWidget(self.open_button)
        buttons.addWidget(self.done_button)
        buttons.addWidget(self.contact_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.filters)
        layout.addLayout(buttons)
        layout.addWidget(self.stack, 1)

        self.filters.changed.connect(self.apply_filters)
        self.model.modelReset.connect(self._update_state)
        self.model.length_settled.connect(self._update_state)
        bridge.changed.connect(self._on_change)
        self._update_state()

    def _button(self, name: str, text: str, icon_name: str, slot) -> QPushButton:
        button = QPushButton(icon(icon_name), text, self)
        button.setObjectName(name)
        button.clicked.connect(slot)
        return button

    # ---- the query ----------------------------------------------------------------------------

    @property
    def query(self) -> ActivityQuery:
        return self._query

    def apply_filters(self) -> None:
        query = self.filters.query()
        if query != self._query:
            self._query = query
            self.model.refresh()

    def _ids(self):
        return self.workspace.activities.search_ids(self._query)

    def _on_change(self, change: Change) -> None:
        if change.entity == "activity":
            self.model.refresh()
        elif change.entity == "contact":
            if change.kind in (ChangeKind.TRASHED, ChangeKind.RESTORED, ChangeKind.PURGED, ChangeKind.IMPORTED):
                self.model.refresh()  # a trashed contact's activities leave the list with it
            else:
                self.model.reload_rows()  # a renamed contact: same rows, new names

    def _update_state(self) -> None:
        rows = self.model.rowCount()
        if rows:
            self.stack.setCurrentWidget(self.table)
        else:
            filtered = self._query != ActivityQuery()
            self.empty.setText(self.tr("No activities match these filters") if filtered else
                               self.tr("No activities yet. Select a contact and press Ctrl+L to log a call."))
            self.stack.setCurrentWidget(self.empty)
        self._update_buttons()
        self.status_changed.emit(self.status_text())

    def _update_buttons(self, *_args) -> None:
        selected = self.table.current_id() is not None
        self.open_button.setEnabled(selected)
        self.contact_button.setEnabled(selected)
        self.done_button.setEnabled(selected and bool(self.table.selectionModel().currentIndex().data(OPEN_ROLE)))

    def status_text(self) -> str:
        rows = self.model.rowCount()
        text = counted("ActivitiesView", "%n activity", "%n activities", rows)
        return self.tr("%1 or more").replace("%1", text) if self.model.length_is_provisional() else text

    # ---- actions ----------------------------------------------------------------------------------

    def open_selected(self) -> None:
        activity_id = self.table.current_id()
        if activity_id is not None:
            dialog.edit_existing(self.workspace, activity_id, self.window())

    def complete_selected(self) -> None:
        activity_id = self.table.current_id()
        if activity_id is not None and self.table.selectionModel().currentIndex().data(OPEN_ROLE):
            open_complete_dialog(self.workspace, activity_id, self.window())

    def go_to_contact(self) -> None:
        index = self.table.selectionModel().currentIndex()
        contact_id = index.data(CONTACT_ROLE) if index.isValid() else None
        if contact_id is not None:
            self.contact_requested.emit(contact_id)

    def _open_index(self, index: QModelIndex) -> None:
        activity_id = self.model.id_at(index.row())
        if activity_id is not None:
            dialog.edit_existing(self.workspace, activity_id, self.window())

    def _context_menu(self, position) -> None:
        index = self.table.indexAt(position)
        if not index.isValid():
            return
        menu = QMenu(self)
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        menu.addAction(self.tr("&Open"), self.open_selected)
        done = menu.addAction(self.tr("&Done..."), self.complete_selected)
        done.setEnabled(bool(index.data(OPEN_ROLE)))
        menu.addAction(self.tr("&Go to Contact"), self.go_to_contact)
        menu.popup(self.table.viewport().mapToGlobal(position))

    # ---- section manners ---------------------------------------------------------------------------

    def stop(self) -> None:
        self.filters.stop()
        self.model.stop()

    def save_state(self, settings: QSettings) -> None:
        settings.setValue("activities/header", self.table.horizontalHeader().saveState())

    def restore_state(self, settings: QSettings) -> None:
        state = settings.value("activities/header")
        if isinstance(state, QByteArray):
            self.table.horizontalHeader().restoreState(state)
