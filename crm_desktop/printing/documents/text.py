"""One line of text in any script, measured and drawn straight on a canvas, through the labels' engine
(printing.shaped_text): the full Unicode bidi algorithm orders the line, each run of one direction and
font is shaped by HarfBuzz, Latin stays plain extractable text. So a directory cell, a dossier field
and a mailing label print the same text in the same visual order.

What the documents add: a box to align in or shrink into, wrapping into a column, and a fast writer
(see _Pen) for the hundreds of thousands of lines of a directory.
"""

from __future__ import annotations

from reportlab.lib.rl_accel import escapePDF, fp_str
from reportlab.pdfbase.pdfmetrics import getFont
from reportlab.pdfbase.ttfonts import ShapedStr

from crm_desktop.printing.shaped_text import ShapedLine, base_is_rtl, shape_line

MIN_SIZE = 5.0  # a word too wide for its column shrinks down to this, never further

__all__ = ["MIN_SIZE", "base_is_rtl", "draw", "width", "wrap"]


def width(text: str, size: float, bold: bool = False, rtl: bool | None = None) -> float:
    return shape_line(text, bold, rtl).width * size


def draw(canvas, x: float, y: float, text: str, size: float, bold: bool = False, align: str = "left",
         box: float | None = None, rtl: bool | None = None) -> None:
    """Draw one line with its baseline at y. align "left"/"right"/"center" within box (from x); "auto":
    right for a right-to-left line. A line wider than box is drawn smaller (down to MIN_SIZE). rtl: the
    line's base direction (a wrapped Urdu value's lines share the value's); None: its own."""
    if not text:
        return
    line = shape_line(text, bold, rtl)
    unit = line.width
    if box is not None and unit * size > box:
        size = max(MIN_SIZE, box / unit)
    if align == "auto":
        align = "right" if line.rtl else "left"
    if box is not None and align == "right":
        x += box - unit * size
    elif box is not None and align == "center":
        x += (box - unit * size) / 2
    _pen(canvas).write(x, y, line, size)


class _Pen:
    """Lines written as PDF text operators, each line's operators made once per text and size and kept
    (cities, companies and tab headings repeat): several times faster than a reportlab text object per
    line, which is what lets a 100,000-contact directory take seconds.

    A line's operators are relative to its start (runs and words placed by Td), so they are reused at
    any position. Plain text is encoded the way reportlab's TTFont documents for its dynamic fonts
    (splitString, getSubsetInternalName); a shaped word by a reportlab text object, kept per size."""

    def __init__(self, canvas):
        self.canvas = canvas
        self.doc = canvas._doc
        self.bodies: dict[tuple[str, bool, bool, float], str] = {}
        self.words: dict[tuple[str, str, float], str] = {}
        self.ascii: dict[str, tuple[str, dict[int, str]] | None] = {}  # font -> (first subset's name, codes)

    def write(self, x: float, y: float, line: ShapedLine, size: float) -> None:
        key = (line.text, line.bold, line.rtl, size)
        body = self.bodies.get(key)
        if body is None:
            if len(self.bodies) > 50_000:
                self.bodies.clear()
            body = self.bodies[key] = self._body(line, size)
        self.canvas._code.append(f"BT 1 0 0 1 {fp_str(x)} {fp_str(y)} Tm {body} ET")

    def _body(self, line: ShapedLine, size: float) -> str:
        code: list[str] = []
        at = 0.0  # the text line's start, from the line's origin
        x = 0.0
        for run in line.runs:
            if run.words:
                for glyphs, offset in run.words:
                    at = _move(code, at, x + offset * size)
                    code.append(self._shaped(run.font, glyphs, size))
            elif run.text:
                at = _move(code, at, x)
                code.append(self._plain(run.font, run.text, size))
            x += run.width * size
        return " ".join(code)

    def _shaped(self, font: str, glyphs: ShapedStr, size: float) -> str:
        key = (str(glyphs), font, size)
        code = self.words.get(key)
        if code is None:
            scratch = self.canvas.beginText(0, 0)
            scratch.setFont(font, size)  # so the code names its font and subset itself
            code = self.words[key] = scratch._formatText(glyphs)
        return code

    def _plain(self, font_name: str, value: str, size: float) -> str:
        size_text = fp_str(size)
        table = self._ascii_table(font_name) if value.isascii() and value.isprintable() else None
        if table is not None:
            return f"{table[0]} {size_text} Tf ({escapePDF(value.translate(table[1]))}) Tj"
        font = getFont(font_name)
        return " ".join(f"{font.getSubsetInternalName(subset, self.doc)} {size_text} Tf ({escapePDF(chunk)}) Tj"
                        for subset, chunk in font.splitString(value, self.doc))  # fmt: skip

    def _ascii_table(self, font_name: str) -> tuple[str, dict[int, str]] | None:
        """Printable ASCII in a font's first subset, assigned once, so an ASCII text is encoded by one
        str.translate() instead of character by character."""
        if font_name not in self.ascii:
            font = getFont(font_name)
            codes: dict[int, str] = {}
            for code in range(32, 127):
                parts = font.splitString(chr(code), self.doc)
                if len(parts) != 1 or parts[0][0] != 0:
                    self.ascii[font_name] = None
                    return None
                codes[code] = chr(parts[0][1][0])
            self.ascii[font_name] = (font.getSubsetInternalName(0, self.doc), codes)
        return self.ascii[font_name]


def _move(code: list[str], at: float, to: float) -> float:
    """Move the text line's start from `at` to `to` (Td is relative to the last line start)."""
    if abs(to - at) > 1e-4:
        code.append(f"{fp_str(to - at)} 0 Td")
    return to


def _pen(canvas) -> _Pen:
    pen = getattr(canvas, "_crm_pen", None)
    if pen is None:
        pen = canvas._crm_pen = _Pen(canvas)
    return pen


def wrap(text: str, size: float, box: float, bold: bool = False) -> list[str]:
    """The lines text takes in a column box points wide: at its own line breaks, then between words,
    and a Latin word longer than the column (an email address) between letters."""
    if "\n" not in text and "\r" not in text and width(text, size, bold) <= box:
        return [text]
    lines: list[str] = []
    for paragraph in text.splitlines() or [""]:
        if width(paragraph, size, bold) <= box:
            lines.append(paragraph)
            continue
        current = ""
        for word in paragraph.split(" "):
            candidate = f"{current} {word}" if current else word
            if width(candidate, size, bold) <= box:
                current = candidate
                continue
            if current:
                lines.append(current)
            current = word
            while word.isascii() and len(current) > 1 and width(current, size, bold) > box:
                cut = _fitting_prefix(current, size, box, bold)
                lines.append(current[:cut])
                current = current[cut:]
        lines.append(current)
    return lines


def _fitting_prefix(word: str, size: float, box: float, bold: bool) -> int:
    """How many letters of word fit: cut after an "@", else after a ".", "-" or "_", else anywhere."""
    low, high = 1, len(word)
    while low < high:
        middle = (low + high + 1) // 2
        if width(word[:middle], size, bold) <= box:
            low = middle
        else:
            high = middle - 1
    for marks in ("@", ".-_"):
        cut = max(word.rfind(mark, 0, low) for mark in marks) + 1
        if cut > low // 3:
            return cut
    return low
