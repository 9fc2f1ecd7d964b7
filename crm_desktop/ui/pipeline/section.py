"""The Pipeline section: a Board / List / Forecast switch, "New deal", the filter bar, and the pages."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QSettings, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence, QUndoStack
from PySide6.QtWidgets import QButtonGroup, QHBoxLayout, QPushButton, QStackedWidget, QToolButton, QVBoxLayout, QWidget

from crm_desktop.domain.deal import DealStatus
from crm_desktop.domain.deal_query import DealQuery
from crm_desktop.services.workspace import Workspace
from crm_desktop.ui.change_bridge import ChangeBridge
from crm_desktop.ui.pipeline.board import PipelineBoard
from crm_desktop.ui.pipeline.commands import DeleteDealsCommand
from crm_desktop.ui.pipeline.deal_list import DealListView
from crm_desktop.ui.pipeline.filters import PipelineFilters
from crm_desktop.ui.pipeline.forecast_view import ForecastView
from crm_desktop.ui.plural import counted


class PipelineSection(QWidget):
    status_changed = Signal(str)
    deal_activated = Signal(int)  # a card double-clicked or Enter pressed on it: open the deal
    new_deal_requested = Signal(str)  # "New deal", with the stage it starts in
    query_changed = Signal(object)  # the filter bar's DealQuery, for every page that shows deals
    notice = Signal(str)  # a passing message for the status bar ("Deleted the deal (Ctrl+Z undoes)")

    def __init__(self, workspace: Workspace, bridge: ChangeBridge, undo_stack: QUndoStack,
                 parent: QWidget | None = None):  # fmt: skip
        super().__init__(parent)
        self.setObjectName("pipelineView")
        self.workspace = workspace
        self.filters = PipelineFilters(workspace, self)
        self.board = PipelineBoard(workspace, bridge, undo_stack, self)
        self.board.deal_activated.connect(self.deal_activated)
        self.board.counts_changed.connect(self._board_counts)

        self.switch = QButtonGroup(self)
        self.switch.setExclusive(True)
        self.pages = QStackedWidget(self)
        self._switch_row = QHBoxLayout()
        self._switch_row.setSpacing(0)
        self.new_deal_button = QPushButton(self.tr("&New Deal"), self)
        self.new_deal_button.setObjectName("newDeal")
        self.new_deal_button.clicked.connect(self._new_deal)
        toolbar = QHBoxLayout()
        toolbar.addLayout(self._switch_row)
        toolbar.addSpacing(12)
        toolbar.addWidget(self.new_deal_button)
        toolbar.addStretch(1)
        self.add_page(self.tr("Board"), self.board)
        # The list shows the same deals as rows: the filter bar drives it; its own box picks open/won/lost.
        self.list = DealListView(workspace, bridge, self, lazy=True)
        self.list.use_outside_search()
        self.list.deal_activated.connect(self.deal_activated)
        self.add_page(self.tr("List"), self.list)
        self.forecast = ForecastView(workspace, bridge, self)
        self.add_page(self.tr("Forecast"), self.forecast)
        for page in (self.list, self.forecast):
            page.status_changed.connect(lambda text, p=page: self._page_status(p, text))
        self.pages.currentChanged.connect(self._page_shown)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(toolbar)
        layout.addWidget(self.filters)
        layout.addWidget(self.pages, 1)
        self.filters.changed.connect(self.apply_filters)
        bridge.changed.connect(self._on_change)
        self._undo_stack = undo_stack
        # Delete on a card or a row; a text box with the focus keeps the key for itself.
        self.delete_action = QAction(self.tr("Delete Deal"), self)
        self.delete_action.setObjectName("deleteDeal")
        self.delete_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Delete))
        self.delete_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.delete_action.triggered.connect(self.delete_selected)
        self.addAction(self.delete_action)

    def add_page(self, title: str, widget: QWidget) -> QToolButton:
        """A page of the section and its button in the Board / List / Forecast switch."""
        button = QToolButton(self)
        button.setObjectName(f"pipelineSwitch{self.pages.count()}")
        button.setText(title)
        button.setCheckable(True)
        button.setAutoRaise(False)
        self.switch.addButton(button, self.pages.count())
        self.pages.addWidget(widget)
        self._switch_row.addWidget(button)
        button.clicked.connect(lambda: self.pages.setCurrentWidget(widget))
        if self.pages.count() == 1:
            button.setChecked(True)
        return button

    def show_page(self, widget: QWidget) -> None:
        index = self.pages.indexOf(widget)
        self.switch.button(index).setChecked(True)
        self.pages.setCurrentIndex(index)

    # ---- filters and counts --------------------------------------------------------------------------

    @property
    def query(self) -> DealQuery:
        return self.board.query

    def apply_filters(self) -> None:
        query = self.filters.query()
        if query != self.board.query:
            self.board.set_query(query)
            self.query_changed.emit(query)
        kept = self.list.query
        listed = replace(query, status=kept.status, sort=kept.sort, descending=kept.descending)
        if listed != kept:
            self.list.set_query(listed)

    def _page_shown(self, index: int) -> None:
        page = self.pages.widget(index)
        self.filters.setVisible(page is not self.forecast)  # the forecast is of every open deal
        texts = {self.list: self.list.status_text, self.board: self.status_text}
        if page in texts:
            self.status_changed.emit(texts[page]())

    def _page_status(self, page: QWidget, text: str) -> None:
        if self.pages.currentWidget() is page:
            self.status_changed.emit(text)

    def status_text(self) -> str:
        return counted("PipelineSection", "%n open deal", "%n open deals", self.board.open_count())

    def selected_deal_id(self) -> int | None:
        page = self.pages.currentWidget()
        if page is self.board:
            return self.board.current_deal_id()
        if page is self.list:
            return self.list.current_id()
        return None

    def delete_selected(self) -> bool:
        """Delete the chosen card or row (undoable); False when none is chosen."""
        deal_id = self.selected_deal_id()
        if deal_id is None:
            return False
        title = self.workspace.pipeline.get(deal_id).title
        self._undo_stack.push(DeleteDealsCommand(self.workspace.pipeline, [deal_id],
                                                 self.tr("Delete deal '%1'").replace("%1", title)))  # fmt: skip
        self.notice.emit(self.tr("Deleted the deal '%1' (Ctrl+Z undoes)").replace("%1", title))
        return True

    def _board_counts(self) -> None:
        if self.pages.currentWidget() is self.board:
            self.status_changed.emit(self.status_text())

    def _new_deal(self) -> None:
        first = next((s.key for s in self.workspace.pipeline.stages if s.closes_as is DealStatus.OPEN), "")
        self.new_deal_requested.emit(first)

    def _on_change(self, change) -> None:
        if change.entity in ("deal", "settings") and not self.board.writing:
            self.filters.reload_choices()  # a new tag, a new month

    # ---- the main window's manners ---------------------------------------------------------------------

    def stop(self) -> None:
        self.filters.stop()
        self.board.drag.cancel()

    def save_state(self, settings: QSettings) -> None:
        settings.setValue("pipeline/page", self.pages.currentIndex())
        self.list.save_state(settings)

    def restore_state(self, settings: QSettings) -> None:
        self.list.restore_state(settings)
        page = settings.value("pipeline/page", 0, type=int)
        if 0 <= page < self.pages.count():
            self.show_page(self.pages.widget(page))
