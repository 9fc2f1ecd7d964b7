"""One benchmark session in a real MainWindow (offscreen): first paint, typing latency, jump to end, RSS.

    python tests/benchmarks/gui_session.py DB.sqlite3 QUERIES.txt   -> prints one JSON object

Latency is measured as a user sees it: from the key press of a query's last character until the model
holds that query's results (debounce included) and the table's viewport has painted them (a synchronous
repaint, which fetches and draws the visible rows).
"""

from __future__ import annotations

import json
import os
import resource
import shutil
import sys
import tempfile
import time

T0 = time.perf_counter()
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QEvent, QSettings, Qt  # noqa: E402
from PySide6.QtGui import QKeyEvent  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from crm_desktop.cli import GuiOptions  # noqa: E402
from crm_desktop.ui.app import create_application, open_for_gui  # noqa: E402
from crm_desktop.ui.main_window import MainWindow  # noqa: E402


def wait(app, until, timeout=30.0):
    end = time.perf_counter() + timeout
    while not until():
        app.processEvents()
        if time.perf_counter() > end:
            raise TimeoutError
    return time.perf_counter()


def press(widget, key, text="", modifiers=Qt.KeyboardModifier.NoModifier):
    for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
        QApplication.sendEvent(widget, QKeyEvent(kind, key, modifiers, text))


FILTERED_QUERIES = ("khan", "sh", "ali", "मा", "کر")


def filtered_searches(app, view) -> dict[str, list[float]]:
    """Keystroke to painted for searches that sort every match (a tag filter, a sort by city): the
    answer comes from a worker, so the time runs until the rows of that answer are painted."""
    view.filters.reload_tags()  # the tag counts, read when the user opens the combo: not timed
    tags = view.filters.tag_combo
    header = view.table.horizontalHeader()
    timings: dict[str, list[float]] = {"tag": [], "city": []}
    for kind in timings:
        for query in FILTERED_QUERIES:
            view.search.setText(query[:-1])
            if kind == "tag":
                tags.setCurrentIndex(1)  # the first tag, by name
            else:
                header.setSortIndicator(4, Qt.SortOrder.AscendingOrder)  # City
            view.apply_filters()
            wait(app, lambda: not view.model.searching())
            for _ in range(3):
                app.processEvents()
            start = time.perf_counter()
            press(view.search, Qt.Key.Key_unknown, query[-1])
            wait(app, lambda: view.model.query.text == query and not view.model.searching())
            view.table.viewport().repaint()
            timings[kind].append((time.perf_counter() - start) * 1000)
        tags.setCurrentIndex(0)
        header.setSortIndicator(0, Qt.SortOrder.AscendingOrder)
        view.apply_filters()
        wait(app, lambda: not view.model.searching())
    return timings


def main(db: str, queries_file: str) -> None:
    app = create_application([sys.argv[0]])
    workspace = open_for_gui(GuiOptions(db_path=__import__("pathlib").Path(db), demo=False))
    # A first start's layout (the columns that fit), not whatever the last session on this machine saved.
    settings_dir = tempfile.mkdtemp(prefix="crm-bench-")
    window = MainWindow(workspace, QSettings(os.path.join(settings_dir, "ui.ini"), QSettings.Format.IniFormat))
    window.resize(1400, 900)
    view = window.contacts_view
    window.show()
    window.repaint()  # the start page (Today) and everything around it
    first_paint = time.perf_counter() - T0
    print("PAINTED", flush=True)  # the parent times process start to this line
    result = {"first_paint_in_process_s": first_paint, "rows": view.model.rowCount()}
    window.show_contacts()  # the searches below are typed into the contact list
    wait(app, lambda: view.table.isVisible())

    latencies = []
    for query in open(queries_file, encoding="utf-8").read().split("\n"):
        if not query:
            continue
        view.search.setText(query[:-1])
        view.apply_filters()
        wait(app, lambda: True)
        for _ in range(3):
            app.processEvents()
        start = time.perf_counter()
        char = query[-1]
        press(view.search, Qt.Key.Key_Space if char == " " else Qt.Key.Key_unknown, char)
        answered = wait(app, lambda: view.model.query.text == query)
        view.table.viewport().repaint()
        painted = time.perf_counter()
        latencies.append({"query": query, "ms": (painted - start) * 1000, "answer_ms": (answered - start) * 1000,
                          "rows": view.model.rowCount()})  # fmt: skip
    result["search"] = latencies
    result["filtered"] = filtered_searches(app, view)

    view.search.setText("")
    view.apply_filters()
    wait(app, lambda: True)
    view.table.setFocus()
    view.table.selectRow(0)
    for _ in range(3):
        app.processEvents()
    start = time.perf_counter()
    press(view.table, Qt.Key.Key_End, "", Qt.KeyboardModifier.ControlModifier)
    last_row = view.model.rowCount() - 1
    wait(app, lambda: view.table.currentIndex().row() == last_row)
    view.table.viewport().repaint()
    painted = time.perf_counter()
    result["jump_to_end_ms"] = (painted - start) * 1000
    result["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    window.close()
    workspace.close()
    shutil.rmtree(settings_dir, ignore_errors=True)
    print(json.dumps(result))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
