"""The form inside the contact card: every field of a Contact, grouped, with inline error messages."""

from __future__ import annotations

import dataclasses

from PySide6.QtCore import QLocale, QRegularExpression, Signal
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from crm_desktop.domain.contact import Contact, ContactKind, Relationship, Stage
from crm_desktop.domain.validation import FieldError
from crm_desktop.ui.contacts.card_fields import AddressRow, EmailRow, MultiValueEditor, PhoneRow, WebsiteRow
from crm_desktop.ui.contacts.card_logic import birthday_from_parts, format_tags, parse_field_path, parse_tags
from crm_desktop.ui.contacts.field_widgets import (
    ErrorLabel,
    FieldBox,
    line_edit,
    mark_invalid,
    plain_text_edit,
    set_line_text,
    set_plain_text,
)

# Simple text fields: Contact attribute -> (objectName, label).
TEXT_FIELDS = {
    "prefix": ("prefixEdit", "Prefix"),
    "first_name": ("firstNameEdit", "First name"),
    "middle_name": ("middleNameEdit", "Middle name"),
    "last_name": ("lastNameEdit", "Last name"),
    "suffix": ("suffixEdit", "Suffix"),
    "nickname": ("nicknameEdit", "Nickname"),
    "company": ("companyEdit", "Company"),
    "job_title": ("jobTitleEdit", "Job title"),
    "source": ("sourceEdit", "Source"),
    "label_name": ("labelNameEdit", "Label name"),
}
PERSON_ONLY = ("prefix", "first_name", "middle_name", "last_name", "suffix", "job_title")
NAME_PARTS = ("prefix", "first_name", "middle_name", "last_name", "suffix", "nickname", "company")


def _enum_combo(object_name: str, values) -> QComboBox:
    combo = QComboBox()
    combo.setObjectName(object_name)
    for value in values:
        combo.addItem(value.value.capitalize(), value.value)
    return combo


def _select_data(combo: QComboBox, data) -> None:
    combo.setCurrentIndex(max(0, combo.findData(data)))


