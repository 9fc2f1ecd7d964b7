"""Help > About: the version, Qt's version and where this data file lives."""

from __future__ import annotations

import html
from pathlib import Path

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import QCoreApplication, QUrl, qVersion
from PySide6.QtWidgets import QMessageBox, QWidget

from crm_desktop import __version__


def _tr(text: str) -> str:
    return QCoreApplication.translate("About", text)


def about_text(db_path: Path) -> str:
    """Rich text for the About box; the path links to its folder so the user can find (and back up) it."""
    folder = QUrl.fromLocalFile(str(db_path.parent)).toString()
    return (
        f"<h3>crm-desktop {html.escape(__version__)}</h3>"
        f"<p>{html.escape(_tr('A contact manager for small businesses, over one SQLite file that you own.'))}</p>"
        f"<p><b>{html.escape(_tr('Data file:'))}</b><br><a href='{html.escape(folder)}'>"
        f"{html.escape(str(db_path))}</a></p>"
        f"<p><small>PySide6 {html.escape(pyside_version)} · Qt {html.escape(qVersion())}</small></p>"
    )


def show_about(parent: QWidget, db_path: Path) -> None:
    """Show the About box (tests patch this one function)."""
    QMessageBox.about(parent, _tr("About crm-desktop"), about_text(db_path))
