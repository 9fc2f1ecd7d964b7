"""The main window: it only arranges things (sidebar, the section views, menus, status bar, saved state)."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QSettings, QSize, Qt
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QUndoStack
from PySide6.QtWidgets import QApplication
from PySide6.QtWidgets import QLabel, QListWidget, QListWidgetItem, QMainWindow, QSplitter, QStackedWidget, QWidget

from crm_desktop.domain.contact import ContactKind
from crm_desktop.services.workspace import Workspace
from crm_desktop.ui import about
from crm_desktop.ui.activities.menu import ActivityMenu
from crm_desktop.ui.activities.view import ActivitiesView
from crm_desktop.ui.change_bridge import ChangeBridge
from crm_desktop.ui.contacts.list_view import ContactListView
from crm_desktop.ui.pipeline.deal_dialog import open_deal
from crm_desktop.ui.pipeline.section import PipelineSection
from crm_desktop.ui.plural import counted
from crm_desktop.ui.preferences import PreferencesDialog
from crm_desktop.ui.reports.menu import ReportsMenu
from crm_desktop.ui.reports.progress_dialog import stop_jobs
from crm_desktop.ui.resources import app_icon, icon
from crm_desktop.ui.today.page import TodayPage
from crm_desktop.ui.trash.commands import TrashContactsCommand
from crm_desktop.ui.trash.view import TrashView


class MainWindow(QMainWindow):
    def __init__(self, workspace: Workspace, settings: QSettings | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("mainWindow")
        self.setWindowTitle(workspace.path.name)  # Qt appends the application display name
        self.setWindowIcon(app_icon())
        self.workspace = workspace
        self.settings = settings if settings is not None else QSettings()
        self.bridge = ChangeBridge(workspace.changes, self)
        self.undo_stack = QUndoStack(self)
        self.quitting = False  # set by quit_for_real: the tray (ui/reminders) then lets the close through

        self.contacts_view = ContactListView(workspace, self.bridge, self)
        self.trash_view = TrashView(workspace, self.bridge, self.undo_stack, self)
        self.activities_view = ActivitiesView(workspace, self.bridge, self)
        self.activities_view.contact_requested.connect(self.open_contact)
        self.today_view = TodayPage(workspace, self.bridge, self)
        self.today_view.contact_requested.connect(self.open_contact)
        self.pipeline_view = PipelineSection(workspace, self.bridge, self.undo_stack, self)
        self.pipeline_view.deal_activated.connect(self.open_deal)
        self.pipeline_view.new_deal_requested.connect(self.new_deal)
        self.pipeline_view.notice.connect(lambda text: self.statusBar().showMessage(text, 5000))
        self.sections: list[tuple[str, str, QWidget]] = [
            (self.tr("Today"), "today", self.today_view),  # the start page
            (self.tr("Contacts"), "contacts", self.contacts_view),
            (self.tr("Activities"), "activities", self.activities_view),
            (self.tr("Pipeline"), "pipeline", self.pipeline_view),
            (self.tr("Trash"), "trash", self.trash_view),
        ]
        self.stack = QStackedWidget(self)
        self.sidebar = QListWidget(self)
        self.sidebar.setObjectName("sidebar")
        self.sidebar.setIconSize(QSize(20, 20))
        for title, icon_name, view in self.sections:
            QListWidgetItem(icon(icon_name), title, self.sidebar)
            self.stack.addWidget(view)
        self.sidebar.setMinimumWidth(120)
        self.sidebar.currentRowChanged.connect(self._show_section)

        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setObjectName("mainSplitter")
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(self.sidebar)
        self.splitter.addWidget(self.stack)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([150, 1250])
        self.setCentralWidget(self.splitter)

        self.status_label = QLabel(self)
        self.status_label.setObjectName("statusCount")
        self.statusBar().addPermanentWidget(self.status_label)
        for _title, _icon, view in self.sections:
            view.status_changed.connect(lambda text, v=view: self._show_status(v, text))

        self._build_menus()
        # Actions that need a selection are enabled only while the shown table has one. A model reset
        # clears the selection without a selectionChanged, hence the second signal.
        for view in (self.contacts_view, self.trash_view):
            view.table.selectionModel().selectionChanged.connect(self._update_selection_actions)
            view.model.modelReset.connect(self._update_selection_actions)
        self.sidebar.setCurrentRow(0)
        self.resize(1400, 860)
        self.restore_state()

    # ---- menus ------------------------------------------------------------------------------------

    def _action(self, text: str, shortcut, slot, icon_name: str = "", name: str = "") -> QAction:
        action = QAction(icon(icon_name), text, self)
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
        if name:
            action.setObjectName(name)
        action.triggered.connect(slot)
        return action

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu(self.tr("&File"))
        self.new_person_action = self._action(self.tr("New &Person"), "Ctrl+N",
                                              lambda: self.new_contact(ContactKind.PERSON), "add-person", "newPerson")
        self.new_company_action = self._action(self.tr("New &Company"), "Ctrl+Shift+N",
                                               lambda: self.new_contact(ContactKind.COMPANY), "add-company",
                                               "newCompany")
        self.new_deal_action = self._action(self.tr("New &Deal..."), "Ctrl+Shift+D", lambda: self.new_deal(),
                                            name="newDeal")
        file_menu.addActions([self.new_person_action, self.new_company_action, self.new_deal_action])
        file_menu.addSeparator()
        self.labels_action = self._action(self.tr("&Labels..."), "Ctrl+P", self.show_labels, name="labels")
        file_menu.addAction(self.labels_action)
        file_menu.addSeparator()
        quit_action = self._action(self.tr("&Quit"), "Ctrl+Q", self.quit_for_real, name="quit")
        quit_action.setMenuRole(QAction.MenuRole.QuitRole)
        file_menu.addAction(quit_action)

        edit_menu = bar.addMenu(self.tr("&Edit"))
        self.undo_action = self.undo_stack.createUndoAction(self, self.tr("&Undo"))
        self.undo_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Undo))
        self.undo_action.setObjectName("undo")
        self.redo_action = self.undo_stack.createRedoAction(self, self.tr("&Redo"))
        self.redo_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Redo))
        edit_menu.addActions([self.undo_action, self.redo_action])
        edit_menu.addSeparator()
        self.find_action = self._action(self.tr("&Find"), "Ctrl+F", self.find, "search", "find")
        self.delete_action = self._action(self.tr("&Delete"), QKeySequence.StandardKey.Delete,
                                          self.delete_selected, "delete", "delete")
        # The Delete key deletes cards only from a table with the focus, never from a combo or a field.
        self.delete_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        for table in (self.contacts_view.table, self.trash_view.table):
            table.addAction(self.delete_action)
        edit_menu.addActions([self.find_action, self.delete_action])
        edit_menu.addSeparator()
        preferences = self._action(self.tr("Pre&ferences..."), QKeySequence.StandardKey.Preferences,
                                   self.show_preferences, name="preferences")
        preferences.setMenuRole(QAction.MenuRole.PreferencesRole)
        edit_menu.addAction(preferences)

        self.activity_menu = ActivityMenu(self.workspace, self.contacts_view, bar.addMenu(self.tr("&Activity")), self)

        view_menu = bar.addMenu(self.tr("&View"))
        for row, (title, icon_name, _view) in enumerate(self.sections):
            view_menu.addAction(self._action(title, f"Ctrl+{row + 1}",
                                             lambda _checked=False, r=row: self.sidebar.setCurrentRow(r), icon_name))

        self.reports_menu = ReportsMenu(self.workspace, bar.addMenu(self.tr("&Reports")),
                                        self.contacts_view.selected_ids, self)

        help_menu = bar.addMenu(self.tr("&Help"))
        about_action = self._action(self.tr("&About crm-desktop"), None,
                                    lambda: about.show_about(self, self.workspace.path), name="about")
        about_action.setMenuRole(QAction.MenuRole.AboutRole)
        help_menu.addAction(about_action)

    # ---- what the menus do --------------------------------------------------------------------------

    def _show_section(self, row: int) -> None:
        if row < 0:
            return
        view = self.sections[row][2]
        self.stack.setCurrentWidget(view)
        self.status_label.setText(view.status_text())
        self._update_selection_actions()

    def _update_selection_actions(self, *_args) -> None:
        view = self.stack.currentWidget()
        table = view.table if view in (self.contacts_view, self.trash_view) else None
        # The pipeline has a card or a row chosen or not; delete_selected then tells.
        self.delete_action.setEnabled(view is self.pipeline_view or (table is not None
                                                                     and table.selectionModel().hasSelection()))

    def _show_status(self, view: QWidget, text: str) -> None:
        if self.stack.currentWidget() is view:
            self.status_label.setText(text)

    def show_contacts(self) -> None:
        self.show_section(self.contacts_view)

    def show_section(self, view: QWidget) -> None:
        self.sidebar.setCurrentRow([v for _t, _i, v in self.sections].index(view))

    def open_contact(self, contact_id: int) -> None:
        """Show a contact's card in the contact list (from the Today page or an activity)."""
        self.show_contacts()
        self.contacts_view.reveal(contact_id)

    def new_contact(self, kind: ContactKind) -> None:
        self.show_contacts()
        self.contacts_view.new_contact(kind)

    def new_deal(self, stage: str = "") -> None:
        """A new deal; with the one contact selected in Contacts filled in, in `stage` if given."""
        ids = self.contacts_view.selected_ids() if self.stack.currentWidget() is self.contacts_view else []
        contact = self.workspace.contacts.get(ids[0]) if len(ids) == 1 else None
        deal = self.workspace.pipeline.new_deal(contact)
        if stage:
            deal.stage = stage
        open_deal(self.workspace, self.bridge, deal, self)

    def open_deal(self, deal_id: int) -> None:
        open_deal(self.workspace, self.bridge, deal_id, self)

    def show_labels(self):
        """The Labels dialog, for the contact list's current search and filters (or its selection)."""
        from crm_desktop.ui.labels.dialog import LabelsDialog  # reportlab and the address data load on first use

        dialog = LabelsDialog(self.workspace, self.contacts_view.current_query(), self.contacts_view.selected_ids(),
                              self)  # fmt: skip
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def find(self) -> None:
        self.show_contacts()
        self.contacts_view.focus_search()

    def quit_for_real(self) -> None:
        """File > Quit (and the tray's Quit): close even when the tray would keep the program running."""
        self.quitting = True
        if self.close():
            QApplication.quit()
        else:
            self.quitting = False  # the user stayed on unsaved edits

    def show_preferences(self) -> None:
        dialog = PreferencesDialog(self.workspace, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()

    def delete_selected(self) -> None:
        """Delete in the contact list moves to the Trash (undoable); in the Trash it deletes forever."""
        if self.stack.currentWidget() is self.trash_view:
            self.trash_view.purge_selected()
            return
        if self.stack.currentWidget() is self.pipeline_view:
            self.pipeline_view.delete_selected()
            return
        ids = self.contacts_view.selected_ids()
        card = self.contacts_view.card
        if card.current_id() in ids and not card.confirm_leave():
            return  # the user stays on the unsaved edits of a card about to go: nothing is deleted
        if ids:
            self.undo_stack.push(TrashContactsCommand(self.workspace.contacts, ids))
            self.statusBar().showMessage(counted("MainWindow", "Moved %n contact to the Trash (Ctrl+Z undoes)",
                                                 "Moved %n contacts to the Trash (Ctrl+Z undoes)", len(ids)),
                                         5000)

    # ---- remembered state ---------------------------------------------------------------------------

    def restore_state(self) -> None:
        s = self.settings
        for key, restore in (("window/geometry", self.restoreGeometry), ("window/state", self.restoreState),
                             ("window/splitter", self.splitter.restoreState)):
            value = s.value(key)
            if isinstance(value, QByteArray):
                restore(value)
        self.contacts_view.restore_state(s)
        self.trash_view.restore_state(s)
        self.activities_view.restore_state(s)
        self.today_view.restore_state(s)
        self.pipeline_view.restore_state(s)

    def save_state(self) -> None:
        s = self.settings
        s.setValue("window/geometry", self.saveGeometry())
        s.setValue("window/state", self.saveState())
        s.setValue("window/splitter", self.splitter.saveState())
        self.contacts_view.save_state(s)
        self.trash_view.save_state(s)
        self.activities_view.save_state(s)
        self.today_view.save_state(s)
        self.pipeline_view.save_state(s)
        s.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        # Unsaved edits on the card: save, discard, or stay (the window then stays open).
        if not self.contacts_view.card.confirm_leave():
            event.ignore()
            return
        self.save_state()
        self.contacts_view.stop()
        self.trash_view.stop()
        self.activities_view.stop()
        self.contacts_view.card.timeline.stop()
        self.today_view.stop()
        self.pipeline_view.stop()
        stop_jobs(self)
        self.bridge.detach()
        super().closeEvent(event)
