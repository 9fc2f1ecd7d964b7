"""Demo databases: deterministic, multi-script, valid phones, and the same rows the repository writes."""

from __future__ import annotations

import random
import sqlite3
import unicodedata

import phonenumbers
import pytest

from crm_desktop.domain.contact_query import ContactQuery
from crm_desktop.domain.text import LETTER_FOLDS, normalize, phone_search_terms
from crm_desktop.domain.validation import validate_contact
from crm_desktop.services import demo_pools_south_asia as south_asia
from crm_desktop.services import demo_pools_world as world
from crm_desktop.services.demo import ensure_demo_database, write_demo_database
from crm_desktop.services.demo_cultures import CULTURES
from crm_desktop.services.demo_phones import HOME_REGION, make_phone
from crm_desktop.services.workspace import open_workspace

SCRIPTS = {"Arabic": "\u0600-\u06ff", "Devanagari": "\u0900-\u097f", "Tamil": "\u0b80-\u0bff"}


def _rows(path, sql):
    conn = sqlite3.connect(path)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


@pytest.fixture(scope="module")
def demo_path(tmp_path_factory):
    return write_demo_database(tmp_path_factory.mktemp("demo") / "demo.sqlite3", 2000)


def test_same_seed_writes_the_same_contacts_and_another_seed_does_not(tmp_path, demo_path):
    again = write_demo_database(tmp_path / "again.sqlite3", 2000)
    other = write_demo_database(tmp_path / "other.sqlite3", 2000, seed=2)
    sql = "SELECT * FROM contacts ORDER BY id"
    assert _rows(demo_path, sql) == _rows(again, sql)
    assert _rows(demo_path, sql) != _rows(other, sql)
    for table in ("contact_phones", "contact_addresses", "contacts_fts"):
        assert _rows(demo_path, f"SELECT * FROM {table}") == _rows(again, f"SELECT * FROM {table}")


def test_rows_built_in_a_worker_process_equal_those_built_in_process(tmp_path, demo_path, monkeypatch):
    from crm_desktop.services import demo

    monkeypatch.setattr(demo, "IN_PROCESS_LIMIT", 0)
    worker = write_demo_database(tmp_path / "worker.sqlite3", 2000)
    for table in ("contacts", "contact_phones", "contact_emails", "contact_tags", "contacts_fts"):
        assert _rows(worker, f"SELECT * FROM {table}") == _rows(demo_path, f"SELECT * FROM {table}"), table
    assert sorted(p.name for p in tmp_path.iterdir()) == ["worker.sqlite3", "worker.sqlite3.lock"]


def test_ids_and_search_rowids_follow_name_order_and_the_file_is_a_normal_wal_database(demo_path):
    rows = _rows(demo_path, "SELECT id, sort_pos, sort_key FROM contacts ORDER BY id")
    assert [r[2] for r in rows] == sorted(r[2] for r in rows)
    assert [r[1] for r in rows] == [r[0] * (1 << 32) for r in rows]
    live = _rows(demo_path, "SELECT sort_pos FROM contacts WHERE deleted_at IS NULL ORDER BY sort_pos")
    assert _rows(demo_path, "SELECT rowid FROM contacts_fts ORDER BY rowid") == live
    assert _rows(demo_path, "PRAGMA journal_mode") == [("wal",)]
    assert _rows(demo_path, "INSERT INTO contacts_fts (contacts_fts, rank) VALUES ('integrity-check', 1)") == []
    assert _rows(demo_path, "SELECT k FROM contacts_fts_config") == [("version",)]  # no load-time tuning left


def test_demo_file_opens_and_search_finds_every_script(demo_path):
    with open_workspace(demo_path) as ws:
        assert ws.contacts.count() > 1900
        names = [s.display_name for s in ws.contacts.summaries(list(ws.contacts.search_ids(ContactQuery()))).values()]
        for script, chars in SCRIPTS.items():
            assert sum(any(chars[0] <= ch <= chars[-1] for ch in n) for n in names) > 50, script
        assert sum(n.isascii() for n in names) > 500
        for query in ("خان", "शर्मा", "சிவ", "Khan", "Lahore", "لاہور", "0300", "vip"):
            assert ws.contacts.search_ids(ContactQuery(text=query)), query
        for urdu in ws.contacts.summaries(list(ws.contacts.search_ids(ContactQuery(text="خان")))[:20]).values():
            assert "خان" in f"{urdu.display_name} {urdu.company}" or urdu.email or urdu.city


