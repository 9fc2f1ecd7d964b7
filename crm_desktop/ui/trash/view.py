"""The Trash section: deleted cards, newest deletion first, with Restore, Delete forever and Empty Trash."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QSettings, Signal
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QHBoxLayout, QMessageBox, QPushButton, QStackedWidget, QVBoxLayout, QWidget

from crm_desktop.domain.contact_query import ContactQuery
from crm_desktop.services.workspace import Workspace
from crm_desktop.ui.change_bridge import ChangeBridge
from crm_desktop.ui.contacts.table_view import ContactTable, SelectionKeeper, empty_label
from crm_desktop.ui.contacts.table_model import ATTEMPT_COLUMN, CONTACTED_COLUMN, ContactTableModel
from crm_desktop.ui.plural import counted
from crm_desktop.ui.resources import icon
from crm_desktop.ui.trash.commands import RestoreContactsCommand


def confirm(parent: QWidget, title: str, text: str) -> bool:
    """Ask before something that cannot be undone (tests patch this one function)."""
    answer = QMessageBox.warning(
        parent, title, text,
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel, QMessageBox.StandardButton.Cancel,
    )  # fmt: skip
    return answer == QMessageBox.StandardButton.Yes


class TrashView(QWidget):
    status_changed = Signal(str)

    def __init__(self, workspace: Workspace, bridge: ChangeBridge, undo_stack: QUndoStack,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("trashView")
        self._contacts = workspace.contacts
        self._undo_stack = undo_stack
        self.model = ContactTableModel(self._contacts, ContactQuery(trashed=True), self)
        self.table = ContactTable(self.model, "trashTable", self, hidden=(CONTACTED_COLUMN, ATTEMPT_COLUMN))
        self._keeper = SelectionKeeper(self.table)
        self.empty_state = empty_label("trashEmptyState", self)
        self.empty_state.setText(self.tr("The Trash is empty"))
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.table)
        self.stack.addWidget(self.empty_state)

        self.restore_button = self._button("restoreButton", self.tr("&Restore"), "restore", self.restore_selected)
        self.purge_button = self._button("purgeButton", self.tr("Delete &Forever"), "delete", self.purge_selected)
        self.empty_button = self._button("emptyTrashButton", self.tr("&Empty Trash"), "trash", self.empty_trash)
        buttons = QHBoxLayout()
        buttons.addWidget(self.restore_button)
        buttons.addWidget(self.purge_button)
        buttons.addStretch(1)
        buttons.addWidget(self.empty_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(buttons)
        layout.addWidget(self.stack, 1)

        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.model.modelReset.connect(self._update_state)
        bridge.changed.connect(self._on_change)
        self._update_state()

    def _button(self, name: str, text: str, icon_name: str, slot) -> QPushButton:
        button = QPushButton(icon(icon_name), text, self)
        button.setObjectName(name)
        button.clicked.connect(slot)
        return button

    def _on_change(self, change) -> None:
        self.model.forget_made_rows()
        if change.entity == "contact":
            self.model.refresh()

    def _update_state(self) -> None:
        has_rows = self.model.rowCount() > 0
        self.stack.setCurrentWidget(self.table if has_rows else self.empty_state)
        self.empty_button.setEnabled(has_rows)
        self._update_buttons()
        self.status_changed.emit(self.status_text())

    def _update_buttons(self, *_args) -> None:
        selected = bool(self.table.selectionModel().hasSelection())
        self.restore_button.setEnabled(selected)
        self.purge_button.setEnabled(selected)

    def status_text(self) -> str:
        return counted("TrashView", "%n contact in the Trash", "%n contacts in the Trash", self.model.rowCount())

    def selected_ids(self) -> list[int]:
        return self.table.selected_ids()

    def restore_selected(self) -> None:
        ids = self.selected_ids()
        if ids:
            self._undo_stack.push(RestoreContactsCommand(self._contacts, ids))

    def purge_selected(self) -> None:
        ids = self.selected_ids()
        if ids and confirm(self, self.tr("Delete forever"),
                           counted("TrashView", "Delete %n contact forever? This cannot be undone.",
                                   "Delete %n contacts forever? This cannot be undone.", len(ids))):
            self._contacts.purge(ids)

    def empty_trash(self) -> None:
        count = self.model.rowCount()
        if count and confirm(self, self.tr("Empty Trash"),
                             counted("TrashView", "Delete the %n contact in the Trash forever? This cannot be undone.",
                                     "Delete all %n contacts in the Trash forever? This cannot be undone.", count)):
            self._contacts.empty_trash()

    def stop(self) -> None:
        """No more queries: the window is closing and the database goes with it."""
        self.model.stop()

    def save_state(self, settings: QSettings) -> None:
        settings.setValue("trash/header", self.table.horizontalHeader().saveState())

    def restore_state(self, settings: QSettings) -> None:
        state = settings.value("trash/header")
        if isinstance(state, QByteArray) and self.table.horizontalHeader().restoreState(state):
            self.table.columns_fitted = True  # the user's own widths
