"""Right-to-left text (Urdu) in item views: each cell laid out and aligned by its own text's direction."""

from __future__ import annotations

import unicodedata

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QStyledItemDelegate, QStyleOptionViewItem

RTL_ROLE = Qt.ItemDataRole.UserRole + 1  # True when a cell's text runs right to left


def is_rtl(text: str) -> bool:
    """Direction of a paragraph by its first strong character (Unicode bidi rule P2)."""
    for ch in text:
        direction = unicodedata.bidirectional(ch)
        if direction in ("R", "AL"):
            return True
        if direction == "L":
            return False
    return False


class BidiItemDelegate(QStyledItemDelegate):
    """Lays an RTL cell out as an RTL paragraph, so "خان (Lahore)" keeps its visual order.

    The model's alignment for such cells is absolute (AlignRight | AlignAbsolute), so the flipped
    direction does not flip the alignment back to the left.
    """

    def initStyleOption(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> None:
        super().initStyleOption(option, index)
        if index.data(RTL_ROLE):
            option.direction = Qt.LayoutDirection.RightToLeft
