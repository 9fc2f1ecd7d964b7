"""Each phone keeps the country it was read against: a new home country does not re-read stored numbers."""

from __future__ import annotations

import sqlite3
from contextlib import closing

from crm_desktop.domain.contact import Contact, Phone
from crm_desktop.domain.contact_query import ContactQuery
from crm_desktop.domain.validation import validate_contact
from crm_desktop.formats.csv_contacts import COLUMNS, contacts_to_text, parse_text
from crm_desktop.services.transfer import export_contacts, import_contacts
from crm_desktop.services.workspace import open_workspace


def _phone_rows(db_path):
    with closing(sqlite3.connect(db_path)) as conn:
        return conn.execute("SELECT number, region FROM contact_phones ORDER BY contact_id, position").fetchall()


def _finds(workspace, text):
    return list(workspace.contacts.search_ids(ContactQuery(text=text)))


def test_a_new_number_is_stored_with_the_home_country_it_was_read_against(workspace, db_path):
    saved = workspace.contacts.save(Contact(first_name="Imran", phones=[Phone("0300 5551234")]))
    assert saved.phones == [Phone("0300 5551234", "mobile", "PK")]
    assert _phone_rows(db_path) == [("0300 5551234", "PK")]


def test_re_saving_after_the_home_country_changed_keeps_the_numbers_country(workspace, db_path):
    saved = workspace.contacts.save(Contact(first_name="Imran", phones=[Phone("0300 5551234")]))
    workspace.preferences.default_region = "IN"
    # As the card and an old CSV file hand it back: the number without its country.
    edited = Contact(id=saved.id, uuid=saved.uuid, first_name="Imran", notes="moved to Delhi",
                     phones=[Phone("0300 5551234")])  # fmt: skip
    assert workspace.contacts.validate(edited) == []
    again = workspace.contacts.save(edited)
    assert again.phones[0].region == "PK"
    assert _phone_rows(db_path) == [("0300 5551234", "PK")]
    # Still indexed as a Pakistani number: its international and national forms find it.
    for query in ("+92 300 555", "923005551234", "03005551234"):
        assert _finds(workspace, query) == [saved.id], query


def test_a_new_number_after_the_change_is_read_against_the_new_home_country(workspace):
    saved = workspace.contacts.save(Contact(first_name="Imran", phones=[Phone("0300 5551234")]))
    workspace.preferences.default_region = "IN"
    saved.phones.append(Phone("098765 43210"))  # an Indian mobile, typed nationally
    again = workspace.contacts.save(saved)
    assert [p.region for p in again.phones] == ["PK", "IN"]
    assert _finds(workspace, "+91 98765") == [saved.id]
    saved.phones.append(Phone("0300 7654321"))  # Pakistani digits, read as Indian: not a valid number
    assert [e.field for e in workspace.contacts.validate(saved)] == ["phones[2]"]


def test_validation_and_search_use_the_phones_own_country():
    lankan = Contact(first_name="Kavitha", phones=[Phone("077 123 4567", "mobile", "LK")])
    assert validate_contact(lankan, "PK") == []
    assert [e.field for e in validate_contact(Contact(first_name="K", phones=[Phone("077 123 4567")]), "PK")] == [
        "phones[0]"
    ]
    unknown = Contact(first_name="K", phones=[Phone("077 123 4567", "mobile", "XX")])
    assert [e.field for e in validate_contact(unknown, "PK")] == ["phones[0].region"]


def test_a_number_given_with_its_own_country_is_indexed_for_it(workspace):
    saved = workspace.contacts.save(Contact(first_name="Kavitha", phones=[Phone("077 123 4567", "mobile", "LK")]))
    assert saved.phones[0].region == "LK"
    assert _finds(workspace, "+94 77 123") == [saved.id]


def test_restoring_from_the_trash_indexes_with_the_stored_country(workspace):
    saved = workspace.contacts.save(Contact(first_name="Imran", phones=[Phone("0300 5551234")]))
    workspace.contacts.trash([saved.id])
    workspace.preferences.default_region = "IN"
    workspace.contacts.restore([saved.id])
    assert _finds(workspace, "+92 300 555") == [saved.id]


def test_csv_keeps_each_phones_country_in_the_round_trip(workspace, tmp_path):
    phones = [Phone("0300 5551234"), Phone("077 123 4567", "work", "LK")]
    workspace.contacts.save(Contact(first_name="Imran", phones=phones))
    path = tmp_path / "out.csv"
    export_contacts(workspace, path)
    cell = '[["mobile", "0300 5551234", "PK"], ["work", "077 123 4567", "LK"]]'
    assert cell in path.read_text("utf-8-sig").replace('""', '"')
    with open_workspace(tmp_path / "india.sqlite3") as other:
        other.preferences.default_region = "IN"
        assert import_contacts(other, path).added == 1
        (contact_id,) = other.contacts.search_ids(ContactQuery())
        assert [(p.number, p.region) for p in other.contacts.get(contact_id).phones] == [
            ("0300 5551234", "PK"), ("077 123 4567", "LK")
        ]


def test_an_older_csv_without_countries_still_imports(workspace, tmp_path):
    saved = workspace.contacts.save(Contact(first_name="Imran", phones=[Phone("0300 5551234")]))
    workspace.preferences.default_region = "IN"
    row = dict.fromkeys(COLUMNS, "")
    row.update(uuid=saved.uuid, first_name="Imran", kind="person",
               phones='[["mobile", "0300 5551234"], ["work", "098765 43210"]]')  # fmt: skip
    text = ",".join(COLUMNS) + "\r\n" + ",".join(f'"{row[c].replace(chr(34), chr(34) * 2)}"' for c in COLUMNS) + "\r\n"
    assert [p.region for p in parse_text(text)[0].contact.phones] == ["", ""]
    path = tmp_path / "old.csv"
    path.write_text(text, encoding="utf-8", newline="")
    assert import_contacts(workspace, path).updated == 1
    # The stored number keeps its country; the new one is read against the home country of today.
    assert [(p.number, p.region) for p in workspace.contacts.get(saved.id).phones] == [
        ("0300 5551234", "PK"), ("098765 43210", "IN")
    ]


def test_csv_text_round_trip_keeps_an_unset_country():
    contacts = [Contact(first_name="A", phones=[Phone("+92 300 5551234")])]
    assert [r.contact for r in parse_text(contacts_to_text(contacts))] == contacts
