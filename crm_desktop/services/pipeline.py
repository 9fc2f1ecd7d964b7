"""What a user can do with the deal pipeline: deals, moves between stages (undoable), the board, the
list, the forecast and what the owner's own history says about each stage."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta

from crm_desktop.db.activities import ActivityRepository
from crm_desktop.db.deals import DealRepository
from crm_desktop.db.errors import ChangedElsewhereError
from crm_desktop.domain.activity_query import ActivitySummary
from crm_desktop.domain.clock import Clock, epoch
from crm_desktop.domain.contact import Contact, ContactKind
from crm_desktop.domain.deal import Deal, DealStatus, Stage, moved, stage_of, validate_deal
from crm_desktop.domain.deal_query import DealQuery, DealRow, DealSort
from crm_desktop.domain.forecast import MonthForecast, Observed, forecast_weighted, observed_passages
from crm_desktop.domain.money import Money, scaled_minor
from crm_desktop.domain.validation import FieldError, ValidationError
from crm_desktop.services.changes import Change, ChangeBus, ChangeKind
from crm_desktop.services.pipeline_preferences import PipelinePreferences

RECENTLY_CLOSED_DAYS = 30  # the Won and Lost columns show what closed in this many days


@dataclass(frozen=True, slots=True)
class Move:
    """A stage change as it was made, enough to take it back (undo)."""

    deal_id: int
    before: Deal
    after: Deal
    history_id: int | None


@dataclass(frozen=True, slots=True)
class BoardColumn:
    stage: Stage
    rows: list[DealRow]  # open stages: the open deals; Won/Lost: those closed in the last 30 days
    total: dict[str, Money]  # per currency, never mixed
    weighted: dict[str, Money]

    @property
    def count(self) -> int:
        return len(self.rows)


class PipelineService:
    def __init__(self, repository: DealRepository, activities: ActivityRepository, preferences: PipelinePreferences,
                 changes: ChangeBus, clock: Clock):  # fmt: skip
        self.repository = repository
        self.activities = activities
        self.preferences = preferences
        self.changes = changes
        self.clock = clock

    @property
    def stages(self) -> list[Stage]:
        return self.preferences.stages

    def today(self) -> date:
        return self.clock.now().astimezone(self.clock.zone).date()

    # ---- writing ----------------------------------------------------------------------------

    def new_deal(self, contact: Contact | None = None) -> Deal:
        """A blank deal in the first stage and the owner's currency; from a card, with its contact or
        company filled in (a person's company card is not looked up: the form offers it)."""
        first = next(s for s in self.stages if s.closes_as is DealStatus.OPEN)
        deal = Deal(title="", value=Money(0, self.preferences.currency), stage=first.key)
        if contact is not None and contact.id is not None:
            if contact.kind is ContactKind.COMPANY:
                deal.company_id = contact.id
            else:
                deal.contact_id = contact.id
        return deal

    def save(self, deal: Deal) -> Deal:
        """Create or save a deal. Its status follows its stage (Won closes it, Lost needs its reason).
        Raises ValidationError; an edit of a deal changed elsewhere meanwhile raises ChangedElsewhereError."""
        stages = self.stages
        try:
            stage = stage_of(stages, deal.stage)
        except KeyError:
            raise ValidationError([FieldError("stage", f"There is no stage '{deal.stage}'.")]) from None
        closing = stage.closes_as is not DealStatus.OPEN
        stored = self.repository.get(deal.id) if deal.id is not None else None
        # A deal that closes now (or closes the other way: won, then lost) closes today.
        same_close = stored is not None and stored.status is stage.closes_as
        prepared = replace(
            deal, status=stage.closes_as,
            closed_on=((deal.closed_on if same_close else None) or self.today()) if closing else None,
            lost_reason=deal.lost_reason.strip() if stage.closes_as is DealStatus.LOST else "",
        )  # fmt: skip
        errors = validate_deal(prepared, stages) + self._trashed_cards(prepared)
        if errors:
            raise ValidationError(errors)
        if prepared.id is None:
            saved = self.repository.add(prepared)
        else:
            saved = self.repository.update(prepared, check_version=True)
        self._publish(ChangeKind.ADDED if deal.id is None else ChangeKind.UPDATED, [saved.id])
        return saved

    def _trashed_cards(self, deal: Deal) -> list[FieldError]:
        """A deal is not made for (or moved to) a card in the Trash: it would be out of sight at once."""
        return [FieldError(field, f"This {word} is in the Trash: restore it first, or choose another.")
                for field, word, card in (("contact", "contact", deal.contact_id), ("company", "company", deal.company_id))
                if card is not None and self.repository.card_in_trash(card)]  # fmt: skip

    def move(self, deal_id: int, stage_key: str, lost_reason: str = "") -> Move | None:
        """Move a deal to another stage (a drop on the board): recorded in its history, committed at once.
        Won closes it today; Lost needs lost_reason (ValueError otherwise). None: it was already there."""
        before = self.repository.get(deal_id)
        if before.stage == stage_key:
            return None
        stage = stage_of(self.stages, stage_key)
        after = moved(before, stage, self.today(), lost_reason)
        with self.repository.database.atomic():
            self.repository.update(after, record_stage=False)
            history_id = self.repository.record_stage(deal_id, stage_key, epoch(self.clock.now()))
        self._publish(ChangeKind.UPDATED, [deal_id])
        return Move(deal_id, before, self.repository.get(deal_id), history_id)

    def undo(self, move: Move) -> Deal:
        """Take a move back: the stage, status, lost reason and closing date it had, and its history
        entry removed. Refused (ChangedElsewhereError) when the deal changed since the move (edited,
        moved again, deleted) or its old stage no longer exists: undo never overwrites a later change."""
        current = self.repository.get(move.deal_id)
        if current.revision != move.after.revision or current.deleted_at is not None:
            raise ChangedElsewhereError("The deal has changed since it was moved, so the move is not undone.")
        if all(s.key != move.before.stage for s in self.stages):
            raise ChangedElsewhereError("The stage the deal came from has been removed, so the move is not undone.")
        restored = replace(current, stage=move.before.stage, status=move.before.status,
                           lost_reason=move.before.lost_reason, closed_on=move.before.closed_on)  # fmt: skip
        with self.repository.database.atomic():
            self.repository.update(restored, record_stage=False)
            if move.history_id is not None:
                self.repository.forget_stage(move.history_id)
        self._publish(ChangeKind.UPDATED, [move.deal_id])
        return self.repository.get(move.deal_id)

    def delete(self, ids: Sequence[int]) -> list[int]:
        gone = self.repository.set_deleted(ids, True)
        self._publish(ChangeKind.TRASHED, gone)
        return gone

    def restore(self, ids: Sequence[int]) -> list[int]:
        back = self.repository.set_deleted(ids, False)
        self._publish(ChangeKind.RESTORED, back)
        return back

    def validate(self, deal: Deal) -> list[FieldError]:
        """What save() would refuse, without saving: a form shows every problem at once."""
        try:
            stage = stage_of(self.stages, deal.stage)
        except KeyError:
            return [FieldError("stage", f"There is no stage '{deal.stage}'.")]
        return validate_deal(replace(deal, status=stage.closes_as), self.stages)

    def _publish(self, kind: ChangeKind, ids) -> None:
        if ids:
            self.changes.publish(Change("deal", kind, tuple(ids)))

    # ---- reading ----------------------------------------------------------------------------

    def get(self, deal_id: int) -> Deal:
        return self.repository.get(deal_id)

    def rows(self, query: DealQuery = DealQuery()) -> list[DealRow]:
        """The deal list: every deal matching the query (status None: open and closed), sorted in SQL."""
        return self.repository.rows.rows(query, self.stages, self.clock.now())

    def row(self, deal_id: int) -> DealRow | None:
        """One deal's card as the board shows it (after a move); None if it is gone (trashed)."""
        found = self.rows(DealQuery(status=None, deal_id=deal_id))
        return found[0] if found else None

    def board(self, query: DealQuery = DealQuery()) -> list[BoardColumn]:
        """One column per stage, in the owner's order. Open stages hold their open deals (soonest close
        first); Won and Lost hold the deals closed in the last 30 days, newest first."""
        stages = self.stages
        open_rows = self.rows(replace(query, status=DealStatus.OPEN, sort=DealSort.EXPECTED_CLOSE, descending=False))
        by_stage: dict[str, list[DealRow]] = {s.key: [] for s in stages}
        for row in open_rows:
            by_stage.setdefault(row.stage, []).append(row)
        since = self.today() - timedelta(days=RECENTLY_CLOSED_DAYS)
        for status in (DealStatus.WON, DealStatus.LOST):
            recent = replace(query, status=status, closed_since=since, sort=DealSort.CLOSED_ON, descending=True)
            for row in self.rows(recent):
                by_stage.setdefault(row.stage, []).append(row)
        return [BoardColumn(stage, by_stage[stage.key], *self._totals(by_stage[stage.key])) for stage in stages]

    def _totals(self, rows: list[DealRow]) -> tuple[dict[str, Money], dict[str, Money]]:
        """(total, weighted) per currency of a column, summed as whole minor units (ten thousand cards)."""
        total: dict[str, int] = {}
        weighted: dict[str, int] = {}
        for row in rows:
            total[row.currency] = total.get(row.currency, 0) + row.value_minor
            weighted[row.currency] = weighted.get(row.currency, 0) + scaled_minor(row.value_minor, row.probability)
        return (self.ordered({c: Money(m, c) for c, m in total.items()}),
                self.ordered({c: Money(m, c) for c, m in weighted.items()}))  # fmt: skip

    def ordered(self, amounts: dict[str, Money]) -> dict[str, Money]:
        """Amounts per currency in one order everywhere: the owner's currency first, then by code."""
        home = self.preferences.currency
        return dict(sorted(amounts.items(), key=lambda item: (item[0] != home, item[0])))

    def forecast(self, months: int = 6) -> list[MonthForecast]:
        """Weighted value of open deals by expected close month, this month and the next months-1."""
        rows = self.rows(DealQuery(status=DealStatus.OPEN))
        months_ahead = forecast_weighted(((r.expected_close, r.weighted) for r in rows), self.today(), months)
        return [replace(m, weighted=self.ordered(m.weighted)) for m in months_ahead]

    def observed(self) -> dict[str, Observed]:
        """Per open stage: the win rate and median days to close in the owner's closed deals."""
        offset = self.clock.now().astimezone(self.clock.zone).utcoffset()
        return observed_passages(self.repository.closed_passages(int(offset.total_seconds()) if offset else 0), self.stages)

    def contact_deals(self, contact_id: int) -> list[DealRow]:
        """A card's deals (as contact or company), open ones first, then the closed by date."""
        rows = self.rows(DealQuery(status=None, contact_id=contact_id, sort=DealSort.EXPECTED_CLOSE))
        return sorted(rows, key=lambda r: r.status is not DealStatus.OPEN)

    def history(self, deal_id: int):
        """[(stage key, entered)] of one deal, oldest first."""
        return self.repository.stage_history([deal_id]).get(deal_id, [])

    def timeline_ids(self, deal_id: int) -> list[int]:
        """The ids of the deal's activities, newest first (a lazy list model shows them)."""
        return self.repository.deal_activity_ids(deal_id)

    def timeline(self, deal_id: int) -> list[ActivitySummary]:
        return self.activities.summaries(self.repository.deal_activity_ids(deal_id))

    def next_step(self, deal_id: int) -> ActivitySummary | None:
        found = self.repository.next_step_id(deal_id)
        return None if found is None else self.activities.summaries([found])[0]

    def has_deals(self) -> bool:
        """Whether any deal was ever saved and not purged (trashed ones count): for an empty list's wording."""
        return any(self.repository.stage_counts().values())

    def lost_reasons(self) -> list[str]:
        return self.preferences.lost_reasons

    def tags(self) -> list[str]:
        return self.repository.tags_in_use()
