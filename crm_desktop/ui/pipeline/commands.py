"""A card moved on the board, as an undoable command on the window's QUndoStack (Edit > Undo, Ctrl+Z)."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager

from PySide6.QtGui import QUndoCommand

from crm_desktop.db.errors import ChangedElsewhereError, NotFoundError
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
        self._undone: int | None = None  # the deal's revision right after an undo

    def redo(self) -> None:
        if self.move is not None and self._undone is not None:  # a redo after an undo
            try:
                current = self._pipeline.get(self._deal_id)
            except NotFoundError:
                current = None
            if current is None or current.revision != self._undone:
                self.setObsolete(True)  # changed since the undo: redoing would overwrite that change
                return
        try:
            with self._quietly():
                self.move = self._pipeline.move(self._deal_id, self._stage_key, self._lost_reason)
        except (NotFoundError, KeyError):  # the deal or the stage is gone
            self.move = None
        if self.move is None:
            self.setObsolete(True)  # nothing to undo
            return
        self._moved(self._deal_id, self.move.before.stage, self.move.after.stage)

    def undo(self) -> None:
        if self.move is None:
            return
        try:
            with self._quietly():
                self._undone = self._pipeline.undo(self.move).revision
        except (ChangedElsewhereError, NotFoundError):
            self.setObsolete(True)  # edited, moved again, deleted or purged since: the later change stands
            return
        self._moved(self._deal_id, self.move.after.stage, self.move.before.stage)


class DeleteDealsCommand(QUndoCommand):
    """Deletes deals (out of the board, the list and the contact's card); undo brings them back."""

    def __init__(self, pipeline: PipelineService, ids: list[int], text: str):
        super().__init__(text)
        self._pipeline = pipeline
        self._ids = ids

    def redo(self) -> None:
        self._ids = self._pipeline.delete(self._ids) or self._ids

    def undo(self) -> None:
        self._pipeline.restore(self._ids)
