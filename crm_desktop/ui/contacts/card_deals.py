"""The Deals section under the contact card: the contact's (or company's) deals, open ones first, and
"New deal…" that starts one with the card filled in. Double-click or Enter opens a deal (itemActivated)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QStackedWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from crm_desktop.db.errors import NotFoundError
from crm_desktop.domain.deal import DealStatus
from crm_desktop.domain.deal_query import DealRow
from crm_desktop.domain.money import format_money
from crm_desktop.services.changes import Change
from crm_desktop.services.workspace import Workspace
from crm_desktop.ui.bidi_delegate import BidiItemDelegate
from crm_desktop.ui.change_bridge import ChangeBridge
from crm_desktop.ui.contacts.bidi import RTL_ROLE, SCRIPT_ROLE
from crm_desktop.ui.contacts.table_view import empty_label
from crm_desktop.ui.pipeline.deal_dialog import DealDialog, open_deal
from crm_desktop.ui.plural import counted
from crm_desktop.domain.scripts import is_rtl, script_of

ID_ROLE = Qt.ItemDataRole.UserRole + 10
TITLE, STAGE, CLOSE, VALUE = range(4)  # the amounts right-aligned at the edge
_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignAbsolute | Qt.AlignmentFlag.AlignVCenter


class ContactDeals(QWidget):
    """show_contact(id) points it at a saved card (None: nothing to show)."""

    deal_opened = Signal(object)  # the DealDialog shown (for tests and the lead's wiring)

    def __init__(self, workspace: Workspace, bridge: ChangeBridge, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("contactDeals")
        self.workspace = workspace
        self.bridge = bridge
        self._contact_id: int | None = None

        self.title = QLabel(self)
        self.title.setObjectName("contactDealsTitle")
        self.new_button = QPushButton(self.tr("New deal…"), self)
        self.new_button.setObjectName("newDealButton")
        self.new_button.clicked.connect(self.new_deal)
        self.list = QTreeWidget(self)
        self.list.setObjectName("contactDealList")
        self.list.setHeaderLabels([self.tr("Deal"), self.tr("Stage"), self.tr("Close"), self.tr("Value")])
        self.list.setRootIsDecorated(False)
        self.list.setAlternatingRowColors(True)
        self.list.setUniformRowHeights(True)
        self.list.setItemDelegate(BidiItemDelegate(self.list))
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        header = self.list.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(TITLE, QHeaderView.ResizeMode.Stretch)
        for column, width in ((STAGE, 110), (CLOSE, 120), (VALUE, 130)):
            header.resizeSection(column, width)
        self.list.headerItem().setTextAlignment(VALUE, _RIGHT)
        self.list.itemActivated.connect(lambda item, _column: self.open(item.data(TITLE, ID_ROLE)))
        self.empty = empty_label("contactDealsEmpty", self)
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.list)
        self.stack.addWidget(self.empty)

        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.addWidget(self.title)
        top.addStretch(1)
        top.addWidget(self.new_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.setSpacing(4)
        layout.addLayout(top)
        layout.addWidget(self.stack, 1)
        self.setMinimumHeight(self.list.fontMetrics().height() * 4 + 60)

        bridge.changed.connect(self._on_change)
        self.refresh()

    # ---- what others call --------------------------------------------------------------------------

    def show_contact(self, contact_id: int | None) -> None:
        if contact_id != self._contact_id:
            self._contact_id = contact_id
            self.refresh()

    def refresh(self) -> None:
        rows = self.workspace.pipeline.contact_deals(self._contact_id) if self._contact_id is not None else []
        names = {s.key: s.name for s in self.workspace.pipeline.stages}
        kept = self.list.currentItem().data(TITLE, ID_ROLE) if self.list.currentItem() is not None else None
        self.list.clear()
        for row in rows:
            item = self._item(row, names)
            self.list.addTopLevelItem(item)
            if row.id == kept:
                self.list.setCurrentItem(item)
        self.stack.setCurrentWidget(self.list if rows else self.empty)
        self.empty.setText(self.tr("No deals yet. Start one with New deal…") if self._contact_id is not None
                           else self.tr("Save the card to start a deal."))  # fmt: skip
        self.new_button.setEnabled(self._contact_id is not None)
        open_count = sum(r.status is DealStatus.OPEN for r in rows)
        text = counted("ContactDeals", "%n deal", "%n deals", len(rows)) if rows else self.tr("Deals")
        if rows and open_count != len(rows):
            text += " · " + counted("ContactDeals", "%n open", "%n open", open_count)
        self.title.setText(f"<b>{text}</b>")

    def new_deal(self) -> DealDialog | None:
        if self._contact_id is None:
            return None
        try:
            contact = self.workspace.contacts.get(self._contact_id)
        except NotFoundError:
            return None
        return self._show(open_deal(self.workspace, self.bridge, self.workspace.pipeline.new_deal(contact),
                                    self.window()))  # fmt: skip

    def open(self, deal_id: int) -> DealDialog | None:
        try:
            return self._show(open_deal(self.workspace, self.bridge, deal_id, self.window()))
        except NotFoundError:
            self.refresh()
            return None

    def titles(self) -> list[str]:
        return [self.list.topLevelItem(i).text(TITLE) for i in range(self.list.topLevelItemCount())]

    # ---- inside -------------------------------------------------------------------------------------

    def _show(self, dialog: DealDialog) -> DealDialog:
        self.deal_opened.emit(dialog)
        return dialog

    def _item(self, row: DealRow, names: dict[str, str]) -> QTreeWidgetItem:
        if row.status is DealStatus.WON:
            close = self.tr("Won %1").replace("%1", row.closed_on.isoformat() if row.closed_on else "")
        elif row.status is DealStatus.LOST:
            close = self.tr("Lost %1").replace("%1", row.closed_on.isoformat() if row.closed_on else "")
        else:
            close = row.expected_close.isoformat() if row.expected_close else ""
        texts = [row.title, names.get(row.stage, row.stage), close.strip(), format_money(row.value)]
        item = QTreeWidgetItem(texts)
        item.setData(TITLE, ID_ROLE, row.id)
        for column in (TITLE, STAGE):
            text = texts[column]
            item.setData(column, SCRIPT_ROLE, script_of(text))
            if is_rtl(text):
                item.setData(column, RTL_ROLE, True)
                item.setTextAlignment(column, _RIGHT)
        item.setTextAlignment(VALUE, _RIGHT)
        if row.status is DealStatus.LOST and row.lost_reason:
            item.setToolTip(CLOSE, self.tr("Lost: %1").replace("%1", row.lost_reason))
        if row.status is not DealStatus.OPEN:
            for column in range(4):
                item.setForeground(column, self.palette().placeholderText())  # closed deals: muted
        return item

    def _on_change(self, change: Change) -> None:
        if self._contact_id is not None and change.entity in ("deal", "settings"):
            self.refresh()
