"""Fonts for PDFs in every script: the bundled Noto fonts registered with reportlab, and which script
(so which font) a character belongs to. Lines are ordered, shaped and drawn by printing.shaped_text.
"""

from __future__ import annotations

import functools

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from crm_desktop.paths import resources_dir

# Bundled files, regular and bold, per script. Urdu in Naskh, as in the window: compact enough for a label
# line (Nastaliq needs about twice the line height).
FONT_FILES = {
    "latin": ("NotoSans-Regular.ttf", "NotoSans-Bold.ttf"),
    "arabic": ("NotoNaskhArabic-Regular.ttf", "NotoNaskhArabic-Bold.ttf"),
    "devanagari": ("NotoSansDevanagari-Regular.ttf", "NotoSansDevanagari-Bold.ttf"),
    "tamil": ("NotoSansTamil-Regular.ttf", "NotoSansTamil-Bold.ttf"),
}
_BLOCKS = ((0x0600, 0x0780, "arabic"), (0x08A0, 0x0900, "arabic"), (0xFB50, 0xFE00, "arabic"),
           (0xFE70, 0xFF00, "arabic"), (0x0900, 0x0980, "devanagari"), (0xA8E0, 0xA900, "devanagari"),
           (0x0B80, 0x0C00, "tamil"))  # fmt: skip


def font_name(script: str, bold: bool = False) -> str:
    return f"crm-{script}{'-bold' if bold else ''}"


@functools.cache
def register_fonts() -> None:
    """Register every bundled font with reportlab once (embedded, subset, in each PDF that uses it)."""
    folder = resources_dir() / "fonts"
    for script, (regular, bold) in FONT_FILES.items():
        for is_bold, file in ((False, regular), (True, bold)):
            pdfmetrics.registerFont(TTFont(font_name(script, is_bold), str(folder / file)))


def script_of_char(ch: str) -> str | None:
    """The script of a letter or mark; None for characters every script shares (digits, spaces, punctuation)."""
    code = ord(ch)
    for start, end, script in _BLOCKS:
        if start <= code < end:
            return script
    return "latin" if ch.isalpha() else None
