"""ContactTableModel: lazy pages of ids, sorting in SQL, right-to-left cells, refresh on changes."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from crm_desktop.domain.contact import Contact
from crm_desktop.domain.contact_query import ContactQuery, SortColumn
from crm_desktop.ui.change_bridge import ChangeBridge
from crm_desktop.ui.contacts.bidi import RTL_ROLE
from crm_desktop.ui.contacts.cell_painter import CellPainter
from crm_desktop.domain.scripts import is_rtl
from crm_desktop.ui.contacts.table_model import COLUMNS, ID_ROLE, TIME_COLUMN, ContactTableModel
from crm_desktop.ui.contacts.table_view import ContactTable
from crm_desktop.ui.resources import register_fonts
from tests.ui.sample_contacts import fill

NAME, CITY = 0, 4


@pytest.fixture
def ids(workspace):
    return fill(workspace)


def names(model: ContactTableModel) -> list[str]:
    return [model.index(row, NAME).data() for row in range(model.rowCount())]


def test_qtmodeltester(qtmodeltester, workspace, ids):
    model = ContactTableModel(workspace.contacts)
    qtmodeltester.check(model, force_py=True)
    model.set_query(ContactQuery(text="khan"))
    qtmodeltester.check(model, force_py=True)


def test_qtmodeltester_on_the_trash(qtmodeltester, workspace, ids):
    workspace.contacts.trash([ids["Khan, Imran"], ids["Lovelace, Ada"], ids["صدیقی، عائشہ"]])
    model = ContactTableModel(workspace.contacts, ContactQuery(trashed=True))
    qtmodeltester.check(model)  # the C++ tester stays on it through the changes below
    assert model.rowCount() == 3 and model.headerData(TIME_COLUMN, Qt.Orientation.Horizontal) == "Deleted"
    workspace.contacts.restore([ids["Lovelace, Ada"]])
    model.refresh()
    model.sort(NAME, Qt.SortOrder.DescendingOrder)
    assert names(model) == ["صدیقی، عائشہ", "Khan, Imran"]
    workspace.contacts.purge([ids["Khan, Imran"]])
    model.refresh()
    assert names(model) == ["صدیقی، عائشہ"]
    model.stop()


def test_rows_in_name_order_with_local_time(workspace, ids):
    model = ContactTableModel(workspace.contacts)
    assert names(model)[:4] == ["García, José", "Kareem, Bilal", "Khan, Imran", "Lovelace, Ada"]
    assert names(model)[-3:] == ["صدیقی، عائشہ", "शर्मा, राहुल", "செல்வம், முருகன்"]
    updated = model.index(0, len(COLUMNS) - 1).data()
    assert len(updated) == 16 and updated[4] == "-"  # "YYYY-MM-DD HH:MM"


def test_only_pages_on_screen_are_fetched_and_the_cache_is_bounded(workspace):
    workspace.contacts.repository.bulk_insert(Contact(first_name=f"P{i:04d}") for i in range(1000))
    model = ContactTableModel(workspace.contacts, page_size=50, max_pages=3)
    assert model.rowCount() == 1000
    assert model.pages_fetched == 0  # counting rows loads nothing
    assert model.index(999, NAME).data() == "P0999"
    assert model.index(950, NAME).data() == "P0950"
    assert model.pages_fetched == 1
    for row in (0, 100, 200, 300):
        model.index(row, NAME).data()
    assert model.cached_pages() == 3
    assert model.index(0, NAME).data(ID_ROLE) == model.id_at(0)


def test_sort_runs_in_sql_both_ways(workspace, ids):
    model = ContactTableModel(workspace.contacts)
    model.sort(CITY, Qt.SortOrder.AscendingOrder)
    assert model.query.sort is SortColumn.CITY
    cities = [model.index(r, CITY).data() for r in range(model.rowCount())]
    assert cities[:4] == ["Karachi", "Karachi", "Lahore", "London"]
    model.sort(CITY, Qt.SortOrder.DescendingOrder)
    assert [model.index(r, CITY).data() for r in range(model.rowCount())] == cities[::-1]
    model.sort(7, Qt.SortOrder.AscendingOrder)  # Tags
    assert model.query.sort is SortColumn.TAGS
    tags = [model.index(r, 7).data() for r in range(model.rowCount())]
    assert tags == sorted(tags) and tags[-1] == "vip"


def test_urdu_cells_are_right_aligned_and_rtl(workspace, ids):
    model = ContactTableModel(workspace.contacts)
    row = model.row_of(ids["صدیقی، عائشہ"])
    alignment = Qt.AlignmentFlag(model.index(row, NAME).data(Qt.ItemDataRole.TextAlignmentRole))
    assert alignment & Qt.AlignmentFlag.AlignRight and alignment & Qt.AlignmentFlag.AlignAbsolute
    assert model.index(row, NAME).data(RTL_ROLE) is True
    assert model.index(row, CITY).data() == "کراچی" and model.index(row, CITY).data(RTL_ROLE)
    hindi = model.row_of(ids["शर्मा, राहुल"])
    hindi_alignment = Qt.AlignmentFlag(model.index(hindi, NAME).data(Qt.ItemDataRole.TextAlignmentRole))
    assert hindi_alignment & Qt.AlignmentFlag.AlignLeft and not model.index(hindi, NAME).data(RTL_ROLE)


def test_the_cells_are_painted_from_the_models_look_in_their_bundled_fonts(qapp, workspace, ids):
    """The list's painter draws what ContactTableModel.cell() says: the text (a mixed RTL cell wrapped
    as an RTL paragraph of its own), its alignment and its script's bundled font."""
    register_fonts()
    workspace.contacts.save(Contact(first_name="علی", last_name="خان", company="خان (Lahore)"))
    view = ContactTable(ContactTableModel(workspace.contacts), "contactTable")
    model = view.contact_model()
    assert isinstance(view.itemDelegate(), CellPainter)
    for name, family, column, painted in (
        ("صدیقی، عائشہ", "Noto Naskh Arabic", NAME, "صدیقی، عائشہ"),  # RTL letters only: as typed
        ("خان، علی", "Noto Naskh Arabic", 1, "\u202bخان (Lahore)\u202c"),  # mixed: an RTL paragraph of its own
        ("செல்வம், முருகன்", "Noto Sans Tamil", NAME, "செல்வம், முருகன்"),
        ("Khan, Imran", None, NAME, "Khan, Imran"),
    ):
        row = model.row_of(workspace.contacts.search_ids(ContactQuery(text=name))[0])
        text, alignment, font, _colour = model.cell(row, column)
        assert text == painted == model.index(row, column).data()
        rtl = family == "Noto Naskh Arabic"
        assert bool(alignment & Qt.AlignmentFlag.AlignRight) is rtl
        assert (font.families()[0] if font is not None else None) == family
    view.deleteLater()


