"""One line of the printed contact directory (phone list)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class DirectoryEntry:
    id: int
    name: str
    company: str
    phones: tuple[str, ...]
    email: str
    city: str
    sort_key: str  # files the contact under its A-Z tab (domain.text.index_tab)
