"""Preferences stored in the database file, declared once with their defaults."""

from __future__ import annotations

from crm_desktop.db.settings import SettingsRepository
from crm_desktop.domain.validation import KNOWN_COUNTRIES, FieldError, ValidationError
from crm_desktop.services.changes import Change, ChangeBus, ChangeKind


class Preferences:
    """Typed access to the settings table. The home country is also the default phone region."""

    def __init__(self, settings: SettingsRepository, changes: ChangeBus):
        self._settings = settings
        self._changes = changes

    @property
    def default_region(self) -> str:
        return self._settings.get("default_region", "PK")

    @default_region.setter
    def default_region(self, code: str) -> None:
        code = code.upper()
        if code not in KNOWN_COUNTRIES:
            raise ValidationError([FieldError("default_region", f"'{code}' is not a two-letter country code.")])
        self._settings.set("default_region", code)
        self._changes.publish(Change("settings", ChangeKind.SETTINGS))
