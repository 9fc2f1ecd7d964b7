"""The left side of the Labels dialog: which sheet, who gets a label, how the labels read, and the
printer offset. It only collects choices; `changed` tells the dialog to plan again."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (QButtonGroup, QCheckBox, QComboBox, QDoubleSpinBox, QFormLayout, QGridLayout,
                               QGroupBox, QHBoxLayout, QLabel, QPushButton, QRadioButton, QSpinBox, QVBoxLayout,
                               QWidget)  # fmt: skip

from crm_desktop.domain.contact_query import ContactQuery
from crm_desktop.services.labels import MAX_OFFSET, LabelOptions, LabelSort, Recipients
from crm_desktop.ui.plural import counted

LIST, SELECTION, TAG, EVERYONE = "list", "selection", "tag", "everyone"
TEMPLATE_ROLE = Qt.ItemDataRole.UserRole + 1  # the LabelTemplate itself (the item's data is its key)


def _tr(text: str) -> str:
    return QCoreApplication.translate("LabelChoices", text)


def describe_query(query: ContactQuery) -> str:
    """The contact list's search and filters in a few words, for the recipients choice."""
    parts = []
    if query.text.strip():
        parts.append(_tr("search '{0}'").format(query.text.strip()))
    if query.tag:
        parts.append(_tr("tag {0}").format(query.tag))
    if query.relationship:
        parts.append(_tr("relationship {0}").format(query.relationship))
    if query.stage:
        parts.append(_tr("stage {0}").format(query.stage))
    return ", ".join(parts)


