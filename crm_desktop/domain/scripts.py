"""Which script a text is in and which way it runs: the one rule the list, the card and the fonts share.

Plain Python (no Qt), so the rules are tested without a QApplication.
"""

from __future__ import annotations

import unicodedata

_SCRIPT_BLOCKS = (("\u0600", "\u0780", "arabic"), ("\u08a0", "\u0900", "arabic"), ("\u0900", "\u0980", "devanagari"),
                  ("\u0b80", "\u0c00", "tamil"), ("\ufb50", "\ufe00", "arabic"), ("\ufe70", "\uff00", "arabic"))


def script_of(text: str) -> str | None:
    """The script of the first letter outside Latin ("arabic", "devanagari", "tamil"), if any."""
    for ch in text:
        if ch < "\u0600":
            continue
        for start, end, script in _SCRIPT_BLOCKS:
            if start <= ch < end:
                return script
    return None


def strong_direction(text: str) -> bool | None:
    """Right to left (True) or left to right (False) by the text's first strong character (Unicode bidi
    rule P2); None when it has none (digits, punctuation, nothing)."""
    for ch in text:
        direction = unicodedata.bidirectional(ch)
        if direction in ("R", "AL"):
            return True
        if direction == "L":
            return False
    return None


def is_rtl(text: str) -> bool:
    """True when the text runs right to left; text with no strong character runs left to right."""
    return strong_direction(text) is True
