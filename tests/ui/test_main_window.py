"""The main window: sections, menus and shortcuts, remembered state, and start-up failures."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import QLineEdit, QListWidget, QTableView

from crm_desktop.cli import GuiOptions
from crm_desktop.domain.contact_query import SortColumn
from crm_desktop.ui import app as gui_app
from crm_desktop.ui import resources
from crm_desktop.ui.main_window import MainWindow
from tests.ui.sample_contacts import fill


def make_window(qtbot, workspace, settings_path) -> MainWindow:
    win = MainWindow(workspace, QSettings(str(settings_path), QSettings.Format.IniFormat))
    qtbot.addWidget(win)
    win.show_contacts()  # the window starts on the Today page; these tests are about the contacts
    win.show()
    qtbot.waitExposed(win)
    return win


def test_sidebar_lists_the_working_sections(qtbot, workspace, tmp_path):
    win = make_window(qtbot, workspace, tmp_path / "ui.ini")
    sidebar = win.findChild(QListWidget, "sidebar")
    assert [sidebar.item(i).text() for i in range(sidebar.count())] == ["Today", "Contacts", "Activities", "Pipeline", "Trash"]
    menus = [a.text() for a in win.menuBar().actions()]
    assert menus == ["&File", "&Edit", "&Activity", "&View", "&Reports", "&Help"]
    win.show_section(win.trash_view)
    assert win.stack.currentWidget() is win.trash_view
    win.find_action.trigger()  # Find goes back to the contacts and into the search box
    assert win.stack.currentWidget() is win.contacts_view


def test_ctrl_f_focuses_the_search_box(qtbot, workspace, tmp_path):
    fill(workspace)
    win = make_window(qtbot, workspace, tmp_path / "ui.ini")
    with qtbot.waitActive(win):
        win.activateWindow()
    search = win.findChild(QLineEdit, "contactSearch")
    search.setText("khan")
    table = win.findChild(QTableView, "contactTable")
    table.setFocus()
    assert win.focusWidget() is table
    qtbot.keyClick(table, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert win.focusWidget() is search and search.selectedText() == "khan"  # typing replaces it


def test_window_and_column_state_is_restored(qtbot, workspace, tmp_path):
    fill(workspace)
    settings = tmp_path / "ui.ini"
    first = make_window(qtbot, workspace, settings)
    first.resize(first.minimumSizeHint().width(), 600)  # the offscreen screen is 800 pixels wide
    size = first.size()
    header = first.findChild(QTableView, "contactTable").horizontalHeader()
    header.resizeSection(0, 333)
    header.moveSection(4, 1)  # City next to Name
    header.setSortIndicator(4, Qt.SortOrder.DescendingOrder)
    first.contacts_view.splitter.setSizes([500, 300])
    splitter_sizes = first.contacts_view.splitter.sizes()
    first.close()

    second = make_window(qtbot, workspace, settings)
    header = second.findChild(QTableView, "contactTable").horizontalHeader()
    assert second.size() == size
    assert header.sectionSize(0) == 333
    assert header.visualIndex(4) == 1
    assert second.contacts_view.model.query.sort is SortColumn.CITY
    assert second.contacts_view.model.query.descending
    assert second.contacts_view.splitter.sizes() == splitter_sizes


def test_a_database_that_cannot_be_opened_is_explained_and_exits_1(qapp, tmp_path, monkeypatch):
    not_ours = tmp_path / "letter.sqlite3"
    not_ours.write_bytes(b"Dear Sir, this is not a database.")
    shown: list[str] = []
    monkeypatch.setattr(gui_app, "show_startup_error", lambda message, parent=None: shown.append(message))
    assert gui_app.run_gui(GuiOptions(db_path=not_ours, demo=False)) == 1
    assert len(shown) == 1 and str(not_ours) in shown[0] and "not a crm-desktop database" in shown[0]
    assert not_ours.read_bytes() == b"Dear Sir, this is not a database."


def test_a_second_copy_is_told_the_file_is_in_use(qapp, workspace, db_path, monkeypatch):
    shown: list[str] = []
    monkeypatch.setattr(gui_app, "show_startup_error", lambda message, parent=None: shown.append(message))
    assert gui_app.run_gui(GuiOptions(db_path=db_path, demo=False)) == 1
    assert "another running copy" in shown[0]


@pytest.mark.parametrize("family", ["Noto Naskh Arabic", "Noto Sans Devanagari", "Noto Sans Tamil"])
def test_the_bundled_script_fonts_are_registered(qapp, family):
    gui_app.create_application()
    assert family in resources.register_fonts()
    assert family in QFontDatabase.families()


def test_icons_come_from_the_package_and_a_missing_one_is_empty(qapp):
    assert not resources.icon("trash").isNull()
    assert resources.icon("no-such-icon").isNull()


def test_demo_option_creates_the_demo_database_on_first_use(qapp, tmp_path):
    demo = tmp_path / "demo.sqlite3"
    workspace = gui_app.open_for_gui(GuiOptions(db_path=demo, demo=True))
    try:
        assert workspace is not None and workspace.contacts.count() > 1000
    finally:
        workspace.close()


def section_row(win, view) -> int:
    return [v for _title, _icon, v in win.sections].index(view)


def test_delete_is_enabled_only_while_the_shown_table_has_a_selection(qtbot, workspace, tmp_path):
    ids = fill(workspace)
    win = make_window(qtbot, workspace, tmp_path / "ui.ini")
    contacts = win.findChild(QTableView, "contactTable")
    contacts.clearSelection()
    assert not win.delete_action.isEnabled()
    contacts.selectRow(0)
    assert win.delete_action.isEnabled()
    contacts.clearSelection()
    assert not win.delete_action.isEnabled()
    contacts.selectRow(1)
    win.findChild(QLineEdit, "contactSearch").setText("zzzz-nobody")  # the list empties: nothing selected
    assert not win.delete_action.isEnabled()
    win.findChild(QLineEdit, "contactSearch").clear()

    workspace.contacts.trash([next(iter(ids.values()))])
    win.sidebar.setCurrentRow(section_row(win, win.trash_view))
    trash = win.findChild(QTableView, "trashTable")
    trash.clearSelection()
    assert not win.delete_action.isEnabled()
    trash.selectRow(0)
    assert win.delete_action.isEnabled()
    contacts.clearSelection()
    assert win.delete_action.isEnabled()  # the Trash's selection is the one that counts while it is shown
    win.sidebar.setCurrentRow(section_row(win, win.contacts_view))
    assert not win.delete_action.isEnabled()
