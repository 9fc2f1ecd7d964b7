"""Dragging a card to another column, inside the window.

Press on a card and move beyond the platform's drag distance: a picture of the card follows the mouse,
the column under it lights up, and releasing over a column drops the card there (Escape cancels).
Done with plain mouse events rather than QDrag: QDrag.exec() runs the platform's own drag loop, which
neither QTest nor an offscreen session can drive, while these events are the same a user's mouse sends.
While a card is dragged an application event filter sees every mouse move, whichever widget the
platform sends it to.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QEvent, QObject, QPoint, Qt, Signal
from PySide6.QtGui import QKeyEvent, QMouseEvent
from PySide6.QtWidgets import QAbstractItemView, QApplication, QGraphicsOpacityEffect, QLabel, QWidget

from crm_desktop.ui.pipeline.column import BoardColumn
from crm_desktop.ui.pipeline.column_model import ID_ROLE


@dataclass
class _Press:
    column: BoardColumn
    deal_id: int
    start: QPoint  # global
    offset: QPoint  # from the card's top left to the press


class CardDrag(QObject):
    """Emits `dropped(deal id, from stage key, to stage key)` when a card is released over another column."""

    dropped = Signal(int, str, str)
    started = Signal()
    finished = Signal()

    def __init__(self, board: QWidget, columns_at):
        super().__init__(board)
        self._board = board
        self._columns_at = columns_at  # () -> list[BoardColumn]
        self._press: _Press | None = None
        self._ghost: QLabel | None = None
        self._target: BoardColumn | None = None

    def watch(self, column: BoardColumn) -> None:
        column.view.viewport().installEventFilter(self)
        column.view.viewport().setProperty("boardColumn", column.stage.key)

    @property
    def dragging(self) -> bool:
        return self._ghost is not None

    def column_at(self, global_pos: QPoint) -> BoardColumn | None:
        for column in self._columns_at():
            if column.isVisible() and column.rect().contains(column.mapFromGlobal(global_pos)):
                return column
        return None

    # ---- events ---------------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if self.dragging:
            if kind == QEvent.Type.MouseMove and isinstance(event, QMouseEvent):
                self._follow(event.globalPosition().toPoint())
                return True
            if kind == QEvent.Type.MouseButtonRelease and isinstance(event, QMouseEvent):
                if event.button() == Qt.MouseButton.LeftButton:
                    self._drop(event.globalPosition().toPoint())
                return True
            if kind in (QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonDblClick):
                return True
            if kind == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
                if event.key() == Qt.Key.Key_Escape:
                    self.cancel()
                return True
            if kind == QEvent.Type.ApplicationDeactivate:
                self.cancel()
            return False
        if not isinstance(event, QMouseEvent):
            return False
        view = watched.parent() if isinstance(watched.parent(), QAbstractItemView) else None
        if view is None:
            return False
        if kind == QEvent.Type.MouseButtonPress and event.button() == Qt.MouseButton.LeftButton:
            self._pressed(view, event)
        elif kind == QEvent.Type.MouseMove and self._press is not None:
            if not event.buttons() & Qt.MouseButton.LeftButton:
                self._press = None
            elif (event.globalPosition().toPoint() - self._press.start).manhattanLength() >= \
                    QApplication.startDragDistance():  # fmt: skip
                self._start(event.globalPosition().toPoint())
                return True
        elif kind == QEvent.Type.MouseButtonRelease:
            self._press = None
        return False

    def _pressed(self, view: QAbstractItemView, event: QMouseEvent) -> None:
        index = view.indexAt(event.position().toPoint())
        column = next((c for c in self._columns_at() if c.view is view), None)
        if not index.isValid() or column is None:
            self._press = None
            return
        card = view.visualRect(index)
        self._press = _Press(column, index.data(ID_ROLE), event.globalPosition().toPoint(),
                             event.position().toPoint() - card.topLeft())  # fmt: skip

    # ---- the drag ---------------------------------------------------------------------------------

    def _start(self, global_pos: QPoint) -> None:
        press = self._press
        assert press is not None
        view = press.column.view
        row = press.column.model.row_of(press.deal_id)
        if row < 0:
            self._press = None
            return
        card = view.visualRect(press.column.model.index(row))
        ghost = QLabel(self._board.window())
        ghost.setObjectName("pipelineDragCard")
        ghost.setPixmap(view.viewport().grab(card))
        ghost.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        effect = QGraphicsOpacityEffect(ghost)
        effect.setOpacity(0.85)
        ghost.setGraphicsEffect(effect)
        ghost.resize(card.size())
        self._ghost = ghost
        QApplication.instance().installEventFilter(self)
        ghost.show()
        ghost.raise_()
        self.started.emit()
        self._follow(global_pos)

    def _follow(self, global_pos: QPoint) -> None:
        assert self._ghost is not None and self._press is not None
        window = self._board.window()
        self._ghost.move(window.mapFromGlobal(global_pos) - self._press.offset)
        target = self.column_at(global_pos)
        if target is not self._target:
            if self._target is not None:
                self._target.set_drop_target(False)
            if target is not None:
                target.set_drop_target(True)
            self._target = target

    def _drop(self, global_pos: QPoint) -> None:
        press = self._press
        target = self.column_at(global_pos)
        self._end()
        if press is not None and target is not None and target is not press.column:
            self.dropped.emit(press.deal_id, press.column.stage.key, target.stage.key)

    def cancel(self) -> None:
        """Stop a drag without moving anything (Escape)."""
        if self.dragging:
            self._end()

    def _end(self) -> None:
        QApplication.instance().removeEventFilter(self)
        if self._ghost is not None:
            self._ghost.hide()
            self._ghost.deleteLater()
            self._ghost = None
        if self._target is not None:
            self._target.set_drop_target(False)
            self._target = None
        self._press = None
        self.finished.emit()
