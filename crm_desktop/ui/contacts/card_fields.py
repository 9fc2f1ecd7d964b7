"""The card's multi-value editors: any number of labelled phones, emails, addresses and web links."""

from __future__ import annotations

from collections.abc import Callable
import phonenumbers
from PySide6.QtCore import QLocale, QSignalBlocker, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from crm_desktop.domain.contact import Address, Email, Phone, Website
from crm_desktop.ui.contacts.card_logic import (
    ADDRESS_LABELS,
    EMAIL_LABELS,
    PHONE_LABELS,
    WEBSITE_LABELS,
    country_choices,
)
from crm_desktop.ui.contacts.field_widgets import (
    ErrorLabel,
    LabelCombo,
    line_edit,
    mark_invalid,
    plain_text_edit,
    set_line_text,
    set_plain_text,
)

def _territory_name(code: str) -> str:
    territory = QLocale.codeToTerritory(code)
    if territory == QLocale.Country.AnyTerritory:
        return ""
    return QLocale.territoryToString(territory)


_COUNTRIES: list[tuple[str, str]] | None = None


def countries() -> list[tuple[str, str]]:
    """Every country phonenumbers knows, named by Qt's locale data (computed once)."""
    global _COUNTRIES
    if _COUNTRIES is None:
        _COUNTRIES = country_choices(phonenumbers.SUPPORTED_REGIONS, _territory_name)
    return _COUNTRIES


class ValueRow(QWidget):
    """One row of a multi-value editor: a label combo, the editors, a remove button, an error line."""

    changed = Signal()
    remove_requested = Signal(QWidget)

    def __init__(self, stem: str, presets):
        super().__init__()
        self.stem = stem
        self.touched = False
        self._filling = False
        self.label_combo = LabelCombo(presets)
        self.label_combo.setToolTip(self.tr("Label"))
        self.label_combo.currentTextChanged.connect(self._on_change)
        self.remove_button = QToolButton()
        self.remove_button.setText("✕")
        self.remove_button.setAutoRaise(True)
        self.remove_button.setToolTip(self.tr("Remove"))
        self.remove_button.clicked.connect(lambda: self.remove_requested.emit(self))
        self.error = ErrorLabel()

    def _on_change(self, *_) -> None:
        if not self._filling:
            self.touched = True
        self.changed.emit()

    def renumber(self, index: int) -> None:
        s = self.stem
        names = {"label_combo": f"{s}LabelCombo{index}", "remove_button": f"remove{s[0].upper()}{s[1:]}Button{index}"}
        for attribute, name in names.items():
            getattr(self, attribute).setObjectName(name)
        self.error.setObjectName(f"{s}Edit{index}Error")
        self._renumber_editors(index)

    def _renumber_editors(self, index: int) -> None:
        raise NotImplementedError

    def set_errors(self, messages: dict[str | None, str]) -> None:
        """Messages keyed by the part they concern (None: the row as a whole)."""
        self.error.show_message("\n".join(messages.values()) or None)
        for part, widget in self.part_widgets().items():
            mark_invalid(widget, part in messages or (None in messages and part == "main"))

    def part_widgets(self) -> dict[str, QWidget]:
        raise NotImplementedError

    def focus_chain(self) -> list[QWidget]:
        """The row's widgets in the order Tab visits them."""
        editors = list(dict.fromkeys(w for part, w in self.part_widgets().items() if part != "main"))
        return [self.label_combo, *(editors or [self.part_widgets()["main"]]), self.remove_button]


