"""The kanban board: one column per stage, in the owner's order; a card dragged to another column moves.

A move (and its undo and redo) redraws only the two columns concerned; the change it announces is
not answered by a second, full reload. Changes made elsewhere (a deal edited, an activity logged, a
contact renamed, the stages edited) reload the whole board, once, when it is next shown.
"""

from __future__ import annotations

from contextlib import contextmanager
from dataclasses import replace

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QResizeEvent, QShowEvent, QUndoStack
from PySide6.QtWidgets import QHBoxLayout, QScrollArea, QWidget

from crm_desktop.domain.clock import local_now
from crm_desktop.domain.deal import DealStatus
from crm_desktop.domain.deal_query import DealQuery
from crm_desktop.services.changes import Change
from crm_desktop.services.workspace import Workspace
from crm_desktop.ui.change_bridge import ChangeBridge
from crm_desktop.ui.pipeline.column import MIN_WIDTH, BoardColumn
from crm_desktop.ui.pipeline.column_model import ID_ROLE
from crm_desktop.ui.pipeline.commands import MoveDealCommand
from crm_desktop.ui.pipeline.drag import CardDrag
from crm_desktop.ui.pipeline.lost_reason import LostReasonDialog

RELOAD_ON = frozenset({"deal", "activity", "contact", "settings"})


