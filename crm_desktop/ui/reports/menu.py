"""The Reports menu: the contact directory (A-Z or by tag), the activity and pipeline reports, and a
contact's dossier. Each asks where to save the PDF, then writes it in the background."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from PySide6.QtCore import QDate, QObject, QUrl
from PySide6.QtGui import QAction, QDesktopServices
from PySide6.QtWidgets import (QDateEdit, QDialog, QDialogButtonBox, QFileDialog, QFormLayout, QMenu,
                               QMessageBox, QWidget)  # fmt: skip

from crm_desktop.services.workspace import Workspace
from crm_desktop.ui.reports.progress_dialog import JobProgressDialog


def ask_save_path(parent: QWidget, title: str, suggested: str) -> Path | None:
    """The native Save dialog (tests patch this one helper)."""
    name, _ = QFileDialog.getSaveFileName(parent, title, suggested, parent.tr("PDF documents (*.pdf)"))
    if not name:
        return None
    return Path(name if name.lower().endswith(".pdf") else f"{name}.pdf")


def ask_date_range(parent: QWidget, today: date) -> tuple[date, date] | None:
    """The activity report's first and last day (tests patch this helper)."""
    dialog = QDialog(parent)
    dialog.setWindowTitle(parent.tr("Activity Report"))
    first, last = QDateEdit(dialog), QDateEdit(dialog)
    for edit in (first, last):
        edit.setCalendarPopup(True)
    first.setDate(QDate(today.year, today.month, 1))
    last.setDate(QDate(today.year, today.month, today.day))
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, dialog)
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    form = QFormLayout(dialog)
    form.addRow(parent.tr("From:"), first)
    form.addRow(parent.tr("To:"), last)
    form.addRow(buttons)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    a, b = first.date().toPython(), last.date().toPython()
    return (a, b) if a <= b else (b, a)


def open_document(path: Path) -> None:
    QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


def run_report(parent: QWidget, title: str, work: Callable, path: Path,
               on_done: Callable[[Path], None] | None = None) -> JobProgressDialog:
    """Write the document in the background; tell the user how it ended."""
    dialog = JobProgressDialog(title, work, parent)

    def ended(outcome: str, payload) -> None:
        if outcome == "done":
            (on_done or open_document)(path)
        elif outcome == "failed":
            QMessageBox.warning(parent, title, parent.tr("The document could not be written: %1").replace("%1", payload))

    dialog.finished_with.connect(ended)
    dialog.start()
    return dialog


class ReportsMenu(QObject):
    def __init__(self, workspace: Workspace, menu: QMenu, selected_ids: Callable[[], list[int]], parent: QWidget):
        super().__init__(parent)
        self.workspace = workspace
        self.window = parent
        self.selected_ids = selected_ids
        self.running: JobProgressDialog | None = None
        self.directory_action = self._add(menu, self.tr("Contact &Directory (A-Z)..."), "reportDirectory",
                                          lambda: self.directory(False))
        self.directory_by_tag_action = self._add(menu, self.tr("Contact Directory by &Tag..."),
                                                 "reportDirectoryByTag", lambda: self.directory(True))
        menu.addSeparator()
        self.activity_action = self._add(menu, self.tr("&Activity Report..."), "reportActivity", self.activity)
        self.pipeline_action = self._add(menu, self.tr("&Pipeline Report..."), "reportPipeline", self.pipeline)
        menu.addSeparator()
        self.dossier_action = self._add(menu, self.tr("D&ossier of the Selected Contact..."), "reportDossier",
                                        self.dossier)

    def _add(self, menu: QMenu, text: str, name: str, slot) -> QAction:
        action = QAction(text, self.window)
        action.setObjectName(name)
        action.triggered.connect(lambda _checked=False: slot())
        menu.addAction(action)
        return action

    def _run(self, title: str, work: Callable, path: Path) -> None:
        self.running = run_report(self.window, title, work, path)

    def directory(self, by_tag: bool) -> None:
        title = self.tr("Contact Directory by Tag") if by_tag else self.tr("Contact Directory")
        path = ask_save_path(self.window, title, "directory-by-tag.pdf" if by_tag else "directory.pdf")
        if path is not None:
            self._run(title, lambda job: _reports().directory(self.workspace, path, by_tag, job), path)

    def activity(self) -> None:
        chosen = ask_date_range(self.window, self.workspace.pipeline.today())
        if chosen is None:
            return
        path = ask_save_path(self.window, self.tr("Activity Report"), f"activity-{chosen[0]}-{chosen[1]}.pdf")
        if path is not None:
            self._run(self.tr("Activity Report"),
                      lambda job: _reports().activity_report(self.workspace, chosen[0], chosen[1], path, job), path)

    def pipeline(self) -> None:
        path = ask_save_path(self.window, self.tr("Pipeline Report"), "pipeline.pdf")
        if path is not None:
            self._run(self.tr("Pipeline Report"), lambda job: _reports().pipeline_report(self.workspace, path), path)

    def dossier(self, contact_id: int | None = None) -> None:
        if contact_id is None:
            ids = self.selected_ids()
            if len(ids) != 1:
                QMessageBox.information(self.window, self.tr("Dossier"), self.tr("Select one contact first."))
                return
            contact_id = ids[0]
        save_dossier(self.workspace, contact_id, self.window)


def save_dossier(workspace: Workspace, contact_id: int, parent: QWidget) -> JobProgressDialog | None:
    """Ask where, then write one contact's dossier (from the card or the Reports menu)."""
    name = workspace.contacts.get(contact_id).display_name or "contact"
    safe = "".join(ch if ch.isalnum() or ch in " -_" else "_" for ch in name).strip() or "contact"
    path = ask_save_path(parent, parent.tr("Dossier"), f"{safe} dossier.pdf")
    if path is None:
        return None
    return run_report(parent, parent.tr("Dossier"), lambda job: _reports().dossier(workspace, contact_id, path), path)


def _reports():
    """The report writers, imported when a report is asked for: they bring reportlab and HarfBuzz, a
    tenth of a second and more that the window's start need not pay."""
    from crm_desktop.services import reports

    return reports