def test_a_repaint_lays_no_text_out_again_and_a_narrow_column_elides(qtbot, workspace, ids):
    view = ContactTable(ContactTableModel(workspace.contacts), "contactTable")
    qtbot.addWidget(view)
    view.resize(1200, 400)
    view.grab()
    painter = view.itemDelegate()
    made = painter.laid_out
    assert made >= 8  # the names, at least
    view.grab()
    assert painter.laid_out == made  # the second paint drew from the cache
    view.horizontalHeader().resizeSection(NAME, 40)
    view.grab()
    shown = [laid.text() for laid, _w, _h in painter._texts.values()]
    assert "Khan, Imran" in shown and any(t.endswith("\u2026") and t.startswith("K") for t in shown)


@pytest.mark.parametrize(
    ("text", "rtl"),
    [("عائشہ", True), ("  (خان)", True), ("שלום", True), ("Khan خان", False), ("राहुल", False), ("123", False), ("", False)],
)
def test_direction_follows_the_first_strong_character(text, rtl):
    assert is_rtl(text) is rtl


def test_refreshes_on_changes_through_the_bridge(qtbot, workspace, ids):
    model = ContactTableModel(workspace.contacts)
    bridge = ChangeBridge(workspace.changes)
    bridge.changed.connect(model.on_change)
    before = model.rowCount()
    with qtbot.waitSignal(model.modelReset):
        workspace.contacts.trash([ids["Khan, Imran"]])
    assert model.rowCount() == before - 1 and "Khan, Imran" not in names(model)
    bridge.detach()
    workspace.contacts.restore([ids["Khan, Imran"]])
    assert model.rowCount() == before - 1  # detached: no longer listening
