"""Starting the GUI: the QApplication, bundled fonts, the database (or a clear message why not)."""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from crm_desktop import APP_NAME, __version__
from crm_desktop.cli import GuiOptions
from crm_desktop.db.errors import StorageError
from crm_desktop.services.demo import ensure_demo_database
from crm_desktop.services.workspace import Workspace, open_workspace
from crm_desktop.ui.main_window import MainWindow
from crm_desktop.ui.resources import app_icon, register_fonts


def show_startup_error(message: str, parent: QWidget | None = None) -> None:
    """Tell the user why the database cannot be opened (tests patch this one function)."""
    QMessageBox.critical(parent, QApplication.translate("startup", "crm-desktop cannot start"), message)


def create_application(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance() or QApplication(argv if argv is not None else sys.argv[:1])
    app.setOrganizationName(APP_NAME)
    app.setApplicationName(APP_NAME)
    app.setApplicationDisplayName(QApplication.translate("startup", "Contacts"))
    app.setApplicationVersion(__version__)
    app.setDesktopFileName(APP_NAME)
    app.setWindowIcon(app_icon())
    # Registered fonts join Qt's per-script fallback, so Urdu, Hindi and Tamil render on machines
    # without such fonts; item views and the card also pick them first by each text's script.
    register_fonts()
    return app


def open_for_gui(options: GuiOptions) -> Workspace | None:
    """The workspace to show, or None after telling the user why it cannot be opened."""
    try:
        if options.demo:
            ensure_demo_database(options.db_path)
        return open_workspace(options.db_path)
    except StorageError as exc:
        show_startup_error(str(exc))
        return None


def run_gui(options: GuiOptions) -> int:
    app = create_application()
    workspace = open_for_gui(options)
    if workspace is None:
        return 1
    try:
        window = MainWindow(workspace)
        window.show()
        return app.exec()
    finally:
        workspace.close()
