"""The forecast page: what the open deals are worth by expected close month (weighted, per currency,
never summed across currencies), and beside each stage's assumed probability what the owner's own
closed deals say.

matplotlib costs about half a second to import, so it is imported when this page is first shown, not
when the program starts; until then the page holds no chart at all.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, QLocale, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHeaderView,
    QLabel,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from crm_desktop.domain.deal import DealStatus, Stage
from crm_desktop.domain.forecast import MIN_CLOSED, MonthForecast, Observed
from crm_desktop.domain.money import Money, format_money, totals
from crm_desktop.services.workspace import Workspace
from crm_desktop.ui.bidi_delegate import BidiItemDelegate
from crm_desktop.ui.change_bridge import ChangeBridge
from crm_desktop.ui.refresh_on_change import RefreshOnChange
from crm_desktop.ui.contacts.bidi import RTL_ROLE, SCRIPT_ROLE
from crm_desktop.domain.scripts import is_rtl, script_of

MONTHS = 6
REFRESHING_ENTITIES = frozenset({"deal", "contact", "settings"})
CHART_ROW_HEIGHT = 190
_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignAbsolute | Qt.AlignmentFlag.AlignVCenter
_LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter


def _heading(text: str, name: str) -> QLabel:
    label = QLabel(text)
    label.setObjectName(name)
    font = label.font()
    font.setBold(True)
    font.setPointSizeF(font.pointSizeF() * 1.15)
    label.setFont(font)
    return label


def _table(name: str, columns: list[str]) -> QTableWidget:
    table = QTableWidget(0, len(columns))
    table.setObjectName(name)
    table.setHorizontalHeaderLabels(columns)
    table.setItemDelegate(BidiItemDelegate(table))
    table.verticalHeader().hide()
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
    table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    table.setShowGrid(False)
    table.setAlternatingRowColors(True)
    table.setWordWrap(False)
    table.horizontalHeader().setHighlightSections(False)
    return table


def _fit(table: QTableWidget, width_too: bool = False) -> None:
    """Size the table to its rows (and columns): no scroll bar, no empty space below the last row."""
    table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    frame = 2 * table.frameWidth()
    height = table.horizontalHeader().height() + sum(table.rowHeight(r) for r in range(table.rowCount()))
    table.setFixedHeight(height + frame)
    if width_too:
        table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        table.setFixedWidth(table.horizontalHeader().length() + frame)


def _item(text: str, align_right: bool = False) -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    rtl = is_rtl(text)
    item.setData(RTL_ROLE, rtl)
    item.setData(SCRIPT_ROLE, script_of(text))
    item.setTextAlignment(_RIGHT if rtl or align_right else _LEFT)
    return item


class ForecastView(QWidget):
    status_changed = Signal(str)

    def __init__(self, workspace: Workspace, bridge: ChangeBridge, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("forecastView")
        self.workspace = workspace
        self.months: list[MonthForecast] = []
        self.canvas = None  # FigureCanvasQTAgg, made when the page is first shown
        self.months_table = _table("forecastMonths", [self.tr("Month"), self.tr("Deals")])
        self.chart_box = QVBoxLayout()
        self.chart_box.setContentsMargins(0, 0, 0, 0)
        self.stages_table = _table("observedStages", [self.tr("Stage"), self.tr("What your closed deals say")])
        header = self.stages_table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(0, 160)
        header.setStretchLastSection(True)
        self.empty_hint = QLabel()
        self.empty_hint.setObjectName("forecastHint")
        self.empty_hint.setWordWrap(True)
        self.empty_hint.setEnabled(False)

        top = QVBoxLayout()  # the table, then the charts at the page's width (a chart per currency)
        top.addWidget(self.months_table, 0, Qt.AlignmentFlag.AlignLeft)
        top.addLayout(self.chart_box, 1)
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(10, 10, 10, 10)
        layout.addWidget(_heading(self.tr("Expected to close, weighted by probability"), "forecastHeading"))
        layout.addWidget(self.empty_hint)
        layout.addLayout(top)
        layout.addSpacing(12)
        layout.addWidget(_heading(self.tr("Your stages against your history"), "observedHeading"))
        layout.addWidget(self.stages_table)
        layout.addStretch(1)
        scroll = QScrollArea(self)  # several currencies' charts and many stages may not fit a small window
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(page)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)
        # Read when first shown, and again after a change.
        self._changes = RefreshOnChange(self, self.refresh, REFRESHING_ENTITIES, bridge, pending=True)

    # ---- reading --------------------------------------------------------------------------------------

    def refresh(self) -> None:
        self._changes.done()
        pipeline = self.workspace.pipeline
        self.months = pipeline.forecast(MONTHS)
        self._fill_months(self.months)
        self._fill_stages(pipeline.stages, pipeline.observed())
        self._draw_chart()
        count = sum(m.deals for m in self.months)
        self.status_changed.emit(self.tr("%1 open deals expected to close in the next %2 months")
                                 .replace("%1", QLocale().toString(count)).replace("%2", str(MONTHS)))  # fmt: skip

    def showEvent(self, event) -> None:
        self._changes.shown()
        super().showEvent(event)

    # ---- the months -------------------------------------------------------------------------------------

    def _fill_months(self, months: list[MonthForecast]) -> None:
        everything = totals(m for month in months for m in month.weighted.values())  # per currency
        codes = list(everything)
        table = self.months_table
        table.clear()
        table.setColumnCount(2 + len(codes))
        table.setHorizontalHeaderLabels([self.tr("Month"), *codes, self.tr("Deals")])
        table.setRowCount(len(months) + 1)
        muted = QBrush(self.palette().color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text))
        for row, month in enumerate(months):
            table.setItem(row, 0, _item(self._month_name(month.month)))
            for column, code in enumerate(codes, start=1):
                money = month.weighted.get(code)
                item = _item(format_money(money) if money else "—", align_right=True)
                if money is None:
                    item.setForeground(muted)
                table.setItem(row, column, item)
            table.setItem(row, len(codes) + 1, _item(QLocale().toString(month.deals), align_right=True))
        last = len(months)
        bold = QFont(table.font())
        bold.setBold(True)
        cells = [self.tr("Next %1 months").replace("%1", str(len(months))),
                 *(format_money(everything.get(code, Money(0, code))) for code in codes),
                 QLocale().toString(sum(m.deals for m in months))]  # fmt: skip
        for column, text in enumerate(cells):
            item = _item(text, align_right=column > 0)
            item.setFont(bold)
            table.setItem(last, column, item)
        table.resizeColumnsToContents()
        header = table.horizontalHeader()
        for column in range(1, table.columnCount()):
            header.resizeSection(column, max(header.sectionSize(column) + 16, 70))
        _fit(table, width_too=True)
        self.empty_hint.setText("" if codes else self.tr(
            "No open deal has an expected close date in the next six months. Give your deals a close date "
            "to see what should come in when."))  # fmt: skip
        self.empty_hint.setVisible(not codes)

    @staticmethod
    def _month_name(month: date) -> str:
        return QLocale().toString(QDate(month.year, month.month, 1), "MMMM yyyy")

    # ---- the stages ---------------------------------------------------------------------------------------

    def _fill_stages(self, stages: list[Stage], seen: dict[str, Observed]) -> None:
        table = self.stages_table
        open_stages = [s for s in stages if s.closes_as is DealStatus.OPEN]
        table.setRowCount(len(open_stages))
        for row, stage in enumerate(open_stages):
            table.setItem(row, 0, _item(stage.name))
            observed = seen.get(stage.key, Observed(0, None, None))
            item = _item(self.observed_text(stage, observed))
            if observed.win_rate is not None and abs(observed.win_rate - stage.probability) >= 10:
                item.setForeground(QBrush(QColor("#b26a00")))  # the assumption is off by ten points or more
                item.setToolTip(self.tr("Consider setting this stage's probability to %1% in Preferences > Pipeline.")
                                .replace("%1", str(observed.win_rate)))  # fmt: skip
            table.setItem(row, 1, item)
        _fit(table)

    def observed_text(self, stage: Stage, observed: Observed) -> str:
        assume = self.tr("You assume %1%").replace("%1", str(stage.probability))
        if observed.win_rate is None:
            return f"{assume} · " + self.tr("Not enough closed deals yet (%1 of %2)").replace(
                "%1", str(observed.closed)).replace("%2", str(MIN_CLOSED))  # fmt: skip
        history = self.tr("your history says %1% (%2 closed deals)").replace("%1", str(observed.win_rate)).replace(
            "%2", QLocale().toString(observed.closed))  # fmt: skip
        days = self.tr("median %1 days to close").replace("%1", str(observed.median_days))
        return f"{assume} · {history} · {days}"

    # ---- the chart ------------------------------------------------------------------------------------------

    def _draw_chart(self) -> None:
        # Imported here, on the first show: matplotlib is half a second of start-up otherwise.
        from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg
        from matplotlib.figure import Figure

        from crm_desktop.charts.forecast_chart import currencies, draw_forecast, grid_of

        if self.canvas is None:
            self.canvas = FigureCanvasQTAgg(Figure(layout="constrained"))
            self.canvas.setObjectName("forecastChart")
            self.chart_box.addWidget(self.canvas)
        palette = self.palette()
        figure = self.canvas.figure
        figure.set_facecolor(palette.color(QPalette.ColorRole.Window).name())
        draw_forecast(figure, self.months, text_color=palette.color(QPalette.ColorRole.WindowText).name(),
                      empty_text=self.tr("Nothing expected to close in these months"))  # fmt: skip
        _columns, rows = grid_of(len(currencies(self.months)))
        self.canvas.setMinimumHeight(40 + CHART_ROW_HEIGHT * rows)
        self.canvas.draw_idle()
