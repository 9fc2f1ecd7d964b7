"""The contact directory (phone list): one line per contact, grouped under the list's A-Z tabs (Urdu,
Hindi and Tamil have their own) or under tags, the column header on every page.

Rows are drawn as they arrive (from an iterator over database pages), so memory stays flat and a
100,000-contact directory takes seconds."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import BinaryIO

from crm_desktop.domain.directory import DirectoryEntry
from crm_desktop.printing.documents.flow import Column, Flow
from crm_desktop.printing.documents.page import DocumentCanvas, Masthead

COLUMNS = (Column("Name", 24, "auto"), Column("Company", 20, "auto"), Column("Phone", 16),
           Column("Email", 27), Column("City", 13, "auto"))  # fmt: skip


def write_directory(target: str | Path | BinaryIO, masthead: Masthead, entries: Iterable[tuple[str, DirectoryEntry]],
                    pagesize, on_page: Callable[[int], None] | None = None,
                    on_entry: Callable[[int], None] | None = None) -> int:
    """Draw (group title, entry) pairs in order (a new title starts a group); the number of pages.

    on_page(n) runs after each finished page, on_entry(count) every 100 entries: either may raise to
    stop (a cancelled job)."""
    page = DocumentCanvas(target, masthead, pagesize, on_page)
    flow = Flow(page)
    flow.begin_table(COLUMNS)
    group = None
    count = 0
    for title, entry in entries:
        if title != group:
            flow.group(title)
            group = title
        flow.row((entry.name, entry.company, entry.phones, entry.email, entry.city))
        count += 1
        if on_entry is not None and count % 100 == 0:
            on_entry(count)
    if count == 0:
        flow.paragraph("There are no contacts to list.", muted=True)
    flow.end_table()
    if on_entry is not None:
        on_entry(count)
    return page.finish()
