"""The fast path for loading very many new contacts at once (demo data): pre-built rows, one transaction.

The caller builds plain tuples in the column orders below, exactly as ContactRepository would store the
same contacts (tests compare both paths). Sort positions (db/sort_positions.py) are given at the end, in one
pass over the name order, and the search index is then filled in that order, which suits FTS5 best.
Secondary indexes are dropped for the load and rebuilt after it, much faster than updating them row by
row. Use it only on a file nobody else has open yet.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass, field

from crm_desktop.db import sort_positions
from crm_desktop.db.connection import Database
from crm_desktop.db.contacts import _CONTACT_COLUMNS

CONTACT_COLUMNS = ("id", "uuid", *_CONTACT_COLUMNS, "created_at", "updated_at", "deleted_at")
FTS_COLUMNS = ("contact_id", "name", "org", "reach", "place", "tags", "notes")
_FTS_TEXT = "name, org, reach, place, tags, notes"
_CHILD_TABLES = ("contacts", "contact_phones", "contact_emails", "contact_addresses", "contact_websites", "contact_tags")


@dataclass(slots=True)
class ContactRows:
    """One batch of new contacts as rows; ids are chosen by the caller and must be new."""

    contacts: list[tuple] = field(default_factory=list)  # CONTACT_COLUMNS
    phones: list[tuple] = field(default_factory=list)  # contact_id, position, label, number
    emails: list[tuple] = field(default_factory=list)  # contact_id, position, label, address
    addresses: list[tuple] = field(default_factory=list)  # contact_id, position, label, street, city, region, postcode, country
    websites: list[tuple] = field(default_factory=list)  # contact_id, position, label, url
    tags: list[tuple] = field(default_factory=list)  # contact_id, tag_id
    fts: list[tuple] = field(default_factory=list)  # FTS_COLUMNS, text already normalised; live cards only


class ContactBulkLoader:
    """begin() -> write() batches -> finish(); everything in one transaction, rolled back by abort()."""

    def __init__(self, database: Database):
        self.conn = database.conn
        self._indexes: list[str] = []

    def begin(self, tags: Sequence[str]) -> dict[str, int]:
        """Start the load; returns the id of each tag name."""
        conn = self.conn
        conn.execute("PRAGMA journal_mode = DELETE")
        conn.execute("PRAGMA synchronous = OFF")  # the file is renamed into place only once complete
        conn.execute("PRAGMA cache_size = -262144")
        conn.execute("PRAGMA temp_store = MEMORY")
        conn.execute("BEGIN IMMEDIATE")
        marks = ",".join("?" * len(_CHILD_TABLES))
        rows = conn.execute(
            f"SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN ({marks})",
            _CHILD_TABLES,
        ).fetchall()
        for name, sql in rows:
            conn.execute(f'DROP INDEX "{name}"')
            self._indexes.append(sql)
        # A big in-memory term buffer: far fewer FTS segments to write and merge.
        conn.execute("INSERT INTO contacts_fts (contacts_fts, rank) VALUES ('automerge', 0)")
        try:
            conn.execute("INSERT INTO contacts_fts (contacts_fts, rank) VALUES ('hashsize', 268435456)")
        except sqlite3.OperationalError:  # an SQLite without the option: only slower
            pass
        conn.execute(f"CREATE TEMP TABLE bulk_fts (contact_id INTEGER PRIMARY KEY, {_FTS_TEXT})")
        for name in dict.fromkeys(tags):
            conn.execute("INSERT OR IGNORE INTO tags (name) VALUES (?)", (name,))
        return dict(conn.execute("SELECT name, id FROM tags"))

    def write(self, rows: ContactRows) -> None:
        ex = self.conn.executemany
        # A unique placeholder position (-id) until finish() numbers the cards in name order.
        marks = ", ".join(f"?{i}" for i in range(1, len(CONTACT_COLUMNS) + 1))
        ex(f"INSERT INTO contacts ({', '.join(CONTACT_COLUMNS)}, sort_pos) VALUES ({marks}, -?1)", rows.contacts)
        ex("INSERT INTO contact_phones (contact_id, position, label, number) VALUES (?, ?, ?, ?)", rows.phones)
        ex("INSERT INTO contact_emails (contact_id, position, label, address) VALUES (?, ?, ?, ?)", rows.emails)
        ex("INSERT INTO contact_addresses (contact_id, position, label, street, city, region, postcode, country) "
           "VALUES (?, ?, ?, ?, ?, ?, ?, ?)", rows.addresses)
        ex("INSERT INTO contact_websites (contact_id, position, label, url) VALUES (?, ?, ?, ?)", rows.websites)
        ex("INSERT INTO contact_tags (contact_id, tag_id) VALUES (?, ?)", rows.tags)
        ex(f"INSERT INTO temp.bulk_fts VALUES ({', '.join('?' * len(FTS_COLUMNS))})", rows.fts)  # fmt: skip

    def finish(self) -> None:
        conn = self.conn
        conn.execute(
            "UPDATE contacts SET sort_pos = ranked.n * ? FROM "
            "(SELECT id, row_number() OVER (ORDER BY sort_key, id) AS n FROM contacts) AS ranked "
            "WHERE contacts.id = ranked.id",
            (sort_positions.STEP,),
        )
        conn.execute(
            f"INSERT INTO contacts_fts (rowid, {_FTS_TEXT}) SELECT c.sort_pos, {', '.join('b.' + col for col in FTS_COLUMNS[1:])} "
            "FROM temp.bulk_fts b JOIN contacts c ON c.id = b.contact_id ORDER BY c.sort_pos"
        )
        conn.execute("DROP TABLE temp.bulk_fts")
        for sql in self._indexes:
            conn.execute(sql)
        conn.execute("INSERT INTO contacts_fts (contacts_fts) VALUES ('optimize')")
        conn.execute("INSERT INTO contacts_fts (contacts_fts, rank) VALUES ('automerge', 4)")
        conn.execute("DELETE FROM contacts_fts_config WHERE k = 'hashsize'")  # back to the default
        conn.execute("COMMIT")
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = NORMAL")

    def abort(self) -> None:
        if self.conn.in_transaction:
            self.conn.execute("ROLLBACK")


def ids_for_uuids(database: Database, uuids: Sequence[str], chunk: int = 500) -> dict[str, int]:
    """The id of each given UUID that exists (trashed cards included): imports match rows by UUID."""
    found: dict[str, int] = {}
    uuids = list(dict.fromkeys(uuids))
    for start in range(0, len(uuids), chunk):
        part = uuids[start : start + chunk]
        marks = ",".join("?" * len(part))
        found.update(database.conn.execute(f"SELECT uuid, id FROM contacts WHERE uuid IN ({marks})", part).fetchall())
    return found
