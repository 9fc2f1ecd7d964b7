"""Preferences > Pipeline: the stages (name, default probability, idle limit, order), the reasons a deal
can be lost, and the currency of new deals.

Saved together or not at all (PipelinePreferences.update): a refusal (a stage that still holds deals
removed, two stages with one name) is shown on the page and nothing is saved.
"""

from __future__ import annotations

from babel.numbers import get_currency_name, list_currencies
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from crm_desktop.domain.deal import DealStatus, Stage
from crm_desktop.domain.money import HOME_LOCALES
from crm_desktop.domain.validation import ValidationError
from crm_desktop.services.pipeline_preferences import new_stage_key
from crm_desktop.services.workspace import Workspace
from crm_desktop.ui.contacts.bidi import RTL_ROLE, SCRIPT_ROLE
from crm_desktop.ui.contacts.field_widgets import follow_text_direction
from crm_desktop.ui.bidi_delegate import BidiItemDelegate
from crm_desktop.ui.preferences import PreferencesPage, problem_label, text_lines
from crm_desktop.domain.scripts import is_rtl, script_of

NAME, PROBABILITY, IDLE, KIND = range(4)
KEY_ROLE = Qt.ItemDataRole.UserRole + 20
KIND_ROLE = Qt.ItemDataRole.UserRole + 21
_KIND_NAMES = {DealStatus.OPEN: "Open", DealStatus.WON: "Won (closes the deal)", DealStatus.LOST: "Lost (closes it)"}
_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignAbsolute | Qt.AlignmentFlag.AlignVCenter
_LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter


def _mark_direction(item: QTableWidgetItem) -> None:
    text = item.text()
    rtl = is_rtl(text)
    item.setData(RTL_ROLE, rtl)
    item.setData(SCRIPT_ROLE, script_of(text))
    item.setTextAlignment(_RIGHT if rtl else _LEFT)


