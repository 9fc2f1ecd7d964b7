"""The contact table widget shared by the Contacts and Trash sections, and its selection keeper."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QEvent, QItemSelection, QItemSelectionModel, QModelIndex, QPoint, Qt
from PySide6.QtGui import QAction, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QLabel,
    QMenu,
    QProxyStyle,
    QStyle,
    QStyleOption,
    QTableView,
    QWidget,
)

from crm_desktop.ui.contacts.cell_painter import MARGIN, CellPainter
from crm_desktop.ui.contacts.table_model import COLUMNS, NAME_COLUMN, ContactTableModel
from crm_desktop.ui.id_table import lay_out_as_record_rows

# First-start widths (the user's own are remembered); the last visible column takes the rest.
COLUMN_WIDTHS = (200, 160, 130, 200, 110, 95, 80, 120, 110, 110, 120)
MIN_COLUMN_WIDTH = 60
# A bigger selection (Ctrl+A on a long list) is not read id by id: across a refresh it is kept as "every row"
# (or as the current row alone), and the card follows the current row without reading the rest.
KEPT_BY_ID = 10_000
class _HeaderInLine(QProxyStyle):
    """The application's style, with column titles starting where the cells' text does. Only the header
    uses it: it is asked once per section, not once per cell."""

    def pixelMetric(self, metric: QStyle.PixelMetric, option: QStyleOption | None = None,
                    widget: QWidget | None = None) -> int:  # fmt: skip
        if metric == QStyle.PixelMetric.PM_HeaderMargin:
            return MARGIN
        return super().pixelMetric(metric, option, widget)


_SELECT_ROW = QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows


class ContactTable(QTableView):
    """The table of a lazy contact model: fixed row heights, whole-row selection, RTL-aware cells."""

    def __init__(self, model: ContactTableModel, name: str, parent: QWidget | None = None,
                 hidden: Iterable[int] = ()):
        super().__init__(parent)
        self.setObjectName(name)
        self.setModel(model)
        # Each cell's text is laid out once and drawn from a cache (cell_painter.py): at each keystroke
        # Qt's own delegate laid every cell out again, several times, asking the model seven roles.
        self._painter = CellPainter(model, self)
        self.setItemDelegate(self._painter)
        lay_out_as_record_rows(self, QAbstractItemView.SelectionMode.ExtendedSelection)
        header = self.horizontalHeader()
        self._header_style = _HeaderInLine()
        self._header_style.setParent(self)
        header.setStyle(self._header_style)
        header.setSectionsMovable(True)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        for column, width in enumerate(COLUMN_WIDTHS):
            header.resizeSection(column, width)
        for column in hidden:
            header.hideSection(column)
        header.setStretchLastSection(True)
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header.customContextMenuRequested.connect(self._column_menu)
        self.columns_fitted = False  # True once fitted to the first width, or restored from the user's

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.PaletteChange, QEvent.Type.StyleChange):
            self._painter.refresh()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if not self.columns_fitted and self.isVisible():
            self.columns_fitted = True
            self.fit_columns(self.viewport().width())

    def fit_columns(self, width: int) -> None:
        """First start: narrow the visible columns in proportion until they fit the width (no
        horizontal scrolling); the last one takes what is left."""
        header = self.horizontalHeader()
        visible = [c for c in range(header.count()) if not header.isSectionHidden(c)]
        total = sum(COLUMN_WIDTHS[c] for c in visible)
        if width <= 0 or total <= width:
            return
        for column in visible:
            header.resizeSection(column, max(MIN_COLUMN_WIDTH, COLUMN_WIDTHS[column] * width // total))

    def column_menu(self) -> QMenu:
        """A checkable item per column (all but the name) that shows or hides it."""
        header = self.horizontalHeader()
        menu = QMenu(self)
        menu.setObjectName("columnMenu")
        for column, spec in enumerate(COLUMNS):
            action = QAction(self.model().headerData(column, Qt.Orientation.Horizontal) or spec.title, menu)
            action.setCheckable(True)
            action.setChecked(not header.isSectionHidden(column))
            action.setEnabled(column != NAME_COLUMN)
            action.toggled.connect(lambda shown, c=column: self.show_column(c, shown))
            menu.addAction(action)
        return menu

    def show_column(self, column: int, shown: bool) -> None:
        header = self.horizontalHeader()
        header.setSectionHidden(column, not shown)
        if shown and header.sectionSize(column) < header.minimumSectionSize() * 2:
            header.resizeSection(column, COLUMN_WIDTHS[column])

    def _column_menu(self, position: QPoint) -> None:
        menu = self.column_menu()
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        menu.popup(self.horizontalHeader().mapToGlobal(position))

    def contact_model(self) -> ContactTableModel:
        return self.model()  # type: ignore[return-value]

    def selected_ids(self) -> list[int]:
        rows = sorted(index.row() for index in self.selectionModel().selectedRows())
        return self.contact_model().ids_at(rows)

    def current_id(self) -> int | None:
        current = self.selectionModel().currentIndex()
        return self.contact_model().id_at(current.row()) if current.isValid() else None

    def selected_row_count(self) -> int:
        return sum(r.height() for r in self.selectionModel().selection())

    def all_selected(self) -> bool:
        rows = self.contact_model().rowCount()
        return rows > 0 and self.selected_row_count() >= rows

    def focused_id(self) -> int | None:
        """The selected card to show: the current row if it is selected, else the first selected row."""
        selection_model = self.selectionModel()
        current = selection_model.currentIndex()
        if current.isValid() and selection_model.isRowSelected(current.row(), QModelIndex()):
            return self.contact_model().id_at(current.row())
        first = min((r.top() for r in selection_model.selection()), default=None)
        return None if first is None else self.contact_model().id_at(first)

    def select_all_rows(self, current: int | None) -> None:
        self.selectAll()
        row = self.contact_model().row_of(current) if current is not None else None
        if row is not None:
            index = self.contact_model().index(row, 0)
            self.selectionModel().setCurrentIndex(index, QItemSelectionModel.SelectionFlag.NoUpdate)

    def select_ids(self, ids: list[int], current: int | None = None) -> int:
        """Select the rows of these ids (those still listed); returns how many were found."""
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
        # Select first, then move the current row: a current row beside an empty selection would tell the
        # card to show nothing (and ask about unsaved edits) in the middle of restoring the list.
        selection_model.select(selection, QItemSelectionModel.SelectionFlag.ClearAndSelect)
        if current_row is not None:
            selection_model.setCurrentIndex(model.index(current_row, 0), QItemSelectionModel.SelectionFlag.NoUpdate)
        return sum(1 for contact_id in ids if contact_id in rows)

    def select_row(self, row: int) -> None:
        model = self.contact_model()
        index = model.index(row, 0)
        self.selectionModel().setCurrentIndex(index, _SELECT_ROW)
        self.scrollTo(index, QAbstractItemView.ScrollHint.PositionAtTop)


class SelectionKeeper:
    """Keeps the selected ids (and the scroll position) of a table across its model's resets.

    A long list starts with a provisional length: rows beyond it are not there yet. Whatever could not
    be restored is restored again when the real length arrives, unless the user moved on meanwhile.
    """

    def __init__(self, table: ContactTable):
        self._table = table
        self._saved: tuple[list[int] | None, int | None, int] = ([], None, 0)  # ids None: every row
        self._pending = False  # the saved state still waits for rows that are not there yet
        self._restoring = False
        model = table.contact_model()
        model.modelAboutToBeReset.connect(self._remember)
        model.modelReset.connect(self._restore)
        model.length_settled.connect(self._restore_pending)
        table.selectionModel().selectionChanged.connect(self._user_moved_on)
        table.verticalScrollBar().valueChanged.connect(self._user_moved_on)

    def _remember(self) -> None:
        if self._pending:
            return  # the list changed again before the rows came: the state to restore is still the old one
        table = self._table
        if table.selected_row_count() <= KEPT_BY_ID:
            ids: list[int] | None = table.selected_ids()
        else:
            ids = None if table.all_selected() else []
        self._saved = (ids, table.current_id(), table.verticalScrollBar().value())

    def _restore(self) -> None:
        ids, current, scroll = self._saved
        table = self._table
        self._restoring = True
        try:
            table.doItemsLayout()  # the scroll range of the new row count now, not at the next paint
            bar = table.verticalScrollBar()
            bar.setValue(scroll)
            if ids is None:
                table.select_all_rows(current)
                found_all = not table.contact_model().length_is_provisional()
            elif ids:
                found_all = table.select_ids(ids, current) == len(set(ids))
            else:
                found_all = True
            complete = bar.value() == scroll and found_all
        finally:
            self._restoring = False
        self._pending = not complete and table.contact_model().length_is_provisional()

    def _restore_pending(self) -> None:
        if self._pending:
            self._restore()

    def _user_moved_on(self, *_args) -> None:
        if not self._restoring:
            self._pending = False


def empty_label(name: str, parent: QWidget) -> QLabel:
    label = QLabel(parent)
    label.setObjectName(name)
    label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    label.setWordWrap(True)
    label.setEnabled(False)  # drawn in the palette's muted text colour
    return label