class LineRow(ValueRow):
    """A phone, email or link: label and one line of text."""

    def __init__(self, stem: str, presets, placeholder: str):
        super().__init__(stem, presets)
        self.edit = line_edit("", placeholder)
        self.edit.textChanged.connect(self._on_change)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.label_combo)
        row.addWidget(self.edit, 1)
        row.addWidget(self.remove_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addLayout(row)
        layout.addWidget(self.error)

    def _renumber_editors(self, index: int) -> None:
        self.edit.setObjectName(f"{self.stem}Edit{index}")

    def part_widgets(self) -> dict[str, QWidget]:
        return {"main": self.edit}

    def fill(self, text: str, label: str) -> None:
        self._filling = True
        try:
            set_line_text(self.edit, text)
            self.label_combo.set_value(label)
        finally:
            self._filling = False


class PhoneRow(LineRow):
    def __init__(self):
        super().__init__("phone", PHONE_LABELS, self.tr("Phone number, e.g. +92 300 1234567"))
        self._loaded = Phone("")

    def value(self) -> Phone:
        # The number as loaded keeps the country it was read against; a changed one is read afresh.
        number = self.edit.text()
        region = self._loaded.region if number == self._loaded.number else ""
        return Phone(number, self.label_combo.value(), region)

    def set_value(self, phone: Phone) -> None:
        self._loaded = phone
        self.fill(phone.number, phone.label)


class EmailRow(LineRow):
    def __init__(self):
        super().__init__("email", EMAIL_LABELS, self.tr("name@example.com"))

    def value(self) -> Email:
        return Email(self.edit.text(), self.label_combo.value())

    def set_value(self, email: Email) -> None:
        self.fill(email.address, email.label)


class WebsiteRow(LineRow):
    def __init__(self):
        super().__init__("website", WEBSITE_LABELS, self.tr("https://…"))

    def value(self) -> Website:
        return Website(self.edit.text(), self.label_combo.value())

    def set_value(self, site: Website) -> None:
        self.fill(site.url, site.label)


class CountryCombo(QComboBox):
    """ISO country codes shown by name; a stored code it does not know is kept and shown as it is."""

    def __init__(self):
        super().__init__()
        self.addItem(self.tr("(no country)"), "")
        for name, code in countries():
            self.addItem(name, code)
        self.setMaxVisibleItems(20)
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.setMinimumContentsLength(14)

    def value(self) -> str:
        return self.currentData() or ""

    def set_value(self, code: str) -> None:
        index = self.findData(code)
        if index < 0:
            self.addItem(code, code)
            index = self.count() - 1
        self.setCurrentIndex(index)


class AddressRow(ValueRow):
    def __init__(self):
        super().__init__("address", ADDRESS_LABELS)
        self.street = plain_text_edit("", self.tr("Street (one line each)"), lines=2)
        self.city = line_edit("", self.tr("City"))
        self.region = line_edit("", self.tr("Region / province / state"))
        self.postcode = line_edit("", self.tr("Postcode"))
        self.country = CountryCombo()
        for edit in (self.street, self.city, self.region, self.postcode):
            edit.textChanged.connect(self._on_change)
        self.country.currentIndexChanged.connect(self._on_change)
        grid = QGridLayout()
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(6)
        grid.setVerticalSpacing(4)
        grid.addWidget(self.label_combo, 0, 0)
        grid.addWidget(self.street, 0, 1, 1, 2)
        grid.addWidget(self.remove_button, 0, 3)
        grid.addWidget(self.city, 1, 1)
        grid.addWidget(self.region, 1, 2)
        grid.addWidget(self.postcode, 2, 1)
        grid.addWidget(self.country, 2, 2)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(2, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addLayout(grid)
        layout.addWidget(self.error)

    def _renumber_editors(self, index: int) -> None:
        for part in ("street", "city", "region", "postcode"):
            getattr(self, part).setObjectName(f"{part}Edit{index}")
        self.country.setObjectName(f"countryCombo{index}")
        self.error.setObjectName(f"addressEdit{index}Error")

    def part_widgets(self) -> dict[str, QWidget]:
        return {"main": self.street, "street": self.street, "city": self.city, "region": self.region,
                "postcode": self.postcode, "country": self.country}  # fmt: skip

    def value(self) -> Address:
        return Address(
            street=self.street.value(),
            city=self.city.text(),
            region=self.region.text(),
            postcode=self.postcode.text(),
            country=self.country.value(),
            label=self.label_combo.value(),
        )

    def set_value(self, address: Address) -> None:
        self._filling = True
        try:
            set_plain_text(self.street, address.street)
            set_line_text(self.city, address.city)
            set_line_text(self.region, address.region)
            set_line_text(self.postcode, address.postcode)
            self.country.set_value(address.country)
            self.label_combo.set_value(address.label)
        finally:
            self._filling = False


class MultiValueEditor(QWidget):
    """A list of rows with an "Add" button; rows are renumbered (phoneEdit0, phoneEdit1 ...) on change."""

    changed = Signal()

    def __init__(self, make_row: Callable[[], ValueRow], add_text: str, add_name: str, empty_text: str):
        super().__init__()
        self._make_row = make_row
        self.rows: list[ValueRow] = []
        self._rows_layout = QVBoxLayout()
        self._rows_layout.setContentsMargins(0, 0, 0, 0)
        self._rows_layout.setSpacing(6)
        self.empty_label = QLabel(empty_text)
        self.empty_label.setEnabled(False)
        self.add_button = QPushButton(add_text)
        self.add_button.setObjectName(add_name)
        self.add_button.clicked.connect(self._add_clicked)
        footer = QHBoxLayout()
        footer.setContentsMargins(0, 0, 0, 0)
        footer.addWidget(self.empty_label)
        footer.addStretch(1)
        footer.addWidget(self.add_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addLayout(self._rows_layout)
        layout.addLayout(footer)

    def values(self) -> list:
        return [row.value() for row in self.rows]

    def set_values(self, values: list) -> None:
        with QSignalBlocker(self):
            while len(self.rows) > len(values):
                self._drop(self.rows[-1])
            while len(self.rows) < len(values):
                self._append()
            for row, value in zip(self.rows, values, strict=True):
                row.set_value(value)
                row.touched = False
                row.set_errors({})
        self.changed.emit()

    def add_row(self) -> ValueRow:
        row = self._append()
        self.changed.emit()
        return row

    def remove_row(self, row: ValueRow) -> None:
        self._drop(row)
        self.changed.emit()

    def _add_clicked(self) -> None:
        row = self.add_row()
        row.part_widgets()["main"].setFocus()

    def _append(self) -> ValueRow:
        row = self._make_row()
        row.changed.connect(self.changed)
        row.remove_requested.connect(self.remove_row)
        self.rows.append(row)
        self._rows_layout.addWidget(row)
        self._renumber()
        return row

    def _drop(self, row: ValueRow) -> None:
        self.rows.remove(row)
        self._rows_layout.removeWidget(row)
        row.setParent(None)  # out of the layout's size at once, not only when deleted later
        row.deleteLater()
        self._renumber()

    def _renumber(self) -> None:
        for index, row in enumerate(self.rows):
            row.renumber(index)
        self.empty_label.setVisible(not self.rows)
        # Rows made later would otherwise come last in the Tab order, after the notes.
        chain = [widget for row in self.rows for widget in row.focus_chain()] + [self.add_button]
        for before, after in zip(chain, chain[1:]):
            QWidget.setTabOrder(before, after)
        # The enclosing group box's size is cached by the form's layout: tell it the rows changed.
        self.updateGeometry()
        if self.parentWidget() is not None:
            self.parentWidget().updateGeometry()
