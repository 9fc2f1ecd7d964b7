"""The pipeline's forecast (issue 4): weighted value by expected close month, and what the owner's own
closed deals say about each stage ("your history says 23%, you assume 40%")."""

from __future__ import annotations

import statistics
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date

from crm_desktop.domain.deal import DealStatus, Stage
from crm_desktop.domain.money import Money, totals

MIN_CLOSED = 10  # closed deals through a stage before its observed rate is shown


def month_of(day: date) -> date:
    return day.replace(day=1)


def add_months(month: date, count: int) -> date:
    index = month.year * 12 + month.month - 1 + count
    return date(index // 12, index % 12 + 1, 1)


@dataclass(frozen=True, slots=True)
class MonthForecast:
    month: date  # the first of the month
    weighted: dict[str, Money] = field(default_factory=dict)  # per currency: never mixed
    deals: int = 0


def forecast_weighted(items: Iterable[tuple[date | None, Money]], today: date, months: int = 6) -> list[MonthForecast]:
    """(expected close, weighted value) of open deals by month. A deal whose expected close has passed
    counts in this month (it has slipped, not vanished); one without a date is left out (the board shows it)."""
    first = month_of(today)
    buckets: dict[date, list[Money]] = {add_months(first, i): [] for i in range(months)}
    for expected_close, value in items:
        if expected_close is None:
            continue
        month = max(month_of(expected_close), first)
        if month in buckets:
            buckets[month].append(value)
    return [MonthForecast(month, totals(values), len(values)) for month, values in buckets.items()]


@dataclass(frozen=True, slots=True)
class Observed:
    closed: int  # closed deals that went through the stage
    win_rate: int | None  # percent; None until MIN_CLOSED deals say so
    median_days: int | None  # from entering the stage to closing


def observed_passages(passages: Iterable[tuple[str, bool, int]], stages: Sequence[Stage],
                      min_closed: int = MIN_CLOSED) -> dict[str, Observed]:  # fmt: skip
    """Per open stage: of the closed deals that passed through it, how many were won, and the median
    days from first entering it to closing. passages: (stage key, won, days), one per closed deal and
    stage it went through (the database adds them up: db.deals.closed_passages)."""
    won: dict[str, int] = {}
    days: dict[str, list[int]] = {}
    for key, was_won, took in passages:
        won[key] = won.get(key, 0) + bool(was_won)
        days.setdefault(key, []).append(max(0, took))
    result = {}
    for stage in stages:
        if stage.closes_as is not DealStatus.OPEN:
            continue
        n = len(days.get(stage.key, ()))
        enough = n >= min_closed
        result[stage.key] = Observed(
            n,
            round(100 * won.get(stage.key, 0) / n) if enough else None,
            round(statistics.median(days[stage.key])) if enough else None,
        )
    return result
