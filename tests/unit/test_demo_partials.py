"""A killed demo run leaves partial files behind; the next run into the folder clears those of dead runs only."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from crm_desktop.services.demo import remove_stale_partials, write_demo_database

ROOT = Path(__file__).resolve().parents[2]
_WRITER = "import sys; from crm_desktop.services.demo import write_demo_database; write_demo_database(sys.argv[1], 30000)"


def _partials(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if ".partial" in p.name)


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL")
def test_a_killed_run_leaves_partials_that_the_next_run_removes(tmp_path):
    target = tmp_path / "demo.sqlite3"
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    writer = subprocess.Popen([sys.executable, "-c", _WRITER, str(target)], env=env)
    try:
        deadline = time.monotonic() + 60
        while not any(p.name.endswith(".partial.search") for p in tmp_path.iterdir()):
            assert writer.poll() is None and time.monotonic() < deadline, "the writer never got to its index"
            time.sleep(0.02)
    finally:
        writer.send_signal(signal.SIGKILL)
        writer.wait()
    left = _partials(tmp_path)
    assert f".demo.sqlite3.{writer.pid}.partial" in left and f".demo.sqlite3.{writer.pid}.partial.search" in left

    write_demo_database(target, 30)
    assert _partials(tmp_path) == []
    assert target.exists()


def test_partials_of_live_processes_and_other_files_are_kept(tmp_path):
    sleeper = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    gone = subprocess.Popen([sys.executable, "-c", "pass"])
    gone.wait()
    try:
        live = [f".a.sqlite3.{sleeper.pid}.partial", f".a.sqlite3.{sleeper.pid}.partial.search-wal"]
        dead = [f".b.sqlite3.{gone.pid}.partial", f".b.sqlite3.{gone.pid}.partial-wal",
                f".b.sqlite3.{gone.pid}.partial.lock", f".b.sqlite3.{gone.pid}.partial.search"]  # fmt: skip
        mine = [f".c.sqlite3.{os.getpid()}.partial"]
        others = [".notes.partial", "b.sqlite3", f".b.sqlite3.{gone.pid}.partial.bak"]
        for name in live + dead + mine + others:
            (tmp_path / name).write_bytes(b"x")
        removed = remove_stale_partials(tmp_path)
        assert sorted(p.name for p in removed) == sorted(dead)
        assert sorted(p.name for p in tmp_path.iterdir()) == sorted(live + mine + others)
    finally:
        sleeper.kill()
        sleeper.wait()
