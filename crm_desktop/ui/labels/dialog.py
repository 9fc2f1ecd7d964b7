"""The Labels dialog: choose a sheet, the recipients and the options, watch the first sheet follow
every change, then Print (the system print dialog, 100% scale) or Save PDF (written in the background
with a progress bar and a Cancel that really cancels).

Planning reads and lays out every recipient (seconds at 100,000 contacts), so it runs on a worker;
the window stays responsive and only the newest plan is shown.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QTimer, Signal
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (QApplication, QComboBox, QDialog, QFileDialog, QHBoxLayout, QLabel, QListWidget,
                               QProgressBar, QPushButton, QScrollArea, QSplitter, QToolButton, QVBoxLayout,
                               QWidget)  # fmt: skip

from crm_desktop.domain.contact_query import ContactQuery
from crm_desktop.services.labels import LabelError, LabelPlan
from crm_desktop.services.workspace import Workspace
from crm_desktop.ui.labels.choices import LabelChoices
from crm_desktop.ui.labels.preview import SheetPreview
from crm_desktop.ui.labels.printing import prepare_printer, print_sheets
from crm_desktop.ui.labels.summary import plan_summary
from crm_desktop.ui.labels.template_dialog import TemplateDialog
from crm_desktop.ui.labels.workers import PdfWriter, Planner

REPLAN_MS = 150  # typing a start number or clicking through options plans once, not per keystroke
OFFSET_SAVE_MS = 600
PROGRESS_DELAY_MS = 500  # a quick save shows no progress bar at all
ZOOMS = (("Fit", None), ("50%", 0.5), ("100%", 1.0), ("200%", 2.0))


class LabelsDialog(QDialog):
    plan_shown = Signal()  # a new plan's first sheet is on screen (or its failure message)
    pdf_finished = Signal(bool, str)  # written, path

    def __init__(self, workspace: Workspace, list_query: ContactQuery | None = None,
                 selection: Sequence[int] = (), parent: QWidget | None = None):  # fmt: skip
        super().__init__(parent)
        self.setObjectName("labelsDialog")
        self.setWindowTitle(self.tr("Mailing Labels"))
        self.workspace = workspace
        self.labels = workspace.labels
        self.plan: LabelPlan | None = None
        self.sheet_number = 0
        self._offset_key = ""
        self._printing = False
        self._print_cancelled = False
        self._shown_generation = -1
        self._saving = False
        self._stopped = False

        tags = [tag for tag, _count in workspace.contacts.tag_counts()]
        self.choices = LabelChoices(self.labels.templates(), tags, list_query, selection, self)
        self.choices.changed.connect(self.schedule_plan)
        self.choices.template_changed.connect(self._load_offset)
        self.choices.add_template_requested.connect(self.add_template)
        self.choices.offset_x.valueChanged.connect(self._offset_edited)
        self.choices.offset_y.valueChanged.connect(self._offset_edited)

        self.preview = SheetPreview(self)
        self.scroll = QScrollArea(self)
        self.scroll.setWidgetResizable(True)
        self.scroll.setWidget(self.preview)
        self.zoom = QComboBox(self)
        self.zoom.setObjectName("labelZoom")
        for text, value in ZOOMS:
            self.zoom.addItem(self.tr(text), value)
        self.zoom.currentIndexChanged.connect(lambda: self.preview.set_zoom(self.zoom.currentData()))
        self.previous_sheet = self._tool("<", "previousSheet", lambda: self.show_sheet(self.sheet_number - 1))
        self.next_sheet = self._tool(">", "nextSheet", lambda: self.show_sheet(self.sheet_number + 1))
        self.sheet_label = QLabel(self)
        self.sheet_label.setObjectName("sheetNumber")
        self.sheet_label.setMinimumWidth(self.sheet_label.fontMetrics().horizontalAdvance("Sheet 888 of 888") + 8)

        self.summary = QLabel(self)
        self.summary.setObjectName("labelSummary")
        self.summary.setWordWrap(True)
        self.skipped = QListWidget(self)
        self.skipped.setObjectName("skippedContacts")
        self.skipped.setMaximumHeight(90)
        self.skipped.hide()

        self.progress = QProgressBar(self)
        self.progress.setObjectName("labelProgress")
        self.cancel_button = QPushButton(self.tr("Cancel"), self)
        self.cancel_button.setObjectName("cancelLabels")
        self.cancel_button.clicked.connect(self.cancel_work)
        self.print_button = QPushButton(self.tr("Print..."), self)
        self.print_button.setObjectName("printLabels")
        self.print_button.clicked.connect(self.print_labels)
        self.save_button = QPushButton(self.tr("Save PDF..."), self)
        self.save_button.setObjectName("saveLabelsPdf")
        self.save_button.clicked.connect(self.save_pdf)
        self.close_button = QPushButton(self.tr("Close"), self)
        self.close_button.setObjectName("closeLabels")
        self.close_button.clicked.connect(self.reject)

        self._layout()
        self.planner = Planner(self)
        self.planner.planned.connect(self._planned)
        self.planner.failed.connect(self._plan_failed)
        self.writer = PdfWriter(self)
        self.writer.progressed.connect(self._pdf_progress)
        self.writer.finished.connect(self._pdf_done)
        self._plan_timer = self._timer(REPLAN_MS, self.plan_now)
        self._offset_timer = self._timer(OFFSET_SAVE_MS, self.save_offset)
        self._progress_timer = self._timer(PROGRESS_DELAY_MS, lambda: self._show_progress(True))
        self._show_progress(False)
        self._load_offset(self.choices.template_key())
        self.resize(1100, 760)
        self.plan_now()

    # ---- building ---------------------------------------------------------------------------------

    def _tool(self, text: str, name: str, slot) -> QToolButton:
        button = QToolButton(self)
        button.setText(text)
        button.setObjectName(name)
        button.clicked.connect(slot)
        return button

    def _timer(self, ms: int, slot) -> QTimer:
        timer = QTimer(self)
        timer.setSingleShot(True)
        timer.setInterval(ms)
        timer.timeout.connect(slot)
        return timer

    def _layout(self) -> None:
        left = QWidget(self)
        left_column = QVBoxLayout(left)
        left_column.setContentsMargins(0, 0, 6, 0)
        left_column.addWidget(self.choices, 1)
        right = QWidget(self)
        right_column = QVBoxLayout(right)
        right_column.setContentsMargins(6, 0, 0, 0)
        bar = QHBoxLayout()
        bar.addWidget(self.previous_sheet)
        bar.addWidget(self.sheet_label)
        bar.addWidget(self.next_sheet)
        bar.addStretch(1)
        bar.addWidget(QLabel(self.tr("Zoom:"), self))
        bar.addWidget(self.zoom)
        right_column.addLayout(bar)
        right_column.addWidget(self.scroll, 1)
        right_column.addWidget(self.summary)
        right_column.addWidget(self.skipped)
        splitter = QSplitter(self)
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([380, 720])
        buttons = QHBoxLayout()
        buttons.addWidget(self.progress, 1)
        buttons.addWidget(self.cancel_button)
        buttons.addStretch(0)
        buttons.addWidget(self.print_button)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.close_button)
        column = QVBoxLayout(self)
        column.addWidget(splitter, 1)
        column.addLayout(buttons)

    # ---- planning ---------------------------------------------------------------------------------

    def schedule_plan(self) -> None:
        self._plan_timer.start()

    def plan_now(self) -> None:
        """Plan the run for the current choices on the worker; the preview follows when it is done."""
        self._plan_timer.stop()
        labels, key = self.labels, self.choices.template_key()
        recipients, options = self.choices.recipients(), self.choices.options()

        def job():
            plan = labels.plan(key, recipients, options)
            return plan, labels.sheet(plan, 0)

        self.planner.request(job)
        self._set_actions_enabled(False)
        if self.plan is None:
            self.preview.set_sheet(None, self.tr("Preparing the preview..."))

    def planning(self) -> bool:
        """True until the newest choices' plan is on screen."""
        return self._plan_timer.isActive() or self._shown_generation != self.planner.generation

    def _planned(self, generation: int, result) -> None:
        if generation != self.planner.generation:
            return  # a newer request is on its way
        self._shown_generation = generation
        self.plan, first = result
        self.sheet_number = 0
        self.preview.set_sheet(first, used=self.plan.options.start - 1)
        self._show_summary()
        self._set_actions_enabled(bool(self.plan.labels))
        self.plan_shown.emit()

    def _plan_failed(self, generation: int, message: str) -> None:
        if generation != self.planner.generation:
            return
        self._shown_generation = generation
        self.plan = None
        self.preview.set_sheet(None, message)
        self.summary.setText(message)
        self.skipped.clear()
        self.skipped.hide()
        self.sheet_label.setText("")
        self.previous_sheet.setEnabled(False)
        self.next_sheet.setEnabled(False)
        self._set_actions_enabled(False)
        self.plan_shown.emit()

    def _show_summary(self) -> None:
        plan = self.plan
        self.summary.setText(plan_summary(len(plan.labels), plan.sheets, [s.name for s in plan.skipped]))
        if not plan.labels:
            self.preview.set_sheet(None, self.tr("None of these contacts has a postal address to print."))
        self.skipped.clear()
        self.skipped.addItems([s.name for s in plan.skipped])
        self.skipped.setVisible(bool(plan.skipped))
        self._show_sheet_number()

    def show_sheet(self, number: int) -> None:
        """Preview sheet `number` (0-based) of the current plan."""
        if self.plan is None or not 0 <= number < self.plan.sheets:
            return
        self.sheet_number = number
        used = self.plan.options.start - 1 if number == 0 else 0
        self.preview.set_sheet(self.labels.sheet(self.plan, number), used=used)
        self._show_sheet_number()

    def _show_sheet_number(self) -> None:
        sheets = self.plan.sheets if self.plan else 0
        self.sheet_label.setText(self.tr("Sheet {0} of {1}").format(self.sheet_number + 1, sheets) if sheets else "")
        self.previous_sheet.setEnabled(self.sheet_number > 0)
        self.next_sheet.setEnabled(self.sheet_number + 1 < sheets)

    def _set_actions_enabled(self, enabled: bool) -> None:
        busy = self._saving or self._printing
        self.print_button.setEnabled(enabled and not busy)
        self.save_button.setEnabled(enabled and not busy)

    # ---- templates and offsets ----------------------------------------------------------------------

    def add_template(self) -> TemplateDialog:
        """Open the Add Template dialog (not modal to the test: it is returned, shown)."""
        dialog = TemplateDialog(self.labels, self)
        dialog.template_saved.connect(self._template_added)
        dialog.open()
        return dialog

    def _template_added(self, key: str) -> None:
        self.choices.set_templates(self.labels.templates(), key)
        self.choices.template_chosen()

    def _load_offset(self, key: str) -> None:
        self.save_offset()  # the previous template's, if still waiting
        self._offset_key = ""  # loading is not editing
        x, y = self.labels.offset(key) if key else (0.0, 0.0)
        self.choices.set_offset(x, y)
        self._offset_key = key

    def _offset_edited(self, *_args) -> None:
        if self._offset_key:
            self._offset_timer.start()

    def save_offset(self) -> None:
        """Remember the offset shown for its template (done a moment after the last change)."""
        self._offset_timer.stop()
        if not self._offset_key:
            return
        x, y = self.choices.offset()
        if (x, y) != self.labels.offset(self._offset_key):
            try:
                self.labels.set_offset(self._offset_key, x, y)
            except LabelError as exc:
                self.summary.setText(str(exc))

    # ---- printing -----------------------------------------------------------------------------------

    def print_labels(self) -> QPrintDialog | None:
        """The system print dialog, opened (not run): printing starts when the user accepts it."""
        if self.plan is None:
            return None
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        template = self.plan.template
        prepare_printer(printer, template.page_width, template.page_height, self.tr("Labels"))
        dialog = QPrintDialog(printer, self)
        dialog.setOption(QPrintDialog.PrintDialogOption.PrintToFile, True)
        dialog.accepted.connect(lambda: self.print_to(printer))
        QDialog.open(dialog)  # QPrintDialog's own open() wants a receiver
        return dialog

    def print_to(self, printer: QPrinter) -> bool:
        """Print the whole run on `printer`, 100% scale, with this template's offset."""
        plan = self.plan
        if plan is None:
            return False
        self.save_offset()
        template = plan.template
        prepare_printer(printer, template.page_width, template.page_height)  # the print dialog may have changed it
        self._printing = True
        self._print_cancelled = False
        self._set_actions_enabled(True)
        self.progress.setRange(0, plan.sheets)
        self.progress.setValue(0)
        self._show_progress(True)

        def progress(done: int) -> None:
            self.progress.setValue(done)
            QApplication.processEvents()  # the Cancel button answers between sheets

        try:
            sheets = (self.labels.sheet(plan, n) for n in range(plan.sheets))
            return print_sheets(printer, sheets, self.choices.offset(), progress, lambda: self._print_cancelled)
        finally:
            self._printing = False
            self._show_progress(False)
            self._set_actions_enabled(self.plan is not None)

    # ---- saving a PDF -------------------------------------------------------------------------------

    def save_pdf(self) -> QFileDialog | None:
        """A save-file dialog, opened; the PDF is written once a file is chosen."""
        if self.plan is None:
            return None
        dialog = QFileDialog(self, self.tr("Save Labels as PDF"))
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setNameFilter(self.tr("PDF files (*.pdf)"))
        dialog.setDefaultSuffix("pdf")
        dialog.selectFile(f"labels-{self.plan.template.key}.pdf")
        dialog.fileSelected.connect(self.save_pdf_to)
        dialog.open()
        return dialog

    def save_pdf_to(self, path: str | Path) -> None:
        """Write the current plan's PDF to `path` in the background."""
        plan = self.plan
        if plan is None or self._saving:
            return
        self.save_offset()
        labels = self.labels
        self.progress.setRange(0, max(1, len(plan.labels)))
        self.progress.setValue(0)
        self._progress_timer.start()
        self._saving = True
        self.writer.start(lambda target, progress, cancelled: labels.write_pdf(plan, target, progress, cancelled),
                          Path(path))  # fmt: skip
        self._set_actions_enabled(True)
        self.cancel_button.show()

    def _pdf_progress(self, done: int, total: int) -> None:
        self.progress.setRange(0, max(1, total))
        self.progress.setValue(done)

    def _pdf_done(self, written: bool, path: str, error: str) -> None:
        self._saving = False
        self._progress_timer.stop()
        self._show_progress(False)
        self._set_actions_enabled(self.plan is not None)
        if error:
            self.summary.setText(self.tr("The PDF could not be saved: {0}").format(error))
        elif written:
            self.summary.setText(self.tr("Saved {0}").format(path) + "\n" + self.summary.text())
        self.pdf_finished.emit(written, path)

    def cancel_work(self) -> None:
        """Cancel the PDF being written or the printing in progress."""
        self.writer.cancel()
        self._print_cancelled = True

    def _show_progress(self, shown: bool) -> None:
        self.progress.setVisible(shown)
        self.cancel_button.setVisible(shown or self._saving)

    # ---- closing ------------------------------------------------------------------------------------

    def stop(self) -> None:
        """Save the offset, cancel what runs, and end the worker threads (once)."""
        if self._stopped:
            return
        self._stopped = True
        self._plan_timer.stop()
        self.save_offset()
        self.writer.stop()
        self.planner.stop()

    def done(self, result: int) -> None:
        self.stop()
        super().done(result)

