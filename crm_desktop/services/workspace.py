"""One open database with the services over it: what the GUI, the CLI and the tests all start from."""

from __future__ import annotations

from pathlib import Path

from crm_desktop.db.connection import Database, open_database
from crm_desktop.db.contacts import Clock, ContactRepository, utc_now
from crm_desktop.db.settings import SettingsRepository
from crm_desktop.services.changes import ChangeBus
from crm_desktop.services.contacts import ContactService
from crm_desktop.services.preferences import Preferences


class Workspace:
    def __init__(self, database: Database, clock: Clock = utc_now):
        self.database = database
        self.changes = ChangeBus()
        self.preferences = Preferences(SettingsRepository(database), self.changes)
        self.contacts = ContactService(ContactRepository(database, clock), self.preferences, self.changes)

    @property
    def path(self) -> Path:
        return self.database.path

    def close(self) -> None:
        self.database.close()

    def __enter__(self) -> Workspace:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def open_workspace(path: Path | str, clock: Clock = utc_now) -> Workspace:
    """Open (creating if needed) the database at path; raises db.errors.StorageError with a clear message."""
    return Workspace(open_database(path), clock)
