"""A saved deal's progress beside its form: the next step, the stages it went through, and its timeline
(the activities linked to it, newest first), with the buttons that log one or schedule the next step."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStackedWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from crm_desktop.db.errors import NotFoundError
from crm_desktop.domain.activity import ActivityKind
from crm_desktop.domain.deal import Deal, DealStatus
from crm_desktop.services.changes import Change
from crm_desktop.services.workspace import Workspace
from crm_desktop.ui.activities import dialog as activity_dialog
from crm_desktop.ui.activities import labels
from crm_desktop.ui.activities.model import TIMELINE_COLUMNS, ActivityTableModel
from crm_desktop.ui.activities.table import ActivityTable
from crm_desktop.ui.change_bridge import ChangeBridge
from crm_desktop.ui.contacts.table_view import empty_label
from crm_desktop.ui.plural import counted
from crm_desktop.ui.resources import icon

NO_STEP_STYLE = "QLabel#dealNextStep[missing=\"true\"] { color: #a15c00; }"


class DealProgress(QWidget):
    """Follows one saved deal; refreshes itself when activities or deals change."""

    activity_dialog_opened = Signal(object)  # the ActivityDialog shown (for tests and the lead's wiring)

    def __init__(self, workspace: Workspace, bridge: ChangeBridge, deal: Deal, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("dealProgress")
        self.setStyleSheet(NO_STEP_STYLE)
        self.workspace = workspace
        self.deal = deal

        self.next_step = QLabel(self)
        self.next_step.setObjectName("dealNextStep")
        self.next_step.setWordWrap(True)
        self.log_button = self._button("dealLogActivity", self.tr("&Log activity…"), "activity-call",
                                       lambda: self.open_new(done=True))  # fmt: skip
        self.schedule_button = self._button("dealScheduleNext", self.tr("Schedule ne&xt step…"),
                                            "activity-followup", lambda: self.open_new(done=False))  # fmt: skip

        self.history = QTreeWidget(self)
        self.history.setObjectName("dealHistory")
        self.history.setHeaderLabels([self.tr("Stage"), self.tr("Entered"), self.tr("Days")])
        self.history.setRootIsDecorated(False)
        self.history.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.history.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.history.setColumnWidth(0, 150)
        self.history.setColumnWidth(1, 110)
        self.history.headerItem().setTextAlignment(2, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        rows = self.history.fontMetrics().height() + 8
        self.history.setMaximumHeight(rows * 6 + 10)

        self.model = ActivityTableModel(workspace.activities, workspace.clock, self._timeline_ids, TIMELINE_COLUMNS,
                                        self)  # fmt: skip
        self.table = ActivityTable(self.model, "dealTimeline", self, compact=True)
        self.table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.table.doubleClicked.connect(self._open_index)
        self.empty = empty_label("dealTimelineEmpty", self)
        self.empty.setText(self.tr("No activities linked to this deal yet."))
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.table)
        self.stack.addWidget(self.empty)
        self.timeline_title = QLabel(self)
        self.timeline_title.setObjectName("dealTimelineTitle")

        step_title = QLabel(self.tr("<b>Next step</b>"), self)
        buttons = QHBoxLayout()
        buttons.setContentsMargins(0, 0, 0, 0)
        buttons.addWidget(self.log_button)
        buttons.addWidget(self.schedule_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(step_title)
        layout.addWidget(self.next_step)
        layout.addLayout(buttons)
        layout.addSpacing(6)
        layout.addWidget(QLabel(self.tr("<b>Stage history</b>"), self))
        layout.addWidget(self.history)
        layout.addSpacing(6)
        layout.addWidget(self.timeline_title)
        layout.addWidget(self.stack, 1)

        bridge.changed.connect(self._on_change)
        self.model.modelReset.connect(self._show_count)
        self.refresh()

    def _button(self, name: str, text: str, icon_name: str, slot) -> QPushButton:
        button = QPushButton(icon(icon_name), text, self)
        button.setObjectName(name)
        button.setAutoDefault(False)
        button.clicked.connect(slot)
        return button

    # ---- what others call --------------------------------------------------------------------------

    def refresh(self) -> None:
        self._show_next_step()
        self._show_history()
        self.model.refresh()
        self._show_count()

    def contact_of_deal(self) -> int | None:
        """Whom an activity about the deal is with: its contact, else its company card."""
        return self.deal.contact_id if self.deal.contact_id is not None else self.deal.company_id

    def open_new(self, done: bool) -> activity_dialog.ActivityDialog | None:
        """The activity dialog for the deal's contact with the deal linked: a call logged, or a follow-up."""
        contact_id = self.contact_of_deal()
        if contact_id is None:
            return None
        activity = activity_dialog.new_activity(self.workspace, contact_id, ActivityKind.CALL, done)
        activity.deal_id = self.deal.id
        if not done:
            activity.subject = self.tr("Next step: %1").replace("%1", self.deal.title)
        shown = activity_dialog.open_activity_dialog(self.workspace, activity, self.window())
        self.activity_dialog_opened.emit(shown)
        return shown

    def timeline_subjects(self) -> list[str]:
        return [self.model.summary_at(r).subject for r in range(self.model.rowCount())]

    # ---- inside -------------------------------------------------------------------------------------

    def _timeline_ids(self):
        return self.workspace.pipeline.timeline_ids(self.deal.id) if self.deal.id is not None else []

    def _on_change(self, change: Change) -> None:
        if change.entity == "deal" and self.deal.id in change.ids:
            try:
                self.deal = self.workspace.pipeline.get(self.deal.id)  # moved on the board, closed ...
            except NotFoundError:
                return
            self.refresh()
        elif change.entity == "activity":
            self.refresh()
        elif change.entity == "settings":
            self._show_history()  # a renamed stage

    def _show_next_step(self) -> None:
        step = self.workspace.pipeline.next_step(self.deal.id) if self.deal.id is not None else None
        closed = self.deal.status is not DealStatus.OPEN
        if step is None and closed:
            self.next_step.setText(self.tr("Nothing scheduled (the deal is closed)."))
        elif step is None:
            self.next_step.setText(self.tr("Nothing scheduled. Schedule the next step so this deal does not go quiet."))
        else:
            when = labels.when_text(step.at, step.day, self.workspace.clock.zone)
            self.next_step.setText(f"{labels.kind_label(step.kind)} · {when} · {step.subject}".strip(" ·"))
        self.next_step.setProperty("missing", step is None and not closed)
        self.next_step.style().unpolish(self.next_step)
        self.next_step.style().polish(self.next_step)

    def _show_history(self) -> None:
        names = {s.key: s.name for s in self.workspace.pipeline.stages}
        entries = self.workspace.pipeline.history(self.deal.id) if self.deal.id is not None else []
        zone = self.workspace.clock.zone
        now = self.workspace.clock.now()
        self.history.clear()
        for i, (key, entered) in enumerate(entries):
            left = entries[i + 1][1] if i + 1 < len(entries) else now
            days = _days_between(entered, left) if i + 1 < len(entries) or self._is_open() else None
            item = QTreeWidgetItem([names.get(key, key), entered.astimezone(zone).strftime("%Y-%m-%d"),
                                    "" if days is None else str(days)])  # fmt: skip
            item.setTextAlignment(2, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.history.addTopLevelItem(item)

    def _is_open(self) -> bool:
        return self.deal.status is DealStatus.OPEN

    def _show_count(self) -> None:
        rows = self.model.rowCount()
        self.stack.setCurrentWidget(self.table if rows else self.empty)
        title = counted("DealProgress", "%n activity", "%n activities", rows) if rows else self.tr("Activities")
        self.timeline_title.setText(f"<b>{title}</b>")

    def _open_index(self, index: QModelIndex) -> None:
        activity_id = self.model.id_at(index.row())
        if activity_id is not None:
            shown = activity_dialog.edit_existing(self.workspace, activity_id, self.window())
            self.activity_dialog_opened.emit(shown)


def _days_between(start: datetime, end: datetime) -> int:
    return max(0, (end - start).days)
