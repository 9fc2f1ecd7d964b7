"""Contact-list benchmarks on demo databases of 100,000 and 1,000,000 contacts (run on demand).

    python3 dev.py bench            # or: python tests/benchmarks/run.py [--sizes 100000 1000000]

Creates the demo databases once under tests/benchmarks/data/ (git-ignored), runs one GUI session per size
in a fresh process (gui_session.py), writes results.json here and the table between the BENCH markers in
README.md. Numbers, not pass/fail: the machine's load shows in them, so note it when comparing.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(ROOT))

from crm_desktop.services.demo import write_demo_database  # noqa: E402

START, END = "<!-- BENCH:START -->", "<!-- BENCH:END -->"


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def demo_database(size: int) -> Path:
    path = HERE / "data" / f"demo-{size}.sqlite3"
    if not path.exists():
        path.parent.mkdir(exist_ok=True)
        started = time.perf_counter()
        write_demo_database(path, size)
        print(f"wrote {path.name} in {time.perf_counter() - started:.1f} s", flush=True)
    return path


def session(db: Path) -> dict:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT))
    started = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, str(HERE / "gui_session.py"), str(db), str(HERE / "queries.txt")],
        stdout=subprocess.PIPE, text=True, env=env, cwd=ROOT,
    )  # fmt: skip
    first_line = proc.stdout.readline()
    process_to_paint = time.perf_counter() - started
    assert first_line.strip() == "PAINTED", first_line
    result = json.loads(proc.stdout.read())
    if proc.wait() != 0:
        raise SystemExit(f"gui_session failed on {db}")
    result["process_start_to_paint_s"] = process_to_paint
    return result


def summarise(raw: dict) -> dict:
    short = [q["ms"] for q in raw["search"] if len(q["query"]) <= 2]
    longer = [q["ms"] for q in raw["search"] if len(q["query"]) >= 3]
    short_answer = [q["answer_ms"] for q in raw["search"] if len(q["query"]) <= 2]
    longer_answer = [q["answer_ms"] for q in raw["search"] if len(q["query"]) >= 3]
    return {
        "answer_1_2_p95_ms": percentile(short_answer, 95),
        "answer_3plus_p95_ms": percentile(longer_answer, 95),
        "first_paint_s": raw["process_start_to_paint_s"],
        "search_1_2_p50_ms": percentile(short, 50),
        "search_1_2_p95_ms": percentile(short, 95),
        "search_3plus_p50_ms": percentile(longer, 50),
        "search_3plus_p95_ms": percentile(longer, 95),
        "tag_search_p50_ms": percentile(raw["filtered"]["tag"], 50),
        "tag_search_max_ms": max(raw["filtered"]["tag"]),
        "city_sort_search_p50_ms": percentile(raw["filtered"]["city"], 50),
        "city_sort_search_max_ms": max(raw["filtered"]["city"]),
        "jump_to_end_ms": raw["jump_to_end_ms"],
        "peak_rss_mb": raw["peak_rss_mb"],
    }


ROWS = [
    ("Process start to main window painted", "first_paint_s", "{:.2f} s", "≤ 1.5 s", 1.5),
    ("Search, 1-2 characters, p50", "search_1_2_p50_ms", "{:.0f} ms", "", None),
    ("Search, 1-2 characters, p95", "search_1_2_p95_ms", "{:.0f} ms", "≤ 100 ms", 100),
    ("Search, 3+ characters, p50", "search_3plus_p50_ms", "{:.0f} ms", "", None),
    ("Search, 3+ characters, p95", "search_3plus_p95_ms", "{:.0f} ms", "≤ 16 ms", 16),
    ("Search answered, before painting, 1-2 characters, p95", "answer_1_2_p95_ms", "{:.0f} ms", "", None),
    ("Search answered, before painting, 3+ characters, p95", "answer_3plus_p95_ms", "{:.1f} ms", "", None),
    ("Search within a tag filter (worker), p50", "tag_search_p50_ms", "{:.0f} ms", "", None),
    ("Search within a tag filter (worker), slowest of 5", "tag_search_max_ms", "{:.0f} ms", "", None),
    ("Search sorted by city (worker), p50", "city_sort_search_p50_ms", "{:.0f} ms", "", None),
    ("Search sorted by city (worker), slowest of 5", "city_sort_search_max_ms", "{:.0f} ms", "", None),
    ("Jump to the end of the list", "jump_to_end_ms", "{:.0f} ms", "", None),
    ("Peak RSS", "peak_rss_mb", "{:.0f} MB", "≤ 300 MB", 300),
]


def table(results: dict[str, dict]) -> str:
    sizes = sorted(results, key=int)
    head = "| Measure | " + " | ".join(f"{int(s):,} contacts" for s in sizes) + " | Target (1M) | Met? |"
    lines = [head, "|" + "---|" * (len(sizes) + 3)]
    for label, key, fmt, target, limit in ROWS:
        cells = [fmt.format(results[s][key]) for s in sizes]
        biggest = results[sizes[-1]][key]
        met = "" if limit is None else ("yes" if biggest <= limit else "no")
        lines.append(f"| {label} | " + " | ".join(cells) + f" | {target} | {met} |")
    return "\n".join(lines)


def write_readme(text: str) -> None:
    readme = ROOT / "README.md"
    content = readme.read_text(encoding="utf-8")
    if START in content and END in content:
        before, rest = content.split(START, 1)
        after = rest.split(END, 1)[1]
        readme.write_text(f"{before}{START}\n{text}\n{END}{after}", encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", nargs="+", type=int, default=[100_000, 1_000_000])
    args = parser.parse_args()
    results = {}
    for size in args.sizes:
        raw = session(demo_database(size))
        results[str(size)] = summarise(raw)
        print(size, json.dumps(results[str(size)]), flush=True)
    stamp = f"Measured {time.strftime('%Y-%m-%d')} on {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, offscreen."
    (HERE / "results.json").write_text(json.dumps({"note": stamp, "results": results}, indent=2) + "\n")
    text = table(results) + f"\n\n{stamp}"
    print(text)
    write_readme(text)


if __name__ == "__main__":
    main()
