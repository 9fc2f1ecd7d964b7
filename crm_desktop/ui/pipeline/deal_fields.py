"""The deal form: every field of a Deal, each with its error right underneath.

It reads back exactly what is typed (`deal()`), with the problems only the form can see: an amount that
is not one, a currency code that is not one, a name typed without picking the contact it names.
"""

from __future__ import annotations

from dataclasses import replace

from babel.numbers import format_decimal
from PySide6.QtCore import QRegularExpression, Qt, Signal
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import QComboBox, QFormLayout, QLabel, QSizePolicy, QSpinBox, QWidget

from crm_desktop.domain.deal import Deal, DealStatus, Stage, stage_of
from crm_desktop.domain.money import HOME_LOCALES, Money, is_currency, minor_digits
from crm_desktop.domain.validation import FieldError
from crm_desktop.services.workspace import Workspace
from crm_desktop.ui.activities.fields import ErrorRow, OptionalDateEdit
from crm_desktop.ui.contacts.card_logic import format_tags, parse_tags
from crm_desktop.ui.contacts.contact_picker import ContactPicker
from crm_desktop.ui.contacts.field_widgets import follow_text_direction, line_edit, plain_text_edit, set_line_text

# Offered first in the currency list; any ISO code may be typed.
COMMON_CURRENCIES = ("PKR", "INR", "LKR", "BDT", "NPR", "AED", "SAR", "USD", "EUR", "GBP")
STAGE_DEFAULT = -1  # the probability spin box's "stage default" value


def amount_text(money: Money) -> str:
    """The amount as its currency's users write it, without the symbol: 12,34,567 or 12,34,567.50 (INR)."""
    if money.minor == 0:
        return ""
    locale = HOME_LOCALES.get(money.currency, "en")
    digits = minor_digits(money.currency)
    if digits == 0 or money.minor % 10**digits == 0:
        return format_decimal(money.amount.to_integral_value(), locale=locale)
    grouping = "#,##,##0" if money.currency in ("INR", "BDT", "NPR") else "#,##0"
    return format_decimal(money.amount, format=f"{grouping}.{'0' * digits}", locale=locale)


