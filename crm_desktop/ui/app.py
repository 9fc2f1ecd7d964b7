"""Starting the GUI: the QApplication, bundled fonts, the database (or a clear message why not)."""

from __future__ import annotations

import sys
import threading

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from crm_desktop import APP_NAME, __version__
from crm_desktop.cli import GuiOptions
from crm_desktop.db.connection import CHECK_ON_OPEN_BYTES
from crm_desktop.db.errors import DamagedDatabaseError, StorageError
from crm_desktop.services.workspace import Workspace, open_workspace
from crm_desktop.ui.main_window import MainWindow
from crm_desktop.ui.reminders.controller import Reminders
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
            # Imported only here: the demo name pools cost a few tenths of a second at start-up.
            from crm_desktop.services.demo import ensure_demo_database

            ensure_demo_database(options.db_path)
        return open_workspace(options.db_path)
    except StorageError as exc:
        show_startup_error(str(exc))
        return None


def show_damage_warning(message: str, parent: QWidget | None = None) -> None:
    """Tell the user the file turned out to be damaged (tests patch this one function)."""
    QMessageBox.warning(parent, QApplication.translate("startup", "The database is damaged"), message)


class IntegrityCheck(QObject):
    """Checks a big file page by page on a worker once the window is up (small files were checked
    before opening); a damaged file is then kept read-only and the user is told."""

    finished = Signal(list)

    def __init__(self, workspace: Workspace, window: QWidget):
        super().__init__(window)
        self._workspace, self._window = workspace, window
        self.finished.connect(self._report)
        self.thread: threading.Thread | None = None
        if workspace.path.stat().st_size > CHECK_ON_OPEN_BYTES:
            self.thread = threading.Thread(target=self._run, daemon=True)
            self.thread.start()

    def _run(self) -> None:
        self.finished.emit(self._workspace.database.check_integrity())

    def _report(self, problems: list) -> None:
        if problems:
            error = DamagedDatabaseError(self._workspace.path, "; ".join(problems[:3]))
            self._workspace.database.refuse_writes(error)
            show_damage_warning(
                f"{error}\n\n"
                + QApplication.translate("startup", "You can still read and export your contacts; nothing will be saved."),
                self._window,
            )


def run_gui(options: GuiOptions) -> int:
    app = create_application()
    workspace = open_for_gui(options)
    if workspace is None:
        return 1
    try:
        window = MainWindow(workspace)
        window.show()
        reminders = Reminders(window)
        reminders.start()
        check = IntegrityCheck(workspace, window)
        status = app.exec()
        reminders.stop()
        if check.thread is not None:
            check.thread.join()
        return status
    finally:
        workspace.close()
