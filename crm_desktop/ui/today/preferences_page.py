"""Preferences > Follow-ups: activity kinds and outcomes, customer care rules, don't pester, birthdays, tray.

Everything is saved together or not at all (FollowUpPreferences.update); a refused value is marked beside
its field and the dialog stays open.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
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

from crm_desktop.domain.care import CareRule, PesterRule, RuleTarget
from crm_desktop.domain.validation import ValidationError
from crm_desktop.services.workspace import Workspace
from crm_desktop.ui.preferences import PreferencesPage, problem_label, text_lines

TARGET, VALUE, IDEAL, MAXIMUM = range(4)


class FollowUpsPage(PreferencesPage):
    def title(self) -> str:
        return self.tr("Follow-ups")

    def __init__(self, workspace: Workspace, parent: QWidget | None = None):
        super().__init__(workspace, parent)
        self.setObjectName("followUpsPage")
        self.kinds = QPlainTextEdit()
        self.kinds.setObjectName("extraKindsEdit")
        self.kinds.setPlaceholderText(self.tr("One per line, e.g. visit, WhatsApp"))
        self.kinds.setFixedHeight(64)
        self.outcomes = QPlainTextEdit()
        self.outcomes.setObjectName("outcomesEdit")
        self.outcomes.setFixedHeight(96)

        self.rules = QTableWidget(0, 4)
        self.rules.setObjectName("careRulesTable")
        self.rules.setHorizontalHeaderLabels([self.tr("For"), self.tr("Tag or relationship"),
                                              self.tr("Ideal days"), self.tr("At most days")])
        self.rules.horizontalHeader().setSectionResizeMode(VALUE, QHeaderView.ResizeMode.Stretch)
        self.rules.verticalHeader().hide()
        self.rules.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.rules.setMinimumHeight(120)
        add = QPushButton(self.tr("Add rule"))
        add.setObjectName("addCareRule")
        add.clicked.connect(lambda: self.add_rule(CareRule(RuleTarget.TAG, "", 30, 45)))
        remove = QPushButton(self.tr("Remove rule"))
        remove.setObjectName("removeCareRule")
        remove.clicked.connect(self.remove_selected_rules)
        rule_buttons = QHBoxLayout()
        rule_buttons.addWidget(add)
        rule_buttons.addWidget(remove)
        rule_buttons.addStretch(1)

        self.pester_on = QCheckBox(self.tr("Warn before contacting someone"))
        self.pester_on.setObjectName("pesterEnabled")
        self.pester_times = self._spin("pesterTimes", 1, 100)
        self.pester_days = self._spin("pesterDays", 1, 365)
        pester = QHBoxLayout()
        pester.addWidget(self.pester_on)
        pester.addWidget(self.pester_times)
        pester.addWidget(QLabel(self.tr("times in")))
        pester.addWidget(self.pester_days)
        pester.addWidget(QLabel(self.tr("days")))
        pester.addStretch(1)
        self.pester_on.toggled.connect(self.pester_times.setEnabled)
        self.pester_on.toggled.connect(self.pester_days.setEnabled)

        self.birthday_days = self._spin("birthdayLeadDays", 0, 60)
        self.birthday_days.setSuffix(self.tr(" days before"))
        self.birthday_days.setMaximumWidth(180)
        self.keep_in_tray = QCheckBox(self.tr("Keep reminders running in the tray when the window closes"))
        self.keep_in_tray.setObjectName("keepInTray")

        self.problems = {key: problem_label(f"{key}Problem") for key in
                         ("activity_kinds", "activity_outcomes", "care_rules", "pester_rule", "birthday_lead_days")}
        form = QFormLayout()
        form.addRow(self.tr("More activity kinds:"), self.kinds)
        form.addRow("", self.problems["activity_kinds"])
        form.addRow(self.tr("Outcomes:"), self.outcomes)
        form.addRow("", self.problems["activity_outcomes"])
        rules_box = QVBoxLayout()
        rules_box.addWidget(self.rules)
        rules_box.addLayout(rule_buttons)
        rules_box.addWidget(self.problems["care_rules"])
        form.addRow(self.tr("Going cold:"), rules_box)
        form.addRow(self.tr("Don't pester:"), pester)
        form.addRow("", self.problems["pester_rule"])
        form.addRow(self.tr("Birthday reminder:"), self.birthday_days)
        form.addRow("", self.problems["birthday_lead_days"])
        form.addRow("", self.keep_in_tray)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addStretch(1)

    @staticmethod
    def _spin(name: str, low: int, high: int) -> QSpinBox:
        spin = QSpinBox()
        spin.setObjectName(name)
        spin.setRange(low, high)
        return spin

    # ---- the rules table --------------------------------------------------------------------------

    def add_rule(self, rule: CareRule) -> None:
        row = self.rules.rowCount()
        self.rules.insertRow(row)
        target = QComboBox()
        target.addItem(self.tr("Tag"), RuleTarget.TAG.value)
        target.addItem(self.tr("Relationship"), RuleTarget.RELATIONSHIP.value)
        target.setCurrentIndex(target.findData(rule.target.value))
        self.rules.setCellWidget(row, TARGET, target)
        self.rules.setItem(row, VALUE, QTableWidgetItem(rule.value))
        for column, days in ((IDEAL, rule.ideal_days), (MAXIMUM, rule.max_days)):
            spin = self._spin("", 1, 3650)
            spin.setValue(days)
            self.rules.setCellWidget(row, column, spin)

    def remove_selected_rules(self) -> None:
        for row in sorted({index.row() for index in self.rules.selectedIndexes()}, reverse=True):
            self.rules.removeRow(row)

    def care_rules(self) -> list[CareRule]:
        rules = []
        for row in range(self.rules.rowCount()):
            item = self.rules.item(row, VALUE)
            rules.append(CareRule(RuleTarget(self.rules.cellWidget(row, TARGET).currentData()),
                                  item.text() if item is not None else "",
                                  self.rules.cellWidget(row, IDEAL).value(),
                                  self.rules.cellWidget(row, MAXIMUM).value()))  # fmt: skip
        return rules

    # ---- load and save ----------------------------------------------------------------------------

    def load(self) -> None:
        prefs = self.workspace.follow_up_preferences
        self.kinds.setPlainText("\n".join(prefs.extra_kinds))
        self.outcomes.setPlainText("\n".join(prefs.outcomes))
        self.rules.setRowCount(0)
        for rule in prefs.care_rules:
            self.add_rule(rule)
        pester = prefs.pester_rule
        self.pester_on.setChecked(pester.enabled)
        self.pester_times.setValue(pester.times)
        self.pester_days.setValue(pester.days)
        self.pester_times.setEnabled(pester.enabled)
        self.pester_days.setEnabled(pester.enabled)
        self.birthday_days.setValue(prefs.birthday_lead_days)
        self.keep_in_tray.setChecked(prefs.keep_running_in_tray)
        self.show_problems({})

    def save(self) -> None:
        """Saves all or nothing; raises ValidationError (after marking the fields) when a value is refused."""
        try:
            self.workspace.follow_up_preferences.update(
                extra_kinds=text_lines(self.kinds),
                outcomes=text_lines(self.outcomes),
                care_rules=self.care_rules(),
                pester_rule=PesterRule(self.pester_times.value(), self.pester_days.value(), self.pester_on.isChecked()),
                birthday_lead_days=self.birthday_days.value(),
                keep_running_in_tray=self.keep_in_tray.isChecked(),
            )
        except ValidationError as exc:
            found: dict[str, list[str]] = {}
            for error in exc.errors:
                key = error.field.split("[")[0]
                row = error.field[len(key):].strip("[]")
                message = self.tr("Rule {0}: {1}").format(int(row) + 1, error.message) if row else error.message
                found.setdefault(key, []).append(message)
            self.show_problems(found)
            raise
        self.show_problems({})

