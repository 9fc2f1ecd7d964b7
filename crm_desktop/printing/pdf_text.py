"""Shaped lines written straight into a PDF page as text operators: the one writer of every PDF
(mailing labels, the directory, the dossier, the reports)."""

from __future__ import annotations

from reportlab.lib.rl_accel import escapePDF, fp_str
from reportlab.pdfbase.pdfmetrics import getFont
from reportlab.pdfbase.ttfonts import ShapedStr

from crm_desktop.printing.shaped_text import ShapedLine


class Pen:
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
        self.word_parts: dict[tuple[str, str], tuple[str, ...]] = {}  # a shaped word's code, less its size
        self.ascii: dict[str, tuple[str, dict[int, str]] | None] = {}  # font -> (first subset's name, codes)
        self.numbers: dict[float, str] = {}  # positions and sizes as PDF writes them: they repeat label after label
        self.scratch = None

    def write(self, x: float, y: float, line: ShapedLine, size: float) -> None:
        key = (line.text, line.bold, line.rtl, size)
        body = self.bodies.get(key)
        if body is None:
            if len(self.bodies) > 50_000:
                self.bodies.clear()
            body = self.bodies[key] = self._body(line, size)
        numbers = self.numbers  # read directly: two lookups per line, and the method call costs more than they do
        x_text = numbers.get(x) or self._number(x)
        y_text = numbers.get(y) or self._number(y)
        self.canvas._code.append(f"BT 1 0 0 1 {x_text} {y_text} Tm {body} ET")

    def _number(self, value: float) -> str:
        text = self.numbers.get(value)
        if text is None:
            if len(self.numbers) > 50_000:
                self.numbers.clear()
            text = self.numbers[value] = fp_str(value)
        return text

    def _body(self, line: ShapedLine, size: float) -> str:
        if len(line.runs) == 1 and line.runs[0].text and not line.runs[0].words:
            return self._plain(line.runs[0].font, line.runs[0].text, size)  # most lines: one plain run at the start
        code: list[str] = []
        at = 0.0  # the text line's start, from the line's origin
        x = 0.0
        for run in line.runs:
            if run.words:
                for glyphs, offset in run.words:
                    at = self._move(code, at, x + offset * size)
                    code.append(self._shaped(run.font, glyphs, size))
            elif run.text:
                at = self._move(code, at, x)
                code.append(self._plain(run.font, run.text, size))
            x += run.width * size
        return " ".join(code)

    def _move(self, code: list[str], at: float, to: float) -> float:
        """Move the text line's start from `at` to `to` (Td is relative to the last line start)."""
        if abs(to - at) > 1e-4:
            code.append(f"{self._number(to - at)} 0 Td")
        return to

    def _shaped(self, font: str, glyphs: ShapedStr, size: float) -> str:
        key = (glyphs, font, size)  # a ShapedStr hashes and compares as its glyph string
        code = self.words.get(key)
        if code is None:
            parts = self.word_parts.get((glyphs, font))
            if parts is None:
                code = self._format(font, glyphs, size)
                self.word_parts[(glyphs, font)] = self._size_free(font, glyphs, size, code)
            elif parts:
                code = _font_size(size).join(parts)
            else:
                code = self._format(font, glyphs, size)
            self.words[key] = code
        return code

    def _format(self, font: str, glyphs: ShapedStr, size: float) -> str:
        if self.scratch is None:
            self.scratch = self.canvas.beginText(0, 0)  # one text object formats every word: it keeps no code
        self.scratch.setFont(font, size)  # so the code names its font and subset itself
        return self.scratch._formatText(glyphs)

    def _size_free(self, font: str, glyphs: ShapedStr, size: float, code: str) -> tuple[str, ...]:
        """A shaped word's code around its size, so another size costs a join rather than reportlab's
        formatting again; () when the size shows elsewhere too (a glyph raised or lowered: Ts), or
        when the size operands are not found exactly once per font subset the word draws from (the
        code starts with one font switch: operands found once are that one)."""
        parts = tuple(code.split(_font_size(size)))
        if " Ts" in code or len(parts) < 2:
            return ()
        if len(parts) > 2 and len(parts) - 1 != len(getFont(font).splitString(glyphs, self.doc)):
            return ()
        return parts

    def _plain(self, font_name: str, value: str, size: float) -> str:
        size_text = self._number(size)
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


def _font_size(size: float) -> str:
    """The size operands a reportlab text object writes after a font's name: its size and default
    leading (1.2 times the size)."""
    return f"{fp_str(size)} Tf {fp_str(size * 1.2)} TL"


def pen(canvas) -> Pen:
    """The canvas's one Pen (made on first use), so its kept operators serve every page."""
    found = getattr(canvas, "_crm_pen", None)
    if found is None:
        found = canvas._crm_pen = Pen(canvas)
    return found
