"""The schema as an ordered list of migration steps; PRAGMA user_version counts the steps applied.

Never edit a step that has shipped: add a new one. Each step runs in its own transaction (connection.py)
and must use plain SQL, because it has to mean the same thing forever.
"""

from __future__ import annotations

import sqlite3

# Marks the file as ours ("CRMD"), so a foreign SQLite file is recognised and refused.
APPLICATION_ID = 0x43524D44

# Written out, not imported: a shipped step must mean the same thing forever. Letters, digits and
# combining marks are word characters, so Indic vowel signs stay in their words (domain.text agrees).
FTS_TOKENIZER = "unicode61 remove_diacritics 2 categories 'L* N* Co M*'"


def run_script(conn: sqlite3.Connection, script: str) -> None:
    """Run statements one by one: executescript() would COMMIT the step's transaction first."""
    statement = ""
    for line in script.splitlines(keepends=True):
        statement += line
        if sqlite3.complete_statement(statement):
            conn.execute(statement)
            statement = ""
    if statement.strip():
        raise ValueError(f"incomplete SQL statement in migration: {statement!r}")


def _v1_contacts(conn: sqlite3.Connection) -> None:
    run_script(
        conn,
        f"""
        CREATE TABLE contacts (
            id INTEGER PRIMARY KEY AUTOINCREMENT,  -- never reused: exports refer to ids
            uuid TEXT NOT NULL UNIQUE,
            kind TEXT NOT NULL CHECK (kind IN ('person', 'company')),
            prefix TEXT NOT NULL DEFAULT '',
            first_name TEXT NOT NULL DEFAULT '',
            middle_name TEXT NOT NULL DEFAULT '',
            last_name TEXT NOT NULL DEFAULT '',
            suffix TEXT NOT NULL DEFAULT '',
            nickname TEXT NOT NULL DEFAULT '',
            job_title TEXT NOT NULL DEFAULT '',
            company TEXT NOT NULL DEFAULT '',
            birthday_year INTEGER,
            birthday_month INTEGER,
            birthday_day INTEGER,
            relationship TEXT NOT NULL DEFAULT 'other',
            stage TEXT NOT NULL DEFAULT 'lead',
            source TEXT NOT NULL DEFAULT '',
            notes TEXT NOT NULL DEFAULT '',
            -- Derived from the above on every write, for the list and its sorting.
            display_name TEXT NOT NULL DEFAULT '',
            file_as TEXT NOT NULL DEFAULT '',
            sort_key TEXT NOT NULL DEFAULT '',
            company_key TEXT NOT NULL DEFAULT '',
            primary_phone TEXT NOT NULL DEFAULT '',
            primary_email TEXT NOT NULL DEFAULT '',
            city TEXT NOT NULL DEFAULT '',
            city_key TEXT NOT NULL DEFAULT '',
            tags_text TEXT NOT NULL DEFAULT '',
            -- Place in name order, sparse; also the card's rowid in contacts_fts (db/sort_positions.py).
            sort_pos INTEGER NOT NULL,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            deleted_at TEXT
        );
        CREATE TABLE contact_phones (
            id INTEGER PRIMARY KEY,
            contact_id INTEGER NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            label TEXT NOT NULL DEFAULT '',
            number TEXT NOT NULL
        );
        CREATE TABLE contact_emails (
            id INTEGER PRIMARY KEY,
            contact_id INTEGER NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            label TEXT NOT NULL DEFAULT '',
            address TEXT NOT NULL
        );
        CREATE TABLE contact_addresses (
            id INTEGER PRIMARY KEY,
            contact_id INTEGER NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            label TEXT NOT NULL DEFAULT '',
            street TEXT NOT NULL DEFAULT '',
            city TEXT NOT NULL DEFAULT '',
            region TEXT NOT NULL DEFAULT '',
            postcode TEXT NOT NULL DEFAULT '',
            country TEXT NOT NULL DEFAULT ''
        );
        CREATE TABLE contact_websites (
            id INTEGER PRIMARY KEY,
            contact_id INTEGER NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            label TEXT NOT NULL DEFAULT '',
            url TEXT NOT NULL
        );
        CREATE TABLE tags (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL UNIQUE
        );
        CREATE TABLE contact_tags (
            contact_id INTEGER NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
            tag_id INTEGER NOT NULL REFERENCES tags(id) ON DELETE CASCADE,
            PRIMARY KEY (contact_id, tag_id)
        ) WITHOUT ROWID;
        CREATE TABLE settings (
            key TEXT PRIMARY KEY,
            value TEXT NOT NULL
        );
        CREATE INDEX contact_phones_contact ON contact_phones(contact_id, position);
        CREATE INDEX contact_emails_contact ON contact_emails(contact_id, position);
        CREATE INDEX contact_addresses_contact ON contact_addresses(contact_id, position);
        CREATE INDEX contact_websites_contact ON contact_websites(contact_id, position);
        CREATE INDEX contact_tags_tag ON contact_tags(tag_id, contact_id);
        CREATE UNIQUE INDEX contacts_sort_pos ON contacts(sort_pos);
        CREATE INDEX contacts_by_key ON contacts(sort_key, id);
        -- One index per sortable column, over live (not trashed) cards only.
        CREATE INDEX contacts_by_name ON contacts(sort_pos) WHERE deleted_at IS NULL;
        CREATE INDEX contacts_by_company ON contacts(company_key, sort_pos) WHERE deleted_at IS NULL;
        CREATE INDEX contacts_by_city ON contacts(city_key, sort_pos) WHERE deleted_at IS NULL;
        CREATE INDEX contacts_by_phone ON contacts(primary_phone, sort_pos) WHERE deleted_at IS NULL;
        CREATE INDEX contacts_by_email ON contacts(primary_email, sort_pos) WHERE deleted_at IS NULL;
        CREATE INDEX contacts_by_tags ON contacts(tags_text, sort_pos) WHERE deleted_at IS NULL;
        CREATE INDEX contacts_by_updated ON contacts(updated_at, id) WHERE deleted_at IS NULL;
        CREATE INDEX contacts_by_relationship ON contacts(relationship, sort_pos) WHERE deleted_at IS NULL;
        CREATE INDEX contacts_by_stage ON contacts(stage, sort_pos) WHERE deleted_at IS NULL;
        CREATE INDEX contacts_trashed ON contacts(deleted_at) WHERE deleted_at IS NOT NULL;
        -- Live cards only; rowid = contacts.sort_pos, so matches come out in name order.
        -- Text is normalised in Python (domain.text.normalize) before it gets here.
        -- prefix indexes make search-as-you-type fast for 1-3 typed characters.
        CREATE VIRTUAL TABLE contacts_fts USING fts5(
            name, org, reach, place, tags, notes,
            tokenize = "{FTS_TOKENIZER}",
            prefix = '1 2 3'
        );
        """
    )


