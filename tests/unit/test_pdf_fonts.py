"""Text for PDFs: runs of one script each in its own bundled font, shaped, embedded; Latin extractable."""

from __future__ import annotations

import pdfplumber
from reportlab.lib.pagesizes import A6
from reportlab.platypus import SimpleDocTemplate

from crm_desktop.printing.fonts import markup, paragraph, script_runs


def test_script_runs_keep_shared_characters_with_the_run_before_them():
    assert script_runs("House 12, گلی نمبر 5 Block B") == [
        ("latin", "House 12, "), ("arabic", "گلی نمبر 5 "), ("latin", "Block B")]  # fmt: skip
    assert script_runs("12 कमल") == [("devanagari", "12 कमल")]
    assert script_runs("") == [] and script_runs("42") == [("latin", "42")]


def test_markup_escapes_what_paragraph_markup_would_read():
    assert markup("A & <b>") == '<font face="crm-latin">A &amp; &lt;b&gt;</font>'


def test_every_script_embeds_its_font_and_latin_stays_extractable(tmp_path):
    path = tmp_path / "scripts.pdf"
    texts = ["José Müller, 42 Main St.", "کراچی، پاکستان", "नई दिल्ली", "கொழும்பு"]
    SimpleDocTemplate(str(path), pagesize=A6).build([paragraph(t, 11) for t in texts])
    with pdfplumber.open(path) as pdf:
        page = pdf.pages[0]
        assert "José Müller, 42 Main St." in page.extract_text()
        fonts = {c["fontname"].split("+")[-1] for c in page.chars}
    assert {"NotoSans-Regular", "NotoNaskhArabic-Regular", "NotoSansDevanagari-Regular", "NotoSansTamil-Regular"} <= fonts
