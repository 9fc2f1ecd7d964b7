"""ActivityRepository: the only code that reads and writes activities, their search index and the
contact dates derived from them (last contacted, last attempt)."""

from __future__ import annotations

import uuid as uuidlib
from collections.abc import Callable, Sequence
from datetime import date, datetime, timedelta

from crm_desktop.db.activity_listing import ActivityListing, search_key
from crm_desktop.db.connection import Database
from crm_desktop.db.deals import refresh_activity_dates as refresh_deal_dates
from crm_desktop.db.errors import ChangedElsewhereError, NotFoundError
from crm_desktop.domain.activity import CONTACT_KINDS, UNREACHED_OUTCOMES, Activity, Direction, Priority
from crm_desktop.domain.activity_query import ActivityQuery, ActivitySummary
from crm_desktop.domain.clock import epoch, from_epoch
from crm_desktop.domain.recurrence import Recurrence
from crm_desktop.domain.text import normalize

Now = Callable[[], datetime]
CHUNK = 500

_COLUMNS = (
    "contact_id", "deal_id", "kind", "subject", "details", "done", "at", "day", "sort_at", "duration_minutes",
    "direction", "outcome", "priority", "alarm_lead", "alarm_at", "recurrence", "series_start", "zone",
    "completed_at", "occurrence",
)  # fmt: skip
_SELECT = f"SELECT id, uuid, {', '.join(_COLUMNS)}, created_at, updated_at, deleted_at FROM activities"
_CONTACT_KIND_LIST = ", ".join(f"'{k.value}'" for k in sorted(CONTACT_KINDS))
_UNREACHED_LIST = ", ".join(f"'{o}'" for o in sorted(UNREACHED_OUTCOMES))


def _opt_epoch(moment: datetime | None) -> int | None:
    return None if moment is None else epoch(moment)


def _opt_instant(seconds: int | None) -> datetime | None:
    return None if seconds is None else from_epoch(seconds)


