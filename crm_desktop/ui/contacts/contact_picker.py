"""A line edit that picks one contact by name: type a few letters, choose from the matching names.

Shared by the Activities filter bar and the deal form (contact, company), so picking a card works the
same everywhere. It offers only the first matches of a search (never the whole list of contacts).
"""

from __future__ import annotations

from PySide6.QtCore import QStringListModel, Qt, Signal
from PySide6.QtWidgets import QCompleter, QLineEdit, QWidget

from crm_desktop.db.errors import NotFoundError
from crm_desktop.domain.contact_query import ContactQuery
from crm_desktop.services.workspace import Workspace
from crm_desktop.ui.contacts.field_widgets import apply_text_direction, follow_text_direction

CONTACT_CHOICES = 20
SEARCHED_FOR_KIND = 200  # a kind-limited picker looks this far down the matches to find its 20


class ContactPicker(QLineEdit):
    """`chosen` carries the id of the contact picked (None: the text was cleared).

    kind limits the offers to "person" or "company" cards (None: every card). Text that names no offered
    contact leaves the choice unmade: contact_id() is None and unresolved() is True.
    """

    chosen = Signal(object)

    def __init__(self, workspace: Workspace, object_name: str, placeholder: str = "", kind: str | None = None,
                 parent: QWidget | None = None):  # fmt: skip
        super().__init__(parent)
        self.workspace = workspace
        self.kind = kind
        self.setObjectName(object_name)
        self.setPlaceholderText(placeholder)
        self.setClearButtonEnabled(True)
        follow_text_direction(self)
        self._offered: dict[str, int] = {}  # name shown -> id, for the names offered last
        self._chosen: tuple[int, str] | None = None  # (id, name as shown when picked)
        self._names = QStringListModel(self)
        self.completer = QCompleter(self._names, self)
        self.completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.setCompleter(self.completer)
        self.textEdited.connect(self._typed)
        self.textChanged.connect(self._changed)
        self.completer.activated[str].connect(self.choose_name)

    # ---- what others call --------------------------------------------------------------------------

    def contact_id(self) -> int | None:
        """The contact picked, while the text still shows its name."""
        if self._chosen is not None and self.text() == self._chosen[1]:
            return self._chosen[0]
        return None

    def unresolved(self) -> bool:
        """Text is typed that names no contact on offer (the user has not picked one yet)."""
        return bool(self.text().strip()) and self.contact_id() is None

    def set_contact(self, contact_id: int | None, name: str | None = None) -> None:
        """Show a contact as picked without announcing it (loading a record); its name is looked up."""
        if contact_id is not None and name is None:
            try:
                name = self.workspace.contacts.get(contact_id).display_name
            except NotFoundError:
                contact_id, name = None, ""
        self._chosen = (contact_id, name or "") if contact_id is not None else None
        self.blockSignals(True)
        self.setText(self._chosen[1] if self._chosen is not None else "")
        self.setCursorPosition(0)
        self.blockSignals(False)
        apply_text_direction(self, self.text())  # its textChanged was held back

    def offer(self, text: str) -> list[str]:
        """Search for text and offer the matching names; returns them (the completer shows them)."""
        contacts = self.workspace.contacts
        ids = list(contacts.search_ids(ContactQuery(text=text))[: SEARCHED_FOR_KIND if self.kind else CONTACT_CHOICES])
        found = contacts.summaries(ids)
        self._offered = {}
        for contact_id in ids:
            summary = found.get(contact_id)
            if summary is None or (self.kind is not None and summary.kind != self.kind):
                continue
            self._offered.setdefault(summary.display_name, contact_id)
            if len(self._offered) == CONTACT_CHOICES:
                break
        self._names.setStringList(list(self._offered))
        return list(self._offered)

    def choose_name(self, name: str) -> None:
        """Pick one of the names on offer (what choosing it in the completer's list does)."""
        if name in self._offered:
            self._pick(self._offered[name], name)

    # ---- inside -------------------------------------------------------------------------------------

    def _typed(self, text: str) -> None:
        if text.strip():
            self.offer(text)

    def _changed(self, text: str) -> None:
        if not text.strip():
            if self._chosen is not None:
                self._chosen = None
                self.chosen.emit(None)
        elif text in self._offered and self.contact_id() != self._offered[text]:
            self._pick(self._offered[text], text)

    def _pick(self, contact_id: int, name: str) -> None:
        changed = self._chosen is None or self._chosen[0] != contact_id
        self._chosen = (contact_id, name)
        if self.text() != name:
            self.blockSignals(True)
            self.setText(name)
            self.blockSignals(False)
            apply_text_direction(self, name)
        if changed:
            self.chosen.emit(contact_id)
