"""The Pipeline section as a whole in the main window: Board, List and Forecast pages, the filter bar
driving the list, and deals opened from the list, the board's New Deal and File > New Deal."""

from __future__ import annotations

from PySide6.QtCore import QSettings, Qt
from PySide6.QtTest import QTest

from crm_desktop.domain.contact import Contact
from crm_desktop.domain.deal import Deal
from crm_desktop.domain.money import Money
from crm_desktop.ui.main_window import MainWindow
from crm_desktop.ui.pipeline.deal_dialog import DealDialog
from tests.ui.deal_helpers import open_dialogs


def test_list_and_forecast_pages_follow_the_filter_bar_and_open_deals(qtbot, workspace, tmp_path):
    ali = workspace.contacts.save(Contact(first_name="علی", last_name="رضا"))
    sara = workspace.contacts.save(Contact(first_name="Sara", last_name="Perera"))
    for contact, title in ((ali, "کپڑے کا آرڈر"), (sara, "Tea machinery")):
        workspace.pipeline.save(Deal(title=title, value=Money(5_000_00, "PKR"), stage="lead", contact_id=contact.id))
    window = MainWindow(workspace, QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    window.show()
    section = window.pipeline_view
    window.show_section(section)
    assert [section.switch.button(i).text() for i in range(section.pages.count())] == ["Board", "List", "Forecast"]

    qtbot.mouseClick(section.switch.button(1), Qt.MouseButton.LeftButton)
    assert section.pages.currentWidget() is section.list and section.filters.isVisible()
    assert section.list.model.rowCount() == 2
    section.filters.search.setText("tea")  # the section's one text box narrows the list too
    qtbot.waitUntil(lambda: section.list.model.rowCount() == 1)
    assert window.status_label.text() == "1 deal"

    table = section.list.table
    spot = table.visualRect(table.model().index(0, 0)).center()
    QTest.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=spot)
    QTest.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, pos=spot)
    dialog = open_dialogs(DealDialog)[0]
    assert dialog.deal().title == "Tea machinery"
    dialog.close()

    qtbot.mouseClick(section.switch.button(2), Qt.MouseButton.LeftButton)
    assert not section.filters.isVisible()  # the forecast is of every open deal
    qtbot.waitUntil(lambda: section.forecast.months_table.rowCount() > 0)


def test_new_deal_from_the_file_menu_takes_the_selected_contact(qtbot, window, workspace):
    window.show_section(window.contacts_view)
    table = window.contacts_view.table
    qtbot.waitUntil(lambda: table.model().rowCount() > 3)
    table.selectRow(2)
    chosen = window.contacts_view.selected_ids()[0]
    window.new_deal_action.trigger()
    dialog = open_dialogs(DealDialog)[0]
    assert dialog.deal().contact_id == chosen
    dialog.close()
    window.show_section(window.pipeline_view)
    qtbot.mouseClick(window.pipeline_view.new_deal_button, Qt.MouseButton.LeftButton)
    blank = [d for d in open_dialogs(DealDialog) if d is not dialog][0]
    assert blank.deal().contact_id is None and blank.deal().stage == "lead"
    blank.close()


def test_delete_on_a_card_or_a_row_deletes_the_deal_and_undo_brings_it_back(qtbot, workspace, tmp_path):
    sara = workspace.contacts.save(Contact(first_name="Sara", last_name="Perera"))
    deal = workspace.pipeline.save(Deal(title="Tea machinery", value=Money(5_000_00, "PKR"), stage="lead",
                                        contact_id=sara.id))  # fmt: skip
    window = MainWindow(workspace, QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    window.show()
    with qtbot.waitActive(window):
        window.activateWindow()  # shortcuts go to the active window only
    section = window.pipeline_view
    window.show_section(section)
    column = section.board.column("lead")
    qtbot.waitUntil(lambda: column.model.rowCount() == 1)
    spot = column.view.visualRect(column.model.index(0, 0)).center()
    QTest.mouseClick(column.view.viewport(), Qt.MouseButton.LeftButton, pos=spot)
    assert section.selected_deal_id() == deal.id
    QTest.keyClick(column.view, Qt.Key.Key_Delete)
    qtbot.waitUntil(lambda: section.board.column("lead").model.rowCount() == 0)
    assert workspace.pipeline.rows() == [] and "Deleted the deal 'Tea machinery'" in window.statusBar().currentMessage()
    window.undo_action.trigger()
    qtbot.waitUntil(lambda: section.board.column("lead").model.rowCount() == 1)

    qtbot.mouseClick(section.switch.button(1), Qt.MouseButton.LeftButton)
    table = section.list.table
    qtbot.waitUntil(lambda: table.model().rowCount() == 1)
    QTest.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=table.visualRect(table.model().index(0, 0)).center())
    QTest.keyClick(table, Qt.Key.Key_Delete)
    qtbot.waitUntil(lambda: table.model().rowCount() == 0)
    assert workspace.pipeline.get(deal.id).deleted_at is not None
    section.filters.search.setFocus()
    section.filters.search.setText("tea")
    QTest.keyClick(section.filters.search, Qt.Key.Key_Home)
    QTest.keyClick(section.filters.search, Qt.Key.Key_Delete)  # a text box keeps its Delete key
    assert section.filters.search.text() == "ea"
