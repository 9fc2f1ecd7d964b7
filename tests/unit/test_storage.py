"""Opening the database file: what is refused, what is left untouched, locking, migration, permissions."""

from __future__ import annotations

import hashlib
import sqlite3
import stat
import sys
from pathlib import Path

import pytest

from crm_desktop.db import schema
from crm_desktop.db.connection import open_database
from crm_desktop.db.errors import (
    DamagedDatabaseError,
    DatabaseLockedError,
    MigrationError,
    NewerSchemaError,
    NotADatabaseError,
)
from crm_desktop.domain.contact import Contact
from crm_desktop.services.workspace import open_workspace


def digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def siblings(path) -> set[str]:
    return {p.name for p in path.parent.iterdir()}


def test_new_database_is_created_with_schema_and_pragmas(db_path):
    with open_database(db_path) as db:
        assert db.execute("PRAGMA user_version").fetchone()[0] == schema.LATEST_VERSION
        assert db.execute("PRAGMA application_id").fetchone()[0] == schema.APPLICATION_ID
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        assert db.execute("PRAGMA busy_timeout").fetchone()[0] >= 1000


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX permission bits")
def test_database_file_is_readable_by_its_owner_only(db_path):
    with open_workspace(db_path) as ws:
        ws.contacts.save(Contact(first_name="Ayesha"))
        for name in (db_path.name, db_path.name + "-wal"):
            mode = stat.S_IMODE((db_path.parent / name).stat().st_mode)
            assert mode & 0o077 == 0, f"{name} is readable by others: {oct(mode)}"


def test_a_text_file_is_refused_and_left_untouched(db_path):
    db_path.write_text("name,phone\nAli,0300\n", encoding="utf-8")
    before, files = digest(db_path), siblings(db_path)
    with pytest.raises(NotADatabaseError, match="not an SQLite file"):
        open_database(db_path)
    assert digest(db_path) == before
    assert siblings(db_path) - files <= {db_path.name + ".lock"}


def test_another_programs_sqlite_file_is_refused_untouched(db_path):
    conn = sqlite3.connect(db_path)
    conn.execute("CREATE TABLE songs (title TEXT)")
    conn.commit()
    conn.close()
    before = digest(db_path)
    with pytest.raises(NotADatabaseError, match="another program"):
        open_database(db_path)
    assert digest(db_path) == before


def test_a_newer_file_is_refused_untouched(db_path):
    with open_database(db_path) as db:
        db.execute(f"PRAGMA user_version = {schema.LATEST_VERSION + 3}")
    before = digest(db_path)
    with pytest.raises(NewerSchemaError, match="newer version") as info:
        open_database(db_path)
    assert info.value.found == schema.LATEST_VERSION + 3
    assert digest(db_path) == before


def test_a_damaged_file_is_refused_untouched(db_path):
    with open_workspace(db_path) as ws:
        for i in range(50):
            ws.contacts.save(Contact(first_name=f"Name{i}", notes="x" * 500))
    data = bytearray(db_path.read_bytes())
    data[100:4096] = b"\xff" * (4096 - 100)  # the schema page, after the 100-byte header
    db_path.write_bytes(bytes(data))
    before = digest(db_path)
    with pytest.raises(DamagedDatabaseError, match="damaged"):
        open_database(db_path)
    assert digest(db_path) == before


def test_a_folder_is_refused(tmp_path):
    with pytest.raises(NotADatabaseError, match="folder"):
        open_database(tmp_path)


def test_second_copy_is_locked_out_until_the_first_closes(db_path):
    first = open_database(db_path)
    with pytest.raises(DatabaseLockedError, match="another running copy"):
        open_database(db_path)
    first.close()
    open_database(db_path).close()


def test_missing_folders_are_created(tmp_path):
    path = tmp_path / "a" / "b" / "contacts.sqlite3"
    open_database(path).close()
    assert path.exists()


def _add_column(conn):
    conn.execute("ALTER TABLE contacts ADD COLUMN favourite INTEGER NOT NULL DEFAULT 0")


def _broken_step(conn):
    conn.execute("CREATE TABLE half_done (x)")
    raise RuntimeError("boom")


def test_migration_copies_the_file_aside_first_and_keeps_data(db_path):
    with open_workspace(db_path) as ws:
        ws.contacts.save(Contact(first_name="कमला", last_name="शर्मा"))
    with open_database(db_path, migrations=[*schema.MIGRATIONS, _add_column]) as db:
        assert db.execute("PRAGMA user_version").fetchone()[0] == schema.LATEST_VERSION + 1
        assert db.execute("SELECT first_name, favourite FROM contacts").fetchall() == [("कमला", 0)]
    backups = [p for p in db_path.parent.iterdir() if "before-upgrade" in p.name]
    assert len(backups) == 1
    assert backups[0].name.startswith(f"contacts.v{schema.LATEST_VERSION}-before-upgrade-")
    with sqlite3.connect(backups[0]) as old:
        assert old.execute("PRAGMA user_version").fetchone()[0] == schema.LATEST_VERSION
        assert old.execute("SELECT first_name FROM contacts").fetchall() == [("कमला",)]


