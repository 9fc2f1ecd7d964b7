"""How an activity reads on screen: kind names and icons, local times, directions, states."""

from __future__ import annotations

from datetime import date, datetime, tzinfo

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QIcon

from crm_desktop.domain.activity import ActivityKind, Direction, Priority
from crm_desktop.ui.resources import icon

_CONTEXT = "ActivityLabels"
_KIND_NAMES = {
    ActivityKind.CALL: "Call",
    ActivityKind.MEETING: "Meeting",
    ActivityKind.EMAIL: "Email",
    ActivityKind.LETTER: "Letter",
    ActivityKind.NOTE: "Note",
    ActivityKind.TASK: "Task",
}
_DIRECTION_NAMES = {Direction.NONE: "", Direction.INBOUND: "Incoming", Direction.OUTBOUND: "Outgoing"}
_PRIORITY_NAMES = {Priority.LOW: "Low", Priority.NORMAL: "Normal", Priority.HIGH: "High"}


def tr(text: str) -> str:
    return QCoreApplication.translate(_CONTEXT, text)


def kind_label(kind: str) -> str:
    """A built-in kind in the user's language; a kind added in Preferences as the owner wrote it."""
    name = _KIND_NAMES.get(kind)  # type: ignore[call-overload]
    return tr(name) if name else kind


def kind_icon(kind: str) -> QIcon:
    return icon(f"activity-{kind}" if kind in _KIND_NAMES else "activity-other")


def direction_label(direction: str) -> str:
    try:
        name = _DIRECTION_NAMES[Direction(direction)]
    except ValueError:
        return direction
    return tr(name) if name else ""


def direction_choices() -> list[tuple[str, Direction]]:
    return [(tr("Not applicable") if d is Direction.NONE else tr(n), d) for d, n in _DIRECTION_NAMES.items()]


def priority_choices() -> list[tuple[str, Priority]]:
    return [(tr(name), p) for p, name in _PRIORITY_NAMES.items()]


def outcome_label(outcome: str) -> str:
    """Outcomes are the owner's own words: shown as stored, only the first letter raised ("Reached")."""
    return outcome[:1].upper() + outcome[1:]


def when_text(at: datetime | None, day: date | None, zone: tzinfo) -> str:
    """Local date and time of a timed item; the date alone for an all-day one."""
    if at is not None:
        return at.astimezone(zone).strftime("%Y-%m-%d %H:%M")
    if day is not None:
        return day.isoformat()
    return ""


def is_overdue(done: bool, at: datetime | None, day: date | None, now: datetime, zone: tzinfo) -> bool:
    """Still to do and past: a timed item after its moment, an all-day one after its day (rolls over)."""
    if done:
        return False
    if at is not None:
        return at < now
    return day is not None and day < now.astimezone(zone).date()


def state_label(done: bool, overdue: bool) -> str:
    if done:
        return tr("Done")
    return tr("Overdue") if overdue else tr("To do")
