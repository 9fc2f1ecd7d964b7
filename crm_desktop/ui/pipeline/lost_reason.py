"""Asked when a card is dropped on Lost: why the deal was lost (one of the owner's reasons, or a new one)."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from crm_desktop.ui.contacts.field_widgets import follow_text_direction


class LostReasonDialog(QDialog):
    """OK stays disabled until there is a reason; Cancel leaves the deal where it was."""

    def __init__(self, title: str, reasons: list[str], parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("lostReasonDialog")
        self.setWindowTitle(self.tr("Deal lost"))
        question = QLabel(self.tr("Why was “%1” lost?").replace("%1", title), self)
        question.setWordWrap(True)
        self.reasons = QComboBox(self)
        self.reasons.setObjectName("lostReason")
        self.reasons.setEditable(True)
        self.reasons.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.reasons.addItems(reasons)
        self.reasons.setCurrentIndex(-1)  # a choice, not a default: the owner's history relies on it
        self.reasons.lineEdit().setPlaceholderText(self.tr("Choose or type a reason"))
        follow_text_direction(self.reasons.lineEdit())
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel,
                                        self)  # fmt: skip
        self.ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.reasons.currentTextChanged.connect(self._update_ok)
        layout = QVBoxLayout(self)
        layout.addWidget(question)
        layout.addWidget(self.reasons)
        layout.addWidget(self.buttons)
        self._update_ok()

    def reason(self) -> str:
        return self.reasons.currentText().strip()

    def _update_ok(self, *_args) -> None:
        self.ok.setEnabled(bool(self.reason()))
