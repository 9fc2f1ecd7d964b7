"""The filter combos above the contact list: tag (with counts), relationship type and stage."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QWidget

from crm_desktop.domain.contact import Relationship, Stage
from crm_desktop.services.contacts import ContactService


def _tr(text: str) -> str:
    return QCoreApplication.translate("ContactFilters", text)


class TagCombo(QComboBox):
    """Reads the tag counts only when the user opens it or tabs into it: counting tags over a million
    cards takes seconds, too slow for start-up or for every change."""

    def __init__(self, reload, parent: QWidget | None = None):
        super().__init__(parent)
        self._reload = reload
        self.stale = True

    def showPopup(self) -> None:
        if self.stale:
            self._reload()
        super().showPopup()

    def focusInEvent(self, event) -> None:
        if self.stale:
            self._reload()
        super().focusInEvent(event)


class ContactFilters(QWidget):
    """Emits `changed` when the user picks a filter; tag/relationship/stage() give the chosen values."""

    changed = Signal()

    def __init__(self, contacts: ContactService, parent: QWidget | None = None):
        super().__init__(parent)
        self._contacts = contacts
        self.tag_combo = self._combo("tagFilter", _tr("All tags"), [], TagCombo(self.reload_tags, self))
        self.relationship_combo = self._combo(
            "relationshipFilter", _tr("Any relationship"), [(_tr(r.value.capitalize()), r.value) for r in Relationship]
        )
        self.stage_combo = self._combo("stageFilter", _tr("Any stage"), [(_tr(s.value.capitalize()), s.value) for s in Stage])
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for combo in (self.tag_combo, self.relationship_combo, self.stage_combo):
            layout.addWidget(combo)

    def tags_changed(self) -> None:
        """Cards changed: the counts are re-read the next time the user looks at them."""
        self.tag_combo.stale = True

    def _combo(self, name: str, anything: str, items: list[tuple[str, str]], combo: QComboBox | None = None) -> QComboBox:
        combo = combo or QComboBox(self)
        combo.setObjectName(name)
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        combo.addItem(anything, None)
        for text, value in items:
            combo.addItem(text, value)
        combo.currentIndexChanged.connect(lambda _index: self.changed.emit())
        return combo

    def reload_tags(self) -> None:
        """Re-read the tags and their counts, keeping the chosen tag if it still exists."""
        chosen = self.tag()
        combo = self.tag_combo
        combo.stale = False
        combo.blockSignals(True)
        try:
            while combo.count() > 1:
                combo.removeItem(1)
            for name, count in self._contacts.tag_counts():
                combo.addItem(f"{name} ({count})", name)
            index = combo.findData(chosen) if chosen is not None else 0
            combo.setCurrentIndex(max(index, 0))
        finally:
            combo.blockSignals(False)
        if chosen is not None and self.tag() is None:
            self.changed.emit()  # the chosen tag is gone: the list must widen again

    def clear(self) -> None:
        """Back to "all" in every combo, announcing one change."""
        for combo in (self.tag_combo, self.relationship_combo, self.stage_combo):
            combo.blockSignals(True)
            combo.setCurrentIndex(0)
            combo.blockSignals(False)
        self.changed.emit()

    def tag(self) -> str | None:
        return self.tag_combo.currentData()

    def relationship(self) -> str | None:
        return self.relationship_combo.currentData()

    def stage(self) -> str | None:
        return self.stage_combo.currentData()
