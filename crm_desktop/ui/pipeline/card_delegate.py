"""How a deal card is painted: title, who, value and expected close, and its stale / no-next-step marks.

Painted by one delegate (no widget per card), every card the same height, so a column of thousands
scrolls like a short one. Each line runs in its own text's direction and script font, decided by the
same rule the contact list uses (ui/contacts/bidi.cell and ui/resources.script_font).
"""

from __future__ import annotations

from functools import lru_cache

from PySide6.QtCore import QDate, QLocale, QModelIndex, QPersistentModelIndex, QRect, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPalette, QPen
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from crm_desktop.domain.clock import Clock, local_now
from crm_desktop.domain.deal import DealStatus
from crm_desktop.domain.deal_query import DealRow
from crm_desktop.domain.money import Money, format_money
from crm_desktop.ui.contacts.bidi import Cell, cell
from crm_desktop.ui.pipeline.column_model import ROW_ROLE
from crm_desktop.ui.resources import script_font
from crm_desktop.domain.scripts import script_of

STALE_COLOR = QColor("#d84315")  # deep orange: readable on light and dark cards
OVERDUE_COLOR = QColor("#c62828")
WON_COLOR = QColor("#2e7d32")
MARGIN, PADDING, EDGE = 4, 7, 4  # around the card, inside it, the stale edge's width
SCRIPTS = ("arabic", "devanagari", "tamil")


@lru_cache(maxsize=8192)
def money_text(minor: int, currency: str) -> str:
    return format_money(Money(minor, currency))


def day_text(day, short: bool = False) -> str:
    return QLocale().toString(QDate(day.year, day.month, day.day), "d MMM" if short else "d MMM yyyy")


@lru_cache(maxsize=8192)
def shape_of(text: str) -> tuple[Cell, str | None]:
    """How a line is laid out, and the script font to draw it in. A line in two non-Latin scripts (an
    Urdu name at a Hindi-named company) keeps the UI font: Qt then finds each script's font itself,
    where one script's font put first would be tried, and complained about, for the other's letters."""
    shown = cell(text)
    if shown.script is None:
        return shown, None
    scripts = {script_of(ch) for ch in text if ch >= "\u0600"}
    scripts.discard(None)
    return shown, shown.script if len(scripts) == 1 else None


