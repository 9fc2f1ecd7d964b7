"""The pipeline as plain text (for `crm-desktop pipeline`): per stage, its deals, total and weighted total."""

from __future__ import annotations

from crm_desktop.domain.deal import DealStatus
from crm_desktop.domain.money import Money, format_money
from crm_desktop.services.pipeline import RECENTLY_CLOSED_DAYS, BoardColumn

Row = tuple[str, str, str, str]  # stage, deals, total, weighted


def pipeline_rows(columns: list[BoardColumn]) -> list[Row]:
    """A header, then one row per stage. Amounts in several currencies are listed side by side, never
    added up: "₹12,34,567.00 · $3,400.00"."""
    rows: list[Row] = [("Stage", "Deals", "Total", "Weighted")]
    for column in columns:
        name = column.stage.name
        if column.stage.closes_as is not DealStatus.OPEN:
            name += f" (last {RECENTLY_CLOSED_DAYS} days)"
        rows.append((name, f"{column.count:,}", amounts(column.total), amounts(column.weighted)))
    return rows


def amounts(values: dict[str, Money]) -> str:
    return " · ".join(format_money(v) for v in values.values()) or "-"
