"""Files written by earlier versions keep opening: a saved file per schema version, upgraded in place.

tests/unit/data/v1.sqlite3 was written by schema version 1 (eight sample cards in four scripts, one in
the Trash). Never regenerate it: when version 2 arrives, this test shows the upgrade keeps everything.
"""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

from crm_desktop.db import schema
from crm_desktop.domain.contact_query import ContactQuery
from crm_desktop.services.workspace import open_workspace

SAVED = Path(__file__).parent / "data"


def test_a_version_1_file_opens_and_keeps_every_card(tmp_path):
    path = tmp_path / "v1.sqlite3"
    shutil.copy(SAVED / "v1.sqlite3", path)
    with open_workspace(path) as ws:
        assert ws.database.execute("PRAGMA user_version").fetchone()[0] == schema.LATEST_VERSION
        assert ws.contacts.count() == 7
        assert ws.contacts.count(ContactQuery(trashed=True)) == 1
        found = {ws.contacts.get(i).file_as for i in ws.contacts.search_ids(ContactQuery(text="صدی"))}
        assert found == {"صدیقی، عائشہ"}
        assert len(ws.contacts.search_ids(ContactQuery(text="शर्मा"))) == 1
        imran = ws.contacts.get(next(iter(ws.contacts.search_ids(ContactQuery(text="imran")))))
        assert imran.phones[0].number == "+92 300 5551234" and imran.tags == ["textiles", "vip"]
    if schema.LATEST_VERSION > 1:
        assert any("before-upgrade" in p.name for p in tmp_path.iterdir())


def test_version_2_gives_stored_phones_the_country_version_1_read_them_against(tmp_path):
    # A file with no home country chosen read its numbers as Pakistani (the default then and now).
    path = tmp_path / "v1.sqlite3"
    shutil.copy(SAVED / "v1.sqlite3", path)
    with open_workspace(path) as ws:
        rows = ws.database.execute("SELECT number, region FROM contact_phones").fetchall()
        assert rows and all(region == "PK" for _, region in rows)
        imran = ws.contacts.get(next(iter(ws.contacts.search_ids(ContactQuery(text="imran")))))
        assert imran.phones[0].region == "PK"


def test_version_2_uses_the_home_country_the_file_had_chosen(tmp_path):
    path = tmp_path / "v1.sqlite3"
    shutil.copy(SAVED / "v1.sqlite3", path)
    conn = sqlite3.connect(path)
    with conn:
        conn.execute("INSERT INTO settings (key, value) VALUES ('default_region', 'IN')")
    conn.close()
    with open_workspace(path) as ws:
        regions = {r for (r,) in ws.database.execute("SELECT region FROM contact_phones")}
        assert regions == {"IN"}
        assert ws.database.execute("PRAGMA user_version").fetchone()[0] == schema.LATEST_VERSION
