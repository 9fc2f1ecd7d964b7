"""Helpers for the deal dialog tests: a workspace on a fixed clock, the dialog's widgets, the file's rows."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel

from crm_desktop.domain.deal import Deal
from crm_desktop.domain.money import Money
from crm_desktop.ui.pipeline.deal_dialog import DealDialog

KARACHI = ZoneInfo("Asia/Karachi")
START = datetime(2026, 11, 23, 5, 0, tzinfo=UTC)  # Monday 10:00 in Karachi


def row_error(dialog: DealDialog, field: str) -> str | None:
    """The red message beside a form field (None while it is hidden)."""
    row = dialog.form.rows[field]
    label = row.findChild(QLabel, f"{row.objectName()}Error")
    assert label is not None
    return label.text() if not label.isHidden() else None


def click_save(qtbot, dialog: DealDialog) -> None:
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)


def open_dialogs(kind) -> list:
    return [w for w in QApplication.topLevelWidgets() if isinstance(w, kind) and w.isVisible()]


def saved_deal(ws, contact_id: int, title: str = "Winter cloth", minor: int = 50_000_00, currency: str = "PKR",
               stage: str = "proposal", **fields) -> Deal:  # fmt: skip
    return ws.pipeline.save(Deal(title=title, value=Money(minor, currency), stage=stage, contact_id=contact_id,
                                 **fields))  # fmt: skip


def deal_count(db_path) -> int:
    from tests.ui.card_helpers import rows

    return rows(db_path, "SELECT count(*) FROM deals")[0][0]
