"""Draw one label sheet (the engine's SheetLayout, in millimetres) with a QPainter whose units are
millimetres: the preview scales the painter to its zoom, the printer to its resolution.

The engine places each line (x, baseline, width, size); Qt shapes the text itself with the same bundled
Noto fonts, so a line is squeezed a hair when Qt's width comes out wider: it never leaves its label.
"""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontDatabase, QPainter, QPen, QTextLayout, QTextOption

from crm_desktop.domain.scripts import script_of
from crm_desktop.printing.label_sheet import SheetLayout
from crm_desktop.printing.text_fit import PT, PlacedLine
from crm_desktop.ui.resources import SCRIPT_FAMILIES, register_fonts

LATIN_FAMILY = "Noto Sans"
EM_PX = 100  # lines are laid out at this pixel size, then scaled to their size in mm (sharp at any zoom)


@cache
def line_font(script: str | None, bold: bool) -> QFont:
    """The bundled font for a line's script, the bundled Latin one behind it for digits and names."""
    register_fonts()
    families = [f for f in (SCRIPT_FAMILIES.get(script or ""), LATIN_FAMILY) if f and QFontDatabase.hasFamily(f)]
    font = QFont()
    if families:
        font.setFamilies(families)
    font.setPixelSize(EM_PX)
    font.setBold(bold)
    font.setHintingPreference(QFont.HintingPreference.PreferNoHinting)  # the shape, not the screen grid
    return font


def _layout(line: PlacedLine) -> QTextLayout:
    option = QTextOption()
    option.setTextDirection(Qt.LayoutDirection.RightToLeft if line.rtl else Qt.LayoutDirection.LeftToRight)
    option.setWrapMode(QTextOption.WrapMode.NoWrap)
    # Visually from x = 0 whatever the direction: the engine has already placed the line's left end.
    option.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignAbsolute)
    layout = QTextLayout(line.text, line_font(script_of(line.text), line.bold))
    layout.setTextOption(option)
    layout.beginLayout()
    text_line = layout.createLine()
    text_line.setLineWidth(1_000_000)
    layout.endLayout()
    return layout


def draw_line(painter: QPainter, line: PlacedLine, left: float, top: float) -> None:
    """One placed line; (left, top) is its label's corner in mm."""
    if not line.text.strip():
        return
    layout = _layout(line)
    text_line = layout.lineAt(0)
    scale = line.size * PT / EM_PX  # mm per layout pixel
    natural = text_line.naturalTextWidth() * scale
    squeeze = min(1.0, line.width / natural) if natural > 0 else 1.0
    drawn = natural * squeeze
    x = left + (line.x + line.width - drawn if line.rtl else line.x)
    painter.save()
    painter.translate(x, top + line.baseline)
    painter.scale(scale * squeeze, scale)
    layout.draw(painter, QPointF(0, -text_line.ascent()))
    painter.restore()


def paint_sheet(painter: QPainter, sheet: SheetLayout, outlines: bool = True, used: int = 0) -> None:
    """The whole sheet in mm from its top-left corner. outlines: the labels' edges (the preview; a
    printed sheet has its own die-cuts); used: the first positions already peeled off (start at label
    N), shaded and crossed out; the blank positions after the last label stay white."""
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
    if outlines:
        pen = QPen(QColor("#9aa0a6"), 0)  # cosmetic: one device pixel at any zoom
        for label in sheet.labels:
            rect = QRectF(label.rect.x, label.rect.y, label.rect.width, label.rect.height)
            painter.setPen(pen)
            if label.block is None and label.slot < used:
                painter.fillRect(rect, QColor("#dfe3e6"))
                painter.drawLine(rect.topLeft(), rect.bottomRight())
                painter.drawLine(rect.topRight(), rect.bottomLeft())
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRoundedRect(rect, 1.5, 1.5)
    painter.setPen(QColor("black"))
    for label in sheet.labels:
        if label.block is None:
            continue
        for line in label.block.lines:
            draw_line(painter, line, label.rect.x, label.rect.y)
    painter.restore()
