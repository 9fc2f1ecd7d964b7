"""What a user can do with contacts: save with validation, trash, restore, purge, tag, search."""

from __future__ import annotations

import dataclasses
import sqlite3
from collections.abc import Callable, Sequence

from crm_desktop.db.contacts import ContactRepository
from crm_desktop.db.errors import NotFoundError
from crm_desktop.domain.contact import Contact, Phone
from crm_desktop.domain.contact_query import ContactQuery, ContactSummary
from crm_desktop.domain.validation import FieldError, ValidationError, tag_problem, validate_contact
from crm_desktop.services.changes import Change, ChangeBus, ChangeKind
from crm_desktop.services.preferences import Preferences


class ContactService:
    def __init__(self, repository: ContactRepository, preferences: Preferences, changes: ChangeBus):
        self.repository = repository
        self.preferences = preferences
        self.changes = changes

    def with_phone_regions(self, contact: Contact) -> Contact:
        """The contact with each phone's own country: a number already stored on this card keeps the
        country it was read against (the form and old CSV files do not carry it); a new one has none yet,
        and is read against the home country when it is stored."""
        if contact.id is None or all(phone.region for phone in contact.phones):
            return contact
        try:
            stored = {phone.number: phone.region for phone in self.repository.get(contact.id).phones}
        except NotFoundError:
            return contact
        phones = [
            phone if phone.region else Phone(phone.number, phone.label, stored.get(phone.number, ""))
            for phone in contact.phones
        ]
        return dataclasses.replace(contact, phones=phones)

    def validate(self, contact: Contact) -> list[FieldError]:
        contact = self.with_phone_regions(contact)
        errors = validate_contact(contact, self.preferences.default_region)
        if contact.id is None or not any(e.field.startswith("phones[") for e in errors):
            return errors
        # A number already stored on this card is not judged again (say, the rules for its country
        # changed since): an old card must stay saveable.
        try:
            stored = {phone.number for phone in self.repository.get(contact.id).phones}
        except NotFoundError:
            return errors
        return [e for e in errors if _stored_phone(e.field, contact, stored) is None]

    def save(self, contact: Contact) -> Contact:
        """Add a new card or update an existing one, whole or not at all. Raises ValidationError."""
        errors = self.validate(contact)
        if errors:
            raise ValidationError(errors)
        contact = self.with_phone_regions(contact)
        region = self.preferences.default_region
        if contact.id is None:
            saved = self.repository.add(contact, region)
            self._publish(ChangeKind.ADDED, [saved.id])
        else:
            saved = self.repository.update(contact, region)
            self._publish(ChangeKind.UPDATED, [saved.id])
        return saved

    def get(self, contact_id: int) -> Contact:
        return self.repository.get(contact_id)

    def trash(self, ids: Sequence[int]) -> list[int]:
        moved = self.repository.trash(ids)
        self._publish(ChangeKind.TRASHED, moved)
        return moved

    def restore(self, ids: Sequence[int]) -> list[int]:
        restored = self.repository.restore(ids, self.preferences.default_region)
        self._publish(ChangeKind.RESTORED, restored)
        return restored

    def purge(self, ids: Sequence[int]) -> list[int]:
        purged = self.repository.purge(ids)
        self._publish(ChangeKind.PURGED, purged)
        return purged

    def empty_trash(self) -> list[int]:
        return self.purge(self.repository.trashed_ids())

    def set_tag(self, ids: Sequence[int], tag: str, present: bool = True) -> list[int]:
        if problem := tag_problem(tag):
            raise ValidationError([FieldError("tag", problem)])
        changed = self.repository.set_tag(ids, tag, present)
        self._publish(ChangeKind.UPDATED, changed)
        return changed

    def search_ids(self, query: ContactQuery) -> Sequence[int]:
        return self.repository.search_ids(query)

    def sorts_all(self, query: ContactQuery) -> bool:
        """True when the query's list is read and sorted whole (seconds at a million cards): see
        search_ids_apart()."""
        return self.repository.sorts_all(query)

    def search_ids_on(self, query: ContactQuery, conn: sqlite3.Connection) -> Sequence[int]:
        """search_ids() read through another connection (a worker's reader)."""
        return self.repository.search_ids_on(query, conn)

    def search_ids_apart(self, query: ContactQuery, cancelled: Callable[[], bool]) -> Sequence[int] | None:
        """search_ids() for a worker thread (its own reader connection); None if cancelled() meanwhile."""
        return self.repository.search_ids_apart(query, cancelled)

    def summaries(self, ids: Sequence[int]) -> dict[int, ContactSummary]:
        return self.repository.summaries(ids)

    def full_length(self, ids: Sequence[int]) -> int:
        """How long a list from search_ids() really is (its len() may be provisional: see LazyIds).
        Slow for huge lists and safe on a worker thread: the UI calls it off the UI thread."""
        return self.repository.full_length(ids)

    def any(self, query: ContactQuery = ContactQuery()) -> bool:
        """Whether any card matches (the list's empty state: "no contacts yet" or "none match")."""
        return self.repository.any(query)

    def count(self, query: ContactQuery = ContactQuery()) -> int:
        return self.repository.count(query)

    def tab_position(self, query: ContactQuery, tab: str) -> int | None:
        return self.repository.tab_position(query, tab)

    def tag_counts(self) -> list[tuple[str, int]]:
        return self.repository.tag_counts()

    def _publish(self, kind: ChangeKind, ids: Sequence[int]) -> None:
        if ids:
            self.changes.publish(Change("contact", kind, tuple(ids)))


def _stored_phone(field: str, contact: Contact, stored: set[str]) -> str | None:
    """The number an error on field "phones[i]" is about, when that number is already stored."""
    if not (field.startswith("phones[") and field.endswith("]")):
        return None
    number = contact.phones[int(field[len("phones[") : -1])].number
    return number if number in stored else None
