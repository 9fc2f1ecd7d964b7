"""One line of text in any script, measured and drawn straight on a canvas, through the labels' engine
(printing.shaped_text): the full Unicode bidi algorithm orders the line, each run of one direction and
font is shaped by HarfBuzz, Latin stays plain extractable text. So a directory cell, a dossier field
and a mailing label print the same text in the same visual order.

What the documents add: a box to align in or shrink into, wrapping into a column, and a fast writer
(printing.pdf_text) for the hundreds of thousands of lines of a directory.
"""

from __future__ import annotations

from crm_desktop.printing.pdf_text import pen
from crm_desktop.printing.shaped_text import base_is_rtl, shape_line

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
    pen(canvas).write(x, y, line, size)


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
