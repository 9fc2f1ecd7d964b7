"""The smaller documents (dossier, activity and pipeline reports) share one shape: a masthead, then
sections of label/value pairs, paragraphs and tables, all from plain strings prepared by the service."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from crm_desktop.printing.documents.flow import Column, Flow
from crm_desktop.printing.documents.page import DocumentCanvas, Masthead


@dataclass
class Table:
    columns: Sequence[Column]
    rows: Iterable[Sequence] = ()
    groups: Iterable[tuple[str, Iterable[Sequence]]] = ()  # (group heading, its rows) instead of rows
    total: Sequence | None = None  # a bold last row
    empty: str = "None."


@dataclass
class Section:
    title: str
    pairs: Sequence[tuple[str, str]] = ()
    text: str = ""
    tables: Sequence[Table] = ()
    note: str = ""  # muted, under the tables


@dataclass
class Document:
    sections: list[Section] = field(default_factory=list)


def write_document(target: str | Path | BinaryIO, masthead: Masthead, document: Document, pagesize) -> int:
    page = DocumentCanvas(target, masthead, pagesize)
    flow = Flow(page)
    for section in document.sections:
        flow.heading(section.title)
        if section.pairs:
            flow.pairs(section.pairs)
        if section.text:
            flow.paragraph(section.text)
            flow.space(4)
        for table in section.tables:
            _table(flow, table)
        if section.note:
            flow.paragraph(section.note, size=7.5, muted=True)
        flow.space(8)
    return page.finish()


def _table(flow: Flow, table: Table) -> None:
    drawn = 0
    flow.begin_table(table.columns)
    for row in table.rows:
        flow.row(row)
        drawn += 1
    for title, rows in table.groups:
        flow.group(title)
        for row in rows:
            flow.row(row)
            drawn += 1
    if not drawn:
        flow.end_table()
        flow.paragraph(table.empty, muted=True)
        return
    if table.total is not None:
        flow.total_row(table.total)
    flow.end_table()
