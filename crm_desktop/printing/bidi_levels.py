"""Unicode bidi embedding levels of one line, from python-bidi's reference algorithm, computed once per
shape of line rather than once per line.

The levels depend only on the characters' bidi classes, and a stretch of one class gets one level
whatever its length, except that a single separator between numbers differs from several (rule W4).
So "مکان نمبر 16، گلی نمبر 24" and "مکان نمبر 217، گلی نمبر 40" are both solved as one short stand-in
text with two characters per stretch, and the levels spread back over the stretches.

The reference algorithm removes invisible format characters (rule X9: ZWNJ, ZWJ, embeddings) from its
result, so their levels are put back here, one per character, or a line would lose its last letters.
ZWNJ and ZWJ (class BN) change no other character's level: they are left out, the rest solved as
usual, and each takes the level of the character before it (UAX #9, 5.2). Lines with explicit
embeddings or isolates (the reference algorithm cannot solve isolates) take python-bidi's Rust
algorithm, which keeps every character.

The reference algorithm also predates paired brackets (rule N0): in "رضا ٹریڈرز (Pvt) Ltd" it gives
the closing bracket the level of the Latin around it, and the line prints "Pvt) Ltd) رضا ٹریڈرز". A
bracket's level depends on its partner, not on its class alone, so lines holding a bracket take the
Rust algorithm too (as fast per line; such lines are few, and shape_line caches each).
"""

from __future__ import annotations

import functools
import re
import unicodedata

from bidi import algorithm as bidi_algorithm
from bidi.wrapper import get_display_inner

# One stand-in character per class the shortcut handles; other classes take the full algorithm.
_STAND_IN = {"L": "a", "R": "\u05d0", "AL": "\u0627", "EN": "1", "AN": "\u0660", "ES": "+", "CS": ",",
             "ET": "$", "NSM": "\u0300", "WS": " ", "ON": "!"}  # fmt: skip
_STRETCH = re.compile(r"(.)\1*", re.DOTALL)


class _StandIns(dict):
    """str.translate table: each character to its class's stand-in, or NUL when the class needs the
    full algorithm (filled on first sight of each character)."""

    def __missing__(self, code: int) -> str:
        ch = chr(code)
        value = self[code] = "\0" if _may_pair(ch) else _STAND_IN.get(unicodedata.bidirectional(ch), "\0")
        return value


def _may_pair(ch: str) -> bool:
    """Whether ch may be a paired bracket (rule BD16): every Bidi_Paired_Bracket character is an
    opening or closing punctuation mark with a mirrored glyph (unicodedata lacks the property itself)."""
    return unicodedata.category(ch) in ("Ps", "Pe") and unicodedata.mirrored(ch)


_STAND_INS = _StandIns()


# Every character of bidi class R, AL or AN lies in these blocks (Hebrew to Arabic Extended-A, the RLM,
# the Hebrew and Arabic presentation forms, the right-to-left blocks beyond the BMP; a test checks the
# whole of Unicode): a line with none of them needs no closer look.
_MAY_BE_RIGHT_TO_LEFT = re.compile("[\u0590-\u08ff\u200f\ufb1d-\ufdff\ufe70-\ufeff\U00010800-\U00010fff\U0001e800-\U0001efff]")


def needs_bidi(text: str) -> bool:
    """Whether a left-to-right line needs the algorithm: it holds a right-to-left letter (bidi class R
    or AL) or an Arabic-Indic digit (AN: the neutrals between two such numbers go right to left)."""
    if not _MAY_BE_RIGHT_TO_LEFT.search(text):
        return False  # Devanagari, Tamil, Latin: the usual left-to-right line
    stand_ins = text.translate(_STAND_INS)
    return _STAND_IN["R"] in stand_ins or _STAND_IN["AL"] in stand_ins or _STAND_IN["AN"] in stand_ins


def bidi_levels(text: str, rtl: bool) -> str:
    """Each character's level as chr(level) (a str, so runs are found by regex), base level 1 if rtl;
    always one per character of text."""
    stand_ins = text.translate(_STAND_INS)
    if "\0" in stand_ins:
        others = {text[i] for i, c in enumerate(stand_ins) if c == "\0"}
        if all(unicodedata.bidirectional(ch) == "BN" for ch in others):
            return _with_boundary_neutrals(text, rtl, others)
        return "".join(map(chr, full_levels(text, rtl)))
    return _stand_in_levels(stand_ins, rtl)


@functools.lru_cache(maxsize=20_000)
def _stand_in_levels(stand_ins: str, rtl: bool) -> str:
    """Levels by the characters' classes alone, kept: lines differing only in their digits or letters
    ("مکان نمبر 16" and "مکان نمبر 24") share them."""
    stretches = [m.group() for m in _STRETCH.finditer(stand_ins)]
    levels = _short_levels("".join(s[:2] for s in stretches), rtl)
    return "".join(levels[i] * len(s) for i, s in zip(_starts(stretches), stretches))


def _starts(stretches: list[str]) -> list[int]:
    """Where each stretch begins in the short text (two characters per stretch at most)."""
    starts, at = [], 0
    for stretch in stretches:
        starts.append(at)
        at += min(2, len(stretch))
    return starts


@functools.lru_cache(maxsize=10_000)
def _short_levels(short: str, rtl: bool) -> str:
    return "".join(map(chr, reference_levels(short, rtl)))


def reference_levels(text: str, rtl: bool) -> list[int]:
    """python-bidi's pure-Python algorithm (rules P to I2), as the labels have always used it."""
    storage = bidi_algorithm.get_empty_storage()
    storage["base_level"] = 1 if rtl else 0
    storage["base_dir"] = "R" if rtl else "L"
    bidi_algorithm.get_embedding_levels(text, storage)
    bidi_algorithm.explicit_embed_and_overrides(storage)
    bidi_algorithm.resolve_weak_types(storage)
    bidi_algorithm.resolve_neutral_types(storage, False)
    bidi_algorithm.resolve_implicit_levels(storage, False)
    return [c["level"] for c in storage["chars"]]


def _with_boundary_neutrals(text: str, rtl: bool, neutrals: set[str]) -> str:
    """Levels of a line holding ZWNJ, ZWJ or other BN characters: solved without them, each then at
    its preceding character's level (the base level at the start)."""
    kept = "".join(ch for ch in text if ch not in neutrals)
    solved = iter(bidi_levels(kept, rtl) if kept else "")
    previous = chr(1 if rtl else 0)
    levels = []
    for ch in text:
        if ch not in neutrals:
            previous = next(solved)
        levels.append(previous)
    return "".join(levels)


_LEVEL = re.compile(r"Level\(\s*(\d+),?\s*\)")


def full_levels(text: str, rtl: bool) -> list[int]:
    """Levels from python-bidi's Rust algorithm (the unicode-bidi crate: isolates, embeddings, and a
    level for every character). It reports them only in its debug form, one per UTF-8 byte; each
    character takes its first byte's."""
    info = get_display_inner(text, "R" if rtl else "L", True)
    body = info[info.index("levels:") : info.index("paragraphs:")]
    per_byte = [int(level) for level in _LEVEL.findall(body)]
    levels, at = [], 0
    for ch in text:
        levels.append(per_byte[at])
        at += len(ch.encode())
    if at != len(per_byte):
        raise ValueError(f"unexpected bidi levels for {text!r}")
    return levels
