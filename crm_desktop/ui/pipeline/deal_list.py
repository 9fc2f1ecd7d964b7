"""The deal list: the pipeline's deals as rows, for those who prefer a table to the board.

Sorted by clicking a header (in SQL), narrowed by status and text here, or by any DealQuery from outside
(set_query: the board's filter bar can drive it). Refreshes when deals, activities, contacts or the
stages change; while hidden it only notes that it must, and asks again when shown.
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QByteArray, QModelIndex, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from crm_desktop.domain.deal import DealStatus
from crm_desktop.domain.deal_query import DealQuery
from crm_desktop.services.workspace import Workspace
from crm_desktop.ui.bidi_delegate import BidiItemDelegate
from crm_desktop.ui.change_bridge import ChangeBridge
from crm_desktop.ui.refresh_on_change import RefreshOnChange
from crm_desktop.ui.contacts.field_widgets import search_field
from crm_desktop.ui.contacts.table_view import empty_label
from crm_desktop.ui.id_table import IdRowsTable, lay_out_as_record_rows
from crm_desktop.ui.pipeline.deal_table_model import COLUMNS, Column, DealTableModel
from crm_desktop.ui.plural import counted

SEARCH_DELAY_MS = 200
REFRESHING_ENTITIES = frozenset({"deal", "activity", "contact", "settings"})
WIDTHS = {Column.TITLE: 220, Column.CONTACT: 180, Column.STAGE: 110, Column.VALUE: 130, Column.PROBABILITY: 80,
          Column.WEIGHTED: 130, Column.EXPECTED_CLOSE: 105, Column.STATUS: 110, Column.NEXT_STEP: 130,
          Column.LAST_ACTIVITY: 100}  # fmt: skip
ALL_STATUSES = "all"


class DealTable(IdRowsTable):
    """Whole rows, fixed row heights, each cell in its own text's direction; Enter opens the deal."""

    deal_activated = Signal(int)

    def __init__(self, model: DealTableModel, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("dealTable")
        self.setModel(model)
        self.setItemDelegate(BidiItemDelegate(self))
        lay_out_as_record_rows(self, QAbstractItemView.SelectionMode.SingleSelection)
        header = self.horizontalHeader()
        header.setSortIndicatorShown(True)
        header.setSectionsClickable(True)
        for section, column in enumerate(COLUMNS):
            header.resizeSection(section, WIDTHS[column])
        header.setSectionResizeMode(COLUMNS.index(Column.TITLE), QHeaderView.ResizeMode.Stretch)
        self.show_sort(model)
        # Set after the indicator, so showing it does not ask the model to sort (one query, not two).
        header.sortIndicatorChanged.connect(model.sort)
        self.doubleClicked.connect(self._activate)

    def deal_model(self) -> DealTableModel:
        return self.model()  # type: ignore[return-value]

    def show_sort(self, model: DealTableModel) -> None:
        order = Qt.SortOrder.DescendingOrder if model.query.descending else Qt.SortOrder.AscendingOrder
        header = self.horizontalHeader()
        blocked = header.blockSignals(True)
        header.setSortIndicator(model.sort_column(), order)
        header.blockSignals(blocked)
        header.viewport().update()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.current_id() is not None:
            self.deal_activated.emit(self.current_id())
            return
        super().keyPressEvent(event)

    def _activate(self, index: QModelIndex) -> None:
        deal_id = self.deal_model().id_at(index.row())
        if deal_id is not None:
            self.deal_activated.emit(deal_id)


class DealListView(QWidget):
    deal_activated = Signal(int)  # double-click or Enter: the lead opens the deal form
    status_changed = Signal(str)  # "1,204 deals"

    def __init__(self, workspace: Workspace, bridge: ChangeBridge, parent: QWidget | None = None,
                 lazy: bool = False):  # fmt: skip
        """lazy: read nothing until first shown (a page of the Pipeline section that starts on the board)."""
        super().__init__(parent)
        self.setObjectName("dealListView")
        self.workspace = workspace

        self.search = search_field("dealSearch", self.tr("Search titles, contacts, companies, tags and notes"), self)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SEARCH_DELAY_MS)
        self._timer.timeout.connect(self.apply_filters)
        self.search.textChanged.connect(lambda *_: self._timer.start())
        self.search.returnPressed.connect(self.apply_filters)
        self.status = QComboBox(self)
        self.status.setObjectName("dealStatusFilter")
        for text, value in ((self.tr("Open"), DealStatus.OPEN.value), (self.tr("Won"), DealStatus.WON.value),
                            (self.tr("Lost"), DealStatus.LOST.value), (self.tr("All"), ALL_STATUSES)):  # fmt: skip
            self.status.addItem(text, value)
        self.status.currentIndexChanged.connect(self.apply_filters)

        self.model = DealTableModel(workspace.pipeline.rows, lambda: workspace.pipeline.stages,
                                    workspace.clock.zone, DealQuery(), self, paused=lazy)  # fmt: skip
        self.table = DealTable(self.model, self)
        self.table.deal_activated.connect(self.deal_activated)
        self.model.modelAboutToBeReset.connect(self._remember_selection)
        self.model.modelReset.connect(self._after_reset)
        self.model.query_changed.connect(self._show_query)
        self._kept: int | None = None
        self.empty = empty_label("dealsEmpty", self)
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.table)
        self.stack.addWidget(self.empty)

        self.bar = QHBoxLayout()
        self.bar.addWidget(self.search, 1)
        self.bar.addWidget(self.status)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(self.bar)
        layout.addWidget(self.stack, 1)
        self._changes = RefreshOnChange(self, self.refresh, REFRESHING_ENTITIES, bridge)
        self._after_reset()

    def use_outside_search(self) -> None:
        """Another text box drives this list (the Pipeline section's filter bar): hide this one."""
        self.search.hide()
        self.bar.insertStretch(0, 1)

    # ---- the query -------------------------------------------------------------------------------

    @property
    def query(self) -> DealQuery:
        return self.model.query

    def set_query(self, query: DealQuery) -> None:
        """Show the deals of this query (its filters and its sort); the status and text boxes follow it."""
        self._timer.stop()
        self.model.set_query(query)
        self._show_query(query)

    def apply_filters(self) -> None:
        self._timer.stop()
        chosen = self.status.currentData()
        status = None if chosen == ALL_STATUSES else DealStatus(chosen)
        self.model.set_query(replace(self.model.query, status=status, text=self.search.text().strip()))

    def refresh(self) -> None:
        self._changes.done()
        self.model.refresh()

    def _show_query(self, query: DealQuery) -> None:
        index = self.status.findData(ALL_STATUSES if query.status is None else query.status.value)
        blocked = self.status.blockSignals(True)
        self.status.setCurrentIndex(index)
        self.status.blockSignals(blocked)
        if query.text != self.search.text().strip():
            blocked = self.search.blockSignals(True)
            self.search.setText(query.text)
            self.search.blockSignals(blocked)
        self.table.show_sort(self.model)

    def showEvent(self, event) -> None:
        self.model.resume()
        self._changes.shown()
        super().showEvent(event)

    # ---- state ---------------------------------------------------------------------------------------

    def _remember_selection(self) -> None:
        self._kept = self.table.current_id()

    def _after_reset(self) -> None:
        self.table.select_id(self._kept)
        rows = self.model.rowCount()
        if rows:
            self.stack.setCurrentWidget(self.table)
        else:
            query = self.model.query
            only_open = replace(query, sort=DealQuery().sort, descending=False) == DealQuery()
            if not self.workspace.pipeline.has_deals():
                self.empty.setText(self.tr("No deals yet. Open a contact and add a deal to start your pipeline."))
            elif only_open:
                self.empty.setText(self.tr("No open deals. Choose Won, Lost or All to see the closed ones."))
            else:
                self.empty.setText(self.tr("No deal matches these filters."))
            self.stack.setCurrentWidget(self.empty)
        self.status_changed.emit(self.status_text())

    def status_text(self) -> str:
        return counted("DealListView", "%n deal", "%n deals", self.model.rowCount())

    def current_id(self) -> int | None:
        return self.table.current_id()

    # ---- section manners ---------------------------------------------------------------------------

    def save_state(self, settings: QSettings) -> None:
        settings.setValue("deals/header", self.table.horizontalHeader().saveState())

    def restore_state(self, settings: QSettings) -> None:
        state = settings.value("deals/header")
        if isinstance(state, QByteArray):
            header = self.table.horizontalHeader()
            blocked = header.blockSignals(True)
            header.restoreState(state)
            header.blockSignals(blocked)
            self.table.show_sort(self.model)
