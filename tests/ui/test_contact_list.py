"""The Contacts section driven like a user: typing, filters, header clicks, the A-Z index, the card."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPoint, QSettings, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QComboBox, QLabel, QLineEdit, QTableView, QWidget

from crm_desktop.domain.contact import Contact
from crm_desktop.domain.contact_query import SortColumn
from crm_desktop.ui.contacts import list_view
from crm_desktop.ui.main_window import MainWindow


def table(win: QWidget) -> QTableView:
    return win.findChild(QTableView, "contactTable")


def type_text(widget: QWidget, text: str) -> None:
    """Type any script, one key event per character (QTest.keyClicks handles Latin-1 only)."""
    for ch in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, ch))


def shown_names(win: QWidget) -> list[str]:
    model = table(win).model()
    return [model.index(row, 0).data() for row in range(model.rowCount())]


def test_typing_narrows_the_list(qtbot, window):
    search = window.findChild(QLineEdit, "contactSearch")
    assert search.placeholderText() and search.isClearButtonEnabled()
    assert table(window).model().rowCount() == 8
    qtbot.keyClicks(search, "kha")
    qtbot.waitUntil(lambda: shown_names(window) == ["Khan, Imran"])
    search.clear()
    type_text(search, "کراچی")  # an Urdu city
    qtbot.waitUntil(lambda: shown_names(window) == ["صدیقی، عائشہ"])
    search.clear()
    qtbot.keyClicks(search, "300 555")  # phone digits, typed apart
    qtbot.waitUntil(lambda: shown_names(window) == ["Khan, Imran"])
    assert window.status_label.text() == "1 contact"


def test_a_slow_search_waits_for_a_pause_in_typing(qtbot, window, monkeypatch):
    monkeypatch.setattr(list_view, "FAST_SEARCH_S", 0.0)  # as if every query took long (a huge file)
    search = window.findChild(QLineEdit, "contactSearch")
    view = window.contacts_view
    search.setText("ada")  # one "keystroke": the query runs only when the timer fires
    assert view.model.query.text == "" and view._search_timer.isActive()
    qtbot.waitUntil(lambda: view.model.query.text == "ada")
    assert shown_names(window) == ["Lovelace, Ada"]


def test_a_fast_search_runs_on_the_keystroke(qtbot, window):
    search = window.findChild(QLineEdit, "contactSearch")
    view = window.contacts_view
    search.setText("a")
    qtbot.waitUntil(lambda: view.model.query.text == "a")
    search.setText("ada")  # the last query was quick: no waiting for the next one
    assert view.model.query.text == "ada" and shown_names(window) == ["Lovelace, Ada"]


def test_no_match_shows_the_empty_state(qtbot, window):
    search = window.findChild(QLineEdit, "contactSearch")
    qtbot.keyClicks(search, "xyzzy")
    empty = window.findChild(QLabel, "emptyState")
    qtbot.waitUntil(empty.isVisible)
    assert "No contacts match 'xyzzy'" in empty.text()
    assert not table(window).isVisible()
    search.clear()
    qtbot.waitUntil(table(window).isVisible)
    assert not empty.isVisible()


def test_an_empty_database_says_how_to_start(qtbot, workspace, tmp_path):
    win = MainWindow(workspace, QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(win)
    win.show_contacts()  # the window starts on the Today page
    win.show()
    label = win.findChild(QLabel, "noContactsState")
    assert label.isVisible() and "Ctrl+N" in label.text()
    assert not win.findChild(QLabel, "emptyState").isVisible()


def test_filters_by_tag_relationship_and_stage(qtbot, window):
    tags = window.findChild(QComboBox, "tagFilter")
    assert tags.count() == 1  # the counts are read when the user goes to the combo, not at start-up
    tags.setFocus()
    assert [tags.itemText(i) for i in range(tags.count())] == [
        "All tags", "india (1)", "spain (1)", "textiles (1)", "vip (3)"]  # fmt: skip
    tags.setCurrentIndex(tags.findData("vip"))
    assert shown_names(window) == ["Khan, Imran", "Lovelace, Ada", "صدیقی، عائشہ"]
    relationship = window.findChild(QComboBox, "relationshipFilter")
    relationship.setCurrentIndex(relationship.findData("customer"))
    assert shown_names(window) == ["Khan, Imran", "صدیقی، عائشہ"]
    stage = window.findChild(QComboBox, "stageFilter")
    stage.setCurrentIndex(stage.findData("advocate"))
    assert shown_names(window) == ["صدیقی، عائشہ"]
    tags.setCurrentIndex(0)
    relationship.setCurrentIndex(0)
    assert shown_names(window) == ["Lovelace, Ada", "صدیقی، عائشہ"]


def test_tag_counts_follow_changes(qtbot, window):
    tags = window.findChild(QComboBox, "tagFilter")
    tags.setFocus()  # tabbing into the combo reads the counts too
    tags.setCurrentIndex(tags.findData("spain"))
    assert shown_names(window) == ["García, José"]
    window.workspace.contacts.trash([window.ids["García, José"]])
    assert shown_names(window) == []
    window.workspace.contacts.save(Contact(first_name="Ana", tags=["vip", "new"]))
    window.findChild(QLineEdit, "contactSearch").setFocus()
    tags.setFocus()
    # the only "spain" card is gone: the tag leaves the combo and the list widens again
    assert tags.findData("spain") == -1 and tags.currentIndex() == 0
    assert len(shown_names(window)) == 8
    assert tags.itemText(tags.findData("vip")) == "vip (4)" and tags.findData("new") > 0


def click_header(qtbot, view: QTableView, column: int) -> None:
    header = view.horizontalHeader()
    x = header.sectionViewportPosition(column) + header.sectionSize(column) // 2
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, header.height() // 2))


def test_sort_by_header_click(qtbot, window):
    view = table(window)
    click_header(qtbot, view, 4)  # City
    query = view.model().query
    assert (query.sort, query.descending) == (SortColumn.CITY, False)
    cities = [view.model().index(r, 4).data() for r in range(8)]
    assert cities[:4] == ["Karachi", "Karachi", "Lahore", "London"]
    click_header(qtbot, view, 4)
    assert view.model().query.descending
    assert [view.model().index(r, 4).data() for r in range(8)] == cities[::-1]
    tags_item = next(a for a in view.column_menu().actions() if a.text() == "Tags")
    tags_item.trigger()  # hidden at first start; the header's menu shows it
    view.scrollTo(view.model().index(0, 7))
    click_header(qtbot, view, 7)  # Tags sort too: cards without tags first
    assert view.horizontalHeader().sortIndicatorSection() == 7
    assert view.model().query.sort is SortColumn.TAGS
    tags = [view.model().index(r, 7).data() for r in range(8)]
    assert tags == sorted(tags)


def test_az_index_jumps_and_sorts_by_name(qtbot, window):
    view = table(window)
    click_header(qtbot, view, 4)  # sorted by city first
    index = window.findChild(QWidget, "azIndex")
    assert [b.text() for b in index.buttons.values()][-4:] == ["#", "ابپ", "अ", "அ"]
    assert index.buttons["ا"].toolTip() == "Urdu" and "Noto Naskh Arabic" in index.buttons["ا"].font().families()
    qtbot.mouseClick(index.buttons["K"], Qt.MouseButton.LeftButton)
    assert view.model().query.sort is SortColumn.NAME and not view.model().query.descending
    assert view.horizontalHeader().sortIndicatorSection() == 0
    assert window.contacts_view.selected_ids() == [window.ids["Kareem, Bilal"]]
    qtbot.mouseClick(index.buttons["ا"], Qt.MouseButton.LeftButton)
    assert window.contacts_view.selected_ids() == [window.ids["صدیقی، عائشہ"]]
    qtbot.mouseClick(index.buttons["அ"], Qt.MouseButton.LeftButton)
    assert window.contacts_view.selected_ids() == [window.ids["செல்வம், முருகன்"]]
    qtbot.mouseClick(index.buttons["Z"], Qt.MouseButton.LeftButton)
    # no card under Z but a company filed as "Zenith Traders": it is the first one
    assert window.contacts_view.selected_ids() == [window.contacts_view.model.id_at(4)]


def test_selecting_a_row_shows_that_contact_in_the_card(qtbot, window):
    view = table(window)
    view.selectRow(shown_names(window).index("صدیقی، عائشہ"))
    card = window.contacts_view.card
    assert card.current_id() == window.ids["صدیقی، عائشہ"]
    assert card.title.text() == "عائشہ صدیقی"
    view.clearSelection()
    assert card.current_id() is None


def test_a_new_person_saved_in_the_card_is_selected_in_the_list(qtbot, window):
    search = window.findChild(QLineEdit, "contactSearch")
    qtbot.keyClicks(search, "ada")
    qtbot.waitUntil(lambda: shown_names(window) == ["Lovelace, Ada"])
    window.new_person_action.trigger()
    card = window.contacts_view.card
    assert window.contacts_view.selected_ids() == []
    qtbot.keyClicks(card.form.boxes["first_name"].editor, "Kamal")
    qtbot.keyClicks(card.form.boxes["last_name"].editor, "Perera")
    qtbot.mouseClick(card.save_button, Qt.MouseButton.LeftButton)
    new_id = card.current_id()
    assert new_id is not None
    # "Perera" does not match "ada": the search widens so the new card can be selected
    assert search.text() == "" and len(shown_names(window)) == 9
    assert window.contacts_view.selected_ids() == [new_id]
    assert table(window).selectionModel().currentIndex().data() == "Perera, Kamal"


def test_staying_on_unsaved_edits_keeps_the_list_on_that_card(qtbot, window, monkeypatch):
    from crm_desktop.ui.contacts import card_prompt

    monkeypatch.setattr(card_prompt, "ask_unsaved_changes", lambda parent, name: card_prompt.UnsavedChoice.STAY)
    view = table(window)
    view.selectRow(shown_names(window).index("Lovelace, Ada"))
    card = window.contacts_view.card
    qtbot.keyClicks(card.form.boxes["first_name"].editor, "line")
    view.selectRow(shown_names(window).index("Khan, Imran"))
    assert card.current_id() == window.ids["Lovelace, Ada"]
    assert window.contacts_view.selected_ids() == [window.ids["Lovelace, Ada"]]


def test_saving_the_selected_card_keeps_it_selected_without_asking(qtbot, window, monkeypatch):
    from crm_desktop.services.changes import ChangeKind
    from crm_desktop.ui.contacts import card_prompt

    def unexpected_prompt(parent, name):
        raise AssertionError(f"asked about unsaved edits to {name!r} while saving them")

    monkeypatch.setattr(card_prompt, "ask_unsaved_changes", unexpected_prompt)
    changes = []
    window.workspace.changes.subscribe(changes.append)
    view = table(window)
    view.selectRow(shown_names(window).index("Khan, Imran"))
    card = window.contacts_view.card
    qtbot.keyClicks(card.form.boxes["job_title"].editor, "Owner")
    qtbot.mouseClick(card.save_button, Qt.MouseButton.LeftButton)
    imran = window.ids["Khan, Imran"]
    assert [(c.kind, tuple(c.ids)) for c in changes] == [(ChangeKind.UPDATED, (imran,))]
    assert window.workspace.contacts.get(imran).job_title == "Owner"
    assert window.contacts_view.selected_ids() == [imran]
    assert view.selectionModel().currentIndex().data() == "Khan, Imran"
    assert card.current_id() == imran and not card.has_unsaved_changes()


def test_a_call_logged_elsewhere_shows_in_the_list_at_the_next_keystroke(qtbot, window, workspace):
    """The list keeps the rows it made while the user types on; a change anywhere makes them anew."""
    from crm_desktop.domain.activity import Activity, ActivityKind
    from crm_desktop.ui.contacts.table_model import CONTACTED_COLUMN

    search = window.findChild(QLineEdit, "contactSearch")
    model = window.contacts_view.model
    qtbot.keyClicks(search, "kh")
    qtbot.waitUntil(lambda: shown_names(window) == ["Khan, Imran"])
    assert model.index(0, CONTACTED_COLUMN).data() == ""
    call = workspace.activities.save(Activity(window.ids["Khan, Imran"], ActivityKind.CALL, "Hello", outcome="reached"))
    qtbot.keyClicks(search, "a")
    qtbot.waitUntil(lambda: model.query.text == "kha")
    assert model.index(0, CONTACTED_COLUMN).data() != ""
    workspace.activities.trash([call.id])  # announced as an activity change only
    qtbot.keyClicks(search, "n")
    qtbot.waitUntil(lambda: model.query.text == "khan")
    assert model.index(0, CONTACTED_COLUMN).data() == ""
