"""Headless commands: exit codes, messages, and nothing written when something is wrong."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from crm_desktop import paths
from crm_desktop.cli import main

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory):
    path = tmp_path_factory.mktemp("cli") / "demo.sqlite3"
    assert main(["demo", str(path), "--contacts", "1500"]) == 0
    return path


def test_demo_refuses_to_overwrite_without_force(demo_db, capsys):
    before = demo_db.read_bytes()
    assert main(["demo", str(demo_db), "--contacts", "10"]) == 1
    assert "already exists; use --force" in capsys.readouterr().err
    assert demo_db.read_bytes() == before


def test_demo_defaults_to_the_data_directory(capsys):
    assert main(["demo", "--contacts", "20"]) == 0
    assert paths.demo_db_path().exists()
    assert str(paths.demo_db_path()) in capsys.readouterr().out


def test_search_prints_one_line_per_contact(demo_db, capsys):
    assert main(["search", "--db", str(demo_db), "خان", "--limit", "5"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert len(out) == 5
    assert all(len(line.split("\t")) == 5 and "خان" in line for line in out)


def test_search_counts_every_match_past_the_first_rows(tmp_path, monkeypatch, capsys):
    from crm_desktop.db import contact_listing
    from crm_desktop.domain.contact import Contact
    from crm_desktop.services.workspace import open_workspace

    path = tmp_path / "many.sqlite3"
    with open_workspace(path) as workspace, workspace.database.atomic():
        workspace.contacts.repository.bulk_insert(Contact(first_name=f"Sana{i}", last_name="Khan") for i in range(100))
    monkeypatch.setattr(contact_listing, "COUNT_CAP", 20)  # lists longer than this start provisional
    assert main(["search", "--db", str(path), "sana", "--limit", "5"]) == 0
    assert "5 of 100 matching contacts shown" in capsys.readouterr().err


def test_search_with_no_match_says_so_on_stderr(demo_db, capsys):
    assert main(["search", "--db", str(demo_db), "qqqxyzzy"]) == 0
    captured = capsys.readouterr()
    assert captured.out == "" and "No contacts match 'qqqxyzzy'" in captured.err


def test_db_falls_back_to_the_environment(demo_db, monkeypatch, capsys):
    monkeypatch.setenv("CRM_DESKTOP_DB", str(demo_db))
    assert main(["search", "शर्मा", "--limit", "1"]) == 0  # in a name, a company or a Hindi note
    captured = capsys.readouterr()
    assert len(captured.out.splitlines()) == 1 and captured.err.startswith("1 of ")


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["search"], "the following arguments are required: QUERY"),
        (["search", "x", "--limit", "many"], "'many' is not a whole number"),
        (["demo", "--contacts", "-5"], "must not be negative"),
        (["export", "--db", "x.sqlite3"], "the following arguments are required: -o/--output"),
        (["search", "x", "--colour"], "unrecognized arguments: --colour"),
    ],
)
def test_bad_arguments_exit_2_with_one_line(argv, message, capsys):
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert message in err and len(err.strip().splitlines()) == 1


def test_missing_and_foreign_files_are_refused_untouched(tmp_path, capsys):
    missing = tmp_path / "missing.sqlite3"
    assert main(["search", "--db", str(missing), "x"]) == 1
    assert "there is no database at" in capsys.readouterr().err
    assert not missing.exists()
    text = tmp_path / "notes.sqlite3"
    text.write_text("not a database")
    assert main(["export", "--db", str(text), "-o", str(tmp_path / "out.csv")]) == 1
    assert "is not a crm-desktop database" in capsys.readouterr().err
    assert text.read_text() == "not a database" and not (tmp_path / "out.csv").exists()


def test_export_import_round_trip_and_bad_import(demo_db, tmp_path, capsys):
    out = tmp_path / "all.csv"
    assert main(["export", "--db", str(demo_db), "-o", str(out)]) == 0
    assert main(["import", "--db", str(demo_db), str(out)]) == 0
    assert "0 added, " in capsys.readouterr().err
    assert main(["import", "--db", str(demo_db), str(tmp_path / "none.csv")]) == 1
    assert "there is no file" in capsys.readouterr().err
    bad = tmp_path / "bad.csv"
    bad.write_text("id,uuid\n1,2\n", encoding="utf-8")
    assert main(["import", "--db", str(demo_db), str(bad)]) == 1
    assert "line 1: kind: missing column" in capsys.readouterr().err


def test_a_locked_database_is_refused(demo_db, capsys):
    from crm_desktop.services.workspace import open_workspace

    with open_workspace(demo_db):
        assert main(["search", "--db", str(demo_db), "x"]) == 1
    assert "already open in another running copy" in capsys.readouterr().err


def test_real_process_search_and_failure(demo_db, tmp_path):
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    ok = subprocess.run([sys.executable, "-m", "crm_desktop", "search", "--db", str(demo_db), "சிவ", "--limit", "3"],
                        capture_output=True, text=True, env=env, timeout=60)  # fmt: skip
    assert ok.returncode == 0, ok.stderr
    assert len(ok.stdout.splitlines()) == 3 and "சிவ" in ok.stdout
    junk = tmp_path / "junk.sqlite3"
    junk.write_bytes(b"\x00" * 100)
    bad = subprocess.run([sys.executable, "-m", "crm_desktop", "search", "--db", str(junk), "x"],
                         capture_output=True, text=True, env=env, timeout=60)  # fmt: skip
    assert bad.returncode == 1 and "is not a crm-desktop database" in bad.stderr
    assert junk.read_bytes() == b"\x00" * 100


def test_demo_writes_history_unless_asked_not_to(demo_db, tmp_path, capsys):
    with sqlite3.connect(demo_db) as conn:
        activities, open_items = conn.execute("SELECT count(*), sum(done = 0) FROM activities").fetchone()
    assert 3 * 1500 < activities < 8 * 1500 and open_items > 100
    bare = tmp_path / "bare.sqlite3"
    assert main(["demo", str(bare), "--contacts", "50", "--no-history"]) == 0
    assert "their history" not in capsys.readouterr().out
    with sqlite3.connect(bare) as conn:
        assert conn.execute("SELECT count(*) FROM activities").fetchone()[0] == 0


def test_a_reader_that_stops_early_is_not_an_error(demo_db):
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    agenda = subprocess.Popen([sys.executable, "-m", "crm_desktop", "agenda", "--db", str(demo_db), "--days", "30"],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)  # fmt: skip
    agenda.stdout.readline()
    agenda.stdout.close()  # like `| head -1`
    _, err = agenda.communicate(timeout=60)
    assert agenda.returncode == 0 and err == b""
