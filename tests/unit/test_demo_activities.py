"""Demo history: deterministic for a seed and day, readable by the repository, indexed, dates derived."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from crm_desktop.db.connection import open_database
from crm_desktop.domain.activity_query import ActivityQuery, ActivityState
from crm_desktop.domain.clock import FixedClock
from crm_desktop.services.demo import write_demo_database
from crm_desktop.services.demo_activities import write_demo_activities
from crm_desktop.services.workspace import open_workspace

NOW = datetime(2026, 11, 23, 5, tzinfo=UTC)
KARACHI = ZoneInfo("Asia/Karachi")


def _demo(path, now=NOW):
    write_demo_database(path, 600, history=False)
    with open_database(path) as db:
        return write_demo_activities(db, 1, now, KARACHI)


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    path = tmp_path_factory.mktemp("demo") / "demo.sqlite3"
    count = _demo(path)
    return path, count


def _all(path, sql):
    with sqlite3.connect(path) as conn:
        return conn.execute(sql).fetchall()


def test_about_five_activities_per_contact_and_the_same_on_the_same_day(demo, tmp_path):
    path, count = demo
    assert 3 * 600 < count < 7 * 600
    again = tmp_path / "again.sqlite3"
    _demo(again, NOW + timedelta(hours=5))  # later the same day in Karachi: the same data
    assert _all(path, "SELECT * FROM activities ORDER BY id") == _all(again, "SELECT * FROM activities ORDER BY id")


def test_every_row_reads_back_and_derived_dates_match_a_recount(demo):
    path, count = demo
    with open_workspace(path, FixedClock(NOW, KARACHI)) as ws:
        repo = ws.activities.repository
        activities = repo.get_many(list(range(1, count + 1)))
        assert len(activities) == count
        assert {a.kind for a in activities} >= {"call", "email", "meeting", "note", "letter", "task"}
        assert any(a.recurrence for a in activities) and any(a.day for a in activities)
        before = ws.database.execute("SELECT id, last_contacted_at, last_attempt_at FROM contacts ORDER BY id").fetchall()
        with ws.database.atomic():
            repo.refresh_contact_dates([row[0] for row in before])
        after = ws.database.execute("SELECT id, last_contacted_at, last_attempt_at FROM contacts ORDER BY id").fetchall()
        assert before == after


def test_history_is_in_the_past_follow_ups_are_open_and_alarms_are_ahead(demo):
    path, _ = demo
    with open_workspace(path, FixedClock(NOW, KARACHI)) as ws:
        assert ws.activities.due_reminders() == []  # a fresh demo does not open with missed alarms
        assert ws.activities.next_alarm() > NOW
        assert len(ws.activities.search_ids(ActivityQuery(state=ActivityState.OPEN))) > 50
        assert ws.agenda.agenda().overdue_count > 0


@pytest.mark.parametrize("word", ["ادائیگی", "भुगतान", "பணம்", "payment"])
def test_subjects_in_every_script_are_searchable(demo, word):
    path, _ = demo
    with open_workspace(path, FixedClock(NOW, KARACHI)) as ws:
        found = ws.activities.summaries(list(ws.activities.search_ids(ActivityQuery(text=word)))[:5])
        assert found and all(word.casefold() in (s.subject + " " + s.details_start).casefold() for s in found)
