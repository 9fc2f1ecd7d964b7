"""The deal list over a real database file: sorted in SQL by header clicks, narrowed by status and text
(Urdu and Hindi too), money in each currency's own format, stale deals marked, opened by double-click."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor

from crm_desktop.domain.contact import Contact
from crm_desktop.domain.deal import Deal, DealStatus
from crm_desktop.domain.deal_query import DealQuery, DealSort
from crm_desktop.domain.money import Money
from crm_desktop.ui.change_bridge import ChangeBridge
from crm_desktop.ui.contacts.bidi import RTL_ROLE
from crm_desktop.ui.pipeline.deal_list import DealListView
from crm_desktop.ui.pipeline.deal_table_model import COLUMNS, STALE_COLOR, Column
from tests.ui.card_helpers import type_text



@pytest.fixture
def people(ws):
    return {
        "urdu": ws.contacts.save(Contact(first_name="علی", last_name="رضا")),
        "hindi": ws.contacts.save(Contact(first_name="कमल", last_name="शर्मा")),
        "latin": ws.contacts.save(Contact(first_name="Maria", last_name="Fernando")),
    }


def add(ws, contact, title, minor, currency="INR", stage="lead", **fields):
    return ws.pipeline.save(Deal(title=title, value=Money(minor, currency), stage=stage, contact_id=contact.id,
                                 **fields))  # fmt: skip


@pytest.fixture
def deals(ws, people):
    add(ws, people["urdu"], "کپڑے کا آرڈر", 12_34_567_00, stage="proposal", expected_close=date(2027, 1, 10))
    add(ws, people["hindi"], "किताबें", 50_000_00, stage="negotiation", expected_close=date(2026, 12, 5))
    add(ws, people["latin"], "Rice shipment", 2_000_00, "USD", stage="lead", expected_close=date(2027, 3, 1))
    won = add(ws, people["latin"], "Tea", 9_00, "USD", stage="qualified")
    ws.pipeline.move(won.id, "won")


def make_view(qtbot, ws) -> DealListView:
    view = DealListView(ws, ChangeBridge(ws.changes), None)
    qtbot.addWidget(view)
    view.resize(1300, 400)
    view.show()
    qtbot.waitExposed(view)
    return view


def titles(view: DealListView) -> list[str]:
    model = view.model
    return [model.index(row, COLUMNS.index(Column.TITLE)).data() for row in range(model.rowCount())]


def cell(view: DealListView, title: str, column: Column, role=Qt.ItemDataRole.DisplayRole):
    row = titles(view).index(title)
    return view.model.index(row, COLUMNS.index(column)).data(role)


def click_header(qtbot, view: DealListView, column: Column) -> None:
    header = view.table.horizontalHeader()
    section = COLUMNS.index(column)
    x = header.sectionViewportPosition(section) + header.sectionSize(section) // 2
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, header.height() // 2))


def test_the_model_passes_qtmodeltester(qtbot, qtmodeltester, ws, deals):
    view = make_view(qtbot, ws)
    qtmodeltester.check(view.model, force_py=True)
    view.set_query(DealQuery(status=None))
    qtmodeltester.check(view.model, force_py=True)


def test_clicking_headers_sorts_in_sql_by_value_close_date_and_stage_order(qtbot, ws, deals):
    view = make_view(qtbot, ws)
    assert titles(view) == ["किताबें", "کپڑے کا آرڈر", "Rice shipment"]  # soonest close first
    fetches = view.model.fetches
    click_header(qtbot, view, Column.STAGE)
    assert view.query.sort is DealSort.STAGE and not view.query.descending
    assert titles(view) == ["Rice shipment", "کپڑے کا آرڈر", "किताबें"]  # lead, proposal, negotiation
    click_header(qtbot, view, Column.STAGE)
    assert view.query.descending and titles(view) == ["किताबें", "کپڑے کا آرڈر", "Rice shipment"]
    click_header(qtbot, view, Column.VALUE)
    # The value sorts within each currency (never compares rupees with dollars): INR first, then USD.
    assert view.query.sort is DealSort.VALUE and titles(view) == ["किताबें", "کپڑے کا آرڈر", "Rice shipment"]
    click_header(qtbot, view, Column.EXPECTED_CLOSE)
    click_header(qtbot, view, Column.EXPECTED_CLOSE)
    assert view.query.descending and titles(view) == ["Rice shipment", "کپڑے کا آرڈر", "किताबें"]
    assert view.model.fetches == fetches + 5  # one query per click
    header = view.table.horizontalHeader()
    assert header.sortIndicatorSection() == COLUMNS.index(Column.EXPECTED_CLOSE)
    assert header.sortIndicatorOrder() == Qt.SortOrder.DescendingOrder


def test_money_is_written_in_its_own_currency_and_urdu_cells_run_right_to_left(qtbot, ws, deals):
    view = make_view(qtbot, ws)
    assert cell(view, "کپڑے کا آرڈر", Column.VALUE) == "₹12,34,567.00"
    assert cell(view, "کپڑے کا آرڈر", Column.WEIGHTED) == "₹6,17,283.50"  # proposal: 50%
    assert cell(view, "Rice shipment", Column.VALUE) == "$2,000.00"
    assert cell(view, "کپڑے کا آرڈر", Column.STAGE) == "Proposal"
    assert cell(view, "کپڑے کا آرڈر", Column.CONTACT) == "علی رضا"
    assert cell(view, "کپڑے کا آرڈر", Column.TITLE, RTL_ROLE) is True
    assert cell(view, "किताबें", Column.TITLE, RTL_ROLE) is False
    assert cell(view, "किताबें", Column.PROBABILITY) == "75%"
    assert cell(view, "किताबें", Column.EXPECTED_CLOSE) == "2026-12-05"


def test_status_filter_shows_won_lost_or_all(qtbot, ws, deals):
    view = make_view(qtbot, ws)
    statuses: list[str] = []
    view.status_changed.connect(statuses.append)
    view.status.setCurrentIndex(view.status.findData("won"))
    assert titles(view) == ["Tea"] and cell(view, "Tea", Column.STATUS) == "Won 2026-11-23"
    assert statuses[-1] == "1 deal"
    view.status.setCurrentIndex(view.status.findData("lost"))
    assert titles(view) == [] and view.stack.currentWidget() is view.empty
    assert view.empty.text() == "No deal matches these filters."
    view.status.setCurrentIndex(view.status.findData("all"))
    assert sorted(titles(view)) == sorted(["किताबें", "کپڑے کا آرڈر", "Rice shipment", "Tea"])
    assert statuses[-1] == "4 deals"


def test_typing_urdu_or_hindi_narrows_the_list_after_a_pause(qtbot, ws, deals):
    view = make_view(qtbot, ws)
    type_text(view.search, "رضا")
    assert len(titles(view)) == 3  # not yet: the search waits for a pause in the typing
    qtbot.waitUntil(lambda: titles(view) == ["کپڑے کا آرڈر"])
    view.search.clear()
    type_text(view.search, "कि")
    qtbot.waitUntil(lambda: titles(view) == ["किताबें"])
    qtbot.keyClicks(view.search, "x")
    qtbot.waitUntil(lambda: view.stack.currentWidget() is view.empty)
    assert view.empty.text() == "No deal matches these filters."


def test_double_click_and_enter_open_the_deal(qtbot, ws, deals):
    view = make_view(qtbot, ws)
    row = titles(view).index("Rice shipment")
    rect = view.table.visualRect(view.model.index(row, 0))
    with qtbot.waitSignal(view.deal_activated) as opened:
        qtbot.mouseClick(view.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        qtbot.mouseDClick(view.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    expected = view.model.id_at(row)
    assert opened.args == [expected]
    with qtbot.waitSignal(view.deal_activated) as entered:
        qtbot.keyClick(view.table, Qt.Key.Key_Return)
    assert entered.args == [expected]


def test_a_stale_deal_says_so_in_amber_in_the_next_step_column(qtbot, ws, people, clock):
    add(ws, people["hindi"], "Quiet one", 10_000_00, stage="negotiation")  # idle limit 7 days
    add(ws, people["latin"], "Fresh one", 10_000_00, stage="lead")  # 14 days
    clock.advance(timedelta(days=9))
    view = make_view(qtbot, ws)
    assert cell(view, "Quiet one", Column.NEXT_STEP) == "none — stale"
    assert cell(view, "Quiet one", Column.NEXT_STEP, Qt.ItemDataRole.ForegroundRole).color() == QColor(STALE_COLOR)
    assert "more than 7 days" in cell(view, "Quiet one", Column.NEXT_STEP, Qt.ItemDataRole.ToolTipRole)
    assert cell(view, "Fresh one", Column.NEXT_STEP) == "none"
    assert cell(view, "Fresh one", Column.NEXT_STEP, Qt.ItemDataRole.ForegroundRole).color() != QColor(STALE_COLOR)


def test_the_list_follows_changes_and_keeps_the_selection(qtbot, ws, people, deals):
    view = make_view(qtbot, ws)
    view.table.select_id(view.model.id_at(titles(view).index("Rice shipment")))
    kept = view.current_id()
    fetches = view.model.fetches
    add(ws, people["latin"], "Another order", 1_00, "USD", expected_close=date(2026, 11, 30))
    add(ws, people["latin"], "And one more", 1_00, "USD", expected_close=date(2026, 12, 30))
    qtbot.waitUntil(lambda: titles(view)[0] == "Another order")
    assert view.current_id() == kept and view.model.fetches == fetches + 1  # two saves, one query
    stages = [s if s.key != "proposal" else s.__class__(s.key, "پیشکش", 40, s.idle_days) for s in ws.pipeline.stages]
    ws.pipeline_preferences.stages = stages
    qtbot.waitUntil(lambda: cell(view, "کپڑے کا آرڈر", Column.STAGE) == "پیشکش")
    assert cell(view, "کپڑے کا آرڈر", Column.STAGE, RTL_ROLE) is True
    assert cell(view, "کپڑے کا آرڈر", Column.PROBABILITY) == "40%"
    ws.contacts.trash([people["urdu"].id])
    qtbot.waitUntil(lambda: "کپڑے کا آرڈر" not in titles(view))  # the deal follows its contact to the Trash


def test_a_query_from_outside_drives_the_boxes_and_the_order(qtbot, ws, deals):
    view = make_view(qtbot, ws)
    view.set_query(DealQuery(text="rice", status=None, sort=DealSort.VALUE, descending=True))
    assert titles(view) == ["Rice shipment"]
    assert view.search.text() == "rice" and view.status.currentData() == "all"
    assert view.table.horizontalHeader().sortIndicatorSection() == COLUMNS.index(Column.VALUE)
    view.status.setCurrentIndex(view.status.findData("open"))
    assert view.query == DealQuery(text="rice", status=DealStatus.OPEN, sort=DealSort.VALUE, descending=True)


def test_an_empty_pipeline_says_how_to_start(qtbot, ws):
    view = make_view(qtbot, ws)
    assert view.stack.currentWidget() is view.empty and view.empty.text().startswith("No deals yet")
    assert view.status_text() == "0 deals"
