"""Demo deals: deterministic, realistic stage histories, the contact's currency and script, and the
`crm-desktop pipeline` command over them."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from crm_desktop.cli import main
from crm_desktop.domain.clock import FixedClock
from crm_desktop.domain.deal import DealStatus
from crm_desktop.services.demo import write_demo_database
from crm_desktop.services.workspace import open_workspace

NOW = datetime(2026, 11, 23, 5, 0, tzinfo=UTC)
CLOCK = FixedClock(NOW, ZoneInfo("Asia/Karachi"))


def _rows(path, sql):
    conn = sqlite3.connect(path)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


@pytest.fixture(scope="module")
def demo_path(tmp_path_factory):
    return write_demo_database(tmp_path_factory.mktemp("deals") / "demo.sqlite3", 3000, clock=CLOCK)


def test_the_same_seed_and_day_write_the_same_deals(tmp_path, demo_path):
    again = write_demo_database(tmp_path / "again.sqlite3", 3000, clock=CLOCK)
    for table in ("deals", "deal_stage_history", "deal_tags"):
        assert _rows(demo_path, f"SELECT * FROM {table} ORDER BY 1, 2") == _rows(again, f"SELECT * FROM {table} ORDER BY 1, 2")


def test_about_one_contact_in_ten_has_a_deal_in_their_currency_and_script(demo_path):
    count, open_count = _rows(demo_path, "SELECT count(*), sum(status = 'open') FROM deals")[0]
    assert 200 <= count <= 400 and 0.15 < open_count / count < 0.35
    by_country = dict(_rows(demo_path, "SELECT a.country, d.currency FROM deals d JOIN contact_addresses a "
                                       "ON a.contact_id = coalesce(d.contact_id, d.company_id) AND a.position = 0"))  # fmt: skip
    assert (by_country["PK"], by_country["IN"], by_country["LK"]) == ("PKR", "INR", "LKR")
    urdu_titles = _rows(demo_path, "SELECT d.title FROM deals d JOIN contacts c ON c.id = d.contact_id "
                                   "WHERE c.display_name GLOB '*[ا-ی]*'")  # fmt: skip
    assert urdu_titles and all(any("\u0600" <= ch <= "\u06ff" for ch in t) for (t,) in urdu_titles)


def test_histories_start_at_lead_and_end_where_the_deal_is(demo_path):
    with open_workspace(demo_path, CLOCK) as ws:
        closed = ws.pipeline.repository.closed()
        history = ws.pipeline.repository.stage_history()
        assert {d.status for d in closed} == {DealStatus.WON, DealStatus.LOST}
        for deal in closed:
            stages = [key for key, _ in history[deal.id]]
            assert stages[0] == "lead" and stages[-1] == deal.stage
            times = [at for _, at in history[deal.id]]
            assert times == sorted(times) and times[-1] <= NOW
            assert deal.closed_on is not None and (deal.status is DealStatus.WON or deal.lost_reason)
        # Enough history for the forecast view to compare: the first stage has an observed rate.
        assert ws.pipeline.observed()["lead"].win_rate is not None
        rows = ws.pipeline.rows()
        assert any(r.stale for r in rows) and any(r.next_step for r in rows) and any(r.no_next_step for r in rows)


def test_pipeline_command_prints_each_stage_with_totals_per_currency(demo_path, capsys):
    assert main(["pipeline", "--db", str(demo_path)]) == 0
    lines = [line.split("\t") for line in capsys.readouterr().out.splitlines()]
    assert lines[0] == ["Stage", "Deals", "Total", "Weighted"]
    assert [line[0] for line in lines[1:]] == ["Lead", "Qualified", "Proposal", "Negotiation", "Won (last 30 days)",
                                               "Lost (last 30 days)"]  # fmt: skip
    with open_workspace(demo_path, CLOCK) as ws:
        lead = ws.pipeline.board()[0]
    assert lines[1][1] == f"{lead.count:,}"
    assert "Rs" in lines[1][2] and " · " in lines[1][2]  # PKR first (the home currency), others beside it


def test_pipeline_command_refuses_a_missing_file(tmp_path, capsys):
    assert main(["pipeline", "--db", str(tmp_path / "nothing.sqlite3")]) != 0
    assert "there is no database" in capsys.readouterr().err