class DealForm(QWidget):
    """Edits one Deal. `changed` on every edit carries the name of the field edited."""

    changed = Signal(str)

    def __init__(self, workspace: Workspace, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("dealForm")
        self.workspace = workspace
        self._base = workspace.pipeline.new_deal()
        self._stages: list[Stage] = workspace.pipeline.stages
        self.rows: dict[str, ErrorRow] = {}
        form = self.layout_ = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)

        self.title = line_edit("dealTitle", self.tr("What is being sold, e.g. Winter cloth order"))
        self.contact = ContactPicker(workspace, "dealContact", self.tr("Type a name and choose"), "person", self)
        self.company = ContactPicker(workspace, "dealCompany", self.tr("Type a company and choose"), "company", self)
        self.amount = line_edit("dealAmount", "0")
        self.amount.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.amount.setMinimumWidth(self.amount.fontMetrics().horizontalAdvance("00,00,00,000.00") + 24)
        self.currency = self._currency_combo()
        self.stage = QComboBox(self)
        self.stage.setObjectName("dealStage")
        self.probability = QSpinBox(self)
        self.probability.setObjectName("dealProbability")
        self.probability.setRange(STAGE_DEFAULT, 100)
        self.probability.setSuffix("%")
        self.expected_close = OptionalDateEdit("dealExpectedClose", self.tr("Not set"), self)
        self.source = line_edit("dealSource", self.tr("Where it came from, e.g. referral, exhibition"))
        self.tags = line_edit("dealTags", self.tr("Comma-separated, e.g. festival, wholesale"))
        self.lost_reason = QComboBox(self)
        self.lost_reason.setObjectName("dealLostReason")
        self.lost_reason.setEditable(True)  # the owner's list; a one-off reason may be typed
        self.lost_reason.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        follow_text_direction(self.lost_reason.lineEdit())
        self.closed_on = QLabel(self)
        self.closed_on.setObjectName("dealClosedOn")
        self.notes = plain_text_edit("dealNotes", self.tr("Anything worth remembering about this deal"), lines=4)

        self._add(self.tr("&Title:"), "title", self.title)
        self._add(self.tr("&Contact:"), "contact", self.contact)
        self._add(self.tr("Com&pany:"), "company", self.company)
        self._add(self.tr("&Value:"), "value", self.amount, self.currency, stretch=False)
        self._add(self.tr("&Stage:"), "stage", self.stage, stretch=False)
        self._add(self.tr("Probabilit&y:"), "probability", self.probability, stretch=False)
        self._add(self.tr("E&xpected close:"), "expected_close", self.expected_close, stretch=False)
        self._add(self.tr("Lost &reason:"), "lost_reason", self.lost_reason)
        form.addRow(self.tr("Closed on:"), self.closed_on)
        self._add(self.tr("S&ource:"), "source", self.source)
        self._add(self.tr("T&ags:"), "tags", self.tags)
        self._add(self.tr("&Notes:"), "notes", self.notes)
        self._connect_edits()

    def _currency_combo(self) -> QComboBox:
        combo = QComboBox(self)
        combo.setObjectName("dealCurrency")
        combo.setEditable(True)
        combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        combo.lineEdit().setValidator(QRegularExpressionValidator(QRegularExpression("[A-Za-z]{0,3}"), combo))
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        combo.setMinimumContentsLength(4)
        combo.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        return combo

    def _add(self, label: str, field: str, *editors: QWidget, stretch: bool = True) -> None:
        row = ErrorRow(f"{editors[0].objectName()}Row", *editors, stretch_last=stretch)
        self.rows[field] = row
        self.layout_.addRow(label, row)

    def _connect_edits(self) -> None:
        emit = self.changed.emit
        for field, edit in (("title", self.title), ("value", self.amount), ("source", self.source),
                            ("tags", self.tags)):  # fmt: skip
            edit.textEdited.connect(lambda *_, f=field: emit(f))
        self.contact.textChanged.connect(lambda *_: emit("contact"))
        self.company.textChanged.connect(lambda *_: emit("contact"))
        self.currency.currentTextChanged.connect(lambda *_: emit("value"))
        self.stage.currentIndexChanged.connect(lambda *_: (self._stage_changed(), emit("stage")))
        self.probability.valueChanged.connect(lambda *_: emit("probability"))
        self.expected_close.changed.connect(lambda: emit("expected_close"))
        self.lost_reason.currentTextChanged.connect(lambda *_: emit("lost_reason"))
        self.notes.textChanged.connect(lambda: emit("notes"))
        self.contact.chosen.connect(self._offer_company)

    # ---- reading and writing -------------------------------------------------------------------

    def set_deal(self, deal: Deal) -> None:
        self._base = deal
        self._stages = self.workspace.pipeline.stages
        self.blockSignals(True)
        try:
            set_line_text(self.title, deal.title)
            self.contact.set_contact(deal.contact_id)
            self.company.set_contact(deal.company_id)
            set_line_text(self.amount, amount_text(deal.value))
            self._fill_currencies(deal.value.currency)
            self.stage.clear()
            for stage in self._stages:
                self.stage.addItem(stage.name, stage.key)
            if self.stage.findData(deal.stage) < 0:
                self.stage.addItem(deal.stage, deal.stage)  # a stage gone from the settings: keep what is stored
            self.stage.setCurrentIndex(self.stage.findData(deal.stage))
            self.probability.setValue(STAGE_DEFAULT if deal.probability is None else deal.probability)
            self.expected_close.set_value(deal.expected_close)
            set_line_text(self.source, deal.source)
            set_line_text(self.tags, format_tags(deal.tags))
            reasons = self.workspace.pipeline.lost_reasons()
            self.lost_reason.clear()
            self.lost_reason.addItems(list(dict.fromkeys(["", deal.lost_reason, *reasons])))
            self.lost_reason.setCurrentText(deal.lost_reason)
            self.notes.set_value(deal.notes)
            self.closed_on.setText(deal.closed_on.isoformat() if deal.closed_on else "")
        finally:
            self.blockSignals(False)
        self._stage_changed()

    def deal(self) -> tuple[Deal, list[FieldError]]:
        """The deal as the form shows it, and the problems only the form can see."""
        errors: list[FieldError] = []
        currency = self.currency.currentText().strip().upper()
        value = self._base.value
        if not is_currency(currency):
            errors.append(FieldError("value", self.tr("'%1' is not a currency code (e.g. PKR, INR).")
                                     .replace("%1", currency)))  # fmt: skip
        elif not self.amount.text().strip():
            value = Money(0, currency)
        else:
            try:
                value = Money.parse(self.amount.text(), currency)
            except ValueError as exc:
                errors.append(FieldError("value", str(exc)))
        for field, picker in (("contact", self.contact), ("company", self.company)):
            if picker.unresolved():
                errors.append(FieldError(field, self.tr("No card is named '%1': type part of the name and "
                                                        "choose one from the list.").replace("%1", picker.text())))
        probability = self.probability.value()
        deal = replace(
            self._base, title=self.title.text(), contact_id=self.contact.contact_id(),
            company_id=self.company.contact_id(), value=value, stage=self.stage.currentData() or self._base.stage,
            probability=None if probability == STAGE_DEFAULT else probability,
            expected_close=self.expected_close.value(), source=self.source.text(), tags=parse_tags(self.tags.text()),
            lost_reason=self.lost_reason.currentText() if self.is_lost() else self._base.lost_reason,
            notes=self.notes.value(),
        )  # fmt: skip
        return deal, errors

    def current_stage(self) -> Stage | None:
        try:
            return stage_of(self._stages, self.stage.currentData())
        except KeyError:
            return None

    def is_lost(self) -> bool:
        stage = self.current_stage()
        return stage is not None and stage.closes_as is DealStatus.LOST

    def show_errors(self, errors: list[FieldError], fields: set[str] | None) -> None:
        """Mark each error beside its field; fields limits it to those (None: every field)."""
        for field, row in self.rows.items():
            messages = [e.message for e in errors if e.field == field and (fields is None or field in fields)]
            row.set_error("\n".join(dict.fromkeys(messages)) or None)

    # ---- inside -----------------------------------------------------------------------------------

    def _fill_currencies(self, currency: str) -> None:
        home = self.workspace.pipeline_preferences.currency
        codes = list(dict.fromkeys([currency, home, *COMMON_CURRENCIES]))
        self.currency.clear()
        self.currency.addItems(codes)
        self.currency.setCurrentIndex(0)

    def _stage_changed(self) -> None:
        stage = self.current_stage()
        self.probability.setSpecialValueText(
            self.tr("Stage default (%1%)").replace("%1", str(stage.probability)) if stage else self.tr("Stage default"))
        closing = stage is not None and stage.closes_as is not DealStatus.OPEN
        self.layout_.setRowVisible(self.rows["lost_reason"], self.is_lost())
        self.layout_.setRowVisible(self.closed_on, closing and bool(self.closed_on.text()))
        self.layout_.setRowVisible(self.rows["probability"], not closing)  # won is 100%, lost 0%

    def _offer_company(self, contact_id: int | None) -> None:
        """A person picked while no company is: their company's card, when exactly one card has that name."""
        if contact_id is None or self.company.text().strip():
            return
        name = self.workspace.contacts.get(contact_id).company.strip()
        if not name:
            return
        matches = [n for n in self.company.offer(name) if n.casefold() == name.casefold()]
        if len(matches) == 1:
            self.company.choose_name(matches[0])
