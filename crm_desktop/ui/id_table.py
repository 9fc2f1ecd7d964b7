"""A table whose model knows its rows by record id (id_at(row), row_of(id)): the selected record, and
selecting one by id, for every list of records (activities, deals)."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel
from PySide6.QtWidgets import QTableView

_WHOLE_ROW = QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows


class IdRowsTable(QTableView):
    def current_id(self) -> int | None:
        """The id of the current row while it is selected (None when nothing is)."""
        current = self.selectionModel().currentIndex()
        if not current.isValid() or not self.selectionModel().isRowSelected(current.row()):
            return None
        return self.model().id_at(current.row())

    def select_id(self, record_id: int | None) -> bool:
        row = self.model().row_of(record_id) if record_id is not None else None
        if row is None:
            return False
        self.select_row(row)
        return True

    def select_row(self, row: int) -> None:
        self.selectionModel().setCurrentIndex(self.model().index(row, 0), _WHOLE_ROW)
