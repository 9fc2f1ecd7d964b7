"""The Today page over a real database with a fixed clock: sections, clicks, Done, midnight."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import QModelIndex, QPoint, QSettings, Qt
from PySide6.QtWidgets import QMenu

from crm_desktop.domain.activity import Activity, ActivityKind
from crm_desktop.domain.activity_query import ActivityQuery, ActivityState
from crm_desktop.domain.clock import FixedClock, at_local
from crm_desktop.domain.contact import Birthday, Contact, Relationship
from crm_desktop.services.agenda import SECTION_LIMIT
from crm_desktop.services.workspace import open_workspace
from crm_desktop.ui.change_bridge import ChangeBridge
from crm_desktop.ui.main_window import MainWindow
from crm_desktop.ui.today import outcome_menu
from crm_desktop.ui.today.agenda_items import ACTION, CONTACT, CONTACT_ROLE, ROW_ROLE, SECTION_ROLE, WHEN
from crm_desktop.ui.today.midnight import ms_to_next_midnight
from crm_desktop.ui.today.page import TodayPage

KARACHI = ZoneInfo("Asia/Karachi")
MONDAY = date(2026, 11, 23)
START = at_local(MONDAY, time(10, 0), KARACHI)  # Monday 10:00 in Karachi


def karachi(day: date, hour: int, minute: int = 0) -> datetime:
    return at_local(day, time(hour, minute), KARACHI)


@pytest.fixture
def clock():
    return FixedClock(START, KARACHI)


@pytest.fixture
def ws(db_path, clock):
    workspace = open_workspace(db_path, clock)
    yield workspace
    workspace.close()


@pytest.fixture
def people(ws):
    save = ws.contacts.save
    return {
        "imran": save(Contact(first_name="Imran", last_name="Khan", relationship=Relationship.CUSTOMER)),
        "aisha": save(Contact(first_name="عائشہ", last_name="صدیقی", relationship=Relationship.CUSTOMER)),
        "rahul": save(Contact(first_name="राहुल", last_name="शर्मा")),
        "murugan": save(Contact(first_name="முருகன்", last_name="செல்வம்")),
    }


@pytest.fixture
def make_page(qtbot, ws):
    made = []

    def make() -> TodayPage:
        bridge = ChangeBridge(ws.changes)
        page = TodayPage(ws, bridge)
        qtbot.addWidget(page)
        page.resize(1000, 700)
        page.show()
        qtbot.waitExposed(page)
        made.append((page, bridge))
        return page

    yield make
    for page, bridge in made:
        page.stop()
        bridge.detach()


def follow_up(ws, contact, subject, kind=ActivityKind.CALL, **when) -> Activity:
    return ws.activities.save(Activity(contact.id, kind, subject=subject, done=False, **when))


def section(page: TodayPage, key: str) -> QModelIndex:
    model = page.model
    for row in range(model.rowCount()):
        index = model.index(row, 0)
        if index.data(SECTION_ROLE) == key:
            return index
    raise AssertionError(f"no section {key}")


def rows(page: TodayPage, key: str, column: int = CONTACT) -> list[str]:
    """What a section shows in one column (its empty-state sentence when it has no items)."""
    parent = section(page, key)
    model = page.model
    found = []
    for row in range(model.rowCount(parent)):
        index = model.index(row, column, parent)
        if model.index(row, 0, parent).data(ROW_ROLE) in ("empty", "more"):
            index = model.index(row, 0, parent)
        found.append(index.data())
    return found


def cell(page: TodayPage, key: str, text: str, column: int) -> QModelIndex:
    parent = section(page, key)
    for row in range(page.model.rowCount(parent)):
        if page.model.index(row, CONTACT, parent).data() == text:
            return page.model.index(row, column, parent)
    raise AssertionError(f"{text} is not in {key}")


def click(qtbot, page: TodayPage, index: QModelIndex) -> None:
    page.tree.scrollTo(index)
    rect = page.tree.visualRect(index)
    qtbot.mouseClick(page.tree.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(rect.left() + 12, rect.center().y()))


def test_empty_sections_say_so_kindly(make_page, people):
    page = make_page()
    assert rows(page, "overdue") == ["Nothing overdue"]
    assert rows(page, "today") == ["Nothing else due today"]
    assert rows(page, "birthdays") == ["No birthdays this week"]
    assert page.findChild(type(page.title), "todayTitle").text().startswith("Today, Monday")


def test_an_overdue_item_from_last_week_is_still_there_a_month_later(make_page, ws, people, clock):
    follow_up(ws, people["imran"], "Call back about the invoice", at=karachi(MONDAY - timedelta(days=7), 11))
    follow_up(ws, people["aisha"], "قیمت کے بارے میں بات", day=MONDAY)
    follow_up(ws, people["rahul"], "Send the catalogue", at=karachi(MONDAY + timedelta(days=2), 9))
    page = make_page()
    assert rows(page, "overdue") == ["Imran Khan"]
    assert rows(page, "today") == ["عائشہ صدیقی"]
    assert rows(page, "upcoming") == ["राहुल शर्मा"]
    assert "Overdue  (1)" == section(page, "overdue").data()
    page.hide()
    clock.advance(timedelta(days=31))
    page.show()  # shown again on a later day: the page catches up
    assert rows(page, "overdue") == ["Imran Khan", "عائشہ صدیقی", "राहुल शर्मा"]  # by due date
    assert rows(page, "today") == ["Nothing else due today"]
    assert page.status_text().startswith("3 overdue")


def test_a_birthday_on_29_february_shows_on_28_february_in_a_common_year(make_page, ws, clock):
    leap = ws.contacts.save(Contact(first_name="Leila", last_name="Mirza", birthday=Birthday(2, 29, 1980)))
    ws.contacts.save(Contact(first_name="Later", last_name="Person", birthday=Birthday(3, 20, 1990)))
    clock.instant = karachi(date(2027, 2, 26), 9)  # 2027 has no 29 February
    page = make_page()
    assert rows(page, "birthdays") == ["Leila Mirza"]
    assert rows(page, "birthdays", WHEN) == ["Sun 28 Feb"]
    assert rows(page, "birthdays", 3) == ["turns 47"]
    cell_index = cell(page, "birthdays", "Leila Mirza", CONTACT)
    assert cell_index.data(CONTACT_ROLE) == leap.id


def test_going_cold_is_amber_past_the_ideal_and_red_past_the_maximum(make_page, ws, people, clock):
    # Customers: ideal 30 days, at most 45 (the default rule). Imran was reached 35 days ago, Aisha 50.
    for who, days in (("imran", 35), ("aisha", 50)):
        ws.activities.save(Activity(people[who].id, ActivityKind.CALL, subject="Hello", outcome="reached",
                                    at=START - timedelta(days=days)))
    ws.activities.save(Activity(people["rahul"].id, ActivityKind.CALL, subject="Hi", at=START - timedelta(days=90)))
    page = make_page()
    assert rows(page, "going_cold") == ["عائشہ صدیقی", "Imran Khan"]  # red first; Rahul has no rule
    assert rows(page, "going_cold", WHEN) == ["50 days quiet", "35 days quiet"]
    assert rows(page, "going_cold", 1) == ["Cold", "Cooling"]
    assert rows(page, "going_cold", 3) == ["customer: every 30 days, at most 45"] * 2
    red = cell(page, "going_cold", "عائشہ صدیقی", WHEN).data(Qt.ItemDataRole.ForegroundRole).color().name()
    amber = cell(page, "going_cold", "Imran Khan", WHEN).data(Qt.ItemDataRole.ForegroundRole).color().name()
    assert red == "#d32f2f" and amber == "#b8860b"


def test_clicking_a_name_asks_for_that_contact(qtbot, make_page, ws, people):
    follow_up(ws, people["murugan"], "விலைப்பட்டியல் அனுப்பு", day=MONDAY)
    page = make_page()
    with qtbot.waitSignal(page.contact_requested) as asked:
        click(qtbot, page, cell(page, "today", "முருகன் செல்வம்", CONTACT))
    assert asked.args == [people["murugan"].id]


def test_done_moves_the_item_to_the_history_and_off_the_page(qtbot, make_page, ws, people, monkeypatch):
    shown: list[QMenu] = []
    monkeypatch.setattr(outcome_menu, "show_menu", lambda menu, at: shown.append(menu))
    call = follow_up(ws, people["imran"], "Call back", at=karachi(MONDAY, 16))
    task = follow_up(ws, people["rahul"], "Send the quote", ActivityKind.TASK, day=MONDAY)
    page = make_page()
    assert sorted(rows(page, "today")) == sorted(["Imran Khan", "राहुल शर्मा"])
    click(qtbot, page, cell(page, "today", "Imran Khan", ACTION))  # a call asks how it went
    assert len(shown) == 1
    reached = next(a for a in shown[0].actions() if a.text() == "reached")
    reached.trigger()
    qtbot.waitUntil(lambda: rows(page, "today") == ["राहुल शर्मा"])
    done = ws.activities.get(call.id)
    assert done.done and done.outcome == "reached"
    click(qtbot, page, cell(page, "today", "राहुल शर्मा", ACTION))  # a task is done at once
    qtbot.waitUntil(lambda: rows(page, "today") == ["Nothing else due today"])
    assert ws.activities.get(task.id).done and len(shown) == 1
    history = ws.activities.search_ids(ActivityQuery(state=ActivityState.DONE))
    assert sorted(history[: len(history)]) == sorted([call.id, task.id])


def test_midnight_moves_todays_items_to_overdue(qtbot, make_page, ws, people, clock):
    follow_up(ws, people["aisha"], "Evening call", at=karachi(MONDAY, 18))
    follow_up(ws, people["imran"], "Showroom visit", ActivityKind.MEETING, day=MONDAY)
    page = make_page()
    assert sorted(rows(page, "today")) == sorted(["Imran Khan", "عائشہ صدیقی"])
    timer = page.midnight.timer
    assert timer.isActive() and timer.isSingleShot()
    assert abs(timer.interval() - 14 * 3600 * 1000) < 2000  # 10:00 to midnight, no polling
    clock.instant = karachi(MONDAY + timedelta(days=1), 0, 0) + timedelta(seconds=1)
    timer.timeout.emit()
    assert sorted(rows(page, "overdue")) == sorted(["Imran Khan", "عائشہ صدیقی"])
    assert rows(page, "today") == ["Nothing else due today"]
    assert page.title.text().startswith("Today, Tuesday")
    assert timer.isActive() and abs(timer.interval() - 24 * 3600 * 1000) < 2000


def test_the_midnight_timer_counts_a_daylight_saving_day():
    berlin = ZoneInfo("Europe/Berlin")
    clock = FixedClock(at_local(date(2026, 3, 28), time(12, 0), berlin), berlin)  # 29 March has 23 hours
    assert abs(ms_to_next_midnight(clock) - 12 * 3600 * 1000) < 1000
    clock.advance(timedelta(days=1))  # Sunday 13:00 summer time: 11 hours left
    assert abs(ms_to_next_midnight(clock) - 11 * 3600 * 1000) < 1000


def test_long_sections_are_capped_with_their_count(qtbot, make_page, ws, people):
    contact = people["imran"]
    with ws.database.atomic():
        for i in range(SECTION_LIMIT + 40):
            follow_up(ws, contact, f"Old {i}", at=START - timedelta(days=2, minutes=i))
    page = make_page()
    assert section(page, "overdue").data() == f"Overdue  ({SECTION_LIMIT + 40})"
    shown = rows(page, "overdue")
    assert len(shown) == SECTION_LIMIT + 1 and shown[-1].startswith(f"Showing the first {SECTION_LIMIT} of")


def test_a_collapsed_section_stays_collapsed_across_refresh_and_restart(qtbot, make_page, ws, people, tmp_path):
    page = make_page()
    page.tree.collapse(section(page, "going_cold"))
    follow_up(ws, people["imran"], "Call", day=MONDAY)
    qtbot.waitUntil(lambda: rows(page, "today") == ["Imran Khan"])
    assert not page.tree.isExpanded(section(page, "going_cold")) and page.tree.isExpanded(section(page, "today"))
    settings = QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat)
    page.save_state(settings)
    again = make_page()
    again.restore_state(settings)
    assert not again.tree.isExpanded(section(again, "going_cold"))


def test_the_window_starts_on_today_and_a_click_selects_the_contact(qtbot, ws, people, tmp_path):
    follow_up(ws, people["aisha"], "قیمت کے بارے میں بات", day=MONDAY)
    win = MainWindow(ws, QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    assert win.sidebar.currentRow() == 0 and win.stack.currentWidget() is win.today_view
    assert win.status_label.text().startswith("0 overdue, 1 due today")
    win.contacts_view.search.setText("Imran")  # the list is narrowed to someone else
    click(qtbot, win.today_view, cell(win.today_view, "today", "عائشہ صدیقی", CONTACT))
    assert win.stack.currentWidget() is win.contacts_view
    qtbot.waitUntil(lambda: win.contacts_view.selected_ids() == [people["aisha"].id])
    assert win.contacts_view.card.current_id() == people["aisha"].id
    win.close()


def test_an_unreadable_file_is_said_on_the_page_not_a_crash(make_page, ws, monkeypatch):
    import sqlite3

    page = make_page()

    def damaged(*_args):
        raise sqlite3.DatabaseError("database disk image is malformed")

    monkeypatch.setattr(ws.agenda, "_agenda", damaged)
    page.refresh()
    assert "cannot be read" in page.summary.text() and "damaged" in page.summary.text()
