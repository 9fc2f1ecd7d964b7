"""What a user can do with the activity log and follow-ups: log, schedule, complete, snooze, dismiss.

Every click that changes a follow-up (snooze, done, reschedule, dismiss) is one committed transaction
before the method returns: a killed process loses none of them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import datetime, time

from crm_desktop.db.activities import ActivityRepository
from crm_desktop.domain.activity import Activity, following_occurrence, schedule_alarm, validate_activity
from crm_desktop.domain.activity_query import ActivityQuery, ActivitySummary
from crm_desktop.domain.clock import Clock, as_utc, at_local
from crm_desktop.domain.validation import FieldError, ValidationError
from crm_desktop.services.changes import Change, ChangeBus, ChangeKind
from crm_desktop.services.clock import zone_name
from crm_desktop.services.preferences import FollowUpPreferences


class ActivityService:
    def __init__(self, repository: ActivityRepository, preferences: FollowUpPreferences, changes: ChangeBus,
                 clock: Clock):  # fmt: skip
        self.repository = repository
        self.preferences = preferences
        self.changes = changes
        self.clock = clock

    # ---- writing ----------------------------------------------------------------------------

    def save(self, activity: Activity) -> Activity:
        """Log (done) or schedule (open) a new activity, or save changes to one. Raises ValidationError."""
        errors = validate_activity(activity)
        if errors:
            raise ValidationError(errors)
        prepared = self._prepared(activity)
        with self.repository.database.atomic():
            if prepared.id is None:
                saved = self.repository.add(prepared, self._sort_at(prepared))
            else:
                saved = self.repository.update(prepared, self._sort_at(prepared), check_version=True)
        self._publish(ChangeKind.ADDED if activity.id is None else ChangeKind.UPDATED, [saved.id], [saved.contact_id])
        return saved

    def complete(self, activity_id: int, outcome: str, note: str = "", next_step: Activity | None = None,
                 record: Activity | None = None) -> tuple[Activity, Activity | None]:  # fmt: skip
        """Mark a follow-up done now with its outcome, in the history; a repeating one makes its next
        occurrence, and next_step (the "schedule the next step" part of the dialog) is saved with it.
        record: the history entry as the edit dialog wrote it (its time, subject, duration ...)."""
        current = self.repository.get(activity_id)
        if current.done:  # completed meanwhile (elsewhere, or a second click): the first completion stands
            return current, None
        now = self.clock.now()
        done = replace(
            current, done=True, outcome=outcome, at=now, day=None, alarm_at=None, completed_at=now,
            details=_joined(current.details, note), recurrence=None,
        )  # fmt: skip
        if record is not None:
            done = replace(record, id=current.id, uuid=current.uuid, done=True, outcome=outcome, day=None,
                           at=record.at or now, alarm_lead=None, alarm_at=None, recurrence=None, completed_at=now)  # fmt: skip
            errors = validate_activity(done)
            if errors:
                raise ValidationError(errors)
        following = following_occurrence(current, self.clock.zone, now)
        if next_step is not None and next_step.deal_id is None:
            next_step = replace(next_step, deal_id=current.deal_id)  # the next step of the same deal
        if next_step is not None:
            errors = validate_activity(next_step)
            if errors:
                raise ValidationError(errors)
        with self.repository.database.atomic():
            self.repository.update(done, now)
            created = []
            for item in (following, next_step):
                if item is not None:
                    prepared = self._prepared(item)
                    created.append(self.repository.add(prepared, self._sort_at(prepared)))
        self._publish(ChangeKind.UPDATED, [activity_id, *(c.id for c in created)], [current.contact_id])
        return self.repository.get(activity_id), (created[-1] if created else None)

    def snooze(self, activity_id: int, until: datetime) -> None:
        self.repository.set_alarm(activity_id, as_utc(until))
        self._publish(ChangeKind.UPDATED, [activity_id], [])

    def dismiss(self, activity_id: int) -> None:
        """Stop the alarm for good; the follow-up itself stays open (and overdue if it is past)."""
        self.repository.set_alarm(activity_id, None)
        self._publish(ChangeKind.UPDATED, [activity_id], [])

    def reschedule(self, activity_id: int, at: datetime | None = None, day=None) -> Activity:
        """Move a follow-up to a new time (or day); its alarm is set again from its lead time."""
        current = self.repository.get(activity_id)
        if current.done:
            raise ValidationError([FieldError("when", "This follow-up is already done; it cannot be moved.")])
        moved = replace(current, at=as_utc(at) if at else None, day=None if at else day, alarm_at=None)
        if moved.recurrence is not None:
            moved.series_start = moved.series_start or self._wall(current)
            moved.occurrence = moved.occurrence or self._wall(current)  # the slot it came from
        return self.save(moved)

    def trash(self, ids: Sequence[int]) -> list[int]:
        moved = self.repository.trash(ids)
        self._publish(ChangeKind.TRASHED, moved, [])
        return moved

    def restore(self, ids: Sequence[int]) -> list[int]:
        back = self.repository.restore(ids)
        self._publish(ChangeKind.RESTORED, back, [])
        return back

    # ---- reading ----------------------------------------------------------------------------

    def get(self, activity_id: int) -> Activity:
        return self.repository.get(activity_id)

    def search_ids(self, query: ActivityQuery):
        return self.repository.search_ids(query)

    def timeline_ids(self, contact_id: int):
        return self.repository.timeline_ids(contact_id)

    def summaries(self, ids: Sequence[int]) -> list[ActivitySummary]:
        return self.repository.summaries(ids)

    def next_alarm(self, after: datetime | None = None) -> datetime | None:
        """The earliest pending alarm; with `after`, the earliest still to come (due ones are ringing)."""
        return self.repository.next_alarm(after)

    def due_reminders(self, limit: int | None = None) -> list[Activity]:
        now = self.clock.now()
        return self.repository.get_many(self.repository.due_alarm_ids(now, -1 if limit is None else limit))

    def due_count(self) -> int:
        return self.repository.due_alarm_count(self.clock.now())

    def pester_warning(self, contact_id: int | None) -> str | None:
        """Said before logging or scheduling when the contact has heard from us often lately."""
        if contact_id is None:
            return None
        rule = self.preferences.pester_rule
        if not rule.enabled:
            return None
        return rule.warning(self.repository.recent_contact_count(contact_id, rule.since(self.clock.now())))

    def full_length(self, ids: Sequence[int]) -> int:
        """How long a list from search_ids() really is (its len() may be provisional); for a worker thread."""
        return self.repository.full_length(ids)

    def contact_dates(self, contact_id: int) -> tuple[datetime | None, datetime | None]:
        """(last contacted, last attempt) of a contact, from its history."""
        return self.repository.contact_dates(contact_id)

    # ---- helpers ----------------------------------------------------------------------------

    def _prepared(self, activity: Activity) -> Activity:
        """Stamp the zone and the series start, and set the alarm from the due time and lead."""
        prepared = replace(activity)
        if not prepared.zone:
            prepared.zone = zone_name(self.clock.zone)
        if prepared.recurrence is not None and prepared.series_start is None:
            prepared.series_start = self._wall(prepared)
        stored = self.repository.get(activity.id) if activity.id is not None and not prepared.done else None
        if prepared.done:
            prepared.alarm_at = None
        elif stored is None or (stored.at, stored.day, stored.alarm_lead, stored.done) != (
                activity.at, activity.day, activity.alarm_lead, activity.done):  # fmt: skip
            prepared = schedule_alarm(prepared, self.clock.zone)
        else:  # the stored alarm stands: a dismissal or a snooze made meanwhile is not undone by an edit
            prepared.alarm_at = stored.alarm_at
        return prepared

    def _wall(self, activity: Activity) -> datetime | None:
        if activity.at is not None:
            return activity.at.astimezone(self.clock.zone).replace(tzinfo=None)
        if activity.day is not None:
            return datetime.combine(activity.day, time())
        return None

    def _sort_at(self, activity: Activity) -> datetime:
        if activity.at is not None:
            return activity.at
        if activity.day is not None:
            return at_local(activity.day, time(), self.clock.zone)
        return self.clock.now()

    def _publish(self, kind: ChangeKind, activity_ids, contact_ids) -> None:
        self.changes.publish(Change("activity", kind, tuple(i for i in activity_ids if i is not None)))
        if contact_ids:
            self.changes.publish(Change("contact", ChangeKind.UPDATED, tuple(contact_ids)))


def _joined(details: str, note: str) -> str:
    if not note.strip():
        return details
    return f"{details}\n\n{note}" if details.strip() else note


