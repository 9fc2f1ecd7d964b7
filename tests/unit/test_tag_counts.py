"""Tag counts for the tag filter: live cards only, by name, without a join over every tagged card."""

from __future__ import annotations

from collections import Counter

from crm_desktop.db.connection import open_database
from crm_desktop.db.contacts import ContactRepository
from crm_desktop.domain.contact import Contact


def _expected(repository: ContactRepository) -> list[tuple[str, int]]:
    counts = Counter(tag for contact in repository.iter_all() for tag in contact.tags)
    return sorted(counts.items())


def test_counts_leave_out_trashed_cards_and_tags_only_they_carry(db_path):
    with open_database(db_path) as database:
        repository = ContactRepository(database)
        cards = [
            repository.add(Contact(first_name=f"Person {i}", tags=tags))
            for i, tags in enumerate([["vip", "eid-card"], ["vip"], ["vip", "लाहौर"], ["only-trashed"],
                                      ["eid-card", "only-trashed"], [], ["zeta", "vip"]])
        ]  # fmt: skip
        repository.trash([cards[1].id, cards[3].id, cards[4].id, cards[5].id])
        repository.set_tag([cards[6].id], "zeta", False)

        counts = repository.tag_counts()

        assert counts == [("eid-card", 1), ("vip", 3), ("लाहौर", 1)]
        assert counts == _expected(repository)
        repository.restore([cards[3].id])
        assert repository.tag_counts() == [("eid-card", 1), ("only-trashed", 1), ("vip", 3), ("लाहौर", 1)]
        assert repository.tag_counts() == _expected(repository)


def test_counts_read_the_trash_through_its_index_not_every_tagged_card(db_path):
    with open_database(db_path) as database:
        repository = ContactRepository(database)
        repository.add(Contact(first_name="A", tags=["vip"]))
        statements: list[str] = []
        database.conn.set_trace_callback(statements.append)
        repository.tag_counts()
        database.conn.set_trace_callback(None)
        plan = " | ".join(row[3] for row in database.conn.execute(f"EXPLAIN QUERY PLAN {statements[-1]}"))
        assert "contacts_trashed" in plan and "SCAN c " not in f"{plan} ", plan