def _v2_phone_regions(conn: sqlite3.Connection) -> None:
    """Each phone keeps the country it was read against, so a new home country does not re-read it.

    Version 1 read every number against the file's home country, which was 'PK' until one was chosen."""
    run_script(
        conn,
        """
        ALTER TABLE contact_phones ADD COLUMN region TEXT NOT NULL DEFAULT '';
        UPDATE contact_phones
        SET region = coalesce((SELECT value FROM settings WHERE key = 'default_region'), 'PK');
        """,
    )


# Activities (issue 3). Instants in these tables are INTEGER seconds since 1970 UTC, not ISO text as on
# contacts: five million rows, and the next alarm and the timeline are range scans over them.
def _v3_activities(conn: sqlite3.Connection) -> None:
    run_script(
        conn,
        """
        CREATE TABLE activities (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            uuid TEXT NOT NULL UNIQUE,
            contact_id INTEGER NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
            deal_id INTEGER,  -- deals arrive later; linked by id
            kind TEXT NOT NULL,
            subject TEXT NOT NULL DEFAULT '',
            details TEXT NOT NULL DEFAULT '',
            done INTEGER NOT NULL CHECK (done IN (0, 1)),
            at INTEGER,  -- a timed item's instant
            day TEXT,  -- an all-day item's date, YYYY-MM-DD
            sort_at INTEGER NOT NULL,  -- at, or the day's start where it was saved: timeline order
            duration_minutes INTEGER NOT NULL DEFAULT 0,
            direction TEXT NOT NULL DEFAULT '',
            outcome TEXT NOT NULL DEFAULT '',
            priority INTEGER NOT NULL DEFAULT 1,
            alarm_lead INTEGER,  -- seconds before; NULL: no alarm
            alarm_at INTEGER,  -- the pending alarm; NULL once dismissed, done or without alarm
            recurrence TEXT NOT NULL DEFAULT '',  -- RFC 5545 RRULE value
            series_start TEXT,  -- local wall time of the series' first occurrence
            occurrence TEXT,  -- a moved occurrence of a series: the wall time of the slot it came from
            zone TEXT NOT NULL DEFAULT '',
            completed_at INTEGER,
            live INTEGER NOT NULL DEFAULT 1,  -- 0 when the activity or its contact is in the Trash
            created_at INTEGER NOT NULL,
            updated_at INTEGER NOT NULL,
            deleted_at INTEGER,
            CHECK (at IS NULL OR day IS NULL)
        );
        CREATE INDEX activities_timeline ON activities(contact_id, sort_at, id);
        -- The Activities view's filters, newest first. Each index carries the other filter columns, so
        -- a rare combination is found by reading the index alone, never row by row. Open follow-ups have
        -- their own small index (agenda, Today, "to do"); "done" skips them at the top of by_time.
        CREATE INDEX activities_by_time ON activities(sort_at, id, done, kind, outcome) WHERE live = 1;
        CREATE INDEX activities_by_kind ON activities(kind, sort_at, id, done, outcome) WHERE live = 1;
        CREATE INDEX activities_open ON activities(sort_at, id, kind) WHERE live = 1 AND done = 0;
        CREATE INDEX activities_alarms ON activities(alarm_at) WHERE live = 1 AND alarm_at IS NOT NULL;
        CREATE INDEX activities_deal ON activities(deal_id) WHERE deal_id IS NOT NULL;
        -- rowid = sort_at * 1e9 + id (db/activity_listing.search_key): matches come out of the index in
        -- time order, so newest-first text search reads no more than a screen. Text normalised in Python.
        -- detail=column: no word positions (searches are words and prefixes, never phrases), so a common
        -- word's list of matches is half the size and merges twice as fast.
        CREATE VIRTUAL TABLE activities_fts USING fts5(
            subject, details,
            tokenize = "unicode61 remove_diacritics 2 categories 'L* N* Co M*'",
            detail = column,
            prefix = '2 3'
        );
        -- A card going to the Trash takes its activities (and their alarms) out of every list with it.
        CREATE TRIGGER contacts_trash_activities AFTER UPDATE OF deleted_at ON contacts
        WHEN (OLD.deleted_at IS NULL) != (NEW.deleted_at IS NULL)
        BEGIN
            UPDATE activities SET live = (NEW.deleted_at IS NULL)
            WHERE contact_id = NEW.id AND deleted_at IS NULL;
        END;
        -- Derived from the log, kept by the activity repository: sortable in the contact list.
        -- 0: never. Not NULL, so the list sorts and pages on them like any other column.
        ALTER TABLE contacts ADD COLUMN last_contacted_at INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE contacts ADD COLUMN last_attempt_at INTEGER NOT NULL DEFAULT 0;
        CREATE INDEX contacts_by_last_contacted ON contacts(last_contacted_at, sort_pos) WHERE deleted_at IS NULL;
        CREATE INDEX contacts_by_last_attempt ON contacts(last_attempt_at, sort_pos) WHERE deleted_at IS NULL;
        CREATE INDEX contacts_by_birthday ON contacts(birthday_month, birthday_day)
            WHERE deleted_at IS NULL AND birthday_month IS NOT NULL;
        CREATE INDEX contacts_by_relationship_contacted ON contacts(relationship, last_contacted_at)
            WHERE deleted_at IS NULL;
        """,
    )


