"""Contact directory benchmark (issue 5: 100,000 contacts to PDF in at most 30 s), run on demand:
    flock /tmp/bench.lock python tests/benchmarks/directory_bench.py [RUNS]

Works on a copy of data/demo-100000.sqlite3 in the temporary folder (the original is never written).
Each run writes the whole A-Z directory through services.reports.directory, as the CLI and the app do
(a reader connection, database pages streamed, the PDF renamed into place at the end); one run of the
by-tag directory as well. Records the time, pages, file size and the process's peak memory, writes
results-documents.json here and the table between the BENCH-DOCUMENTS markers in README.md.
"""

from __future__ import annotations

import json
import platform
import resource
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(ROOT))

from crm_desktop.services import reports  # noqa: E402
from crm_desktop.services.workspace import open_workspace  # noqa: E402

SOURCE = HERE / "data" / "demo-100000.sqlite3"
START, END = "<!-- BENCH-DOCUMENTS:START -->", "<!-- BENCH-DOCUMENTS:END -->"
TARGET_S = 30.0


def main(runs: int = 3) -> dict:
    if not SOURCE.exists():
        sys.exit(f"{SOURCE} is missing: crm-desktop demo {SOURCE} --contacts 100000")
    work = Path(tempfile.mkdtemp(prefix="directory-bench-"))
    try:
        db = work / "demo.sqlite3"
        shutil.copyfile(SOURCE, db)
        times, pages, size = [], 0, 0
        with open_workspace(db) as ws:
            contacts = ws.contacts.count()
            for _ in range(runs):
                out = work / "directory.pdf"
                started = time.perf_counter()
                pages = reports.directory(ws, out)
                times.append(time.perf_counter() - started)
                size = out.stat().st_size
                print(f"A-Z: {times[-1]:.1f} s, {pages:,} pages, {size / 2**20:.1f} MiB", flush=True)
            started = time.perf_counter()
            tag_pages = reports.directory(ws, work / "by-tag.pdf", by_tag=True)
            by_tag = time.perf_counter() - started
            print(f"by tag: {by_tag:.1f} s, {tag_pages:,} pages", flush=True)
        peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    finally:
        shutil.rmtree(work, ignore_errors=True)
    results = {"contacts": contacts, "runs_s": times, "best_s": min(times), "median_s": statistics.median(times),
               "pages": pages, "file_mib": size / 2**20, "by_tag_s": by_tag, "by_tag_pages": tag_pages,
               "peak_rss_mib": peak_mib, "python": platform.python_version(), "machine": platform.machine()}
    (HERE / "results-documents.json").write_text(json.dumps(results, indent=2) + "\n")
    write_readme(results)
    return results


def write_readme(r: dict) -> None:
    met = "yes" if r["best_s"] <= TARGET_S and r["median_s"] <= TARGET_S else "no"
    rows = [
        f"| Measure ({r['contacts']:,} contacts, demo database) | Figure | Target | Met? |",
        "|---|---|---|---|",
        f"| Directory A-Z to PDF, best of {len(r['runs_s'])} | {r['best_s']:.1f} s | 30 s | {met} |",
        f"| Directory A-Z to PDF, median | {r['median_s']:.1f} s | 30 s | {met} |",
        f"| Directory by tag (a contact under each of its tags) | {r['by_tag_s']:.1f} s, {r['by_tag_pages']:,} pages |  |  |",
        f"| Pages, file size | {r['pages']:,} pages, {r['file_mib']:.1f} MiB |  |  |",
        f"| Peak memory of the whole process | {r['peak_rss_mib']:.0f} MiB |  |  |",
        "",
        f"Measured {time.strftime('%Y-%m-%d')} on {r['machine']}, Python {r['python']}.",
    ]
    readme = ROOT / "README.md"
    text = readme.read_text()
    if START in text and END in text:
        head, rest = text.split(START, 1)
        text = head + START + "\n" + "\n".join(rows) + "\n" + END + rest.split(END, 1)[1]
        readme.write_text(text)
    print("\n".join(rows))


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 3)
