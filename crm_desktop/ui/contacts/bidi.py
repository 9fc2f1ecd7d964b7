"""How a list cell shows its own text: direction, alignment and font chosen per cell, answered by the model.

Computed once per row when its page is loaded; the list's painter (cell_painter.py) draws from it, and
the model answers the same as Qt roles (alignment, font) for anyone else who asks:

- an RTL cell (Urdu) is right-aligned (absolute, so nothing flips it back) and, if its text holds
  anything but right-to-left letters, wrapped in a right-to-left embedding (RLE ... PDF): Qt lays it
  out as an RTL paragraph, so "خان (Lahore)" keeps its visual order, in a left-to-right view;
- Urdu, Hindi and Tamil cells get the bundled font of their script;
- Naskh's line box is taller than the UI font's: centred, its letters would float above the row's
  Latin baseline; aligned to the bottom of the row they stand within half a pixel of it.
"""

from __future__ import annotations

import unicodedata
from typing import NamedTuple

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QGuiApplication

from crm_desktop.ui.resources import script_font
from crm_desktop.domain.scripts import is_rtl, script_of

RTL_ROLE = Qt.ItemDataRole.UserRole + 1  # True when a cell's text runs right to left
SCRIPT_ROLE = Qt.ItemDataRole.UserRole + 2  # "arabic", "devanagari", "tamil" or None (see scripts.script_of)

RLE, PDF = "\u202b", "\u202c"  # right-to-left embedding and its end
_FIRST_NON_LATIN = "\u0590"  # below it no character is right-to-left or in one of the bundled scripts

_V = Qt.AlignmentFlag.AlignVCenter
LEFT = int(Qt.AlignmentFlag.AlignLeft | _V)
RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignAbsolute | _V)
_BOTTOM_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignAbsolute | Qt.AlignmentFlag.AlignBottom)
_BOTTOM_LEFT = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom)
_TALL_SCRIPTS = frozenset({"arabic"})  # drawn bottom-aligned, onto the row's Latin baseline


class Cell(NamedTuple):
    """What the model answers for one cell."""

    display: str  # the text as painted (RTL text may carry an embedding)
    alignment: int  # a Qt.AlignmentFlag value
    rtl: bool
    script: str | None


def cell(text: str) -> Cell:
    """How to show this text in a list cell. Latin text (the common case) costs one C-level max()."""
    if not text or max(text) < _FIRST_NON_LATIN:
        return Cell(text, LEFT, False, None)
    rtl = is_rtl(text)
    script = script_of(text)
    tall = script in _TALL_SCRIPTS
    if rtl:
        display = text if _only_rtl_letters(text) else f"{RLE}{text}{PDF}"
        return Cell(display, _BOTTOM_RIGHT if tall else RIGHT, True, script)
    return Cell(text, _BOTTOM_LEFT if tall else LEFT, False, script)


def _only_rtl_letters(text: str) -> bool:
    """True when the text reads the same in an LTR paragraph as in an RTL one: RTL letters and marks,
    with spaces and separators only between them (a neutral at either end would move)."""
    if unicodedata.bidirectional(text[0]) not in ("R", "AL") or unicodedata.bidirectional(text[-1]) not in ("R", "AL", "NSM"):
        return False
    return all(unicodedata.bidirectional(ch) in ("R", "AL", "NSM", "WS", "CS", "BN") for ch in text)


class ScriptFonts:
    """The bundled font of each script, made from the application font: looked up once per page of rows,
    not once per cell."""

    def __init__(self) -> None:
        self._base_key = ""
        self._fonts: dict[str, QFont] = {}

    def current(self) -> dict[str, QFont]:
        """script -> font, for the application font of now (rebuilt when that changes)."""
        if QGuiApplication.instance() is None:
            return {}  # a model read without any GUI (tests, tools): nothing is painted, no font needed
        base = QGuiApplication.font()
        key = base.key()
        if key != self._base_key:
            self._base_key = key
            self._fonts = {script: script_font(script, base) for script in ("arabic", "devanagari", "tamil")}
        return self._fonts