class PipelineBoard(QScrollArea):
    deal_activated = Signal(int)
    counts_changed = Signal()

    def __init__(self, workspace: Workspace, bridge: ChangeBridge, undo_stack: QUndoStack,
                 parent: QWidget | None = None):  # fmt: skip
        super().__init__(parent)
        self.setObjectName("pipelineBoard")
        self.workspace = workspace
        self.undo_stack = undo_stack
        self.query = DealQuery()
        self.columns: list[BoardColumn] = []
        self.lost_dialog: LostReasonDialog | None = None  # the open "why lost?" question, if any
        self._own = 0  # >0 while this board writes: its own changes are already drawn
        self._stale = True  # changes came while hidden: reload when shown
        self._stage_keys: tuple = ()

        self.setWidgetResizable(True)
        self.setFrameShape(QScrollArea.Shape.NoFrame)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)  # each column scrolls itself
        self.content = QWidget(self)
        self.content.setObjectName("pipelineColumns")
        self._layout = QHBoxLayout(self.content)
        self._layout.setContentsMargins(4, 4, 4, 4)
        self._layout.setSpacing(6)
        self.setWidget(self.content)
        self.drag = CardDrag(self, lambda: self.columns)
        self.drag.dropped.connect(self.drop)
        bridge.changed.connect(self._on_change)

    # ---- reading --------------------------------------------------------------------------------

    def set_query(self, query: DealQuery) -> None:
        if query != self.query:
            self.query = query
            self.reload()

    def reload(self) -> None:
        """Read every column again (filters changed, or the workspace changed elsewhere)."""
        self._stale = False
        self.drag.cancel()
        pipeline = self.workspace.pipeline
        board = pipeline.board(self.query)
        keys = tuple((c.stage.key, c.stage.name, c.stage.closes_as) for c in board)
        if keys != self._stage_keys:
            self._build_columns(board)
            self._stage_keys = keys
        today = local_now(self.workspace.clock).date()
        for column, read in zip(self.columns, board, strict=True):
            column.stage = read.stage
            column.model.stage = read.stage
            column.model.set_rows(read.rows, read.total, read.weighted, today)
            column.update_header()
        self._even_headers()
        self.counts_changed.emit()

    def _even_headers(self) -> None:
        """Every header as tall as the tallest (totals in several currencies wrap), so the cards of all
        columns start on one line."""
        if not self.columns:
            return
        tallest = max(c.header.layout().totalHeightForWidth(max(c.width(), MIN_WIDTH) - 6) for c in self.columns)
        for column in self.columns:
            if column.header.height() != tallest or column.header.minimumHeight() != tallest:
                column.header.setFixedHeight(tallest)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._even_headers()

    def _build_columns(self, board) -> None:
        for column in self.columns:
            self._layout.removeWidget(column)
            column.deleteLater()
        self.columns = []
        for read in board:
            column = BoardColumn(read.stage, self.workspace.clock, self.content)
            column.view.activated.connect(self._activated)
            self.drag.watch(column)
            self._layout.addWidget(column, 1)
            self.columns.append(column)

    def column(self, stage_key: str) -> BoardColumn:
        return next(c for c in self.columns if c.stage.key == stage_key)

    def current_deal_id(self) -> int | None:
        """The card last clicked (the column with the focus, else any column with a selected card)."""
        views = sorted((c.view for c in self.columns), key=lambda v: not v.hasFocus())
        for view in views:
            index = view.currentIndex()
            if index.isValid() and view.selectionModel().isSelected(index):
                return index.data(ID_ROLE)
        return None

    def open_count(self) -> int:
        return sum(c.model.rowCount() for c in self.columns if not c.closing)

    def _activated(self, index: QModelIndex) -> None:
        deal_id = index.data(ID_ROLE)
        if deal_id is not None:
            self.deal_activated.emit(deal_id)

    # ---- moving -----------------------------------------------------------------------------------

    def drop(self, deal_id: int, from_key: str, to_key: str) -> None:
        """A card released over another column: Lost asks why first; every other stage moves at once."""
        target = self.column(to_key)
        row = self.column(from_key).model.row_of(deal_id)
        title = self.column(from_key).model.deal_at(row).title if row >= 0 else ""
        if target.stage.closes_as is DealStatus.LOST:
            self._ask_lost_reason(deal_id, to_key, title)
        else:
            self.move(deal_id, to_key, "", title)

    def _ask_lost_reason(self, deal_id: int, to_key: str, title: str) -> None:
        if self.lost_dialog is not None:
            self.lost_dialog.reject()
        dialog = LostReasonDialog(title, self.workspace.pipeline.lost_reasons(), self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.lost_dialog = dialog
        dialog.accepted.connect(lambda: self.move(deal_id, to_key, dialog.reason(), title))
        dialog.finished.connect(lambda *_: self._forget_dialog(dialog))
        dialog.open()  # window-modal, without a nested event loop

    def _forget_dialog(self, dialog: LostReasonDialog) -> None:
        if self.lost_dialog is dialog:
            self.lost_dialog = None

    def move(self, deal_id: int, to_key: str, lost_reason: str = "", title: str = "") -> None:
        """Move a deal to a stage as one undoable step (Edit > Undo takes it back)."""
        name = self.column(to_key).stage.name
        text = self.tr("Move “%1” to %2").replace("%1", title).replace("%2", name) if title \
            else self.tr("Move deal to %1").replace("%1", name)  # fmt: skip
        self.undo_stack.push(MoveDealCommand(self.workspace.pipeline, deal_id, to_key, lost_reason, self._moved,
                                             self.own_change, text))  # fmt: skip

    def _moved(self, deal_id: int, from_key: str, to_key: str) -> None:
        """Redraw the two columns of a move, an undo or a redo: the card leaves one and enters the other."""
        source = self._column_or_none(from_key)
        target = self._column_or_none(to_key)
        left = source.model.take(deal_id) if source is not None else None
        if source is not None:
            source.update_header()
        # A card that was on the board still matches its filters (they do not look at the stage); one
        # that was not (an undo after the filters changed) is asked for through them.
        pipeline = self.workspace.pipeline
        if left is not None:
            fresh = pipeline.row(deal_id)
        else:
            found = pipeline.rows(replace(self.query, status=None, closed_since=None, deal_id=deal_id))
            fresh = found[0] if found else None
        if target is not None and fresh is not None:
            target.model.take(deal_id)  # never twice
            position = target.model.put(fresh)
            target.update_header()
            index = target.model.index(position)
            target.view.setCurrentIndex(index)
            target.view.scrollTo(index)
        self._even_headers()
        self.counts_changed.emit()

    def _column_or_none(self, stage_key: str) -> BoardColumn | None:
        return next((c for c in self.columns if c.stage.key == stage_key), None)

    @property
    def writing(self) -> bool:
        """True while the board itself writes (a move, its undo or redo)."""
        return self._own > 0

    @contextmanager
    def own_change(self):
        self._own += 1
        try:
            yield
        finally:
            self._own -= 1

    # ---- changes from elsewhere ------------------------------------------------------------------

    def _on_change(self, change: Change) -> None:
        if self._own or change.entity not in RELOAD_ON:
            return
        if self.isVisible():
            self.reload()
        else:
            self._stale = True

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self.reload()
