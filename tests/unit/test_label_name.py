"""A contact's label name ("The Khan Family", schema v5): stored, exported and imported, empty by default."""

from __future__ import annotations

from dataclasses import replace

from crm_desktop.domain.contact import Contact
from crm_desktop.formats.csv_contacts import contacts_to_text, parse_text
from crm_desktop.services.transfer import export_contacts, import_contacts


def test_label_name_is_stored_and_survives_a_csv_round_trip(workspace, tmp_path):
    khan = workspace.contacts.save(Contact(first_name="Imran", last_name="Khan", label_name="The Khan Family"))
    plain = workspace.contacts.save(Contact(first_name="سارہ", last_name="رضا"))
    assert workspace.contacts.get(khan.id).label_name == "The Khan Family"
    assert workspace.contacts.get(plain.id).label_name == ""
    out = tmp_path / "out.csv"
    export_contacts(workspace, out)
    workspace.contacts.save(replace(workspace.contacts.get(khan.id), label_name="خان خاندان"))
    import_contacts(workspace, out)
    assert workspace.contacts.get(khan.id).label_name == "The Khan Family"


def test_a_file_without_the_column_reads_as_no_label_name():
    text = contacts_to_text([Contact(first_name="A", label_name="Family A")])
    header, row = text.lstrip("\ufeff").splitlines()[:2]
    columns = header.split(",")
    position = columns.index("label_name")
    old = ",".join(c for i, c in enumerate(columns) if i != position) + "\r\n"
    cells = row.split(",")
    old += ",".join(c for i, c in enumerate(cells) if i != position) + "\r\n"
    (parsed,) = parse_text(old)
    assert parsed.contact.label_name == "" and parsed.contact.first_name == "A"
