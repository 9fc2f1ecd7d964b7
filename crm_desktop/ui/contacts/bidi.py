"""Right-to-left text (Urdu) in item views: each cell laid out and aligned by its own text's direction."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QStyledItemDelegate, QStyleOptionViewItem

from crm_desktop.ui.resources import script_font

RTL_ROLE = Qt.ItemDataRole.UserRole + 1  # True when a cell's text runs right to left
SCRIPT_ROLE = Qt.ItemDataRole.UserRole + 2  # "arabic", "devanagari", "tamil" or None (see script_of)


class BidiItemDelegate(QStyledItemDelegate):
    """Lays an RTL cell out as an RTL paragraph, so "خان (Lahore)" keeps its visual order, and draws
    Urdu, Hindi and Tamil with the bundled font of that script.

    The model's alignment for such cells is absolute (AlignRight | AlignAbsolute), so the flipped
    direction does not flip the alignment back to the left.
    """

    def initStyleOption(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> None:
        super().initStyleOption(option, index)
        if index.data(RTL_ROLE):
            option.direction = Qt.LayoutDirection.RightToLeft
        script = index.data(SCRIPT_ROLE)
        if script:
            option.font = script_font(script, option.font)
