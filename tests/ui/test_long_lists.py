"""A list too long to count within a keystroke shows its first rows at once and grows when counted."""

from __future__ import annotations

import sqlite3
import threading
import time

import pytest
from PySide6.QtCore import QSettings, Qt

from crm_desktop.db import contact_listing
from crm_desktop.domain.contact import Contact
from crm_desktop.domain.contact_query import ContactQuery
from crm_desktop.services.contacts import ContactService
from crm_desktop.ui.contacts.table_model import ContactTableModel
from crm_desktop.ui.main_window import MainWindow

CAP = 20  # the provisional length in these tests (10,000 in the program)
CARDS = 100
SURNAMES = ("Ahmed", "Khan", "Perera", "Sharma", "Zaidi")  # 20 cards each, so row r is card r


def name_at(row: int) -> str:
    return f"{SURNAMES[row // 20]}, Sana{row:03d}"


@pytest.fixture
def long_list(workspace, monkeypatch):
    """A workspace with 100 cards whose lists start with their first 20 rows."""
    with workspace.database.atomic():
        workspace.contacts.repository.bulk_insert(
            Contact(first_name=f"Sana{i:03d}", last_name=SURNAMES[i // 20]) for i in range(CARDS))
    monkeypatch.setattr(contact_listing, "COUNT_CAP", CAP)
    return workspace


@pytest.fixture
def gated_count(monkeypatch):
    """Counts wait for the test to open the gate; `counted` records each list counted."""
    gate = threading.Event()  # set: counts run at once
    started = threading.Event()
    counted: list = []
    real = ContactService.full_length

    def full_length(self, ids):
        if threading.current_thread() is not threading.main_thread():
            counted.append(ids)
            started.set()
            gate.wait(5)
        return real(self, ids)

    monkeypatch.setattr(ContactService, "full_length", full_length)
    yield gate, started, counted
    gate.set()


@pytest.fixture
def new_model(long_list, gated_count):
    """Makes list models over long_list; at the end opens the gate and stops them (no thread outlives a test)."""
    gate, _started, _counted = gated_count
    made: list[ContactTableModel] = []

    def make(query: ContactQuery = ContactQuery()) -> ContactTableModel:
        made.append(ContactTableModel(long_list.contacts, query))
        return made[-1]

    yield make
    gate.set()
    for model in made:
        model.stop()


@pytest.fixture
def new_window(qtbot, long_list, tmp_path, gated_count):
    """Makes main windows over long_list; at the end opens the gate and closes them."""
    gate, _started, _counted = gated_count
    made: list[MainWindow] = []

    def make() -> MainWindow:
        win = MainWindow(long_list, QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat))
        qtbot.addWidget(win)
        win.show_contacts()  # the window starts on the Today page
        win.show()
        qtbot.waitExposed(win)
        made.append(win)
        return win

    yield make
    gate.set()
    for win in made:
        win.close()


def test_rows_grow_to_the_real_length_after_the_background_count(qtbot, qtmodeltester, new_model, gated_count):
    model = new_model()
    assert model.rowCount() == CAP  # provisional: the first rows, shown at once
    qtmodeltester.check(model)  # and it keeps checking as the rows grow
    gated_count[0].set()
    assert model.index(0, 0).data() == name_at(0)
    with qtbot.waitSignal(model.rowsInserted, timeout=5000):
        pass
    assert model.rowCount() == CARDS
    assert model.index(99, 0).data() == name_at(99)

    model.set_query(ContactQuery(text="sana01"))  # 10 matches: under the cap, exact at once
    assert model.rowCount() == 10


def test_one_count_at_a_time_and_a_newer_list_replaces_the_waiting_one(qtbot, new_model, gated_count):
    gate, started, counted = gated_count
    threads = threading.active_count()
    model = new_model()
    assert started.wait(5)
    for _ in range(5):
        model.refresh()  # each edit elsewhere re-runs the query while the first count is running
    assert threading.active_count() <= threads + 1
    gate.set()
    model.wait_for_length()
    assert len(counted) == 2  # the first list, then only the newest of the five
    qtbot.waitUntil(lambda: model.rowCount() == CARDS)
    model.stop()
    assert threading.active_count() == threads


def test_a_count_that_fails_is_logged_and_the_list_keeps_its_first_rows(qtbot, new_model, monkeypatch, caplog):
    def broken(self, ids):
        raise sqlite3.OperationalError("unable to open database file")

    monkeypatch.setattr(ContactService, "full_length", broken)
    model = new_model()
    assert model.wait_for_length()
    qtbot.wait(10)
    assert model.rowCount() == CAP
    assert "Could not count the contact list" in caplog.text


def test_closing_the_window_joins_the_count_in_flight(qtbot, long_list, tmp_path, monkeypatch):
    real = ContactService.full_length

    def slow(self, ids):
        time.sleep(0.3)
        return real(self, ids)

    monkeypatch.setattr(ContactService, "full_length", slow)
    threads = threading.active_count()
    win = MainWindow(long_list, QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(win)
    win.show()
    assert threading.active_count() > threads  # counting
    assert win.close()
    assert threading.active_count() == threads


# ---- refreshing a long list keeps its length, selection and scroll position --------------------------


def exact_model(qtbot, new_model) -> ContactTableModel:
    model = new_model()
    qtbot.waitUntil(lambda: model.rowCount() == CARDS)
    return model


def test_a_refresh_starts_at_the_last_known_length_and_shrinks_when_counted(qtbot, qtmodeltester, long_list,
                                                                             new_model, gated_count):
    gate, _started, _counted = gated_count
    gate.set()
    model = exact_model(qtbot, new_model)
    qtmodeltester.check(model)  # and it keeps checking every change below
    gate.clear()
    long_list.contacts.trash([model.id_at(i) for i in (97, 98, 99)])
    model.refresh()
    assert model.rowCount() == CARDS  # not back to the first 20 rows
    assert model.index(60, 0).data() == name_at(60)
    assert model.index(99, 0).data() is None  # past the real end: blank until counted
    with qtbot.waitSignal(model.rowsRemoved, timeout=5000):
        gate.set()
    assert model.rowCount() == CARDS - 3
    assert model.index(96, 0).data() == name_at(96)


def test_a_refresh_grows_when_the_count_finds_more(qtbot, qtmodeltester, long_list, new_model, gated_count):
    gate, _started, _counted = gated_count
    gate.set()
    model = exact_model(qtbot, new_model)
    qtmodeltester.check(model)
    gate.clear()
    with long_list.database.atomic():
        long_list.contacts.repository.bulk_insert(Contact(first_name=f"Zoe{i}", last_name="Zz") for i in range(5))
    model.refresh()
    assert model.rowCount() == CARDS
    with qtbot.waitSignal(model.rowsInserted, timeout=5000):
        gate.set()
    assert model.rowCount() == CARDS + 5
    assert model.index(CARDS + 4, 0).data() == "Zz, Zoe4"


@pytest.fixture
def long_window(qtbot, new_window, gated_count):
    """A window whose list has counted its 100 rows."""
    gated_count[0].set()
    win = new_window()
    qtbot.waitUntil(lambda: win.contacts_view.model.rowCount() == CARDS)
    return win


def test_saving_a_card_far_down_keeps_its_row_selected_and_the_scroll_position(qtbot, long_window, gated_count):
    gate, _started, _counted = gated_count
    view = long_window.contacts_view
    view.table.select_row(80)
    chosen = view.selected_ids()
    scroll = view.table.verticalScrollBar().value()
    assert scroll > 0
    gate.clear()  # the count after the save is slow, as at a million cards
    qtbot.keyClicks(view.card.form.boxes["job_title"].editor, "Owner")
    qtbot.mouseClick(view.card.save_button, Qt.MouseButton.LeftButton)
    assert view.model.rowCount() == CARDS
    assert view.selected_ids() == chosen and view.table.current_id() == chosen[0]
    assert view.table.verticalScrollBar().value() == scroll
    gate.set()
    assert view.model.wait_for_length()
    qtbot.wait(10)
    assert view.selected_ids() == chosen and view.table.verticalScrollBar().value() == scroll


def test_a_selection_beyond_the_first_rows_comes_back_when_the_count_arrives(qtbot, long_window, gated_count):
    gate, _started, _counted = gated_count
    view = long_window.contacts_view
    view.table.select_row(50)
    chosen = view.selected_ids()
    gate.clear()
    view.table.horizontalHeader().setSortIndicator(0, Qt.SortOrder.DescendingOrder)  # a new query: 20 rows first
    assert view.model.rowCount() == CAP and view.selected_ids() == []
    assert view.card.current_id() == chosen[0]  # the card stays on it meanwhile
    with qtbot.waitSignal(view.model.rowsInserted, timeout=5000):
        gate.set()
    assert view.selected_ids() == chosen
    assert view.table.current_id() == chosen[0] and view.table.selectionModel().currentIndex().row() == 49


def test_a_selection_made_before_the_count_arrives_is_kept(qtbot, long_window, gated_count):
    gate, _started, _counted = gated_count
    view = long_window.contacts_view
    view.table.select_row(50)
    gate.clear()
    view.table.horizontalHeader().setSortIndicator(0, Qt.SortOrder.DescendingOrder)
    view.table.select_row(3)
    chosen = view.selected_ids()
    with qtbot.waitSignal(view.model.rowsInserted, timeout=5000):
        gate.set()
    assert view.selected_ids() == chosen


def test_a_to_z_jumps_past_the_first_rows_before_the_count_arrives(qtbot, new_window, gated_count):
    gate, _started, _counted = gated_count
    view = new_window().contacts_view
    assert view.model.rowCount() == CAP  # still counting (the gate is shut)
    view.jump_to_tab("S")
    assert view.table.selectionModel().currentIndex().row() == 60
    assert view.model.index(60, 0).data() == name_at(60) and view.card.title.text() == "Sana060 Sharma"
    assert view.model.rowCount() == CARDS
    gate.set()


def test_the_status_bar_counts_every_card_once_counted(qtbot, new_window, gated_count):
    gate, _started, _counted = gated_count
    win = new_window()
    assert win.status_label.text() == f"{CAP} contacts or more"
    with qtbot.waitSignal(win.contacts_view.model.rowsInserted, timeout=5000):
        gate.set()
    assert win.status_label.text() == f"{CARDS} contacts"


def test_select_all_survives_a_change_without_reading_every_selected_row(qtbot, long_window, monkeypatch):
    from crm_desktop.ui.contacts import table_view

    view = long_window.contacts_view
    view.table.select_row(30)
    shown = view.card.current_id()
    monkeypatch.setattr(table_view, "KEPT_BY_ID", 10)  # 10,000 in the program
    reads: list[int] = []
    real_ids_at = view.model.ids_at
    monkeypatch.setattr(view.model, "ids_at", lambda rows: reads.append(len(rows := list(rows))) or real_ids_at(rows))
    view.table.selectAll()
    assert view.card.current_id() == shown  # the current row is still selected: the card stays on it
    long_window.workspace.contacts.set_tag([shown], "vip")  # a change: the list refreshes
    assert view.table.selectionModel().selection().count() == 1  # still one range: every row
    assert sum(r.height() for r in view.table.selectionModel().selection()) == CARDS
    assert view.table.current_id() == shown
    assert max(reads, default=0) <= 10
