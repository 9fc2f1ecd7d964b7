"""The one line under the preview: how many labels, on how many sheets, and who was left out."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication

from crm_desktop.ui.plural import counted

NAMES_SHOWN = 8  # the rest are in the list below the line


def plan_summary(labels: int, sheets: int, skipped: Sequence[str]) -> str:
    """'312 labels on 11 sheets; 4 contacts without a postal address: A, B, C, D'."""
    if labels:
        text = counted("LabelsDialog", "%n label", "%n labels", labels) + " " + counted(
            "LabelsDialog", "on %n sheet", "on %n sheets", sheets)
    else:
        text = QCoreApplication.translate("LabelsDialog", "No labels")
    if skipped:
        names = ", ".join(skipped[:NAMES_SHOWN])
        if len(skipped) > NAMES_SHOWN:
            more = len(skipped) - NAMES_SHOWN
            names += " " + counted("LabelsDialog", "and %n more", "and %n more", more)
        text += "; " + counted("LabelsDialog", "%n contact without a postal address",
                               "%n contacts without a postal address", len(skipped)) + ": " + names
    return text
