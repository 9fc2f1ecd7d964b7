"""Fonts and text for PDFs in every script: the bundled Noto fonts registered with reportlab, and text
split into runs of one script, each in its own font, shaped by HarfBuzz (reportlab's `shaping`, with
uharfbuzz installed).

reportlab's canvas.drawString leaves Devanagari and Tamil unshaped and Urdu unjoined; a Paragraph with
shaping on shapes them. So all text goes through paragraph() here.
"""

from __future__ import annotations

import functools
from xml.sax.saxutils import escape

from reportlab.lib.enums import TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import Paragraph

from crm_desktop.domain.scripts import is_rtl
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


def script_runs(text: str) -> list[tuple[str, str]]:
    """[(script, run)] in logical order. Shared characters join the run before them (at the start, the
    one after), so "12, گلی" keeps its digits with the Latin run and the space with the words."""
    runs: list[list[str]] = []
    pending = ""
    for ch in text:
        script = script_of_char(ch)
        if script is None:
            if runs:
                runs[-1][1] += ch
            else:
                pending += ch
            continue
        if runs and runs[-1][0] == script:
            runs[-1][1] += ch
        else:
            runs.append([script, pending + ch])
            pending = ""
    if pending:
        runs.append(["latin", pending])
    return [(script, run) for script, run in runs]


def markup(text: str, bold: bool = False) -> str:
    """Paragraph markup: each script's run in its own font, everything else escaped."""
    return "".join(f'<font face="{font_name(script, bold)}">{escape(run)}</font>' for script, run in script_runs(text))


def style(size: float, bold: bool = False, rtl: bool = False, leading: float | None = None) -> ParagraphStyle:
    register_fonts()
    return ParagraphStyle(
        f"crm-{size}-{bold}-{rtl}", fontName=font_name("latin", bold), fontSize=size,
        leading=leading if leading is not None else size * 1.3, alignment=TA_RIGHT if rtl else TA_LEFT,
        shaping=1,
    )  # fmt: skip


def paragraph(text: str, size: float, bold: bool = False, leading: float | None = None) -> Paragraph:
    """One shaped paragraph; a text whose first strong letter is Urdu is right-aligned (it runs right
    to left)."""
    return Paragraph(markup(text, bold), style(size, bold, is_rtl(text), leading))
