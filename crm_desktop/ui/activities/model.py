"""A lazy table of activities: the ids of one query, and the summaries of the rows on screen only.

The same model serves the Activities section (every column) and a contact's timeline (no contact
column). A contact can have 10,000 activities and the section 5,000,000: the model never reads more
than the pages that are looked at, and a list longer than the first rows learns its length on a worker.
"""

from __future__ import annotations

import enum
from collections import OrderedDict
from collections.abc import Callable, Sequence
from typing import NamedTuple

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont

from crm_desktop.domain.activity_query import ActivitySummary
from crm_desktop.domain.clock import Clock
from crm_desktop.services.activities import ActivityService
from crm_desktop.ui.activities import labels
from crm_desktop.ui.contacts.bidi import RTL_ROLE, SCRIPT_ROLE
from crm_desktop.ui.contacts.length_counter import LengthCounter
from crm_desktop.domain.scripts import is_rtl, script_of

ID_ROLE = Qt.ItemDataRole.UserRole  # the activity id of a row
CONTACT_ROLE = Qt.ItemDataRole.UserRole + 10  # the contact id of a row
OPEN_ROLE = Qt.ItemDataRole.UserRole + 11  # True for a follow-up still to do
PAGE_SIZE = 64
MAX_PAGES = 40
OVERDUE_COLOR = QColor("#c62828")


class Column(enum.Enum):
    WHEN = "When"
    KIND = "Type"
    CONTACT = "Contact"
    SUBJECT = "Subject"
    OUTCOME = "Outcome"
    DIRECTION = "Direction"
    STATE = "State"
    RESULT = "Result"  # the timeline's one column for both: the outcome when done, else To do / Overdue


VIEW_COLUMNS = (Column.WHEN, Column.KIND, Column.CONTACT, Column.SUBJECT, Column.OUTCOME, Column.DIRECTION,
                Column.STATE)  # fmt: skip
TIMELINE_COLUMNS = (Column.WHEN, Column.KIND, Column.SUBJECT, Column.RESULT)

_MARKED_WHEN_OVERDUE = frozenset({Column.WHEN, Column.STATE, Column.RESULT})
_LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignAbsolute | Qt.AlignmentFlag.AlignVCenter


class _Row(NamedTuple):
    summary: ActivitySummary
    texts: tuple[str, ...]
    rtl: tuple[bool, ...]
    scripts: tuple[str | None, ...]
    overdue: bool
    tooltip: str


