"""Reminders beside the main window: the engine, the reminder window, the tray, and what closing means.

With a tray and the "keep running in the tray" preference, closing the main window hides it and the
reminders keep ringing; File > Quit and the tray's Quit quit for real. Without a tray, or with the
preference off, closing the main window quits as before (the reminder window never keeps us alive).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QApplication, QMainWindow

from crm_desktop.ui.reminders import tray as tray_module
from crm_desktop.ui.reminders.engine import ReminderEngine
from crm_desktop.ui.reminders.tray import ReminderTray
from crm_desktop.ui.reminders.window import ReminderWindow


class Reminders(QObject):
    def __init__(self, main_window: QMainWindow):
        super().__init__(main_window)
        self.main_window = main_window
        self.workspace = main_window.workspace
        self.engine = ReminderEngine(self.workspace, main_window.bridge, self)
        self.window = ReminderWindow(self.workspace, self.engine.is_missed)
        self.engine.due.connect(self.window.show_due)
        self.engine.birthdays.connect(self.window.show_birthdays)
        self.window.open_contact.connect(self.open_contact)
        self.tray: ReminderTray | None = None
        if tray_module.tray_available():
            self.tray = ReminderTray(self)
            self.engine.due.connect(lambda _items, total: self.tray.set_count(total))
            self.tray.show_main.connect(self.show_main)
            self.tray.show_reminders.connect(self.show_reminders)
            self.tray.quit.connect(self.quit)
        main_window.installEventFilter(self)

    def start(self) -> None:
        """Show the alarms missed while we were not running, and wait for the next one."""
        if self.tray is not None:
            self.tray.show()
        self.engine.start()

    def stop(self) -> None:
        self.engine.stop()
        self.main_window.removeEventFilter(self)
        if self.window.picker is not None:
            self.window.picker.close()
        self.window.close()
        self.window.deleteLater()
        if self.tray is not None:
            self.tray.hide()

    def keeps_running(self) -> bool:
        """Closing the main window only hides it: a tray to come back from, and the user wants it."""
        return self.tray is not None and self.workspace.follow_up_preferences.keep_running_in_tray

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (watched is self.main_window and event.type() == QEvent.Type.Close
                and not getattr(self.main_window, "quitting", False) and self.keeps_running()):  # fmt: skip
            # Hidden, not closed: unsaved card edits stay where they are, and the reminders keep ringing.
            QApplication.setQuitOnLastWindowClosed(False)
            event.ignore()
            self.main_window.save_state()
            self.main_window.hide()
            return True
        return super().eventFilter(watched, event)

    # ---- what the tray and the reminder window ask for ------------------------------------------

    def show_main(self) -> None:
        window = self.main_window
        QApplication.setQuitOnLastWindowClosed(True)
        window.show()
        window.setWindowState(window.windowState() & ~Qt.WindowState.WindowMinimized)
        window.raise_()
        window.activateWindow()

    def show_reminders(self) -> None:
        if self.window.rows or self.window.birthday_row is not None:
            self.window.show()
            self.window.raise_()
            self.window.activateWindow()

    def open_contact(self, contact_id: int) -> None:
        """Bring the main window up on that contact's card (the card asks about unsaved edits first)."""
        self.show_main()
        window = self.main_window
        window.show_contacts()
        card = window.contacts_view.card
        card.show_contact(contact_id)
        if card.current_id() == contact_id:
            window.contacts_view.show_saved(contact_id)

    def quit(self) -> None:
        self.main_window.quit_for_real()
