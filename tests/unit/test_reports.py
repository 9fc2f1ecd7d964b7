"""The PDF documents read back with pdfplumber: the directory (A-Z tabs incl. Urdu, Hindi and Tamil, or
by tag), a cancelled job leaving no file, the dossier, the activity and pipeline reports, the CLI."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pdfplumber
import pytest

from crm_desktop.cli import main
from crm_desktop.domain.activity import Activity, ActivityKind
from crm_desktop.domain.clock import FixedClock
from crm_desktop.domain.contact import Contact, ContactKind, Email, Phone
from crm_desktop.domain.deal import Deal
from crm_desktop.domain.money import Money
from crm_desktop.services import reports
from crm_desktop.services.jobs import Job, JobCancelled
from crm_desktop.services.workspace import open_workspace

KARACHI = ZoneInfo("Asia/Karachi")
NOW = datetime(2026, 11, 23, 7, 0, tzinfo=UTC)
LATIN_LAST = ["Ahmed", "Baig", "Chaudhry", "Dar", "Qureshi", "Zaidi"]
OTHER = [("علی", "رضا"), ("احمد", "خان"), ("राहुल", "शर्मा"), ("முருகன்", "செல்வம்")]


@pytest.fixture
def ws(db_path):
    workspace = open_workspace(db_path, FixedClock(NOW, KARACHI))
    yield workspace
    workspace.close()


def fill(ws, per_letter: int = 30) -> dict[str, int]:
    """Latin people under six letters (enough for several pages), then Urdu, Hindi and Tamil people; every
    card has a unique email, so counting emails counts the contacts listed."""
    ids: dict[str, int] = {}
    n = 0
    for last in LATIN_LAST:
        for i in range(per_letter):
            n += 1
            tags = ["vip"] if i % 3 == 0 else (["vip", "supplier"] if i % 3 == 1 else [])
            saved = ws.contacts.save(Contact(first_name=f"Person{i:02d}", last_name=last, company=f"{last} Traders",
                                             phones=[Phone("0300 1234567")], emails=[Email(f"c{n}@example.com")],
                                             tags=tags))  # fmt: skip
            ids[saved.display_name] = saved.id
    for first, last in OTHER:
        n += 1
        saved = ws.contacts.save(Contact(first_name=first, last_name=last, emails=[Email(f"c{n}@example.com")]))
        ids[saved.display_name] = saved.id
    return ids


def read(path) -> tuple[list[str], list]:
    with pdfplumber.open(path) as pdf:
        texts = [page.extract_text() or "" for page in pdf.pages]
        fonts = {ch["fontname"] for page in pdf.pages for ch in page.chars}
        captions = [
            "".join(ch["text"] for ch in line)
            for page in pdf.pages
            for line in _lines([c for c in page.chars if round(c["size"], 1) == 10.5])
        ]
    return texts, [fonts, captions]


def _lines(chars) -> list[list]:
    rows: dict[int, list] = {}
    for ch in chars:
        rows.setdefault(-round(ch["matrix"][5]), []).append(ch)  # by baseline: fonts differ in height
    return [sorted(row, key=lambda c: c["x0"]) for _, row in sorted(rows.items())]


def test_the_directory_lists_every_contact_under_the_lists_tabs_with_page_numbers(ws, tmp_path):
    fill(ws)
    trashed = ws.contacts.save(Contact(first_name="Gone", last_name="Away", emails=[Email("gone@example.com")]))
    ws.contacts.trash([trashed.id])
    out = tmp_path / "directory.pdf"
    pages = reports.directory(ws, out)
    texts, (fonts, captions) = read(out)
    assert pages == len(texts) >= 4
    assert texts[0].startswith("Contact Directory")
    for number, text in enumerate(texts, 1):
        assert f"Page {number} of {pages}" in text
        assert "Name" in text and "Email" in text  # the column header repeats on every page
    everything = "\n".join(texts)
    emails = re.findall(r"c\d+@example\.com", everything)
    assert len(emails) == len(set(emails)) == 6 * 30 + 4
    assert "gone@example.com" not in everything
    assert "Person07 Chaudhry" in everything and "Chaudhry Traders" in everything  # Latin text extractable
    headings = [c for c in captions if "(continued)" not in c]
    assert [h.split()[0] for h in headings] == ["A", "B", "C", "D", "Q", "Z", "Urdu", "Hindi", "Tamil"]
    assert any(c.endswith("(continued)") for c in captions)  # a letter crossing a page says so
    for font in ("NotoNaskhArabic", "NotoSansDevanagari", "NotoSansTamil", "NotoSans-Regular"):
        assert any(font in name for name in fonts), font


def test_the_directory_by_tag_lists_a_contact_under_each_of_its_tags(ws, tmp_path):
    fill(ws, per_letter=3)
    out = tmp_path / "tags.pdf"
    reports.directory(ws, out, by_tag=True)
    texts, (_fonts, captions) = read(out)
    assert [c for c in captions if "(continued)" not in c] == ["supplier", "vip", "No tag"]
    everything = "\n".join(texts)
    # c2 (i=1) carries vip and supplier, c1 (i=0) only vip, c3 (i=2) none
    assert everything.count("c2@example.com") == 2
    assert everything.count("c1@example.com") == 1 and everything.count("c3@example.com") == 1


def test_a_cancelled_directory_leaves_no_file(ws, tmp_path):
    fill(ws)
    out = tmp_path / "directory.pdf"
    out.write_bytes(b"an older directory")  # a cancelled job must not destroy what was there either
    seen: list[tuple[int, int]] = []
    job = Job(lambda done, total: seen.append((done, total)))
    original = job.report

    def report(done, total=None):
        original(done, total)
        if done >= 100:
            job.cancel()

    job.report = report
    with pytest.raises(JobCancelled):
        reports.directory(ws, out, job=job)
    assert out.read_bytes() == b"an older directory"
    assert sorted(p.name for p in tmp_path.iterdir() if p.suffix != ".sqlite3" and "sqlite3" not in p.name) == [
        "directory.pdf"
    ]
    assert seen[0] == (0, 184) and seen[-1][0] < 184


def test_an_urdu_name_keeps_its_words_right_to_left(ws, tmp_path):
    ws.contacts.save(Contact(kind=ContactKind.COMPANY, company="ب ا"))
    out = tmp_path / "d.pdf"
    reports.directory(ws, out)
    with pdfplumber.open(out) as pdf:
        chars = [c for c in pdf.pages[0].chars if c["text"] in "اب" and "Naskh" in c["fontname"] and c["size"] < 9]
    first_row = max(round(c["matrix"][5]) for c in chars)  # the baseline of the first line
    name = sorted((c for c in chars if round(c["matrix"][5]) == first_row), key=lambda c: c["x0"])
    assert [c["text"] for c in name][:2] == ["ا", "ب"]  # read right to left: ب first, so it is on the right


def test_the_dossier_shows_the_card_its_open_deals_next_steps_and_history(ws, tmp_path):
    ali = ws.contacts.save(Contact(first_name="Ali", last_name="Raza", company="Raza Traders", job_title="Owner",
                                   phones=[Phone("0300 1234567")], emails=[Email("ali@raza.pk")], notes="Pays on time."))  # fmt: skip
    ws.pipeline.save(Deal(title="Winter cloth order", value=Money(450_000_00, "PKR"), stage="proposal", contact_id=ali.id))
    ws.activities.save(Activity(ali.id, ActivityKind.CALL, "Talked about prices", done=True,
                                at=NOW - timedelta(days=2), outcome="Reached"))  # fmt: skip
    ws.activities.save(Activity(ali.id, ActivityKind.MEETING, "Visit the shop", done=False, at=NOW + timedelta(days=3)))
    out = tmp_path / "dossier.pdf"
    assert reports.dossier(ws, ali.id, out) == 1
    text = read(out)[0][0]
    assert text.startswith("Ali Raza")
    for expected in ("Owner · Raza Traders", "0300 1234567", "ali@raza.pk", "Pays on time.", "Winter cloth order",
                     "Proposal", "Rs450,000.00", "Talked about prices", "Reached", "Visit the shop", "Page 1 of 1"):
        assert expected in text, expected


def test_the_activity_report_totals_by_kind_and_outcome_within_its_dates(ws, tmp_path):
    ali = ws.contacts.save(Contact(first_name="Ali", last_name="Raza"))
    day = datetime(2026, 11, 10, 6, 0, tzinfo=UTC)
    for i, outcome in enumerate(["Reached", "Reached", "No answer"]):
        ws.activities.save(Activity(ali.id, ActivityKind.CALL, f"Call {i}", at=day + timedelta(hours=i), outcome=outcome))
    ws.activities.save(Activity(ali.id, ActivityKind.MEETING, "Lunch", at=day + timedelta(days=1)))
    ws.activities.save(Activity(ali.id, ActivityKind.CALL, "Too early", at=day - timedelta(days=30)))
    ws.activities.save(Activity(ali.id, ActivityKind.CALL, "Still to do", done=False, at=day + timedelta(days=2)))
    out = tmp_path / "activity.pdf"
    reports.activity_report(ws, date(2026, 11, 1), date(2026, 11, 30), out)
    text = "\n".join(read(out)[0])
    assert "Activity Report" in text and "1 November 2026 to 30 November 2026" in text
    assert re.search(r"Call Reached 2\nNo answer 1\nSubtotal 3\n", text)
    assert re.search(r"Meeting No outcome recorded 1\nSubtotal 1\n", text)
    assert re.search(r"Total 4\b", text)
    assert "Too early" not in text and "Still to do" not in text
    assert text.index("Call 0") < text.index("Call 2") < text.index("Lunch")  # day by day, oldest first


def test_the_pipeline_report_keeps_currencies_apart(ws, tmp_path):
    ali = ws.contacts.save(Contact(first_name="Ali", last_name="Raza"))
    ws.pipeline.save(Deal(title="Cloth", value=Money(100_000_00, "PKR"), stage="lead", contact_id=ali.id))
    ws.pipeline.save(Deal(title="Export", value=Money(2_500_00, "USD"), stage="lead", contact_id=ali.id))
    ws.pipeline.save(Deal(title="More cloth", value=Money(50_000_00, "PKR"), stage="lead", contact_id=ali.id))
    out = tmp_path / "pipeline.pdf"
    reports.pipeline_report(ws, out)
    text = "\n".join(read(out)[0])
    assert "Pipeline Report" in text
    assert re.search(r"Lead PKR 2 Rs150,000\.00", text)
    assert re.search(r"USD 1 \$2,500\.00", text)
    assert "152,500" not in text and "102,500" not in text  # never added across currencies
    assert "Forecast" in text and "Stale deals" in text


def test_cli_report_directory_writes_the_pdf_and_refuses_bad_arguments(ws, db_path, tmp_path, capsys):
    fill(ws, per_letter=2)
    ws.close()
    out = tmp_path / "out.pdf"
    assert main(["report", "directory", "--db", str(db_path), "-o", str(out)]) == 0
    assert out.exists() and "Wrote" in capsys.readouterr().err
    missing = tmp_path / "nowhere" / "out.pdf"
    assert main(["report", "directory", "--db", str(db_path), "-o", str(missing)]) == 1
    assert "there is no folder" in capsys.readouterr().err and not missing.parent.exists()
    assert main(["report", "directory", "--db", str(tmp_path / "none.sqlite3"), "-o", str(tmp_path / "x.pdf")]) == 1
    assert not (tmp_path / "x.pdf").exists()
    assert main(["report", "activity", "--db", str(db_path), "--from", "2026-02-30", "--to", "2026-03-01",
                 "-o", str(tmp_path / "y.pdf")]) == 2  # fmt: skip
    assert "is not a date" in capsys.readouterr().err
    assert main(["report", "activity", "--db", str(db_path), "--from", "2026-03-02", "--to", "2026-03-01",
                 "-o", str(tmp_path / "y.pdf")]) == 1  # fmt: skip
    assert not (tmp_path / "y.pdf").exists()
    assert main(["report", "pipeline", "--db", str(db_path), "-o", str(tmp_path / "p.pdf")]) == 0


def _visual_urdu_line(path):
    """The glyphs on the baseline of the first page's Urdu text, left to right: (font, text) pairs."""
    with pdfplumber.open(path) as pdf:
        chars = pdf.pages[0].chars
    baseline = next(round(c["matrix"][5], 1) for c in chars if c["fontname"].endswith("NotoNaskhArabic-Regular"))
    line = [c for c in chars if round(c["matrix"][5], 1) == baseline]
    return [(c["fontname"].split("+")[-1], c["text"]) for c in sorted(line, key=lambda c: c["x0"])]


