"""The contact card: shows the selected contact and edits it in place, with inline validation."""

from __future__ import annotations

from PySide6.QtCore import QDateTime, QLocale, QPoint, Qt, Signal
from PySide6.QtGui import QFont, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from crm_desktop.db.errors import NotFoundError, StorageError
from crm_desktop.domain.contact import Contact, ContactKind
from crm_desktop.domain.validation import FieldError, ValidationError
from crm_desktop.services.changes import Change, ChangeKind
from crm_desktop.services.workspace import Workspace
from crm_desktop.ui.activities.timeline import ActivityTimeline
from crm_desktop.ui.change_bridge import ChangeBridge
from crm_desktop.ui.contacts import card_prompt
from crm_desktop.ui.contacts.card_deals import ContactDeals
from crm_desktop.ui.contacts.card_form import ContactForm
from crm_desktop.ui.contacts.card_logic import local_time
from crm_desktop.ui.contacts.card_prompt import UnsavedChoice
from crm_desktop.ui.contacts.field_widgets import ERROR_STYLE, ErrorLabel, apply_text_direction
from crm_desktop.ui.reports.menu import save_dossier


def _local_text(iso_utc: str | None) -> str:
    moment = local_time(iso_utc)
    if moment is None:
        return ""
    shown = QDateTime.fromSecsSinceEpoch(int(moment.timestamp()))
    return QLocale().toString(shown, QLocale.FormatType.ShortFormat)