# The deal pipeline (issue 4). Money is an integer count of minor units beside its ISO currency code.
# Dates a person chooses (expected close, closed on) are YYYY-MM-DD text; instants are epoch seconds.
def _v4_deals(conn: sqlite3.Connection) -> None:
    run_script(
        conn,
        """
        CREATE TABLE deals (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            uuid TEXT NOT NULL UNIQUE,
            title TEXT NOT NULL,
            contact_id INTEGER REFERENCES contacts(id) ON DELETE SET NULL,
            company_id INTEGER REFERENCES contacts(id) ON DELETE SET NULL,
            value_minor INTEGER NOT NULL,
            currency TEXT NOT NULL,
            stage TEXT NOT NULL,  -- a stage key (settings 'pipeline_stages'); keys survive renames
            probability INTEGER,  -- NULL: the stage's default
            expected_close TEXT,
            source TEXT NOT NULL DEFAULT '',
            status TEXT NOT NULL CHECK (status IN ('open', 'won', 'lost')),
            lost_reason TEXT NOT NULL DEFAULT '',
            closed_on TEXT,
            notes TEXT NOT NULL DEFAULT '',
            tags_text TEXT NOT NULL DEFAULT '',
            -- Derived on every write: normalised words of the deal, its contact and company, for the filter.
            search_text TEXT NOT NULL DEFAULT '',
            -- Derived from the deal's linked activities and its stage history, kept by the repositories,
            -- so the board reads one row per card: the last done activity or stage change (epoch seconds)
            -- and the earliest open follow-up (NULL: no next step).
            last_activity_at INTEGER NOT NULL DEFAULT 0,
            next_step_at INTEGER,
            live INTEGER NOT NULL DEFAULT 1,  -- 0 when the deal or its contact is in the Trash
            revision INTEGER NOT NULL DEFAULT 0,  -- +1 on every save: a form left open cannot undo a move
            created_at INTEGER NOT NULL,
            updated_at INTEGER NOT NULL,
            deleted_at INTEGER
        );
        CREATE TABLE deal_stage_history (
            id INTEGER PRIMARY KEY,
            deal_id INTEGER NOT NULL REFERENCES deals(id) ON DELETE CASCADE,
            stage TEXT NOT NULL,
            entered_at INTEGER NOT NULL
        );
        CREATE TABLE deal_tags (
            deal_id INTEGER NOT NULL REFERENCES deals(id) ON DELETE CASCADE,
            tag_id INTEGER NOT NULL REFERENCES tags(id) ON DELETE CASCADE,
            PRIMARY KEY (deal_id, tag_id)
        ) WITHOUT ROWID;
        CREATE INDEX deals_board ON deals(status, stage, expected_close, id) WHERE live = 1;
        CREATE INDEX deals_contact ON deals(contact_id) WHERE contact_id IS NOT NULL;
        CREATE INDEX deals_company ON deals(company_id) WHERE company_id IS NOT NULL;
        CREATE INDEX deal_stage_history_deal ON deal_stage_history(deal_id, entered_at);
        CREATE INDEX deal_tags_tag ON deal_tags(tag_id, deal_id);
        -- A deal belongs to its contact (or, without one, its company): it follows the card into the Trash.
        CREATE TRIGGER contacts_trash_deals AFTER UPDATE OF deleted_at ON contacts
        WHEN (OLD.deleted_at IS NULL) != (NEW.deleted_at IS NULL)
        BEGIN
            UPDATE deals SET live = (NEW.deleted_at IS NULL)
            WHERE (contact_id = NEW.id OR (contact_id IS NULL AND company_id = NEW.id)) AND deleted_at IS NULL;
        END;
        -- Purging the card a deal belongs to purges the deal; a deal with both keeps the other one.
        CREATE TRIGGER contacts_purge_deals BEFORE DELETE ON contacts
        BEGIN
            DELETE FROM deals WHERE (contact_id = OLD.id AND (company_id IS NULL OR company_id = OLD.id))
                OR (company_id = OLD.id AND contact_id IS NULL);
        END;
        CREATE TRIGGER deals_purge_links AFTER DELETE ON deals
        BEGIN
            UPDATE activities SET deal_id = NULL WHERE deal_id = OLD.id;
        END;
        """,
    )


def _v5_label_names(conn: sqlite3.Connection) -> None:
    """The name a mailing label carries instead of the person's ("The Khan Family"); empty: the name."""
    run_script(conn, "ALTER TABLE contacts ADD COLUMN label_name TEXT NOT NULL DEFAULT '';")


MIGRATIONS = [_v1_contacts, _v2_phone_regions, _v3_activities, _v4_deals, _v5_label_names]

# Tables each version must have; a file missing one of them is damaged.
_TABLES_BY_VERSION = {
    1: {
        "contacts",
        "contact_phones",
        "contact_emails",
        "contact_addresses",
        "contact_websites",
        "tags",
        "contact_tags",
        "settings",
        "contacts_fts",
    },
    3: {"activities", "activities_fts"},
    4: {"deals", "deal_stage_history", "deal_tags"},
}


def expected_tables(version: int) -> set[str]:
    tables: set[str] = set()
    for v in range(1, version + 1):
        tables |= _TABLES_BY_VERSION.get(v, set())
    return tables


LATEST_VERSION = len(MIGRATIONS)
