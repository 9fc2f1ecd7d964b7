"""The contact directory read a page at a time (keyset paging in name order): a 100,000-contact
directory never holds more than one page of cards in memory."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator

from crm_desktop.domain.directory import DirectoryEntry
from crm_desktop.domain.text import fold

_COLUMNS = "c.id, c.display_name, c.company, c.primary_email, c.city, c.sort_key, c.sort_pos"


class DirectoryRows:
    def __init__(self, conn: sqlite3.Connection, page: int = 500):
        self.conn = conn
        self.page = page

    def count(self) -> int:
        return self.conn.execute("SELECT count(*) FROM contacts WHERE deleted_at IS NULL").fetchone()[0]

    def tags(self) -> list[tuple[int, str, int]]:
        """(tag id, name, live cards) of every tag in use, in the list's name order."""
        rows = self.conn.execute(
            "SELECT t.id, t.name, count(*) FROM tags t JOIN contact_tags ct ON ct.tag_id = t.id "
            "JOIN contacts c ON c.id = ct.contact_id WHERE c.deleted_at IS NULL GROUP BY t.id"
        ).fetchall()
        return sorted(rows, key=lambda row: (fold(row[1]), row[1]))

    def untagged_count(self) -> int:
        return self.conn.execute(
            "SELECT count(*) FROM contacts c WHERE c.deleted_at IS NULL "
            "AND NOT EXISTS (SELECT 1 FROM contact_tags ct WHERE ct.contact_id = c.id)"
        ).fetchone()[0]

    def by_name(self) -> Iterator[list[DirectoryEntry]]:
        yield from self._pages("c.deleted_at IS NULL", ())

    def with_tag(self, tag_id: int) -> Iterator[list[DirectoryEntry]]:
        yield from self._pages(
            "c.deleted_at IS NULL AND c.id IN (SELECT contact_id FROM contact_tags WHERE tag_id = ?)", (tag_id,)
        )

    def untagged(self) -> Iterator[list[DirectoryEntry]]:
        yield from self._pages(
            "c.deleted_at IS NULL AND NOT EXISTS (SELECT 1 FROM contact_tags ct WHERE ct.contact_id = c.id)", ()
        )

    def _pages(self, where: str, params: tuple) -> Iterator[list[DirectoryEntry]]:
        after = -(2**62)
        while True:
            rows = self.conn.execute(
                f"SELECT {_COLUMNS} FROM contacts c WHERE {where} AND c.sort_pos > ? ORDER BY c.sort_pos LIMIT ?",
                (*params, after, self.page),
            ).fetchall()
            if not rows:
                return
            phones = self._phones([row[0] for row in rows])
            yield [DirectoryEntry(row[0], row[1], row[2], phones.get(row[0], ()), row[3], row[4], row[5])
                   for row in rows]  # fmt: skip
            after = rows[-1][6]

    def _phones(self, ids: list[int]) -> dict[int, tuple[str, ...]]:
        found: dict[int, list[str]] = {}
        marks = ",".join("?" * len(ids))
        for contact_id, number in self.conn.execute(
            f"SELECT contact_id, number FROM contact_phones WHERE contact_id IN ({marks}) ORDER BY contact_id, position",
            ids,
        ):
            found.setdefault(contact_id, []).append(number)
        return {key: tuple(numbers) for key, numbers in found.items()}
