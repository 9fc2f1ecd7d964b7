"""How a Today row is drawn and clicked: the contact's name as a link, and a Done button in the last column.

Painted rather than one widget per row, so a page of several hundred items stays light.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QModelIndex, QPersistentModelIndex, QRect, QSize, Qt, Signal
from PySide6.QtGui import QFontMetrics, QMouseEvent, QPainter, QPalette
from PySide6.QtWidgets import QApplication, QStyle, QStyleOptionButton, QStyleOptionViewItem, QWidget

from crm_desktop.ui.bidi_delegate import BidiItemDelegate
from crm_desktop.ui.resources import icon, script_font
from crm_desktop.ui.today.agenda_items import ACTION, ACTIVITY_ROLE, CONTACT, CONTACT_ROLE, ROW_ROLE

ITEM_ROWS = ("activity", "birthday", "cold")


class TodayDelegate(BidiItemDelegate):
    contact_clicked = Signal(int)
    done_clicked = Signal(int, QRect)  # the activity, and the button's rectangle in the viewport

    def __init__(self, parent: QWidget):
        super().__init__(parent)
        base = parent.font()
        heights = [QFontMetrics(base).height()] + [QFontMetrics(script_font(s, base)).height()
                                                  for s in ("arabic", "devanagari", "tamil")]
        # One height for every row (the tallest script's), so Urdu rows do not stand taller than Latin ones.
        self.row_height = max(heights) + 8

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:
        hint = super().sizeHint(option, index)
        if index.column() == ACTION and index.data(ACTIVITY_ROLE) is not None:
            hint.setWidth(max(hint.width(), self._button_width(option) + 8))
        return QSize(hint.width(), self.row_height)

    def initStyleOption(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> None:
        super().initStyleOption(option, index)
        if index.column() == CONTACT and index.data(ROW_ROLE) in ITEM_ROWS:
            link = option.palette.color(QPalette.ColorRole.Link)
            option.palette.setColor(QPalette.ColorRole.Text, link)
            option.font.setUnderline(bool(option.state & QStyle.StateFlag.State_MouseOver))

    def paint(self, painter: QPainter, option: QStyleOptionViewItem,
              index: QModelIndex | QPersistentModelIndex) -> None:  # fmt: skip
        if index.column() != ACTION or index.data(ACTIVITY_ROLE) is None:
            super().paint(painter, option, index)
            return
        # The row's background and selection, then a button instead of the text.
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        widget = opt.widget
        style = widget.style() if widget is not None else QApplication.style()
        opt.text = ""
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, widget)
        button = QStyleOptionButton()
        button.rect = self.button_rect(option)
        button.text = index.data(Qt.ItemDataRole.DisplayRole)
        button.icon = icon("done")
        button.iconSize = QSize(16, 16)
        button.palette = option.palette
        button.state = QStyle.StateFlag.State_Enabled | QStyle.StateFlag.State_Raised
        if option.state & QStyle.StateFlag.State_MouseOver:
            button.state |= QStyle.StateFlag.State_MouseOver
        style.drawControl(QStyle.ControlElement.CE_PushButton, button, painter, widget)

    def _button_width(self, option: QStyleOptionViewItem) -> int:
        return QFontMetrics(option.font).horizontalAdvance(self.tr("Done")) + 16 + 28

    def button_rect(self, option: QStyleOptionViewItem) -> QRect:
        cell = option.rect
        width = min(cell.width() - 4, self._button_width(option))
        return QRect(cell.left() + 2, cell.top() + 2, width, cell.height() - 4)

    def editorEvent(self, event: QEvent, model, option: QStyleOptionViewItem,
                    index: QModelIndex | QPersistentModelIndex) -> bool:  # fmt: skip
        if event.type() != QEvent.Type.MouseButtonRelease or not isinstance(event, QMouseEvent):
            return super().editorEvent(event, model, option, index)
        if event.button() != Qt.MouseButton.LeftButton:
            return False
        activity_id, contact_id = index.data(ACTIVITY_ROLE), index.data(CONTACT_ROLE)
        if index.column() == ACTION and activity_id is not None:
            rect = self.button_rect(option)
            if rect.contains(event.position().toPoint()):
                self.done_clicked.emit(activity_id, rect)
                return True
        if index.column() == CONTACT and contact_id is not None:
            self.contact_clicked.emit(contact_id)
            return True
        return False
