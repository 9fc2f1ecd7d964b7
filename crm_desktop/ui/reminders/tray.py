"""The system tray icon: the count of due follow-ups (tooltip and a painted badge), Show, and a real Quit."""

from __future__ import annotations

from PySide6.QtCore import QObject, QRect, Qt, Signal
from PySide6.QtGui import QAction, QColor, QFont, QIcon, QPainter, QPixmap
from PySide6.QtWidgets import QMenu, QSystemTrayIcon

from crm_desktop.ui.plural import counted
from crm_desktop.ui.resources import app_icon

BADGE_COLOUR = QColor("#c62828")
ICON_PIXELS = 64


def tray_available() -> bool:
    """A desktop with a system tray (not offscreen, not a bare X server); tests patch this one function."""
    return QSystemTrayIcon.isSystemTrayAvailable()


def badge_icon(base: QIcon, count: int, size: int = ICON_PIXELS) -> QIcon:
    """The app icon with a red disc holding the count in its lower right corner (none at zero)."""
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    base.paint(painter, QRect(0, 0, size, size))
    if count > 0:
        text = str(count) if count < 100 else "99+"
        disc = QRect(size * 3 // 8, size * 3 // 8, size * 5 // 8, size * 5 // 8)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(BADGE_COLOUR)
        painter.drawEllipse(disc)
        font = QFont()
        font.setBold(True)
        font.setPixelSize(disc.height() * (6 if len(text) == 1 else 4) // 10)
        painter.setFont(font)
        painter.setPen(QColor("white"))
        painter.drawText(disc, Qt.AlignmentFlag.AlignCenter, text)
    painter.end()
    return QIcon(pixmap)


class ReminderTray(QObject):
    """Created only where tray_available(); `show_main`, `show_reminders` and `quit` are wired by Reminders."""

    show_main = Signal()
    show_reminders = Signal()
    quit = Signal()

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self.base_icon = app_icon()
        self.count = -1
        self.menu = QMenu()
        self.menu.setObjectName("trayMenu")
        self.show_action = QAction(self.tr("Show crm-desktop"), self)
        self.show_action.setObjectName("trayShow")
        self.show_action.triggered.connect(self.show_main)
        self.due_action = QAction(self)
        self.due_action.setObjectName("trayDue")
        self.due_action.triggered.connect(self.show_reminders)
        self.quit_action = QAction(self.tr("Quit"), self)
        self.quit_action.setObjectName("trayQuit")
        self.quit_action.triggered.connect(self.quit)
        self.menu.addAction(self.show_action)
        self.menu.addAction(self.due_action)
        self.menu.addSeparator()
        self.menu.addAction(self.quit_action)
        self.icon = QSystemTrayIcon(self)
        self.icon.setContextMenu(self.menu)
        self.icon.activated.connect(self._activated)
        self.set_count(0)

    def show(self) -> None:
        self.icon.show()

    def set_count(self, count: int) -> None:
        if count == self.count:
            return
        self.count = count
        self.icon.setIcon(badge_icon(self.base_icon, count))
        due = counted("ReminderTray", "%n follow-up due", "%n follow-ups due", count)
        self.icon.setToolTip(f"crm-desktop\n{due}")
        self.due_action.setText(due)
        self.due_action.setEnabled(count > 0)

    def _activated(self, reason: QSystemTrayIcon.ActivationReason) -> None:
        if reason in (QSystemTrayIcon.ActivationReason.Trigger, QSystemTrayIcon.ActivationReason.DoubleClick):
            self.show_main.emit()

    def hide(self) -> None:
        self.icon.hide()
        self.menu.deleteLater()
