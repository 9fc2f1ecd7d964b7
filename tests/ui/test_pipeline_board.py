"""The Pipeline board, real widgets offscreen over a real database: cards dragged with the mouse between
columns (history, headers, undo), Lost asking its reason, the filters, the cards' marks, the column model."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import QEvent, QPoint, QSettings, Qt
from PySide6.QtGui import QKeyEvent, QUndoStack
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QLabel

from crm_desktop.domain.activity import Activity, ActivityKind
from crm_desktop.domain.contact import Contact
from crm_desktop.domain.deal import Deal, DealStatus
from crm_desktop.domain.money import Money
from crm_desktop.ui.change_bridge import ChangeBridge
from crm_desktop.ui.main_window import MainWindow
from crm_desktop.ui.pipeline.column_model import (NO_NEXT_STEP_ROLE, OVERDUE_ROLE, ROW_ROLE, STALE_ROLE,
                                                  DealColumnModel)
from crm_desktop.ui.pipeline.section import PipelineSection
from crm_desktop.ui.resources import register_fonts

KARACHI = ZoneInfo("Asia/Karachi")
START = datetime(2026, 11, 23, 5, 0, tzinfo=UTC)


@pytest.fixture
def people(ws):
    return {
        "ali": ws.contacts.save(Contact(first_name="علی", last_name="رضا")),
        "kamal": ws.contacts.save(Contact(first_name="कमल", last_name="शर्मा")),
        "sara": ws.contacts.save(Contact(first_name="Sara", last_name="Perera")),
    }


def add_deal(ws, contact, title, stage="lead", minor=100_000_00, currency="INR", **fields) -> Deal:
    return ws.pipeline.save(Deal(title=title, value=Money(minor, currency), stage=stage, contact_id=contact.id, **fields))


@pytest.fixture
def section(qtbot, ws):
    register_fonts()
    bridge = ChangeBridge(ws.changes)
    stack = QUndoStack()
    view = PipelineSection(ws, bridge, stack)
    view.undo_stack, view.bridge = stack, bridge  # kept alive with the view
    qtbot.addWidget(view)
    view.resize(1400, 800)
    view.show()
    qtbot.waitExposed(view)
    yield view
    bridge.detach()


def laid_out(qtbot, board) -> None:
    """Wait until the columns built on first show have their places (the layout runs from the event loop)."""
    qtbot.waitUntil(lambda: board.columns[-1].x() > board.columns[0].x() and board.columns[0].view.height() > 200)


def card_center(column, deal_id) -> QPoint:
    row = column.model.row_of(deal_id)
    assert row >= 0, f"deal {deal_id} is not in {column.stage.key}"
    return column.view.visualRect(column.model.index(row)).center()


def drag(source, deal_id, target, release=True) -> None:
    """Press on the card, move past the drag distance, over the target column, and release there."""
    viewport = source.view.viewport()
    start = card_center(source, deal_id)
    QTest.mousePress(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, start)
    QTest.mouseMove(viewport, start + QPoint(QApplication.startDragDistance() + 5, 5))
    over = target.view.viewport()
    spot = QPoint(over.width() // 2, min(over.height() - 5, 60))
    QTest.mouseMove(over, spot)
    if release:
        QTest.mouseRelease(over, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, spot)


def type_text(widget, text: str) -> None:
    """Key presses carrying any script's letters (QTest.keyClicks knows ASCII only)."""
    for ch in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, ch))


def titles(column) -> list[str]:
    return [column.model.deal_at(i).title for i in range(column.model.rowCount())]


