"""The table widget of an activity list: fixed row heights, whole rows, each cell in its text's direction."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QWidget

from crm_desktop.ui.activities.model import ActivityTableModel, Column
from crm_desktop.ui.bidi_delegate import BidiItemDelegate
from crm_desktop.ui.id_table import IdRowsTable, lay_out_as_record_rows

WIDTHS = {Column.WHEN: 130, Column.KIND: 100, Column.CONTACT: 170, Column.SUBJECT: 260, Column.OUTCOME: 110,
          Column.DIRECTION: 85, Column.STATE: 80, Column.RESULT: 95}  # fmt: skip
COMPACT_WIDTHS = {Column.WHEN: 118, Column.KIND: 82}  # beside the card, where every pixel counts


class ActivityTable(IdRowsTable):
    def __init__(self, model: ActivityTableModel, name: str, parent: QWidget | None = None, compact: bool = False):
        super().__init__(parent)
        self.setObjectName(name)
        self.setModel(model)
        self.setItemDelegate(BidiItemDelegate(self))
        lay_out_as_record_rows(self, QAbstractItemView.SelectionMode.SingleSelection)
        header = self.horizontalHeader()
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        widths = {**WIDTHS, **COMPACT_WIDTHS} if compact else WIDTHS
        for section, column in enumerate(model.columns):
            header.resizeSection(section, widths[column])
        header.setStretchLastSection(False)
        if Column.SUBJECT in model.columns:
            header.setSectionResizeMode(model.columns.index(Column.SUBJECT), QHeaderView.ResizeMode.Stretch)

    def activity_model(self) -> ActivityTableModel:
        return self.model()  # type: ignore[return-value]


class KeepSelection:
    """Keeps the selected activity (by id) across the model's resets."""

    def __init__(self, table: ActivityTable):
        self._table = table
        self._kept: int | None = None
        model = table.activity_model()
        model.modelAboutToBeReset.connect(self._remember)
        model.modelReset.connect(lambda: table.select_id(self._kept))

    def _remember(self) -> None:
        self._kept = self._table.current_id()
