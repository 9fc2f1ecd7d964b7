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
import re
import unicodedata
from typing import NamedTuple

import uharfbuzz
from bidi.mirror import MIRRORED
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import ShapeData, ShapedStr

from crm_desktop.domain.scripts import strong_direction
from crm_desktop.printing.bidi_levels import bidi_levels, needs_bidi
from crm_desktop.printing.fonts import font_name, register_fonts, script_of_char

# Line box per em, the same for every script so lines of one label share a rhythm: NotoSans' own
# ascent, and the Naskh descent (its deepest letters) when a line holds Arabic.
ASCENT = 1.069
DESCENT_LATIN = 0.293
DESCENT_ARABIC = 0.634
SIMPLE_BELOW = "\u0590"  # text wholly below Hebrew: left to right, in NotoSans, no shaping needed
_NOT_SIMPLE = re.compile(f"[{SIMPLE_BELOW}-\U0010ffff]")  # a search stops at the first; max() reads every character


# Named tuples, not frozen dataclasses: one or two per distinct line of a run, and much cheaper to make.


class Run(NamedTuple):
    """A piece of a line in one font and one direction, in drawing order."""

    text: str  # a plain str, or "" for a shaped run (see words)
    font: str
    width: float  # at 1 pt
    rtl: bool
    words: tuple[tuple[ShapedStr, float], ...] = ()  # a shaped run: each word's glyphs (visual order) and x at 1 pt
    source: str = ""  # the characters it draws, in logical order


class ShapedLine(NamedTuple):
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
    direction = strong_direction(text)
    return default if direction is None else direction


@functools.cache
def _coverage(font: str) -> frozenset[int]:
    return frozenset(pdfmetrics.getFont(font).face.charToGlyph)


# Scripts as one letter per character, so a line's fonts come from str.translate and regexes rather
# than a Python loop over its characters. A character every script shares (space, digit, punctuation)
# becomes its class instead: a private-use character whose bits say which fonts have it and whether it
# is an invisible format character. Those classes alone decide which neighbour's font each takes, so
# lines of one make-up ("House 12, Street 4" and "House 31, Street 9") share the answer.
_LETTER = {"latin": "l", "arabic": "a", "devanagari": "d", "tamil": "t"}
_SCRIPT = {letter: script for script, letter in _LETTER.items()}
_FONT_BIT = {(letter, bold): 1 << (2 * i + bold) for i, letter in enumerate(_SCRIPT) for bold in (False, True)}
_FORMAT_BIT = 1 << len(_FONT_BIT)
_CLASS_BASE = 0xE000
_SHARED = re.compile(f"[{chr(_CLASS_BASE)}-{chr(_CLASS_BASE + 2 * _FORMAT_BIT - 1)}]+")
_STRETCH = re.compile(r"(.)\1*", re.DOTALL)
# Embeddings, overrides and isolates have done their work once the levels are known; drawn, a font
# without them shows a box or a tick (NotoNaskhArabic has none).
_BIDI_CONTROLS = dict.fromkeys([*range(0x202A, 0x202F), *range(0x2066, 0x206A)])
_ANY_BIDI_CONTROL = re.compile("[\u202a-\u202e\u2066-\u2069]")  # searched first: rare, and translate is slow on misses


class _ScriptLetters(dict):
    """str.translate table to script letters and shared classes, filled on first sight of each
    character (the fonts registered: a class needs their coverage)."""

    def __missing__(self, code: int) -> str:
        ch = chr(code)
        script = script_of_char(ch)
        value = self[code] = _LETTER[script] if script else _shared_class(ch)
        return value


def _shared_class(ch: str) -> str:
    bits = _FORMAT_BIT if unicodedata.category(ch) == "Cf" else 0
    for (letter, bold), bit in _FONT_BIT.items():
        if ord(ch) in _coverage(font_name(_SCRIPT[letter], bold)):
            bits |= bit
    return chr(_CLASS_BASE + bits)


_SCRIPT_LETTERS = _ScriptLetters()


