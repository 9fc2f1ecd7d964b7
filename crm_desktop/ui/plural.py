"""Counted phrases ("1 contact", "1,204 contacts") until translation files provide Qt's %n plurals."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLocale


def counted(context: str, one: str, many: str, n: int) -> str:
    """The phrase for n, with n written the user's way; both forms go through Qt's translation."""
    text = QCoreApplication.translate(context, one if n == 1 else many)
    return text.replace("%n", QLocale().toString(n))
