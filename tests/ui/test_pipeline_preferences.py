"""Preferences > Pipeline over a real database file: stages added, renamed, reordered and saved with the
lost reasons and the currency in one go; a refusal is shown on the page and nothing is saved."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QLineEdit

from crm_desktop.domain.contact import Contact
from crm_desktop.domain.deal import DEFAULT_STAGES, Deal, DealStatus
from crm_desktop.domain.money import Money
from crm_desktop.services.changes import Change
from crm_desktop.ui.contacts.bidi import RTL_ROLE
from crm_desktop.ui.pipeline.stages_page import IDLE, NAME, PROBABILITY, PipelinePage
from crm_desktop.ui.preferences import PAGES, PreferencesDialog
from tests.ui.card_helpers import type_text


def open_page(qtbot, workspace) -> tuple[PreferencesDialog, PipelinePage]:
    dialog = PreferencesDialog(workspace)
    qtbot.addWidget(dialog)
    page = next(p for p in dialog.pages if isinstance(p, PipelinePage))
    dialog.page_list.setCurrentRow(dialog.pages.index(page))
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog, page


def names(page: PipelinePage) -> list[str]:
    return [page.table.item(row, NAME).text() for row in range(page.table.rowCount())]


def click(qtbot, button) -> None:
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def test_the_page_is_registered_and_shows_the_pipeline(qtbot, workspace):
    assert PipelinePage in PAGES
    _dialog, page = open_page(qtbot, workspace)
    assert page.stages() == list(DEFAULT_STAGES)
    assert page.table.cellWidget(4, PROBABILITY).isEnabled() is False  # Won is always 100%
    assert page.table.cellWidget(4, IDLE).text() == "none"
    assert page.reasons.toPlainText().splitlines()[0] == "price"
    assert page.currency.currentData() == "PKR"  # the home country's


def test_add_rename_reorder_and_save_together(qtbot, workspace):
    notices: list[Change] = []
    workspace.changes.subscribe(notices.append)
    dialog, page = open_page(qtbot, workspace)
    page.table.selectRow(1)  # Qualified
    click(qtbot, page.add_button)
    # The new stage's name, open for typing (the spin boxes' own line edits sit one level deeper).
    editors = page.table.viewport().findChildren(QLineEdit, "", Qt.FindChildOption.FindDirectChildrenOnly)
    assert [e.text() for e in editors] == ["New stage"]
    editor = editors[0]
    editor.selectAll()
    type_text(editor, "ڈیمو")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: names(page)[:3] == ["Lead", "Qualified", "ڈیمو"])  # committed on the next turn
    assert page.table.item(2, NAME).data(RTL_ROLE) is True
    page.table.cellWidget(2, PROBABILITY).setValue(35)
    page.table.cellWidget(2, IDLE).setValue(0)  # never stale
    page.table.item(0, NAME).setText("Enquiry")
    page.table.selectRow(3)  # Proposal
    click(qtbot, page.up_button)
    assert names(page)[:4] == ["Enquiry", "Qualified", "Proposal", "ڈیمو"]
    assert page.selected_row() == 2
    page.reasons.setPlainText("price\nقیمت زیادہ\nकोई जवाब नहीं")
    page.currency.setCurrentIndex(page.currency.findData("INR"))
    page.save()
    assert [n.entity for n in notices] == ["settings"]  # one notice for stages, reasons and currency together
    dialog.accept()
    assert dialog.result() == PreferencesDialog.DialogCode.Accepted
    stages = workspace.pipeline_preferences.stages
    assert [s.name for s in stages] == ["Enquiry", "Qualified", "Proposal", "ڈیمو", "Negotiation", "Won", "Lost"]
    demo = stages[3]
    assert (demo.probability, demo.idle_days, demo.closes_as) == (35, None, DealStatus.OPEN)
    assert demo.key.startswith("s-") and stages[0].key == "lead"  # a rename keeps the key (and the history)
    assert workspace.pipeline_preferences.lost_reasons == ["price", "قیمت زیادہ", "कोई जवाब नहीं"]
    assert workspace.pipeline_preferences.currency == "INR"


def test_won_and_lost_cannot_be_removed(qtbot, workspace):
    _dialog, page = open_page(qtbot, workspace)
    page.table.selectRow(5)  # Lost
    assert not page.remove_button.isEnabled() and not page.down_button.isEnabled()
    page.table.selectRow(0)
    assert page.remove_button.isEnabled() and not page.up_button.isEnabled()


def test_removing_a_stage_that_holds_a_deal_is_refused_and_nothing_is_saved(qtbot, workspace):
    ali = workspace.contacts.save(Contact(first_name="علی", last_name="رضا"))
    workspace.pipeline.save(Deal(title="Order", value=Money(5_000_00, "PKR"), stage="proposal", contact_id=ali.id))
    dialog, page = open_page(qtbot, workspace)
    page.table.item(0, NAME).setText("Enquiry")
    page.currency.setCurrentIndex(page.currency.findData("USD"))
    page.table.selectRow(2)  # Proposal
    click(qtbot, page.remove_button)
    assert "Proposal" not in names(page)
    dialog.accept()
    assert dialog.isVisible() and dialog.stack.currentWidget() is page
    problem = page.findChild(QLabel, "stagesProblem")
    assert problem.isVisible() and "'Proposal' still holds 1 deal" in problem.text()
    prefs = workspace.pipeline_preferences
    assert prefs.stages == list(DEFAULT_STAGES) and prefs.currency == "PKR"  # nothing half-way
    page.load()  # start over: two stages with one name are refused too
    page.table.item(1, NAME).setText(" lead ")
    dialog.accept()
    assert dialog.isVisible() and "same name" in problem.text()
    page.table.item(1, NAME).setText("Qualified")
    dialog.accept()
    assert not dialog.isVisible() and not problem.isVisible()
