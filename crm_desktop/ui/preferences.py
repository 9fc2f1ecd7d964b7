"""Preferences: one page per concern, each loading from and saving to the workspace's Preferences.

Later issues register their pages in PAGES (reminders, pipeline stages, ...); the dialog only arranges.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from crm_desktop.domain.validation import ValidationError
from crm_desktop.services.workspace import Workspace
from crm_desktop.ui.contacts.card_fields import CountryCombo
from crm_desktop.ui.contacts.field_widgets import follow_text_direction


def text_lines(edit: QPlainTextEdit) -> list[str]:
    """A one-item-per-line box's items (blank lines dropped)."""
    return [line for line in edit.toPlainText().splitlines() if line.strip()]


def problem_label(name: str) -> QLabel:
    """A red message beside a field, hidden until there is something to say."""
    label = QLabel()
    label.setObjectName(name)
    label.setWordWrap(True)
    label.setStyleSheet("color: #d32f2f;")
    label.hide()
    return label


class PreferencesPage(QWidget):
    def title(self) -> str:
        raise NotImplementedError

    def __init__(self, workspace: Workspace, parent: QWidget | None = None):
        super().__init__(parent)
        self.workspace = workspace
        self.problems: dict[str, QLabel] = {}  # field -> its problem_label

    def show_problems(self, found: dict[str, list[str]]) -> None:
        """Each field's refusals beside it; the others' labels hidden."""
        for key, label in self.problems.items():
            messages = found.get(key, [])
            label.setText("\n".join(messages))
            label.setVisible(bool(messages))

    def load(self) -> None:
        raise NotImplementedError

    def save(self) -> None:
        raise NotImplementedError


class GeneralPage(PreferencesPage):
    def title(self) -> str:
        return self.tr("General")

    def __init__(self, workspace: Workspace, parent: QWidget | None = None):
        super().__init__(workspace, parent)
        self.country = CountryCombo()
        self.country.setObjectName("homeCountryCombo")
        self.country.removeItem(0)  # "(no country)": phone numbers need one
        hint = QLabel(
            self.tr("Phone numbers typed without a +country code are read as numbers of this country.")
        )
        hint.setWordWrap(True)
        self.business = QLineEdit()
        self.business.setObjectName("businessNameEdit")
        self.business.setPlaceholderText(self.tr("At the foot of every report page"))
        follow_text_direction(self.business)
        form = QFormLayout(self)
        form.addRow(self.tr("Home country:"), self.country)
        form.addRow("", hint)
        form.addRow(self.tr("Business name:"), self.business)

    def load(self) -> None:
        self.country.set_value(self.workspace.preferences.default_region)
        self.business.setText(self.workspace.preferences.business_name)

    def save(self) -> None:
        code = self.country.value()
        if code and code != self.workspace.preferences.default_region:
            self.workspace.preferences.default_region = code
        if self.business.text().strip() != self.workspace.preferences.business_name:
            self.workspace.preferences.business_name = self.business.text()


PAGES: list[type[PreferencesPage]] = [GeneralPage]


class PreferencesDialog(QDialog):
    def __init__(self, workspace: Workspace, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("preferencesDialog")
        self.setWindowTitle(self.tr("Preferences"))
        self.workspace = workspace
        self._saving = 0
        self.pages = [page(workspace, self) for page in PAGES]
        self.page_list = QListWidget()
        self.page_list.setObjectName("preferencesPages")
        self.stack = QStackedWidget()
        for page in self.pages:
            page.load()
            self.page_list.addItem(page.title())
            self.stack.addWidget(page)
        self.page_list.currentRowChanged.connect(self.stack.setCurrentIndex)
        self.page_list.setCurrentRow(0)
        self.page_list.setMaximumWidth(160)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        body = QHBoxLayout()
        body.addWidget(self.page_list)
        body.addWidget(self.stack, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(body)
        layout.addWidget(buttons)

    def accept(self) -> None:
        # All pages or none: a page that refuses a value marks it, and the dialog stays open on that page.
        try:
            with self.workspace.database.atomic():
                for row, page in enumerate(self.pages):
                    self._saving = row
                    page.save()
        except ValidationError:
            self.page_list.setCurrentRow(self._saving)
            return
        super().accept()


# Pages of later issues live in their own modules; they import PreferencesPage from here, hence last.
from crm_desktop.ui.today.preferences_page import FollowUpsPage  # noqa: E402

PAGES.append(FollowUpsPage)

from crm_desktop.ui.pipeline.stages_page import PipelinePage  # noqa: E402

PAGES.append(PipelinePage)
