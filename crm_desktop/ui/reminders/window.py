"""The reminder window: every ringing follow-up in one non-modal, always-on-top window.

New alarms are added to the open window (never a pile of pop-ups); the window comes up only when an
item is new to it, so closing it quiets the current ones until another rings or one comes back from a
snooze. It closes itself when nothing is left. Each button is one committed service call.
"""

from __future__ import annotations

from datetime import date, datetime

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QLabel, QScrollArea, QVBoxLayout, QWidget

from crm_desktop.domain.activity import snooze_choices
from crm_desktop.domain.activity_query import ActivitySummary
from crm_desktop.domain.validation import ValidationError
from crm_desktop.services.agenda import BirthdayNotice
from crm_desktop.services.workspace import Workspace
from crm_desktop.ui.activities.complete_dialog import open_complete_dialog
from crm_desktop.ui.plural import counted
from crm_desktop.ui.reminders.birthdays import BirthdayRow
from crm_desktop.ui.reminders.picker import WhenPicker
from crm_desktop.ui.reminders.row import ReminderRow


class ReminderWindow(QWidget):
    open_contact = Signal(int)

    def __init__(self, workspace: Workspace, is_missed=lambda item: False, parent: QWidget | None = None):
        super().__init__(parent, Qt.WindowType.Window | Qt.WindowType.WindowStaysOnTopHint)
        self.setObjectName("reminderWindow")
        self.setWindowTitle(self.tr("Reminders"))
        # Not a reason to keep running: closing the main window still quits (unless the tray keeps us).
        self.setAttribute(Qt.WidgetAttribute.WA_QuitOnClose, False)
        self.workspace = workspace
        self.is_missed = is_missed
        self.rows: dict[int, ReminderRow] = {}
        self._shown_ids: set[int] = set()
        self.picker: WhenPicker | None = None
        self.birthday_row: BirthdayRow | None = None

        self.heading = QLabel(self)
        self.heading.setObjectName("reminderHeading")
        font = self.heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.15)
        font.setBold(True)
        self.heading.setFont(font)
        self.list_widget = QWidget(self)
        self.list_layout = QVBoxLayout(self.list_widget)
        self.list_layout.setContentsMargins(0, 0, 0, 0)
        self.list_layout.setSpacing(6)
        self.list_layout.addStretch(1)
        scroll = QScrollArea(self)
        scroll.setObjectName("reminderScroll")
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(self.list_widget)
        self.more_label = QLabel(self)
        self.more_label.setObjectName("reminderMore")
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.more_label)
        self.resize(560, 260)

    # ---- what is due ----------------------------------------------------------------------------

    def show_due(self, items: list[ActivitySummary], total: int) -> None:
        """Make the list match the ringing items; come up when one of them is new to this window."""
        wanted = {item.id: item for item in items}
        for gone in [i for i in self.rows if i not in wanted or self.rows[i].item != wanted[i]]:
            self.rows.pop(gone).deleteLater()
        zone = self.workspace.clock.zone
        labels = [label for label, _at in snooze_choices(self.workspace.clock.now(), zone)]
        outcomes = self.workspace.follow_up_preferences.outcomes
        for position, item in enumerate(items):
            row = self.rows.get(item.id)
            if row is None:
                row = ReminderRow(item, self.is_missed(item), zone, labels, outcomes, self.list_widget)
                self._connect(row)
                self.rows[item.id] = row
            self.list_layout.insertWidget(position + (self.birthday_row is not None), row)
        new = set(wanted) - self._shown_ids
        # Forget handled items, so one back from a snooze brings the window up again.
        self._shown_ids = set(wanted)
        self.heading.setText(counted("ReminderWindow", "%n follow-up due", "%n follow-ups due", total))
        hidden = total - len(items)
        self.more_label.setVisible(hidden > 0)
        self.more_label.setText(counted("ReminderWindow", "... and %n more after these",
                                        "... and %n more after these", hidden))
        self.heading.setVisible(bool(items))
        self._show_or_close(bool(new))

    def show_birthdays(self, notice: BirthdayNotice | None) -> None:
        """The birthday reminder on top of the follow-ups; it comes up once a day until dismissed."""
        current = self.birthday_row.notice if self.birthday_row is not None else None
        if notice == current:
            return
        if self.birthday_row is not None:
            self.birthday_row.deleteLater()
            self.birthday_row = None
        if notice is not None:
            self.birthday_row = BirthdayRow(notice, self.list_widget)
            self.birthday_row.open_contact.connect(self.open_contact)
            self.birthday_row.dismissed.connect(lambda day=notice.day: self.workspace.agenda.dismiss_birthdays(day))
            self.birthday_row.dismissed.connect(lambda: self.show_birthdays(None))
            self.list_layout.insertWidget(0, self.birthday_row)
        self._show_or_close(notice is not None)

    def _show_or_close(self, something_new: bool) -> None:
        if not self.rows and self.birthday_row is None:
            self.close()
            return
        self._fit_height()
        if something_new:
            self.show()
            self.raise_()

    def _fit_height(self) -> None:
        rows = [*self.rows.values(), *([self.birthday_row] if self.birthday_row is not None else [])]
        wanted = sum(row.sizeHint().height() + 6 for row in rows) + self.heading.sizeHint().height() + 50
        area = self.screen().availableGeometry() if self.screen() else None
        height, width = (area.height(), area.width()) if area is not None else (800, 1200)
        widest = max((row.sizeHint().width() for row in rows), default=0) + 40
        self.resize(min(max(self.width(), 560, widest), int(width * 0.8)), min(max(wanted, 200), int(height * 0.8)))

    def _connect(self, row: ReminderRow) -> None:
        service = self.workspace.activities
        row.snooze.connect(self.snooze)
        row.custom_snooze.connect(self.ask_custom_snooze)
        row.done.connect(lambda activity_id, outcome: service.complete(activity_id, outcome))
        row.complete_in_dialog.connect(lambda activity_id: open_complete_dialog(self.workspace, activity_id, self))
        row.reschedule.connect(self.ask_reschedule)
        row.dismiss.connect(service.dismiss)
        row.open_contact.connect(self.open_contact)

    def snooze(self, activity_id: int, choice: int) -> None:
        """Snooze by one of the menu's choices, counted from now (the row may have waited an hour)."""
        _label, until = snooze_choices(self.workspace.clock.now(), self.workspace.clock.zone)[choice]
        self.workspace.activities.snooze(activity_id, until)

    # ---- the pickers ----------------------------------------------------------------------------

    def _open_picker(self, title: str, prompt: str, start: datetime, day_only: bool, done) -> WhenPicker:
        if self.picker is not None:
            self.picker.close()
        picker = WhenPicker(title, prompt, start, self.workspace.clock.zone, day_only, self)
        picker.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        picker.chosen.connect(done)
        picker.destroyed.connect(lambda *_: setattr(self, "picker", None) if self.picker is picker else None)
        self.picker = picker
        picker.open()
        return picker

    def ask_custom_snooze(self, activity_id: int) -> WhenPicker:
        start = self.workspace.clock.now()
        return self._open_picker(self.tr("Snooze until"), self.tr("Remind me again at:"), start, False,
                                 lambda at: self.workspace.activities.snooze(activity_id, at))

    def ask_reschedule(self, activity_id: int) -> WhenPicker:
        row = self.rows.get(activity_id)
        item = row.item if row is not None else None
        all_day = item is not None and item.at is None and item.day is not None
        start = item.at if item is not None and item.at is not None else self.workspace.clock.now()

        def move(when: datetime | date) -> None:
            try:
                if isinstance(when, datetime):
                    self.workspace.activities.reschedule(activity_id, at=when)
                else:
                    self.workspace.activities.reschedule(activity_id, day=when)
            except ValidationError:  # done elsewhere while the picker was open: nothing left to move
                pass

        return self._open_picker(self.tr("Reschedule"), self.tr("Move this follow-up to:"), start, all_day, move)
