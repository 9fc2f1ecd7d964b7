"""Lists of records: how they look (lay_out_as_record_rows), and a table whose model knows its rows by
record id (id_at(row), row_of(id)): the selected record, and selecting one by id (activities, deals)."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView

_WHOLE_ROW = QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
ROW_HEIGHT_IN_LINES = 1.7  # room for Urdu's tall line box on the row's Latin baseline


def lay_out_as_record_rows(table: QTableView, selection: QAbstractItemView.SelectionMode) -> None:
    """How every list of records looks and behaves: whole rows selected, nothing edited in place, one
    elided line per cell on alternating colours, no grid and no row numbers. Rows have one fixed
    height, so Qt never measures them: a million rows cost nothing."""
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(selection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setShowGrid(False)
    table.setWordWrap(False)
    table.setAlternatingRowColors(True)
    table.setTextElideMode(Qt.TextElideMode.ElideRight)
    rows = table.verticalHeader()
    rows.hide()
    rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    rows.setDefaultSectionSize(int(table.fontMetrics().height() * ROW_HEIGHT_IN_LINES))
    table.horizontalHeader().setHighlightSections(False)


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