class ActivityRepository:
    def __init__(self, database: Database, now: Now):
        self.database = database
        self.conn = database.conn
        self.now = now
        self.listing = ActivityListing(self.conn)

    # ---- writing ----------------------------------------------------------------------------

    def add(self, activity: Activity, sort_at: datetime) -> Activity:
        """Store a new activity; sort_at is its place in time (the caller knows the local zone)."""
        now = epoch(self.now())
        with self.database.atomic():
            cur = self.conn.execute(
                f"INSERT INTO activities (uuid, {', '.join(_COLUMNS)}, created_at, updated_at) "
                f"VALUES ({', '.join('?' * (len(_COLUMNS) + 3))})",
                (activity.uuid or str(uuidlib.uuid4()), *self._values(activity, sort_at), now, now),
            )
            self._index(cur.lastrowid, epoch(sort_at), activity)
            self.refresh_contact_dates([activity.contact_id])
            refresh_deal_dates(self.conn, [activity.deal_id])
        return self.get(cur.lastrowid)

    def update(self, activity: Activity, sort_at: datetime, check_version: bool = False) -> Activity:
        """check_version: refuse (ChangedElsewhereError) when the row changed since `activity` was read."""
        if activity.id is None:
            raise ValueError("update() needs a saved activity")
        with self.database.atomic():
            old = self.conn.execute(
                "SELECT contact_id, sort_at, updated_at, deal_id FROM activities WHERE id = ?", (activity.id,)
            ).fetchone()
            if old is None:
                raise NotFoundError(f"There is no activity with id {activity.id}.")
            if check_version and activity.updated_at is not None and old[2] != epoch(activity.updated_at):
                raise ChangedElsewhereError(
                    "This activity was changed elsewhere (done, snoozed or edited) while it was open here. "
                    "Close this window and open it again."
                )
            assignments = ", ".join(f"{c} = ?" for c in _COLUMNS)
            self.conn.execute(
                f"UPDATE activities SET {assignments}, updated_at = ? WHERE id = ?",
                (*self._values(activity, sort_at), epoch(self.now()), activity.id),
            )
            self.conn.execute("DELETE FROM activities_fts WHERE rowid = ?", (search_key(old[1], activity.id),))
            self._index(activity.id, epoch(sort_at), activity)
            self.refresh_contact_dates({old[0], activity.contact_id})
            refresh_deal_dates(self.conn, [old[3], activity.deal_id])
        return self.get(activity.id)

    def set_alarm(self, activity_id: int, alarm_at: datetime | None) -> None:
        """Snooze (a new instant) or dismiss (None); on disk when this returns."""
        with self.database.atomic():
            found = self.conn.execute(
                # Only an open item rings: a snooze that arrives after Done (a picker left open) changes nothing.
                "UPDATE activities SET alarm_at = ?, updated_at = ? WHERE id = ? AND done = 0 RETURNING id",
                (_opt_epoch(alarm_at), epoch(self.now()), activity_id),
            ).fetchone()
            if found is None and self.conn.execute("SELECT 1 FROM activities WHERE id = ?", (activity_id,)).fetchone() is None:
                raise NotFoundError(f"There is no activity with id {activity_id}.")

    def trash(self, ids: Sequence[int]) -> list[int]:
        return self._set_deleted(ids, epoch(self.now()))

    def restore(self, ids: Sequence[int]) -> list[int]:
        return self._set_deleted(ids, None)

    def _set_deleted(self, ids: Sequence[int], when: int | None) -> list[int]:
        changed: list[int] = []
        contacts: set[int] = set()
        deals: set[int] = set()
        with self.database.atomic():
            for chunk in _chunks(ids):
                marks = ",".join("?" * len(chunk))
                rows = self.conn.execute(
                    f"UPDATE activities SET deleted_at = ?, live = (? IS NULL AND contact_id IN "
                    f"(SELECT id FROM contacts WHERE deleted_at IS NULL)) "
                    f"WHERE id IN ({marks}) AND (deleted_at IS NULL) = (? IS NOT NULL) RETURNING id, contact_id, deal_id",
                    (when, when, *chunk, when),
                ).fetchall()
                changed += [r[0] for r in rows]
                contacts |= {r[1] for r in rows}
                deals |= {r[2] for r in rows if r[2] is not None}
            self.refresh_contact_dates(contacts)
            refresh_deal_dates(self.conn, deals)
        return changed

    def refresh_contact_dates(self, contact_ids) -> None:
        """Recompute last contacted / last attempt for these contacts from their history."""
        for chunk in _chunks(sorted(i for i in contact_ids if i is not None)):
            marks = ",".join("?" * len(chunk))
            self.conn.execute(
                f"""UPDATE contacts SET
                    last_contacted_at = (SELECT coalesce(max(a.sort_at), 0) FROM activities a WHERE a.contact_id = contacts.id
                        AND a.done = 1 AND a.deleted_at IS NULL AND a.kind IN ({_CONTACT_KIND_LIST})
                        AND a.outcome NOT IN ({_UNREACHED_LIST})),
                    last_attempt_at = (SELECT coalesce(max(a.sort_at), 0) FROM activities a WHERE a.contact_id = contacts.id
                        AND a.done = 1 AND a.deleted_at IS NULL AND a.kind IN ({_CONTACT_KIND_LIST}))
                    WHERE id IN ({marks})""",
                chunk,
            )

    def _values(self, a: Activity, sort_at: datetime) -> tuple:
        return (
            a.contact_id, a.deal_id, a.kind, a.subject, a.details, int(a.done), _opt_epoch(a.at),
            a.day.isoformat() if a.day else None, epoch(sort_at), a.duration_minutes, a.direction.value,
            a.outcome, int(a.priority), None if a.alarm_lead is None else int(a.alarm_lead.total_seconds()),
            _opt_epoch(a.alarm_at), a.recurrence.text() if a.recurrence else "",
            a.series_start.isoformat() if a.series_start else None, a.zone, _opt_epoch(a.completed_at),
            a.occurrence.isoformat() if a.occurrence else None,
        )  # fmt: skip

    def _index(self, activity_id: int, sort_at: int, a: Activity) -> None:
        self.conn.execute(
            "INSERT INTO activities_fts (rowid, subject, details) VALUES (?, ?, ?)",
            (search_key(sort_at, activity_id), normalize(a.subject), normalize(a.details)),
        )

    # ---- reading ----------------------------------------------------------------------------

    def get(self, activity_id: int) -> Activity:
        row = self.conn.execute(f"{_SELECT} WHERE id = ?", (activity_id,)).fetchone()
        if row is None:
            raise NotFoundError(f"There is no activity with id {activity_id}.")
        return _activity(row)

    def get_many(self, ids: Sequence[int]) -> list[Activity]:
        found: dict[int, Activity] = {}
        for chunk in _chunks(ids):
            marks = ",".join("?" * len(chunk))
            for row in self.conn.execute(f"{_SELECT} WHERE id IN ({marks})", chunk):
                found[row[0]] = _activity(row)
        return [found[i] for i in ids if i in found]

    def next_alarm(self, after: datetime | None = None) -> datetime | None:
        """The earliest pending alarm of a live item (later than `after`, if given): one index seek."""
        if after is None:
            row = self.conn.execute(
                "SELECT min(alarm_at) FROM activities WHERE live = 1 AND alarm_at IS NOT NULL"
            ).fetchone()
        else:
            row = self.conn.execute(
                "SELECT min(alarm_at) FROM activities WHERE live = 1 AND alarm_at IS NOT NULL AND alarm_at > ?",
                (epoch(after),),
            ).fetchone()
        return _opt_instant(row[0])

    def due_alarm_ids(self, now: datetime, limit: int = -1) -> list[int]:
        """Live items whose alarm has come (and was not dismissed), oldest alarm first (at most limit)."""
        return [
            r[0]
            for r in self.conn.execute(
                "SELECT id FROM activities WHERE live = 1 AND alarm_at IS NOT NULL AND alarm_at <= ? "
                "ORDER BY alarm_at, id LIMIT ?",
                (epoch(now), limit),
            )
        ]

    def due_alarm_count(self, now: datetime) -> int:
        return self.conn.execute(
            "SELECT count(*) FROM activities WHERE live = 1 AND alarm_at IS NOT NULL AND alarm_at <= ?", (epoch(now),)
        ).fetchone()[0]

    def open_between(self, start: datetime | None, end: datetime, limit: int) -> list[int]:
        """Open live follow-ups placed in [start, end) in time order (None: from the beginning)."""
        return [
            r[0]
            for r in self.conn.execute(
                "SELECT id FROM activities WHERE live = 1 AND done = 0 AND sort_at >= ? AND sort_at < ? "
                "ORDER BY sort_at, id LIMIT ?",
                (-(2**62) if start is None else epoch(start), epoch(end), limit),
            )
        ]

    def count_open_between(self, start: datetime | None, end: datetime) -> int:
        return self.conn.execute(
            "SELECT count(*) FROM activities WHERE live = 1 AND done = 0 AND sort_at >= ? AND sort_at < ?",
            (-(2**62) if start is None else epoch(start), epoch(end)),
        ).fetchone()[0]

    def recent_contact_count(self, contact_id: int, since: datetime) -> int:
        """Done conversations with a contact since a moment (for the don't-pester warning)."""
        return self.conn.execute(
            f"SELECT count(*) FROM activities WHERE contact_id = ? AND sort_at >= ? AND done = 1 "
            f"AND deleted_at IS NULL AND kind IN ({_CONTACT_KIND_LIST})",
            (contact_id, epoch(since)),
        ).fetchone()[0]

    def timeline_ids(self, contact_id: int):
        """A contact's activities, scheduled and done together, newest first (lazy)."""
        return self.listing.ids(ActivityQuery(contact_id=contact_id))

    def search_ids(self, query: ActivityQuery):
        return self.listing.ids(query)

    def summaries(self, ids: Sequence[int]) -> list[ActivitySummary]:
        found: dict[int, ActivitySummary] = {}
        for chunk in _chunks(ids):
            marks = ",".join("?" * len(chunk))
            for row in self.conn.execute(
                "SELECT a.id, a.contact_id, c.display_name, a.kind, a.subject, a.done, a.at, a.day, a.outcome, "
                "a.direction, a.priority, a.alarm_at, a.recurrence != '', substr(a.details, 1, 200) "
                f"FROM activities a JOIN contacts c ON c.id = a.contact_id WHERE a.id IN ({marks})",
                chunk,
            ):
                found[row[0]] = ActivitySummary(
                    id=row[0], contact_id=row[1], contact_name=row[2], kind=row[3], subject=row[4],
                    done=bool(row[5]), at=_opt_instant(row[6]), day=date.fromisoformat(row[7]) if row[7] else None,
                    outcome=row[8], direction=row[9], priority=row[10], alarm_at=_opt_instant(row[11]),
                    repeats=bool(row[12]), details_start=row[13].split("\n", 1)[0],
                )  # fmt: skip
        return [found[i] for i in ids if i in found]

    def contact_dates(self, contact_id: int) -> tuple[datetime | None, datetime | None]:
        """(last contacted, last attempt) of a contact, as maintained by refresh_contact_dates()."""
        row = self.conn.execute(
            "SELECT last_contacted_at, last_attempt_at FROM contacts WHERE id = ?", (contact_id,)
        ).fetchone()
        return (None, None) if row is None else (_opt_instant(row[0] or None), _opt_instant(row[1] or None))

    def full_length(self, ids: Sequence[int]) -> int:
        """The real length of a list whose length is provisional; safe to call from another thread."""
        return self.database.full_length(ids)

    def outcomes_in_use(self) -> list[str]:
        return [r[0] for r in self.conn.execute("SELECT DISTINCT outcome FROM activities WHERE outcome != ''")]