def test_demo_contacts_pass_validation_and_equal_what_the_repository_stores(tmp_path, demo_path):
    """Re-saving demo cards through ContactRepository.add must store identical rows and index text."""
    copy = tmp_path / "copy.sqlite3"
    columns = ("kind, first_name, last_name, display_name, file_as, sort_key, company_key, primary_phone, "
               "primary_email, city, city_key, tags_text, uuid, created_at, updated_at")  # fmt: skip
    with open_workspace(demo_path) as source, open_workspace(copy) as target:
        repository = source.contacts.repository
        contacts = list(repository.iter_all())
        assert not [(c.display_name, validate_contact(c, HOME_REGION)) for c in contacts if validate_contact(c, HOME_REGION)]
        target.contacts.repository.bulk_insert(contacts, HOME_REGION)
    live = "FROM contacts WHERE deleted_at IS NULL ORDER BY uuid"
    assert _rows(copy, f"SELECT {columns} {live}") == _rows(demo_path, f"SELECT {columns} {live}")
    by_position = "SELECT uuid FROM contacts WHERE deleted_at IS NULL ORDER BY sort_pos"
    assert _rows(copy, by_position) == _rows(demo_path, by_position)
    fts = "SELECT c.uuid, f.* FROM contacts_fts f JOIN contacts c ON c.sort_pos = f.rowid ORDER BY c.uuid"
    assert _rows(copy, fts) == _rows(demo_path, fts)
    phones = ("SELECT c.uuid, p.position, p.label, p.number, p.region FROM contact_phones p "
              "JOIN contacts c ON c.id = p.contact_id WHERE c.deleted_at IS NULL ORDER BY c.uuid, p.position")  # fmt: skip
    assert _rows(copy, phones) == _rows(demo_path, phones)


def test_demo_has_a_plausible_spread(demo_path):
    (companies,) = _rows(demo_path, "SELECT count(*) FROM contacts WHERE kind = 'company'")[0]
    assert 100 < companies < 500
    countries = dict(_rows(demo_path, "SELECT country, count(*) FROM contact_addresses GROUP BY country"))
    assert set(countries) == {"PK", "IN", "LK", "GB", "US", "DE", "AE"}
    assert countries["PK"] + countries["IN"] + countries["LK"] > 0.6 * sum(countries.values())
    yearless = _rows(demo_path, "SELECT count(*) FROM contacts WHERE birthday_month IS NOT NULL AND birthday_year IS NULL")
    assert yearless[0][0] > 50
    assert _rows(demo_path, "SELECT count(*) FROM contacts WHERE notes LIKE '%' || char(10) || '%'")[0][0] > 20
    assert _rows(demo_path, "SELECT count(*) FROM contacts WHERE deleted_at IS NOT NULL")[0][0] >= 1


def test_phones_are_valid_for_their_country_and_terms_match_the_search_rules():
    rnd = random.Random(11).random
    for culture in CULTURES:
        for _, _, _, area in culture.cities:
            for mobile in (True, False):
                for _ in range(20):
                    typed, terms = make_phone(rnd, culture.region, area, mobile)
                    parsed = phonenumbers.parse(typed, HOME_REGION)
                    assert phonenumbers.is_valid_number(parsed), typed
                    assert phonenumbers.region_code_for_number(parsed) == culture.region, typed
                    assert terms == phone_search_terms(typed, HOME_REGION)


def test_pool_text_is_stored_as_search_normalises_it():
    texts = []
    for module in (south_asia, world):
        for value in vars(module).values():
            if isinstance(value, tuple):
                texts += [t for item in value for t in (item if isinstance(item, tuple) else (item,)) if isinstance(t, str)]
    assert len(texts) > 1000
    # The demo writes pool text to the index with only LETTER_FOLDS applied (ß -> ss ...), not normalize().
    assert [t for t in texts if normalize(t) != t.translate(LETTER_FOLDS) or unicodedata.normalize("NFC", t) != t] == []


def test_name_pools_are_large():
    for pools in ((south_asia.PK_MALE, south_asia.PK_FEMALE, south_asia.PK_LAST),
                  (south_asia.IN_MALE, south_asia.IN_FEMALE, south_asia.IN_LAST),
                  (south_asia.LK_TAMIL_MALE, south_asia.LK_TAMIL_FEMALE, south_asia.LK_TAMIL_LAST)):  # fmt: skip
        assert sum(len(p) for p in pools) >= 150


def test_ensure_creates_once_and_an_interrupted_write_leaves_nothing(tmp_path):
    path = ensure_demo_database(tmp_path / "d" / "demo.sqlite3", contacts=50)
    stamp = path.stat().st_mtime_ns
    assert ensure_demo_database(path, contacts=50).stat().st_mtime_ns == stamp

    def interrupt(done, total):
        raise KeyboardInterrupt

    target = tmp_path / "big.sqlite3"
    with pytest.raises(KeyboardInterrupt):
        write_demo_database(target, 30_000, progress=interrupt)
    assert list(tmp_path.iterdir()) == [tmp_path / "d"]


def test_replacing_a_database_that_is_open_elsewhere_is_refused(tmp_path):
    from crm_desktop.db.errors import DatabaseLockedError

    path = write_demo_database(tmp_path / "open.sqlite3", 30)
    with open_workspace(path) as ws:
        with pytest.raises(DatabaseLockedError):
            write_demo_database(path, 40)
        assert ws.contacts.count() <= 30
    assert sorted(p.name for p in tmp_path.iterdir() if not p.name.endswith(".lock")) == ["open.sqlite3"]
    with open_workspace(write_demo_database(path, 40)) as ws:
        assert ws.contacts.count() > 30
