"""What a deal is (issue 4): a sale in progress through the owner's stages, with its value in money.

Pure rules only: the stage's probability and the deal's override, the weighted value, staleness (no
activity for longer than the stage's idle limit, unless a next step is scheduled) and the stage a deal
enters. Storage, the board and the forecast views come on top of these.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from datetime import date, datetime

from crm_desktop.domain.money import MAX_MAJOR, Money
from crm_desktop.domain.validation import FieldError


class DealStatus(enum.StrEnum):
    OPEN = "open"
    WON = "won"
    LOST = "lost"


@dataclass(frozen=True, slots=True)
class Stage:
    key: str  # stable: renaming a stage keeps its history
    name: str
    probability: int  # percent, the default for deals in this stage
    idle_days: int | None = None  # a deal here with no activity for longer is stale
    closes_as: DealStatus = DealStatus.OPEN  # WON or LOST for the closing stages

    def problems(self) -> list[str]:
        found = []
        if not self.name.strip():
            found.append("A stage needs a name.")
        if not 0 <= self.probability <= 100:
            found.append("A probability is between 0 and 100 percent.")
        if self.idle_days is not None and not 1 <= self.idle_days <= 3650:
            found.append("The idle limit is between 1 and 3650 days.")
        return found


DEFAULT_STAGES = (
    Stage("lead", "Lead", 10, 14),
    Stage("qualified", "Qualified", 25, 14),
    Stage("proposal", "Proposal", 50, 10),
    Stage("negotiation", "Negotiation", 75, 7),
    Stage("won", "Won", 100, None, DealStatus.WON),
    Stage("lost", "Lost", 0, None, DealStatus.LOST),
)
DEFAULT_LOST_REASONS = ("price", "went to a competitor", "no budget", "no reply", "timing", "other")


@dataclass(slots=True)
class Deal:
    title: str
    value: Money
    stage: str  # a Stage.key
    contact_id: int | None = None
    company_id: int | None = None
    probability: int | None = None  # None: the stage's
    expected_close: date | None = None
    source: str = ""
    status: DealStatus = DealStatus.OPEN
    lost_reason: str = ""
    closed_on: date | None = None
    notes: str = ""
    tags: list[str] = field(default_factory=list)
    id: int | None = None
    uuid: str | None = None
    created_at: datetime | None = None
    updated_at: datetime | None = None
    deleted_at: datetime | None = None
    revision: int = 0  # the stored revision this copy was read at


def stage_of(stages, key: str) -> Stage:
    for stage in stages:
        if stage.key == key:
            return stage
    raise KeyError(f"no stage '{key}'")


def probability(deal: Deal, stages) -> int:
    """The deal's own probability if set, else its stage's; a won deal is 100 and a lost one 0."""
    if deal.status is DealStatus.WON:
        return 100
    if deal.status is DealStatus.LOST:
        return 0
    return deal.probability if deal.probability is not None else stage_of(stages, deal.stage).probability


def weighted(deal: Deal, stages) -> Money:
    return deal.value.scaled(probability(deal, stages))


def moved(deal: Deal, stage: Stage, on: date, lost_reason: str = "") -> Deal:
    """The deal after a move to `stage`: closing stages close it (lost needs its reason), others reopen it."""
    if stage.closes_as is DealStatus.LOST and not lost_reason.strip():
        raise ValueError("A lost deal needs its reason.")
    closing = stage.closes_as is not DealStatus.OPEN
    return Deal(**{**_fields(deal), "stage": stage.key, "status": stage.closes_as,
                   "lost_reason": lost_reason.strip() if stage.closes_as is DealStatus.LOST else "",
                   "closed_on": on if closing else None})  # fmt: skip


def _fields(deal: Deal) -> dict:
    return {name: getattr(deal, name) for name in Deal.__slots__}  # type: ignore[attr-defined]


@dataclass(frozen=True, slots=True)
class Staleness:
    stale: bool  # no activity for longer than the stage allows, and no next step scheduled
    no_next_step: bool  # nothing scheduled: shown separately, even on a fresh deal


def staleness(deal: Deal, stage: Stage, last_activity: datetime | None, next_step_due: datetime | date | None,
              now: datetime) -> Staleness:  # fmt: skip
    """A deal with a follow-up scheduled is not stale, however quiet it has been: the owner has a plan.
    Without activity ever, the deal's age counts (from created_at)."""
    since = last_activity or deal.created_at or now
    quiet = int((now - since).total_seconds())
    return Staleness(*judged(deal.status, stage.idle_days, quiet, next_step_due is not None))


def judged(status: DealStatus, idle_days: int | None, quiet_seconds: int, has_next_step: bool) -> tuple[bool, bool]:
    """(stale, no next step) of a deal quiet for quiet_seconds: the rule for one card, on plain numbers
    because the board judges ten thousand at a time."""
    if status is not DealStatus.OPEN:
        return False, False
    if idle_days is None or has_next_step:
        return False, not has_next_step
    return quiet_seconds > idle_days * 86400, True


def validate_deal(deal: Deal, stages) -> list[FieldError]:
    errors = []
    if not deal.title.strip():
        errors.append(FieldError("title", "A deal needs a title."))
    if deal.contact_id is None and deal.company_id is None:
        errors.append(FieldError("contact", "Choose the contact or the company the deal is with."))
    if deal.value.minor < 0:
        errors.append(FieldError("value", "A deal's value cannot be negative."))
    elif deal.value.amount >= MAX_MAJOR:
        errors.append(FieldError("value", "That value is too large."))
    if deal.probability is not None and not 0 <= deal.probability <= 100:
        errors.append(FieldError("probability", "A probability is between 0 and 100 percent."))
    try:
        stage = stage_of(stages, deal.stage)
    except KeyError:
        errors.append(FieldError("stage", f"There is no stage '{deal.stage}'."))
    else:
        if stage.closes_as is not deal.status:
            errors.append(FieldError("stage", "The stage and the deal's status disagree."))
    if deal.status is DealStatus.LOST and not deal.lost_reason.strip():
        errors.append(FieldError("lost_reason", "A lost deal needs its reason."))
    return errors
