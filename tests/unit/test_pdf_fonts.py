"""Text for PDFs: each script in its own bundled font, embedded; Latin extractable; drawn by the engine
the labels and documents use (printing.shaped_text, printing.pdf_text)."""

from __future__ import annotations

import pdfplumber
from reportlab.lib.pagesizes import A6
from reportlab.pdfgen.canvas import Canvas

from crm_desktop.printing.fonts import script_of_char
from crm_desktop.printing.pdf_text import pen
from crm_desktop.printing.shaped_text import shape_line


def test_script_of_char_names_the_scripts_and_leaves_shared_characters_open():
    assert [script_of_char(ch) for ch in "aکकக"] == ["latin", "arabic", "devanagari", "tamil"]
    assert [script_of_char(ch) for ch in "1 ,("] == [None, None, None, None]


def test_every_script_embeds_its_font_and_latin_stays_extractable(tmp_path):
    path = tmp_path / "scripts.pdf"
    texts = ["José Müller, 42 Main St.", "کراچی، پاکستان", "नई दिल्ली", "கொழும்பு"]
    canvas = Canvas(str(path), pagesize=A6)
    for i, text in enumerate(texts):
        pen(canvas).write(20, 380 - 30 * i, shape_line(text), 11)
    canvas.save()
    with pdfplumber.open(path) as pdf:
        page = pdf.pages[0]
        assert "José Müller, 42 Main St." in page.extract_text()
        fonts = {c["fontname"].split("+")[-1] for c in page.chars}
    assert {"NotoSans-Regular", "NotoNaskhArabic-Regular", "NotoSansDevanagari-Regular", "NotoSansTamil-Regular"} <= fonts


def test_a_shaped_word_at_a_second_size_is_written_as_reportlab_formats_it(tmp_path):
    # The pen formats a shaped word once and writes it at other sizes by swapping the size operands.
    canvas = Canvas(str(tmp_path / "sizes.pdf"), pagesize=A6)
    writer = pen(canvas)
    for text in ["کراچی، پاکستان", "नई दिल्ली", "கொழும்பு"]:
        for run in shape_line(text).runs:
            for glyphs, _ in run.words:
                for size in (11, 8.75, 6.5):
                    scratch = canvas.beginText(0, 0)
                    scratch.setFont(run.font, size)
                    assert writer._shaped(run.font, glyphs, size) == scratch._formatText(glyphs)
    assert writer.word_parts and all(writer.word_parts.values())  # the sizes were swapped, not reformatted
