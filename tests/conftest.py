"""Every test gets its own data directory and database; Qt runs offscreen."""

from __future__ import annotations

import os
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402


@pytest.fixture(autouse=True)
def isolated_data_dir(tmp_path, monkeypatch):
    """Keep the user's real data directory and settings out of every test."""
    data = tmp_path / "data"
    monkeypatch.setenv("XDG_DATA_HOME", str(data))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.delenv("CRM_DESKTOP_DB", raising=False)
    return data


@pytest.fixture
def db_path(tmp_path):
    return tmp_path / "contacts.sqlite3"


@pytest.fixture
def workspace(db_path):
    from crm_desktop.services.workspace import open_workspace

    ws = open_workspace(db_path)
    yield ws
    ws.close()


# Monday 23 November 2026, 10:00 in Karachi: the moment most activity and pipeline tests stand still at.
KARACHI = ZoneInfo("Asia/Karachi")
START = datetime(2026, 11, 23, 5, 0, tzinfo=UTC)


@pytest.fixture
def clock():
    from crm_desktop.domain.clock import FixedClock

    return FixedClock(START, KARACHI)


@pytest.fixture
def ws(db_path, clock):
    """A workspace over a fresh file, on the standing clock."""
    from crm_desktop.services.workspace import open_workspace

    workspace = open_workspace(db_path, clock)
    yield workspace
    workspace.close()
