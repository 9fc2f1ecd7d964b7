"""A delegate for the shorter lists (timeline, Activities, Today): each cell laid out by its own text's
direction and drawn in its script's font on the row's Latin baseline.

The contact list has a painter of its own (ui/contacts/cell_painter.py), which keeps every cell's
laid-out text between keystrokes; these lists show a screenful of short rows and are not typed through
at a million rows.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont, QFontMetricsF, QPainter, QPalette
from PySide6.QtWidgets import QApplication, QStyle, QStyledItemDelegate, QStyleOptionViewItem

from crm_desktop.ui.contacts.bidi import RTL_ROLE, SCRIPT_ROLE
from crm_desktop.ui.resources import script_font


_shifts: dict[tuple[str, str], int] = {}


def baseline_shift(script: str, base: QFont) -> int:
    """Pixels to lower a line in the script's font so it stands on the same baseline as base text.

    A cell centres its line box; Noto Devanagari, Tamil and Naskh have taller boxes than the UI font
    (room for marks above and below), so centred, their letters would float above the row's Latin ones.
    """
    key = (script, base.toString())
    shift = _shifts.get(key)
    if shift is None:
        own, other = QFontMetricsF(base), QFontMetricsF(script_font(script, base))
        shift = round(((own.ascent() - own.descent()) - (other.ascent() - other.descent())) / 2)
        _shifts[key] = shift
    return shift


class BidiItemDelegate(QStyledItemDelegate):
    """Lays an RTL cell out as an RTL paragraph, so "خان (Lahore)" keeps its visual order, and draws
    Urdu, Hindi and Tamil with the bundled font of that script, on the baseline of the row's Latin text.

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

    def paint(self, painter: QPainter, option: QStyleOptionViewItem,
              index: QModelIndex | QPersistentModelIndex) -> None:
        script = index.data(SCRIPT_ROLE)
        shift = baseline_shift(script, option.font) if script else 0
        if not shift:
            super().paint(painter, option, index)
            return
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        widget = opt.widget
        style = widget.style() if widget is not None else QApplication.style()
        # The cell's background, selection and focus over the whole cell, without the text ...
        text = opt.text
        opt.text = ""
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, widget)
        # ... then the text alone, lowered, in the colour the selection gives it.
        opt.text = text
        state = QStyle.StateFlag
        if opt.state & state.State_Selected:
            group = QPalette.ColorGroup.Normal if opt.state & state.State_Active else QPalette.ColorGroup.Inactive
            opt.palette.setColor(QPalette.ColorRole.Text, opt.palette.color(group, QPalette.ColorRole.HighlightedText))
        opt.state &= ~(state.State_Selected | state.State_HasFocus | state.State_MouseOver)
        opt.backgroundBrush = Qt.BrushStyle.NoBrush
        opt.features &= ~QStyleOptionViewItem.ViewItemFeature.Alternate
        cell = opt.rect
        opt.rect = cell.translated(0, shift)
        painter.save()
        painter.setClipRect(cell)
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, widget)
        painter.restore()
