"""Slow list queries (a search with a filter or another sort, a tag filter) run on a worker: the list keeps
its rows while the answer is on its way, the newest query wins, a long wait shows a busy cue, and no thread
outlives the window."""

from __future__ import annotations

import threading
import time

import pytest
from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit

from tests.ui.test_contact_list import shown_names, type_text


@pytest.fixture
def view(window):
    """The Contacts view with every whole-list query sent to the worker (as on a file of a million cards)."""
    contacts_view = window.contacts_view
    contacts_view.model.background_from = 0
    return contacts_view


def search_threads() -> list[threading.Thread]:
    return [t for t in threading.enumerate() if t.name == "contact-list-search" and t.is_alive()]


def test_typing_with_a_tag_filter_narrows_the_list_from_the_worker(qtbot, window, view):
    tags = window.findChild(QComboBox, "tagFilter")
    tags.setFocus()
    tags.setCurrentIndex(tags.findData("vip"))
    assert view.model.searching()
    assert len(shown_names(window)) == 8  # the old rows stay until the answer comes
    qtbot.waitUntil(lambda: shown_names(window) == ["Khan, Imran", "Lovelace, Ada", "صدیقی، عائشہ"])
    assert not view.model.searching() and search_threads()
    type_text(window.findChild(QLineEdit, "contactSearch"), "kha")
    qtbot.waitUntil(lambda: shown_names(window) == ["Khan, Imran"])
    assert window.findChild(QLabel, "statusCount").text() == "1 contact"


def test_a_search_sorted_by_city_comes_from_the_worker(qtbot, window, view):
    type_text(view.search, "k")
    view.table.horizontalHeader().setSortIndicator(4, view.table.horizontalHeader().sortIndicatorOrder())
    qtbot.waitUntil(lambda: not view.model.searching())
    cities = [view.model.index(r, 4).data() for r in range(view.model.rowCount())]
    assert cities == sorted(cities) and "Lahore" in cities and "Karachi" in cities


def test_the_newest_query_wins_over_an_older_slower_one(qtbot, window, view, monkeypatch):
    contacts = window.workspace.contacts
    real = contacts.search_ids_apart
    started = threading.Event()

    def slow_for_spain(query, cancelled):
        if query.tag == "spain":
            started.set()
            end = time.monotonic() + 5
            while not cancelled() and time.monotonic() < end:
                time.sleep(0.01)  # a long sort that checks for cancellation, as SQLite's progress handler does
        return real(query, cancelled)

    monkeypatch.setattr(contacts, "search_ids_apart", slow_for_spain)
    tags = window.findChild(QComboBox, "tagFilter")
    tags.setFocus()
    tags.setCurrentIndex(tags.findData("spain"))
    assert started.wait(5)
    tags.setCurrentIndex(tags.findData("india"))
    qtbot.waitUntil(lambda: not view.model.searching())
    assert shown_names(window) == ["शर्मा, राहुल"]
    assert view.model.wait_for_search(5)
    qtbot.wait(50)  # a stale answer, had it been reported, would arrive as a queued signal by now
    assert shown_names(window) == ["शर्मा, राहुल"] and view.model.query.tag == "india"


def test_a_slow_search_shows_a_busy_cue_only_after_half_a_second(qtbot, window, view, monkeypatch):
    contacts = window.workspace.contacts
    real = contacts.search_ids_apart

    def slow(query, cancelled):
        time.sleep(0.8)
        return real(query, cancelled)

    monkeypatch.setattr(contacts, "search_ids_apart", slow)
    busy = window.findChild(QLabel, "searchBusy")
    tags = window.findChild(QComboBox, "tagFilter")
    tags.setFocus()
    tags.setCurrentIndex(tags.findData("vip"))
    qtbot.wait(200)
    assert not busy.isVisible()
    type_text(view.search, "a")  # typing goes on meanwhile
    assert view.search.text() == "a"
    qtbot.waitUntil(busy.isVisible, timeout=3000)
    qtbot.waitUntil(lambda: not view.model.searching(), timeout=5000)
    assert not busy.isVisible()
    assert shown_names(window) == ["Lovelace, Ada"]  # vip cards with a word starting "a"


def test_a_fast_query_cancels_a_slow_one_on_its_way(qtbot, window, view):
    tags = window.findChild(QComboBox, "tagFilter")
    tags.setFocus()
    tags.setCurrentIndex(tags.findData("vip"))
    tags.setCurrentIndex(0)  # back to every card: an index scan, answered at once
    assert not view.model.searching() and len(shown_names(window)) == 8
    assert view.model.wait_for_search(5)
    qtbot.wait(50)
    assert len(shown_names(window)) == 8


def test_closing_the_window_ends_the_search_thread(qtbot, window, view):
    tags = window.findChild(QComboBox, "tagFilter")
    tags.setFocus()
    tags.setCurrentIndex(tags.findData("vip"))
    qtbot.waitUntil(lambda: not view.model.searching())
    assert search_threads()
    window.close()
    assert not search_threads()
    assert not view._busy_timer.isActive()