class PipelinePage(PreferencesPage):
    def title(self) -> str:
        return self.tr("Pipeline")

    def __init__(self, workspace: Workspace, parent: QWidget | None = None):
        super().__init__(workspace, parent)
        self.setObjectName("pipelinePage")
        self.table = QTableWidget(0, 4)
        self.table.setObjectName("stagesTable")
        self.table.setHorizontalHeaderLabels([self.tr("Stage"), self.tr("Probability"), self.tr("Idle limit"),
                                              self.tr("Kind")])  # fmt: skip
        self.table.setItemDelegate(BidiItemDelegate(self.table))
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(NAME, QHeaderView.ResizeMode.Stretch)
        for column, width in ((PROBABILITY, 90), (IDLE, 110), (KIND, 150)):
            header.resizeSection(column, width)
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setMinimumHeight(220)
        self.table.itemChanged.connect(lambda item: _mark_direction(item) if item.column() == NAME else None)
        self.table.itemSelectionChanged.connect(self._update_buttons)

        self.add_button = self._button("addStage", self.tr("Add stage"), self.add_stage)
        self.remove_button = self._button("removeStage", self.tr("Remove"), self.remove_selected)
        self.up_button = self._button("moveStageUp", self.tr("Move up"), lambda: self.move_selected(-1))
        self.down_button = self._button("moveStageDown", self.tr("Move down"), lambda: self.move_selected(1))
        buttons = QHBoxLayout()
        for button in (self.add_button, self.remove_button, self.up_button, self.down_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        hint = QLabel(self.tr("A deal is marked stale when it has had no activity for longer than its stage's idle "
                              "limit and has no follow-up scheduled."))  # fmt: skip
        hint.setWordWrap(True)
        hint.setEnabled(False)

        self.reasons = QPlainTextEdit()
        self.reasons.setObjectName("lostReasonsEdit")
        self.reasons.setPlaceholderText(self.tr("One per line, e.g. price"))
        self.reasons.setFixedHeight(130)
        follow_text_direction(self.reasons)
        self.currency = QComboBox()
        self.currency.setObjectName("dealCurrencyCombo")
        self._fill_currencies()

        self.problems = {key: problem_label(f"{key}Problem") for key in ("stages", "lost_reasons", "deal_currency")}
        stages_box = QVBoxLayout()
        stages_box.addWidget(self.table)
        stages_box.addLayout(buttons)
        stages_box.addWidget(hint)
        stages_box.addWidget(self.problems["stages"])
        form = QFormLayout()
        form.addRow(self.tr("Stages:"), stages_box)
        form.addRow(self.tr("Lost reasons:"), self.reasons)
        form.addRow("", self.problems["lost_reasons"])
        form.addRow(self.tr("Currency of new deals:"), self.currency)
        form.addRow("", self.problems["deal_currency"])
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addStretch(1)

    def _button(self, name: str, text: str, slot) -> QPushButton:
        button = QPushButton(text)
        button.setObjectName(name)
        button.clicked.connect(slot)
        return button

    def _fill_currencies(self) -> None:
        common = list(HOME_LOCALES)
        for code in common:
            self.currency.addItem(f"{code} · {get_currency_name(code, locale='en')}", code)
        self.currency.insertSeparator(len(common))
        for code in sorted(set(list_currencies()) - set(common)):
            self.currency.addItem(f"{code} · {get_currency_name(code, locale='en')}", code)

    # ---- the stages table ------------------------------------------------------------------------------

    def _spin(self, low: int, high: int, value: int, enabled: bool) -> QSpinBox:
        spin = QSpinBox()
        spin.setRange(low, high)
        spin.setValue(value)
        spin.setEnabled(enabled)
        spin.setAlignment(Qt.AlignmentFlag.AlignRight)
        return spin

    def _set_row(self, row: int, stage: Stage) -> None:
        name = QTableWidgetItem(stage.name)
        name.setData(KEY_ROLE, stage.key)
        name.setData(KIND_ROLE, stage.closes_as.value)
        _mark_direction(name)
        self.table.setItem(row, NAME, name)
        is_open = stage.closes_as is DealStatus.OPEN
        chance = self._spin(0, 100, stage.probability, is_open)
        chance.setSuffix("%")
        self.table.setCellWidget(row, PROBABILITY, chance)
        idle = self._spin(0, 3650, stage.idle_days or 0, is_open)
        idle.setSpecialValueText(self.tr("none"))  # 0: never stale
        idle.setSuffix(self.tr(" days"))
        self.table.setCellWidget(row, IDLE, idle)
        kind = QTableWidgetItem(self.tr(_KIND_NAMES[stage.closes_as]))
        kind.setFlags(kind.flags() & ~Qt.ItemFlag.ItemIsEditable)
        self.table.setItem(row, KIND, kind)

    def set_stages(self, stages: list[Stage], select: int | None = None) -> None:
        blocked = self.table.blockSignals(True)
        self.table.setRowCount(0)
        self.table.setRowCount(len(stages))
        for row, stage in enumerate(stages):
            self._set_row(row, stage)
        self.table.blockSignals(blocked)
        if select is not None:
            self.table.selectRow(select)
        self._update_buttons()

    def stages(self) -> list[Stage]:
        found = []
        for row in range(self.table.rowCount()):
            name = self.table.item(row, NAME)
            idle = self.table.cellWidget(row, IDLE).value()
            found.append(Stage(name.data(KEY_ROLE), name.text(), self.table.cellWidget(row, PROBABILITY).value(),
                               idle or None, DealStatus(name.data(KIND_ROLE))))  # fmt: skip
        return found

    def selected_row(self) -> int | None:
        rows = {index.row() for index in self.table.selectedIndexes()}
        return rows.pop() if len(rows) == 1 else None

    def add_stage(self) -> None:
        """A new open stage after the selected open one, else before Won and Lost; its name ready to type."""
        stages = self.stages()
        row = self.selected_row()
        if row is None or stages[row].closes_as is not DealStatus.OPEN:
            opens = [i for i, s in enumerate(stages) if s.closes_as is DealStatus.OPEN]
            row = opens[-1] if opens else -1
        names = {s.name.strip().casefold() for s in stages}
        name, n = self.tr("New stage"), 2
        while name.casefold() in names:
            name, n = f"{self.tr('New stage')} {n}", n + 1
        before = stages[row] if row >= 0 else None
        stages.insert(row + 1, Stage(new_stage_key(), name, before.probability if before else 10, 14))
        self.set_stages(stages, row + 1)
        item = self.table.item(row + 1, NAME)
        self.table.setCurrentItem(item)
        self.table.editItem(item)

    def remove_selected(self) -> None:
        row = self.selected_row()
        stages = self.stages()
        if row is None or stages[row].closes_as is not DealStatus.OPEN:
            return
        del stages[row]
        self.set_stages(stages, min(row, len(stages) - 1))

    def move_selected(self, step: int) -> None:
        row = self.selected_row()
        stages = self.stages()
        if row is None or not 0 <= row + step < len(stages):
            return
        stages[row], stages[row + step] = stages[row + step], stages[row]
        self.set_stages(stages, row + step)

    def _update_buttons(self) -> None:
        row = self.selected_row()
        count = self.table.rowCount()
        closing = row is not None and self.table.item(row, NAME).data(KIND_ROLE) != DealStatus.OPEN.value
        self.remove_button.setEnabled(row is not None and not closing)
        self.remove_button.setToolTip(self.tr("Won and Lost close deals: every pipeline keeps them") if closing else "")
        self.up_button.setEnabled(row is not None and row > 0)
        self.down_button.setEnabled(row is not None and row < count - 1)

    # ---- load and save --------------------------------------------------------------------------------

    def load(self) -> None:
        prefs = self.workspace.pipeline_preferences
        self.set_stages(prefs.stages)
        self.reasons.setPlainText("\n".join(prefs.lost_reasons))
        code = prefs.currency
        if self.currency.findData(code) < 0:
            self.currency.addItem(code, code)
        self.currency.setCurrentIndex(self.currency.findData(code))
        self.show_problems({})

    def save(self) -> None:
        """Saves all or nothing; raises ValidationError (after showing why) when a value is refused."""
        prefs = self.workspace.pipeline_preferences
        wanted = {"stages": self.stages(), "lost_reasons": text_lines(self.reasons), "currency": self.currency.currentData()}
        changed = {name: value for name, value in wanted.items() if value != getattr(prefs, name)}
        try:
            if changed:  # an untouched page writes nothing and tells no view to refresh
                prefs.update(**changed)
        except ValidationError as exc:
            found: dict[str, list[str]] = {}
            for error in exc.errors:
                found.setdefault(error.field if error.field in self.problems else "stages", []).append(error.message)
            self.show_problems(found)
            raise
        self.show_problems({})

