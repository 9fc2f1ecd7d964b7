"""Fit an address block inside a label: one size for the whole block, as large as fits up to a
maximum; a line too long at the minimum size wraps; a block too tall even so shrinks further to a
floor, and only then loses its last lines (marked with an ellipsis and reported). Nothing is ever
drawn outside the label's padded rectangle.

Everything here is in millimetres from the label's top-left corner (sizes in points), so the PDF and
an on-screen preview place the same lines in the same spots.
"""

from __future__ import annotations

import functools
import unicodedata
from typing import NamedTuple

from crm_desktop.domain.scripts import strong_direction
from crm_desktop.printing.shaped_text import ASCENT, DESCENT_LATIN, ShapedLine, shape_line

PT = 25.4 / 72  # mm per point
MIN_PADDING = 1.5  # mm, the least blank margin inside a label
MAX_SIZE = 11.0
TYPICAL_LINES = 5  # name, company, two street lines, city: the size that fits these is the label's usual size
MIN_SIZE = 6.0
FLOOR_SIZE = 4.5  # below the comfortable minimum, only for blocks that cannot fit otherwise
ELLIPSIS = "…"


# The values below are named tuples rather than frozen dataclasses: a labels run makes one per line, some
# 100,000 in all, and a tuple is made several times faster while staying just as immutable.


class BlockLine(NamedTuple):
    text: str
    bold: bool = False


class PlacedLine(NamedTuple):
    shaped: ShapedLine
    x: float  # mm from the label's left edge to the line's left end
    baseline: float  # mm from the label's top edge
    width: float  # mm
    size: float  # pt

    @property
    def text(self) -> str:
        return self.shaped.text

    @property
    def bold(self) -> bool:
        return self.shaped.bold

    @property
    def rtl(self) -> bool:
        return self.shaped.rtl

    @property
    def top(self) -> float:
        return self.baseline - self.shaped.ascent * self.size * PT

    @property
    def bottom(self) -> float:
        return self.baseline + self.shaped.descent * self.size * PT


class FittedBlock(NamedTuple):
    lines: tuple[PlacedLine, ...]
    size: float
    rtl: bool  # the block's direction: its lines align to the right
    wrapped: bool = False
    truncated: bool = False


@functools.cache
def padding(width: float, height: float) -> tuple[float, float]:
    """(horizontal, vertical) padding in mm: in proportion to the label, never under MIN_PADDING."""
    return max(MIN_PADDING, min(5.0, width * 0.06)), max(MIN_PADDING, min(4.0, height * 0.08))


@functools.cache
def usual_size(height: float) -> float:
    """The size every ordinary label of this height gets, so a sheet looks even: the size at which
    TYPICAL_LINES lines fill it, at most MAX_SIZE. Only a longer block is set smaller."""
    room_h = (height - 2 * padding(0, height)[1]) / PT
    return max(MIN_SIZE, min(MAX_SIZE, _floor(room_h / (TYPICAL_LINES * (ASCENT + DESCENT_LATIN)))))


def fit_block(lines: list[BlockLine], width: float, height: float, max_size: float | None = None) -> FittedBlock:
    """Place the lines inside a label of width x height mm."""
    lines = [line for line in lines if line.text.strip()]
    pad_x, pad_y = padding(width, height)
    room_w, room_h = (width - 2 * pad_x) / PT, (height - 2 * pad_y) / PT  # points
    max_size = usual_size(height) if max_size is None else max_size
    directions = [_strong_direction(line.text) for line in lines]
    block_rtl = next((rtl for rtl in directions if rtl is not None), False)
    shaped = [shape_line(line.text, line.bold, block_rtl if rtl is None else rtl) for line, rtl in zip(lines, directions)]
    wrapped = truncated = False
    if not shaped:
        return FittedBlock((), max_size, block_rtl)
    by_width = min([room_w / s.width for s in shaped if s.width], default=max_size)
    ems = sum([s.ascent + s.descent for s in shaped])  # the block's height at 1 pt
    by_height = room_h / ems
    size = _floor(min(max_size, by_width, by_height))
    if size < MIN_SIZE:
        wrapped = True
        size, shaped, truncated = _wrap_to_fit(lines, block_rtl, room_w, room_h, max(_floor(min(max_size, by_height)), FLOOR_SIZE))
        ems = sum([s.ascent + s.descent for s in shaped])
    block_h = ems * size * PT
    y = pad_y + max(0.0, (height - 2 * pad_y - block_h) / 2)
    placed = []
    for s in shaped:
        line_w = s.width * size * PT
        placed.append(PlacedLine(s, width - pad_x - line_w if block_rtl else pad_x, y + s.ascent * size * PT, line_w, size))
        y += (s.ascent + s.descent) * size * PT
    return FittedBlock(tuple(placed), size, block_rtl, wrapped, truncated)


