"""What the contact list asks for (search text, filters, sort) and the row it shows per contact."""

from __future__ import annotations

import enum
from dataclasses import dataclass


class SortColumn(enum.StrEnum):
    NAME = "name"
    COMPANY = "company"
    PHONE = "phone"
    EMAIL = "email"
    CITY = "city"
    RELATIONSHIP = "relationship"
    STAGE = "stage"
    TAGS = "tags"
    LAST_CONTACTED = "last_contacted"
    LAST_ATTEMPT = "last_attempt"
    UPDATED = "updated"


@dataclass(frozen=True, slots=True)
class ContactQuery:
    text: str = ""
    tag: str | None = None
    relationship: str | None = None
    stage: str | None = None
    trashed: bool = False  # True: the Trash; False: live cards
    sort: SortColumn = SortColumn.NAME
    descending: bool = False


@dataclass(frozen=True, slots=True)
class ContactSummary:
    """One line of the contact list."""

    id: int
    kind: str
    display_name: str
    file_as: str
    company: str
    job_title: str
    phone: str
    email: str
    city: str
    relationship: str
    stage: str
    tags: str
    updated_at: str
    deleted_at: str | None
    last_contacted_at: int = 0  # seconds since 1970 UTC; 0: never reached
    created_at: str = ""
    last_attempt_at: int = 0  # the last call, meeting, email or letter, reached or not; 0: never