class ContactForm(QWidget):
    """Edits one Contact; `contact()` reads it back exactly as typed. Emits `changed` on every edit."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("contactForm")
        self._base = Contact()
        self.boxes: dict[str, FieldBox] = {}
        self.form_error = ErrorLabel("formErrorLabel")

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(10)
        layout.addWidget(self.form_error)
        layout.addWidget(self._name_group())
        self.phones = MultiValueEditor(PhoneRow, self.tr("Add phone"), "addPhoneButton", self.tr("No phone numbers"))
        self.emails = MultiValueEditor(EmailRow, self.tr("Add email"), "addEmailButton", self.tr("No email addresses"))
        self.addresses = MultiValueEditor(
            AddressRow, self.tr("Add address"), "addAddressButton", self.tr("No postal addresses")
        )
        self.websites = MultiValueEditor(
            WebsiteRow, self.tr("Add link"), "addWebsiteButton", self.tr("No websites or profiles")
        )
        for title, editor in (
            (self.tr("Phones"), self.phones),
            (self.tr("Email"), self.emails),
            (self.tr("Addresses"), self.addresses),
            (self.tr("Web and social"), self.websites),
        ):
            group = QGroupBox(title)
            inner = QVBoxLayout(group)
            inner.addWidget(editor)
            editor.changed.connect(self.changed)
            layout.addWidget(group)
        layout.addWidget(self._details_group())
        layout.addWidget(self._notes_group())
        self.timestamps = QLabel()
        self.timestamps.setObjectName("timestampsLabel")
        self.timestamps.setEnabled(False)
        layout.addWidget(self.timestamps)
        layout.addStretch(1)
        self._update_kind()

    # ---- building ------------------------------------------------------------------------------

    def _text_box(self, attribute: str) -> FieldBox:
        object_name, _ = TEXT_FIELDS[attribute]
        edit = line_edit(object_name)
        box = FieldBox(edit)
        self.boxes[attribute] = box
        edit.textChanged.connect(self.changed)
        if attribute in NAME_PARTS:
            # The "needs a name" error concerns every name part: editing any of them counts.
            edit.textEdited.connect(lambda *_: self._touch("first_name", "company"))
        edit.textEdited.connect(lambda *_: self._touch(attribute))
        return box

    def _touch(self, *attributes: str) -> None:
        for attribute in attributes:
            self.boxes[attribute].touched = True

    def _name_group(self) -> QGroupBox:
        group = QGroupBox(self.tr("Name"))
        self.name_layout = form = QFormLayout(group)
        self.kind_combo = QComboBox()
        self.kind_combo.setObjectName("kindCombo")
        self.kind_combo.addItem(self.tr("Person"), ContactKind.PERSON.value)
        self.kind_combo.addItem(self.tr("Company"), ContactKind.COMPANY.value)
        self.kind_combo.currentIndexChanged.connect(self._update_kind)
        self.kind_combo.currentIndexChanged.connect(self.changed)
        form.addRow(self.tr("Kind"), self.kind_combo)
        for attribute in ("prefix", "first_name", "middle_name", "last_name", "suffix", "nickname", "company",
                          "job_title"):  # fmt: skip
            form.addRow(self.tr(TEXT_FIELDS[attribute][1]), self._text_box(attribute))
        return group

    def _details_group(self) -> QGroupBox:
        group = QGroupBox(self.tr("Details"))
        form = QFormLayout(group)
        form.addRow(self.tr("Birthday"), self._birthday_box())
        self.relationship_combo = _enum_combo("relationshipCombo", Relationship)
        self.stage_combo = _enum_combo("stageCombo", Stage)
        for combo in (self.relationship_combo, self.stage_combo):
            combo.currentIndexChanged.connect(self.changed)
        form.addRow(self.tr("Relationship"), self.relationship_combo)
        form.addRow(self.tr("Stage"), self.stage_combo)
        form.addRow(self.tr("Source"), self._text_box("source"))
        form.addRow(self.tr("Label name"), self._text_box("label_name"))
        self.boxes["label_name"].editor.setPlaceholderText(self.tr("On mailing labels instead of the name, e.g. The Khan Family"))
        self.tags_edit = line_edit("tagsEdit", self.tr("Comma-separated, e.g. vip, lahore"))
        self.tags_edit.textChanged.connect(self.changed)
        self.tags_edit.textEdited.connect(lambda *_: self._touch("tags"))
        self.boxes["tags"] = FieldBox(self.tags_edit)
        form.addRow(self.tr("Tags"), self.boxes["tags"])
        return group

    def _birthday_box(self) -> FieldBox:
        self.day_combo = QComboBox()
        self.day_combo.setObjectName("birthdayDayCombo")
        self.day_combo.addItem(self.tr("Day"), None)
        for day in range(1, 32):
            self.day_combo.addItem(str(day), day)
        self.month_combo = QComboBox()
        self.month_combo.setObjectName("birthdayMonthCombo")
        self.month_combo.addItem(self.tr("Month"), None)
        locale = QLocale()
        for month in range(1, 13):
            self.month_combo.addItem(locale.standaloneMonthName(month), month)
        self.year_edit = QLineEdit()
        self.year_edit.setObjectName("birthdayYearEdit")
        self.year_edit.setPlaceholderText(self.tr("Year (optional)"))
        self.year_edit.setValidator(QRegularExpressionValidator(QRegularExpression(r"\d{0,4}"), self.year_edit))
        self.year_edit.setMaximumWidth(self.year_edit.fontMetrics().horizontalAdvance("Year (optional)") + 24)
        row = QWidget()
        row.setObjectName("birthdayEdit")
        layout = QHBoxLayout(row)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.day_combo)
        layout.addWidget(self.month_combo)
        layout.addWidget(self.year_edit)
        layout.addStretch(1)
        for combo in (self.day_combo, self.month_combo):
            combo.currentIndexChanged.connect(self.changed)
            combo.activated.connect(lambda *_: self._touch("birthday"))
        self.year_edit.textChanged.connect(self.changed)
        self.year_edit.textEdited.connect(lambda *_: self._touch("birthday"))
        box = FieldBox(row)
        self.boxes["birthday"] = box
        return box

    def _notes_group(self) -> QGroupBox:
        group = QGroupBox(self.tr("Notes"))
        self.notes_edit = plain_text_edit("notesEdit", self.tr("Anything worth remembering"), lines=5)
        self.notes_edit.textChanged.connect(self.changed)
        layout = QVBoxLayout(group)
        layout.addWidget(self.notes_edit)
        return group

    def _update_kind(self, *_) -> None:
        person = self.kind() is ContactKind.PERSON
        for attribute in PERSON_ONLY:
            self.name_layout.setRowVisible(self.boxes[attribute], person)
        # A company's name comes first, right under the kind; a person's employer after the name.
        form, company = self.name_layout, self.boxes["company"]
        taken = form.takeRow(company)
        label = taken.labelItem.widget()
        row = form.getWidgetPosition(self.boxes["nickname"])[0] + 1 if person else 1
        form.insertRow(row, label, company)
        label.setText(self.tr("Company") if person else self.tr("Company name"))

    # ---- reading and writing -------------------------------------------------------------------

    def kind(self) -> ContactKind:
        return ContactKind(self.kind_combo.currentData())

    def set_contact(self, contact: Contact) -> None:
        self._base = contact
        _select_data(self.kind_combo, contact.kind.value)
        for attribute in TEXT_FIELDS:
            set_line_text(self.boxes[attribute].editor, getattr(contact, attribute))
        self.phones.set_values(contact.phones)
        self.emails.set_values(contact.emails)
        self.addresses.set_values(contact.addresses)
        self.websites.set_values(contact.websites)
        b = contact.birthday
        _select_data(self.day_combo, b.day if b else None)
        _select_data(self.month_combo, b.month if b else None)
        set_line_text(self.year_edit, str(b.year) if b and b.year is not None else "")
        _select_data(self.relationship_combo, contact.relationship.value)
        _select_data(self.stage_combo, contact.stage.value)
        set_line_text(self.tags_edit, format_tags(contact.tags))
        set_plain_text(self.notes_edit, contact.notes)
        for box in self.boxes.values():
            box.touched = False
        self.show_errors([], reveal_all=True)

    def contact(self) -> tuple[Contact, list[FieldError]]:
        """The contact as the form shows it, and the problems only the form can see (a half birthday)."""
        birthday, birthday_error = birthday_from_parts(
            self.day_combo.currentData(), self.month_combo.currentData(), self.year_edit.text()
        )
        texts = {attribute: self.boxes[attribute].editor.text() for attribute in TEXT_FIELDS}
        contact = dataclasses.replace(
            self._base,
            kind=self.kind(),
            **texts,
            phones=self.phones.values(),
            emails=self.emails.values(),
            addresses=self.addresses.values(),
            websites=self.websites.values(),
            birthday=birthday if birthday_error is None else self._base.birthday,
            relationship=Relationship(self.relationship_combo.currentData()),
            stage=Stage(self.stage_combo.currentData()),
            tags=parse_tags(self.tags_edit.text()),
            notes=self.notes_edit.value(),
        )
        return contact, [FieldError("birthday", birthday_error)] if birthday_error else []

    def set_timestamps(self, text: str) -> None:
        self.timestamps.setText(text)
        self.timestamps.setVisible(bool(text))

    # ---- errors --------------------------------------------------------------------------------

    def show_errors(self, errors: list[FieldError], reveal_all: bool) -> list[QWidget]:
        """Mark each error beside its field (only fields the user has touched, unless reveal_all).

        Returns the widgets now marked, first one first, so the caller can move the focus there.
        """
        by_box: dict[str, list[str]] = {}
        by_row: dict[tuple[str, int], dict[str | None, str]] = {}
        general: list[str] = []
        editors = {"phones": self.phones, "emails": self.emails, "addresses": self.addresses,
                   "websites": self.websites}  # fmt: skip
        for error in errors:
            path = parse_field_path(error.field)
            if path.name in editors and path.index is not None and path.index < len(editors[path.name].rows):
                by_row.setdefault((path.name, path.index), {})[path.part] = error.message
            elif path.name in self.boxes:
                by_box.setdefault(path.name, []).append(error.message)
            else:
                general.append(f"{error.field}: {error.message}")
        marked: list[QWidget] = []
        for attribute, box in self.boxes.items():
            messages = by_box.get(attribute) if (reveal_all or box.touched) else None
            box.set_error("\n".join(messages) if messages else None)
            if attribute == "birthday":
                for widget in (self.day_combo, self.month_combo, self.year_edit):
                    mark_invalid(widget, bool(messages))
            if messages:
                marked.append(box.editor)
        for name, editor in editors.items():
            for index, row in enumerate(editor.rows):
                messages = by_row.get((name, index), {}) if (reveal_all or row.touched) else {}
                row.set_errors(messages)
                if messages:
                    marked.append(row.part_widgets()["main"])
        self.form_error.show_message("\n".join(general) if general and reveal_all else None)
        return marked