def _floor(size: float) -> float:
    return int(size * 4) / 4  # quarter points: a stable size for the same text


# A label run repeats its cities and streets: each line's direction is found once.
_strong_direction = functools.lru_cache(maxsize=50_000)(strong_direction)


def _shape(text: str, bold: bool, block_rtl: bool) -> ShapedLine:
    """The line in its own direction, the block's when it has no strong character."""
    rtl = _strong_direction(text)
    return shape_line(text, bold, block_rtl if rtl is None else rtl)


def _wrap_to_fit(lines: list[BlockLine], block_rtl: bool, room_w: float, room_h: float, start: float):
    """The largest size from MIN_SIZE down to FLOOR_SIZE at which the wrapped block fits; failing
    that, the floor size with the lines that fit, the last ending in an ellipsis."""
    size = min(MIN_SIZE, start)
    while True:
        shaped = [piece for line in lines for piece in _wrap(line, block_rtl, room_w / size)]
        if sum(s.height for s in shaped) * size <= room_h:
            return size, shaped, False
        if size <= FLOOR_SIZE:
            break
        size = max(FLOOR_SIZE, size - 0.5)
    kept: list[ShapedLine] = []
    used = 0.0
    for s in shaped:
        if (used + s.height) * size > room_h:
            break
        kept.append(s)
        used += s.height
    if kept:
        last = kept[-1]
        text = last.text
        while text and _shape(text + ELLIPSIS, last.bold, block_rtl).width > room_w / size:
            text = text[:-1]
        kept[-1] = _shape(text.rstrip() + ELLIPSIS, last.bold, block_rtl)
    return size, kept, True


def _wrap(line: BlockLine, block_rtl: bool, room: float) -> list[ShapedLine]:
    """Greedy wrapping at spaces (room in ems); a word longer than a line breaks between characters,
    never before a combining mark (a vowel sign stays with its consonant)."""
    whole = _shape(line.text, line.bold, block_rtl)
    if whole.width <= room:
        return [whole]
    pieces: list[ShapedLine] = []
    current = ""
    for word in line.text.split():
        candidate = f"{current} {word}" if current else word
        if _shape(candidate, line.bold, block_rtl).width <= room:
            current = candidate
            continue
        if current:
            pieces.append(_shape(current, line.bold, block_rtl))
        current = word
        while _shape(current, line.bold, block_rtl).width > room and len(current) > 1:
            cut = _longest_prefix(current, line.bold, block_rtl, room)
            pieces.append(_shape(current[:cut], line.bold, block_rtl))
            current = current[cut:]
    if current:
        pieces.append(_shape(current, line.bold, block_rtl))
    return pieces


def _longest_prefix(word: str, bold: bool, block_rtl: bool, room: float) -> int:
    low, high = 1, len(word) - 1
    while low < high:
        middle = (low + high + 1) // 2
        if _shape(word[:middle], bold, block_rtl).width <= room:
            low = middle
        else:
            high = middle - 1
    while low > 1 and unicodedata.category(word[low])[0] == "M":
        low -= 1
    return low
