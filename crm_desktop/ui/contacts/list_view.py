"""The Contacts section: search box, filters, A-Z index and the lazy table, with the card beside them."""

from __future__ import annotations

import time

from PySide6.QtCore import QByteArray, QSettings, Qt, QTimer, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSplitter, QStackedWidget, QVBoxLayout, QWidget

from crm_desktop.domain.contact import ContactKind
from crm_desktop.domain.contact_query import ContactQuery, SortColumn
from crm_desktop.services.workspace import Workspace
from crm_desktop.ui.change_bridge import ChangeBridge
from crm_desktop.ui.contacts.az_index import AzIndex
from crm_desktop.ui.contacts.card import ContactCard
from crm_desktop.ui.contacts.filters import ContactFilters
from crm_desktop.ui.contacts.table_model import COLUMNS, NAME_COLUMN, ContactTableModel
from crm_desktop.ui.contacts.table_view import ContactTable, SelectionKeeper, empty_label
from crm_desktop.ui.plural import counted
from crm_desktop.ui.contacts.field_widgets import search_field

# A search that answers within a frame runs on the keystroke itself; a slower one (a 1-letter query over a
# huge file) waits this long for the next keystroke, so a fast typist does not queue up stale searches.
SEARCH_DELAY_MS = 120
FIRST_HIDDEN = tuple(i for i, c in enumerate(COLUMNS) if c.title in ("Relationship", "Stage", "Tags", "Last attempt", "Updated"))
FAST_SEARCH_S = 0.025
BUSY_CUE_MS = 500  # a search on the worker shows "Searching…" only once it has taken this long


