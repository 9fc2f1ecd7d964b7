"""Carries the service layer's plain-Python ChangeBus notifications into Qt as a signal."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from crm_desktop.services.changes import Change, ChangeBus


class ChangeBridge(QObject):
    """Re-emits every Change as `changed`; a receiver in the GUI thread gets it there (queued if needed)."""

    changed = Signal(object)

    def __init__(self, bus: ChangeBus, parent: QObject | None = None):
        super().__init__(parent)
        self._bus = bus
        bus.subscribe(self._forward)
        self.destroyed.connect(lambda *_: bus.unsubscribe(self._forward))

    def _forward(self, change: Change) -> None:
        self.changed.emit(change)

    def detach(self) -> None:
        self._bus.unsubscribe(self._forward)
