"""The deal list's table model: the rows of one query (sorted and filtered in SQL), texts made on demand.

A header click asks the model to sort(); the model changes its query's sort and asks the service again,
so the order is always SQL's. Open deals are thousands, not millions, so the rows are held whole (the
service reads them in one query anyway); only their texts are made lazily, because formatting money
costs about 60 µs a figure and a list of 10,000 deals would otherwise spend a second before it shows.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import tzinfo
from typing import NamedTuple

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont

from crm_desktop.domain.deal import DealStatus, Stage
from crm_desktop.domain.deal_query import DealQuery, DealRow, DealSort
from crm_desktop.domain.money import format_money
from crm_desktop.ui.activities.labels import when_text
from crm_desktop.ui.contacts.bidi import RTL_ROLE, SCRIPT_ROLE
from crm_desktop.domain.scripts import is_rtl, script_of

ID_ROLE = Qt.ItemDataRole.UserRole  # the deal id of a row
STALE_COLOR = QColor("#b26a00")  # amber, readable on white and on a dark base
MUTED_COLOR = QColor("#808080")


class Column(enum.Enum):
    TITLE = ("Title", DealSort.TITLE)
    CONTACT = ("Contact", DealSort.CONTACT)
    STAGE = ("Stage", DealSort.STAGE)
    VALUE = ("Value", DealSort.VALUE)
    PROBABILITY = ("Probability", DealSort.PROBABILITY)
    WEIGHTED = ("Weighted", DealSort.WEIGHTED)
    EXPECTED_CLOSE = ("Expected close", DealSort.EXPECTED_CLOSE)
    STATUS = ("Status", DealSort.STATUS)
    NEXT_STEP = ("Next step", DealSort.NEXT_STEP)
    LAST_ACTIVITY = ("Last activity", DealSort.LAST_ACTIVITY)

    @property
    def title(self) -> str:
        return self.value[0]

    @property
    def sort(self) -> DealSort:
        return self.value[1]


COLUMNS = tuple(Column)
_NUMBERS = frozenset({Column.VALUE, Column.PROBABILITY, Column.WEIGHTED})
_LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignAbsolute | Qt.AlignmentFlag.AlignVCenter
_STATUS_NAMES = {DealStatus.OPEN: "Open", DealStatus.WON: "Won", DealStatus.LOST: "Lost"}


class _Texts(NamedTuple):
    texts: tuple[str, ...]
    rtl: tuple[bool, ...]
    scripts: tuple[str | None, ...]
    tooltip: str


class DealTableModel(QAbstractTableModel):
    """Rows are what `fetch(query)` returns; refresh() asks again, sort() asks in another order."""

    query_changed = Signal(object)  # the DealQuery now shown (a header click changes its sort)

    def __init__(self, fetch: Callable[[DealQuery], Sequence[DealRow]], stages: Callable[[], Sequence[Stage]],
                 zone: tzinfo, query: DealQuery = DealQuery(), parent: QObject | None = None,
                 paused: bool = False):  # fmt: skip
        super().__init__(parent)
        self._fetch = fetch
        self._stages = stages
        self._zone = zone
        self._query = query
        self._stage_names: dict[str, str] = {}
        self._idle: dict[str, int | None] = {}
        self._rows: list[DealRow] = []
        self._texts: dict[int, _Texts] = {}
        self.fetches = 0  # for tests: how often the service was asked
        self._paused = paused  # not on screen: a refresh waits until resume() (a hidden page reads nothing)
        self._pending = paused
        if not paused:
            self.refresh()

    def pause(self) -> None:
        self._paused = True

    def resume(self) -> None:
        self._paused = False
        if self._pending:
            self.refresh()

    # ---- the query ------------------------------------------------------------------------------

    @property
    def query(self) -> DealQuery:
        return self._query

    def set_query(self, query: DealQuery) -> None:
        if query != self._query:
            self._query = query
            self.refresh()
            self.query_changed.emit(query)

    def refresh(self) -> None:
        if self._paused:
            self._pending = True
            return
        self._pending = False
        self.beginResetModel()
        stages = self._stages()
        self._stage_names = {s.key: s.name for s in stages}
        self._idle = {s.key: s.idle_days for s in stages}
        self._rows = list(self._fetch(self._query))
        self._texts.clear()
        self.fetches += 1
        self.endResetModel()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if 0 <= column < len(COLUMNS):
            descending = order == Qt.SortOrder.DescendingOrder
            self.set_query(replace(self._query, sort=COLUMNS[column].sort, descending=descending))

    def sort_column(self) -> int:
        return next((i for i, c in enumerate(COLUMNS) if c.sort is self._query.sort), -1)

    # ---- rows ---------------------------------------------------------------------------------------

    def id_at(self, row: int) -> int | None:
        return self._rows[row].id if 0 <= row < len(self._rows) else None

    def row_of(self, deal_id: int) -> int | None:
        return next((i for i, r in enumerate(self._rows) if r.id == deal_id), None)

    def deal_at(self, row: int) -> DealRow | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    # ---- Qt model API -------------------------------------------------------------------------------

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(COLUMNS):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.tr(COLUMNS[section].title)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _RIGHT if COLUMNS[section] in _NUMBERS else _LEFT
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        deal = self._rows[index.row()]
        column = COLUMNS[index.column()]
        if role == ID_ROLE:
            return deal.id
        if role == Qt.ItemDataRole.ForegroundRole:
            return self._foreground(deal, column)
        if role == Qt.ItemDataRole.FontRole and column is Column.NEXT_STEP and deal.stale:
            font = QFont()
            font.setBold(True)
            return font
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.TextAlignmentRole,
                        RTL_ROLE, SCRIPT_ROLE):  # fmt: skip
            return None
        texts = self._texts.get(index.row())
        if texts is None:
            texts = self._texts[index.row()] = self._make_texts(deal)
        c = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return texts.texts[c]
        if role == Qt.ItemDataRole.ToolTipRole:
            return texts.tooltip if column in (Column.NEXT_STEP, Column.LAST_ACTIVITY) and texts.tooltip else None
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _RIGHT if texts.rtl[c] or column in _NUMBERS else _LEFT
        if role == RTL_ROLE:
            return texts.rtl[c]
        return texts.scripts[c]

    def _foreground(self, deal: DealRow, column: Column):
        if deal.stale and column in (Column.NEXT_STEP, Column.LAST_ACTIVITY):
            return QBrush(STALE_COLOR)
        if column is Column.NEXT_STEP and deal.no_next_step:
            return QBrush(MUTED_COLOR)
        return None

    def _make_texts(self, deal: DealRow) -> _Texts:
        values = {
            Column.TITLE: deal.title,
            Column.CONTACT: deal.who,
            Column.STAGE: self._stage_names.get(deal.stage, deal.stage),
            Column.VALUE: format_money(deal.value),
            Column.PROBABILITY: f"{deal.probability}%",
            Column.WEIGHTED: format_money(deal.weighted),
            Column.EXPECTED_CLOSE: deal.expected_close.isoformat() if deal.expected_close else "",
            Column.STATUS: self._status_text(deal),
            Column.NEXT_STEP: self._next_step_text(deal),
            Column.LAST_ACTIVITY: deal.last_activity.astimezone(self._zone).date().isoformat()
            if deal.last_activity else "",
        }
        texts = tuple(values[c] for c in COLUMNS)
        return _Texts(texts, tuple(is_rtl(t) for t in texts), tuple(script_of(t) for t in texts), self._tooltip(deal))

    def _status_text(self, deal: DealRow) -> str:
        name = self.tr(_STATUS_NAMES[deal.status])
        if deal.status is DealStatus.LOST and deal.lost_reason:
            return f"{name}: {deal.lost_reason}"
        if deal.closed_on and deal.status is not DealStatus.OPEN:
            return f"{name} {deal.closed_on.isoformat()}"
        return name

    def _next_step_text(self, deal: DealRow) -> str:
        if deal.next_step is not None:
            return when_text(deal.next_step, None, self._zone)
        if deal.stale:
            return self.tr("none — stale")
        return self.tr("none") if deal.no_next_step else ""

    def _tooltip(self, deal: DealRow) -> str:
        if deal.stale:
            days = self._idle.get(deal.stage)
            return self.tr("No activity for more than %1 days and no next step scheduled").replace("%1", str(days))
        if deal.no_next_step:
            return self.tr("No next step scheduled")
        return ""
