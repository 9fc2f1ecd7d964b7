"""A list too long to count within a keystroke shows its first rows at once and grows when counted."""

from __future__ import annotations

from crm_desktop.db import contact_listing
from crm_desktop.domain.contact import Contact
from crm_desktop.domain.contact_query import ContactQuery
from crm_desktop.ui.contacts.table_model import ContactTableModel


def test_rows_grow_to_the_real_length_after_the_background_count(qtbot, workspace, monkeypatch):
    with workspace.database.atomic():
        workspace.contacts.repository.bulk_insert(Contact(first_name=f"Sana{i:03d}", last_name="Khan") for i in range(120))
    monkeypatch.setattr(contact_listing, "COUNT_CAP", 30)
    model = ContactTableModel(workspace.contacts, ContactQuery())
    assert model.rowCount() == 30  # provisional: the first rows, shown at once
    assert model.index(0, 0).data() == "Khan, Sana000"
    with qtbot.waitSignal(model.rowsInserted, timeout=5000):
        pass
    assert model.rowCount() == 120
    assert model.index(119, 0).data() == "Khan, Sana119"

    model.set_query(ContactQuery(text="sana1"))  # 20 matches: under the cap, exact at once
    assert model.rowCount() == 20
    model.wait_for_length()

