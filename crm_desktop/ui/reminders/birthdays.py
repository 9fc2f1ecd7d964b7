"""The birthday reminder at the top of the reminder window: who has a birthday today and in N days."""

from __future__ import annotations

from PySide6.QtCore import QDate, QLocale, Qt, Signal
from PySide6.QtWidgets import QFrame, QGridLayout, QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from crm_desktop.services.agenda import Birthday, BirthdayNotice
from crm_desktop.ui.reminders.row import script_label
from crm_desktop.ui.resources import script_font
from crm_desktop.domain.scripts import script_of

SHOWN = 6  # names per day; the Today page lists them all
PER_LINE = 3  # so the window stays narrow


class BirthdayRow(QFrame):
    open_contact = Signal(int)
    dismissed = Signal()

    def __init__(self, notice: BirthdayNotice, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("birthdayReminder")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.notice = notice
        layout = QVBoxLayout(self)
        layout.addWidget(script_label(self.tr("Birthdays"), self, bold=True))
        if notice.today:
            self._line(layout, self.tr("Today"), notice.today)
        if notice.ahead and notice.ahead_day is not None:
            when = QLocale().toString(QDate(notice.ahead_day), "ddd d MMM")
            self._line(layout, when, notice.ahead)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        dismiss = QPushButton(self.tr("Dismiss"), self)
        dismiss.setObjectName("dismissBirthdays")
        dismiss.clicked.connect(self.dismissed.emit)
        buttons.addWidget(dismiss)
        layout.addLayout(buttons)

    def _line(self, layout: QVBoxLayout, when: str, people: list[Birthday]) -> None:
        """"Today:" then the people, PER_LINE to a line (a click opens the card), each name in its script."""
        grid = QGridLayout()
        grid.setHorizontalSpacing(4)
        grid.addWidget(script_label(f"{when}:", self), 0, 0, Qt.AlignmentFlag.AlignTop)
        for n, person in enumerate(people[:SHOWN]):
            # The name isolated (FSI ... PDI), so an Urdu name keeps its own direction beside the age.
            name = f"\u2068{person.name}\u2069"
            text = name if person.age is None else self.tr("%1 (%2)").replace("%1", name).replace("%2", str(person.age))
            button = QPushButton(text, self)
            button.setObjectName("birthdayPerson")
            button.setFlat(True)
            script = script_of(person.name)
            if script:
                button.setFont(script_font(script, button.font()))
            button.setCursor(Qt.CursorShape.PointingHandCursor)
            button.setToolTip(self.tr("Open %1's card").replace("%1", person.name))
            button.clicked.connect(lambda _=False, cid=person.contact_id: self.open_contact.emit(cid))
            grid.addWidget(button, n // PER_LINE, 1 + n % PER_LINE, Qt.AlignmentFlag.AlignLeft)
        if len(people) > SHOWN:
            more = self.tr("and %1 more (see Today)").replace("%1", str(len(people) - SHOWN))
            grid.addWidget(script_label(more, self), SHOWN // PER_LINE + 1, 1, 1, PER_LINE)
        grid.setColumnStretch(PER_LINE + 1, 1)
        layout.addLayout(grid)
