"""One board column's cards: a small list model over the DealRows of one stage, with its totals.

A drop changes two columns only: the moved row leaves one model and its fresh copy enters the other in
its sorted place (the same order the service's SQL gives), and both totals follow by one subtraction
and one addition per currency, without summing a column again.
"""

from __future__ import annotations

import bisect
from datetime import date

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt

from crm_desktop.domain.deal import DealStatus, Stage
from crm_desktop.domain.deal_query import DealRow
from crm_desktop.domain.money import Money

ROW_ROLE = Qt.ItemDataRole.UserRole + 10  # the DealRow
ID_ROLE = Qt.ItemDataRole.UserRole + 11
STALE_ROLE = Qt.ItemDataRole.UserRole + 12  # quiet longer than the stage allows, nothing scheduled
NO_NEXT_STEP_ROLE = Qt.ItemDataRole.UserRole + 13
OVERDUE_ROLE = Qt.ItemDataRole.UserRole + 14  # open, and its expected close has passed

Index = QModelIndex | QPersistentModelIndex


def open_order(row: DealRow) -> tuple:
    """Soonest expected close first, undated last (as the service's board query sorts)."""
    return (row.expected_close is None, row.expected_close or date.min, row.id)


def closed_order(row: DealRow) -> tuple:
    """Newest closed first."""
    return (row.closed_on is None, -(row.closed_on or date.min).toordinal(), -row.id)


class DealColumnModel(QAbstractListModel):
    def __init__(self, stage: Stage, today: date, parent=None):
        super().__init__(parent)
        self.stage = stage
        self.today = today
        self._rows: list[DealRow] = []
        self._keys: list[tuple] = []
        self._total: dict[str, int] = {}
        self._weighted: dict[str, int] = {}
        self._counts: dict[str, int] = {}  # cards per currency
        self._order = open_order if stage.closes_as is DealStatus.OPEN else closed_order

    # ---- Qt's model API -----------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return row.title
        if role == ROW_ROLE:
            return row
        if role == ID_ROLE:
            return row.id
        if role == STALE_ROLE:
            return row.stale
        if role == NO_NEXT_STEP_ROLE:
            return row.no_next_step
        if role == OVERDUE_ROLE:
            return self.overdue(row)
        if role == Qt.ItemDataRole.ToolTipRole:
            return "\n".join(part for part in (row.title, row.who) if part)
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    # ---- the cards ----------------------------------------------------------------------------

    def overdue(self, row: DealRow) -> bool:
        return row.status is DealStatus.OPEN and row.expected_close is not None and row.expected_close < self.today

    def set_rows(self, rows: list[DealRow], total: dict[str, Money], weighted: dict[str, Money], today: date) -> None:
        """The column as the service read it (already in the board's order)."""
        self.beginResetModel()
        self.today = today
        self._rows = list(rows)
        self._keys = [self._order(r) for r in self._rows]
        self._total = {c: m.minor for c, m in total.items()}
        self._weighted = {c: m.minor for c, m in weighted.items()}
        self._counts = {}
        for row in self._rows:
            self._counts[row.value.currency] = self._counts.get(row.value.currency, 0) + 1
        self.endResetModel()

    def row_of(self, deal_id: int) -> int:
        """The model row of a deal, -1 when it is not in this column."""
        for i, row in enumerate(self._rows):
            if row.id == deal_id:
                return i
        return -1

    def deal_at(self, position: int) -> DealRow:
        return self._rows[position]

    def take(self, deal_id: int) -> DealRow | None:
        """Remove a deal's card (it moved away); None when it is not here."""
        position = self.row_of(deal_id)
        if position < 0:
            return None
        self.beginRemoveRows(QModelIndex(), position, position)
        row = self._rows.pop(position)
        del self._keys[position]
        self.endRemoveRows()
        self._add(row, -1)
        return row

    def put(self, row: DealRow) -> int:
        """Insert a deal's card in its sorted place; returns its model row."""
        key = self._order(row)
        position = bisect.bisect_left(self._keys, key)
        self.beginInsertRows(QModelIndex(), position, position)
        self._rows.insert(position, row)
        self._keys.insert(position, key)
        self.endInsertRows()
        self._add(row, 1)
        return position

    def _add(self, row: DealRow, sign: int) -> None:
        currency = row.value.currency
        self._counts[currency] = self._counts.get(currency, 0) + sign
        if self._counts[currency] <= 0:  # the column's last deal in this currency left: no "₹0.00" line
            for held in (self._counts, self._total, self._weighted):
                held.pop(currency, None)
            return
        self._total[currency] = self._total.get(currency, 0) + sign * row.value.minor
        self._weighted[currency] = self._weighted.get(currency, 0) + sign * row.weighted.minor

    def totals(self) -> tuple[dict[str, Money], dict[str, Money]]:
        """(total, weighted) per currency, in the order the currencies came."""
        return ({c: Money(v, c) for c, v in self._total.items()},
                {c: Money(v, c) for c, v in self._weighted.items()})  # fmt: skip

    def rows(self) -> list[DealRow]:
        return list(self._rows)
