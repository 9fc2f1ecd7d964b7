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


def _demo(path, now=NOW, **options):
    write_demo_database(path, 600, history=False)
    with open_database(path) as db:
        return write_demo_activities(db, 1, now, KARACHI, **options)


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


def test_a_worker_process_building_every_other_chunk_writes_the_same_history(tmp_path):
    # Chunks of 150 contacts: four random streams, two built by each process, merged in order.
    alone, shared = tmp_path / "alone.sqlite3", tmp_path / "shared.sqlite3"
    progress: list[tuple[int, int]] = []
    count = _demo(alone, chunk=150, worker=False)
    assert _demo(shared, chunk=150, worker=True, progress=lambda done, total: progress.append((done, total))) == count
    for sql in ("SELECT * FROM activities ORDER BY id", "SELECT id, last_contacted_at, last_attempt_at FROM contacts",
                "SELECT rowid, subject, details FROM activities_fts ORDER BY rowid", "SELECT * FROM sqlite_sequence"):
        assert _all(alone, sql) == _all(shared, sql)
    assert progress[-1] == (600, 600) and all(a[0] <= b[0] for a, b in zip(progress, progress[1:], strict=False))
    assert sorted(p.name for p in tmp_path.iterdir() if "history" in p.name) == []  # side files removed


def test_search_keys_and_uuids_follow_the_ids(demo):
    path, count = demo
    rows = _all(path, "SELECT a.id, a.uuid, a.sort_at, f.rowid FROM activities a JOIN activities_fts f "
                      "ON f.rowid = a.sort_at * 1000000000 + a.id ORDER BY a.id")  # fmt: skip
    assert len(rows) == count
    assert all(int(uuid[:8] + uuid[9:13], 16) == 1_700_000_000_000 + id_ for id_, uuid, _, _ in rows)
    assert len({uuid for _, uuid, _, _ in rows}) == count and all(uuid[14] == "7" for _, uuid, _, _ in rows)
    assert _all(path, "SELECT k FROM activities_fts_config") == [("version",)]  # load tuning not kept
    assert _all(path, "SELECT journal_mode FROM pragma_journal_mode") == [("wal",)]


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


def test_a_second_history_is_refused_and_the_first_stays_whole(tmp_path):
    path = tmp_path / "demo.sqlite3"
    count = _demo(path, chunk=300)
    with open_database(path) as db, pytest.raises(ValueError, match="empty"):
        write_demo_activities(db, 2, NOW, KARACHI, chunk=300)
    assert _all(path, "SELECT count(*) FROM activities") == [(count,)]
    assert _all(path, "PRAGMA integrity_check") == [("ok",)]
    assert [p.name for p in tmp_path.iterdir() if "history" in p.name] == []
