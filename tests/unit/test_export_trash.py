"""Trashed cards and export: left out by default and said so; --include-trash carries them to the Trash."""

from __future__ import annotations

import pytest

from crm_desktop.cli import main
from crm_desktop.domain.contact import Contact, Phone
from crm_desktop.domain.contact_query import ContactQuery
from crm_desktop.formats.csv_contacts import contacts_to_text
from crm_desktop.services.transfer import ImportFailed, import_contacts
from crm_desktop.services.workspace import open_workspace


def _file_with_one_trashed(path):
    with open_workspace(path) as ws:
        ws.contacts.save(Contact(first_name="Live", last_name="One"))
        gone = ws.contacts.save(Contact(first_name="Trashed", last_name="Two", phones=[Phone("0300 5551234")]))
        ws.contacts.save(Contact(first_name="Live", last_name="Three"))
        ws.contacts.trash([gone.id])
        return gone.uuid


def test_export_leaves_the_trash_out_and_says_how_many(tmp_path, capsys):
    db = tmp_path / "c.sqlite3"
    _file_with_one_trashed(db)
    out = tmp_path / "out.csv"
    assert main(["export", "--db", str(db), "-o", str(out)]) == 0
    err = capsys.readouterr().err
    assert "Exported 2 contacts" in err
    assert "1 contact in the Trash was left out (--include-trash exports it too)" in err
    assert "Trashed" not in out.read_text("utf-8")


def test_include_trash_exports_them_and_import_puts_them_back_in_the_trash(tmp_path, capsys):
    db = tmp_path / "c.sqlite3"
    uuid = _file_with_one_trashed(db)
    out = tmp_path / "out.csv"
    assert main(["export", "--db", str(db), "-o", str(out), "--include-trash"]) == 0
    assert "Exported 3 contacts (1 from the Trash)" in capsys.readouterr().err
    fresh = tmp_path / "fresh.sqlite3"
    open_workspace(fresh).close()
    assert main(["import", "--db", str(fresh), str(out)]) == 0
    assert "3 added, 0 updated (1 of them in the Trash)" in capsys.readouterr().err
    with open_workspace(fresh) as ws:
        assert ws.contacts.count() == 2
        (trashed,) = ws.contacts.search_ids(ContactQuery(trashed=True))
        assert ws.contacts.get(trashed).uuid == uuid
        assert not ws.contacts.search_ids(ContactQuery(text="Trashed"))  # the Trash is not searched
        with open_workspace(db) as original:
            assert ws.contacts.get(trashed).deleted_at == original.contacts.get(trashed).deleted_at
    again = tmp_path / "again.csv"
    assert main(["export", "--db", str(fresh), "-o", str(again), "--include-trash"]) == 0
    assert again.read_bytes() == out.read_bytes()


def test_an_update_follows_the_files_trash_state_only_when_the_file_gives_it(tmp_path):
    db = tmp_path / "c.sqlite3"
    uuid = _file_with_one_trashed(db)
    out = tmp_path / "out.csv"
    assert main(["export", "--db", str(db), "-o", str(out), "--include-trash"]) == 0
    with open_workspace(db) as ws:
        (trashed,) = ws.contacts.search_ids(ContactQuery(trashed=True))
        ws.contacts.restore([trashed])
        assert import_contacts(ws, out).updated == 3
        assert list(ws.contacts.search_ids(ContactQuery(trashed=True))) == [trashed]
        # A file without the column (written before it existed) leaves the Trash as it is.
        ws.contacts.restore([trashed])
        lines = out.read_text("utf-8-sig").splitlines()
        assert lines[0].split(",")[-1] == "deleted_at"
        old = tmp_path / "old.csv"
        old.write_text("\r\n".join(line.rsplit(",", 1)[0] for line in lines) + "\r\n", encoding="utf-8")
        assert import_contacts(ws, old).updated == 3
        assert not ws.contacts.search_ids(ContactQuery(trashed=True))
        assert ws.contacts.get(trashed).uuid == uuid and ws.contacts.search_ids(ContactQuery(text="Trashed"))


def test_a_bad_trash_date_is_reported_by_line_and_column(workspace, tmp_path):
    text = contacts_to_text([Contact(first_name="A", deleted_at="yesterday")])
    path = tmp_path / "bad.csv"
    path.write_text(text, encoding="utf-8", newline="")
    with pytest.raises(ImportFailed, match="line 2: deleted_at: 'yesterday' is not a date and time"):
        import_contacts(workspace, path)
