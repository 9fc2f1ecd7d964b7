"""The Today page's rows: one small in-memory tree (sections, then their items) built from an Agenda.

An agenda is capped per section (services.agenda.SECTION_LIMIT), so a QStandardItemModel is enough here.
"""

from __future__ import annotations

from datetime import date, datetime, tzinfo

from PySide6.QtCore import QCoreApplication, QDate, QLocale, Qt, QTime
from PySide6.QtGui import QBrush, QColor, QFont, QStandardItem, QStandardItemModel

from crm_desktop.domain.activity import ActivityKind
from crm_desktop.domain.activity_query import ActivitySummary
from crm_desktop.domain.care import CareRule, Warmth
from crm_desktop.services.agenda import Agenda, Birthday, ColdContact
from crm_desktop.ui.contacts.bidi import RTL_ROLE, SCRIPT_ROLE
from crm_desktop.domain.scripts import is_rtl, script_of

WHEN, KIND, CONTACT, SUBJECT, ACTION = range(5)

ROW_ROLE = Qt.ItemDataRole.UserRole + 10  # "section", "activity", "birthday", "cold", "empty", "more"
ACTIVITY_ROLE = Qt.ItemDataRole.UserRole + 11
CONTACT_ROLE = Qt.ItemDataRole.UserRole + 12
SECTION_ROLE = Qt.ItemDataRole.UserRole + 13  # on a section's row: its key ("overdue", "today" ...)

AMBER = QColor("#b8860b")
RED = QColor("#d32f2f")
_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignAbsolute | Qt.AlignmentFlag.AlignVCenter

SECTIONS = ("overdue", "today", "upcoming", "birthdays", "going_cold")


def _tr(text: str) -> str:
    return QCoreApplication.translate("TodayPage", text)


def kind_label(kind: str) -> str:
    labels = {ActivityKind.CALL: _tr("Call"), ActivityKind.MEETING: _tr("Meeting"), ActivityKind.EMAIL: _tr("Email"),
              ActivityKind.LETTER: _tr("Letter"), ActivityKind.NOTE: _tr("Note"), ActivityKind.TASK: _tr("Task")}
    return labels.get(kind, kind)


def day_text(day: date, today: date) -> str:
    if day == today:
        return _tr("Today")
    if (day - today).days == 1:
        return _tr("Tomorrow")
    if (today - day).days == 1:
        return _tr("Yesterday")
    pattern = "ddd d MMM" if day.year == today.year else "ddd d MMM yyyy"
    return QLocale().toString(QDate(day.year, day.month, day.day), pattern)


def when_text(item: ActivitySummary, today: date, zone: tzinfo, overdue: bool = False) -> str:
    """Local date and time, the date left out for today ("10:00", "Tomorrow 09:30", "Mon 16 Nov all day")."""
    if item.at is None:
        day = item.day or today
        return _tr("All day") if day == today else f"{day_text(day, today)}, {_tr('all day')}"
    local: datetime = item.at.astimezone(zone)
    clock_time = QLocale().toString(QTime(local.hour, local.minute), QLocale.FormatType.ShortFormat)
    if local.date() == today and not overdue:
        return clock_time
    return f"{day_text(local.date(), today)} {clock_time}"


def _cell(text: str, row_kind: str, contact_id: int | None = None, activity_id: int | None = None,
          tooltip: str = "") -> QStandardItem:  # fmt: skip
    cell = QStandardItem(text)
    cell.setEditable(False)
    cell.setData(row_kind, ROW_ROLE)
    if contact_id is not None:
        cell.setData(contact_id, CONTACT_ROLE)
    if activity_id is not None:
        cell.setData(activity_id, ACTIVITY_ROLE)
    if is_rtl(text):
        cell.setData(True, RTL_ROLE)
        cell.setData(_RIGHT, Qt.ItemDataRole.TextAlignmentRole)
    script = script_of(text)
    if script:
        cell.setData(script, SCRIPT_ROLE)
    cell.setToolTip(tooltip or text)
    return cell


