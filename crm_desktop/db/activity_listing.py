"""The ids of an activity list, newest first, read lazily like the contact list.

Every filter is a WHERE clause over one of the activities indexes; the order is (sort_at, id) descending,
which each index gives by scanning backwards, so a first page costs the same over 5,000,000 rows as
over 50. Text goes through activities_fts (normalised like the contact index).
"""

from __future__ import annotations

import sqlite3

from crm_desktop.db.contact_listing import COUNT_CAP, LazyIds, fts_match_expression
from crm_desktop.domain.activity_query import ActivityQuery, ActivityState
from crm_desktop.domain.clock import epoch

_ORDER = "ORDER BY a.sort_at DESC, a.id DESC"
_REVERSED = "ORDER BY a.sort_at ASC, a.id ASC"


class ActivityListing:
    def __init__(self, conn: sqlite3.Connection):
        self.conn = conn

    def where(self, query: ActivityQuery) -> tuple[str, list] | None:
        """The WHERE clause and its parameters; None when the text can match nothing."""
        clauses: list[str] = []
        params: list = []
        if query.contact_id is not None:
            clauses += ["a.contact_id = ?", "a.deleted_at IS NULL"]
            params.append(query.contact_id)
        else:
            clauses.append("a.live = 1")
        if query.kinds:
            clauses.append(f"a.kind IN ({','.join('?' * len(query.kinds))})")
            params += query.kinds
        if query.outcomes:
            clauses.append(f"a.outcome IN ({','.join('?' * len(query.outcomes))})")
            params += query.outcomes
        if query.since is not None:
            clauses.append("a.sort_at >= ?")
            params.append(epoch(query.since))
        if query.until is not None:
            clauses.append("a.sort_at < ?")
            params.append(epoch(query.until))
        if query.state is not ActivityState.ANY:
            clauses.append("a.done = ?")
            params.append(int(query.state is ActivityState.DONE))
        if query.text.strip():
            match = fts_match_expression(query.text)
            if match is None:
                return None
            clauses.append("a.id IN (SELECT rowid FROM activities_fts WHERE activities_fts MATCH ?)")
            params.append(match)
        return " AND ".join(clauses), params

    def ids(self, query: ActivityQuery) -> LazyIds | list[int]:
        found = self.where(query)
        if found is None:
            return []
        where, params = found
        base = f"FROM activities a WHERE {where}"
        capped = self.conn.execute(
            f"SELECT count(*) FROM (SELECT 1 {base} LIMIT {COUNT_CAP + 1})", params
        ).fetchone()[0]
        exact = capped <= COUNT_CAP
        conn = self.conn

        def fetch(offset: int, limit: int) -> list[int]:
            sql = f"SELECT a.id {base} {_ORDER} LIMIT ? OFFSET ?"
            return [r[0] for r in conn.execute(sql, (*params, limit, offset))]

        def fetch_from_end(offset: int, limit: int) -> list[int]:
            sql = f"SELECT a.id {base} {_REVERSED} LIMIT ? OFFSET ?"
            return [r[0] for r in conn.execute(sql, (*params, limit, offset))][::-1]

        def find(activity_id: int) -> int | None:
            row = conn.execute(f"SELECT a.sort_at, a.id {base} AND a.id = ?", (*params, activity_id)).fetchone()
            if row is None:
                return None
            before = conn.execute(
                f"SELECT count(*) {base} AND (a.sort_at, a.id) > (?, ?)", (*params, row[0], row[1])
            ).fetchone()[0]
            return before

        count_sql = (f"SELECT count(*) {base}", tuple(params))
        return LazyIds(min(capped, COUNT_CAP), exact, fetch, fetch_from_end, find, count_sql)