def _scripts(text: str, bold: bool) -> str:
    """A script letter per character: a letter's script decides; a shared character (space, digit,
    punctuation) takes its neighbour's font when that font has it (NotoNaskhArabic has no brackets,
    for one): the script before it, else the one after, else Latin. An invisible format character
    (ZWNJ, ZWJ) always stays in its neighbour's run: HarfBuzz must see it between the letters it
    parts or joins, and hides it when the font has no glyph for it."""
    return _resolved(text.translate(_SCRIPT_LETTERS), bool(bold))


@functools.lru_cache(maxsize=20_000)
def _resolved(letters: str, bold: bool) -> str:
    """Script letters and shared classes to script letters alone (see _scripts)."""
    pieces = []
    at = 0
    for shared in _SHARED.finditer(letters):
        start, end = shared.span()
        before = letters[start - 1] if start else ""
        after = letters[end] if end < len(letters) else ""
        pieces.append(letters[at:start])
        pieces += [_shared_script(ord(ch) - _CLASS_BASE, before, after, bold) for ch in letters[start:end]]
        at = end
    pieces.append(letters[at:])
    return "".join(pieces)


def _shared_script(bits: int, before: str, after: str, bold: bool) -> str:
    if bits & _FORMAT_BIT:
        return before or after or "l"
    for candidate in (before, after):
        if candidate and bits & _FONT_BIT[candidate, bold]:
            return candidate
    return "l"


def _visual_order(runs: list[tuple]) -> list[tuple]:
    """Rule L2 over runs whose first item is their level: from the highest level down to the lowest
    odd one, reverse every stretch at or above it."""
    if not runs:
        return runs
    order = list(runs)
    highest = max(run[0] for run in order)
    lowest_odd = min((run[0] for run in order if run[0] % 2), default=highest + 1)
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


@functools.lru_cache(maxsize=20_000)
def _shaped_run(text: str, font: str, rtl: bool) -> Run:
    source = text
    if _ANY_BIDI_CONTROL.search(text):
        text = text.translate(_BIDI_CONTROLS)
    if rtl and not any(_is_strong_rtl(ch) for ch in text):
        # Only shared characters at a right-to-left level: reverse them and mirror brackets ourselves
        # (HarfBuzz would guess left to right for them).
        text = "".join(MIRRORED.get(ch, ch) for ch in reversed(text))
    if font.startswith(_LATIN[False]):
        return Run(text, font, _width_at_1pt(font)(text, 1), rtl, (), source)
    # Word by word: shaping never reaches across a space, and the same words (streets, cities) come
    # back on label after label, so each is shaped once.
    words = text.split(" ")
    space = _space(font)
    placed = []
    x = 0.0
    for word in reversed(words) if rtl else words:
        if word:
            glyphs, word_width = _shaped_word(word, font, not rtl)
            placed.append((glyphs, x))
            x += word_width
        x += space
    return Run("", font, x - space, rtl, tuple(placed), source)


@functools.lru_cache(maxsize=50_000)
def _shaped_word(word: str, font: str, left_to_right: bool = False) -> tuple[ShapedStr, float]:
    buffer = _buffer(word)
    if left_to_right and buffer.direction == "rtl":
        # Urdu digits ("۱۲۳") run left to right, but HarfBuzz, told only their script, would shape them
        # right to left, reversed; handed reversed (brackets mirrored back) they come out in order.
        buffer = _buffer("".join(MIRRORED.get(ch, ch) for ch in reversed(word)))
    return _glyphs(buffer, font)


# What reportlab's shapeStr asks HarfBuzz for; called directly, without its frag-word wrapping, which
# costs more than the shaping itself.
_FEATURES = {"kern": True, "liga": True, "dlig": True}


def _buffer(word: str) -> uharfbuzz.Buffer:
    buffer = uharfbuzz.Buffer()
    buffer.cluster_level = uharfbuzz.BufferClusterLevel.MONOTONE_CHARACTERS
    buffer.add_str(word)
    buffer.guess_segment_properties()  # script and direction from the text, as reportlab's shaping does
    return buffer


@functools.cache
def _harfbuzz_font(font: str):
    return pdfmetrics.getFont(font).hbFont(1000)


