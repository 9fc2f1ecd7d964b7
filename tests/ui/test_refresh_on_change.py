"""A view reads its data anew after changes elsewhere: once for a burst while shown, on showing if hidden."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from crm_desktop.services.changes import Change, ChangeBus, ChangeKind
from crm_desktop.ui.change_bridge import ChangeBridge
from crm_desktop.ui.refresh_on_change import RefreshOnChange


def test_a_burst_is_read_once_while_shown_and_a_hidden_view_reads_when_shown(qtbot):
    bus = ChangeBus()
    bridge = ChangeBridge(bus)
    view = QWidget()
    qtbot.addWidget(view)
    reads = []
    changes = RefreshOnChange(view, lambda: (reads.append(1), changes.done()), frozenset({"deal"}), bridge)
    view.show()
    for _ in range(3):
        bus.publish(Change("deal", ChangeKind.UPDATED, (1,)))
    bus.publish(Change("contact", ChangeKind.UPDATED, (1,)))  # not this view's business
    qtbot.waitUntil(lambda: reads == [1])
    qtbot.wait(20)
    assert reads == [1]
    view.hide()
    bus.publish(Change("deal", ChangeKind.UPDATED, (1,)))
    qtbot.wait(20)
    assert reads == [1] and changes.pending
    changes.shown()
    assert reads == [1, 1] and not changes.pending
