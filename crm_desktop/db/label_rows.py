"""What mailing labels need of many contacts at once: names, company and postal addresses, read a
chunk of ids at a time (two queries per chunk rather than five per contact)."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from crm_desktop.db.connection import Database
from crm_desktop.domain.contact import Address, Contact, ContactKind

CHUNK = 500  # ids per IN (...) list, well under SQLite's parameter limit


@dataclass(slots=True)
class LabelRow:
    contact: Contact  # names, company and addresses only
    label_name: str  # the name the contact wants on envelopes ("The Khan Family"), or ""
    sort_key: str  # the list's name order


def label_rows(database: Database | sqlite3.Connection, ids: Sequence[int]) -> Iterator[LabelRow]:
    """Rows for the live contacts among ids, in the order of ids (through a reader connection of its own
    when a worker thread asks)."""
    for chunk in _chunks(ids):
        marks = ",".join("?" * len(chunk))
        rows = {
            r[0]: r
            for r in database.execute(
                f"SELECT id, kind, prefix, first_name, middle_name, last_name, suffix, nickname, company, "
                f"label_name, sort_key FROM contacts WHERE id IN ({marks}) AND deleted_at IS NULL",
                chunk,
            )
        }
        addresses: dict[int, list[Address]] = {}
        for contact_id, label, street, city, region, postcode, country in database.execute(
            "SELECT contact_id, label, street, city, region, postcode, country FROM contact_addresses "
            f"WHERE contact_id IN ({marks}) ORDER BY contact_id, position",
            chunk,
        ):
            addresses.setdefault(contact_id, []).append(Address(street, city, region, postcode, country, label))
        for contact_id in chunk:
            row = rows.get(contact_id)
            if row is None:
                continue
            _, kind, prefix, first, middle, last, suffix, nickname, company, name_on_label, sort_key = row
            contact = Contact(
                kind=ContactKind(kind), prefix=prefix, first_name=first, middle_name=middle, last_name=last,
                suffix=suffix, nickname=nickname, company=company, addresses=addresses.get(contact_id, []),
                id=contact_id,
            )  # fmt: skip
            yield LabelRow(contact, name_on_label or "", sort_key or "")


def _chunks(ids: Sequence[int]) -> Iterator[list[int]]:
    chunk: list[int] = []
    for contact_id in ids:
        chunk.append(contact_id)
        if len(chunk) == CHUNK:
            yield chunk
            chunk = []
    if chunk:
        yield chunk
