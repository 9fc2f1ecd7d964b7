"""Preferences that belong with the data (home country, default phone region), kept in the file itself."""

from __future__ import annotations

from crm_desktop.db.connection import Database


class SettingsRepository:
    def __init__(self, database: Database):
        self.database = database

    def get(self, key: str, default: str = "") -> str:
        row = self.database.execute("SELECT value FROM settings WHERE key = ?", (key,)).fetchone()
        return default if row is None else row[0]

    def set(self, key: str, value: str) -> None:
        with self.database.atomic():
            self.database.execute(
                "INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                (key, value),
            )