class AgendaItems:
    """Fills a QStandardItemModel with the agenda's five sections (each with its count)."""

    def __init__(self, model: QStandardItemModel):
        self.model = model
        model.setHorizontalHeaderLabels([_tr("When"), _tr("Kind"), _tr("Contact"), _tr("Subject"), ""])

    def fill(self, agenda: Agenda, zone: tzinfo, rules: list[CareRule], days: int) -> None:
        self.model.removeRows(0, self.model.rowCount())
        day = agenda.day
        self._section("overdue", _tr("Overdue"), agenda.overdue_count, len(agenda.overdue),
                      [self._activity(a, day, zone, overdue=True) for a in agenda.overdue], _tr("Nothing overdue"))
        self._section("today", _tr("Due today"), len(agenda.today), len(agenda.today),
                      [self._activity(a, day, zone) for a in agenda.today], _tr("Nothing else due today"))
        self._section("upcoming", _tr("Next {0} days").format(days), agenda.upcoming_count, len(agenda.upcoming),
                      [self._activity(a, day, zone) for a in agenda.upcoming],
                      _tr("Nothing planned for the coming days"))
        self._section("birthdays", _tr("Birthdays this week"), len(agenda.birthdays), len(agenda.birthdays),
                      [self._birthday(b, day) for b in agenda.birthdays], _tr("No birthdays this week"))
        by_value = {rule.value: rule for rule in rules}
        self._section("going_cold", _tr("Going cold"), len(agenda.going_cold), len(agenda.going_cold),
                      [self._cold(c, by_value.get(c.rule)) for c in agenda.going_cold],
                      _tr("Everyone has heard from you lately"))  # fmt: skip

    def section_row(self, key: str) -> QStandardItem | None:
        for row in range(self.model.rowCount()):
            item = self.model.item(row, 0)
            if item.data(SECTION_ROLE) == key:
                return item
        return None

    # ---- rows -------------------------------------------------------------------------------------

    def _section(self, key: str, title: str, count: int, shown: int, rows: list[list[QStandardItem]],
                 empty: str) -> None:  # fmt: skip
        header = QStandardItem(f"{title}  ({QLocale().toString(count)})" if count else title)
        header.setEditable(False)
        header.setData("section", ROW_ROLE)
        header.setData(key, SECTION_ROLE)
        font = QFont()
        font.setBold(True)
        header.setFont(font)
        if key == "overdue" and count:
            header.setForeground(QBrush(RED))
        for row in rows:
            header.appendRow(row)
        if not rows:
            header.appendRow([self._note(empty, "empty")])
        elif count > shown:
            more = _tr("Showing the first {0} of {1}; the Activities view lists them all.")
            header.appendRow([self._note(more.format(QLocale().toString(shown), QLocale().toString(count)), "more")])
        self.model.appendRow([header])

    @staticmethod
    def _note(text: str, kind: str) -> QStandardItem:
        note = _cell(text, kind)
        font = QFont()
        font.setItalic(True)
        note.setFont(font)
        note.setEnabled(False)  # drawn in the muted text colour
        return note

    @staticmethod
    def _activity(item: ActivitySummary, today: date, zone: tzinfo, overdue: bool = False) -> list[QStandardItem]:
        cid, aid = item.contact_id, item.id
        when = _cell(when_text(item, today, zone, overdue), "activity", cid, aid)
        if overdue:
            when.setForeground(QBrush(RED))
        subject = item.subject or item.details_start
        row = [when, _cell(kind_label(item.kind), "activity", cid, aid),
               _cell(item.contact_name, "activity", cid, aid, _tr("Open {0}").format(item.contact_name)),
               _cell(subject, "activity", cid, aid, subject),
               _cell(_tr("Done"), "activity", cid, aid, _tr("Mark done and record the outcome"))]
        row[ACTION].setData(item.kind, Qt.ItemDataRole.UserRole)
        return row

    @staticmethod
    def _birthday(b: Birthday, today: date) -> list[QStandardItem]:
        cid = b.contact_id
        age = "" if b.age is None else _tr("turns {0}").format(QLocale().toString(b.age))
        return [_cell(day_text(b.on, today), "birthday", cid), _cell(_tr("Birthday"), "birthday", cid),
                _cell(b.name, "birthday", cid, tooltip=_tr("Open {0}").format(b.name)), _cell(age, "birthday", cid),
                _cell("", "birthday", cid)]

    @staticmethod
    def _cold(c: ColdContact, rule: CareRule | None) -> list[QStandardItem]:
        cid = c.contact_id
        colour = RED if c.warmth is Warmth.COLD else AMBER
        quiet = QCoreApplication.translate("TodayPage", "%n days quiet" if c.quiet_days != 1 else "%n day quiet")
        when = _cell(quiet.replace("%n", QLocale().toString(c.quiet_days)), "cold", cid)
        level = _cell(_tr("Cold") if c.warmth is Warmth.COLD else _tr("Cooling"), "cold", cid)
        for cell in (when, level):
            cell.setForeground(QBrush(colour))
        if rule is not None:
            text = _tr("{0}: every {1} days, at most {2}").format(rule.value, rule.ideal_days, rule.max_days)
        else:
            text = c.rule
        return [when, level, _cell(c.name, "cold", cid, tooltip=_tr("Open {0}").format(c.name)),
                _cell(text, "cold", cid), _cell("", "cold", cid)]