class LabelChoices(QWidget):
    changed = Signal()
    template_changed = Signal(str)  # the key: the dialog loads that template's offset
    add_template_requested = Signal()

    def __init__(self, templates, tags: Sequence[str], list_query: ContactQuery | None,
                 selection: Sequence[int], parent: QWidget | None = None):  # fmt: skip
        super().__init__(parent)
        self.list_query = list_query or ContactQuery()
        self.selection = tuple(selection)
        self._quiet = False

        # Sheet
        self.template = QComboBox(self)
        self.template.setObjectName("labelTemplate")
        self.template.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.template.setMinimumContentsLength(24)
        self.add_template = QPushButton(self.tr("Add Template..."), self)
        self.add_template.setObjectName("addLabelTemplate")
        self.add_template.clicked.connect(self.add_template_requested)
        self.template_size = QLabel(self)
        self.template_size.setObjectName("labelTemplateSize")
        sheet_box = QGroupBox(self.tr("Sheet"), self)
        sheet_layout = QVBoxLayout(sheet_box)
        row = QHBoxLayout()
        row.addWidget(self.template, 1)
        row.addWidget(self.add_template)
        sheet_layout.addLayout(row)
        sheet_layout.addWidget(self.template_size)
        self.set_templates(templates)
        self.template.currentIndexChanged.connect(self._template_chosen)

        # Recipients
        who_box = QGroupBox(self.tr("Recipients"), self)
        who = QGridLayout(who_box)
        self.who = QButtonGroup(self)
        described = describe_query(self.list_query)
        list_text = (self.tr("The contact list as filtered ({0})").format(described) if described
                     else self.tr("The contact list (no search or filter)"))  # fmt: skip
        self.who_list = self._radio(list_text, "recipientsList", LIST)
        selected = (counted("LabelChoices", "The %n selected contact", "The %n selected contacts",
                            len(self.selection)) if self.selection else self.tr("The selected contacts (none)"))
        self.who_selection = self._radio(selected, "recipientsSelection", SELECTION)
        self.who_selection.setEnabled(bool(self.selection))
        self.who_tag = self._radio(self.tr("Contacts tagged"), "recipientsTag", TAG)
        self.tag = QComboBox(self)
        self.tag.setObjectName("recipientsTagName")
        self.tag.addItems(list(tags))
        self.tag.setEnabled(bool(tags))
        self.who_tag.setEnabled(bool(tags))
        self.tag.currentIndexChanged.connect(self._tag_chosen)
        self.who_everyone = self._radio(self.tr("Everyone"), "recipientsEveryone", EVERYONE)
        who.addWidget(self.who_list, 0, 0, 1, 2)
        who.addWidget(self.who_selection, 1, 0, 1, 2)
        who.addWidget(self.who_tag, 2, 0)
        who.addWidget(self.tag, 2, 1)
        who.addWidget(self.who_everyone, 3, 0, 1, 2)
        who.setColumnStretch(1, 1)
        (self.who_selection if len(self.selection) > 1 else self.who_list).setChecked(True)
        self.who.idToggled.connect(lambda _id, on: on and self._changed())

        # Options
        options_box = QGroupBox(self.tr("Options"), self)
        options = QFormLayout(options_box)
        self.household = self._check(self.tr("One label per household (same address)"), "labelHousehold", False)
        self.company = self._check(self.tr("Include the company line"), "labelCompany", True)
        self.label_names = self._check(self.tr("Use label names (\"The Khan Family\")"), "labelNames", True)
        self.sort = QComboBox(self)
        self.sort.setObjectName("labelSort")
        self.sort.addItem(self.tr("Name"), LabelSort.NAME)
        self.sort.addItem(self.tr("Postcode"), LabelSort.POSTCODE)
        self.sort.addItem(self.tr("The contact list's order"), LabelSort.LIST)
        self.sort.currentIndexChanged.connect(self._changed)
        self.start = QSpinBox(self)
        self.start.setObjectName("labelStart")
        self.start.setRange(1, max(1, self.current_template().per_sheet))
        self.start.valueChanged.connect(self._changed)
        self.start.setToolTip(self.tr("On a partly used sheet: the first free label, counted across then down."))
        options.addRow(self.household)
        options.addRow(self.company)
        options.addRow(self.label_names)
        options.addRow(self.tr("Sort by:"), self.sort)
        options.addRow(self.tr("Start at label:"), self.start)

        # Printer offset
        offset_box = QGroupBox(self.tr("Printer offset"), self)
        offset = QFormLayout(offset_box)
        self.offset_x = self._offset("offsetX")
        self.offset_y = self._offset("offsetY")
        offset.addRow(self.tr("Right:"), self.offset_x)
        offset.addRow(self.tr("Down:"), self.offset_y)
        hint = QLabel(self.tr("If a test print lands off the labels, shift it here; remembered for this sheet."), self)
        hint.setWordWrap(True)
        offset.addRow(hint)

        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        for box in (sheet_box, who_box, options_box, offset_box):
            column.addWidget(box)
        column.addStretch(1)
        self._show_size()

    # ---- building ---------------------------------------------------------------------------------

    def _radio(self, text: str, name: str, kind: str) -> QRadioButton:
        button = QRadioButton(text, self)
        button.setObjectName(name)
        button.setProperty("kind", kind)
        self.who.addButton(button)
        return button

    def _check(self, text: str, name: str, on: bool) -> QCheckBox:
        box = QCheckBox(text, self)
        box.setObjectName(name)
        box.setChecked(on)
        box.toggled.connect(self._changed)
        return box

    def _offset(self, name: str) -> QDoubleSpinBox:
        box = QDoubleSpinBox(self)
        box.setObjectName(name)
        box.setRange(-MAX_OFFSET, MAX_OFFSET)
        box.setDecimals(1)
        box.setSingleStep(0.5)
        box.setSuffix(" mm")
        return box

    def set_templates(self, templates, current: str | None = None) -> None:
        """Fill the template list (built-in first, then the user's own); keep or choose `current`."""
        keep = current or self.template.currentData()
        self._quiet = True
        try:
            self.template.clear()
            for template in templates:
                name = template.name + (self.tr(" (yours)") if template.custom else "")
                self.template.addItem(name, template.key)
                self.template.setItemData(self.template.count() - 1, template, TEMPLATE_ROLE)
            index = self.template.findData(keep)
            self.template.setCurrentIndex(max(0, index))
        finally:
            self._quiet = False

    # ---- reading the choices ----------------------------------------------------------------------

    def current_template(self):
        return self.template.currentData(TEMPLATE_ROLE)

    def template_key(self) -> str:
        return self.template.currentData() or ""

    def recipient_kind(self) -> str:
        button = self.who.checkedButton()
        return button.property("kind") if button is not None else LIST

    def recipients(self) -> Recipients:
        kind = self.recipient_kind()
        if kind == SELECTION:
            return Recipients.selection(self.selection)
        if kind == TAG:
            return Recipients.tagged(self.tag.currentText())
        if kind == EVERYONE:
            return Recipients.everyone()
        return Recipients.matching(self.list_query)

    def options(self) -> LabelOptions:
        return LabelOptions(household=self.household.isChecked(), sort=LabelSort(self.sort.currentData()),
                            start=self.start.value(), include_company=self.company.isChecked(),
                            use_label_names=self.label_names.isChecked())  # fmt: skip

    def offset(self) -> tuple[float, float]:
        return self.offset_x.value(), self.offset_y.value()

    def set_offset(self, x: float, y: float) -> None:
        self.offset_x.setValue(x)
        self.offset_y.setValue(y)

    # ---- reacting ---------------------------------------------------------------------------------

    def _template_chosen(self, *_args) -> None:
        if self._quiet:
            return
        self.template_chosen()

    def template_chosen(self) -> None:
        """Follow the template now chosen: the start's range, the size line, the offset, a new plan."""
        template = self.current_template()
        if template is not None:
            self.start.setMaximum(template.per_sheet)  # clamps a start past the new sheet's end
        self._show_size()
        self.template_changed.emit(self.template_key())
        self._changed()

    def _show_size(self) -> None:
        template = self.current_template()
        self.template_size.setText(template.size_text if template is not None else "")

    def _tag_chosen(self, *_args) -> None:
        if self.who_tag.isChecked():
            self._changed()
        else:
            self.who_tag.setChecked(True)  # choosing a tag means printing for it

    def _changed(self, *_args) -> None:
        if not self._quiet:
            self.changed.emit()