def test_a_failed_migration_step_is_rolled_back_whole(db_path):
    with open_workspace(db_path) as ws:
        ws.contacts.save(Contact(first_name="Ravi"))
    with pytest.raises(MigrationError, match=f"step {schema.LATEST_VERSION + 1}: boom") as info:
        open_database(db_path, migrations=[*schema.MIGRATIONS, _broken_step])
    assert info.value.backup.exists()
    with sqlite3.connect(db_path) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == schema.LATEST_VERSION
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
    assert "half_done" not in tables
    open_database(db_path).close()  # still usable by this version


def test_a_killed_writer_loses_nothing_committed(db_path, tmp_path):
    import subprocess

    script = (
        "import os\n"
        "from crm_desktop.services.workspace import open_workspace\n"
        "from crm_desktop.domain.contact import Contact\n"
        f"ws = open_workspace({str(db_path)!r})\n"
        "ws.contacts.save(Contact(first_name='Saved'))\n"
        "os._exit(9)\n"  # no close, no checkpoint: as if killed
    )
    root = Path(__file__).resolve().parents[2]
    done = subprocess.run([sys.executable, "-c", script], cwd=root, capture_output=True, text=True)
    assert done.returncode == 9, done.stderr
    with open_workspace(db_path) as ws:
        assert [ws.contacts.get(i).first_name for i in ws.contacts.search_ids(ws_query())] == ["Saved"]


def ws_query():
    from crm_desktop.domain.contact_query import ContactQuery

    return ContactQuery()


def _damage_a_data_page(db_path):
    with open_workspace(db_path) as ws:
        for i in range(300):
            ws.contacts.save(Contact(first_name=f"Name{i}", notes="x" * 300))
    data = bytearray(db_path.read_bytes())
    middle = (len(data) // 4096 // 2) * 4096  # a page in the middle: not the schema, not the header
    data[middle + 8 : middle + 4096] = b"\x5a" * (4096 - 8)
    db_path.write_bytes(bytes(data))


def test_a_damaged_data_page_is_found_before_opening(db_path):
    _damage_a_data_page(db_path)
    before = digest(db_path)
    with pytest.raises(DamagedDatabaseError):
        open_database(db_path)
    assert digest(db_path) == before


def test_big_files_are_checked_after_opening(db_path, monkeypatch):
    from crm_desktop.db import connection

    _damage_a_data_page(db_path)
    monkeypatch.setattr(connection, "CHECK_ON_OPEN_BYTES", 0)  # as if the file were large
    with open_database(db_path) as db:
        assert db.check_integrity() != []
    with open_workspace(db_path.with_name("sound.sqlite3")) as ws:
        assert ws.database.check_integrity() == []


def test_write_failures_become_clear_storage_errors(db_path):
    from crm_desktop.db.connection import Database
    from crm_desktop.db.errors import ReadOnlyDatabaseError

    open_database(db_path).close()
    conn = sqlite3.connect(f"{db_path.as_uri()}?mode=ro", uri=True, isolation_level=None)
    db = Database(db_path, conn, None)
    with pytest.raises(ReadOnlyDatabaseError, match="cannot be written"):
        with db.atomic():
            db.execute("INSERT INTO settings (key, value) VALUES ('a', 'b')")
    db.close()


def test_a_symlink_does_not_get_round_the_lock(db_path):
    first = open_database(db_path)
    link = db_path.with_name("link.sqlite3")
    link.symlink_to(db_path)
    with pytest.raises(DatabaseLockedError):
        open_database(link)
    first.close()


def test_ids_are_never_reused_after_a_purge(db_path):
    with open_workspace(db_path) as ws:
        bob = ws.contacts.save(Contact(first_name="Bob"))
        ws.contacts.trash([bob.id])
        ws.contacts.purge([bob.id])
        carol = ws.contacts.save(Contact(first_name="Carol"))
        assert carol.id > bob.id
    with open_workspace(db_path) as ws:  # also after reopening
        assert ws.contacts.save(Contact(first_name="Dan")).id > carol.id


def test_the_index_tokenizer_matches_the_query_tokenizer():
    from crm_desktop.domain.text import TOKEN_CATEGORIES

    assert f"categories '{TOKEN_CATEGORIES}'" in schema.FTS_TOKENIZER