class ContactCard(QWidget):
    """The selected contact as an editable form. Save (Ctrl+S) writes it whole, or not at all.

    contact_saved is emitted after a save that leaves the card on that contact; a save made while
    switching to another contact is announced only through the change bus. contact_kept is emitted with
    the id still shown when the user chose to stay on unsaved edits instead of switching.
    """

    contact_saved = Signal(int)
    contact_kept = Signal(object)

    def __init__(self, workspace: Workspace, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("contactCard")
        self.setStyleSheet(ERROR_STYLE)
        self.workspace = workspace
        self._contact: Contact | None = None  # as last loaded or saved; None: the empty state
        self._loading = False
        self._saving = False
        self.bridge = ChangeBridge(workspace.changes, self)  # before the page: the Deals section follows it too

        self.stack = QStackedWidget(self)
        self.empty_state = QLabel(self)
        self.empty_state.setText(
            self.tr("<p style='font-size:large'>Select a contact</p><p>or press Ctrl+N to add a new one.</p>")
        )
        self.empty_state.setObjectName("cardEmptyState")
        self.empty_state.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_state.setWordWrap(True)
        self.empty_state.setEnabled(False)
        self.stack.addWidget(self.empty_state)
        self.stack.addWidget(self._editor_page())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack)

        self.save_shortcut = QShortcut(QKeySequence(QKeySequence.StandardKey.Save), self)
        self.save_shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.save_shortcut.activated.connect(self.save)
        self.bridge.changed.connect(self._on_change)
        self.show_contact(None)

    def _editor_page(self) -> QWidget:
        page = QWidget(self)
        self.title = QLabel(page)
        self.title.setObjectName("cardTitle")
        title_font = QFont(self.title.font())
        title_font.setPointSizeF(title_font.pointSizeF() * 1.6)
        title_font.setBold(True)
        self.title.setFont(title_font)
        self.title.setWordWrap(True)
        self.title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.subtitle = QLabel(page)
        self.subtitle.setObjectName("cardSubtitle")
        self.subtitle.setWordWrap(True)
        subtitle_font = QFont(self.subtitle.font())
        subtitle_font.setPointSizeF(subtitle_font.pointSizeF() * 1.1)
        self.subtitle.setFont(subtitle_font)

        self.revert_button = QPushButton(self.tr("Revert"), page)
        self.revert_button.setObjectName("revertButton")
        self.revert_button.setToolTip(self.tr("Discard the changes"))
        self.revert_button.clicked.connect(self.revert)
        self.save_button = QPushButton(self.tr("Save"), page)
        self.save_button.setObjectName("saveButton")
        self.save_button.setToolTip(self.tr("Save the changes (Ctrl+S)"))
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self.save)
        self.dossier_button = QPushButton(self.tr("Dossier (PDF)…"), page)
        self.dossier_button.setObjectName("dossierButton")
        self.dossier_button.setToolTip(self.tr("Save this contact's details, deals, next steps and history as a PDF"))
        self.dossier_button.clicked.connect(self._save_dossier)
        self.status = ErrorLabel("cardStatus")

        names = QVBoxLayout()
        names.setSpacing(2)
        names.addWidget(self.title)
        names.addWidget(self.subtitle)
        header = QHBoxLayout()
        header.addLayout(names, 1)
        header.addWidget(self.dossier_button, 0, Qt.AlignmentFlag.AlignTop)
        header.addWidget(self.revert_button, 0, Qt.AlignmentFlag.AlignTop)
        header.addWidget(self.save_button, 0, Qt.AlignmentFlag.AlignTop)

        self.form = ContactForm(page)
        self.form.changed.connect(self._on_edit)
        self.scroll = QScrollArea(page)
        self.scroll.setObjectName("cardScroll")
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroll.setWidget(self.form)

        line = QFrame(page)
        line.setFrameShape(QFrame.Shape.HLine)
        line.setFrameShadow(QFrame.Shadow.Sunken)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(12, 10, 4, 8)
        layout.addLayout(header)
        layout.addWidget(self.status)
        layout.addWidget(line)
        layout.addWidget(self._with_timeline(page), 1)
        return page

    def _with_timeline(self, page: QWidget) -> QSplitter:
        """The form above, the contact's deals and activities below (both follow the card shown)."""
        self.timeline = ActivityTimeline(self.workspace, page)
        self.deals = ContactDeals(self.workspace, self.bridge, page)
        self.card_splitter = QSplitter(Qt.Orientation.Vertical, page)
        self.card_splitter.setObjectName("cardSplitter")
        self.card_splitter.setChildrenCollapsible(False)
        self.card_splitter.addWidget(self.scroll)
        self.card_splitter.addWidget(self.deals)
        self.card_splitter.addWidget(self.timeline)
        self.card_splitter.setStretchFactor(0, 3)
        self.card_splitter.setStretchFactor(1, 1)
        self.card_splitter.setStretchFactor(2, 2)
        self.card_splitter.setSizes([500, 150, 330])
        return self.card_splitter

    # ---- what others call --------------------------------------------------------------------------

    def _save_dossier(self) -> None:
        if self._contact is not None and self._contact.id is not None:
            save_dossier(self.workspace, self._contact.id, self)

    def current_id(self) -> int | None:
        return self._contact.id if self._contact is not None else None

    def show_contact(self, contact_id: int | None) -> None:
        """Show a saved contact (None: the empty state), asking first about unsaved edits."""
        if contact_id is not None and contact_id == self.current_id() and self.has_unsaved_changes():
            return  # already shown, with edits in progress
        if not self.confirm_leave():
            self.contact_kept.emit(self.current_id())
            return
        if contact_id is None:
            self._load(None)
            return
        try:
            contact = self.workspace.contacts.get(contact_id)
        except NotFoundError:
            contact = None
        self._load(contact)

    def new_contact(self, kind: ContactKind) -> None:
        if not self.confirm_leave():
            self.contact_kept.emit(self.current_id())
            return
        self._load(Contact(kind=kind))
        first = self.form.boxes["first_name" if kind is ContactKind.PERSON else "company"].editor
        first.setFocus(Qt.FocusReason.OtherFocusReason)

    def has_unsaved_changes(self) -> bool:
        if self._contact is None:
            return False
        edited, form_errors = self.form.contact()
        return bool(form_errors) or edited != self._contact

    def confirm_leave(self) -> bool:
        """True when the card may move on: no edits, or the user saved or discarded them."""
        if not self.has_unsaved_changes():
            return True
        edited, _ = self.form.contact()
        choice = card_prompt.ask_unsaved_changes(self, edited.display_name)
        if choice is UnsavedChoice.SAVE:
            return self._save(announce=False)
        return choice is UnsavedChoice.DISCARD

    def save(self) -> bool:
        """Validate and save the edits as one transaction; False (errors shown) if nothing was saved."""
        return self._save(announce=True)

    def revert(self) -> None:
        self._load(self._contact)

    # ---- inside -------------------------------------------------------------------------------------

    def _load(self, contact: Contact | None) -> None:
        self._contact = contact
        self.timeline.show_contact(contact.id if contact is not None else None)
        self.deals.show_contact(contact.id if contact is not None else None)
        self.status.show_message(None)
        self.dossier_button.setEnabled(contact is not None and contact.id is not None)
        if contact is None:
            self.stack.setCurrentWidget(self.empty_state)
            return
        self._loading = True
        try:
            self.form.set_contact(contact)
        finally:
            self._loading = False
        created, updated = _local_text(contact.created_at), _local_text(contact.updated_at)
        self.form.set_timestamps(
            self.tr("Created %1 · Updated %2").replace("%1", created).replace("%2", updated) if created else ""
        )
        self.stack.setCurrentIndex(1)
        self.scroll.verticalScrollBar().setValue(0)
        self._on_edit()

    def _on_edit(self) -> None:
        if self._loading or self._contact is None:
            return
        edited, form_errors = self.form.contact()
        self._show_header(edited)
        errors = form_errors + self.workspace.contacts.validate(edited)
        self.form.show_errors(errors, reveal_all=False)
        if not errors:
            self.status.show_message(None)
        dirty = bool(form_errors) or edited != self._contact
        self.save_button.setEnabled(dirty)
        self.revert_button.setEnabled(dirty)

    def _show_header(self, contact: Contact) -> None:
        name = contact.display_name
        if not name:
            name = self.tr("New company") if contact.kind is ContactKind.COMPANY else self.tr("New person")
        self.title.setText(name)
        if contact.kind is ContactKind.PERSON:
            parts = [p for p in (contact.job_title, contact.company) if p.strip()]
        else:
            parts = [p for p in (contact.nickname,) if p.strip()]
        subtitle = " · ".join(parts)
        self.subtitle.setText(subtitle)
        self.subtitle.setVisible(bool(subtitle))
        apply_text_direction(self.title, name)
        apply_text_direction(self.subtitle, subtitle)

    def _save(self, announce: bool) -> bool:
        if self._contact is None:
            return True
        edited, form_errors = self.form.contact()
        errors = form_errors + self.workspace.contacts.validate(edited)
        if errors:
            self._reveal(errors)
            return False
        self._saving = True
        try:
            saved = self.workspace.contacts.save(edited)
        except ValidationError as exc:
            self._reveal(exc.errors)
            return False
        except (StorageError, NotFoundError) as exc:
            self.status.show_message(self.tr("Not saved: %1").replace("%1", str(exc)))
            return False
        finally:
            self._saving = False
        self._load(saved)
        if announce:
            self.contact_saved.emit(saved.id)
        return True

    def _reveal(self, errors: list[FieldError]) -> None:
        """Show every error, scroll to the first one and put the cursor there."""
        marked = self.form.show_errors(errors, reveal_all=True)
        self.status.show_message(self.tr("Not saved: correct the fields marked in red."))
        if marked:
            first = min(marked, key=lambda w: w.mapTo(self.form, QPoint(0, 0)).y())
            self.scroll.ensureWidgetVisible(first)
            first.setFocus(Qt.FocusReason.OtherFocusReason)

    def _on_change(self, change: Change) -> None:
        """Follow changes made elsewhere (bulk tagging, Trash) to the contact on show."""
        shown = self.current_id()
        if self._saving or change.entity != "contact" or shown is None or shown not in change.ids:
            return
        if change.kind in (ChangeKind.TRASHED, ChangeKind.PURGED):
            self._load(None)
        elif not self.has_unsaved_changes():
            self.show_contact(shown)