def test_a_card_dragged_with_the_mouse_moves_to_that_stage_and_both_headers_follow(section, ws, people, clock):
    moving = add_deal(ws, people["ali"], "کپڑے کا آرڈر", minor=12_34_567_00)
    add_deal(ws, people["sara"], "Chairs", minor=3_400_00, currency="USD")
    add_deal(ws, people["kamal"], "किताबें", stage="proposal", minor=1_000_00)
    section.board.reload()
    board = section.board
    lead, proposal = board.column("lead"), board.column("proposal")
    assert "2 deals" in lead.title.text() and "₹12,34,567.00 · $3,400.00" == lead.total.text()
    clock.advance(timedelta(hours=3))

    drag(lead, moving.id, proposal)

    assert [key for key, _ in ws.pipeline.history(moving.id)] == ["lead", "proposal"]
    assert ws.pipeline.history(moving.id)[1][1] == START + timedelta(hours=3)
    assert titles(lead) == ["Chairs"] and titles(proposal) == ["کپڑے کا آرڈر", "किताबें"]  # in its sorted place
    assert lead.title.text().startswith("Lead") and "1 deal" in lead.title.text()
    assert lead.total.text() == "$3,400.00" and lead.weighted.text() == "Weighted $340.00"
    assert proposal.total.text() == "₹12,35,567.00" and proposal.weighted.text() == "Weighted ₹6,17,783.50"
    assert section.status_text() == "3 open deals"
    assert not board.drag.dragging and not proposal.is_drop_target()


def test_the_column_under_the_mouse_lights_up_and_escape_cancels_the_drag(section, ws, people):
    deal = add_deal(ws, people["sara"], "Chairs")
    section.board.reload()
    lead, won = section.board.column("lead"), section.board.column("won")
    drag(lead, deal.id, won, release=False)
    assert section.board.drag.dragging and won.is_drop_target() and not lead.is_drop_target()
    ghost = section.window().findChild(QLabel, "pipelineDragCard")  # the card's picture follows the mouse
    assert ghost is not None and ghost.isVisible()
    QTest.keyClick(won.view, Qt.Key.Key_Escape)
    assert not section.board.drag.dragging and not won.is_drop_target()
    QTest.mouseRelease(won.view.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, QPoint(20, 20))
    assert ws.pipeline.get(deal.id).stage == "lead" and ws.pipeline.history(deal.id) == ws.pipeline.history(deal.id)[:1]
    assert titles(lead) == ["Chairs"] and titles(won) == []


def test_a_click_without_moving_is_no_drag(section, ws, people):
    deal = add_deal(ws, people["sara"], "Chairs")
    section.board.reload()
    lead = section.board.column("lead")
    QTest.mouseClick(lead.view.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                     card_center(lead, deal.id))  # fmt: skip
    assert not section.board.drag.dragging and ws.pipeline.get(deal.id).stage == "lead"
    assert lead.view.currentIndex().row() == 0


def test_dropping_on_lost_asks_the_reason_first_and_cancel_leaves_the_deal(section, ws, people):
    deal = add_deal(ws, people["kamal"], "किताबें")
    section.board.reload()
    lead, lost = section.board.column("lead"), section.board.column("lost")

    drag(lead, deal.id, lost)
    dialog = section.board.lost_dialog
    assert dialog is not None and dialog.isVisible()
    assert not dialog.ok.isEnabled()  # no reason chosen yet
    dialog.buttons.button(QDialogButtonBox.StandardButton.Cancel).click()
    assert ws.pipeline.get(deal.id).stage == "lead" and titles(lead) == ["किताबें"]

    drag(lead, deal.id, lost)
    dialog = section.board.lost_dialog
    type_text(dialog.reasons.lineEdit(), "قیمت زیادہ")  # a reason of the owner's own
    assert dialog.ok.isEnabled()
    dialog.ok.click()
    saved = ws.pipeline.get(deal.id)
    assert (saved.stage, saved.status, saved.lost_reason, saved.closed_on) == ("lost", DealStatus.LOST, "قیمت زیادہ",
                                                                              date(2026, 11, 23))  # fmt: skip
    assert titles(lead) == [] and titles(lost) == ["किताबें"]
    assert section.board.lost_dialog is None


