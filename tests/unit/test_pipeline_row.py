"""PipelineService.row: one card as the board shows it, read again after a move (added for the board)."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from crm_desktop.domain.clock import FixedClock
from crm_desktop.domain.contact import Contact
from crm_desktop.domain.deal import Deal, DealStatus
from crm_desktop.domain.money import Money, totals
from crm_desktop.services.workspace import open_workspace


def test_row_reads_one_deal_open_or_closed_and_none_once_it_is_trashed(db_path):
    with open_workspace(db_path, FixedClock(datetime(2026, 11, 23, 5, tzinfo=UTC), ZoneInfo("Asia/Karachi"))) as ws:
        ali = ws.contacts.save(Contact(first_name="علی", last_name="رضا"))
        first = ws.pipeline.save(Deal(title="One", value=Money(100_00, "PKR"), stage="lead", contact_id=ali.id))
        ws.pipeline.save(Deal(title="Two", value=Money(200_00, "PKR"), stage="lead", contact_id=ali.id))
        ws.pipeline.move(first.id, "proposal")
        row = ws.pipeline.row(first.id)
        assert (row.title, row.stage, row.probability, row.weighted, row.who) == ("One", "proposal", 50,
                                                                                  Money(50_00, "PKR"), "علی رضا")  # fmt: skip
        ws.pipeline.move(first.id, "lost", "price")
        assert ws.pipeline.row(first.id).status is DealStatus.LOST
        ws.pipeline.delete([first.id])
        assert ws.pipeline.row(first.id) is None


def test_totals_keep_each_currency_apart_in_the_order_they_came():
    found = totals([Money(5, "USD"), Money(12_34_567_00, "INR"), Money(7, "USD")])
    assert found == {"USD": Money(12, "USD"), "INR": Money(12_34_567_00, "INR")} and list(found) == ["USD", "INR"]
    assert totals([]) == {}
