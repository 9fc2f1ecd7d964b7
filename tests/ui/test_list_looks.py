"""How the lists look on first start: columns that fit, a header menu for the rest, icons that stay
visible when selected, Indic names highlighted like Latin ones and Urdu ones drawn from the right."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings, QSize
from PySide6.QtGui import QColor, QIcon, QPalette
from PySide6.QtWidgets import QApplication, QTableView

from crm_desktop.ui import resources
from crm_desktop.ui.main_window import MainWindow
from tests.ui.sample_contacts import fill


@pytest.fixture
def window(qtbot, workspace, tmp_path):
    fill(workspace)
    win = MainWindow(workspace, QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(win)
    win.resize(1400, 860)
    win.show_contacts()  # the window starts on the Today page
    win.show()
    qtbot.waitExposed(win)
    return win


def visible_titles(view: QTableView) -> list[str]:
    header = view.horizontalHeader()
    model = view.model()
    ordered = sorted(range(header.count()), key=header.visualIndex)
    return [model.headerData(c, header.orientation()) for c in ordered if not header.isSectionHidden(c)]


def test_first_start_shows_the_columns_that_fit_without_horizontal_scrolling(window):
    view = window.findChild(QTableView, "contactTable")
    assert visible_titles(view) == ["Name", "Company", "Phone", "Email", "City", "Last contacted"]
    assert view.horizontalScrollBar().maximum() == 0
    header = view.horizontalHeader()
    assert header.sectionSize(0) >= 150  # names stay readable


def test_the_trash_fits_all_its_columns(qtbot, window, workspace):
    workspace.contacts.trash([window.contacts_view.model.id_at(0)])
    window.show_section(window.trash_view)
    view = window.findChild(QTableView, "trashTable")
    qtbot.waitUntil(view.isVisible)
    assert visible_titles(view)[-1] == "Deleted" and len(visible_titles(view)) == 9
    assert view.horizontalScrollBar().maximum() == 0


def test_the_header_menu_shows_and_hides_columns_and_the_choice_is_remembered(qtbot, window, workspace, tmp_path):
    view = window.findChild(QTableView, "contactTable")
    items = {a.text(): a for a in view.column_menu().actions()}
    assert not items["Name"].isEnabled()  # the name always shows
    assert not items["Stage"].isChecked()
    items["Stage"].trigger()
    items["City"].trigger()
    assert "Stage" in visible_titles(view) and "City" not in visible_titles(view)
    window.close()
    again = MainWindow(workspace, QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(again)
    titles = visible_titles(again.findChild(QTableView, "contactTable"))
    assert "Stage" in titles and "City" not in titles


def test_selected_icons_are_drawn_in_the_highlighted_text_colour(qapp):
    resources.icon.cache_clear()
    selected = resources.icon("contacts").pixmap(QSize(20, 20), QIcon.Mode.Selected).toImage()
    colours = {QColor(selected.pixel(x, y)).name() for x in range(20) for y in range(20) if selected.pixelColor(x, y).alpha() > 200}
    assert QApplication.palette().color(QPalette.ColorRole.HighlightedText).name() in colours
    assert resources.ICON_STROKE not in colours


def test_a_selected_hindi_row_is_highlighted_like_a_latin_one(qtbot, window, workspace):
    ids = fill(workspace)  # a second set: two names of each
    view = window.contacts_view
    hindi, latin, current = ids["शर्मा, राहुल"], ids["Khan, Imran"], ids["García, José"]
    view.table.select_ids([hindi, latin, current], current)
    rows = view.model.rows_of([hindi, latin])

    def right_edge(contact_id: int) -> list[str]:
        """The colours down the right end of the name cell (past the text)."""
        rect = view.table.visualRect(view.model.index(rows[contact_id], 0))
        image = view.table.viewport().grab(rect).toImage()
        return [image.pixelColor(image.width() - 3, y).name() for y in range(image.height())]

    highlight = view.table.palette().color(QPalette.ColorRole.Highlight).name()
    assert highlight in right_edge(latin)
    assert right_edge(hindi) == right_edge(latin)  # no unpainted strip above or below the lowered text
    cell = view.table.viewport().grab(view.table.visualRect(view.model.index(rows[hindi], 0))).toImage()
    light = [(x, y) for x in range(cell.width()) for y in range(cell.height()) if cell.pixelColor(x, y).lightness() > 220]
    assert len(light) > 20  # the name is written in the selection's (white) text colour, not dark on blue


def test_urdu_names_are_drawn_from_the_right_of_their_cell_and_latin_from_the_left(qtbot, window, workspace):
    view = window.contacts_view
    ids = fill(workspace)
    view.table.clearSelection()

    def ink_columns(contact_id: int) -> list[int]:
        rect = view.table.visualRect(view.model.index(view.model.row_of(contact_id), 0))
        cell = view.table.viewport().grab(rect).toImage()
        return [x for x in range(cell.width()) if any(cell.pixelColor(x, y).lightness() < 120 for y in range(cell.height()))]

    urdu, latin = ink_columns(ids["صدیقی، عائشہ"]), ink_columns(ids["Khan, Imran"])
    width = view.table.columnWidth(0)
    assert urdu and latin
    assert max(urdu) > width - 12 and min(urdu) > width // 3  # right-aligned, not overflowing to the left
    assert min(latin) < 12 and max(latin) < width * 2 // 3