class ActivityTableModel(QAbstractTableModel):
    """Rows are the ids that `search()` returns, newest first; refresh() runs it again."""

    length_settled = Signal()
    _length_known = Signal(object, int)

    def __init__(self, activities: ActivityService, clock: Clock, search: Callable[[], Sequence[int]],
                 columns: tuple[Column, ...] = VIEW_COLUMNS, parent: QObject | None = None,
                 page_size: int = PAGE_SIZE):  # fmt: skip
        super().__init__(parent)
        self._activities = activities
        self._clock = clock
        self._search = search
        self.columns = columns
        self._page_size = page_size
        self._pages: OrderedDict[int, list[_Row | None]] = OrderedDict()
        self.pages_fetched = 0  # for tests and benchmarks
        self._length_known.connect(self._grow_to)
        self._counter = counter = LengthCounter(activities.full_length, self._length_known.emit)
        self.destroyed.connect(lambda *_: counter.stop())
        self._ids: Sequence[int] = self._run()

    # ---- the query --------------------------------------------------------------------------

    def set_search(self, search: Callable[[], Sequence[int]]) -> None:
        self._search = search
        self.refresh()

    def refresh(self) -> None:
        self.beginResetModel()
        self._ids = self._run()
        self._pages.clear()
        self.endResetModel()

    def reload_rows(self) -> None:
        """Same ids, fresh texts (a contact was renamed): no query, only the cached pages go."""
        self._pages.clear()
        if self._ids:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._ids) - 1, len(self.columns) - 1))

    def _run(self) -> Sequence[int]:
        ids = self._search()
        if not getattr(ids, "exact", True):
            self._counter.request(ids)
        return ids

    def _grow_to(self, ids, length: int) -> None:
        if ids is not self._ids or ids.exact:
            return
        old = len(ids)
        if length > old:
            self.beginInsertRows(QModelIndex(), old, length - 1)
            ids.settle(length)
            self._pages.clear()
            self.endInsertRows()
        elif length < old:
            self.beginRemoveRows(QModelIndex(), length, old - 1)
            ids.settle(length)
            self._pages.clear()
            self.endRemoveRows()
        else:
            ids.settle(length)
        self.length_settled.emit()

    def length_is_provisional(self) -> bool:
        return not getattr(self._ids, "exact", True)

    def wait_for_length(self, timeout: float = 10.0) -> bool:
        return self._counter.wait(timeout)

    def stop(self) -> None:
        self._counter.stop()

    # ---- ids ----------------------------------------------------------------------------------

    def id_at(self, row: int) -> int | None:
        if not 0 <= row < len(self._ids):
            return None
        try:
            return self._ids[row]
        except IndexError:  # past the real end of a provisional length
            return None

    def row_of(self, activity_id: int) -> int | None:
        try:
            row = self._ids.index(activity_id)
        except ValueError:
            return None
        return row if row < len(self._ids) else None

    def summary_at(self, row: int) -> ActivitySummary | None:
        found = self._row(row)
        return found.summary if found else None

    # ---- Qt model API ---------------------------------------------------------------------------

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self.columns):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.tr(self.columns[section].value)
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row = self._row(index.row())
        if row is None:
            return None
        column = index.column()
        kind = self.columns[column]
        if role == Qt.ItemDataRole.DisplayRole:
            return row.texts[column]
        if role == Qt.ItemDataRole.ToolTipRole:
            return row.tooltip
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _RIGHT if row.rtl[column] else _LEFT
        if role == Qt.ItemDataRole.DecorationRole and kind is Column.KIND:
            return labels.kind_icon(row.summary.kind)
        if role == Qt.ItemDataRole.ForegroundRole and row.overdue and kind in _MARKED_WHEN_OVERDUE:
            return QBrush(OVERDUE_COLOR)
        if role == Qt.ItemDataRole.FontRole and kind in (Column.STATE, Column.RESULT) and not row.summary.done:
            font = QFont()
            font.setBold(True)
            return font
        if role == RTL_ROLE:
            return row.rtl[column]
        if role == SCRIPT_ROLE:
            return row.scripts[column]
        if role == ID_ROLE:
            return row.summary.id
        if role == CONTACT_ROLE:
            return row.summary.contact_id
        if role == OPEN_ROLE:
            return not row.summary.done
        return None

    # ---- paging -----------------------------------------------------------------------------------

    def _row(self, row: int) -> _Row | None:
        if not 0 <= row < len(self._ids):
            return None
        page_no, offset = divmod(row, self._page_size)
        page = self._pages.get(page_no)
        if page is None:
            page = self._fetch(page_no)
        else:
            self._pages.move_to_end(page_no)
        return page[offset] if offset < len(page) else None

    def _fetch(self, page_no: int) -> list[_Row | None]:
        start = page_no * self._page_size
        try:
            ids = list(self._ids[start : start + self._page_size])
        except IndexError:  # the real end comes before a provisional length
            ids = [i for i in map(self.id_at, range(start, min(start + self._page_size, len(self._ids))))
                   if i is not None]  # fmt: skip
        by_id = {s.id: s for s in self._activities.summaries(ids)}
        now, zone = self._clock.now(), self._clock.zone
        page = [self._make_row(by_id[i], now, zone) if i in by_id else None for i in ids]
        self.pages_fetched += 1
        self._pages[page_no] = page
        while len(self._pages) > MAX_PAGES:
            self._pages.popitem(last=False)
        return page

    def _make_row(self, s: ActivitySummary, now, zone) -> _Row:
        overdue = labels.is_overdue(s.done, s.at, s.day, now, zone)
        subject = s.subject or s.details_start
        state = labels.state_label(s.done, overdue)
        values = {
            Column.WHEN: labels.when_text(s.at, s.day, zone),
            Column.KIND: labels.kind_label(s.kind),
            Column.CONTACT: s.contact_name,
            Column.SUBJECT: subject,
            Column.OUTCOME: labels.outcome_label(s.outcome),
            Column.DIRECTION: labels.direction_label(s.direction),
            Column.STATE: state,
            Column.RESULT: labels.outcome_label(s.outcome) if s.done and s.outcome else state,
        }
        texts = tuple(values[c] for c in self.columns)
        repeats = self.tr("Repeats") if s.repeats else ""
        tooltip = "\n".join(t for t in (s.subject, s.details_start, repeats) if t)
        return _Row(s, texts, tuple(is_rtl(t) for t in texts), tuple(script_of(t) for t in texts), overdue, tooltip)

