"""The contact itself: names as filed and shown, validation of what a user may type."""

from __future__ import annotations

import pytest

from crm_desktop.domain.contact import Address, Birthday, Contact, ContactKind, Email, Phone, Website
from crm_desktop.domain.text import fold, index_tab, normalize, query_tokens
from crm_desktop.domain.validation import validate_contact


def fields(contact: Contact, region: str = "PK") -> set[str]:
    return {e.field for e in validate_contact(contact, region)}


def test_names_as_filed_and_shown():
    person = Contact(prefix="Dr.", first_name="Imran", middle_name="A.", last_name="Khan", suffix="PhD")
    assert person.display_name == "Dr. Imran A. Khan PhD"
    assert person.file_as == "Khan, Imran A."
    assert Contact(first_name="محمد", last_name="علی").file_as == "علی، محمد"  # the Urdu comma
    assert Contact(first_name="कमला", last_name="शर्मा").file_as == "शर्मा, कमला"
    assert Contact(kind=ContactKind.COMPANY, company="Noor Textiles").file_as == "Noor Textiles"
    assert Contact(nickname="Bunty").display_name == "Bunty"


def test_a_valid_contact_in_every_script_passes():
    contact = Contact(
        first_name="عائشہ", last_name="صدیقی", phones=[Phone("0300 1234567"), Phone("+91 98765 43210")],
        emails=[Email("ayesha@example.pk"), Email("राम@उदाहरण.भारत")], websites=[Website("https://example.pk")],
        addresses=[Address(street="House 5\nStreet 9", city="لاہور", country="PK")],
        birthday=Birthday(2, 29),
    )  # fmt: skip
    assert validate_contact(contact, "PK") == []


@pytest.mark.parametrize(
    "contact, field",
    [
        (Contact(), "first_name"),
        (Contact(kind=ContactKind.COMPANY, first_name="x"), "company"),
        (Contact(first_name="A", emails=[Email("not-an-email")]), "emails[0]"),
        (Contact(first_name="A", emails=[Email("a@b.com"), Email("x@@y.com")]), "emails[1]"),
        (Contact(first_name="A", phones=[Phone("12")]), "phones[0]"),
        (Contact(first_name="A", phones=[Phone("call me")]), "phones[0]"),
        (Contact(first_name="A", addresses=[Address()]), "addresses[0]"),
        (Contact(first_name="A", addresses=[Address(city="X", country="XX")]), "addresses[0].country"),
        (Contact(first_name="A", birthday=Birthday(2, 30)), "birthday"),
        (Contact(first_name="A", birthday=Birthday(2, 29, 2023)), "birthday"),
        (Contact(first_name="A", tags=[" "]), "tags[0]"),
        (Contact(first_name="A", tags=["vip", " retail"]), "tags[1]"),
        (Contact(first_name="A", tags=["Lahore, Punjab"]), "tags[0]"),
    ],
)
def test_each_problem_names_its_field(contact, field):
    assert field in fields(contact)


def test_phone_validity_depends_on_the_default_country():
    local = Contact(first_name="A", phones=[Phone("0300 1234567")])
    assert fields(local, "PK") == set()
    assert "phones[0]" in fields(local, "IN")


def test_text_rules():
    assert query_tokens("कमला  Khan, +92") == ["कमला", "Khan", "92"]
    assert query_tokens("مُحَمَّد") == ["محمد"]  # optional vowel marks dropped
    assert normalize("علي") == "علی"  # Arabic yeh folded to Urdu yeh
    assert fold("Émile") == "emile" and fold("शर्मा") == "शर्मा"
    assert [index_tab(fold(n)) for n in ("Émile", "خان", "शर्मा", "செல்வம்", "9 Lives")] == ["E", "ا", "अ", "அ", "#"]


def test_urdu_names_sort_in_urdu_alphabet_order_between_latin_and_hindi():
    names = ["یاسر", "پرویز", "Zed", "بلال", "ٹیپو", "علی", "अमित", "گل", "کامران", "ہما", "چوہدری", "محمد"]
    assert sorted(names, key=fold) == [
        "Zed", "بلال", "پرویز", "ٹیپو", "چوہدری", "علی", "کامران", "گل", "محمد", "ہما", "یاسر", "अमित",
    ]  # fmt: skip
    assert fold("علي") == fold("علی")  # Arabic-keyboard letters take their Urdu letter's place


def test_changing_the_home_country_leaves_stored_numbers_saveable(workspace):
    saved = workspace.contacts.save(Contact(first_name="Imran", phones=[Phone("0300 1234567")]))
    workspace.preferences.default_region = "IN"
    saved.notes = "moved to the Delhi office"
    assert workspace.contacts.save(saved).notes == "moved to the Delhi office"
    saved.phones.append(Phone("0300 7654321"))  # a new number is read against the new home country
    assert [e.field for e in workspace.contacts.validate(saved)] == ["phones[1]"]
