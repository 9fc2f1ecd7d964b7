"""A picture of one label sheet: the page, every label's outline, the lines as they will print, the
positions left empty (start at label N) shaded. Fit to the widget, or at a fixed zoom (1.0 = the
sheet's real size on this screen) inside a scroll area."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import QSizePolicy, QWidget

from crm_desktop.printing.label_sheet import SheetLayout
from crm_desktop.ui.labels.painting import paint_sheet

MARGIN_PX = 12
MM_PER_INCH = 25.4


class SheetPreview(QWidget):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("labelPreview")
        self._sheet: SheetLayout | None = None
        self._message = ""
        self._zoom: float | None = None  # None: fit the widget
        self._used = 0  # positions before the start label (first sheet only)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(240, 300)

    # ---- what it shows ----------------------------------------------------------------------------

    def sheet(self) -> SheetLayout | None:
        return self._sheet

    def set_sheet(self, sheet: SheetLayout | None, message: str = "", used: int = 0) -> None:
        """Show a sheet; with None, the message in its place (nobody to print for, still planning).
        used: its first positions already peeled off (start at label N), drawn crossed out."""
        self._sheet = sheet
        self._used = used
        self._message = message
        self._update_size()
        self.update()

    def message(self) -> str:
        return self._message

    def zoom(self) -> float | None:
        return self._zoom

    def set_zoom(self, zoom: float | None) -> None:
        self._zoom = zoom
        self._update_size()
        self.update()

    # ---- geometry ---------------------------------------------------------------------------------

    def _page_mm(self) -> tuple[float, float]:
        return (self._sheet.page_width, self._sheet.page_height) if self._sheet else (210.0, 297.0)

    def px_per_mm(self) -> float:
        width, height = self._page_mm()
        if self._zoom is not None:
            return self._zoom * self.logicalDpiX() / MM_PER_INCH
        room_w, room_h = self.width() - 2 * MARGIN_PX, self.height() - 2 * MARGIN_PX
        return max(0.1, min(room_w / width, room_h / height))

    def page_rect(self) -> QRectF:
        """The page on the widget, in pixels."""
        width, height = self._page_mm()
        scale = self.px_per_mm()
        w, h = width * scale, height * scale
        return QRectF(max(MARGIN_PX, (self.width() - w) / 2), max(MARGIN_PX, (self.height() - h) / 2), w, h)

    def label_rect(self, slot: int) -> QRectF:
        """Where label `slot` of the shown sheet is on the widget, in pixels."""
        if self._sheet is None:
            return QRectF()
        rect, page, scale = self._sheet.labels[slot].rect, self.page_rect(), self.px_per_mm()
        return QRectF(page.x() + rect.x * scale, page.y() + rect.y * scale, rect.width * scale, rect.height * scale)

    def _update_size(self) -> None:
        if self._zoom is None:
            self.setMinimumSize(240, 300)
        else:
            width, height = self._page_mm()
            scale = self.px_per_mm()
            self.setMinimumSize(int(width * scale) + 2 * MARGIN_PX, int(height * scale) + 2 * MARGIN_PX)
        self.updateGeometry()

    def sizeHint(self) -> QSize:
        return QSize(460, 600)

    # ---- painting ---------------------------------------------------------------------------------

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), self.palette().color(QPalette.ColorRole.Mid))
        page = self.page_rect()
        if self._sheet is None:
            painter.setPen(self.palette().color(QPalette.ColorRole.WindowText))
            painter.drawText(self.rect().adjusted(MARGIN_PX, MARGIN_PX, -MARGIN_PX, -MARGIN_PX),
                             Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap, self._message)
            painter.end()
            return
        painter.fillRect(page.translated(3, 3), QColor(0, 0, 0, 60))  # a shadow: paper on a desk
        painter.fillRect(page, QColor("white"))  # paper is white in a dark theme too
        painter.translate(QPointF(page.x(), page.y()))
        scale = self.px_per_mm()
        painter.scale(scale, scale)
        paint_sheet(painter, self._sheet, used=self._used)
        painter.end()
