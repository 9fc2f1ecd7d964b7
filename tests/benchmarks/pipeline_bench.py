"""Pipeline board benchmarks (issue 4), run on demand:  flock /tmp/bench.lock python tests/benchmarks/pipeline_bench.py

On a copy of the benchmark database (tests/benchmarks/pipeline_data.py: 10,000 open deals, 3,000 closed),
offscreen, 1400x900:
- first paint: from creating the PipelineSection until it has painted the whole board (every column
  read, its header and its first screen of cards), a synchronous repaint, like gui_session.py's first paint;
- a drop: a card dragged with real mouse events from Lead to Proposal; from the mouse release until the
  section has repainted with the move saved (p95 and median over 30 drops).
Writes results-pipeline.json here and the table between the BENCH-PIPELINE markers in README.md.
Screenshots of the board go to shots/ (git-ignored) when SHOTS=1.
"""

from __future__ import annotations

import json
import os
import platform
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(ROOT))

from PySide6.QtCore import QPoint, Qt  # noqa: E402
from PySide6.QtGui import QUndoStack  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from crm_desktop.domain.clock import FixedClock  # noqa: E402
from crm_desktop.services.workspace import open_workspace  # noqa: E402
from crm_desktop.ui.change_bridge import ChangeBridge  # noqa: E402
from crm_desktop.ui.pipeline.section import PipelineSection  # noqa: E402
from crm_desktop.ui.resources import register_fonts  # noqa: E402
from tests.benchmarks.pipeline_data import NOW, ZONE, build  # noqa: E402

START, END = "<!-- BENCH-PIPELINE:START -->", "<!-- BENCH-PIPELINE:END -->"
PAINTS, DROPS = 9, 30


def settle(app) -> None:
    for _ in range(3):
        app.processEvents()


def first_paints(app, ws, bridge, stack) -> list[float]:
    times = []
    for _ in range(PAINTS):
        started = time.perf_counter()
        section = PipelineSection(ws, bridge, stack)
        section.resize(1400, 900)
        section.show()  # reads the board (on first show)
        app.sendPostedEvents()  # the columns' layout
        section.repaint()
        times.append((time.perf_counter() - started) * 1000)
        section.close()
        section.deleteLater()
        settle(app)
    return times


def drops(app, section) -> list[float]:
    board = section.board
    lead, proposal = board.column("lead"), board.column("proposal")
    times = []
    for _ in range(DROPS):
        index = lead.model.index(0)
        start = lead.view.visualRect(index).center()
        viewport = lead.view.viewport()
        QTest.mousePress(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, start)
        QTest.mouseMove(viewport, start + QPoint(QApplication.startDragDistance() + 5, 5))
        over = proposal.view.viewport()
        spot = QPoint(over.width() // 2, 80)
        QTest.mouseMove(over, spot)
        settle(app)
        deal_id = lead.model.deal_at(0).id
        started = time.perf_counter()
        QTest.mouseRelease(over, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, spot)
        section.repaint()
        times.append((time.perf_counter() - started) * 1000)
        assert proposal.model.row_of(deal_id) >= 0 and section.workspace.pipeline.get(deal_id).stage == "proposal"
        settle(app)
    return times


def shots(section, folder: Path) -> None:
    folder.mkdir(exist_ok=True)
    section.grab().save(str(folder / "pipeline-board.png"))
    for key in ("lead", "won"):
        column = section.board.column(key)
        column.grab().save(str(folder / f"pipeline-column-{key}.png"))


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def main() -> None:
    source = build()
    work = Path(tempfile.mkdtemp(prefix="crm-pipeline-bench-")) / "pipeline.sqlite3"
    shutil.copyfile(source, work)
    app = QApplication.instance() or QApplication([sys.argv[0]])
    register_fonts()
    ws = open_workspace(work, FixedClock(NOW, ZONE))
    try:
        bridge = ChangeBridge(ws.changes)
        stack = QUndoStack()
        paint = first_paints(app, ws, bridge, stack)
        section = PipelineSection(ws, bridge, stack)
        section.resize(1400, 900)
        section.show()
        settle(app)
        if os.environ.get("SHOTS"):
            shots(section, ROOT / "shots")
        drop = drops(app, section)
        counts = {c.stage.key: c.model.rowCount() for c in section.board.columns}
    finally:
        ws.close()
        shutil.rmtree(work.parent, ignore_errors=True)
    results = {
        "open_deals": 10_000, "columns": counts,
        "first_paint_ms": paint, "first_paint_best_ms": min(paint), "first_paint_median_ms": statistics.median(paint),
        "drop_ms": drop, "drop_best_ms": min(drop), "drop_median_ms": statistics.median(drop), "drop_p95_ms": p95(drop),
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, offscreen",
    }  # fmt: skip
    (HERE / "results-pipeline.json").write_text(json.dumps(results, indent=2), encoding="utf-8")
    text = table(results)
    print(text)
    readme = ROOT / "README.md"
    content = readme.read_text(encoding="utf-8")
    if START in content and END in content:
        before, rest = content.split(START, 1)
        readme.write_text(f"{before}{START}\n{text}\n{END}{rest.split(END, 1)[1]}", encoding="utf-8")


def table(r: dict) -> str:
    met = lambda value, target: "yes" if value <= target else "no"  # noqa: E731
    rows = [
        ("Board first paint (section created to painted), best", f"{r['first_paint_best_ms']:.0f} ms", "", ""),
        ("Board first paint, median of 9", f"{r['first_paint_median_ms']:.0f} ms", "≤ 300 ms",
         met(r["first_paint_median_ms"], 300)),
        ("Drop (mouse release to repainted, move saved), best", f"{r['drop_best_ms']:.1f} ms", "", ""),
        ("Drop, median of 30", f"{r['drop_median_ms']:.1f} ms", "", ""),
        ("Drop, p95 of 30", f"{r['drop_p95_ms']:.1f} ms", "≤ 50 ms", met(r["drop_p95_ms"], 50)),
    ]  # fmt: skip
    lines = [f"| Measure ({r['open_deals']:,} open deals) | Figure | Target | Met? |", "|---|---|---|---|"]
    lines += [f"| {a} | {b} | {c} | {d} |" for a, b, c, d in rows]
    lines.append("")
    lines.append(f"Measured {time.strftime('%Y-%m-%d')} on {r['machine']}.")
    return "\n".join(lines)


if __name__ == "__main__":
    main()
