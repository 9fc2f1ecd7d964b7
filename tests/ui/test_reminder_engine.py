"""The engine's timer: armed for the next alarm still to come (never spinning on ringing ones), capped, and
re-armed by changes; the window's limit on rows; the index seek behind next_alarm."""

from __future__ import annotations

from datetime import timedelta

from crm_desktop.domain.clock import epoch
from crm_desktop.ui.reminders import engine as engine_module
from crm_desktop.ui.reminders.engine import MAX_WAIT
from tests.ui.test_reminders import START, clock, contact, follow_up, run  # noqa: F401 - clock, run: fixtures


def test_a_ringing_item_does_not_make_the_timer_spin_and_a_far_alarm_is_a_capped_wait(qtbot, run, clock):
    app = run(clock)
    ws = app.workspace
    imran = contact(ws, "Imran", "Khan")
    follow_up(ws, imran, "Ringing", START - timedelta(minutes=1))
    engine = app.reminders.engine
    assert app.window.isVisible()
    assert not engine.timer.isActive()  # only a ringing item: nothing to wait for
    follow_up(ws, imran, "Tomorrow", START + timedelta(days=1))
    assert engine.timer.isActive() and engine.timer.isSingleShot()
    assert engine.timer.timerType().name == "PreciseTimer"
    assert MAX_WAIT.total_seconds() * 1000 - 100 < engine.next_wake_ms() <= MAX_WAIT.total_seconds() * 1000
    assert ws.activities.next_alarm(after=clock.now()) == START + timedelta(days=1)
    assert ws.activities.next_alarm() == START - timedelta(minutes=1)


def test_trashing_the_contact_takes_its_reminder_away(qtbot, run, clock):
    app = run(clock)
    ws = app.workspace
    aisha = contact(ws, "عائشہ", "صدیقی")
    follow_up(ws, aisha, "Call", START - timedelta(minutes=1))
    assert app.window.isVisible()
    ws.contacts.trash([aisha])
    assert app.window.rows == {} and not app.window.isVisible()


def test_many_due_show_the_first_hundred_and_say_how_many_more(qtbot, run, clock, monkeypatch):
    monkeypatch.setattr(engine_module, "MAX_SHOWN", 5)
    app = run(clock)
    ws = app.workspace
    imran = contact(ws, "Imran", "Khan")
    items = [follow_up(ws, imran, f"Call {n}", START - timedelta(minutes=20 - n)) for n in range(7)]
    assert list(app.window.rows) == items[:5]
    assert app.window.heading.text() == "7 follow-ups due"
    assert app.window.more_label.isVisibleTo(app.window) and "2 more" in app.window.more_label.text()
    app.window.rows[items[0]].dismiss_button.click()
    assert list(app.window.rows) == items[1:6]


def test_the_next_alarm_after_now_is_one_index_seek(workspace):
    plan = " | ".join(row[3] for row in workspace.database.conn.execute(
        "EXPLAIN QUERY PLAN SELECT min(alarm_at) FROM activities "
        "WHERE live = 1 AND alarm_at IS NOT NULL AND alarm_at > ?", (epoch(START),)))
    assert "SEARCH" in plan and "activities_alarms" in plan, plan
