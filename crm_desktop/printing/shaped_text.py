"""One line of text in any mix of scripts, ready to measure and draw on a reportlab canvas.

reportlab orders right-to-left text only through rlbidi, which is not on PyPI; without it a shaped
Paragraph reverses the words of an Urdu line but leaves each word's punctuation on the wrong side
("کراچی،" prints with its comma after the word, seen in pdftoppm renders) and shapes a mixed word in
one font (Latin inside brackets turns into empty boxes). So lines are ordered here: the Unicode
bidi algorithm (python-bidi) gives each character its level, the line splits into runs of one level
and one font, the runs are put in visual order (rule L2), and each run is shaped on its own by
HarfBuzz in its direction. Latin runs stay plain strings: no shaping needed, and the PDF keeps them
as extractable text.
"""

from __future__ import annotations

import functools
import unicodedata
from dataclasses import dataclass

from bidi import algorithm as bidi_algorithm
from bidi.mirror import MIRRORED
from reportlab.pdfbase import pdfmetrics
from reportlab.lib.rl_accel import escapePDF, fp_str
from reportlab.pdfbase.ttfonts import ShapedStr, shapeStr

from crm_desktop.printing.fonts import font_name, register_fonts, script_of_char

# Line box per em, the same for every script so lines of one label share a rhythm: NotoSans' own
# ascent, and the Naskh descent (its deepest letters) when a line holds Arabic.
ASCENT = 1.069
DESCENT_LATIN = 0.293
DESCENT_ARABIC = 0.634
SIMPLE_BELOW = "\u0590"  # text wholly below Hebrew: left to right, in NotoSans, no shaping needed


@dataclass(frozen=True, slots=True)
class Run:
    """A piece of a line in one font and one direction, in drawing order."""

    text: str  # a plain str, or "" for a shaped run (see words)
    font: str
    width: float  # at 1 pt
    rtl: bool
    words: tuple[tuple[ShapedStr, float], ...] = ()  # a shaped run: each word's glyphs (visual order) and x at 1 pt


@dataclass(frozen=True, slots=True)
class ShapedLine:
    text: str  # the logical text, as typed
    bold: bool
    rtl: bool  # the line's base direction
    runs: tuple[Run, ...]  # left to right on the page
    width: float  # at 1 pt
    ascent: float  # per pt, above the baseline
    descent: float  # per pt, below the baseline (positive)

    @property
    def height(self) -> float:
        return self.ascent + self.descent


def _is_strong_rtl(ch: str) -> bool:
    return unicodedata.bidirectional(ch) in ("R", "AL")


def base_is_rtl(text: str, default: bool = False) -> bool:
    """The line's own direction by its first strong character (bidi rule P2); `default` when it has none."""
    for ch in text:
        kind = unicodedata.bidirectional(ch)
        if kind in ("R", "AL"):
            return True
        if kind == "L":
            return False
    return default


@functools.cache
def _coverage(font: str) -> frozenset[int]:
    return frozenset(pdfmetrics.getFont(font).face.charToGlyph)


def _fonts(text: str, bold: bool) -> list[str]:
    """A font per character: a letter's script decides; a shared character (space, digit, punctuation)
    takes its neighbour's font when that font has it (NotoNaskhArabic has no brackets, for one)."""
    scripts = [_script(ch) for ch in text]
    following: list[str | None] = [None] * len(text)
    upcoming = None
    for i in range(len(text) - 1, -1, -1):
        following[i] = upcoming
        upcoming = scripts[i] or upcoming
    result = []
    previous = None
    for i, (ch, script) in enumerate(zip(text, scripts)):
        if script is None:
            script = "latin"
            for candidate in (previous, following[i]):
                if candidate and ord(ch) in _coverage(font_name(candidate, bold)):
                    script = candidate
                    break
        else:
            previous = script
        result.append(font_name(script, bold))
    return result


_script = functools.lru_cache(maxsize=4096)(script_of_char)


def _levels(text: str, rtl: bool) -> list[int]:
    if not rtl and not any(_is_strong_rtl(ch) for ch in text):
        return [0] * len(text)
    storage = bidi_algorithm.get_empty_storage()
    storage["base_level"] = 1 if rtl else 0
    storage["base_dir"] = "R" if rtl else "L"
    bidi_algorithm.get_embedding_levels(text, storage)
    bidi_algorithm.explicit_embed_and_overrides(storage)
    bidi_algorithm.resolve_weak_types(storage)
    bidi_algorithm.resolve_neutral_types(storage, False)
    bidi_algorithm.resolve_implicit_levels(storage, False)
    return [c["level"] for c in storage["chars"]]


def _visual_order(runs: list[tuple[int, str, str]]) -> list[tuple[int, str, str]]:
    """Rule L2: from the highest level down to the lowest odd one, reverse every stretch at or above it."""
    if not runs:
        return runs
    order = list(runs)
    highest = max(level for level, _, _ in order)
    lowest_odd = min((level for level, _, _ in order if level % 2), default=highest + 1)
    for level in range(highest, lowest_odd - 1, -1):
        i = 0
        while i < len(order):
            if order[i][0] >= level:
                j = i
                while j < len(order) and order[j][0] >= level:
                    j += 1
                order[i:j] = order[i:j][::-1]
                i = j
            else:
                i += 1
    return order