def _glyphs(buffer: uharfbuzz.Buffer, font: str) -> tuple[ShapedStr, float]:
    """The shaped glyphs as reportlab's text objects draw them: each glyph as a character of the font
    (a glyph without one, e.g. a ligature, gets a private-use character), with its HarfBuzz positions
    in thousandths of an em; and the word's width at 1 pt."""
    hb_font = _harfbuzz_font(font)
    ttf = pdfmetrics.getFont(font)
    face = ttf.face
    scale = face._pdfScale
    glyph_chars, widths = face.glyphToChar, face.charWidths
    uharfbuzz.shape(hb_font, buffer, _FEATURES)
    chars = []
    data = []
    for info, position in zip(buffer.glyph_infos, buffer.glyph_positions):
        glyph = info.codepoint
        try:
            code = glyph_chars[glyph][0]
        except KeyError:
            code = ttf.hbAddPrivate(hb_font.glyph_to_string(glyph), glyph, position.x_advance)
        chars.append(chr(code))
        data.append(ShapeData(info.cluster, scale(position.x_advance), scale(position.y_advance),
                              scale(position.x_offset), scale(position.y_offset), widths[code]))  # fmt: skip
    return ShapedStr("".join(chars), shapeData=data), sum(d.x_advance for d in data) / 1000


@functools.cache
def _space(font: str) -> float:
    return pdfmetrics.stringWidth(" ", font, 1)


_LATIN = {False: font_name("latin"), True: font_name("latin", True)}


@functools.cache
def _width_at_1pt(font: str):
    return pdfmetrics.getFont(font).stringWidth


@functools.lru_cache(maxsize=20_000)
def _runs(scripts: str, levels: str) -> tuple[tuple[int, int, str, bool], ...]:
    """A line's runs in drawing order, as (start, stop, script letter, right to left), from a script
    letter and a bidi level per character: lines of the same make-up ("House 12, Street 4" and
    "House 31, Street 9") share them."""
    bounds = sorted({m.end() for m in _STRETCH.finditer(scripts)} | {m.end() for m in _STRETCH.finditer(levels)})
    logical = []
    start = 0
    for stop in bounds:
        logical.append((ord(levels[start]), start, stop, scripts[start]))
        start = stop
    return tuple((start, stop, script, level % 2 == 1) for level, start, stop, script in _visual_order(logical))


_FONTS = {bold: {letter: font_name(script, bold) for letter, script in _SCRIPT.items()} for bold in (False, True)}


@functools.lru_cache(maxsize=50_000)  # a 10,000-label run has some 30,000 distinct lines
def shape_line(text: str, bold: bool = False, rtl: bool | None = None) -> ShapedLine:
    """The line measured and ordered for drawing. rtl: its base direction; None: its own (P2)."""
    register_fonts()
    text = unicodedata.normalize("NFC", text)
    if not text or (not rtl and (text.isascii() or not _NOT_SIMPLE.search(text))):
        # Latin, Greek, Cyrillic: one run in NotoSans, nothing to order or shape (most labels). Not in a
        # right-to-left line, where "(5) 12" has its own order.
        font = _LATIN[bool(bold)]
        width = _width_at_1pt(font)(text, 1)
        return ShapedLine(text, bold, bool(rtl), (Run(text, font, width, False, (), text),), width, ASCENT,
                          DESCENT_LATIN)  # fmt: skip
    base_rtl = base_is_rtl(text) if rtl is None else rtl
    scripts = _scripts(text, bold)
    if base_rtl or needs_bidi(text):
        levels = bidi_levels(text, base_rtl)
    else:
        levels = "\0" * len(text)  # Devanagari, Tamil: one left-to-right level, no bidi needed
    fonts = _FONTS[bool(bold)]
    runs = tuple(_shaped_run(text[start:stop], fonts[script], run_rtl) for start, stop, script, run_rtl in _runs(scripts, levels))
    arabic = _LETTER["arabic"] in scripts
    return ShapedLine(text, bold, base_rtl, runs, sum(r.width for r in runs), ASCENT,
                      DESCENT_ARABIC if arabic else DESCENT_LATIN)  # fmt: skip
