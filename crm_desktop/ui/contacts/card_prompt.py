"""The one question the card asks: what to do with unsaved edits. Tests patch ask_unsaved_changes."""

from __future__ import annotations

import enum

from PySide6.QtWidgets import QMessageBox, QWidget


class UnsavedChoice(enum.Enum):
    SAVE = "save"
    DISCARD = "discard"
    STAY = "stay"


def ask_unsaved_changes(parent: QWidget, name: str) -> UnsavedChoice:
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle(parent.tr("Unsaved changes"))
    box.setText(parent.tr("Save the changes to “%1”?").replace("%1", name or parent.tr("the new contact")))
    box.setInformativeText(parent.tr("If you don't save, your edits are lost."))
    box.setStandardButtons(
        QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel
    )
    box.setDefaultButton(QMessageBox.StandardButton.Save)
    answer = box.exec()
    if answer == QMessageBox.StandardButton.Save:
        return UnsavedChoice.SAVE
    if answer == QMessageBox.StandardButton.Discard:
        return UnsavedChoice.DISCARD
    return UnsavedChoice.STAY
