"""The board's and the deal list's rows: one SQL query with the filters and the sort, judged in one pass.

Open deals are a few thousand to a few tens of thousands, so the whole filtered list is read at once
(the board needs every card's value for its column totals anyway); the index deals_board serves the
board's order (status, stage, expected close).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from datetime import datetime

from crm_desktop.domain.clock import epoch
from crm_desktop.domain.deal import DealStatus, Stage, judged
from crm_desktop.domain.deal_query import DealQuery, DealRow, DealSort
from crm_desktop.domain.forecast import add_months
from crm_desktop.domain.text import search_words

_SELECT = (
    "SELECT d.id, d.title, d.contact_id, coalesce(c.display_name, ''), d.company_id, coalesce(co.display_name, ''), "
    "d.value_minor, d.currency, d.stage, d.probability, d.status, d.expected_close, d.closed_on, d.lost_reason, "
    "d.last_activity_at, d.next_step_at, d.created_at "
    "FROM deals d LEFT JOIN contacts c ON c.id = d.contact_id LEFT JOIN contacts co ON co.id = d.company_id"
)


class DealRows:
    def __init__(self, conn: sqlite3.Connection):
        self.conn = conn

    def rows(self, query: DealQuery, stages: Sequence[Stage], now: datetime) -> list[DealRow]:
        where, params = _where(query)
        order = _order(query, stages)
        by_key = {s.key: s for s in stages}
        now_s = epoch(now)
        found = []
        add = found.append
        for r in self.conn.execute(f"{_SELECT} WHERE {where} ORDER BY {order}", params):
            (id_, title, contact_id, contact, company_id, company, minor, currency, stage_key, own, status, expected,
             closed_on, lost_reason, last_at, next_at, created_at) = r  # fmt: skip
            stage = by_key.get(stage_key)
            state = _STATUS[status]
            if state is DealStatus.WON:
                chance = 100
            elif state is DealStatus.LOST:
                chance = 0
            else:
                chance = own if own is not None else (stage.probability if stage else 0)
            stale, no_next = judged(state, stage.idle_days if stage else None, now_s - (last_at or created_at),
                                    next_at is not None)  # fmt: skip
            add(DealRow(id_, title, contact_id, contact, company_id, company, minor, currency, stage_key, chance, state,
                        expected, closed_on, lost_reason, last_at, next_at, stale, no_next))  # fmt: skip
        return found


_STATUS = {s.value: s for s in DealStatus}


def _where(query: DealQuery) -> tuple[str, list]:
    clauses = ["d.live = 1"]
    params: list = []
    if query.status is not None:
        clauses.append("d.status = ?")
        params.append(query.status.value)
    for word in search_words(query.text):
        # A word prefix: search_text holds folded words joined by single spaces.
        clauses.append("(' ' || d.search_text) LIKE ? ESCAPE '\\'")
        params.append("% " + word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%")
    if query.tag:
        clauses.append("d.id IN (SELECT dt.deal_id FROM deal_tags dt JOIN tags t ON t.id = dt.tag_id WHERE t.name = ?)")
        params.append(query.tag)
    if query.close_month is not None:
        first = query.close_month.replace(day=1)
        clauses.append("d.expected_close >= ? AND d.expected_close < ?")
        params += [first.isoformat(), add_months(first, 1).isoformat()]
    for bound, op in ((query.min_value, ">="), (query.max_value, "<=")):
        if bound is not None:
            clauses.append(f"d.currency = ? AND d.value_minor {op} ?")
            params += [bound.currency, bound.minor]
    if query.deal_id is not None:
        clauses.append("d.id = ?")
        params.append(query.deal_id)
    if query.closed_since is not None:
        clauses.append("d.closed_on >= ?")
        params.append(query.closed_since.isoformat())
    if query.contact_id is not None:
        clauses.append("(d.contact_id = ? OR d.company_id = ?)")
        params += [query.contact_id, query.contact_id]
    return " AND ".join(clauses), params


def _order(query: DealQuery, stages: Sequence[Stage]) -> str:
    stage_rank = " ".join(f"WHEN '{_sql_text(s.key)}' THEN {i}" for i, s in enumerate(stages))
    stage_order = f"(CASE d.stage {stage_rank} ELSE {len(stages)} END)"
    stage_chance = " ".join(f"WHEN '{_sql_text(s.key)}' THEN {int(s.probability)}" for s in stages)
    chance = (
        f"(CASE d.status WHEN 'won' THEN 100 WHEN 'lost' THEN 0 ELSE "
        f"coalesce(d.probability, CASE d.stage {stage_chance} ELSE 0 END) END)"
    )
    direction = "DESC" if query.descending else "ASC"
    columns = {
        DealSort.TITLE: ("d.title COLLATE NOCASE",),
        DealSort.CONTACT: ("coalesce(c.sort_key, co.sort_key, '')",),
        DealSort.VALUE: ("d.currency", "d.value_minor"),
        DealSort.STAGE: (stage_order,),
        DealSort.PROBABILITY: (chance,),
        DealSort.WEIGHTED: ("d.currency", f"d.value_minor * {chance}"),
        DealSort.EXPECTED_CLOSE: ("d.expected_close IS NULL", "d.expected_close"),
        DealSort.STATUS: ("d.status",),
        DealSort.CLOSED_ON: ("d.closed_on IS NULL", "d.closed_on"),
        DealSort.LAST_ACTIVITY: ("d.last_activity_at",),
        DealSort.NEXT_STEP: ("d.next_step_at IS NULL", "d.next_step_at"),
    }[query.sort]
    # Deals without the date come last either way.
    parts = [f"{part} {'ASC' if part.endswith('IS NULL') else direction}" for part in columns]
    return ", ".join([*parts, f"d.id {direction}"])


def _sql_text(text: str) -> str:
    return text.replace("'", "''")

