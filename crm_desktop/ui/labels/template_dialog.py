"""Add a label template of one's own: the figures printed on the box (or measured with a ruler), in mm.
The engine checks them; a sheet that cannot exist is refused with its message and the dialog stays
open for a correction."""

from __future__ import annotations

import re
import unicodedata

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (QComboBox, QDialog, QDialogButtonBox, QDoubleSpinBox, QFormLayout, QHBoxLayout,
                               QLabel, QLineEdit, QSpinBox, QVBoxLayout, QWidget)  # fmt: skip

from crm_desktop.printing.label_templates import PAGE_SIZES, TemplateError

# Field name, label, default (an Avery 5160-like sheet, a sensible start for most boxes).
_SIZES = (("label_width", "Label width", 66.7), ("label_height", "Label height", 25.4),
          ("top_margin", "Top margin", 12.7), ("left_margin", "Left margin", 4.8),
          ("h_pitch", "Horizontal pitch", 69.9), ("v_pitch", "Vertical pitch", 25.4))  # fmt: skip


def template_key(name: str, taken: set[str]) -> str:
    """A key for the engine from the name ("My Sheet 2" -> "my-sheet-2"), unique among `taken`."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    base = re.sub(r"[^a-z0-9]+", "-", ascii_name).strip("-")[:30] or "custom"
    key, number = base, 2
    while key in taken:
        key, number = f"{base}-{number}", number + 1
    return key


class TemplateDialog(QDialog):
    template_saved = Signal(str)  # the new template's key

    def __init__(self, labels, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("labelTemplateDialog")
        self.setWindowTitle(self.tr("Add Label Template"))
        self._labels = labels
        self.name = QLineEdit(self)
        self.name.setObjectName("templateName")
        self.name.setPlaceholderText(self.tr("e.g. Office supplies 3 x 8"))
        self.page = QComboBox(self)
        self.page.setObjectName("templatePage")
        self.page.addItem(self.tr("A4 (210 x 297 mm)"), "a4")
        self.page.addItem(self.tr("US Letter (215.9 x 279.4 mm)"), "letter")
        self.page.addItem(self.tr("Other size"), "")
        self.page_width = self._mm(210.0, "templatePageWidth", 1000.0)
        self.page_height = self._mm(297.0, "templatePageHeight", 1000.0)
        self.page.currentIndexChanged.connect(self._page_chosen)
        self.columns = self._count(3, "templateColumns")
        self.rows = self._count(10, "templateRows")
        self.sizes = {name: self._mm(value, f"template_{name}") for name, _label, value in _SIZES}

        form = QFormLayout()
        form.addRow(self.tr("Name:"), self.name)
        form.addRow(self.tr("Page:"), self.page)
        custom = QHBoxLayout()
        custom.addWidget(self.page_width)
        custom.addWidget(QLabel("x", self))
        custom.addWidget(self.page_height)
        form.addRow(self.tr("Page size:"), custom)
        grid = QHBoxLayout()
        grid.addWidget(self.columns)
        grid.addWidget(QLabel(self.tr("across,"), self))
        grid.addWidget(self.rows)
        grid.addWidget(QLabel(self.tr("down"), self))
        grid.addStretch(1)
        form.addRow(self.tr("Labels:"), grid)
        titles = {"label_width": self.tr("Label width:"), "label_height": self.tr("Label height:"),
                  "top_margin": self.tr("Top margin:"), "left_margin": self.tr("Left margin:"),
                  "h_pitch": self.tr("Horizontal pitch:"), "v_pitch": self.tr("Vertical pitch:")}  # fmt: skip
        for name, _label, _value in _SIZES:
            form.addRow(titles[name], self.sizes[name])
        hint = QLabel(self.tr("Pitch: from the left (top) edge of one label to the same edge of the next."), self)
        hint.setWordWrap(True)
        self.error = QLabel(self)
        self.error.setObjectName("templateError")
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #c62828;")
        self.error.hide()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel,
                                   self)  # fmt: skip
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.buttons = buttons
        column = QVBoxLayout(self)
        column.addLayout(form)
        column.addWidget(hint)
        column.addWidget(self.error)
        column.addWidget(buttons)
        self._page_chosen()

    def _mm(self, value: float, name: str, maximum: float = 500.0) -> QDoubleSpinBox:
        box = QDoubleSpinBox(self)
        box.setObjectName(name)
        box.setRange(0.0, maximum)
        box.setDecimals(2)
        box.setSingleStep(0.1)
        box.setSuffix(" mm")
        box.setValue(value)
        return box

    def _count(self, value: int, name: str) -> QSpinBox:
        box = QSpinBox(self)
        box.setObjectName(name)
        box.setRange(1, 100)
        box.setValue(value)
        return box

    def _page_chosen(self, *_args) -> None:
        code = self.page.currentData()
        if code:
            width, height = PAGE_SIZES[code]
            self.page_width.setValue(width)
            self.page_height.setValue(height)
        self.page_width.setEnabled(not code)
        self.page_height.setEnabled(not code)

    def data(self) -> dict:
        """The template as the engine reads it."""
        taken = {t.key for t in self._labels.templates()}
        name = self.name.text().strip()
        result = {"key": template_key(name, taken), "name": name, "page_width": self.page_width.value(),
                  "page_height": self.page_height.value(), "columns": self.columns.value(),
                  "rows": self.rows.value()}  # fmt: skip
        result.update({name: box.value() for name, box in self.sizes.items()})
        return result

    def accept(self) -> None:
        try:
            template = self._labels.save_template(self.data())
        except TemplateError as exc:
            self.error.setText(str(exc))
            self.error.show()
            return
        self.template_saved.emit(template.key)
        super().accept()
