"""Runs the contact list's slow queries (a search with a filter or another sort, a tag filter: every match
read and sorted, up to seconds at a million cards) on one worker thread, newest request first.

A newer request replaces the one waiting and cancels the one running (its SQL stops at the next progress
check): only the answer to the latest query is ever reported.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from crm_desktop.domain.contact_query import ContactQuery
from crm_desktop.ui.latest_worker import LatestRequestWorker

Search = Callable[[ContactQuery, Callable[[], bool]], Sequence[int] | None]


class BackgroundSearch(LatestRequestWorker[ContactQuery, Sequence[int]]):
    """search(query, cancelled) runs on the worker; report(query, ids) is called from it (emit a queued
    signal there); failed(query) likewise when the search raised."""

    def __init__(self, search: Search, report: Callable[[ContactQuery, Sequence[int]], None],
                 failed: Callable[[ContactQuery], None]):  # fmt: skip
        super().__init__("contact-list-search", "search the contact list", search, report, failed)
