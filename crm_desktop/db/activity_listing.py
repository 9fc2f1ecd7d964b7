"""The ids of an activity list, newest first, read lazily like the contact list.

Without text, every filter is a WHERE clause over one of the covering activities indexes, scanned
backwards in (sort_at, id) order, so a first page costs the same over 5,000,000 rows as over 50. With
text, the search index drives: its rowids are search keys (sort_at * KEY_SCALE + id), so its matches come
out newest first and a page is read without sorting the matches, however many there are.
"""

from __future__ import annotations

import sqlite3

from crm_desktop.db.contact_listing import PAGE, LazyIds, fts_match_expression
from crm_desktop.domain.activity_query import ActivityQuery, ActivityState
from crm_desktop.domain.clock import epoch

KEY_SCALE = 1_000_000_000  # ids stay below a billion; sort_at * KEY_SCALE + id fits in 63 bits until 2262
# The first query reads this many ids: they are the first pages, and if there are fewer the length is
# known. A longer list starts provisional and its real length is counted in the background (count_sql):
# counting a million matches takes longer than a keystroke may. One query, not a count and then a page:
# a common word's matches are merged once, not twice.
COUNT_CAP = 2 * PAGE - 1
_ID_OF_KEY = f"((f.rowid % {KEY_SCALE}) + {KEY_SCALE}) % {KEY_SCALE}"


def search_key(sort_at: int, activity_id: int) -> int:
    return sort_at * KEY_SCALE + activity_id


class ActivityListing:
    def __init__(self, conn: sqlite3.Connection):
        self.conn = conn

    def _filters(self, query: ActivityQuery) -> tuple[list[str], list]:
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
        if query.state is not ActivityState.ANY:
            # A literal, not a parameter: it lets SQLite pick the index that leads with done.
            clauses.append(f"a.done = {int(query.state is ActivityState.DONE)}")
        return clauses, params

    def _source(self, query: ActivityQuery) -> tuple[str, str, list] | None:
        """(FROM ... WHERE ..., the ORDER BY, parameters); None when the text can match nothing."""
        clauses, params = self._filters(query)
        since = None if query.since is None else epoch(query.since)
        until = None if query.until is None else epoch(query.until)
        if not query.text.strip():
            if since is not None:
                clauses.append("a.sort_at >= ?")
                params.append(since)
            if until is not None:
                clauses.append("a.sort_at < ?")
                params.append(until)
            return f"FROM activities a WHERE {' AND '.join(clauses)}", "a.sort_at {0}, a.id {0}", params
        match = fts_match_expression(query.text)
        if match is None:
            return None
        head = ["f.activities_fts MATCH ?"]
        head_params: list = [match]
        if since is not None:
            head.append("f.rowid >= ?")
            head_params.append(since * KEY_SCALE)
        if until is not None:
            head.append("f.rowid < ?")
            head_params.append(until * KEY_SCALE)
        source = (
            f"FROM activities_fts f JOIN activities a ON a.id = {_ID_OF_KEY} "
            f"WHERE {' AND '.join(head + clauses)}"
        )
        return source, "f.rowid {0}", head_params + params

    def ids(self, query: ActivityQuery) -> LazyIds | list[int]:
        found = self._source(query)
        if found is None:
            return []
        source, order, params = found
        newest_first, oldest_first = order.format("DESC"), order.format("ASC")
        conn = self.conn

        def fetch(offset: int, limit: int) -> list[int]:
            sql = f"SELECT a.id {source} ORDER BY {newest_first} LIMIT ? OFFSET ?"
            return [r[0] for r in conn.execute(sql, (*params, limit, offset))]

        def fetch_from_end(offset: int, limit: int) -> list[int]:
            sql = f"SELECT a.id {source} ORDER BY {oldest_first} LIMIT ? OFFSET ?"
            return [r[0] for r in conn.execute(sql, (*params, limit, offset))][::-1]

        def find(activity_id: int) -> int | None:
            row = conn.execute("SELECT sort_at FROM activities WHERE id = ?", (activity_id,)).fetchone()
            if row is None or not conn.execute(f"SELECT 1 {source} AND a.id = ?", (*params, activity_id)).fetchone():
                return None
            after = "(a.sort_at, a.id) > (?, ?)" if "f.rowid" not in order else "f.rowid > ?"
            key = (row[0], activity_id) if "f.rowid" not in order else (search_key(row[0], activity_id),)
            return conn.execute(f"SELECT count(*) {source} AND {after}", (*params, *key)).fetchone()[0]

        first = fetch(0, COUNT_CAP + 1)
        count_sql = (f"SELECT count(*) {source}", tuple(params))
        ids = LazyIds(min(len(first), COUNT_CAP), len(first) <= COUNT_CAP, fetch, fetch_from_end, find, count_sql)
        ids.prime(first)
        return ids