def _activity(row) -> Activity:
    (id_, uuid, contact_id, deal_id, kind, subject, details, done, at, day, _sort_at, duration, direction,
     outcome, priority, alarm_lead, alarm_at, recurrence, series_start, zone, completed_at, occurrence,
     created_at, updated_at, deleted_at) = row  # fmt: skip
    return Activity(
        contact_id=contact_id, kind=kind, subject=subject, details=details, done=bool(done),
        at=_opt_instant(at), day=date.fromisoformat(day) if day else None, duration_minutes=duration,
        direction=Direction(direction), outcome=outcome, priority=Priority(priority),
        alarm_lead=None if alarm_lead is None else timedelta(seconds=alarm_lead), alarm_at=_opt_instant(alarm_at),
        recurrence=Recurrence.parse(recurrence) if recurrence else None,
        series_start=datetime.fromisoformat(series_start) if series_start else None, zone=zone, deal_id=deal_id,
        completed_at=_opt_instant(completed_at), id=id_,
        occurrence=datetime.fromisoformat(occurrence) if occurrence else None, uuid=uuid, created_at=_opt_instant(created_at),
        updated_at=_opt_instant(updated_at), deleted_at=_opt_instant(deleted_at),
    )  # fmt: skip


def _chunks(ids) -> list:
    ids = list(ids)
    return [ids[i : i + CHUNK] for i in range(0, len(ids), CHUNK)]

