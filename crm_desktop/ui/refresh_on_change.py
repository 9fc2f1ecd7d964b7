"""A view that reads its data anew after changes made elsewhere: soon while it is shown (a burst of
changes, an import or a bulk move, is read once), else when it is next shown."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer

from crm_desktop.services.changes import Change
from crm_desktop.ui.change_bridge import ChangeBridge


class RefreshOnChange(QObject):
    """Calls refresh() for changes to the given entities. The view calls done() at the end of its own
    refresh and shown() from its showEvent; `pending` says a refresh is owed."""

    def __init__(self, view, refresh: Callable[[], None], entities: frozenset[str], bridge: ChangeBridge,
                 pending: bool = False):  # fmt: skip
        super().__init__(view)
        self._view = view
        self._entities = entities
        self.pending = pending
        self._soon = QTimer(self)
        self._soon.setSingleShot(True)
        self._soon.setInterval(0)
        self._soon.timeout.connect(refresh)
        self._refresh = refresh
        bridge.changed.connect(self._on_change)

    def done(self) -> None:
        self.pending = False
        self._soon.stop()

    def shown(self) -> None:
        if self.pending:
            self._refresh()

    def _on_change(self, change: Change) -> None:
        if change.entity not in self._entities:
            return
        if self._view.isVisible():
            self._soon.start()
        else:
            self.pending = True
