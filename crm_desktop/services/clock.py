"""The real clock: the system's time and its IANA time zone (tzlocal), for the running program."""

from __future__ import annotations

from datetime import UTC, datetime, tzinfo

import tzlocal


class SystemClock:
    def __init__(self) -> None:
        self.zone: tzinfo = _local_zone()

    def now(self) -> datetime:
        return datetime.now(UTC)


def _local_zone() -> tzinfo:
    try:
        return tzlocal.get_localzone()
    except Exception:  # noqa: BLE001 - a broken zone setting must not stop the program; UTC is honest
        return UTC


def zone_name(zone: tzinfo) -> str:
    """The IANA name to store beside a wall time ("" when the zone has none, e.g. a fixed offset)."""
    key = getattr(zone, "key", None)
    if key:
        return key
    return "UTC" if zone is UTC else ""
