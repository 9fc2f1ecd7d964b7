"""The activity log in the GUI: logging, scheduling, completing, the timeline and the Activities section,
over a real database file with a fixed clock (Monday 23 November 2026, 10:00 in Karachi)."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication, QCompleter

from crm_desktop.domain.activity import Activity, ActivityKind
from crm_desktop.domain.activity_query import ActivityQuery
from crm_desktop.domain.clock import FixedClock, at_local
from crm_desktop.domain.recurrence import Frequency
from crm_desktop.services.workspace import open_workspace
from crm_desktop.ui.activities import dialog as activity_dialog
from crm_desktop.ui.activities.complete_dialog import CompleteDialog
from crm_desktop.ui.activities.dialog import ActivityDialog
from crm_desktop.ui.activities.model import ID_ROLE
from crm_desktop.ui.contacts import card_prompt
from crm_desktop.ui.contacts.bidi import RTL_ROLE
from crm_desktop.ui.main_window import MainWindow
from tests.ui.card_helpers import unexpected_prompt
from tests.ui.sample_contacts import fill

KARACHI = ZoneInfo("Asia/Karachi")
START = datetime(2026, 11, 23, 5, 0, tzinfo=UTC)  # Monday 10:00 in Karachi


def karachi(day: date, hour: int, minute: int = 0) -> datetime:
    return at_local(day, time(hour, minute), KARACHI)


@pytest.fixture
def clock():
    return FixedClock(START, KARACHI)


@pytest.fixture
def ws(db_path, clock):
    workspace = open_workspace(db_path, clock)
    workspace.ids = fill(workspace)
    yield workspace
    workspace.close()


@pytest.fixture
def no_pester_question(monkeypatch):
    asked: list[str] = []
    monkeypatch.setattr(activity_dialog, "ask_pester", lambda parent, warning: asked.append(warning) or True)
    return asked


@pytest.fixture
def win(qtbot, ws, tmp_path, monkeypatch, no_pester_question):
    monkeypatch.setattr(card_prompt, "ask_unsaved_changes", unexpected_prompt)
    window = MainWindow(ws, QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    window.show()
    window.show_contacts()  # the window starts on the Today page
    qtbot.waitExposed(window)
    with qtbot.waitActive(window):
        window.activateWindow()
    yield window
    window.close()


def select_contact(window, name: str) -> int:
    contact_id = window.workspace.ids[name]
    assert window.contacts_view.table.select_ids([contact_id], contact_id) == 1
    assert window.contacts_view.card.current_id() == contact_id
    return contact_id


def open_dialog(window) -> ActivityDialog:
    found = [d for d in window.findChildren(ActivityDialog) if d.isVisible()]
    assert len(found) == 1
    return found[0]


def timeline_items(ws, contact_id: int) -> list[Activity]:
    return ws.activities.repository.get_many(list(ws.activities.timeline_ids(contact_id)))


def timeline_subjects(window) -> list[str]:
    model = window.contacts_view.card.timeline.model
    return [model.summary_at(r).subject for r in range(model.rowCount())]


def view_subjects(window) -> list[str]:
    model = window.activities_view.model
    return [model.summary_at(r).subject for r in range(model.rowCount())]


def test_ctrl_l_logs_a_call_seen_on_the_timeline_and_in_the_activities_view(qtbot, win, ws, no_pester_question):
    contact_id = select_contact(win, "Khan, Imran")
    assert win.activity_menu.log_call.isEnabled()
    win.sidebar.setCurrentRow(win.stack.indexOf(win.activities_view))  # Ctrl+L works from any section
    qtbot.keyClick(win, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    dialog = open_dialog(win)
    assert not dialog.isModal() or dialog.windowModality() != Qt.WindowModality.ApplicationModal
    assert dialog.state_done.isChecked() and dialog.kind.currentData() == "call"
    assert (dialog.when_date.date().toPython(), dialog.when_time.time().toPython()) == (date(2026, 11, 23), time(10))
    qtbot.keyClicks(dialog.subject, "Asked about the winter order")
    dialog.outcome.setCurrentText("reached")
    dialog.duration.setValue(12)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()

    saved = ws.activities.summaries(list(ws.activities.timeline_ids(contact_id)))
    assert [(s.subject, s.kind, s.done, s.outcome, s.at) for s in saved] == [
        ("Asked about the winter order", "call", True, "reached", START)]
    assert no_pester_question == []  # the first call is no pestering
    assert timeline_subjects(win) == ["Asked about the winter order"]
    assert view_subjects(win) == ["Asked about the winter order"]
    model = win.activities_view.model
    assert [model.index(0, c).data() for c in range(model.columnCount())] == [
        "2026-11-23 10:00", "Call", "Imran Khan", "Asked about the winter order", "Reached", "", "Done"]
    assert "Last contacted: 2026-11-23" in win.contacts_view.card.timeline.last_contacted.text()


def test_the_activity_actions_need_a_selected_contact(qtbot, win):
    win.contacts_view.table.clearSelection()
    assert not any(a.isEnabled() for a in win.activity_menu.actions)
    qtbot.keyClick(win, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert win.findChildren(ActivityDialog) == []
    select_contact(win, "Lovelace, Ada")
    assert all(a.isEnabled() for a in win.activity_menu.actions)


def test_an_invalid_follow_up_is_refused_with_the_message_beside_the_field(qtbot, win, ws):
    contact_id = select_contact(win, "García, José")
    win.activity_menu.schedule.trigger()
    dialog = open_dialog(win)
    assert dialog.state_open.isChecked()
    editor = dialog.follow_up
    assert editor.due_date.value() == date(2026, 11, 24)  # tomorrow 09:00 to start with
    qtbot.mouseClick(editor.due_date.clear_button, Qt.MouseButton.LeftButton)
    editor.alarm.setCurrentIndex(editor.alarm.count() - 1)  # Other...
    editor.alarm_unit.setCurrentIndex(editor.alarm_unit.findData(24 * 60))
    editor.alarm_amount.setValue(40)
    # Beside the fields as soon as they are edited, before any Save.
    assert editor.when_row.error.isVisible() and editor.when_row.error.text() == "A follow-up needs a date."
    assert editor.alarm_row.error.text() == "The reminder must be between 0 minutes and 30 days before."
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible()  # refused: still open, nothing written
    assert editor.alarm_row.error.isVisible()
    assert editor.alarm_amount.property("invalid") is True
    assert len(ws.activities.timeline_ids(contact_id)) == 0
    editor.due_date.set_value(date(2026, 11, 26))
    editor.alarm_amount.setValue(3)
    assert not editor.when_row.error.isVisible() and not editor.alarm_row.error.isVisible()
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    (saved,) = timeline_items(ws, contact_id)
    assert saved.at == karachi(date(2026, 11, 26), 9) and saved.alarm_lead == timedelta(days=3)


def test_a_weekly_follow_up_completed_leaves_history_and_the_next_occurrence(qtbot, win, ws):
    contact_id = select_contact(win, "صدیقی، عائشہ")
    win.activity_menu.schedule.trigger()
    dialog = open_dialog(win)
    qtbot.keyClicks(dialog.subject, "Weekly stock check")
    editor = dialog.follow_up
    editor.due_date.set_value(date(2026, 11, 26))  # Thursday
    editor.due_time.setTime(editor.due_time.time().fromString("10:30", "HH:mm"))
    repeat = editor.repeat
    repeat.frequency.setCurrentIndex(repeat.frequency.findData(Frequency.WEEKLY.value))
    assert repeat.day_buttons[3].isChecked()  # the due date's weekday to start with
    repeat.day_buttons[0].setChecked(True)  # and Mondays
    assert repeat.description.text() == "Every week on Mon, Thu"
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    (follow_up_id,) = list(ws.activities.timeline_ids(contact_id))

    done_dialog = CompleteDialog(ws, follow_up_id, win)
    qtbot.addWidget(done_dialog)
    completed = []
    done_dialog.completed.connect(lambda done, nxt: completed.append((done, nxt)))
    done_dialog.open()
    hint = done_dialog.repeat_hint.text()
    assert "Every week on Mon, Thu" in hint and "2026-11-30 10:30" in hint  # the next one, said beforehand
    done_dialog.outcome.setCurrentText("reached")
    qtbot.keyClicks(done_dialog.note, "Ordered 40 bales")
    qtbot.mouseClick(done_dialog.done_button, Qt.MouseButton.LeftButton)
    assert completed == [(follow_up_id, None)] and not done_dialog.isVisible()

    items = timeline_items(ws, contact_id)
    assert [(a.done, a.outcome, a.subject) for a in items] == [
        (False, "", "Weekly stock check"), (True, "reached", "Weekly stock check")]
    nxt, history = items
    assert nxt.at == karachi(date(2026, 11, 30), 10, 30) and nxt.recurrence is not None
    assert history.at == START and history.details == "Ordered 40 bales"
    assert timeline_subjects(win) == ["Weekly stock check", "Weekly stock check"]
    timeline = win.contacts_view.card.timeline.model
    assert [timeline.index(r, 3).data() for r in range(2)] == ["To do", "Reached"]


def test_complete_can_schedule_the_next_step_and_refuses_a_bad_one(qtbot, win, ws):
    contact_id = ws.ids["Kareem, Bilal"]
    item = ws.activities.save(Activity(contact_id, ActivityKind.CALL, "Call back", done=False,
                                       at=START - timedelta(days=2)))  # fmt: skip
    done_dialog = CompleteDialog(ws, item.id, win)
    qtbot.addWidget(done_dialog)
    done_dialog.open()
    done_dialog.outcome.setCurrentText("interested")
    done_dialog.next_step.setChecked(True)
    assert done_dialog.next_box.isVisible()
    done_dialog.next_editor.due_date.clear()
    qtbot.mouseClick(done_dialog.done_button, Qt.MouseButton.LeftButton)
    assert done_dialog.isVisible()
    assert done_dialog.next_editor.when_row.error.text() == "A follow-up needs a date."
    assert ws.activities.get(item.id).done is False  # nothing half-way
    done_dialog.next_editor.due_date.set_value(date(2026, 12, 1))
    qtbot.keyClicks(done_dialog.next_subject, "Send the price list")
    qtbot.mouseClick(done_dialog.done_button, Qt.MouseButton.LeftButton)
    assert not done_dialog.isVisible()
    items = timeline_items(ws, contact_id)
    assert [(a.subject, a.done, a.outcome) for a in items] == [
        ("Send the price list", False, ""), ("Call back", True, "interested")]
    assert items[0].at == karachi(date(2026, 12, 1), 9)


def test_the_timeline_marks_overdue_and_done_opens_the_complete_dialog(qtbot, win, ws):
    contact_id = select_contact(win, "Khan, Imran")
    ws.activities.save(Activity(contact_id, ActivityKind.TASK, "Send samples", done=False,
                                day=date(2026, 11, 20)))  # fmt: skip
    timeline = win.contacts_view.card.timeline
    assert timeline.model.index(0, 3).data() == "Overdue"
    assert timeline.model.index(0, 0).data() == "2026-11-20"  # all-day: the date alone
    assert timeline.model.index(0, 0).data(Qt.ItemDataRole.ForegroundRole) is not None
    assert not timeline.done_button.isEnabled()
    timeline.table.select_row(0)
    assert timeline.done_button.isEnabled()
    qtbot.mouseClick(timeline.done_button, Qt.MouseButton.LeftButton)
    dialogs = [d for d in win.findChildren(CompleteDialog) if d.isVisible()]
    assert len(dialogs) == 1
    dialogs[0].reject()


def test_double_click_opens_the_activity_to_edit(qtbot, win, ws):
    contact_id = select_contact(win, "Khan, Imran")
    item = ws.activities.save(Activity(contact_id, ActivityKind.NOTE, "First note", at=START - timedelta(hours=1)))
    timeline = win.contacts_view.card.timeline
    qtbot.waitUntil(timeline.table.isVisible)
    rect = timeline.table.visualRect(timeline.model.index(0, 2))
    assert rect.isValid()
    qtbot.mouseClick(timeline.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(timeline.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    dialog = open_dialog(win)
    assert dialog.subject.text() == "First note" and dialog.kind.currentData() == "note"
    dialog.subject.setText("First note, corrected")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert ws.activities.get(item.id).subject == "First note, corrected"
    assert timeline_subjects(win) == ["First note, corrected"]


def test_the_pester_rule_asks_before_saving_and_no_keeps_the_dialog(qtbot, win, ws, monkeypatch):
    contact_id = select_contact(win, "Khan, Imran")
    for days in (1, 2, 3):
        ws.activities.save(Activity(contact_id, ActivityKind.CALL, f"Call {days}", at=START - timedelta(days=days)))
    asked: list[str] = []
    monkeypatch.setattr(activity_dialog, "ask_pester", lambda parent, warning: asked.append(warning) or False)
    win.activity_menu.log_call.trigger()
    dialog = open_dialog(win)
    assert dialog.pester_hint.isVisible() and "3 times" in dialog.pester_hint.text()
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert asked == ["Already contacted 3 times in the last 7 days."]
    assert dialog.isVisible() and len(ws.activities.timeline_ids(contact_id)) == 3
    monkeypatch.setattr(activity_dialog, "ask_pester", lambda parent, warning: True)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible() and len(ws.activities.timeline_ids(contact_id)) == 4


def seed_history(ws):
    ids = ws.ids
    rows = [
        (ids["Khan, Imran"], "call", "Winter order", "reached", START - timedelta(hours=2), True),
        (ids["Khan, Imran"], "email", "Price list sent", "", START - timedelta(days=3), True),
        (ids["Kareem, Bilal"], "call", "No pickup", "no answer", START - timedelta(days=20), True),
        (ids["Kareem, Bilal"], "meeting", "Visit the mill", "", karachi(date(2026, 11, 25), 15), False),
        (ids["Lovelace, Ada"], "note", "Prefers email", "", START - timedelta(days=40), True),
    ]
    for contact_id, kind, subject, outcome, at, done in rows:
        ws.activities.save(Activity(contact_id, kind, subject, done=done, at=at, outcome=outcome))


def test_filters_narrow_the_activities_view(qtbot, win, ws):
    seed_history(ws)
    view = win.activities_view
    f = view.filters
    assert len(view_subjects(win)) == 5
    f.kind.setCurrentIndex(f.kind.findData("call"))
    assert view_subjects(win) == ["Winter order", "No pickup"]
    f.outcome.setCurrentIndex(f.outcome.findData("no answer"))
    assert view_subjects(win) == ["No pickup"]
    f.kind.setCurrentIndex(0)
    f.outcome.setCurrentIndex(0)
    f.range.setCurrentIndex(2)  # this week (Monday 23 to Sunday 29 November)
    assert view_subjects(win) == ["Visit the mill", "Winter order"]
    f.range.setCurrentIndex(1)  # today
    assert view_subjects(win) == ["Winter order"]
    f.range.setCurrentIndex(4)  # custom
    f.first.setDate(f.first.date().fromString("2026-11-01", "yyyy-MM-dd"))
    f.last.setDate(f.last.date().fromString("2026-11-20", "yyyy-MM-dd"))
    assert view_subjects(win) == ["Price list sent", "No pickup"]
    f.range.setCurrentIndex(0)
    f.state.setCurrentIndex(2)  # to do
    assert view_subjects(win) == ["Visit the mill"]
    assert view.model.index(0, 6).data() == "To do"
    f.state.setCurrentIndex(0)
    qtbot.keyClicks(f.search, "pric")
    assert len(view_subjects(win)) == 5  # debounced: not on the keystroke ...
    qtbot.waitUntil(lambda: view_subjects(win) == ["Price list sent"])  # ... but soon after
    f.search.clear()
    f.apply_now()
    f.completer.setCompletionMode(QCompleter.CompletionMode.InlineCompletion)  # no popup offscreen
    qtbot.keyClicks(f.contact, "Kare")
    assert f.completer.model().stringList() == ["Bilal Kareem"]
    f._contact_chosen("Bilal Kareem")
    assert view_subjects(win) == ["Visit the mill", "No pickup"]
    f.contact.clear()
    assert len(view_subjects(win)) == 5
    assert view.status_text() == "5 activities"


def test_the_activities_view_follows_changes_and_goes_to_the_contact(qtbot, win, ws):
    seed_history(ws)
    view = win.activities_view
    win.sidebar.setCurrentRow(win.stack.indexOf(view))
    ws.activities.save(Activity(ws.ids["Lovelace, Ada"], ActivityKind.CALL, "Fresh call", at=START))
    # Refreshed by the change, no polling; below the follow-up still to come (newest first).
    assert view_subjects(win)[:2] == ["Visit the mill", "Fresh call"]
    view.table.select_row(1)
    qtbot.mouseClick(view.contact_button, Qt.MouseButton.LeftButton)
    assert win.stack.currentWidget() is win.contacts_view
    assert win.contacts_view.card.current_id() == ws.ids["Lovelace, Ada"]
    assert win.contacts_view.table.selected_ids() == [ws.ids["Lovelace, Ada"]]
    ws.contacts.trash([ws.ids["Lovelace, Ada"]])
    assert "Fresh call" not in view_subjects(win)  # a trashed contact's activities leave with it


def test_both_models_pass_the_model_tester(qtmodeltester, win, ws):
    seed_history(ws)
    qtmodeltester.check(win.activities_view.model)
    select_contact(win, "Khan, Imran")
    qtmodeltester.check(win.contacts_view.card.timeline.model)


def test_an_urdu_subject_is_laid_out_right_to_left(qtbot, win, ws):
    contact_id = select_contact(win, "صدیقی، عائشہ")
    subject = "قیمتوں کی فہرست بھیجی"
    item = ws.activities.save(Activity(contact_id, ActivityKind.CALL, subject, at=START, outcome="reached"))
    timeline = win.contacts_view.card.timeline.model
    cell = timeline.index(0, 2)
    assert cell.data() == subject and cell.data(RTL_ROLE) is True
    assert cell.data(Qt.ItemDataRole.TextAlignmentRole) & Qt.AlignmentFlag.AlignRight
    assert timeline.index(0, 0).data(RTL_ROLE) is False  # the date beside it stays left to right
    contact_cell = win.activities_view.model.index(0, 2)
    assert contact_cell.data() == "عائشہ صدیقی" and contact_cell.data(RTL_ROLE) is True
    dialog = activity_dialog.edit_existing(ws, item.id, win)
    assert dialog.subject.layoutDirection() == Qt.LayoutDirection.RightToLeft
    dialog.subject.setText("Latin again")
    assert dialog.subject.layoutDirection() == Qt.LayoutDirection.LeftToRight
    dialog.reject()


def test_a_long_timeline_reads_only_the_rows_on_screen(qtbot, win, ws):
    contact_id = ws.ids["Khan, Imran"]
    with ws.database.atomic():
        for i in range(3000):
            ws.activities.repository.add(
                Activity(contact_id, ActivityKind.NOTE, f"Note {i}", at=START - timedelta(minutes=i), zone="UTC"),
                START - timedelta(minutes=i))  # fmt: skip
    select_contact(win, "Khan, Imran")
    model = win.contacts_view.card.timeline.model
    QApplication.processEvents()
    assert model.rowCount() == 3000
    assert model.pages_fetched <= 2  # a screenful, not 3,000 summaries
    assert model.index(0, 2).data() == "Note 0" and model.index(2999, 2).data() == "Note 2999"
    assert model.data(model.index(1, 0), ID_ROLE) is not None
    assert ws.activities.full_length(ws.activities.search_ids(ActivityQuery(contact_id=contact_id))) == 3000
