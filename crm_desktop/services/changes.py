"""'What changed' notifications: services publish them after a write commits; views refresh on them."""

from __future__ import annotations

import enum
from collections.abc import Callable
from dataclasses import dataclass


class ChangeKind(enum.StrEnum):
    ADDED = "added"
    UPDATED = "updated"
    TRASHED = "trashed"
    RESTORED = "restored"
    PURGED = "purged"
    IMPORTED = "imported"
    SETTINGS = "settings"


@dataclass(frozen=True, slots=True)
class Change:
    entity: str  # "contact", "settings" ...
    kind: ChangeKind
    ids: tuple[int, ...] = ()


Listener = Callable[[Change], None]


class ChangeBus:
    def __init__(self) -> None:
        self._listeners: list[Listener] = []

    def subscribe(self, listener: Listener) -> None:
        self._listeners.append(listener)

    def unsubscribe(self, listener: Listener) -> None:
        if listener in self._listeners:
            self._listeners.remove(listener)

    def publish(self, change: Change) -> None:
        for listener in list(self._listeners):
            listener(change)
