"""Documents written in the background: Cancel stops a running directory and leaves no file, the window
stays responsive, the Reports menu and the card's Dossier button write their PDFs."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt, QTimer

from crm_desktop.services import reports
from crm_desktop.services.demo import write_demo_database
from crm_desktop.services.workspace import open_workspace
from crm_desktop.ui.main_window import MainWindow
from crm_desktop.ui.reports import menu as reports_menu
from crm_desktop.ui.reports.progress_dialog import JobProgressDialog
from crm_desktop.domain.contact import Contact
from crm_desktop.domain.deal import Deal
from crm_desktop.domain.money import Money


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory) -> Path:
    return write_demo_database(tmp_path_factory.mktemp("demo") / "demo.sqlite3", 4000, history=False)


@pytest.fixture
def big(demo_file, tmp_path):
    copy = tmp_path / "big.sqlite3"
    copy.write_bytes(demo_file.read_bytes())
    ws = open_workspace(copy)
    yield ws
    ws.close()


def test_cancel_stops_a_running_directory_and_leaves_no_file(qtbot, big, tmp_path):
    out = tmp_path / "out" / "directory.pdf"
    out.parent.mkdir()
    dialog = JobProgressDialog("Contact Directory", lambda job: reports.directory(big, out, job=job))
    qtbot.addWidget(dialog)
    progress: list[tuple[int, int]] = []
    dialog.worker.progressed.connect(lambda done, total: progress.append((done, total)))
    ticks: list[float] = []
    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(time.perf_counter()))
    timer.start(20)
    dialog.start()
    # The event loop turns (the timer ticks) while the job runs on its worker.
    qtbot.waitUntil(lambda: len(ticks) >= 2 and any(done >= 100 for done, _ in progress), timeout=20_000)
    assert dialog.is_running()
    with qtbot.waitSignal(dialog.finished_with, timeout=20_000) as ended:
        qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
    timer.stop()
    assert ended.args[0] == "cancelled"
    done, total = progress[-1]
    assert 100 <= done < total and total > 3900  # stopped well before the end
    assert list(out.parent.iterdir()) == []  # no PDF, no partial file
    assert not dialog.thread_.isRunning()


def test_the_progress_dialog_shows_only_for_long_work_and_reports_the_result(qtbot, big, tmp_path):
    out = tmp_path / "directory.pdf"
    dialog = JobProgressDialog("Contact Directory", lambda job: reports.directory(big, out, job=job))
    qtbot.addWidget(dialog)
    assert not dialog.isVisible()
    with qtbot.waitSignal(dialog.finished_with, timeout=60_000) as ended:
        dialog.start()
        qtbot.waitUntil(lambda: dialog.isVisible() or not dialog.is_running(), timeout=60_000)
    assert ended.args[0] == "done" and ended.args[1] >= 100  # pages
    assert out.stat().st_size > 0


@pytest.fixture
def window(qtbot, workspace, tmp_path, monkeypatch):
    opened: list[Path] = []
    monkeypatch.setattr(reports_menu, "open_document", opened.append)
    win = MainWindow(workspace, QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    win.opened = opened
    return win


def test_the_reports_menu_writes_the_pipeline_report(qtbot, window, workspace, tmp_path, monkeypatch):
    ali = workspace.contacts.save(Contact(first_name="Ali", last_name="Raza"))
    workspace.pipeline.save(Deal(title="Cloth", value=Money(100_000_00, "PKR"), stage="lead", contact_id=ali.id))
    target = tmp_path / "pipeline.pdf"
    monkeypatch.setattr(reports_menu, "ask_save_path", lambda parent, title, suggested: target)
    window.reports_menu.pipeline_action.trigger()
    qtbot.waitUntil(lambda: window.opened == [target], timeout=20_000)
    assert target.read_bytes().startswith(b"%PDF")


def test_the_cards_dossier_button_writes_the_contacts_dossier(qtbot, window, workspace, tmp_path, monkeypatch):
    ali = workspace.contacts.save(Contact(first_name="Ali", last_name="Raza"))
    asked: list[str] = []
    target = tmp_path / "ali.pdf"

    def ask(parent, title, suggested):
        asked.append(suggested)
        return target

    monkeypatch.setattr(reports_menu, "ask_save_path", ask)
    window.show_contacts()
    window.open_contact(ali.id)
    card = window.contacts_view.card
    qtbot.waitUntil(lambda: card.current_id() == ali.id)
    assert card.dossier_button.isEnabled()
    qtbot.mouseClick(card.dossier_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.opened == [target], timeout=20_000)
    assert asked == ["Ali Raza dossier.pdf"]
    import pdfplumber

    with pdfplumber.open(target) as pdf:
        assert pdf.pages[0].extract_text().startswith("Ali Raza")
