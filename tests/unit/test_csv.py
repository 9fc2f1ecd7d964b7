"""The app's CSV layout: lossless round trips across scripts, all-or-nothing imports, line numbers."""

from __future__ import annotations

import stat
import sys

import pytest

from crm_desktop.domain.contact import Address, Birthday, Contact, ContactKind, Email, Phone, Stage, Website
from crm_desktop.domain.contact_query import ContactQuery
from crm_desktop.formats.csv_contacts import COLUMNS, CsvFormatError, contacts_to_text, parse_text
from crm_desktop.services.changes import ChangeKind
from crm_desktop.services.transfer import ImportFailed, export_contacts, import_contacts
from crm_desktop.services.workspace import open_workspace


def _samples() -> list[Contact]:
    return [
        Contact(first_name="عمران", last_name="قریشی", company="قریشی ٹریڈرز", job_title="مالک",
                phones=[Phone("0300 1234567"), Phone("+92 42 35761234", "work")],
                emails=[Email("imran@qureshi.com.pk")],
                addresses=[Address("مکان نمبر 5، گلی نمبر 2\nگلبرگ", "لاہور", "پنجاب", "54000", "PK")],
                tags=["vip", "eid-card"], notes="ہر سال عید کارڈ بھیجیں\nدوسری سطر", birthday=Birthday(8, 14)),
        Contact(prefix="श्री", first_name="राजेश", last_name="शर्मा", phones=[Phone("+91 98765 43210")],
                addresses=[Address("मकान नंबर 12, एमजी रोड", "जयपुर", "राजस्थान", "302001", "IN", "home")],
                birthday=Birthday(3, 25, 1975), stage=Stage.CUSTOMER, source="trade fair"),
        Contact(first_name="கவிதா", last_name="சிவநேசன்", notes='Said "call me", then, later, "don\'t"',
                websites=[Website("https://example.lk/a,b", "website")], tags=["a;b", 'quote"tag', "tab\tinside"]),
        Contact(kind=ContactKind.COMPANY, company='Müller, "Schmidt" & Co.', notes="\r\nstarts with a break\n\n"),
        Contact(first_name="José", last_name="Núñez"),
    ]  # fmt: skip


@pytest.fixture
def filled(workspace):
    for contact in _samples():
        workspace.contacts.save(contact)
    return workspace


def test_round_trip_export_import_export_is_identical(filled, tmp_path):
    first = tmp_path / "first.csv"
    assert export_contacts(filled, first) == 5
    raw = first.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    with open_workspace(tmp_path / "new.sqlite3") as fresh:
        assert import_contacts(fresh, first).added == 5
        second = tmp_path / "second.csv"
        export_contacts(fresh, second)
        assert second.read_bytes() == raw
        again = {c.uuid: c for c in fresh.contacts.repository.iter_all()}
    for original in filled.contacts.repository.iter_all():
        assert again[original.uuid] == original


def test_parse_without_bom_and_text_survives_exactly():
    contacts = _samples()
    text = contacts_to_text(contacts).removeprefix("\ufeff")
    parsed = [r.contact for r in parse_text(text)]
    assert parsed == contacts


def test_import_updates_by_uuid_and_adds_new_rows(filled, tmp_path):
    changes = []
    filled.changes.subscribe(changes.append)
    original = next(c for c in filled.contacts.repository.iter_all() if c.first_name == "راجیش" or c.last_name == "शर्मा")
    original.notes = "نیا نوٹ"
    original.phones.append(Phone("+94 77 123 4567", "work"))
    newcomer = Contact(first_name="Ayesha", last_name="Malik")
    path = tmp_path / "changes.csv"
    path.write_text(contacts_to_text([original, newcomer]), encoding="utf-8", newline="")
    result = import_contacts(filled, path)
    assert (result.added, result.updated) == (1, 1)
    stored = filled.contacts.get(original.id)
    assert stored.notes == "نیا نوٹ" and stored.phones[-1].number == "+94 77 123 4567"
    assert filled.contacts.count() == 6
    assert [c.kind for c in changes] == [ChangeKind.IMPORTED] and len(changes[0].ids) == 2
    assert filled.contacts.search_ids(ContactQuery(text="نیا"))


def _bad_file(tmp_path):
    # Header on line 1; the Urdu card's two-line notes span lines 2-3, Tariq's 4-5; the Hindi card is on 6.
    urdu, hindi = _samples()[:2]
    bad = Contact(first_name="Bad", birthday=Birthday(2, 30, 1980))
    text = contacts_to_text([urdu, Contact(first_name="Tariq", notes="one,\n\"two\""), hindi, bad])
    assert text.splitlines()[6].startswith(",,person,,Bad,")
    path = tmp_path / "bad.csv"
    path.write_text(text, encoding="utf-8", newline="")
    return path


