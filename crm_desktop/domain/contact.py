"""What a contact is: people and companies with their labelled phones, emails, addresses and links."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field


class ContactKind(enum.StrEnum):
    PERSON = "person"
    COMPANY = "company"


class Relationship(enum.StrEnum):
    CUSTOMER = "customer"
    PROSPECT = "prospect"
    LEAD = "lead"
    SUPPLIER = "supplier"
    PARTNER = "partner"
    INVESTOR = "investor"
    EMPLOYEE = "employee"
    OTHER = "other"


class Stage(enum.StrEnum):
    LEAD = "lead"
    PROSPECT = "prospect"
    CUSTOMER = "customer"
    ADVOCATE = "advocate"
    INACTIVE = "inactive"


@dataclass(slots=True)
class Phone:
    number: str
    label: str = "mobile"
    # The country the number was read against (ISO 3166-1 alpha-2): a number typed without +country
    # keeps meaning what it meant when it was typed. "" until stored: then the home country applies.
    region: str = ""


@dataclass(slots=True)
class Email:
    address: str
    label: str = "work"


@dataclass(slots=True)
class Address:
    street: str = ""  # street lines separated by "\n"
    city: str = ""
    region: str = ""
    postcode: str = ""
    country: str = ""  # ISO 3166-1 alpha-2 code, e.g. "PK"
    label: str = "work"

    def is_empty(self) -> bool:
        return not any((self.street, self.city, self.region, self.postcode, self.country))


@dataclass(slots=True)
class Website:
    url: str
    label: str = "website"  # website, linkedin, facebook, x, instagram, whatsapp ...


@dataclass(slots=True, frozen=True)
class Birthday:
    """A birthday whose year may be unknown (many people share only day and month)."""

    month: int
    day: int
    year: int | None = None

    def iso(self) -> str:
        """ISO 8601 form; the year-less form is the vCard one, --MM-DD."""
        if self.year is None:
            return f"--{self.month:02d}-{self.day:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"


@dataclass(slots=True)
class Contact:
    kind: ContactKind = ContactKind.PERSON
    prefix: str = ""
    first_name: str = ""
    middle_name: str = ""
    last_name: str = ""
    suffix: str = ""
    nickname: str = ""
    label_name: str = ""  # printed on mailing labels instead of the name ("The Khan Family")
    job_title: str = ""
    company: str = ""
    phones: list[Phone] = field(default_factory=list)
    emails: list[Email] = field(default_factory=list)
    addresses: list[Address] = field(default_factory=list)
    websites: list[Website] = field(default_factory=list)
    birthday: Birthday | None = None
    relationship: Relationship = Relationship.OTHER
    stage: Stage = Stage.LEAD
    source: str = ""
    tags: list[str] = field(default_factory=list)
    notes: str = ""
    # Set by storage; None for a contact not yet saved.
    id: int | None = None
    uuid: str | None = None
    created_at: str | None = None  # UTC, ISO 8601
    updated_at: str | None = None
    deleted_at: str | None = None

    @property
    def display_name(self) -> str:
        """The name as a person would write it on an envelope."""
        if self.kind is ContactKind.COMPANY:
            return self.company.strip() or self.nickname.strip()
        parts = (self.prefix, self.first_name, self.middle_name, self.last_name, self.suffix)
        name = " ".join(p.strip() for p in parts if p.strip())
        return name or self.nickname.strip() or self.company.strip()

    @property
    def file_as(self) -> str:
        """The name the Rolodex files this card under: last name first for people."""
        if self.kind is ContactKind.COMPANY:
            return self.display_name
        last, first = self.last_name.strip(), " ".join(
            p.strip() for p in (self.first_name, self.middle_name) if p.strip()
        )
        if last and first:
            return filed_name(last, first)
        return last or first or self.display_name

    @property
    def primary_phone(self) -> str:
        return self.phones[0].number if self.phones else ""

    @property
    def primary_email(self) -> str:
        return self.emails[0].address if self.emails else ""

    @property
    def primary_city(self) -> str:
        for address in self.addresses:
            if address.city.strip():
                return address.city.strip()
        return ""

    @property
    def is_deleted(self) -> bool:
        return self.deleted_at is not None


def filed_name(last: str, first: str, script_of: str | None = None) -> str:
    """"Last, First". Urdu writes its own comma; the Latin one reads wrongly in right-to-left text.
    script_of: the unfolded last name, when last is already a sort key (which no longer looks Arabic)."""
    comma = "،" if _is_arabic_script(last if script_of is None else script_of) else ","
    return f"{last}{comma} {first}"


def _is_arabic_script(text: str) -> bool:
    return any("\u0600" <= ch <= "\u06ff" or "\u0750" <= ch <= "\u077f" for ch in text)
