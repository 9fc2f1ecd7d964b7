"""One line of text in any script, measured and drawn straight on a canvas.

Each script's run is drawn in its own bundled font (printing.fonts). Latin is written as plain text (fast
and extractable); Devanagari, Tamil and Urdu are shaped by HarfBuzz (reportlab's shapeStr). A line whose
first strong letter is Urdu runs right to left: its pieces are laid out in visual order (a small form of
the Unicode bidi rules: right-to-left pieces reversed, numbers and Latin words kept left to right).

Shaping a whole run at once also keeps an Urdu name's words in their right order, which a shaped
platypus Paragraph (it shapes word by word, left to right) does not.
"""

from __future__ import annotations

import functools
import unicodedata
from dataclasses import dataclass

from reportlab.lib.rl_accel import escapePDF, fp_str
from reportlab.pdfbase.pdfmetrics import getFont, stringWidth
from reportlab.pdfbase.ttfonts import ShapedStr, shapeStr

from crm_desktop.domain.scripts import is_rtl
from crm_desktop.printing import fonts

MIN_SIZE = 5.0  # a word too wide for its column shrinks down to this, never further


@dataclass(frozen=True, slots=True)
class Piece:
    font: str
    text: str  # a ShapedStr for shaped scripts
    width: float  # at size 1


def _direction(ch: str) -> str | None:
    """'R', 'L' or None (neutral: spaces, punctuation, which take their neighbours' direction)."""
    bidi = unicodedata.bidirectional(ch)
    if bidi in ("R", "AL"):
        return "R"
    if bidi in ("L", "EN", "AN"):  # digits run left to right even inside Urdu
        return "L"
    return None


def _logical_pieces(text: str, rtl: bool) -> list[tuple[str, str, str]]:
    """[(script, direction, text)] in logical order, neutrals resolved (bidi rules N1/N2)."""
    raw: list[list] = []  # [script, direction or None, text]
    for ch in text:
        script = fonts.script_of_char(ch)
        direction = _direction(ch)
        if ch.isdigit():
            script = "latin" if ch.isascii() else (script or "latin")
        if raw and raw[-1][0] == script and raw[-1][1] == direction:
            raw[-1][2] += ch
        else:
            raw.append([script, direction, ch])
    base = "R" if rtl else "L"
    resolved: list[list] = []
    for i, (script, direction, chunk) in enumerate(raw):
        if direction is None:
            before = next((r[1] for r in reversed(raw[:i]) if r[1]), base)
            after = next((r[1] for r in raw[i + 1 :] if r[1]), base)
            direction = before if before == after else base
            # a neutral goes with a neighbour of its direction, in that neighbour's font
            script = next((r[0] for r in reversed(raw[:i]) if r[1] == direction and r[0]), None) or next(
                (r[0] for r in raw[i + 1 :] if r[1] == direction and r[0]), "latin"
            )
        script = script or "latin"
        if script != "latin" and not _covers(script, chunk):
            script = "latin"  # a "·" between Tamil words: the Tamil font has no such glyph
        if resolved and resolved[-1][0] == script and resolved[-1][1] == direction:
            resolved[-1][2] += chunk
        else:
            resolved.append([script, direction, chunk])
    return [(s, d, t) for s, d, t in resolved]


def _covers(script: str, chunk: str) -> bool:
    glyphs = getFont(fonts.font_name(script)).face.charToGlyph
    return all(ord(ch) in glyphs for ch in chunk)


def _visual(pieces: list[tuple[str, str, str]], rtl: bool) -> list[tuple[str, str, str]]:
    """Reorder logical pieces for display (bidi rule L2 at the level of pieces)."""
    if rtl:
        pieces = pieces[::-1]
        flip = "L"
    else:
        flip = "R"
    out: list[tuple[str, str, str]] = []
    i = 0
    while i < len(pieces):
        if pieces[i][1] != flip:
            out.append(pieces[i])
            i += 1
            continue
        j = i
        while j < len(pieces) and pieces[j][1] == flip:
            j += 1
        out.extend(reversed(pieces[i:j]))
        i = j
    return out


