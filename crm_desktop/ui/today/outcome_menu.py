"""Done from the Today page: a small menu of outcomes at the Done button, one click to choose.

Conversations (call, meeting, email, letter) ask the outcome, other kinds are done at once. The last
entry opens the full Complete dialog (a note, the next step), like the reminder window's Done menu.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QPoint
from PySide6.QtWidgets import QMenu, QWidget

from crm_desktop.domain.activity import CONTACT_KINDS


def needs_outcome(kind: str) -> bool:
    return kind in CONTACT_KINDS


def outcome_menu(parent: QWidget, outcomes: list[str], chosen: Callable[[str], None],
                 fuller: Callable[[], None] | None = None) -> QMenu:  # fmt: skip
    """A menu of the outcomes; choosing one calls chosen(outcome), the last entry fuller().
    Shown with popup(), never exec()."""
    menu = QMenu(parent)
    menu.setObjectName("todayOutcomeMenu")
    title = menu.addSection(parent.tr("Outcome"))
    title.setEnabled(False)
    for outcome in outcomes:
        action = menu.addAction(outcome)
        action.triggered.connect(lambda _checked=False, o=outcome: chosen(o))
    if fuller is not None:
        menu.addSeparator()
        more = menu.addAction(parent.tr("With a Note or Next Step..."))
        more.setObjectName("completeWithDialog")
        more.triggered.connect(lambda _checked=False: fuller())
    return menu


def show_menu(menu: QMenu, at: QPoint) -> None:
    """The one place the menu appears (tests drive its actions instead)."""
    menu.popup(at)