def test_a_mixed_urdu_and_latin_line_reads_the_same_in_the_directory_as_on_a_label(tmp_path):
    from reportlab.lib.pagesizes import A3, landscape

    from crm_desktop.domain.directory import DirectoryEntry
    from crm_desktop.printing.documents.directory import write_directory
    from crm_desktop.printing.documents.page import Masthead
    from crm_desktop.printing.label_templates import builtin_templates
    from crm_desktop.printing.labels_pdf import write_labels_pdf
    from crm_desktop.printing.text_fit import BlockLine

    street = "مکان نمبر 75، گلی نمبر 22 (Block B)"  # digits, an Urdu comma, Latin in brackets
    directory = tmp_path / "directory.pdf"  # a wide page: the name cell holds the line unwrapped
    entry = DirectoryEntry(1, street, "", (), "", "", "ا")  # the name cell alone on its baseline
    write_directory(directory, Masthead("Directory"), [("ا", entry)], landscape(A3))
    label = tmp_path / "label.pdf"
    template = next(t for t in builtin_templates() if t.key == "avery-l7163")
    write_labels_pdf(label, template, [[BlockLine(street)]])
    in_cell = _visual_urdu_line(directory)
    on_label = _visual_urdu_line(label)
    assert in_cell == on_label
    assert [text for _, text in in_cell][:9] == list("(Block B)")  # the Latin, its brackets whole, leftmost
    assert {font for font, _ in in_cell} == {"NotoSans-Regular", "NotoNaskhArabic-Regular"}
