"""Where data lives: the platform data directory, unless --db PATH or CRM_DESKTOP_DB says otherwise."""

from __future__ import annotations

import importlib.resources
import os
from pathlib import Path

import platformdirs

from crm_desktop import APP_NAME

DB_ENV = "CRM_DESKTOP_DB"
DB_FILENAME = "contacts.sqlite3"
DEMO_FILENAME = "demo.sqlite3"
DEMO_CONTACTS = 3000


def data_dir() -> Path:
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def default_db_path() -> Path:
    return data_dir() / DB_FILENAME


def demo_db_path() -> Path:
    """The demo database: separate from the user's real one, in the same data directory."""
    return data_dir() / DEMO_FILENAME


def resolve_db_path(cli_value: str | os.PathLike | None = None) -> Path:
    """--db wins over CRM_DESKTOP_DB, which wins over the platform default."""
    if cli_value:
        return Path(cli_value).expanduser()
    env = os.environ.get(DB_ENV)
    if env:
        return Path(env).expanduser()
    return default_db_path()


def resources_dir() -> Path:
    """The installed crm_desktop.resources package (fonts, icons), or resources/ of a source checkout."""
    try:
        return Path(str(importlib.resources.files("crm_desktop.resources")))
    except ModuleNotFoundError:
        # Running from a checkout (PYTHONPATH=.): setuptools maps resources/ only when installing.
        return Path(__file__).resolve().parents[1] / "resources"
