"""Undoable contact operations for the window's QUndoStack."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtGui import QUndoCommand

from crm_desktop.services.contacts import ContactService
from crm_desktop.ui.plural import counted


class TrashContactsCommand(QUndoCommand):
    """Moves cards to the Trash; undo brings back exactly the cards that moved."""

    def __init__(self, contacts: ContactService, ids: Sequence[int]):
        super().__init__(counted("TrashContactsCommand", "Delete %n contact", "Delete %n contacts", len(ids)))
        self._contacts = contacts
        self._ids = list(ids)
        self.moved: list[int] = []

    def redo(self) -> None:
        self.moved = self._contacts.trash(self._ids)
        if not self.moved:
            self.setObsolete(True)  # nothing happened: nothing to undo

    def undo(self) -> None:
        self._contacts.restore(self.moved)


class RestoreContactsCommand(QUndoCommand):
    """Takes cards out of the Trash; undo puts them back."""

    def __init__(self, contacts: ContactService, ids: Sequence[int]):
        super().__init__(counted("RestoreContactsCommand", "Restore %n contact", "Restore %n contacts", len(ids)))
        self._contacts = contacts
        self._ids = list(ids)
        self.restored: list[int] = []

    def redo(self) -> None:
        self.restored = self._contacts.restore(self._ids)
        if not self.restored:
            self.setObsolete(True)

    def undo(self) -> None:
        self._contacts.trash(self.restored)
