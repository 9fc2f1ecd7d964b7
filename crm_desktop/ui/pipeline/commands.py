"""A card moved on the board, as an undoable command on the window's QUndoStack (Edit > Undo, Ctrl+Z)."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager

from PySide6.QtGui import QUndoCommand

from crm_desktop.services.pipeline import Move, PipelineService

# Told after each move, undo or redo: (deal id, stage it left, stage it entered); the board redraws
# those two columns.
Moved = Callable[[int, str, str], None]


class MoveDealCommand(QUndoCommand):
    """Moves a deal to a stage (Lost with its reason); undo puts back the stage, status and reason it had
    and takes the history entry back; redo moves it again."""

    def __init__(self, pipeline: PipelineService, deal_id: int, stage_key: str, lost_reason: str,
                 moved: Moved, quietly: Callable[[], AbstractContextManager], text: str):  # fmt: skip
        super().__init__(text)
        self._quietly = quietly  # the board draws the move itself: the change it announces needs no reload
        self._pipeline = pipeline
        self._deal_id = deal_id
        self._stage_key = stage_key
        self._lost_reason = lost_reason
        self._moved = moved
        self.move: Move | None = None

    def redo(self) -> None:
        with self._quietly():
            self.move = self._pipeline.move(self._deal_id, self._stage_key, self._lost_reason)
        if self.move is None:
            self.setObsolete(True)  # it was already there: nothing to undo
            return
        self._moved(self._deal_id, self.move.before.stage, self.move.after.stage)

    def undo(self) -> None:
        if self.move is None:
            return
        with self._quietly():
            self._pipeline.undo(self.move)
        self._moved(self._deal_id, self.move.after.stage, self.move.before.stage)
