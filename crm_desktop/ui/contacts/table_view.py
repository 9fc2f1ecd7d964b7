"""The contact table widget shared by the Contacts and Trash sections, and its selection keeper."""

from __future__ import annotations

from PySide6.QtCore import QItemSelection, QItemSelectionModel, Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QLabel, QTableView, QWidget

from crm_desktop.ui.contacts.bidi import BidiItemDelegate
from crm_desktop.ui.contacts.table_model import ContactTableModel

COLUMN_WIDTHS = (220, 170, 140, 210, 110, 95, 85, 130, 125)

_SELECT_ROW = QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows


class ContactTable(QTableView):
    """The table of a lazy contact model: fixed row heights, whole-row selection, RTL-aware cells."""

    def __init__(self, model: ContactTableModel, name: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName(name)
        self.setModel(model)
        self.setItemDelegate(BidiItemDelegate(self))
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setShowGrid(False)
        self.setWordWrap(False)
        self.setAlternatingRowColors(True)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        rows = self.verticalHeader()
        rows.hide()
        # Fixed, uniform row heights: Qt never measures rows, so a million of them cost nothing.
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(int(self.fontMetrics().height() * 1.7))
        header = self.horizontalHeader()
        header.setSectionsMovable(True)
        header.setHighlightSections(False)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        for column, width in enumerate(COLUMN_WIDTHS):
            header.resizeSection(column, width)
        header.setStretchLastSection(True)

    def contact_model(self) -> ContactTableModel:
        return self.model()  # type: ignore[return-value]

    def selected_ids(self) -> list[int]:
        rows = sorted(index.row() for index in self.selectionModel().selectedRows())
        return self.contact_model().ids_at(rows)

    def current_id(self) -> int | None:
        current = self.selectionModel().currentIndex()
        return self.contact_model().id_at(current.row()) if current.isValid() else None

    def select_ids(self, ids: list[int], current: int | None = None) -> bool:
        """Select the rows of these ids (those still listed); returns whether any was found."""
        model = self.contact_model()
        rows = model.rows_of(ids + ([current] if current is not None else []))
        selection = QItemSelection()
        last = model.columnCount() - 1
        for contact_id in ids:
            if contact_id in rows:
                row = rows[contact_id]
                selection.select(model.index(row, 0), model.index(row, last))
        selection_model = self.selectionModel()
        current_row = rows.get(current) if current is not None else None
        if current_row is None and selection.indexes():
            current_row = min(index.row() for index in selection.indexes())
        if current_row is not None:
            selection_model.setCurrentIndex(model.index(current_row, 0), QItemSelectionModel.SelectionFlag.NoUpdate)
        selection_model.select(selection, QItemSelectionModel.SelectionFlag.ClearAndSelect)
        return not selection.isEmpty()

    def select_row(self, row: int) -> None:
        model = self.contact_model()
        index = model.index(row, 0)
        self.selectionModel().setCurrentIndex(index, _SELECT_ROW)
        self.scrollTo(index, QAbstractItemView.ScrollHint.PositionAtTop)


class SelectionKeeper:
    """Keeps the selected ids (and the scroll position) of a table across its model's resets."""

    def __init__(self, table: ContactTable):
        self._table = table
        self._saved: tuple[list[int], int | None, int] = ([], None, 0)
        model = table.contact_model()
        model.modelAboutToBeReset.connect(self._remember)
        model.modelReset.connect(self._restore)

    def _remember(self) -> None:
        table = self._table
        self._saved = (table.selected_ids(), table.current_id(), table.verticalScrollBar().value())

    def _restore(self) -> None:
        ids, current, scroll = self._saved
        self._table.verticalScrollBar().setValue(scroll)
        if ids:
            self._table.select_ids(ids, current)


def empty_label(name: str, parent: QWidget) -> QLabel:
    label = QLabel(parent)
    label.setObjectName(name)
    label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    label.setWordWrap(True)
    label.setEnabled(False)  # drawn in the palette's muted text colour
    return label
