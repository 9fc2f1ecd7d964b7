"""The contact list's "Last contacted" column: the date, sorted in SQL, amber and red by the care rules."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import Qt

from crm_desktop.domain.activity import Activity, ActivityKind
from crm_desktop.domain.care import CareRule, RuleTarget
from crm_desktop.domain.clock import FixedClock
from crm_desktop.domain.contact import Contact, Relationship
from crm_desktop.domain.contact_query import ContactQuery, SortColumn
from crm_desktop.services.workspace import open_workspace
from crm_desktop.services.changes import Change, ChangeKind
from crm_desktop.ui.contacts.table_model import CONTACTED_COLUMN, ID_ROLE, WARMTH_COLOURS, ContactTableModel

NOW = datetime(2026, 11, 23, 5, tzinfo=UTC)


@pytest.fixture
def ws(db_path):
    clock = FixedClock(NOW - timedelta(days=400), ZoneInfo("Asia/Karachi"))  # the cards are old
    workspace = open_workspace(db_path, clock)
    workspace.follow_up_preferences.care_rules = [CareRule(RuleTarget.RELATIONSHIP, "customer", 30, 45)]
    people = {}
    for name, relationship, days_ago in (("Cold", "customer", 50), ("Cooling", "customer", 35),
                                         ("Fresh", "customer", 5), ("Supplier", "supplier", 90),
                                         ("علی", "customer", None)):  # fmt: skip
        card = workspace.contacts.save(Contact(first_name=name, relationship=Relationship(relationship)))
        people[name] = card.id
        if days_ago is not None:
            workspace.activities.save(Activity(card.id, ActivityKind.CALL, "Hello", at=NOW - timedelta(days=days_ago),
                                               outcome="reached"))  # fmt: skip
    clock.instant = NOW
    workspace.people = people
    yield workspace
    workspace.close()


def colours(model) -> dict[int, object]:
    found = {}
    for row in range(model.rowCount()):
        index = model.index(row, CONTACTED_COLUMN)
        found[index.data(ID_ROLE)] = index.data(Qt.ItemDataRole.ForegroundRole)
    return found


def test_past_the_ideal_is_amber_past_the_maximum_red_and_never_reached_old_cards_red(qtmodeltester, ws):
    model = ContactTableModel(ws.contacts, warmth=ws.agenda.warmth_judge)
    qtmodeltester.check(model)
    p = ws.people
    found = colours(model)
    assert found[p["Cold"]] == WARMTH_COLOURS[2] and found[p["علی"]] == WARMTH_COLOURS[2]
    assert found[p["Cooling"]] == WARMTH_COLOURS[1]
    assert found[p["Fresh"]] is None and found[p["Supplier"]] is None  # no rule for suppliers
    row = next(r for r in range(model.rowCount()) if model.index(r, 0).data(ID_ROLE) == p["Cold"])
    assert model.index(row, CONTACTED_COLUMN).data() == "2026-10-04"
    assert "maximum" in model.index(row, CONTACTED_COLUMN).data(Qt.ItemDataRole.ToolTipRole)


def test_sorting_by_last_contacted_puts_never_first_and_follows_new_calls(ws):
    model = ContactTableModel(ws.contacts, ContactQuery(sort=SortColumn.LAST_CONTACTED), warmth=ws.agenda.warmth_judge)
    order = [model.index(r, 0).data(ID_ROLE) for r in range(model.rowCount())]
    p = ws.people
    assert order == [p["علی"], p["Supplier"], p["Cold"], p["Cooling"], p["Fresh"]]
    ws.activities.save(Activity(p["Cold"], ActivityKind.MEETING, "Visit", at=NOW - timedelta(hours=1), outcome="reached"))
    model.refresh()
    assert model.index(model.rowCount() - 1, 0).data(ID_ROLE) == p["Cold"]
    assert colours(model)[p["Cold"]] is None


def test_last_attempt_counts_unanswered_calls_and_sorts(ws):
    from crm_desktop.ui.contacts.table_model import ATTEMPT_COLUMN

    p = ws.people
    ws.activities.save(Activity(p["Fresh"], ActivityKind.CALL, "No one there", at=NOW - timedelta(hours=2),
                                outcome="no answer"))  # fmt: skip
    model = ContactTableModel(ws.contacts, ContactQuery(sort=SortColumn.LAST_ATTEMPT, descending=True))
    assert model.index(0, 0).data(ID_ROLE) == p["Fresh"]
    assert model.index(0, ATTEMPT_COLUMN).data() == (NOW - timedelta(hours=2)).astimezone().strftime("%Y-%m-%d")
    assert model.index(model.rowCount() - 1, ATTEMPT_COLUMN).data() == ""  # علی: never


def test_a_narrower_search_reuses_the_rows_made_and_a_change_reads_them_anew(ws, monkeypatch):
    """Typing on shows mostly the cards of the keystroke before: their rows are not read and made again,
    unless something changed meanwhile (here: a call that makes a cold card fresh)."""
    from crm_desktop.ui.contacts import table_model

    read: list[list[int]] = []
    real = ws.contacts.summaries
    monkeypatch.setattr(ws.contacts, "summaries", lambda ids: read.append(list(ids)) or real(ids))
    model = ContactTableModel(ws.contacts, ContactQuery(text="c"), warmth=ws.agenda.warmth_judge)
    cold, cooling = ws.people["Cold"], ws.people["Cooling"]
    assert set(colours(model)) == {cold, cooling} and read[-1] == [cold, cooling]
    model.set_query(ContactQuery(text="co"))
    assert set(colours(model)) == {cold, cooling} and read[-1] == []  # both rows made for "c" already
    ws.activities.save(Activity(cold, ActivityKind.CALL, "Hello", at=NOW - timedelta(hours=1), outcome="reached"))
    model.on_change(Change("activity", ChangeKind.ADDED, (1,)))  # what the window passes on
    model.set_query(ContactQuery(text="col"))
    assert colours(model) == {cold: None} and read[-1] == [cold]
    monkeypatch.setattr(table_model, "KEEP_ROWS_S", 0.0)  # and a minute later, the care colours are judged anew
    model.set_query(ContactQuery(text="cold"))
    assert colours(model) == {cold: None} and read[-1] == [cold]
