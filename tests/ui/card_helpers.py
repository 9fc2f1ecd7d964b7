"""Helpers for driving the contact card like a user: find its widgets, type any script, save, read the file."""

from __future__ import annotations

import sqlite3
from contextlib import closing

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QPushButton


def unexpected_prompt(parent, name):
    raise AssertionError(f"the unsaved-changes prompt was shown for {name!r}")


def rows(db_path, sql, params=()):
    """Read the file with a connection of its own: what a restart of the program would see."""
    with closing(sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)) as conn:
        return conn.execute(sql, params).fetchall()


def child(card, kind, name):
    widget = card.findChild(kind, name)
    assert widget is not None, f"no {kind.__name__} named {name}"
    return widget


def edit(card, name) -> QLineEdit:
    return child(card, QLineEdit, name)


def button(card, name) -> QPushButton:
    return child(card, QPushButton, name)


def error_text(card, name) -> str | None:
    """The red message under a field, or None when it is hidden."""
    label = child(card, QLabel, f"{name}Error")
    return label.text() if not label.isHidden() else None


def type_text(widget, text: str) -> None:
    """Type any script, one key event per character as a keyboard layout sends them.

    QTest.keyClicks only knows ASCII keys (it aborts on Urdu), so non-Latin text is sent as key events
    that carry the character in their text, which is what the editors insert.
    """
    widget.setFocus()
    for ch in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, ch))


def retype(qtbot, line: QLineEdit, text: str) -> None:
    line.setFocus()
    line.selectAll()
    qtbot.keyClick(line, Qt.Key.Key_Backspace)
    type_text(line, text)


def save(qtbot, card) -> int:
    with qtbot.waitSignal(card.contact_saved, timeout=2000) as blocker:
        qtbot.mouseClick(button(card, "saveButton"), Qt.MouseButton.LeftButton)
    return blocker.args[0]
