"""Sort positions and the lazy listing agree with a plain sorted query, however cards were added."""

from __future__ import annotations

import random

import pytest

from crm_desktop.db import sort_positions
from crm_desktop.db.contact_listing import PAGE, LazyIds
from crm_desktop.domain.contact import Contact, Relationship
from crm_desktop.domain.contact_query import ContactQuery, SortColumn


def expected_order(workspace, query: ContactQuery) -> list[int]:
    """The reference: the materialised path, which sorts in one plain query."""
    return list(workspace.contacts.repository.listing._sorted_ids(query))


def assert_index_consistent(workspace):
    conn = workspace.database.conn
    live = conn.execute("SELECT sort_pos FROM contacts WHERE deleted_at IS NULL ORDER BY sort_pos").fetchall()
    indexed = conn.execute("SELECT rowid FROM contacts_fts ORDER BY rowid").fetchall()
    assert live == indexed
    by_key = [r[0] for r in conn.execute("SELECT id FROM contacts ORDER BY sort_key, id")]
    by_pos = [r[0] for r in conn.execute("SELECT id FROM contacts ORDER BY sort_pos")]
    assert by_key == by_pos


@pytest.mark.parametrize("seed", range(6))
def test_adding_in_reverse_order_and_renaming_keeps_order(workspace, monkeypatch, seed):
    monkeypatch.setattr(sort_positions, "STEP", 4)
    rnd = random.Random(seed)
    ids = [workspace.contacts.save(Contact(first_name=f"P{i:03d}", last_name="Zed")).id for i in range(120, 0, -1)]
    for contact_id in rnd.sample(ids, 60):
        contact = workspace.contacts.get(contact_id)
        contact.last_name = rnd.choice(["Aziz", "Zed", "Malik", "کریم"])
        workspace.contacts.save(contact)
    assert_index_consistent(workspace)


def test_crowded_gaps_are_spread_and_order_holds(workspace, monkeypatch):
    monkeypatch.setattr(sort_positions, "STEP", 4)  # tiny gaps: every few inserts must make room
    rnd = random.Random(7)
    names = ["Khan", "Ali", "Zaman", "शर्मा", "خان", "Baig"]
    ids = []
    for i in range(150):
        ids.append(workspace.contacts.save(Contact(first_name=f"P{i}", last_name=rnd.choice(names))).id)
    for contact_id in rnd.sample(ids, 40):  # renames move cards
        contact = workspace.contacts.get(contact_id)
        contact.last_name = rnd.choice(names)
        workspace.contacts.save(contact)
    workspace.contacts.trash(rnd.sample(ids, 20))
    assert_index_consistent(workspace)
    assert list(workspace.contacts.search_ids(ContactQuery(text="p1"))) == expected_order(
        workspace, ContactQuery(text="p1")
    )


@pytest.fixture
def many(workspace):
    rnd = random.Random(3)
    names = [("Imran", "Khan"), ("Ayesha", "Baig"), ("कमला", "शर्मा"), ("محمد", "خان"), ("கமலா", "ராஜா")]
    people = []
    for _ in range(700):
        first, last = rnd.choice(names)
        people.append(Contact(first_name=first, last_name=f"{last}{rnd.randint(0, 99)}",
                              company=f"Co{rnd.randint(0, 9)}", relationship=rnd.choice(list(Relationship))))
    # fmt: skip
    with workspace.database.atomic():
        workspace.contacts.repository.bulk_insert(people)
    workspace.contacts.trash(list(range(1, 701, 9)))
    return workspace


@pytest.mark.parametrize(
    "query",
    [
        ContactQuery(text="imr"),
        ContactQuery(text="imr", descending=True),
        ContactQuery(text="khan1"),
        ContactQuery(text="co"),  # every card: three pages, the last read from the end
        ContactQuery(text="co", descending=True),
        ContactQuery(),
        ContactQuery(descending=True),
        ContactQuery(sort=SortColumn.COMPANY),
        ContactQuery(sort=SortColumn.COMPANY, descending=True),
        ContactQuery(relationship="customer"),
        ContactQuery(text="co3", sort=SortColumn.CITY),
    ],
    ids=repr,
)
def test_lazy_ids_match_the_sorted_query(many, query):
    ids = many.contacts.search_ids(query)
    expected = expected_order(many, query)
    if not getattr(ids, "exact", True):  # a search longer than a page starts provisional (see below)
        assert query.text and len(ids) == PAGE < len(expected)
        ids.settle(many.contacts.full_length(ids))
    assert len(ids) == len(expected) == many.contacts.count(query)
    assert list(ids) == expected
    assert [ids[i] for i in range(len(ids))] == expected  # page by page, from both ends
    assert ids[-1] == expected[-1]
    assert list(ids[5 : PAGE + 9]) == expected[5 : PAGE + 9]
    for row in (0, len(expected) // 2, len(expected) - 1):
        assert ids.index(expected[row]) == row
    with pytest.raises(ValueError):
        ids.index(1)  # trashed


def test_lazy_paths_are_used_for_big_lists(many):
    assert isinstance(many.contacts.search_ids(ContactQuery(text="imr")), LazyIds)
    assert isinstance(many.contacts.search_ids(ContactQuery()), LazyIds)


def test_tab_positions_with_text(many):
    query = ContactQuery(text="co2")
    ids = list(many.contacts.search_ids(query))
    names = [many.contacts.get(i).first_name for i in ids]
    for tab, first_name in (("ا", "محمد"), ("अ", "कमला"), ("அ", "கமலா"), ("K", "Imran")):
        row = many.contacts.tab_position(query, tab)
        assert names[row] == first_name and first_name not in names[:row]


def test_long_lists_start_with_a_provisional_length_and_settle(many, monkeypatch):
    from crm_desktop.db import contact_listing

    monkeypatch.setattr(contact_listing, "COUNT_CAP", 50)
    for query in (ContactQuery(text="co"), ContactQuery(), ContactQuery(descending=True)):
        ids = many.contacts.search_ids(query)
        expected = expected_order(many, query)
        assert (len(ids), ids.exact) == (50, False)
        assert list(ids[:50]) == expected[:50]  # the first rows are already the real ones
        ids.settle(many.contacts.full_length(ids))
        assert ids.exact and list(ids) == expected and ids[-1] == expected[-1]
        assert ids[60] == expected[60]  # past the provisional end of a page read before
    short = many.contacts.search_ids(ContactQuery(text="khan1"))
    assert short.exact and many.contacts.full_length(short) == len(short)


@pytest.mark.parametrize("sort", list(SortColumn))
@pytest.mark.parametrize("descending", [False, True])
def test_every_sort_order_of_the_whole_list_reads_an_index(workspace, sort, descending):
    """Paging a million cards with LIMIT/OFFSET is only fast when no step sorts them all first."""
    listing = workspace.contacts.repository.listing
    query = ContactQuery(sort=sort, descending=descending)
    where, params = listing.where(query)
    plan = workspace.database.execute(
        f"EXPLAIN QUERY PLAN SELECT c.id FROM contacts c WHERE {where} ORDER BY {listing._order(query)} LIMIT 5",
        params,
    ).fetchall()
    details = " ".join(row[3] for row in plan)
    assert "USING INDEX" in details and "TEMP B-TREE" not in details, details
