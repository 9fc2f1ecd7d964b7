"""Printing a label run on a QPrinter: the page set to the template's paper, full page (no margins,
no fitting: 100% scale, so a label lands where the sheet has it), every sheet shifted by the
template's printer offset."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from PySide6.QtCore import QMarginsF, QSizeF
from PySide6.QtGui import QPageLayout, QPageSize, QPainter
from PySide6.QtPrintSupport import QPrinter

from crm_desktop.printing.label_sheet import SheetLayout
from crm_desktop.ui.labels.painting import paint_sheet


def page_size(width_mm: float, height_mm: float) -> QPageSize:
    """The standard size (A4, Letter) when the sheet is one, so the printer picks the right tray."""
    exact = QSizeF(width_mm, height_mm)
    size = QPageSize(exact, QPageSize.Unit.Millimeter, "", QPageSize.SizeMatchPolicy.FuzzyMatch)
    found = size.size(QPageSize.Unit.Millimeter)
    if abs(found.width() - width_mm) < 0.5 and abs(found.height() - height_mm) < 0.5:
        return size
    return QPageSize(exact, QPageSize.Unit.Millimeter, "", QPageSize.SizeMatchPolicy.ExactMatch)


def prepare_printer(printer: QPrinter, width_mm: float, height_mm: float, title: str = "") -> None:
    """Paper of the template's size, portrait, full page, no margins."""
    printer.setFullPage(True)
    layout = QPageLayout(page_size(width_mm, height_mm), QPageLayout.Orientation.Portrait, QMarginsF(0, 0, 0, 0),
                         QPageLayout.Unit.Millimeter, QMarginsF(0, 0, 0, 0))  # fmt: skip
    printer.setPageLayout(layout)
    if title:
        printer.setDocName(title)


def print_sheets(printer: QPrinter, sheets: Iterable[SheetLayout], offset: tuple[float, float],
                 progress: Callable[[int], None] | None = None,
                 cancelled: Callable[[], bool] | None = None) -> bool:  # fmt: skip
    """Paint the sheets, one a page, at 100%; False when cancelled (the job is then aborted)."""
    painter = QPainter()
    if not painter.begin(printer):
        return False
    try:
        for number, sheet in enumerate(sheets):
            if cancelled is not None and cancelled():
                printer.abort()
                return False
            if number:
                printer.newPage()
            full = printer.pageLayout().fullRectPixels(printer.resolution())
            painter.save()
            # fullRectPixels is the paper in device pixels; fullPage makes (0, 0) its corner.
            painter.scale(full.width() / sheet.page_width, full.height() / sheet.page_height)
            painter.translate(offset[0], offset[1])
            paint_sheet(painter, sheet, outlines=False)
            painter.restore()
            if progress is not None:
                progress(number + 1)
    finally:
        if painter.isActive():
            painter.end()
    return True
