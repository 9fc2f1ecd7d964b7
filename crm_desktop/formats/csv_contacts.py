"""The app's own CSV layout: one row per contact, a header row, UTF-8 with a BOM (so Excel shows Urdu,
Hindi and Tamil correctly; files without a BOM are read too). RFC 4180 quoting: cells may hold commas,
quotes and line breaks (multi-line notes and street lines stay in one cell).

Columns (in any order): id, uuid, kind, prefix, first_name, middle_name, last_name, suffix, nickname,
job_title, company, relationship, stage, source, birthday, tags, phones, emails, addresses, websites,
notes, label_name, created_at, updated_at, deleted_at. All are required but label_name and deleted_at,
which files written before they existed lack.

- kind: person | company; relationship and stage: the lower-case names of domain.contact's enums.
- birthday: YYYY-MM-DD, or --MM-DD when the year is unknown; empty for none.
- The multi-valued fields are JSON arrays (non-ASCII kept as is, so the cell stays readable); an empty
  cell means none:
    tags       ["vip", "wholesale"]
    phones     [["mobile", "+92 300 1234567", "PK"], ["work", "042 35761234", "PK"]]
                                              (label, number, country the number was read against)
               Files written before phones kept their country hold [label, number] pairs: still read,
               and such a number is read against the home country (or keeps the one already stored).
    emails     [["work", "ali@example.pk"]]                                   (label, address)
    websites   [["website", "https://example.pk"]]                            (label, url)
    addresses  [{"label": "work", "street": "House 5\\nMall Road", "city": "Lahore", "region": "Punjab",
                 "postcode": "54000", "country": "PK"}]
- id and uuid identify an existing card (see services.transfer); both empty: a new card.
- deleted_at: when the card went to the Trash (UTC, ISO 8601, as created_at); empty for a live card.
- label_name: the name mailing labels carry instead of the person's ("The Khan Family"); usually empty.

Formula guard: Excel and LibreOffice run a cell that starts with = + - or @ (and some tab- or CR-led
cells) as a formula when they open a CSV file, so a note like =HYPERLINK(...) could act on the reader's
machine. On export, a cell that starts with any number of apostrophes followed by one of = + - @ TAB CR
gets one more apostrophe in front: "=1+1" is written '=1+1 (spreadsheets show it as text), and "'=1+1"
is written ''=1+1. On import, a cell of that shape (apostrophes, then one of those characters) loses
exactly one leading apostrophe. Every other cell is written and read as it is, so the round trip is
exact, and a leading apostrophe anywhere else (a note starting "'Tis") is ordinary text.
Problems are reported with the physical line where the record starts (multi-line cells counted) and the
column name.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TextIO

from crm_desktop.domain.contact import (
    Address,
    Birthday,
    Contact,
    ContactKind,
    Email,
    Phone,
    Relationship,
    Stage,
    Website,
)

COLUMNS = (
    "id", "uuid", "kind", "prefix", "first_name", "middle_name", "last_name", "suffix", "nickname", "job_title",
    "company", "relationship", "stage", "source", "birthday", "tags", "phones", "emails", "addresses", "websites",
    "notes", "label_name", "created_at", "updated_at", "deleted_at",
)  # fmt: skip
OPTIONAL_COLUMNS = ("deleted_at", "label_name")  # absent from files written before they existed
_TEXT = ("prefix", "first_name", "middle_name", "last_name", "suffix", "nickname", "job_title", "company", "source", "notes",
         "label_name")  # fmt: skip
_ADDRESS_KEYS = ("label", "street", "city", "region", "postcode", "country")
_BIRTHDAY = re.compile(r"(?:(\d{4})|-)-(\d{2})-(\d{2})")
BOM = "\ufeff"
# A cell a spreadsheet could run as a formula, behind any apostrophes already guarding it.
_FORMULA_START = re.compile(r"'*[=+\-@\t\r]")


@dataclass(frozen=True, slots=True)
class CsvProblem:
    line: int
    column: str  # "" when the problem is the whole row
    message: str

    def __str__(self) -> str:
        return f"line {self.line}: {self.column + ': ' if self.column else ''}{self.message}"


class CsvFormatError(ValueError):
    def __init__(self, problems: list[CsvProblem]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


@dataclass(frozen=True, slots=True)
class CsvRow:
    line: int  # physical line of the file where the record starts
    contact: Contact  # id/uuid/created_at/updated_at/deleted_at as the file gives them (None when empty)
    trash_given: bool = True  # False: the file has no deleted_at column, so it says nothing of the Trash


# ---- writing ---------------------------------------------------------------------------------------


def _pairs(items: Iterable[tuple[str, ...]]) -> str:
    items = [list(i) for i in items]
    return json.dumps(items, ensure_ascii=False) if items else ""


def contact_cells(c: Contact) -> list[str]:
    values = {
        "id": "" if c.id is None else str(c.id),
        "uuid": c.uuid or "",
        "kind": c.kind.value,
        "relationship": c.relationship.value,
        "stage": c.stage.value,
        "birthday": c.birthday.iso() if c.birthday else "",
        "tags": json.dumps(c.tags, ensure_ascii=False) if c.tags else "",
        "phones": _pairs((p.label, p.number, p.region) for p in c.phones),
        "emails": _pairs((e.label, e.address) for e in c.emails),
        "websites": _pairs((w.label, w.url) for w in c.websites),
        "addresses": json.dumps(
            [{k: getattr(a, k) for k in _ADDRESS_KEYS} for a in c.addresses], ensure_ascii=False
        ) if c.addresses else "",
        "created_at": c.created_at or "",
        "updated_at": c.updated_at or "",
        "deleted_at": c.deleted_at or "",
    }  # fmt: skip
    for name in _TEXT:
        values[name] = getattr(c, name)
    return [values[name] for name in COLUMNS]


def guard_cell(text: str) -> str:
    """The cell as written: one apostrophe more in front of what a spreadsheet would run (see above)."""
    return "'" + text if _FORMULA_START.match(text) else text


def unguard_cell(text: str) -> str:
    """The exact inverse of guard_cell()."""
    return text[1:] if text.startswith("'") and _FORMULA_START.match(text) else text


def write_contacts(stream: TextIO, contacts: Iterable[Contact]) -> int:
    """Write the BOM, the header and one row per contact to a text stream opened with newline=""."""
    stream.write(BOM)
    writer = csv.writer(stream, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    count = 0
    for contact in contacts:
        writer.writerow([guard_cell(cell) for cell in contact_cells(contact)])
        count += 1
    return count


def contacts_to_text(contacts: Iterable[Contact]) -> str:
    buffer = io.StringIO(newline="")
    write_contacts(buffer, contacts)
    return buffer.getvalue()


# ---- reading ---------------------------------------------------------------------------------------


class _RowProblems(Exception):
    pass


def parse_contacts(stream: TextIO) -> list[CsvRow]:
    """Read every row; raises CsvFormatError listing every problem found (the whole file is checked)."""
    reader = csv.reader(stream, strict=True)
    problems: list[CsvProblem] = []
    try:
        header = next(reader, None)
    except csv.Error as exc:
        raise CsvFormatError([CsvProblem(1, "", f"not a readable CSV file ({exc})")]) from None
    if header is None:
        raise CsvFormatError([CsvProblem(1, "", "the file is empty; expected a header row")])
    if header and header[0].startswith(BOM):  # a BOM the caller's encoding did not remove
        header[0] = header[0][1:]
    header = [h.strip() for h in header]
    for name in header:
        if name not in COLUMNS:
            problems.append(CsvProblem(1, name, "unknown column"))
    for name in COLUMNS:
        if name not in header and name not in OPTIONAL_COLUMNS:
            problems.append(CsvProblem(1, name, "missing column"))
    duplicates = {h for h in header if header.count(h) > 1}
    problems += [CsvProblem(1, name, "the column appears twice") for name in sorted(duplicates)]
    if problems:
        raise CsvFormatError(problems)
    absent = {name: "" for name in OPTIONAL_COLUMNS if name not in header}
    rows: list[CsvRow] = []
    start = reader.line_num + 1
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            problems.append(CsvProblem(start, "", f"broken CSV quoting ({exc})"))
            break
        line, start = start, reader.line_num + 1
        if not cells or (len(cells) == 1 and not cells[0].strip()):
            continue  # a blank line
        if len(cells) != len(header):
            problems.append(CsvProblem(line, "", f"the row has {len(cells)} cells, the header has {len(header)}"))
            continue
        row_problems: list[CsvProblem] = []
        values = absent | dict(zip(header, map(unguard_cell, cells), strict=True))
        contact = _contact(values, line, row_problems)
        problems += row_problems
        if not row_problems:
            rows.append(CsvRow(line, contact, trash_given="deleted_at" not in absent))
    if problems:
        raise CsvFormatError(problems)
    return rows


def parse_text(text: str) -> list[CsvRow]:
    return parse_contacts(io.StringIO(text.removeprefix(BOM), newline=""))


def _contact(cells: dict[str, str], line: int, problems: list[CsvProblem]) -> Contact:
    def problem(column: str, message: str) -> None:
        problems.append(CsvProblem(line, column, message))

    def enum(column, cls, default):
        value = cells[column].strip()
        if not value:
            return default
        try:
            return cls(value.lower())
        except ValueError:
            problem(column, f"'{value}' is not one of: {', '.join(m.value for m in cls)}")
            return default

    contact = Contact(**{name: cells[name] for name in _TEXT})
    contact.kind = enum("kind", ContactKind, ContactKind.PERSON)
    contact.relationship = enum("relationship", Relationship, Relationship.OTHER)
    contact.stage = enum("stage", Stage, Stage.LEAD)
    raw_id = cells["id"].strip()
    if raw_id:
        if raw_id.isdigit() and int(raw_id) > 0:
            contact.id = int(raw_id)
        else:
            problem("id", f"'{raw_id}' is not a contact id (a positive whole number)")
    contact.uuid = cells["uuid"].strip() or None
    contact.created_at = cells["created_at"].strip() or None
    contact.updated_at = cells["updated_at"].strip() or None
    deleted_at = cells["deleted_at"].strip()
    if deleted_at:
        try:
            dt.datetime.fromisoformat(deleted_at.replace("Z", "+00:00"))
        except ValueError:
            problem("deleted_at", f"'{deleted_at}' is not a date and time like 2025-03-01T09:30:00.000000Z")
        else:
            contact.deleted_at = deleted_at
    birthday = cells["birthday"].strip()
    if birthday:
        match = _BIRTHDAY.fullmatch(birthday)
        if match is None:
            problem("birthday", f"'{birthday}' is not a date like 1980-03-25 or --03-25")
        else:
            year, month, day = match.groups()
            contact.birthday = Birthday(int(month), int(day), int(year) if year else None)
    contact.tags = _json_list(cells, "tags", problem, lambda item: item if isinstance(item, str) else None)
    contact.phones = _json_list(cells, "phones", problem, _phone)
    contact.emails = _json_list(cells, "emails", problem, _pair(Email))
    contact.websites = _json_list(cells, "websites", problem, _pair(Website))
    contact.addresses = _json_list(cells, "addresses", problem, _address)
    return contact


def _pair(cls):
    def build(item):
        if isinstance(item, list) and len(item) == 2 and all(isinstance(v, str) for v in item):
            return cls(item[1], item[0])
        return None

    return build


def _phone(item):
    if isinstance(item, list) and len(item) in (2, 3) and all(isinstance(v, str) for v in item):
        return Phone(item[1], item[0], item[2] if len(item) == 3 else "")
    return None


def _address(item):
    if isinstance(item, dict) and set(item) <= set(_ADDRESS_KEYS) and all(isinstance(v, str) for v in item.values()):
        return Address(**item)
    return None


_SHAPES = {
    "tags": 'a list of texts, like ["vip", "retail"]',
    "phones": 'a list of [label, number, country], like [["mobile", "+92 300 1234567", "PK"]]',
    "emails": 'a list of [label, address] pairs, like [["work", "ali@example.pk"]]',
    "websites": 'a list of [label, url] pairs, like [["website", "https://example.pk"]]',
    "addresses": 'a list of objects with label, street, city, region, postcode, country',
}


def _json_list(cells, column, problem, build) -> list:
    text = cells[column].strip()
    if not text:
        return []
    try:
        value = json.loads(text)
    except json.JSONDecodeError as exc:
        problem(column, f"not valid JSON ({exc.msg} at character {exc.pos + 1}); expected {_SHAPES[column]}")
        return []
    if not isinstance(value, list):
        problem(column, f"expected {_SHAPES[column]}")
        return []
    items = []
    for index, item in enumerate(value):
        built = build(item)
        if built is None:
            problem(column, f"item {index + 1} has the wrong shape; expected {_SHAPES[column]}")
            return []
        items.append(built)
    return items