@functools.lru_cache(maxsize=16384)
def line_pieces(text: str, bold: bool = False) -> tuple[tuple[Piece, ...], float]:
    """The pieces of a one-line text in visual order, and its width at size 1 (cities and companies
    repeat: a bounded cache)."""
    fonts.register_fonts()
    if text.isascii():
        name = fonts.font_name("latin", bold)
        unit = stringWidth(text, name, 1)
        return (Piece(name, text, unit),), unit
    rtl = is_rtl(text)
    pieces = []
    for script, direction, chunk in _visual(_logical_pieces(text, rtl), rtl):
        name = fonts.font_name(script, bold)
        if script == "latin":
            pieces.append(Piece(name, chunk, stringWidth(chunk, name, 1)))
            continue
        if direction == "L" and script == "arabic":
            chunk = chunk[::-1]  # Urdu digits: HarfBuzz would lay them out right to left
        shaped = shapeStr(chunk, name, 1000)
        if isinstance(shaped, ShapedStr):
            width = sum(d.x_advance for d in shaped.__shapeData__) / 1000
        else:
            width = stringWidth(shaped, name, 1)
        pieces.append(Piece(name, shaped, width))
    return tuple(pieces), sum(p.width for p in pieces)


def width(text: str, size: float, bold: bool = False) -> float:
    return line_pieces(text, bold)[1] * size


def draw(canvas, x: float, y: float, text: str, size: float, bold: bool = False, align: str = "left",
         box: float | None = None) -> None:
    """Draw one line with its baseline at y. align "left"/"right"/"center" within box (from x); "auto":
    right for a right-to-left text. A line wider than box is drawn smaller (down to MIN_SIZE)."""
    pieces, unit = line_pieces(text, bold)
    if not text:
        return
    if box is not None and unit * size > box:
        size = max(MIN_SIZE, box / unit)
    if align == "auto":
        align = "right" if is_rtl(text) else "left"
    if box is not None and align == "right":
        x += box - unit * size
    elif box is not None and align == "center":
        x += (box - unit * size) / 2
    _pen(canvas).write(x, y, text, bold, pieces, size)


class _Pen:
    """Lines written as PDF text operators, each line's operators made once per text and size and kept
    (cities, companies and tab headings repeat): several times faster than a reportlab text object per
    line, which is what lets a 100,000-contact directory take seconds.

    Plain text is encoded the way reportlab's TTFont documents for its dynamic fonts (splitString,
    getSubsetInternalName); shaped text through a text object whose operators are kept."""

    ORIGIN = "BT 1 0 0 1 0 0 Tm "

    def __init__(self, canvas):
        self.canvas = canvas
        self.doc = canvas._doc
        self.bodies: dict[tuple[str, bool, float], str] = {}
        self.ascii: dict[str, tuple[str, dict[int, str]] | None] = {}  # font -> (first subset's name, codes)

    def write(self, x: float, y: float, text: str, bold: bool, pieces: tuple[Piece, ...], size: float) -> None:
        key = (text, bold, size)
        body = self.bodies.get(key)
        if body is None:
            body = self._body(pieces, size)
            if body is None:  # a text object whose operators could not be kept: draw it as it is
                t = self.canvas.beginText(x, y)
                for piece in pieces:
                    t.setFont(piece.font, size)
                    t.textOut(piece.text)
                self.canvas.drawText(t)
                return
            if len(self.bodies) > 50_000:
                self.bodies.clear()
            self.bodies[key] = body
        self.canvas._code.append(f"BT 1 0 0 1 {fp_str(x)} {fp_str(y)} Tm {body} ET")

    def _body(self, pieces: tuple[Piece, ...], size: float) -> str | None:
        if any(isinstance(piece.text, ShapedStr) for piece in pieces):
            t = self.canvas.beginText(0, 0)
            for piece in pieces:
                t.setFont(piece.font, size)
                t.textOut(piece.text)
            code = t.getCode()
            if code.startswith(self.ORIGIN) and code.endswith(" ET") and code.count(" ET") == 1:
                return code[len(self.ORIGIN) : -3]
            return None
        size_text = fp_str(size)
        code = []
        for piece in pieces:
            table = self._ascii_table(piece.font) if piece.text.isascii() and piece.text.isprintable() else None
            if table is not None:
                code.append(f"{table[0]} {size_text} Tf ({escapePDF(piece.text.translate(table[1]))}) Tj")
                continue
            font = getFont(piece.font)
            for subset, chunk in font.splitString(piece.text, self.doc):
                code.append(f"{font.getSubsetInternalName(subset, self.doc)} {size_text} Tf ({escapePDF(chunk)}) Tj")
        return " ".join(code)

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


def _pen(canvas) -> _Pen:
    pen = getattr(canvas, "_crm_pen", None)
    if pen is None:
        pen = canvas._crm_pen = _Pen(canvas)
    return pen


def wrap(text: str, size: float, box: float, bold: bool = False) -> list[str]:
    """The lines text takes in a column box points wide: at its own line breaks, then between words,
    and a Latin word longer than the column (an email address) between letters."""
    if "\n" not in text and "\r" not in text and line_pieces(text, bold)[1] * size <= box:
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
