"""A list too long to count within a keystroke shows its first rows at once and grows when counted."""

from __future__ import annotations

import sqlite3
import threading
import time

import pytest
from PySide6.QtCore import QSettings

from crm_desktop.db import contact_listing
from crm_desktop.domain.contact import Contact
from crm_desktop.domain.contact_query import ContactQuery
from crm_desktop.services.contacts import ContactService
from crm_desktop.ui.contacts.table_model import ContactTableModel
from crm_desktop.ui.main_window import MainWindow

CAP = 20  # the provisional length in these tests (10,000 in the program)
CARDS = 100


@pytest.fixture
def long_list(workspace, monkeypatch):
    """A workspace with 100 cards whose lists start with their first 20 rows."""
    with workspace.database.atomic():
        workspace.contacts.repository.bulk_insert(
            Contact(first_name=f"Sana{i:03d}", last_name="Khan") for i in range(CARDS))
    monkeypatch.setattr(contact_listing, "COUNT_CAP", CAP)
    return workspace


@pytest.fixture
def gated_count(monkeypatch):
    """Counts wait for the test to open the gate; `counted` records each list counted."""
    gate = threading.Event()
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


def test_rows_grow_to_the_real_length_after_the_background_count(qtbot, long_list):
    model = ContactTableModel(long_list.contacts, ContactQuery())
    assert model.rowCount() == CAP  # provisional: the first rows, shown at once
    assert model.index(0, 0).data() == "Khan, Sana000"
    with qtbot.waitSignal(model.rowsInserted, timeout=5000):
        pass
    assert model.rowCount() == CARDS
    assert model.index(99, 0).data() == "Khan, Sana099"

    model.set_query(ContactQuery(text="sana01"))  # 10 matches: under the cap, exact at once
    assert model.rowCount() == 10
    model.stop()


def test_one_count_at_a_time_and_a_newer_list_replaces_the_waiting_one(qtbot, long_list, gated_count):
    gate, started, counted = gated_count
    threads = threading.active_count()
    model = ContactTableModel(long_list.contacts, ContactQuery())
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


def test_a_count_that_fails_is_logged_and_the_list_keeps_its_first_rows(qtbot, long_list, monkeypatch, caplog):
    def broken(self, ids):
        raise sqlite3.OperationalError("unable to open database file")

    monkeypatch.setattr(ContactService, "full_length", broken)
    model = ContactTableModel(long_list.contacts, ContactQuery())
    assert model.wait_for_length()
    qtbot.wait(10)
    assert model.rowCount() == CAP
    assert "Could not count the contact list" in caplog.text
    model.stop()


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
