"""Activity-log benchmarks (issue 3), run on demand: python tests/benchmarks/activities_bench.py DB

DB: a demo database with activities (crm-desktop demo writes about five per contact). Measures, over the
service layer a view uses (ids of the list + the first screen of summaries):
- the Activities view's filters, p50/p95 over a fixed set (kinds, outcomes, date ranges, state, text in
  every script, a contact, combinations);
- a contact card's timeline for a contact with 10,000 activities (added to a copy for the purpose);
- finding the next alarm among 1,000,000 pending follow-ups (added to a copy).
Writes results-activities.json here and the table between the BENCH-ACTIVITIES markers in README.md.
"""

from __future__ import annotations

import json
import shutil
import statistics
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(ROOT))

from crm_desktop.db.activities_bulk import ActivityBulkLoader, ActivityRows  # noqa: E402
from crm_desktop.db.activity_listing import search_key  # noqa: E402
from crm_desktop.domain.activity_query import ActivityQuery, ActivityState  # noqa: E402
from crm_desktop.domain.clock import FixedClock, epoch  # noqa: E402
from crm_desktop.services.workspace import open_workspace  # noqa: E402

START, END = "<!-- BENCH-ACTIVITIES:START -->", "<!-- BENCH-ACTIVITIES:END -->"
NOW = datetime(2026, 11, 23, 5, tzinfo=UTC)
ZONE = ZoneInfo("Asia/Karachi")
SCREEN = 40  # rows on a first screen


def filters(contact_id: int) -> list[ActivityQuery]:
    week, month = NOW - timedelta(days=7), NOW - timedelta(days=30)
    year = NOW - timedelta(days=365)
    queries = [ActivityQuery()]
    for kind in ("call", "meeting", "email", "letter", "note", "task"):
        queries.append(ActivityQuery(kinds=(kind,)))
    for outcome in ("reached", "complaint", "no answer", "interested"):
        queries.append(ActivityQuery(outcomes=(outcome,)))
    for since in (week, month, year):
        queries.append(ActivityQuery(since=since, until=NOW))
    queries += [ActivityQuery(state=ActivityState.OPEN), ActivityQuery(state=ActivityState.DONE),
                ActivityQuery(contact_id=contact_id), ActivityQuery(kinds=("call",), outcomes=("complaint",)),
                ActivityQuery(kinds=("meeting",), since=month, until=NOW),
                ActivityQuery(kinds=("call",), outcomes=("reached",), since=year, until=NOW)]  # fmt: skip
    for text in ("payment", "pay", "quotation", "ادائیگی", "قیمت", "भुगतान", "कीमत", "பணம்", "விலை", "eid", "boxes"):
        queries.append(ActivityQuery(text=text))
        queries.append(ActivityQuery(text=text, kinds=("call",)))
    queries.append(ActivityQuery(text="payment", since=month, until=NOW))
    return queries


def timed(fn, repeat: int = 5) -> float:
    best = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        best.append((time.perf_counter() - started) * 1000)
    return statistics.median(best)


def first_screen(ws, query: ActivityQuery) -> None:
    ids = ws.activities.search_ids(query)
    ws.activities.summaries(list(ids[:SCREEN]))


def bench_filters(db: Path) -> dict:
    with open_workspace(db, FixedClock(NOW, ZONE)) as ws:
        total = ws.database.execute("SELECT count(*) FROM activities").fetchone()[0]
        contact = ws.database.execute("SELECT contact_id FROM activities GROUP BY contact_id ORDER BY count(*) DESC LIMIT 1").fetchone()[0]
        times = []
        for query in filters(contact):
            first_screen(ws, query)  # warm, as a second keystroke would be
            times.append((timed(lambda q=query: first_screen(ws, q)), query))
    values = sorted(t for t, _ in times)
    slowest = sorted(times, key=lambda t: -t[0])[:3]
    return {"activities": total, "filter_p50_ms": statistics.median(values),
            "filter_p95_ms": values[min(len(values) - 1, round(0.95 * (len(values) - 1)))],
            "slowest": [(round(t, 1), repr(q)) for t, q in slowest]}  # fmt: skip


def _pending_rows(first_id: int, contact_id: int, count: int, alarms: bool) -> ActivityRows:
    rows = ActivityRows()
    base = epoch(NOW)
    for i in range(count):
        at = base + 3600 + (i * 7919) % (90 * 86400)
        rows.activities.append((first_id + i, f"bench-{first_id + i}", contact_id, None, "call", "Call back", "", 0,
                                at, None, at, 0, "", "", 1, 900 if alarms else None, at - 900 if alarms else None,
                                "", None, "Asia/Karachi", None, 1, base, base, None))  # fmt: skip
        rows.fts.append((search_key(at, first_id + i), "call back", ""))
    return rows


