"""Checks a contact before it is stored; each problem names the field it belongs to."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import phonenumbers
from email_validator import EmailNotValidError, validate_email

from crm_desktop.domain.contact import Contact, ContactKind


@dataclass(frozen=True, slots=True)
class FieldError:
    field: str  # "first_name", "emails[0]", "addresses[1].country" ...
    message: str


class ValidationError(ValueError):
    """A contact (or another record) that cannot be saved as it stands."""

    def __init__(self, errors: list[FieldError]):
        self.errors = errors
        super().__init__("; ".join(f"{e.field}: {e.message}" for e in errors))


KNOWN_COUNTRIES = frozenset(phonenumbers.SUPPORTED_REGIONS)


def email_problem(address: str) -> str | None:
    if not address.strip():
        return "The email address is empty."
    try:
        validate_email(address.strip(), check_deliverability=False)
    except EmailNotValidError as exc:
        return str(exc)
    return None


def phone_problem(number: str, default_region: str) -> str | None:
    if not number.strip():
        return "The phone number is empty."
    try:
        parsed = phonenumbers.parse(number, default_region or None)
    except phonenumbers.NumberParseException:
        return "This is not a phone number."
    if not phonenumbers.is_possible_number(parsed):
        return "This number has the wrong number of digits."
    if not phonenumbers.is_valid_number(parsed):
        region = phonenumbers.region_code_for_number(parsed) or default_region
        return f"This is not a valid phone number for {region or 'any country'}."
    return None


def birthday_problem(month: int, day: int, year: int | None) -> str | None:
    # 2000 is a leap year: a year-less 29 February is a real birthday.
    try:
        dt.date(year if year is not None else 2000, month, day)
    except ValueError:
        return "There is no such date."
    if year is not None and not 1850 <= year <= dt.date.today().year:
        return f"The year {year} is not plausible for a birthday."
    return None


def tag_problem(tag: str) -> str | None:
    # The card edits tags as one comma-separated line: a tag that line cannot show would be rewritten.
    if not tag.strip():
        return "A tag cannot be empty."
    if tag != tag.strip():
        return f"The tag '{tag}' starts or ends with a space."
    if "," in tag:
        return f"The tag '{tag}' contains a comma, which separates tags."
    return None


def validate_contact(contact: Contact, default_region: str = "") -> list[FieldError]:
    """default_region (the home country) reads the phones not yet read against a country of their own."""
    errors: list[FieldError] = []
    if contact.kind is ContactKind.COMPANY:
        if not contact.company.strip():
            errors.append(FieldError("company", "A company needs a name."))
    elif not contact.display_name:
        errors.append(FieldError("first_name", "Give at least a first name, a last name or a company."))
    for i, phone in enumerate(contact.phones):
        if phone.region and phone.region not in KNOWN_COUNTRIES:
            errors.append(FieldError(f"phones[{i}].region", f"'{phone.region}' is not a two-letter country code."))
        elif problem := phone_problem(phone.number, phone.region or default_region):
            errors.append(FieldError(f"phones[{i}]", problem))
    for i, email in enumerate(contact.emails):
        if problem := email_problem(email.address):
            errors.append(FieldError(f"emails[{i}]", problem))
    for i, address in enumerate(contact.addresses):
        if address.is_empty():
            errors.append(FieldError(f"addresses[{i}]", "The address is empty."))
        elif address.country and address.country not in KNOWN_COUNTRIES:
            errors.append(
                FieldError(f"addresses[{i}].country", f"'{address.country}' is not a two-letter country code.")
            )
    for i, site in enumerate(contact.websites):
        if not site.url.strip():
            errors.append(FieldError(f"websites[{i}]", "The address is empty."))
    if contact.birthday is not None:
        b = contact.birthday
        if problem := birthday_problem(b.month, b.day, b.year):
            errors.append(FieldError("birthday", problem))
    for i, tag in enumerate(contact.tags):
        if problem := tag_problem(tag):
            errors.append(FieldError(f"tags[{i}]", problem))
    return errors