def test_dropping_on_won_moves_at_once(section, ws, people):
    deal = add_deal(ws, people["sara"], "Chairs", stage="negotiation")
    section.board.reload()
    drag(section.board.column("negotiation"), deal.id, section.board.column("won"))
    assert section.board.lost_dialog is None
    assert ws.pipeline.get(deal.id).status is DealStatus.WON
    assert titles(section.board.column("won")) == ["Chairs"]
    assert section.board.column("won").total.text() == "₹1,00,000.00"


def test_undo_through_the_main_window_takes_the_move_back_and_redo_moves_again(qtbot, ws, people, tmp_path):
    deal = add_deal(ws, people["ali"], "کپڑے کا آرڈر")
    window = MainWindow(ws, QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    window.show()
    window.show_section(window.pipeline_view)
    qtbot.waitExposed(window)
    board = window.pipeline_view.board
    laid_out(qtbot, board)
    lead, proposal = board.column("lead"), board.column("proposal")
    reloads = []
    board.counts_changed.connect(lambda: reloads.append(1))
    original_reload = board.reload
    board.reload = lambda: (reloads.append("full"), original_reload())  # a full reload would show here

    drag(lead, deal.id, proposal)
    assert ws.pipeline.get(deal.id).stage == "proposal" and "full" not in reloads
    assert window.undo_action.isEnabled() and "Proposal" in window.undo_action.text()

    window.undo_action.trigger()
    assert ws.pipeline.get(deal.id).stage == "lead"
    assert [key for key, _ in ws.pipeline.history(deal.id)] == ["lead"]
    assert titles(lead) == ["کپڑے کا آرڈر"] and titles(proposal) == []
    window.redo_action.trigger()
    assert [key for key, _ in ws.pipeline.history(deal.id)] == ["lead", "proposal"]
    assert titles(proposal) == ["کپڑے کا آرڈر"] and "full" not in reloads
    assert window.status_label.text() == "1 open deal"


def test_a_change_made_elsewhere_reloads_the_board(section, ws, people):
    add_deal(ws, people["sara"], "Chairs")
    assert titles(section.board.column("lead")) == ["Chairs"]  # the board follows the save
    deal = ws.pipeline.get(section.board.column("lead").model.deal_at(0).id)
    deal.title = "Desks"
    ws.pipeline.save(deal)
    assert titles(section.board.column("lead")) == ["Desks"]


def test_filters_narrow_the_board_by_text_tag_month_and_value(qtbot, section, ws, people):
    add_deal(ws, people["ali"], "کپڑے کا آرڈر", minor=5_000_00, tags=["festival"], expected_close=date(2026, 12, 5))
    add_deal(ws, people["kamal"], "किताबें", stage="proposal", minor=90_000_00, expected_close=date(2027, 1, 10))
    add_deal(ws, people["sara"], "Chairs", minor=40_000_00, expected_close=date(2026, 12, 20))
    filters = section.filters
    section.filters.reload_choices()
    shown = lambda: sorted(t for c in section.board.columns for t in titles(c))  # noqa: E731
    everything = sorted(["Chairs", "किताबें", "کپڑے کا آرڈر"])
    assert shown() == everything

    type_text(filters.search, "کپڑے")
    qtbot.waitUntil(lambda: shown() == ["کپڑے کا آرڈر"], timeout=2000)
    filters.search.clear()
    filters.apply_now()

    filters.tag.setCurrentIndex(filters.tag.findData("festival"))
    assert shown() == ["کپڑے کا آرڈر"]
    filters.tag.setCurrentIndex(0)
    filters.month.setCurrentIndex(filters.month.findData("2026-12-01"))
    assert shown() == ["Chairs", "کپڑے کا آرڈر"]
    assert filters.month.currentText() == "December 2026"
    filters.month.setCurrentIndex(0)

    ws.pipeline_preferences.currency = "INR"
    filters.min_value.setText("10,000")
    filters.max_value.setText("₹ 50,000")
    filters.apply_now()
    assert shown() == ["Chairs"]
    filters.max_value.setText("fifty")
    filters.apply_now()
    assert filters.value_error.isVisible() and "'fifty' is not an amount" in filters.value_error.text()
    assert filters.max_value.property("invalid") is True
    assert shown() == ["Chairs", "किताबें"]  # the bad maximum is left out; the minimum still applies
    filters.max_value.clear()
    filters.min_value.clear()
    filters.apply_now()
    assert not filters.value_error.isVisible() and shown() == everything


def test_cards_carry_stale_no_next_step_and_overdue_from_the_model(section, ws, people, clock):
    quiet = add_deal(ws, people["sara"], "Quiet", stage="negotiation", expected_close=date(2026, 11, 30))  # idle 7 days
    planned = add_deal(ws, people["ali"], "Planned", stage="negotiation", expected_close=date(2026, 12, 30))
    ws.activities.save(Activity(people["ali"].id, ActivityKind.CALL, subject="Call", done=False,
                                at=START + timedelta(days=20), deal_id=planned.id))  # fmt: skip
    clock.advance(timedelta(days=8))
    section.board.reload()
    column = section.board.column("negotiation")
    marks = {column.model.deal_at(i).title: (column.model.index(i).data(STALE_ROLE),
                                             column.model.index(i).data(NO_NEXT_STEP_ROLE),
                                             column.model.index(i).data(OVERDUE_ROLE))
             for i in range(column.model.rowCount())}  # fmt: skip
    # Quiet: 8 days without activity where Negotiation allows 7, nothing scheduled, its close date passed.
    assert marks == {"Quiet": (True, True, True), "Planned": (False, False, False)}
    index = column.model.index(column.model.row_of(quiet.id))
    assert index.data(Qt.ItemDataRole.ToolTipRole) == "Quiet\nSara Perera"
    delegate = column.view.itemDelegate()
    assert delegate.stale_texts(index.data(ROW_ROLE))[0] == "Stale: quiet 8 days"


def test_the_column_model_passes_qt_model_tester(qtmodeltester, ws, people):
    for i, who in enumerate(people.values()):
        add_deal(ws, who, f"Deal {i}", expected_close=date(2026, 12, i + 1))
    column = next(c for c in ws.pipeline.board() if c.stage.key == "lead")
    model = DealColumnModel(column.stage, date(2026, 11, 23))
    model.set_rows(column.rows, column.total, column.weighted, date(2026, 11, 23))
    qtmodeltester.check(model, force_py=True)
    taken = model.take(column.rows[1].id)
    assert model.rowCount() == 2 and model.put(taken) == 1  # back in its sorted place
    qtmodeltester.check(model, force_py=True)


def test_the_pipeline_section_is_in_the_main_window_and_shows(qtbot, ws, people, tmp_path):
    add_deal(ws, people["sara"], "Chairs")
    window = MainWindow(ws, QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    row = [v for _t, _i, v in window.sections].index(window.pipeline_view)
    assert window.sidebar.item(row).text() == "Pipeline"
    window.sidebar.setCurrentRow(row)
    assert window.stack.currentWidget() is window.pipeline_view and window.pipeline_view.board.isVisible()
    assert window.status_label.text() == "1 open deal"
    requested = []
    window.pipeline_view.new_deal_requested.connect(requested.append)
    window.pipeline_view.new_deal_button.click()
    assert requested == ["lead"]
    opened = []
    window.pipeline_view.deal_activated.connect(opened.append)
    laid_out(qtbot, window.pipeline_view.board)
    lead = window.pipeline_view.board.column("lead")
    spot = card_center(lead, lead.model.deal_at(0).id)
    QTest.mouseClick(lead.view.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, spot)
    QTest.mouseDClick(lead.view.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, spot)
    assert opened == [lead.model.deal_at(0).id]
    QTest.keyClick(lead.view, Qt.Key.Key_Return)  # Enter on the current card opens it too
    assert opened == [lead.model.deal_at(0).id] * 2
