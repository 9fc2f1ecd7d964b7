"""The Pipeline's filter bar: text, tag, expected close month and a value range in the owner's currency."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, QLocale, QTimer, Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QLineEdit, QWidget

from crm_desktop.domain.clock import local_now
from crm_desktop.domain.deal_query import DealQuery
from crm_desktop.domain.forecast import add_months
from crm_desktop.domain.money import Money
from crm_desktop.services.workspace import Workspace
from crm_desktop.ui.contacts.field_widgets import ERROR_STYLE, search_field

SEARCH_DELAY_MS = 150
MONTHS_AHEAD = 12  # this month and the next 11


class PipelineFilters(QWidget):
    """Emits `changed` when the query changes (typing after a short pause). A value that is not an
    amount is marked beside its field and left out of the query until it is corrected."""

    changed = Signal()

    def __init__(self, workspace: Workspace, parent: QWidget | None = None):
        super().__init__(parent)
        self.workspace = workspace
        self.setStyleSheet(ERROR_STYLE)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SEARCH_DELAY_MS)
        self._timer.timeout.connect(self.changed)

        self.search = search_field("pipelineSearch", self.tr("Search deals, contacts, tags"), self)
        self.search.textChanged.connect(lambda *_: self._timer.start())
        self.search.returnPressed.connect(self.apply_now)

        self.tag = QComboBox(self)
        self.tag.setObjectName("pipelineTagFilter")
        self.tag.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.month = QComboBox(self)
        self.month.setObjectName("pipelineMonthFilter")
        self.reload_choices()
        self.tag.currentIndexChanged.connect(lambda *_: self.changed.emit())
        self.month.currentIndexChanged.connect(lambda *_: self.changed.emit())

        currency = workspace.pipeline_preferences.currency
        self.min_value = self._amount("pipelineMinValue", self.tr("Min %1").replace("%1", currency))
        self.max_value = self._amount("pipelineMaxValue", self.tr("Max %1").replace("%1", currency))
        self.value_error = QLabel(self)
        self.value_error.setObjectName("pipelineValueError")
        self.value_error.setProperty("role", "fieldError")
        self.value_error.hide()

        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.search, 3)
        for widget in (self.tag, self.month, self.min_value, self.max_value):
            layout.addWidget(widget)
        layout.addWidget(self.value_error, 1)

    def _amount(self, name: str, placeholder: str) -> QLineEdit:
        edit = QLineEdit(self)
        edit.setObjectName(name)
        edit.setPlaceholderText(placeholder)
        edit.setClearButtonEnabled(True)
        edit.setMaximumWidth(130)
        edit.textChanged.connect(lambda *_: self._timer.start())
        edit.returnPressed.connect(self.apply_now)
        return edit

    def reload_choices(self) -> None:
        """The tags in use now and the months from this one (kept chosen if still offered)."""
        for combo in (self.tag, self.month):
            combo.blockSignals(True)
        chosen_tag, chosen_month = self.tag.currentData(), self.month.currentData()
        self.tag.clear()
        self.tag.addItem(self.tr("Any tag"), "")
        for tag in self.workspace.pipeline.tags():
            self.tag.addItem(tag, tag)
        self.month.clear()
        self.month.addItem(self.tr("Any close month"), None)
        first = local_now(self.workspace.clock).date().replace(day=1)
        for i in range(MONTHS_AHEAD):
            month = add_months(first, i)
            # ISO text as the item's data: Qt compares it in findData, which a Python date it cannot
            self.month.addItem(QLocale().toString(QDate(month.year, month.month, 1), "MMMM yyyy"), month.isoformat())
        for combo, chosen in ((self.tag, chosen_tag), (self.month, chosen_month)):
            found = combo.findData(chosen) if chosen else -1
            combo.setCurrentIndex(max(found, 0))
            combo.blockSignals(False)

    # ---- the query ----------------------------------------------------------------------------

    def query(self) -> DealQuery:
        low, high, problem = self._range()
        self.value_error.setText(problem)
        self.value_error.setVisible(bool(problem))
        chosen = self.month.currentData()
        month: date | None = date.fromisoformat(chosen) if chosen else None
        return DealQuery(text=self.search.text(), tag=self.tag.currentData() or "", close_month=month,
                         min_value=low, max_value=high)  # fmt: skip

    def _range(self) -> tuple[Money | None, Money | None, str]:
        currency = self.workspace.pipeline_preferences.currency
        found: list[Money | None] = []
        problems = []
        for edit in (self.min_value, self.max_value):
            text = edit.text().strip()
            amount, problem = None, ""
            if text:
                try:
                    amount = Money.parse(text, currency)
                except ValueError as exc:
                    problem = str(exc)
            self._mark(edit, bool(problem))
            problems.append(problem)
            found.append(amount)
        low, high = found
        if low is not None and high is not None and low.minor > high.minor:
            self._mark(self.max_value, True)
            return None, None, self.tr("The minimum is above the maximum.")
        message = " ".join(p for p in problems if p)
        return (None if problems[0] else low), (None if problems[1] else high), message

    @staticmethod
    def _mark(edit: QLineEdit, invalid: bool) -> None:
        if bool(edit.property("invalid")) != invalid:
            edit.setProperty("invalid", invalid)
            edit.style().unpolish(edit)
            edit.style().polish(edit)

    def apply_now(self) -> None:
        self._timer.stop()
        self.changed.emit()

    def stop(self) -> None:
        self._timer.stop()