class DealCardDelegate(QStyledItemDelegate):
    def __init__(self, clock: Clock, parent: QWidget):
        super().__init__(parent)
        self._clock = clock  # "overdue" and "quiet N days" are judged against its local today
        self._fonts(parent.font())

    def _fonts(self, base: QFont) -> None:
        self._base = QFont(base)
        self._bold = QFont(base)
        self._bold.setBold(True)
        self._small = QFont(base)
        self._small.setPointSizeF(max(base.pointSizeF() * 0.9, 7.0))
        latin = QFontMetrics(self._bold).height()
        # Title and who may be in any script: their lines are as tall as the tallest script's.
        self._tall = max([latin] + [QFontMetrics(script_font(s, self._bold)).height() for s in SCRIPTS])
        self._line = QFontMetrics(base).height()
        self._height = 2 * MARGIN + 2 * PADDING + 2 * self._tall + 2 * self._line + 2

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:
        return QSize(max(option.rect.width(), 160), self._height)

    @property
    def card_height(self) -> int:
        return self._height

    def paint(self, painter: QPainter, option: QStyleOptionViewItem,
              index: QModelIndex | QPersistentModelIndex) -> None:  # fmt: skip
        row: DealRow | None = index.data(ROW_ROLE)
        if row is None:
            return
        palette = option.palette
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        card = QRectF(option.rect.adjusted(MARGIN, MARGIN, -MARGIN, -MARGIN))
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        border = palette.color(QPalette.ColorRole.Highlight) if selected else palette.color(QPalette.ColorRole.Mid)
        painter.setPen(QPen(border, 2 if selected else 1))
        painter.setBrush(palette.color(QPalette.ColorRole.Base))
        painter.drawRoundedRect(card.adjusted(0.5, 0.5, -0.5, -0.5), 4, 4)
        if row.stale:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(STALE_COLOR)
            painter.drawRoundedRect(QRectF(card.left() + 1, card.top() + 1, EDGE, card.height() - 2), 2, 2)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)

        text_color = palette.color(QPalette.ColorRole.Text)
        dim = palette.color(QPalette.ColorRole.PlaceholderText)
        inner = card.toRect().adjusted(PADDING + (EDGE if row.stale else 0), PADDING - 1, -PADDING, -PADDING)
        top = inner.top()
        self._line_of(painter, QRect(inner.left(), top, inner.width(), self._tall), row.title, self._bold, text_color)
        top += self._tall
        self._line_of(painter, QRect(inner.left(), top, inner.width(), self._tall), row.who, self._base, dim)
        top += self._tall + 1
        self._money_line(painter, QRect(inner.left(), top, inner.width(), self._line), row, text_color, dim)
        top += self._line + 1
        self._marks_line(painter, QRect(inner.left(), top, inner.width(), self._line), row, dim)
        painter.restore()

    def _line_of(self, painter: QPainter, rect: QRect, text: str, font: QFont, color: QColor) -> None:
        """One line of user text, elided, in its own direction and its script's font."""
        if not text:
            return
        shown, script = shape_of(text)
        if script:
            font = script_font(script, font)
        elided = QFontMetrics(font).elidedText(text, Qt.TextElideMode.ElideRight, rect.width())
        if elided != text:
            shown = cell(elided)
        horizontal = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignAbsolute if shown.rtl \
            else Qt.AlignmentFlag.AlignLeft  # fmt: skip
        painter.setFont(font)
        painter.setPen(color)
        painter.drawText(rect, int(horizontal | Qt.AlignmentFlag.AlignVCenter), shown.display)

    def _money_line(self, painter: QPainter, rect: QRect, row: DealRow, color: QColor, dim: QColor) -> None:
        value = money_text(row.value.minor, row.value.currency)
        painter.setFont(self._base)
        painter.setPen(color)
        painter.drawText(rect, int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter), value)
        room = rect.width() - QFontMetrics(self._base).horizontalAdvance(value) - 8
        small = QFontMetrics(self._small)
        for short in (False, True):  # "Closes 5 Dec 2026", else "Closes 5 Dec"
            when, when_color = self._when(row, dim, short)
            if small.horizontalAdvance(when) <= room:
                break
        if when and room > 0:
            painter.setFont(self._small)
            painter.setPen(when_color)
            when = small.elidedText(when, Qt.TextElideMode.ElideRight, room)
            painter.drawText(rect, int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignAbsolute
                                       | Qt.AlignmentFlag.AlignVCenter), when)  # fmt: skip

    def _when(self, row: DealRow, dim: QColor, short: bool = False) -> tuple[str, QColor]:
        if row.status is DealStatus.WON:
            return self.tr("Won %1").replace("%1", day_text(row.closed_on, short)) if row.closed_on else "", WON_COLOR
        if row.status is DealStatus.LOST:
            return self.tr("Lost %1").replace("%1", day_text(row.closed_on, short)) if row.closed_on else "", dim
        if row.expected_close is None:
            return self.tr("No close date"), dim
        if row.expected_close < local_now(self._clock).date():
            return self.tr("Overdue %1").replace("%1", day_text(row.expected_close, short)), OVERDUE_COLOR
        return self.tr("Closes %1").replace("%1", day_text(row.expected_close, short)), dim

    def _marks_line(self, painter: QPainter, rect: QRect, row: DealRow, dim: QColor) -> None:
        if row.status is DealStatus.LOST and row.lost_reason:
            self._line_of(painter, rect, self.tr("Reason: %1").replace("%1", row.lost_reason), self._small, dim)
            return
        small = QFontMetrics(self._small)
        room = rect.width()
        if row.no_next_step:
            text = self.tr("No next step")
            painter.setFont(self._small)
            painter.setPen(dim)
            painter.drawText(rect, int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignAbsolute
                                       | Qt.AlignmentFlag.AlignVCenter), text)  # fmt: skip
            room -= small.horizontalAdvance(text) + 8
        if row.stale:
            bold = QFont(self._small)
            bold.setBold(True)
            metrics = QFontMetrics(bold)
            texts = self.stale_texts(row)
            text = next((t for t in texts if metrics.horizontalAdvance(t) <= room), texts[-1])
            painter.setFont(bold)
            painter.setPen(STALE_COLOR)
            painter.drawText(QRect(rect.left(), rect.top(), max(room, 0), rect.height()),
                             int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter), text)  # fmt: skip

    def stale_texts(self, row: DealRow) -> list[str]:
        """The stale mark, longest first: the card shows the longest that fits."""
        if row.last_activity is None:
            return [self.tr("Stale")]
        days = QLocale().toString((local_now(self._clock) - row.last_activity).days)
        return [self.tr("Stale: quiet %1 days").replace("%1", days), self.tr("Stale: %1 days").replace("%1", days),
                self.tr("Stale")]  # fmt: skip
