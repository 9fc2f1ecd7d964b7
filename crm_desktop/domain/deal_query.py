"""What the Pipeline board and the deal list ask for, and the one row per deal they show."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import date, datetime
from typing import NamedTuple

from crm_desktop.domain.clock import from_epoch
from crm_desktop.domain.deal import DealStatus
from crm_desktop.domain.money import Money


class DealSort(enum.StrEnum):
    TITLE = "title"
    CONTACT = "contact"
    VALUE = "value"
    STAGE = "stage"  # board order
    PROBABILITY = "probability"
    WEIGHTED = "weighted"
    EXPECTED_CLOSE = "expected_close"
    STATUS = "status"
    CLOSED_ON = "closed_on"
    LAST_ACTIVITY = "last_activity"
    NEXT_STEP = "next_step"


@dataclass(frozen=True, slots=True)
class DealQuery:
    text: str = ""  # words of the title, contact, company, source, tags, notes (each a word prefix)
    tag: str = ""
    close_month: date | None = None  # expected close in this month (its first day)
    min_value: Money | None = None  # a value range is in one currency: other currencies' deals drop out
    max_value: Money | None = None
    status: DealStatus | None = DealStatus.OPEN  # None: every deal
    contact_id: int | None = None  # deals with this contact or company
    closed_since: date | None = None  # closed on or after this day
    deal_id: int | None = None  # this one deal (a card redrawn after a move on the board)
    sort: DealSort = DealSort.EXPECTED_CLOSE
    descending: bool = False


class _StoredRow(NamedTuple):
    id: int
    title: str
    contact_id: int | None
    contact_name: str
    company_id: int | None
    company_name: str
    value_minor: int
    currency: str
    stage: str
    probability: int  # the deal's own, else its stage's (won 100, lost 0)
    status: DealStatus
    expected_close_text: str | None  # YYYY-MM-DD
    closed_on_text: str | None
    lost_reason: str
    last_activity_at: int  # epoch seconds of the last done activity or stage change; 0: none
    next_step_at: int | None  # epoch seconds of the earliest open follow-up
    stale: bool  # quiet for longer than the stage allows, with nothing scheduled
    no_next_step: bool  # open and nothing scheduled


class DealRow(_StoredRow):
    """One card on the board or one line of the list, judged against the stages at the time it was read.

    A board holds ten thousand of these and paints fifty, so they are tuples of the stored values and
    the money and dates are made when asked for."""

    __slots__ = ()

    @property
    def value(self) -> Money:
        return Money(self.value_minor, self.currency)

    @property
    def weighted(self) -> Money:
        return self.value.scaled(self.probability)

    @property
    def expected_close(self) -> date | None:
        return date.fromisoformat(self.expected_close_text) if self.expected_close_text else None

    @property
    def closed_on(self) -> date | None:
        return date.fromisoformat(self.closed_on_text) if self.closed_on_text else None

    @property
    def last_activity(self) -> datetime | None:
        return from_epoch(self.last_activity_at) if self.last_activity_at else None

    @property
    def next_step(self) -> datetime | None:
        return None if self.next_step_at is None else from_epoch(self.next_step_at)

    @property
    def who(self) -> str:
        """The contact, and the company beside them when both are set."""
        if self.contact_name and self.company_name and self.company_name != self.contact_name:
            return f"{self.contact_name} · {self.company_name}"
        return self.contact_name or self.company_name
