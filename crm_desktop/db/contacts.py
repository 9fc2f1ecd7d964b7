"""ContactRepository: the only code that reads and writes contacts, their children, tags and index."""

from __future__ import annotations

import datetime as dt
import sqlite3
from array import array
import uuid as uuidlib
from collections.abc import Callable, Iterable, Iterator, Sequence

from crm_desktop.db import sort_positions
from crm_desktop.db.connection import Database
from crm_desktop.db.deals import after_cards_changed, deals_touching
from crm_desktop.db.deals import refresh_for_contacts as refresh_deals_for_contacts
from crm_desktop.db.contact_listing import ContactListing
from crm_desktop.db.errors import NotFoundError
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
from crm_desktop.domain.contact_query import ContactQuery, ContactSummary
from crm_desktop.domain.text import fold, normalize, phone_search_terms

Clock = Callable[[], dt.datetime]
CHUNK = 500  # ids per IN (...) list, well under SQLite's parameter limit

_SUMMARY_COLUMNS = (
    "id, kind, display_name, file_as, company, job_title, primary_phone, primary_email, city, "
    "relationship, stage, tags_text, updated_at, deleted_at, last_contacted_at, created_at, last_attempt_at"
)
_CONTACT_COLUMNS = (
    "kind", "prefix", "first_name", "middle_name", "last_name", "suffix", "nickname", "job_title",
    "company", "birthday_year", "birthday_month", "birthday_day", "relationship", "stage", "source",
    "notes", "display_name", "file_as", "sort_key", "company_key", "primary_phone", "primary_email",
    "city", "city_key", "tags_text", "label_name",
)  # fmt: skip


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def iso(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


class ContactRepository:
    def __init__(self, database: Database, clock: Clock = utc_now):
        self.database = database
        self.conn = database.conn
        self.clock = clock
        self.listing = ContactListing(self.conn)

    # ---- writing -------------------------------------------------------------------------------

    def add(self, contact: Contact, default_region: str = "") -> Contact:
        """Store a new card. default_region: the home country, which reads phones with no region yet."""
        with self.database.atomic():
            contact_id = self._insert(contact, default_region, None)
        return self.get(contact_id)

    def _insert(self, contact: Contact, default_region: str, phone_terms) -> int:
        now = iso(self.clock())
        values = self._row_values(contact)
        # Ids are never reused, even after a purge: an old export's id must not reach a new card.
        next_id = self.conn.execute(
            "SELECT max(coalesce((SELECT max(id) FROM contacts), 0), "
            "coalesce((SELECT seq FROM sqlite_sequence WHERE name = 'contacts'), 0)) + 1"
        ).fetchone()[0]
        pos = sort_positions.allocate(self.conn, fold(contact.file_as), next_id)
        # A card may arrive already in the Trash (an import of an export that included the Trash).
        cur = self.conn.execute(
            f"INSERT INTO contacts (id, uuid, {', '.join(_CONTACT_COLUMNS)}, sort_pos, created_at, updated_at, "
            f"deleted_at) VALUES ({', '.join('?' * (len(_CONTACT_COLUMNS) + 6))})",
            (next_id, contact.uuid or str(uuidlib.uuid4()), *values, pos, contact.created_at or now,
             contact.updated_at or now, contact.deleted_at),
        )  # fmt: skip
        self._write_children(cur.lastrowid, contact, default_region)
        if contact.deleted_at is None:
            self._index(pos, contact, default_region, phone_terms)
        return cur.lastrowid

    def update(self, contact: Contact, default_region: str = "") -> Contact:
        if contact.id is None:
            raise ValueError("update() needs a saved contact")
        with self.database.atomic():
            old = self.conn.execute(
                "SELECT sort_pos, sort_key, deleted_at FROM contacts WHERE id = ?", (contact.id,)
            ).fetchone()
            if old is None:
                raise NotFoundError(f"There is no contact with id {contact.id}.")
            pos, old_key, deleted_at = old
            self.conn.execute("DELETE FROM contacts_fts WHERE rowid = ?", (pos,))
            new_key = fold(contact.file_as)
            if new_key != old_key:  # renamed: park the card, then find its new place
                sort_positions.park(self.conn, contact.id)
                pos = sort_positions.allocate(self.conn, new_key, contact.id)
            assignments = ", ".join(f"{c} = ?" for c in _CONTACT_COLUMNS)
            self.conn.execute(
                f"UPDATE contacts SET {assignments}, sort_pos = ?, updated_at = ? WHERE id = ?",
                (*self._row_values(contact), pos, iso(self.clock()), contact.id),
            )
            for table in ("contact_phones", "contact_emails", "contact_addresses", "contact_websites", "contact_tags"):
                self.conn.execute(f"DELETE FROM {table} WHERE contact_id = ?", (contact.id,))
            self._write_children(contact.id, contact, default_region)
            if deleted_at is None:
                self._index(pos, contact, default_region)
            refresh_deals_for_contacts(self.conn, [contact.id])
        return self.get(contact.id)

    def trash(self, ids: Sequence[int], at: str | None = None) -> list[int]:
        """Move live cards to the Trash (at: when, if not now); returns the ids that moved."""
        now = at or iso(self.clock())
        moved: list[int] = []
        with self.database.atomic():
            for chunk in _chunks(ids):
                marks = ",".join("?" * len(chunk))
                rows = self.conn.execute(
                    f"UPDATE contacts SET deleted_at = ? WHERE id IN ({marks}) AND deleted_at IS NULL "
                    "RETURNING id, sort_pos",
                    (now, *chunk),
                ).fetchall()
                self.conn.executemany("DELETE FROM contacts_fts WHERE rowid = ?", [(pos,) for _, pos in rows])
                moved += [cid for cid, _ in rows]
            after_cards_changed(self.conn, deals_touching(self.conn, moved))
        return moved

    def restore(self, ids: Sequence[int], default_region: str = "") -> list[int]:
        restored: list[int] = []
        with self.database.atomic():
            for chunk in _chunks(ids):
                marks = ",".join("?" * len(chunk))
                rows = self.conn.execute(
                    f"UPDATE contacts SET deleted_at = NULL WHERE id IN ({marks}) AND deleted_at IS NOT NULL "
                    "RETURNING id, sort_pos",
                    chunk,
                ).fetchall()
                for contact_id, pos in rows:
                    self._index(pos, self.get(contact_id), default_region)
                restored += [cid for cid, _ in rows]
            after_cards_changed(self.conn, deals_touching(self.conn, restored))
        return restored

    def purge(self, ids: Sequence[int]) -> list[int]:
        """Delete for good; only cards already in the Trash can be purged."""
        purged: list[int] = []
        with self.database.atomic():
            touched = deals_touching(self.conn, ids)
            for chunk in _chunks(ids):
                marks = ",".join("?" * len(chunk))
                # Their activities go with them (ON DELETE CASCADE); the activities' search entries first.
                self.conn.execute(
                    f"DELETE FROM activities_fts WHERE rowid IN (SELECT a.sort_at * 1000000000 + a.id FROM activities a "
                    f"JOIN contacts c ON c.id = a.contact_id WHERE c.id IN ({marks}) AND c.deleted_at IS NOT NULL)",
                    chunk,
                )
                gone = [
                    r[0]
                    for r in self.conn.execute(
                        f"DELETE FROM contacts WHERE id IN ({marks}) AND deleted_at IS NOT NULL RETURNING id",
                        chunk,
                    )
                ]
                purged += gone  # trashed cards are already out of the search index
            after_cards_changed(self.conn, touched)  # the deals that are left
        return purged

    def trashed_ids(self) -> list[int]:
        return [r[0] for r in self.conn.execute("SELECT id FROM contacts WHERE deleted_at IS NOT NULL")]

    def bulk_insert(
        self,
        contacts: Iterable[Contact],
        default_region: str = "",
        phone_terms: Callable[[Phone], str] | None = None,
    ) -> int:
        """Insert many new contacts in the caller's transaction, fast (demo data, imports)."""
        count = 0
        for contact in contacts:
            self._insert(contact, default_region, phone_terms)
            count += 1
        return count

    def _row_values(self, c: Contact) -> tuple:
        b = c.birthday
        return (
            c.kind.value, c.prefix, c.first_name, c.middle_name, c.last_name, c.suffix, c.nickname,
            c.job_title, c.company, b.year if b else None, b.month if b else None, b.day if b else None,
            c.relationship.value, c.stage.value, c.source, c.notes, c.display_name, c.file_as,
            fold(c.file_as), fold(c.company), c.primary_phone, c.primary_email, c.primary_city,
            fold(c.primary_city), ", ".join(sorted(set(c.tags))), c.label_name,
        )  # fmt: skip

    def _write_children(self, contact_id: int, c: Contact, default_region: str) -> None:
        ex = self.conn.executemany
        # A phone not yet read against a country of its own is read against the home country: store that.
        ex(
            "INSERT INTO contact_phones (contact_id, position, label, number, region) VALUES (?, ?, ?, ?, ?)",
            [(contact_id, i, p.label, p.number, p.region or default_region) for i, p in enumerate(c.phones)],
        )
        ex(
            "INSERT INTO contact_emails (contact_id, position, label, address) VALUES (?, ?, ?, ?)",
            [(contact_id, i, e.label, e.address) for i, e in enumerate(c.emails)],
        )
        ex(
            "INSERT INTO contact_addresses (contact_id, position, label, street, city, region, postcode, country) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (contact_id, i, a.label, a.street, a.city, a.region, a.postcode, a.country)
                for i, a in enumerate(c.addresses)
            ],
        )
        ex(
            "INSERT INTO contact_websites (contact_id, position, label, url) VALUES (?, ?, ?, ?)",
            [(contact_id, i, w.label, w.url) for i, w in enumerate(c.websites)],
        )
        for tag_id in self._tag_ids(c.tags):
            self.conn.execute("INSERT OR IGNORE INTO contact_tags (contact_id, tag_id) VALUES (?, ?)", (contact_id, tag_id))

    def _index(self, pos: int, c: Contact, default_region: str, phone_terms=None) -> None:
        """Put a live card into the search index at its sort position."""
        terms = phone_terms or (lambda p: phone_search_terms(p.number, p.region or default_region))
        self.conn.execute(
            f"INSERT INTO contacts_fts (rowid, {sort_positions.FTS_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?)",
            (
                pos,
                normalize(" ".join((c.prefix, c.first_name, c.middle_name, c.last_name, c.suffix, c.nickname))
                          if c.kind is ContactKind.PERSON else c.company),
                normalize(" ".join((c.company if c.kind is ContactKind.PERSON else c.nickname, c.job_title))),
                normalize(" ".join([e.address for e in c.emails] + [terms(p) for p in c.phones]
                                   + [w.url for w in c.websites])),
                normalize(" ".join(" ".join((a.street, a.city, a.region, a.postcode, a.country)) for a in c.addresses)),
                normalize(" ".join(c.tags)),
                normalize(c.notes),
            ),
        )  # fmt: skip

    def _tag_ids(self, names: Iterable[str]) -> list[int]:
        ids = []
        for name in dict.fromkeys(names):
            self.conn.execute("INSERT OR IGNORE INTO tags (name) VALUES (?)", (name,))
            ids.append(self.conn.execute("SELECT id FROM tags WHERE name = ?", (name,)).fetchone()[0])
        return ids

    def set_tag(self, ids: Sequence[int], tag: str, present: bool) -> list[int]:
        """Add (present=True) or remove a tag on many cards at once; returns the ids that changed."""
        conn = self.conn
        changed: list[int] = []
        with self.database.atomic():
            (tag_id,) = self._tag_ids([tag])
            for contact_id in ids:
                if present:
                    cur = conn.execute(
                        "INSERT OR IGNORE INTO contact_tags (contact_id, tag_id) VALUES (?, ?)", (contact_id, tag_id)
                    )
                else:
                    cur = conn.execute(
                        "DELETE FROM contact_tags WHERE contact_id = ? AND tag_id = ?", (contact_id, tag_id)
                    )
                if cur.rowcount:
                    tags = _tags_text(conn, contact_id)
                    conn.execute(
                        "UPDATE contacts SET tags_text = ?, updated_at = ? WHERE id = ?",
                        (", ".join(tags), iso(self.clock()), contact_id),
                    )
                    conn.execute(
                    "UPDATE contacts_fts SET tags = ? WHERE rowid = (SELECT sort_pos FROM contacts WHERE id = ?)",
                    (normalize(" ".join(tags)), contact_id),
                )
                    changed.append(contact_id)
        return changed

    # ---- reading -------------------------------------------------------------------------------

    def get(self, contact_id: int) -> Contact:
        row = self.conn.execute(
            f"SELECT uuid, {', '.join(_CONTACT_COLUMNS[:16])}, created_at, updated_at, deleted_at, label_name "
            "FROM contacts WHERE id = ?",
            (contact_id,),
        ).fetchone()
        if row is None:
            raise NotFoundError(f"There is no contact with id {contact_id}.")
        return self._contact_from_row(contact_id, row)

    def iter_all(self, include_trashed: bool = False, batch: int = CHUNK) -> Iterator[Contact]:
        """Every contact in id order, loaded a batch at a time (export)."""
        where = "" if include_trashed else "WHERE deleted_at IS NULL"
        last = 0
        while True:
            ids = [
                r[0]
                for r in self.conn.execute(
                    f"SELECT id FROM contacts {where} {'AND' if where else 'WHERE'} id > ? ORDER BY id LIMIT ?",
                    (last, batch),
                )
            ]
            if not ids:
                return
            for contact_id in ids:
                yield self.get(contact_id)
            last = ids[-1]

    def _contact_from_row(self, contact_id: int, row: sqlite3.Row | tuple) -> Contact:
        (uuid, kind, prefix, first, middle, last, suffix, nickname, job, company, b_year, b_month, b_day,
         relationship, stage, source, notes, created, updated, deleted, label_name) = row  # fmt: skip
        q = self.conn.execute
        return Contact(
            id=contact_id, uuid=uuid, kind=ContactKind(kind), prefix=prefix, first_name=first,
            middle_name=middle, last_name=last, suffix=suffix, nickname=nickname, job_title=job, label_name=label_name,
            company=company,
            birthday=Birthday(b_month, b_day, b_year) if b_month else None,
            relationship=Relationship(relationship), stage=Stage(stage), source=source, notes=notes,
            created_at=created, updated_at=updated, deleted_at=deleted,
            phones=[Phone(n, lb, r) for lb, n, r in q(
                "SELECT label, number, region FROM contact_phones WHERE contact_id = ? ORDER BY position",
                (contact_id,))],
            emails=[Email(a, lb) for lb, a in q(
                "SELECT label, address FROM contact_emails WHERE contact_id = ? ORDER BY position", (contact_id,))],
            addresses=[Address(s, ci, r, p, co, lb) for lb, s, ci, r, p, co in q(
                "SELECT label, street, city, region, postcode, country FROM contact_addresses "
                "WHERE contact_id = ? ORDER BY position", (contact_id,))],
            websites=[Website(u, lb) for lb, u in q(
                "SELECT label, url FROM contact_websites WHERE contact_id = ? ORDER BY position", (contact_id,))],
            tags=[t for (t,) in q(
                "SELECT t.name FROM contact_tags ct JOIN tags t ON t.id = ct.tag_id WHERE ct.contact_id = ? "
                "ORDER BY t.name", (contact_id,))],
        )  # fmt: skip

    def search_ids(self, query: ContactQuery) -> Sequence[int]:
        """Ids of every matching card in display order: the contact list model holds just these."""
        return self.listing.ids(query)

    @staticmethod
    def search_ids_on(query: ContactQuery, conn: sqlite3.Connection) -> Sequence[int]:
        """search_ids() through another connection; a lazy list reads through it while it is open."""
        return ContactListing(conn).ids(query)

    def sorts_all(self, query: ContactQuery) -> bool:
        return self.listing.sorts_all(query)

    def search_ids_apart(self, query: ContactQuery, cancelled: Callable[[], bool]) -> Sequence[int] | None:
        """search_ids() on a reader connection of its own, safe on a worker thread; None once cancelled()
        turns true (checked while the query runs, so a stale search stops early)."""
        reader = self.database.reader()
        try:
            reader.set_progress_handler(lambda: 1 if cancelled() else 0, 20_000)
            try:
                ids = ContactListing(reader).ids(query)
            except sqlite3.OperationalError:
                if cancelled():
                    return None
                raise
            if not isinstance(ids, array):
                ids = array("q", ids)  # a lazy list would read through this reader after it closed
            return None if cancelled() else ids
        finally:
            reader.close()

    def any(self, query: ContactQuery = ContactQuery()) -> bool:
        return self.listing.any(query)

    def count(self, query: ContactQuery = ContactQuery()) -> int:
        return self.listing.count(query)

    def full_length(self, ids: Sequence[int]) -> int:
        """The real length of a list whose length is provisional; safe to call from another thread."""
        return self.database.full_length(ids)

    def tab_position(self, query: ContactQuery, tab: str) -> int | None:
        return self.listing.tab_position(query, tab)

    def summaries(self, ids: Sequence[int]) -> dict[int, ContactSummary]:
        result: dict[int, ContactSummary] = {}
        for chunk in _chunks(ids):
            marks = ",".join("?" * len(chunk))
            for row in self.conn.execute(f"SELECT {_SUMMARY_COLUMNS} FROM contacts WHERE id IN ({marks})", chunk):
                result[row[0]] = ContactSummary(*row)
        return result

    def tag_counts(self) -> list[tuple[str, int]]:
        """Tags on live cards with how many cards carry each, by name."""
        # Every card counted from the covering index contact_tags_tag, less the few in the Trash, found
        # through contacts_trashed (CROSS JOIN keeps that order): no join over every tagged card.
        return self.conn.execute(
            "WITH trashed AS (SELECT ct.tag_id, count(*) AS n FROM contacts c CROSS JOIN contact_tags ct "
            "  ON ct.contact_id = c.id WHERE c.deleted_at IS NOT NULL GROUP BY ct.tag_id), "
            "everyone AS (SELECT tag_id, count(*) AS n FROM contact_tags GROUP BY tag_id) "
            "SELECT t.name, e.n - coalesce(tr.n, 0) AS live FROM everyone e JOIN tags t ON t.id = e.tag_id "
            "LEFT JOIN trashed tr ON tr.tag_id = e.tag_id WHERE live > 0 ORDER BY t.name"
        ).fetchall()


def _chunks(ids: Sequence[int], size: int = CHUNK) -> Iterator[list[int]]:
    ids = list(ids)
    for start in range(0, len(ids), size):
        yield ids[start : start + size]


def _tags_text(conn: sqlite3.Connection, contact_id: int) -> list[str]:
    return [
        t
        for (t,) in conn.execute(
            "SELECT t.name FROM contact_tags ct JOIN tags t ON t.id = ct.tag_id WHERE ct.contact_id = ? ORDER BY t.name",
            (contact_id,),
        )
    ]
