"""`crm-desktop agenda`: the sections, one item per line in local time, and clear refusals."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta

import pytest

from crm_desktop.cli import is_headless, main
from crm_desktop.domain.activity import Activity, ActivityKind
from crm_desktop.domain.clock import at_local, today
from crm_desktop.domain.contact import Birthday, Contact, Relationship
from crm_desktop.services.workspace import open_workspace


@pytest.fixture
def agenda_db(tmp_path):
    """Follow-ups around the real today (the command runs on the system clock)."""
    path = tmp_path / "agenda.sqlite3"
    with open_workspace(path) as ws:
        zone, day, now = ws.clock.zone, today(ws.clock), datetime.now(UTC)
        save = ws.contacts.save
        imran = save(Contact(first_name="Imran", last_name="Khan", relationship=Relationship.CUSTOMER))
        aisha = save(Contact(first_name="عائشہ", last_name="صدیقی", relationship=Relationship.CUSTOMER))
        rahul = save(Contact(first_name="राहुल", last_name="शर्मा", birthday=Birthday(day.month, day.day, 1990)))
        murugan = save(Contact(first_name="முருகன்", last_name="செல்வம்"))
        week_ago = at_local(day - timedelta(days=7), time(11, 0), zone)
        ws.activities.save(Activity(imran.id, ActivityKind.CALL, subject="Call back\tabout the invoice", done=False,
                                    at=week_ago))  # fmt: skip
        ws.activities.save(Activity(aisha.id, ActivityKind.MEETING, subject="قیمت کے بارے میں بات", done=False, day=day))
        ws.activities.save(Activity(murugan.id, ActivityKind.TASK, subject="விலைப்பட்டியல்", done=False,
                                    day=day + timedelta(days=3)))  # fmt: skip
        ws.activities.save(Activity(murugan.id, ActivityKind.TASK, subject="Far away", done=False,
                                    day=day + timedelta(days=20)))  # fmt: skip
        # Reached 50 days ago: past the customers' maximum of 45 days.
        ws.activities.save(Activity(aisha.id, ActivityKind.CALL, subject="Hello", outcome="reached",
                                    at=now - timedelta(days=50)))  # fmt: skip
        ws.database.execute("UPDATE contacts SET created_at = ? WHERE id = ?",
                            ((now - timedelta(days=100)).strftime("%Y-%m-%dT%H:%M:%S.%fZ"), imran.id))
        return path, day, week_ago.astimezone(zone)


def sections(out: str) -> dict[str, list[list[str]]]:
    found: dict[str, list[list[str]]] = {}
    current = ""
    for line in out.splitlines():
        if not line:
            continue
        if "\t" in line:
            found[current].append(line.split("\t"))
        else:
            current = line
            found[current] = []
    return found


def test_agenda_is_a_headless_command():
    assert is_headless(["agenda", "--db", "x"])


def test_agenda_prints_each_section_one_item_per_line(agenda_db, capsys):
    path, day, week_ago = agenda_db
    assert main(["agenda", "--db", str(path)]) == 0
    found = sections(capsys.readouterr().out)
    assert found["Overdue (1)"] == [[week_ago.strftime("%Y-%m-%d %H:%M"), "call", "Imran Khan",
                                     "Call back about the invoice"]]  # a tab in a subject cannot split a line
    assert found[f"Today {day.isoformat()} (1)"] == [[f"{day.isoformat()} all day", "meeting", "عائشہ صدیقی",
                                                      "قیمت کے بارے میں بات"]]  # fmt: skip
    in_three = (day + timedelta(days=3)).isoformat()
    assert found["Next 7 days (1)"] == [[f"{in_three} all day", "task", "முருகன் செல்வம்", "விலைப்பட்டியல்"]]
    assert found["Birthdays (1)"] == [[day.isoformat(), "birthday", "राहुल शर्मा", f"turns {day.year - 1990}"]]
    cold = {row[2]: row for row in found["Going cold (2)"]}
    assert cold["عائشہ صدیقی"] == ["50 days quiet", "cold", "عائشہ صدیقی", "customer: every 30 days, at most 45"]
    assert cold["Imran Khan"][:2] == ["100 days quiet", "cold"]  # never reached: counted from the card's making
    assert list(cold) == ["Imran Khan", "عائشہ صدیقی"]  # the quietest first


def test_days_widens_the_coming_days(agenda_db, capsys):
    path, _day, _ = agenda_db
    assert main(["agenda", "--db", str(path), "--days", "30"]) == 0
    found = sections(capsys.readouterr().out)
    assert [row[3] for row in found["Next 30 days (2)"]] == ["விலைப்பட்டியல்", "Far away"]


def test_an_empty_section_says_nothing_is_there(tmp_path, capsys):
    path = tmp_path / "empty.sqlite3"
    open_workspace(path).close()
    assert main(["agenda", "--db", str(path)]) == 0
    out = capsys.readouterr().out
    assert "Overdue: nothing" in out and "Going cold: nothing" in out


@pytest.mark.parametrize(
    ("argv", "code", "message"),
    [
        (["agenda", "--days", "soon"], 2, "'soon' is not a whole number"),
        (["agenda", "--days", "-1"], 2, "must not be negative"),
        (["agenda", "--days", "1000"], 2, "must be at most 366"),
        (["agenda", "--db", "missing.sqlite3"], 1, "there is no database at"),
    ],
)
def test_bad_arguments_and_files_say_what_is_wrong(argv, code, message, capsys, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert main(argv) == code
    err = capsys.readouterr().err
    assert message in err and len(err.strip().splitlines()) == 1


def test_a_file_that_is_not_a_database_is_refused_untouched(tmp_path, capsys):
    bogus = tmp_path / "notes.sqlite3"
    bogus.write_text("not a database", encoding="utf-8")
    assert main(["agenda", "--db", str(bogus)]) == 1
    assert "crm-desktop:" in capsys.readouterr().err
    assert bogus.read_text(encoding="utf-8") == "not a database"
