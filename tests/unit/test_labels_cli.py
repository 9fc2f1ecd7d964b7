"""crm-desktop labels: the PDF, the template list, and clear refusals that write nothing."""

from __future__ import annotations

import pdfplumber
import pytest

from crm_desktop.cli import main
from crm_desktop.domain.contact import Address, Contact


@pytest.fixture
def db(tmp_path):
    from crm_desktop.services.workspace import open_workspace

    path = tmp_path / "labels.sqlite3"
    with open_workspace(path) as workspace:
        for first, street in (("Ali", "House 12"), ("Sara", "house 12"), ("Omar", "Flat 3"), ("Nadia", "")):
            address = [Address(street, "Lahore", "", "54000", "PK")] if street else []
            workspace.contacts.save(Contact(first_name=first, last_name="Raza", addresses=address, tags=["eid"]))
    return path


def test_list_templates(capsys):
    assert main(["labels", "--list-templates"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert len(out) == 13 and out[0].startswith("avery-5160\t") and "3 x 10 = 30 per Letter sheet" in out[0]
    assert any(line.startswith("zweckform-3474\t") for line in out)


def test_labels_to_pdf_with_household_and_start(db, tmp_path, capsys):
    out = tmp_path / "out.pdf"
    assert main(["labels", "--db", str(db), "--template", "avery-l7163", "--tag", "eid", "--household",
                 "--start", "3", "--sort", "postcode", "-o", str(out)]) == 0  # fmt: skip
    err = capsys.readouterr().err
    assert "Wrote 2 labels on 1 sheet" in err and "Skipped 1 without a postal address: Nadia Raza." in err
    with pdfplumber.open(out) as pdf:
        text = pdf.pages[0].extract_text()
    assert "Ali Raza & Sara Raza" in text and "Omar Raza" in text


@pytest.mark.parametrize("args, message", [
    (["--template", "avery-0000"], "no label template 'avery-0000'"),
    (["--start", "31"], "Start at label 1 to 30"),
    (["--start", "0"], "--start counts from 1"),
    (["--tag", "nobody"], "No contacts to print labels for"),
    (["--query", "Nadia"], "none of the 1 contacts has a postal address"),
])  # fmt: skip
def test_bad_requests_exit_1_and_write_nothing(db, tmp_path, capsys, args, message):
    out = tmp_path / "out.pdf"
    assert main(["labels", "--db", str(db), "-o", str(out), *args]) == 1
    assert message in capsys.readouterr().err
    assert not out.exists() and list(tmp_path.glob("*.part")) == []


def test_missing_output_or_database(tmp_path, capsys):
    assert main(["labels", "--db", str(tmp_path / "none.sqlite3"), "-o", str(tmp_path / "x.pdf")]) == 1
    assert "there is no database" in capsys.readouterr().err
    assert main(["labels", "--db", str(tmp_path / "none.sqlite3")]) == 1
    assert "-o FILE.pdf" in capsys.readouterr().err
