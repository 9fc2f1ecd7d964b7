"""One open database with the services over it: what the GUI, the CLI and the tests all start from."""

from __future__ import annotations

import functools
from pathlib import Path

from crm_desktop.db.activities import ActivityRepository
from crm_desktop.db.connection import Database, open_database
from crm_desktop.db.contacts import ContactRepository
from crm_desktop.db.deals import DealRepository
from crm_desktop.db.settings import SettingsRepository
from crm_desktop.domain.clock import Clock
from crm_desktop.services.activities import ActivityService
from crm_desktop.services.agenda import AgendaService
from crm_desktop.services.changes import ChangeBus
from crm_desktop.services.clock import SystemClock
from crm_desktop.services.contacts import ContactService
from crm_desktop.services.pipeline import PipelineService
from crm_desktop.services.pipeline_preferences import PipelinePreferences
from crm_desktop.services.preferences import FollowUpPreferences, Preferences


class Workspace:
    def __init__(self, database: Database, clock: Clock | None = None):
        self.database = database
        self.clock = clock or SystemClock()
        self.changes = ChangeBus()
        settings = SettingsRepository(database)
        self.preferences = Preferences(settings, self.changes)
        self.follow_up_preferences = FollowUpPreferences(settings, self.changes)
        self.contacts = ContactService(ContactRepository(database, self.clock.now), self.preferences, self.changes)
        activities = ActivityRepository(database, self.clock.now)
        self.activities = ActivityService(activities, self.follow_up_preferences, self.changes, self.clock)
        self.agenda = AgendaService(activities, self.follow_up_preferences, self.clock)
        deals = DealRepository(database, self.clock.now)
        self.pipeline_preferences = PipelinePreferences(
            settings, self.changes, deals.stage_counts, lambda: self.preferences.default_region
        )
        self.pipeline = PipelineService(deals, activities, self.pipeline_preferences, self.changes, self.clock)

    @functools.cached_property
    def labels(self):
        # reportlab, the address data and the bidi tables cost about half a second to import: paid on
        # the first labels job, not at every start-up.
        from crm_desktop.services.labels import LabelService

        return LabelService(self.database, SettingsRepository(self.database), self.changes,
                            lambda: self.preferences.default_region, self.contacts.search_ids_on)  # fmt: skip

    @property
    def path(self) -> Path:
        return self.database.path

    def close(self) -> None:
        self.database.close()

    def __enter__(self) -> Workspace:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def open_workspace(path: Path | str, clock: Clock | None = None) -> Workspace:
    """Open (creating if needed) the database at path; raises db.errors.StorageError with a clear message."""
    return Workspace(open_database(path), clock)
