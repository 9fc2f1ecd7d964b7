"""Counts how long a long list really is, on one worker thread per list model.

Counting a million matches takes longer than a keystroke may, and every edit re-runs the list's query:
so the count runs off the UI thread, one at a time. A list that waits while another is being counted
replaces any list already waiting, and the count in flight is then of no use: it is not reported.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from crm_desktop.ui.latest_worker import LatestRequestWorker


class LengthCounter(LatestRequestWorker[Sequence[int], int]):
    """count(ids) runs on the worker; report(ids, length) is called from it (emit a queued signal there).
    A count that fails (the database closed meanwhile) leaves the list its provisional length."""

    def __init__(self, count: Callable[[Sequence[int]], int], report: Callable[[Sequence[int], int], None]):
        super().__init__("contact-list-count", "count the contact list", lambda ids, _cancelled: count(ids), report)
