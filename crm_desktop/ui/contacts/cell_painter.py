"""Paints the contact list's cells from text laid out once and kept between paints.

Qt's own delegate lays each cell's text out afresh at every paint, several times over (its size, its
elision, its drawing), after asking the model seven roles through as many calls into Python. Typing a
search repaints the whole list at every keystroke, and the rows of "khan" are mostly the rows of "kha":
so each text is laid out once (a QStaticText, its glyphs placed) and drawn from that while it is in the
cache. One call into Python per cell, one into the model (ContactTableModel.cell) for its look.

The look is the one the model describes (bidi.py): the cell's own font for Urdu, Hindi and Tamil, Urdu
right-aligned in a right-to-left layout and set on the row's Latin baseline, the care colours.
"""

from __future__ import annotations

from collections import OrderedDict

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSizeF, Qt
from PySide6.QtGui import QFont, QFontMetrics, QPainter, QPalette, QStaticText, QTextOption, QTransform
from PySide6.QtWidgets import QAbstractItemView, QStyle, QStyledItemDelegate, QStyleOptionViewItem

from crm_desktop.ui.contacts.table_model import ContactTableModel

MARGIN = 6  # pixels each side of a cell's text: an Urdu name aligned right stays clear of the next column
KEPT_TEXTS = 4000  # laid-out texts kept: several screens of cells, a few MB at most
_RIGHT = int(Qt.AlignmentFlag.AlignRight)
_BOTTOM = int(Qt.AlignmentFlag.AlignBottom)
# Plain ints: Python's enum.Flag arithmetic on option.state cost more than drawing the text.
_SELECTED = QStyle.StateFlag.State_Selected.value
_ACTIVE = QStyle.StateFlag.State_Active.value
_FOCUSED = QStyle.StateFlag.State_HasFocus.value
_ACTIVE_GROUP, _INACTIVE_GROUP = QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive
_RIGHT_TO_LEFT = QTextOption()
_RIGHT_TO_LEFT.setTextDirection(Qt.LayoutDirection.RightToLeft)


class CellPainter(QStyledItemDelegate):
    """Draws a cell's background (the selection), then its text from the layout cache. The view's font
    and colours are read once (refresh() when they change), not from each cell's style option."""

    def __init__(self, model: ContactTableModel, view: QAbstractItemView):
        super().__init__(view)
        self._model = model
        self._view = view
        self._texts: OrderedDict[tuple, tuple[QStaticText, int, int]] = OrderedDict()
        self._metrics: dict[str, QFontMetrics] = {}
        self._font_keys: dict[int, tuple[QFont, str]] = {}  # id -> (the font, kept alive; its key)
        self.laid_out = 0  # texts laid out so far (tests, benchmarks): a repaint from the cache adds none
        self.refresh()

    def refresh(self) -> None:
        """Take the view's font and palette anew (they changed)."""
        self._font = self._view.font()
        palette = self._view.palette()
        self._looks = {
            group: (palette.brush(group, QPalette.ColorRole.Highlight),
                    palette.color(group, QPalette.ColorRole.HighlightedText),
                    palette.color(group, QPalette.ColorRole.Text))
            for group in (_ACTIVE_GROUP, _INACTIVE_GROUP)
        }  # fmt: skip

    def paint(self, painter: QPainter, option: QStyleOptionViewItem,
              index: QModelIndex | QPersistentModelIndex) -> None:  # fmt: skip
        rect = option.rect
        state = option.state.value
        highlight, highlighted_text, text_colour = self._looks[_ACTIVE_GROUP if state & _ACTIVE else _INACTIVE_GROUP]
        if state & _SELECTED:
            painter.fillRect(rect, highlight)
        if state & _FOCUSED:
            self._focus_frame(painter, option)
        cell = self._model.cell(index.row(), index.column())
        room = rect.width() - 2 * MARGIN
        if cell is None or not cell[0] or room <= 0:
            return
        text, alignment, font, colour = cell
        laid, width, height = self._laid_out(text, font or self._font, room, alignment)
        if state & _SELECTED:
            painter.setPen(highlighted_text)
        elif colour is not None:
            painter.setPen(colour.color())
        else:
            painter.setPen(text_colour)
        x = rect.right() + 1 - MARGIN - width if alignment & _RIGHT else rect.left() + MARGIN
        y = rect.bottom() + 1 - height if alignment & _BOTTOM else rect.top() + (rect.height() - height) // 2
        painter.setFont(font or self._font)
        painter.drawStaticText(x, y, laid)

    def _laid_out(self, text: str, font: QFont, room: int, alignment: int) -> tuple[QStaticText, int, int]:
        known = self._font_keys.get(id(font))  # the model shares one QFont per script: its key once
        if known is None:
            known = self._font_keys[id(font)] = (font, font.key())
        font_key = known[1]
        key = (text, font_key, room)
        found = self._texts.get(key)
        if found is not None:
            self._texts.move_to_end(key)
            return found
        laid, size = self._prepared(text, font, alignment)
        if size.width() > room:  # too wide: elided, and laid out again (most texts fit, laid out once)
            metrics = self._metrics.get(font_key)
            if metrics is None:
                metrics = self._metrics[font_key] = QFontMetrics(font)
            laid, size = self._prepared(metrics.elidedText(text, Qt.TextElideMode.ElideRight, room), font, alignment)
        found = self._texts[key] = (laid, round(size.width()), round(size.height()))
        if len(self._texts) > KEPT_TEXTS:
            self._texts.popitem(last=False)
        return found

    def _prepared(self, text: str, font: QFont, alignment: int) -> tuple[QStaticText, QSizeF]:
        laid = QStaticText(text)
        laid.setTextFormat(Qt.TextFormat.PlainText)
        if alignment & _RIGHT:  # a right-to-left cell (bidi.py): laid out as a right-to-left paragraph
            laid.setTextOption(_RIGHT_TO_LEFT)
        laid.prepare(QTransform(), font)
        self.laid_out += 1
        return laid, laid.size()

    @staticmethod
    def _focus_frame(painter: QPainter, option: QStyleOptionViewItem) -> None:
        widget = option.widget
        style = widget.style() if widget is not None else None
        if style is not None:
            style.drawPrimitive(QStyle.PrimitiveElement.PE_FrameFocusRect, option, painter, widget)

