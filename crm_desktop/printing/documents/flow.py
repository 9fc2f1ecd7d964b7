"""Content running down the pages: headings, paragraphs, label/value pairs and tables whose header is
repeated on every page they cross, with a group heading carried over as "(continued)"."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from crm_desktop.printing.documents import text
from crm_desktop.printing.documents.page import ACCENT, INK, MUTED, RULE, SHADE, DocumentCanvas

BODY = 8.5
LEADING = 11.0
PAD = 3.0  # between a cell's text and its column's edges
HEADER = LEADING + 3
CAPTION = 22.0


@dataclass(frozen=True)
class Column:
    title: str
    share: float  # of the table's width
    align: str = "left"  # "left", "right" (amounts, counts) or "auto" (right for right-to-left text)


Cell = str | Sequence[str]  # several strings: one line each (a contact's phones)


class Flow:
    def __init__(self, page: DocumentCanvas):
        self.page = page
        self.c = page.canvas
        self.y = page.top
        self._table: tuple[Sequence[Column], list[float]] | None = None
        self._group = ""
        self._group_rows = 0
        self._header_page = 0
        self._rows_drawn = 0

    # -- page space ---------------------------------------------------------------------------------

    def room(self) -> float:
        return self.y - self.page.bottom

    def need(self, height: float) -> bool:
        """Start a new page unless height fits; True when a new page was started."""
        if height <= self.room() or self.y >= self.page.top:
            return False
        self.page.new_page()
        self.y = self.page.top
        return True

    def space(self, height: float) -> None:
        self.y -= height

    # -- text ---------------------------------------------------------------------------------------

    def heading(self, title: str, size: float = 12, keep: float = 3 * LEADING) -> None:
        """A section heading, kept with at least `keep` points of what follows it."""
        self.end_table()
        self.need(size * 1.6 + keep)
        if self.y < self.page.top:
            self.y -= size * 0.6
        self.c.setFillColor(ACCENT)
        text.draw(self.c, self.page.left, self.y - size, title, size, bold=True, align="auto", box=self.page.width)
        self.c.setFillColor(INK)
        self.y -= size * 1.6

    def paragraph(self, body: str, size: float = BODY, muted: bool = False, bold: bool = False) -> None:
        self.end_table()
        leading = size * 1.3
        for line, rtl in _directed(body, text.wrap(body, size, self.page.width, bold)):
            self.need(leading)
            self.c.setFillColor(MUTED if muted else INK)
            text.draw(self.c, self.page.left, self.y - size, line, size, bold=bold, align="auto", box=self.page.width,
                      rtl=rtl)  # fmt: skip
            self.y -= leading
        self.c.setFillColor(INK)

    def pairs(self, items: Sequence[tuple[str, str]], label_share: float = 0.22) -> None:
        """Label: value lines (a card's fields), the values wrapped in their column."""
        self.end_table()
        label_width = self.page.width * label_share
        value_width = self.page.width - label_width
        for label, value in items:
            lines = text.wrap(value, BODY, value_width - PAD)
            self.need(LEADING * len(lines))
            self.c.setFillColor(MUTED)
            text.draw(self.c, self.page.left, self.y - BODY, label, BODY, box=label_width - PAD)
            self.c.setFillColor(INK)
            align = "right" if text.base_is_rtl(value) else "left"  # an Urdu address aligns as one
            for line, rtl in _directed(value, lines):
                text.draw(self.c, self.page.left + label_width, self.y - BODY, line, BODY, align=align,
                          box=value_width - PAD, rtl=rtl)
                self.y -= LEADING
        self.y -= 4

    # -- tables -------------------------------------------------------------------------------------

    def begin_table(self, columns: Sequence[Column]) -> None:
        """Start a table; its column header is drawn above its first row on every page."""
        self.end_table()
        total = sum(col.share for col in columns)
        self._table = (columns, [self.page.width * col.share / total for col in columns])
        self._group = ""
        self._group_rows = 0
        self._header_page = 0
        self._rows_drawn = 0

    def group(self, title: str) -> None:
        """A group heading inside the table (a letter, a tag), kept with its first rows."""
        assert self._table is not None
        self._group = title
        self._group_rows = 0
        self.need(CAPTION + self._header_height() + 2 * LEADING)
        if self._header_page != self.page.page:
            self._draw_header()
        self._draw_caption(title)

    def row(self, cells: Sequence[Cell], bold: bool = False, shade: bool | None = None) -> None:
        assert self._table is not None
        columns, widths = self._table
        wrapped = [self._lines(cell, w, bold) for cell, w in zip(cells, widths)]
        height = LEADING * max(1, *(len(lines) for lines in wrapped)) + 2
        first_on_page = self._header_page != self.page.page
        if self.need(height + self._header_height()) or first_on_page:
            self._draw_header()
            if self._group and self._group_rows:
                self._draw_caption(f"{self._group} (continued)")
        if shade if shade is not None else self._rows_drawn % 2:
            self.c.setFillColor(SHADE)
            self.c.rect(self.page.left, self.y - height, self.page.width, height, stroke=0, fill=1)
            self.c.setFillColor(INK)
        x = self.page.left
        for col, w, lines in zip(columns, widths, wrapped):
            y = self.y - BODY - 1.5
            for line, rtl in lines:
                text.draw(self.c, x + PAD, y, line, BODY, bold=bold, align=col.align, box=w - 2 * PAD, rtl=rtl)
                y -= LEADING
            x += w
        self.y -= height
        self._rows_drawn += 1
        self._group_rows += 1

    def total_row(self, cells: Sequence[Cell]) -> None:
        self.need(LEADING * 2)
        self.c.setStrokeColor(INK)
        self.c.setLineWidth(0.6)
        self.c.line(self.page.left, self.y, self.page.right, self.y)
        self.row(cells, bold=True, shade=False)

    def end_table(self) -> None:
        if self._table is not None:
            self._table = None
            self.y -= 8

    def _lines(self, cell: Cell, box: float, bold: bool) -> list[tuple[str, bool | None]]:
        values = [cell] if isinstance(cell, str) else list(cell)
        lines: list[tuple[str, bool | None]] = []
        for value in values:
            lines.extend(_directed(value, text.wrap(value, BODY, box - 2 * PAD, bold)) if value else [])
        return lines or [("", None)]

    def _header_height(self) -> float:
        return 0.0 if self._header_page == self.page.page else HEADER

    def _draw_header(self) -> None:
        columns, widths = self._table
        self.c.setFillColor(MUTED)
        x = self.page.left
        for col, w in zip(columns, widths):
            align = "right" if col.align == "right" else "left"
            text.draw(self.c, x + PAD, self.y - 8, col.title, 7.5, bold=True, align=align, box=w - 2 * PAD)
            x += w
        self.c.setStrokeColor(RULE)
        self.c.setLineWidth(0.6)
        self.y -= LEADING + 1
        self.c.line(self.page.left, self.y, self.page.right, self.y)
        self.y -= 2
        self.c.setFillColor(INK)
        self._header_page = self.page.page
        self._rows_drawn = 0

    def _draw_caption(self, caption: str) -> None:
        if self._rows_drawn:
            self.y -= 6
        self.c.setFillColor(ACCENT)
        text.draw(self.c, self.page.left, self.y - 10, caption, 10.5, bold=True, box=self.page.width)
        self.c.setFillColor(INK)
        self.y -= CAPTION - 6
        self._rows_drawn = 0


def _directed(value: str, lines: list[str]) -> list[tuple[str, bool | None]]:
    """Each wrapped line with its base direction: its own, or the whole value's when it has no strong
    letter (a postcode alone on the last line of an Urdu address)."""
    if len(lines) == 1:
        return [(lines[0], None)]
    own = text.base_is_rtl(value)
    return [(line, text.base_is_rtl(line, own)) for line in lines]
