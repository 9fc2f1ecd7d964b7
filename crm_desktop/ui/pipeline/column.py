"""One board column: its header (stage, count, total and weighted value per currency) over a list of cards."""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import (QAbstractItemView, QFrame, QHeaderView, QLabel, QSizePolicy, QTableView, QVBoxLayout,
                               QWidget)

from crm_desktop.domain.clock import Clock, local_now
from crm_desktop.domain.deal import DealStatus, Stage
from crm_desktop.domain.money import Money
from crm_desktop.ui.pipeline.card_delegate import DealCardDelegate, money_text
from crm_desktop.ui.pipeline.column_model import DealColumnModel
from crm_desktop.ui.plural import counted
from crm_desktop.domain.scripts import is_rtl

MIN_WIDTH = 210


def money_line(amounts: dict[str, Money]) -> str:
    """Each currency on its own, never summed into another: "₹12,34,567.00 · $3,400.00"."""
    return " · ".join(money_text(m.minor, m.currency) for m in amounts.values())


class BoardColumn(QFrame):
    def __init__(self, stage: Stage, clock: Clock, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName(f"pipelineColumn_{stage.key}")
        self.stage = stage
        self._target = False
        self.model = DealColumnModel(stage, local_now(clock).date(), self)

        self.title = QLabel(self)
        self.title.setObjectName("columnTitle")
        font = self.title.font()
        font.setBold(True)
        self.title.setFont(font)
        self.total = self._label("columnTotal")
        self.weighted = self._label("columnWeighted")
        self.header = QWidget(self)
        header = QVBoxLayout(self.header)
        header.setContentsMargins(8, 6, 8, 4)
        header.setSpacing(1)
        for label in (self.title, self.total, self.weighted):
            header.addWidget(label)
        header.addStretch(1)

        # A one-column table rather than a QListView: a list view lays every item out (a call into the
        # model per card, thousands per drop), a table with fixed row heights places rows by arithmetic.
        self.view = QTableView(self)
        self.view.setObjectName(f"pipelineCards_{stage.key}")
        self.view.setModel(self.model)
        delegate = DealCardDelegate(clock, self.view)
        self.view.setItemDelegate(delegate)
        for header in (self.view.horizontalHeader(), self.view.verticalHeader()):
            header.hide()
        self.view.horizontalHeader().setStretchLastSection(True)
        rows = self.view.verticalHeader()
        rows.setMinimumSectionSize(1)
        rows.setDefaultSectionSize(delegate.card_height)
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)  # every card the same height
        self.view.setShowGrid(False)
        self.view.setWordWrap(False)
        self.view.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.view.verticalScrollBar().setSingleStep(24)
        self.view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setDragEnabled(False)  # ui/pipeline/drag.py moves cards within the window
        self.view.setFrameShape(QFrame.Shape.NoFrame)
        self.view.viewport().setAutoFillBackground(False)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(3, 3, 3, 3)
        layout.setSpacing(0)
        layout.addWidget(self.header)
        layout.addWidget(self.view, 1)
        self.setMinimumWidth(MIN_WIDTH)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, False)

    def _label(self, name: str) -> QLabel:
        label = QLabel(self)
        label.setObjectName(name)
        label.setWordWrap(True)
        label.setTextFormat(Qt.TextFormat.PlainText)
        return label

    @property
    def closing(self) -> bool:
        return self.stage.closes_as is not DealStatus.OPEN

    def update_header(self) -> None:
        rows = self.model.rowCount()
        name = self.stage.name
        self.title.setText(f"{name}  ·  {counted('BoardColumn', '%n deal', '%n deals', rows)}")
        self.title.setAlignment(Qt.AlignmentFlag.AlignRight if is_rtl(name) else Qt.AlignmentFlag.AlignLeft)
        if self.closing:
            self.title.setToolTip(self.tr("Closed in the last 30 days"))
        total, weighted = self.model.totals()
        self.total.setText(money_line(total) or "—")
        # Won and Lost are certain: their weighted value says nothing more than the total.
        self.weighted.setVisible(not self.closing)
        self.weighted.setText(self.tr("Weighted %1").replace("%1", money_line(weighted) or "—"))

    def header_text(self) -> str:
        """What the header says, as one line (for tests and the accessible name)."""
        parts = [self.title.text(), self.total.text()] + ([] if self.closing else [self.weighted.text()])
        return " | ".join(parts)

    def set_drop_target(self, on: bool) -> None:
        if on != self._target:
            self._target = on
            self.update()

    def is_drop_target(self) -> bool:
        return self._target

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        window = palette.color(QPalette.ColorRole.Window)
        shade = window.darker(106) if window.lightness() > 128 else window.lighter(130)
        rect = QRectF(self.rect()).adjusted(1, 1, -1, -1)
        if self._target:
            highlight = QColor(palette.color(QPalette.ColorRole.Highlight))
            fill = QColor(highlight)
            fill.setAlpha(40)
            painter.setBrush(fill)
            painter.setPen(QPen(highlight, 2))
        else:
            painter.setBrush(shade)
            painter.setPen(Qt.PenStyle.NoPen)
        painter.drawRoundedRect(rect, 6, 6)