class ContactListView(QWidget):
    """Search narrows the list as the user types; the card beside it shows and edits the selected card."""

    status_changed = Signal(str)

    def __init__(self, workspace: Workspace, bridge: ChangeBridge, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("contactList")
        self._contacts = workspace.contacts
        self._quiet = False  # True while the list follows the card rather than leading it

        self.search = search_field(
            "contactSearch", self.tr("Search names, companies, phones, emails, cities, tags, notes"), self
        )
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._last_search_s = 0.0
        self.search.textChanged.connect(self._on_search_edited)
        self._search_timer.timeout.connect(self.apply_filters)
        self.search.returnPressed.connect(self._search_now)

        self.filters = ContactFilters(self._contacts, self)
        self.filters.changed.connect(self.apply_filters)
        self.az_index = AzIndex(self)
        self.az_index.tab_clicked.connect(self.jump_to_tab)

        self.model = ContactTableModel(self._contacts, ContactQuery(), self, warmth=workspace.agenda.warmth_judge)
        # A slow query (every match sorted) runs on a worker: the list keeps its rows and typing goes on.
        self.busy = QLabel(self.tr("Searching…"), self)
        self.busy.setObjectName("searchBusy")
        self.busy.setEnabled(False)  # muted, like a hint
        self.busy.hide()
        self._busy_timer = QTimer(self)
        self._busy_timer.setSingleShot(True)
        self._busy_timer.setInterval(BUSY_CUE_MS)
        self._busy_timer.timeout.connect(lambda: self.busy.setVisible(self.model.searching()))
        self.model.searching_changed.connect(self._searching_changed)
        # Beside the card, the list starts with the columns that fit; the header's menu shows the others.
        self.table = ContactTable(self.model, "contactTable", self, hidden=FIRST_HIDDEN)
        header = self.table.horizontalHeader()
        header.setSortIndicator(NAME_COLUMN, Qt.SortOrder.AscendingOrder)
        self.table.setSortingEnabled(True)
        self._keeper = SelectionKeeper(self.table)
        self.table.selectionModel().selectionChanged.connect(self._show_selected)
        self.table.selectionModel().currentRowChanged.connect(self._current_moved)

        self.empty_state = empty_label("emptyState", self)
        self.no_contacts = empty_label("noContactsState", self)
        self.no_contacts.setText(self.tr("No contacts yet. Press Ctrl+N to add the first one."))
        self.list_stack = QStackedWidget(self)
        for page in (self.table, self.empty_state, self.no_contacts):
            self.list_stack.addWidget(page)

        self.card = ContactCard(workspace, self)
        self.card.contact_saved.connect(self.show_saved)
        # The user chose to stay on unsaved edits: the list goes back to the card still shown.
        self.card.contact_kept.connect(self._select_quietly)

        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setObjectName("contactSplitter")
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(self._list_panel())
        self.splitter.addWidget(self.card)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setSizes([760, 480])  # until the user's own sizes are restored
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.splitter)

        self.model.modelReset.connect(self._update_state)
        self.model.length_settled.connect(self._update_state)  # a long list was counted: the status says so
        bridge.changed.connect(self._on_change)
        self._update_state()

    def _list_panel(self) -> QWidget:
        panel = QWidget(self)
        top = QHBoxLayout()
        top.addWidget(self.search, 1)
        top.addWidget(self.busy)
        top.addWidget(self.filters)
        column = QVBoxLayout(panel)
        column.setContentsMargins(6, 6, 0, 0)
        column.addLayout(top)
        column.addWidget(self.az_index)
        column.addWidget(self.list_stack, 1)
        return panel

    # ---- the query ------------------------------------------------------------------------------

    def current_query(self) -> ContactQuery:
        sort = self.model.query
        return ContactQuery(
            text=self.search.text(),
            tag=self.filters.tag(),
            relationship=self.filters.relationship(),
            stage=self.filters.stage(),
            sort=sort.sort,
            descending=sort.descending,
        )

    def _on_search_edited(self, _text: str) -> None:
        if self._last_search_s < FAST_SEARCH_S and not self._search_timer.isActive():
            self.apply_filters()
        else:
            self._search_timer.start()

    def apply_filters(self) -> None:
        self._search_timer.stop()
        started = time.perf_counter()
        self.model.set_query(self.current_query())
        self._last_search_s = time.perf_counter() - started
        self._show_selected()  # the card follows when its contact no longer matches

    def _search_now(self) -> None:
        self.apply_filters()
        if self.model.rowCount() and not self.table.selectionModel().hasSelection():
            self.table.select_row(0)
        self.table.setFocus()

    def _searching_changed(self, searching: bool) -> None:
        if searching:
            if not self._busy_timer.isActive() and not self.busy.isVisible():
                self._busy_timer.start()
        else:
            self._busy_timer.stop()
            self.busy.hide()

    def _on_change(self, change) -> None:
        # Any change may change rows: a card, the care rules, or an activity (a call put in the Trash
        # changes "Last contacted" with no change of the card announced).
        self.model.forget_made_rows()
        if change.entity == "settings":  # the care rules may have changed: the rows' colours with them
            self.model.refresh()
            return
        if change.entity != "contact":
            return
        self.filters.tags_changed()
        self.model.refresh()

    def _update_state(self) -> None:
        rows = self.model.rowCount()
        if rows:
            self.list_stack.setCurrentWidget(self.table)
        elif not self._contacts.any():
            self.list_stack.setCurrentWidget(self.no_contacts)
        else:
            text = self.search.text().strip()
            if text:
                message = self.tr("No contacts match '{0}'").format(text)
            else:
                message = self.tr("No contacts match these filters")
            hint = self.tr("Check the spelling, search for part of a word, or clear the filters.")
            self.empty_state.setText(f"{message}\n\n{hint}")
            self.list_stack.setCurrentWidget(self.empty_state)
        self.status_changed.emit(self.status_text())

    def status_text(self) -> str:
        text = counted("ContactListView", "%n contact", "%n contacts", self.model.rowCount())
        return self.tr("%1 or more").replace("%1", text) if self.model.length_is_provisional() else text

    # ---- selection and the card -------------------------------------------------------------------

    def selected_ids(self) -> list[int]:
        return self.table.selected_ids()

    def _show_selected(self, *_args) -> None:
        if self._quiet:
            return
        shown = self.table.focused_id()
        if shown != self.card.current_id():
            self.card.show_contact(shown)

    def _current_moved(self, *_args) -> None:
        # Ctrl+arrows move the current row without selecting: with nothing selected the card stays put.
        if self.table.selectionModel().hasSelection():
            self._show_selected()

    def _select_quietly(self, contact_id: int | None) -> None:
        """Select a row without asking the card to show it (it shows that contact already)."""
        self._quiet = True
        try:
            if contact_id is None or not self.table.select_ids([contact_id], contact_id):
                self.table.clearSelection()
        finally:
            self._quiet = False

    def show_saved(self, contact_id: int) -> None:
        """After the card saved: select that card, widening the search if it is not listed."""
        self._quiet = True
        try:
            if self.model.row_of(contact_id) is None:
                self.clear_filters()
        finally:
            self._quiet = False
        self._select_quietly(contact_id)
        self.table.scrollTo(self.table.selectionModel().currentIndex())

    def reveal(self, contact_id: int) -> None:
        """Select a contact and show its card (asked from another page), widening the search if needed."""
        if self.model.row_of(contact_id) is None:
            self.clear_filters()
        if self.table.select_ids([contact_id], contact_id):
            self.table.scrollTo(self.table.selectionModel().currentIndex())
        self.table.setFocus()

    def clear_filters(self) -> None:
        self.search.blockSignals(True)
        self.search.clear()
        self.search.blockSignals(False)
        self.filters.clear()

    def new_contact(self, kind: ContactKind) -> None:
        self._select_quietly(None)
        self.card.new_contact(kind)

    def stop(self) -> None:
        """No more queries: the window is closing and the database goes with it."""
        self._search_timer.stop()
        self._busy_timer.stop()
        self.model.stop()

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    # ---- the A-Z index ----------------------------------------------------------------------------

    def jump_to_tab(self, tab: str) -> None:
        """Select the first card filed under the tab (in name order), or where it would be."""
        query = self.model.query
        if query.sort is not SortColumn.NAME or query.descending:
            self.table.horizontalHeader().setSortIndicator(NAME_COLUMN, Qt.SortOrder.AscendingOrder)
        rows = self.model.rowCount()
        if not rows:
            return
        position = self._contacts.tab_position(self.model.query, tab) or 0
        if position >= rows and self.model.length_is_provisional():
            self.model.count_now()  # the tab lies past the first rows: the list must reach it first
            rows = self.model.rowCount()
        self.table.select_row(min(position, rows - 1))
        self.table.setFocus()

    # ---- remembered state -------------------------------------------------------------------------

    def save_state(self, settings: QSettings) -> None:
        settings.setValue("contacts/splitter", self.splitter.saveState())
        settings.setValue("contacts/header", self.table.horizontalHeader().saveState())

    def restore_state(self, settings: QSettings) -> None:
        splitter = settings.value("contacts/splitter")
        if isinstance(splitter, QByteArray):
            self.splitter.restoreState(splitter)
        header_state = settings.value("contacts/header")
        header = self.table.horizontalHeader()
        if isinstance(header_state, QByteArray) and header.restoreState(header_state):
            self.table.columns_fitted = True  # the user's own widths
            self.model.sort(header.sortIndicatorSection(), header.sortIndicatorOrder())
