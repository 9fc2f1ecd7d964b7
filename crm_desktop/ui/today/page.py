"""The Today page, the start page: overdue, due today, the coming days, birthdays and customers going cold.

Each item is one click from its contact (the name) and one click from done (the Done button). The page
follows the change bus (activities, contacts, settings) and the calendar (a timer for the next midnight).
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QByteArray, QDate, QLocale, QModelIndex, QRect, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QShowEvent, QStandardItemModel
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QLabel, QTreeView, QVBoxLayout, QWidget

from crm_desktop.db.errors import StorageError
from crm_desktop.domain.clock import today
from crm_desktop.services.workspace import Workspace
from crm_desktop.ui.activities.complete_dialog import open_complete_dialog
from crm_desktop.ui.change_bridge import ChangeBridge
from crm_desktop.ui.today import outcome_menu
from crm_desktop.ui.today.agenda_items import (
    ACTION,
    CONTACT,
    CONTACT_ROLE,
    KIND,
    ROW_ROLE,
    SECTION_ROLE,
    SUBJECT,
    WHEN,
    AgendaItems,
)
from crm_desktop.ui.today.delegate import ITEM_ROWS, TodayDelegate
from crm_desktop.ui.today.midnight import MidnightTimer

UPCOMING_DAYS = 7
REFRESHING_ENTITIES = ("activity", "contact", "settings")


class TodayPage(QWidget):
    status_changed = Signal(str)
    contact_requested = Signal(int)  # the user clicked a contact: the main window shows its card

    def __init__(self, workspace: Workspace, bridge: ChangeBridge, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("todayPage")
        self.workspace = workspace
        self.agenda = None
        self._shown_day: date | None = None
        self._stale = True
        self._stopped = False
        self._collapsed: set[str] = set()
        self._kinds: dict[int, str] = {}
        self.outcome_menu = None  # the open outcome chooser, if any

        self.title = QLabel(self)
        self.title.setObjectName("todayTitle")
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        self.title.setFont(font)
        self.summary = QLabel(self)
        self.summary.setObjectName("todaySummary")

        self.model = QStandardItemModel(self)
        self.items = AgendaItems(self.model)
        self.tree = QTreeView(self)
        self.tree.setObjectName("todayTree")
        self.tree.setModel(self.model)
        self.delegate = TodayDelegate(self.tree)
        self.tree.setItemDelegate(self.delegate)
        self.tree.setUniformRowHeights(True)
        self.tree.setMouseTracking(True)  # the name under the mouse is underlined like a link
        self.tree.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.tree.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.tree.setAllColumnsShowFocus(True)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(SUBJECT, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(ACTION, QHeaderView.ResizeMode.Fixed)
        for column, width in ((WHEN, 170), (KIND, 90), (CONTACT, 240), (ACTION, 96)):
            header.resizeSection(column, width)
        self.delegate.contact_clicked.connect(self.contact_requested)
        self.delegate.done_clicked.connect(self._done_clicked)
        self.tree.activated.connect(self._activated)
        self.tree.collapsed.connect(lambda index: self._collapsed.add(index.data(SECTION_ROLE)))
        self.tree.expanded.connect(lambda index: self._collapsed.discard(index.data(SECTION_ROLE)))

        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 10, 12, 6)
        layout.addWidget(self.title)
        layout.addWidget(self.summary)
        layout.addWidget(self.tree, 1)

        # Many changes at once (an import, Done with its next step) make one refresh.
        self._refresh_timer = QTimer(self)
        self._refresh_timer.setSingleShot(True)
        self._refresh_timer.setInterval(0)
        self._refresh_timer.timeout.connect(self.refresh)
        self.midnight = MidnightTimer(workspace.clock, self)
        self.midnight.day_changed.connect(self.refresh)
        bridge.changed.connect(self._on_change)
        self.refresh()

    # ---- keeping up to date -----------------------------------------------------------------------

    def _on_change(self, change) -> None:
        if change.entity not in REFRESHING_ENTITIES or self._stopped:
            return
        self._stale = True
        if self.isVisible():
            self._refresh_timer.start()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        # Hidden, the page let changes pass; the day may also have turned while the computer slept.
        if self._stale or self._shown_day != today(self.workspace.clock):
            self.refresh()

    def refresh(self) -> None:
        if self._stopped:
            return
        self._refresh_timer.stop()
        self.midnight.arm()
        prefs = self.workspace.follow_up_preferences
        try:
            agenda = self.workspace.agenda.agenda(UPCOMING_DAYS)
        except StorageError as exc:  # e.g. a damaged file: the page says so, the window stays usable
            self.summary.setText(self.tr("The agenda cannot be read: {0}").format(exc))
            return
        self.agenda = agenda
        self._kinds = {a.id: a.kind for a in (*agenda.overdue, *agenda.today, *agenda.upcoming)}
        self.items.fill(agenda, self.workspace.clock.zone, prefs.care_rules, UPCOMING_DAYS)
        self._arrange_rows()
        self._stale = False
        self._shown_day = agenda.day
        self.title.setText(self.tr("Today, {0}").format(
            QLocale().toString(QDate(agenda.day.year, agenda.day.month, agenda.day.day), QLocale.FormatType.LongFormat)))
        self.summary.setText(self.status_text())
        self.status_changed.emit(self.status_text())

    def _arrange_rows(self) -> None:
        root = QModelIndex()
        for row in range(self.model.rowCount()):
            self.tree.setFirstColumnSpanned(row, root, True)
            section = self.model.index(row, 0)
            for child in range(self.model.rowCount(section)):
                if self.model.index(child, 0, section).data(ROW_ROLE) not in ITEM_ROWS:
                    self.tree.setFirstColumnSpanned(child, section, True)
            self.tree.setExpanded(section, section.data(SECTION_ROLE) not in self._collapsed)

    def status_text(self) -> str:
        a = self.agenda
        if a is None:
            return ""
        return self.tr("{0} overdue, {1} due today, {2} in the next {3} days").format(
            QLocale().toString(a.overdue_count), QLocale().toString(len(a.today)),
            QLocale().toString(a.upcoming_count), UPCOMING_DAYS)

    # ---- clicks -----------------------------------------------------------------------------------

    def _activated(self, index: QModelIndex) -> None:
        """Enter (or a double click) on any item opens its contact."""
        contact_id = index.data(CONTACT_ROLE)
        if contact_id is not None and index.column() != ACTION:
            self.contact_requested.emit(contact_id)

    def _done_clicked(self, activity_id: int, rect: QRect) -> None:
        kind = self._kinds.get(activity_id, "")
        if not outcome_menu.needs_outcome(kind):
            self.complete(activity_id, "")
            return
        menu = outcome_menu.outcome_menu(self, self.workspace.follow_up_preferences.outcomes,
                                         lambda outcome: self.complete(activity_id, outcome),
                                         lambda: open_complete_dialog(self.workspace, activity_id, self))
        menu.aboutToHide.connect(menu.deleteLater)
        self.outcome_menu = menu
        outcome_menu.show_menu(menu, self.tree.viewport().mapToGlobal(rect.bottomLeft()))

    def complete(self, activity_id: int, outcome: str) -> None:
        """Done: the item goes to the history with its outcome (the change bus refreshes the page)."""
        self.workspace.activities.complete(activity_id, outcome)

    # ---- the main window's section protocol --------------------------------------------------------

    def stop(self) -> None:
        self._stopped = True
        self._refresh_timer.stop()
        self.midnight.stop()

    def save_state(self, settings: QSettings) -> None:
        settings.setValue("today/header", self.tree.header().saveState())
        settings.setValue("today/collapsed", sorted(self._collapsed))

    def restore_state(self, settings: QSettings) -> None:
        state = settings.value("today/header")
        if isinstance(state, QByteArray):
            self.tree.header().restoreState(state)
        collapsed = settings.value("today/collapsed")
        if isinstance(collapsed, list):
            self._collapsed = {str(key) for key in collapsed}
            self._arrange_rows()
        elif isinstance(collapsed, str) and collapsed:
            self._collapsed = {collapsed}
            self._arrange_rows()
