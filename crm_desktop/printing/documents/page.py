"""The page every document shares: title and date at the top, "Page 3 of 12" and the business name at
the foot, margins, and the paper size of the owner's country."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import BinaryIO

from reportlab.lib.colors import Color
from reportlab.lib.pagesizes import A4, landscape, letter
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from crm_desktop.printing import fonts
from crm_desktop.printing.documents import text

INK = Color(0.1, 0.1, 0.12)
MUTED = Color(0.4, 0.4, 0.45)
RULE = Color(0.75, 0.75, 0.78)
SHADE = Color(0.95, 0.95, 0.96)
ACCENT = Color(0.13, 0.3, 0.5)
# Countries that use US Letter paper; everyone else uses A4.
LETTER_COUNTRIES = {"US", "CA", "MX", "PH", "CL", "CO", "VE", "GT", "CR", "PA", "DO", "PR", "SV", "NI", "HN"}
_TOTAL_FORM = "crmPageTotal"


def paper_for(region: str, wide: bool = False) -> tuple[float, float]:
    size = letter if region.upper() in LETTER_COUNTRIES else A4
    return landscape(size) if wide else size


def long_date(day: date) -> str:
    return f"{day.day} {day:%B %Y}"


@dataclass(frozen=True)
class Masthead:
    title: str
    subtitle: str = ""  # e.g. the date range or "Grouped by tag"
    printed_on: date | None = None
    business: str = ""  # the owner's business name, at the foot of every page


class DocumentCanvas:
    """A canvas that starts each page with the masthead and ends it with the footer.

    The total page count is not known until the end, so "of N" is a form drawn once at the end and
    placed on every page (the text stays real text)."""

    MARGIN = 15 * mm

    def __init__(self, target: str | Path | BinaryIO, masthead: Masthead, pagesize=A4,
                 on_page: Callable[[int], None] | None = None):
        self.masthead = masthead
        self.pagesize = pagesize
        self.canvas = Canvas(target if not isinstance(target, Path) else str(target), pagesize=pagesize,
                             pageCompression=1, initialFontName=_body_font())
        self.canvas.setTitle(masthead.title)
        self.canvas.setCreator("crm-desktop")
        if masthead.business:
            self.canvas.setAuthor(masthead.business)
        self.page = 0
        self._on_page = on_page
        self.top = 0.0  # where the page's content starts (below the masthead)
        self.bottom = self.MARGIN + 10 * mm
        self.left = self.MARGIN
        self.right = pagesize[0] - self.MARGIN
        self.start_page()

    @property
    def width(self) -> float:
        return self.right - self.left

    def start_page(self) -> None:
        self.page += 1
        c = self.canvas
        height = self.pagesize[1]
        y = height - self.MARGIN - 12
        c.setFillColor(INK)
        first = self.page == 1
        title_size = 16 if first else 10
        text.draw(c, self.left, y, self.masthead.title, title_size, bold=True, box=self.width * 0.7)
        if self.masthead.printed_on:
            c.setFillColor(MUTED)
            text.draw(c, self.left, y, long_date(self.masthead.printed_on), 8.5, align="right", box=self.width)
        if first and self.masthead.subtitle:
            y -= 15
            c.setFillColor(MUTED)
            text.draw(c, self.left, y, self.masthead.subtitle, 9.5, box=self.width)
        y -= 8
        c.setStrokeColor(ACCENT)
        c.setLineWidth(1.2 if first else 0.6)
        c.line(self.left, y, self.right, y)
        c.setFillColor(INK)
        self.top = y - 14

    def end_page(self) -> None:
        c = self.canvas
        y = self.MARGIN
        c.setStrokeColor(RULE)
        c.setLineWidth(0.5)
        c.line(self.left, y + 10, self.right, y + 10)
        c.setFillColor(MUTED)
        if self.masthead.business:
            text.draw(c, self.left, y, self.masthead.business, 8, box=self.width * 0.6)
        label = f"Page {self.page} of "
        # right-aligned: the label, then the total's form (sized for up to five digits, drawn at its left)
        form_width = text.width("00000", 8)
        x = self.right - form_width - text.width(label, 8)
        text.draw(c, x, y, label, 8)
        c.saveState()
        c.translate(self.right - form_width, y)
        c.doForm(_TOTAL_FORM)
        c.restoreState()
        c.setFillColor(INK)
        c.showPage()
        if self._on_page is not None:
            self._on_page(self.page)

    def new_page(self) -> None:
        self.end_page()
        self.start_page()

    def finish(self) -> int:
        """End the last page, write the page total and save; the number of pages."""
        self.end_page()
        c = self.canvas
        c.beginForm(_TOTAL_FORM)
        c.setFillColor(MUTED)
        text.draw(c, 0, 0, str(self.page), 8)
        c.endForm()
        c.save()
        return self.page


def _body_font() -> str:
    fonts.register_fonts()
    return fonts.font_name("latin")
