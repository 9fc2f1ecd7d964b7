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
from reportlab.pdfbase.ttfonts import ShapedStr, shapeStr

from crm_desktop.printing.fonts import font_name, register_fonts, script_of_char

# Line box per em, the same for every script so lines of one label share a rhythm: NotoSans' own
# ascent, and the Naskh descent (its deepest letters) when a line holds Arabic.
ASCENT = 1.069
DESCENT_LATIN = 0.293
DESCENT_ARABIC = 0.634


@dataclass(frozen=True, slots=True)
class Run:
    """A piece of a line in one font and one direction, in drawing order."""

    text: str  # a ShapedStr (glyphs already in visual order) or a plain str
    font: str
    width: float  # at 1 pt
    rtl: bool


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
    scripts = [script_of_char(ch) for ch in text]
    result = []
    previous = None
    for i, (ch, script) in enumerate(zip(text, scripts)):
        if script is None:
            following = next((s for s in scripts[i + 1 :] if s), None)
            for candidate in (previous, following, "latin"):
                if candidate and ord(ch) in _coverage(font_name(candidate, bold)):
                    script = candidate
                    break
            else:
                script = "latin"
        else:
            previous = script
        result.append(font_name(script, bold))
    return result


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
    if font.startswith(font_name("latin")) and not rtl:
        return Run(text, font, pdfmetrics.stringWidth(text, font, 1), False)
    shaped = shapeStr(text, font, 1000)
    if isinstance(shaped, ShapedStr):
        width = sum(d.x_advance for d in shaped.__shapeData__) / 1000
    else:
        width = pdfmetrics.stringWidth(shaped, font, 1)
    return Run(shaped, font, width, rtl)


@functools.lru_cache(maxsize=20_000)
def shape_line(text: str, bold: bool = False, rtl: bool | None = None) -> ShapedLine:
    """The line measured and ordered for drawing. rtl: its base direction; None: its own (P2)."""
    register_fonts()
    text = unicodedata.normalize("NFC", text)
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


def draw_line(canvas, line: ShapedLine, x: float, baseline: float, size: float) -> None:
    """Draw the runs left to right from x (points, reportlab's bottom-left origin)."""
    for run in line.runs:
        canvas.setFont(run.font, size)
        canvas.drawString(x, baseline, run.text)
        x += run.width * size