def _shaped_run(text: str, font: str, rtl: bool) -> Run:
    if rtl and not any(_is_strong_rtl(ch) for ch in text):
        # Only shared characters at a right-to-left level: reverse them and mirror brackets ourselves
        # (HarfBuzz would guess left to right for them).
        text = "".join(MIRRORED.get(ch, ch) for ch in reversed(text))
    if font.startswith(font_name("latin")):
        return Run(text, font, pdfmetrics.stringWidth(text, font, 1), rtl)
    # Word by word: shaping never reaches across a space, and the same words (streets, cities) come
    # back on label after label, so each is shaped once.
    words = text.split(" ")
    placed = []
    x = 0.0
    for word in reversed(words) if rtl else words:
        if word:
            glyphs, word_width = _shaped_word(word, font)
            placed.append((glyphs, x))
            x += word_width
        x += _space(font)
    return Run("", font, x - _space(font), rtl, tuple(placed))


@functools.lru_cache(maxsize=50_000)
def _shaped_word(word: str, font: str) -> tuple[ShapedStr, float]:
    shaped = shapeStr(word, font, 1000, force=True)
    return shaped, sum(d.x_advance for d in shaped.__shapeData__) / 1000


@functools.cache
def _space(font: str) -> float:
    return pdfmetrics.stringWidth(" ", font, 1)


@functools.lru_cache(maxsize=20_000)
def shape_line(text: str, bold: bool = False, rtl: bool | None = None) -> ShapedLine:
    """The line measured and ordered for drawing. rtl: its base direction; None: its own (P2)."""
    register_fonts()
    text = unicodedata.normalize("NFC", text)
    if not text or max(text) < SIMPLE_BELOW:
        # Latin, Greek, Cyrillic: one run in NotoSans, nothing to order or shape (most labels).
        font = font_name("latin", bold)
        width = pdfmetrics.stringWidth(text, font, 1)
        return ShapedLine(text, bold, bool(rtl), (Run(text, font, width, False),), width, ASCENT, DESCENT_LATIN)
    base_rtl = base_is_rtl(text) if rtl is None else rtl
    fonts = _fonts(text, bold)
    levels = _levels(text, base_rtl)
    logical: list[tuple[int, str, str]] = []
    for ch, font, level in zip(text, fonts, levels):
        if logical and logical[-1][0] == level and logical[-1][1] == font:
            logical[-1] = (level, font, logical[-1][2] + ch)
        else:
            logical.append((level, font, ch))
    runs = tuple(_shaped_run(piece, font, level % 2 == 1) for level, font, piece in _visual_order(logical))
    arabic = any(font.startswith(font_name("arabic")) for _, font, _ in logical)
    return ShapedLine(text, bold, base_rtl, runs, sum(r.width for r in runs), ASCENT,
                      DESCENT_ARABIC if arabic else DESCENT_LATIN)  # fmt: skip


class TextWriter:
    """Draws shaped lines through reportlab text objects (one per page) for one document.

    Speed matters (10,000 labels in under two seconds), so two things are done here rather than by
    reportlab call by call: a plain run (Latin, most of every label) is encoded with str.translate
    through the font's own character assignments; and a shaped word's PDF code is made by reportlab
    once per document and size, then reused (the same street and city words come back all the time).
    """

    def __init__(self, canvas):
        self.canvas = canvas
        self._doc = canvas._doc
        self.text = None
        self._font_size: tuple[str, float] | None = None
        self._tables: dict[str, tuple[dict[int, int], frozenset[int]]] = {}
        self._word_code: dict[tuple[str, str, float], str] = {}

    def begin_page(self) -> None:
        self.text = self.canvas.beginText()
        self._font_size = None

    def end_page(self) -> None:
        self.canvas.drawText(self.text)
        self.text = None

    def line(self, line: ShapedLine, x: float, baseline: float, size: float) -> None:
        """Draw the runs left to right from x (points, reportlab's bottom-left origin)."""
        for run in line.runs:
            if run.words:
                for glyphs, offset in run.words:
                    self._shaped(run.font, glyphs, x + offset * size, baseline, size)
            else:
                self.text.setTextOrigin(x, baseline)
                self._plain(run.font, run.text, size)
            x += run.width * size

    def _shaped(self, font: str, glyphs: ShapedStr, x: float, baseline: float, size: float) -> None:
        text = self.text
        text.setTextOrigin(x, baseline)
        key = (str(glyphs), font, size)
        code = self._word_code.get(key)
        if code is None:
            text.setFont(font, size)  # forgets the current subset: the code names its font itself
            text.textOut(glyphs)
            code = self._word_code[key] = text._code[-1]
        else:
            text._code.append(code)
        self._font_size = None

    def _plain(self, font_name_: str, value: str, size: float) -> None:
        font = pdfmetrics.getFont(font_name_)
        table, known = self._tables.get(font_name_) or self._table(font)
        chunks = None
        if set(map(ord, value)) <= known:
            encoded = value.translate(table)
            if max(encoded, default="\0") < "\u0100":
                chunks = [(0, encoded.encode("latin-1"))]
        if chunks is None:
            chunks = font.splitString(value, self._doc)  # assigns the new characters
            self._tables.pop(font_name_, None)
        code = self.text._code
        for subset, chunk in chunks:
            key = (font.getSubsetInternalName(subset, self._doc), size)
            if key != self._font_size:
                code.append(f"{key[0]} {fp_str(size)} Tf")
                self._font_size = key
            code.append(f"({escapePDF(chunk)}) Tj")

    def _table(self, font) -> tuple[dict[int, int], frozenset[int]]:
        state = font.state.get(self._doc)
        assignments = dict(state.assignments) if state is not None else {}
        entry = (assignments, frozenset(assignments))
        self._tables[font.fontName] = entry
        return entry