def test_a_bad_row_is_reported_with_its_line_and_nothing_is_written(workspace, tmp_path):
    path = _bad_file(tmp_path)
    with pytest.raises(ImportFailed) as caught:
        import_contacts(workspace, path)
    assert [str(p) for p in caught.value.problems] == ["line 7: birthday: There is no such date."]
    assert workspace.contacts.count() == 0


def test_format_problems_name_line_and_column(tmp_path):
    header = ",".join(COLUMNS)
    good = contacts_to_text([Contact(first_name="A")]).split("\r\n")[1]
    cells = good.split(",")

    def row(**changes):
        out = list(cells)
        for name, value in changes.items():
            out[COLUMNS.index(name)] = value
        return ",".join(out)

    text = "\r\n".join([header, row(stage="boss"), '"x\ny"', row(birthday="14/08"), row(phones="[oops"),
                        row(tags='{"a": 1}'), row(id="-3"), ""])  # fmt: skip
    with pytest.raises(CsvFormatError) as caught:
        parse_text(text)
    messages = [str(p) for p in caught.value.problems]
    assert messages[0].startswith("line 2: stage: 'boss' is not one of")
    assert messages[1] == f"line 3: the row has 1 cells, the header has {len(COLUMNS)}"
    assert messages[2].startswith("line 5: birthday: '14/08'")
    assert messages[3].startswith("line 6: phones: not valid JSON")
    assert messages[4].startswith("line 7: tags: expected a list")
    assert messages[5].startswith("line 8: id: '-3'")
    with pytest.raises(CsvFormatError) as caught:
        parse_text("id,name,uuid\r\n")
    assert "line 1: name: unknown column" in str(caught.value)
    assert "line 1: kind: missing column" in str(caught.value)


def test_unknown_id_is_an_error_but_unknown_uuid_adds_the_card(workspace, tmp_path):
    path = tmp_path / "ids.csv"
    path.write_text(contacts_to_text([Contact(first_name="X", id=99)]), encoding="utf-8", newline="")
    with pytest.raises(ImportFailed, match="line 2: id: there is no contact with id 99"):
        import_contacts(workspace, path)
    uuid = "6f1c1f1e-4a7b-4c1e-9d5e-0a1b2c3d4e5f"
    path.write_text(contacts_to_text([Contact(first_name="Y", uuid=uuid)]), encoding="utf-8", newline="")
    assert import_contacts(workspace, path).added == 1
    assert import_contacts(workspace, path).updated == 1
    assert [c.uuid for c in workspace.contacts.repository.iter_all()] == [uuid]


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX permission bits")
def test_an_export_is_readable_by_its_owner_only(filled, tmp_path):
    out = tmp_path / "contacts.csv"
    export_contacts(filled, out)
    assert stat.S_IMODE(out.stat().st_mode) & 0o077 == 0


_FORMULA_LIKE = ["=HYPERLINK(\"http://x\",\"y\")", "+92 300 1234567", "-2+3", "@SUM(A1)", "\tindented", "\rcr",
                 "'quoted", "'=already guarded", "''@two", "'", "''", "=", "plain", "a=b"]  # fmt: skip


def test_cells_that_a_spreadsheet_would_run_as_formulas_are_guarded_and_come_back_exactly(workspace, tmp_path):
    import csv
    import io

    contacts = [Contact(first_name="A", notes=value, company=value, job_title=value) for value in _FORMULA_LIKE]
    text = contacts_to_text(contacts)
    rows = list(csv.reader(io.StringIO(text.removeprefix("\ufeff"), newline="")))[1:]
    cells = [cell for row in rows for cell in row]
    assert not [c for c in cells if c[:1] in ("=", "+", "-", "@", "\t", "\r")]
    assert "'=HYPERLINK(\"http://x\",\"y\")" in cells and "''=already guarded" in cells and "'quoted" in cells
    assert [r.contact for r in parse_text(text)] == contacts
    path = tmp_path / "formulas.csv"
    path.write_text(text, encoding="utf-8", newline="")
    assert import_contacts(workspace, path).added == len(contacts)
    stored = list(workspace.contacts.repository.iter_all())
    assert sorted(c.notes for c in stored) == sorted(c.company for c in stored) == sorted(_FORMULA_LIKE)


def test_a_leading_apostrophe_the_app_did_not_add_is_kept():
    # Only an apostrophe before a formula start (or before another guard) is the app's own guard.
    header = ",".join(COLUMNS)
    row = dict.fromkeys(COLUMNS, "")
    row.update(kind="person", first_name="'Tis", notes="'quoted")
    text = header + "\r\n" + ",".join(row[c] for c in COLUMNS) + "\r\n"
    (parsed,) = parse_text(text)
    assert (parsed.contact.first_name, parsed.contact.notes) == ("'Tis", "'quoted")
