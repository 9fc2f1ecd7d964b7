"""One due item in the reminder window: who, what, when, and the buttons that deal with it."""

from __future__ import annotations

from datetime import date, tzinfo

from PySide6.QtCore import QDate, QLocale, Qt, QTime, Signal
from PySide6.QtGui import QAction, QFont, QFontMetrics, QPalette
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QMenu, QPushButton, QToolButton, QVBoxLayout, QWidget

from crm_desktop.domain.activity_query import ActivitySummary
from crm_desktop.ui.resources import script_font
from crm_desktop.domain.scripts import is_rtl, script_of

TEXT_WIDTH = 460  # pixels a name or subject may take before it is elided (the whole text is its tooltip)
MISSED_STYLE = "color: white; background: #c62828; border-radius: 3px; padding: 1px 6px; font-weight: bold;"


def due_text(item: ActivitySummary, zone: tzinfo) -> str:
    """When the item is due, in local time, written the user's way."""
    locale = QLocale()
    day = item.at.astimezone(zone).date() if item.at is not None else item.day
    if day is None:
        return ""
    # Weekday, day and month name in the user's language; the year only when it is not this one.
    text = locale.toString(QDate(day), "ddd d MMM" if day.year == date.today().year else "ddd d MMM yyyy")
    if item.at is not None:
        # Wall-clock fields of the workspace's zone; Qt only formats them.
        local = item.at.astimezone(zone).time()
        text += ", " + locale.toString(QTime(local.hour, local.minute), QLocale.FormatType.ShortFormat)
    return text


def script_label(text: str, parent: QWidget, bold: bool = False, name: str = "") -> QLabel:
    """A one-line label in the text's own direction and script font, elided when too long."""
    label = QLabel(parent)
    if name:
        label.setObjectName(name)
    font = QFont(label.font())
    font.setBold(bold)
    script = script_of(text)
    if script:
        font = script_font(script, font)
        font.setBold(bold)
    label.setFont(font)
    if is_rtl(text):
        label.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
        label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignAbsolute | Qt.AlignmentFlag.AlignVCenter)
    shown = QFontMetrics(font).elidedText(text, Qt.TextElideMode.ElideRight, TEXT_WIDTH)
    label.setText(shown)
    label.setTextFormat(Qt.TextFormat.PlainText)
    if shown != text:
        label.setToolTip(text)
    return label


class ReminderRow(QFrame):
    """Buttons emit what the user asked for; the window does it (one committed call each)."""

    snooze = Signal(int, int)  # id, which of the snooze choices (counted from the click, not from now)
    custom_snooze = Signal(int)
    done = Signal(int, str)  # id, outcome
    complete_in_dialog = Signal(int)  # id: the full Complete dialog (note, next step)
    reschedule = Signal(int)
    dismiss = Signal(int)
    open_contact = Signal(int)

    def __init__(self, item: ActivitySummary, missed: bool, zone: tzinfo, snooze_labels: list[str], outcomes: list[str],
                 parent: QWidget | None = None):  # fmt: skip
        super().__init__(parent)
        self.setObjectName("reminderRow")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.item = item
        self.missed = missed
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 8, 10, 8)
        layout.setSpacing(3)

        top = QHBoxLayout()
        self.name_label = script_label(item.contact_name, self, bold=True, name="reminderContact")
        top.addWidget(self.name_label, 1)
        if missed:
            mark = QLabel(self.tr("Missed"), self)
            mark.setObjectName("missedMark")
            mark.setStyleSheet(MISSED_STYLE)
            mark.setToolTip(self.tr("This alarm rang while crm-desktop was not running."))
            top.addWidget(mark, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(top)
        self.subject_label = script_label(item.subject or self.tr("(no subject)"), self, name="reminderSubject")
        layout.addWidget(self.subject_label)
        kind = self.tr(item.kind)
        due = self.tr("%1 · due %2").replace("%1", kind[:1].upper() + kind[1:]).replace("%2", due_text(item, zone))
        self.due_label = QLabel(due, self)
        self.due_label.setObjectName("reminderDue")
        palette = self.due_label.palette()  # secondary information: the text colour, a little faded
        faded = palette.color(QPalette.ColorRole.WindowText)
        faded.setAlpha(175)
        palette.setColor(QPalette.ColorRole.WindowText, faded)
        self.due_label.setPalette(palette)
        layout.addWidget(self.due_label)

        buttons = QHBoxLayout()
        buttons.setSpacing(4)
        self.snooze_button = self._menu_button(self.tr("Snooze"), "snoozeButton")
        for index, label in enumerate(snooze_labels):
            action = self.snooze_button.menu().addAction(self.tr(label))
            action.setData(label)
            action.triggered.connect(lambda _=False, i=index: self.snooze.emit(item.id, i))
        self.snooze_button.menu().addSeparator()
        custom = self.snooze_button.menu().addAction(self.tr("Custom..."))
        custom.setObjectName("customSnooze")
        custom.triggered.connect(lambda: self.custom_snooze.emit(item.id))
        # Done asks the outcome: a menu of the outcomes from Preferences (one click, nothing modal).
        self.done_button = self._menu_button(self.tr("Done"), "doneButton")
        for outcome in outcomes:
            action: QAction = self.done_button.menu().addAction(self.tr(outcome))
            action.setData(outcome)
            action.triggered.connect(lambda _=False, o=outcome: self.done.emit(item.id, o))
        self.done_button.menu().addSeparator()
        fuller = self.done_button.menu().addAction(self.tr("With a Note or Next Step..."))
        fuller.setObjectName("completeWithDialog")
        fuller.triggered.connect(lambda: self.complete_in_dialog.emit(item.id))
        self.reschedule_button = self._push(self.tr("Reschedule..."), "rescheduleButton",
                                            lambda: self.reschedule.emit(item.id))
        self.dismiss_button = self._push(self.tr("Dismiss"), "dismissButton", lambda: self.dismiss.emit(item.id))
        self.open_button = self._push(self.tr("Open contact"), "openContactButton",
                                      lambda: self.open_contact.emit(item.contact_id))
        for button in (self.snooze_button, self.done_button, self.reschedule_button, self.dismiss_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.open_button)
        layout.addLayout(buttons)

    def _menu_button(self, text: str, name: str) -> QToolButton:
        button = QToolButton(self)
        button.setObjectName(name)
        button.setText(text)
        button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        button.setMenu(QMenu(button))
        return button

    def _push(self, text: str, name: str, slot) -> QPushButton:
        button = QPushButton(text, self)
        button.setObjectName(name)
        button.setAutoDefault(False)
        button.clicked.connect(slot)
        return button

    def menu_action(self, button: QToolButton, text: str) -> QAction:
        """The menu entry with this (untranslated) text: what a test or a shortcut triggers."""
        for action in button.menu().actions():
            if action.text() == self.tr(text) or action.data() == text:
                return action
        raise KeyError(text)