def with_extra_rows(db: Path, name: str, contact_id: int | None, count: int, alarms: bool) -> tuple[Path, int]:
    copy = db.with_name(f"{db.stem}-{name}.sqlite3")
    shutil.copyfile(db, copy)
    with open_workspace(copy, FixedClock(NOW, ZONE)) as ws:
        first = ws.database.execute("SELECT max(id) FROM activities").fetchone()[0] + 1
        if contact_id is None:
            contact_id = ws.database.execute("SELECT min(id) FROM contacts").fetchone()[0]
        loader = ActivityBulkLoader(ws.database)
        loader.begin()
        loader.write(_pending_rows(first, contact_id, count, alarms))
        loader.finish()
    return copy, contact_id


def bench_timeline(db: Path) -> dict:
    copy, contact_id = with_extra_rows(db, "timeline", None, 10_000, alarms=False)
    try:
        with open_workspace(copy, FixedClock(NOW, ZONE)) as ws:
            def open_card():
                ws.contacts.get(contact_id)
                ids = ws.activities.timeline_ids(contact_id)
                ws.activities.summaries(list(ids[:SCREEN]))
                return len(ids)

            open_card()
            results = {"timeline_10k_ms": timed(open_card, 9), "card_10k_painted_ms": card_painted(ws, contact_id)}
        return results
    finally:
        copy.unlink(missing_ok=True)


def card_painted(ws, contact_id: int) -> float:
    """The real contact card (form and timeline), offscreen: from asking for the contact to painted."""
    import os

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from crm_desktop.ui.contacts.card import ContactCard
    from crm_desktop.ui.resources import register_fonts

    app = QApplication.instance() or QApplication([])
    register_fonts()
    card = ContactCard(ws)
    card.resize(600, 900)
    card.show()
    other = ws.database.execute("SELECT max(id) FROM contacts WHERE id != ?", (contact_id,)).fetchone()[0]
    times = []
    for _ in range(9):
        card.show_contact(other)
        app.processEvents()
        started = time.perf_counter()
        card.show_contact(contact_id)
        card.repaint()
        app.processEvents()
        times.append((time.perf_counter() - started) * 1000)
    card.close()
    return statistics.median(times)


def bench_next_alarm(db: Path) -> dict:
    copy, _ = with_extra_rows(db, "alarms", None, 1_000_000, alarms=True)
    try:
        with open_workspace(copy, FixedClock(NOW, ZONE)) as ws:
            pending = ws.database.execute("SELECT count(*) FROM activities WHERE alarm_at IS NOT NULL").fetchone()[0]
            ws.activities.next_alarm()
            return {"pending_alarms": pending, "next_alarm_ms": timed(ws.activities.next_alarm, 21)}
    finally:
        copy.unlink(missing_ok=True)


def table(r: dict) -> str:
    rows = [
        ("Activities view: filter to first screen, p50", f"{r['filter_p50_ms']:.1f} ms", "", ""),
        ("Activities view: filter to first screen, p95", f"{r['filter_p95_ms']:.1f} ms", "≤ 50 ms",
         "yes" if r["filter_p95_ms"] <= 50 else "no"),
        ("Contact card with 10,000 activities: timeline read", f"{r['timeline_10k_ms']:.1f} ms", "", ""),
        ("Contact card with 10,000 activities: opened and painted", f"{r['card_10k_painted_ms']:.1f} ms",
         "≤ 100 ms", "yes" if r["card_10k_painted_ms"] <= 100 else "no"),
        (f"Next alarm among {r['pending_alarms']:,} pending", f"{r['next_alarm_ms']:.2f} ms", "≤ 5 ms",
         "yes" if r["next_alarm_ms"] <= 5 else "no"),
    ]  # fmt: skip
    lines = [f"| Measure ({r['activities']:,} activities) | Figure | Target | Met? |", "|---|---|---|---|"]
    lines += [f"| {a} | {b} | {c} | {d} |" for a, b, c, d in rows]
    return "\n".join(lines)


def main() -> None:
    db = Path(sys.argv[1])
    results = {**bench_filters(db), **bench_timeline(db), **bench_next_alarm(db)}
    (HERE / "results-activities.json").write_text(json.dumps(results, indent=2, ensure_ascii=False), encoding="utf-8")
    text = table(results)
    print(text)
    print("slowest filters:", *results["slowest"], sep="\n  ")
    readme = ROOT / "README.md"
    content = readme.read_text(encoding="utf-8")
    if START in content and END in content:
        before, rest = content.split(START, 1)
        readme.write_text(f"{before}{START}\n{text}\n{END}{rest.split(END, 1)[1]}", encoding="utf-8")


if __name__ == "__main__":
    main()
