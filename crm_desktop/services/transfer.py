"""Export and import of contacts in the app's own CSV layout (formats.csv_contacts).

Import is all-or-nothing: the whole file is parsed and every row validated first; only a clean file is
written, in one transaction. Matching rows to cards:
- uuid given: updates the card with that UUID; an unknown UUID adds a new card keeping that UUID (so a
  file exported from another database keeps its identities, and importing it twice adds nothing twice);
- only id given: updates the card with that id; an unknown id is an error (ids are local to one file);
- both empty: a new card.
A new card keeps the file's created_at/updated_at when given; an update stamps updated_at now.
The Trash: a row with deleted_at is a card in the Trash (a new one is added there; an existing live one is
moved there), a row without is a live card (an existing one in the Trash is restored). A file without the
deleted_at column (written before it existed) leaves existing cards where they are.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from crm_desktop.db.contacts_bulk import ids_for_uuids
from crm_desktop.db.errors import NotFoundError
from crm_desktop.formats.csv_contacts import CsvFormatError, CsvProblem, CsvRow, parse_contacts, write_contacts
from crm_desktop.services.changes import Change, ChangeKind
from crm_desktop.services.workspace import Workspace


@dataclass(frozen=True, slots=True)
class ImportResult:
    added: int
    updated: int
    in_trash: int = 0  # of the added and updated cards, those the file puts in the Trash


class ImportFailed(Exception):
    """Nothing was imported; problems say what is wrong and where ("line N: column: message")."""

    def __init__(self, path: Path, problems: list[CsvProblem]):
        self.path = path
        self.problems = problems
        super().__init__(f"{path}: nothing was imported.\n" + "\n".join(str(p) for p in problems))


def export_contacts(workspace: Workspace, path: Path | str, include_trash: bool = False) -> int:
    """Write every live contact (and those in the Trash if asked) to a CSV file, replaced whole, never left
    half-written; returns how many were written."""
    path = Path(path)
    partial = path.with_name(f".{path.name}.{os.getpid()}.partial")
    try:
        # Owner-only, like the database it comes from: it holds the same customers' details.
        descriptor = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with open(descriptor, "w", encoding="utf-8", newline="") as stream:
            count = write_contacts(stream, workspace.contacts.repository.iter_all(include_trashed=include_trash))
        os.replace(partial, path)
    finally:
        partial.unlink(missing_ok=True)
    return count


def read_import_file(path: Path) -> list[CsvRow]:
    try:
        with path.open(encoding="utf-8-sig", newline="") as stream:
            return parse_contacts(stream)
    except UnicodeDecodeError as exc:
        raise ImportFailed(path, [CsvProblem(1, "", f"the file is not UTF-8 text ({exc.reason})")]) from None
    except CsvFormatError as exc:
        raise ImportFailed(path, exc.problems) from None


def import_contacts(workspace: Workspace, path: Path | str) -> ImportResult:
    path = Path(path)
    rows = read_import_file(path)
    repository = workspace.contacts.repository
    known = ids_for_uuids(workspace.database, [r.contact.uuid for r in rows if r.contact.uuid])
    problems: list[CsvProblem] = []
    seen: dict[int | str, int] = {}
    for row in rows:
        contact = row.contact
        if contact.uuid:
            contact.id = known.get(contact.uuid)
        elif contact.id is not None:
            try:
                existing = repository.get(contact.id)
            except NotFoundError:
                problems.append(CsvProblem(row.line, "id", f"there is no contact with id {contact.id} to update"))
                continue
            contact.uuid = existing.uuid
        # Stored numbers keep their country, also when an older file's rows do not give it.
        contact.phones = workspace.contacts.with_phone_regions(contact).phones
        key = contact.uuid or contact.id
        if key is not None:
            if key in seen:
                problems.append(CsvProblem(row.line, "uuid", f"the same contact is already on line {seen[key]}"))
            seen[key] = row.line
        problems += [CsvProblem(row.line, e.field, e.message) for e in workspace.contacts.validate(contact)]
    if problems:
        raise ImportFailed(path, problems)

    region = workspace.preferences.default_region
    added, updated, in_trash = [], [], 0
    with workspace.database.atomic():
        for row in rows:
            contact = row.contact
            if contact.id is None:
                saved = repository.add(contact, region)
                added.append(saved.id)
            else:
                saved = repository.update(contact, region)
                updated.append(saved.id)
                if row.trash_given and contact.deleted_at is not None and saved.deleted_at is None:
                    repository.trash([saved.id], at=contact.deleted_at)
                elif row.trash_given and contact.deleted_at is None and saved.deleted_at is not None:
                    repository.restore([saved.id], region)
                elif not row.trash_given:
                    contact.deleted_at = saved.deleted_at
            in_trash += contact.deleted_at is not None
    if added or updated:
        workspace.changes.publish(Change("contact", ChangeKind.IMPORTED, tuple(added + updated)))
    return ImportResult(len(added), len(updated), in_trash)
