"""The ids of a contact list in display order, as a sequence that is only read where it is looked at.

Three ways to answer a ContactQuery, chosen by its shape:
- text, sorted by name, no filter: FTS5 alone. Its rowids are sort positions, so a page is
  "MATCH ... ORDER BY rowid LIMIT n OFFSET k", the count is a doclist count, and nothing is sorted.
- no text and no tag: an index scan in the sort order, paged with LIMIT/OFFSET.
- anything else (text with another sort or a filter, tags, the Trash): the sorted ids in one query.
The first two are lazy sequences; a list model sees len(), [i], [a:b] and index(id) either way.
"""

from __future__ import annotations

import sqlite3
from array import array
from collections import OrderedDict
from collections.abc import Callable, Iterator, Sequence

from crm_desktop.domain.contact_query import ContactQuery, SortColumn
from crm_desktop.domain.text import fold, query_tokens, tab_start_key

PAGE = 256
PAGES_KEPT = 64  # about 16,000 ids: memory stays flat however long the list
# Counting 500,000 matches takes longer than a keystroke may: lists longer than this start with this
# many rows and learn their length from count_sql, which the UI runs on a reader in the background.
COUNT_CAP = 10_000

ORDER_BY = {
    SortColumn.NAME: ("c.sort_pos",),
    SortColumn.COMPANY: ("c.company_key", "c.sort_pos"),
    SortColumn.PHONE: ("c.primary_phone", "c.sort_pos"),
    SortColumn.EMAIL: ("c.primary_email", "c.sort_pos"),
    SortColumn.CITY: ("c.city_key", "c.sort_pos"),
    SortColumn.RELATIONSHIP: ("c.relationship", "c.sort_pos"),
    SortColumn.STAGE: ("c.stage", "c.sort_pos"),
    SortColumn.TAGS: ("c.tags_text", "c.sort_pos"),
    SortColumn.LAST_CONTACTED: ("c.last_contacted_at", "c.sort_pos"),
    SortColumn.LAST_ATTEMPT: ("c.last_attempt_at", "c.sort_pos"),
    SortColumn.UPDATED: ("c.updated_at", "c.id"),
}
_TRASH_HAYSTACK = (
    "(c.display_name || ' ' || c.company || ' ' || c.job_title || ' ' || c.primary_email || ' ' || "
    "c.primary_phone || ' ' || c.city || ' ' || c.tags_text || ' ' || c.notes)"
)


def fts_match_expression(text: str) -> str | None:
    """A safe FTS5 MATCH expression for what the user typed: every word as a quoted prefix.

    User text never reaches FTS5 syntax unquoted. Digit groups typed apart ("300 555") also match the
    same digits written together in one phone number.
    """
    tokens = query_tokens(text)
    if not tokens:
        return None
    quoted = " ".join('"' + t.replace('"', '""') + '"*' for t in tokens)
    if len(tokens) > 1 and all(t.isdigit() for t in tokens):
        return f'({quoted}) OR "{"".join(tokens)}"*'
    return quoted


class LazyIds(Sequence[int]):
    """A read-only sequence of ids whose pages are fetched on first use and kept in a small LRU.

    Its length may be provisional (exact is False): then it holds the first COUNT_CAP rows until
    settle() gives the real length, which count_sql/count_params compute.
    """

    def __init__(
        self,
        count: int,
        exact: bool,
        fetch: Callable[[int, int], list[int]],
        fetch_from_end: Callable[[int, int], list[int]],
        find: Callable[[int], int | None],
        count_sql: tuple[str, tuple],
    ):
        self._count = count
        self.exact = exact
        self._fetch = fetch  # (offset, limit) -> ids, in list order
        self._fetch_from_end = fetch_from_end  # (offset from the end, limit) -> ids, in list order
        self._find = find  # id -> row or None
        self.count_sql = count_sql
        self._pages: OrderedDict[int, list[int]] = OrderedDict()

    def settle(self, count: int) -> None:
        # Whole pages stay right whatever the length; a page cut at the provisional length does not.
        whole = {n: page for n, page in self._pages.items() if len(page) == PAGE and (n + 1) * PAGE <= count}
        self._count, self.exact = count, True
        self._pages.clear()
        self._pages.update(whole)

    def prime(self, first: list[int]) -> None:
        """Take the first ids as already read (by the query that also measured the length)."""
        for number in range(len(first) // PAGE + 1):
            page = first[number * PAGE : (number + 1) * PAGE]
            if len(page) == PAGE or (self.exact and page):
                self._pages[number] = page

    def expect(self, count: int) -> None:
        """A better provisional length, e.g. the same query's length before the last edit. Still not
        exact: rows are read from the front, so a wrong guess shows no wrong ids, and the rows past the
        real end raise IndexError until settle()."""
        self._count = count
        self._pages.clear()

    def _read(self, offset: int, limit: int) -> list[int]:
        """Pages past the middle are read from the far end, so the end of a long list is a short OFFSET."""
        end = min(offset + limit, self._count)
        if not self.exact or offset <= self._count - end:
            return self._fetch(offset, limit)[: end - offset]
        return self._fetch_from_end(self._count - end, end - offset)

    def __len__(self) -> int:
        return self._count

    def _page(self, number: int) -> list[int]:
        page = self._pages.get(number)
        if page is None:
            page = self._read(number * PAGE, PAGE)
            self._pages[number] = page
            if len(self._pages) > PAGES_KEPT:
                self._pages.popitem(last=False)
        else:
            self._pages.move_to_end(number)
        return page

    def __getitem__(self, index):
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(self._count))]
        if index < 0:
            index += self._count
        if not 0 <= index < self._count:
            raise IndexError(index)
        return self._page(index // PAGE)[index % PAGE]

    def __iter__(self) -> Iterator[int]:
        for number in range((self._count + PAGE - 1) // PAGE):
            yield from self._read(number * PAGE, PAGE)

    def index(self, value, start=0, stop=None) -> int:
        row = self._find(value)
        if row is None or row < start or (stop is not None and row >= stop):
            raise ValueError(f"{value} is not in the list")
        return row

    def __contains__(self, value) -> bool:
        return self._find(value) is not None


class ContactListing:
    """Answers ContactQuery for the repository: ids in order, counts and A-Z tab rows."""

    def __init__(self, conn: sqlite3.Connection):
        self.conn = conn

    def ids(self, query: ContactQuery) -> Sequence[int]:
        match = fts_match_expression(query.text) if not query.trashed else None
        if match and self._plain(query) and query.sort is SortColumn.NAME:
            return self._fts_ids(match, query.descending)
        if not match and not query.tag and not query.trashed and not query_tokens(query.text):
            return self._indexed_ids(query)
        return self._sorted_ids(query)

    def sorts_all(self, query: ContactQuery) -> bool:
        """True when ids() reads and sorts every match in one query (not lazily): up to seconds at a
        million cards, so the UI asks for such a list off its thread. The Trash is small: never."""
        if query.trashed:
            return False
        match = fts_match_expression(query.text)
        if match and self._plain(query) and query.sort is SortColumn.NAME:
            return False
        return bool(match or query.tag or query_tokens(query.text))

    def count(self, query: ContactQuery) -> int:
        where, params = self.where(query)
        return self.conn.execute(f"SELECT count(*) FROM contacts c WHERE {where}", params).fetchone()[0]

    def any(self, query: ContactQuery) -> bool:
        """Whether anything matches: stops at the first match (a count reads every one)."""
        where, params = self.where(query)
        return self.conn.execute(f"SELECT EXISTS (SELECT 1 FROM contacts c WHERE {where})", params).fetchone()[0] == 1

    def tab_position(self, query: ContactQuery, tab: str) -> int | None:
        """Row of the first card filed under an A-Z tab, in the list sorted by name, ascending."""
        start = tab_start_key(tab)
        if start is None:
            return None
        boundary = self._first_pos_at_or_after(start)
        where, params = self.where(query)
        if boundary is None:
            return self.count(query)
        return self.conn.execute(
            f"SELECT count(*) FROM contacts c WHERE {where} AND c.sort_pos < ?", (*params, boundary)
        ).fetchone()[0]

    @staticmethod
    def _plain(query: ContactQuery) -> bool:
        return not (query.tag or query.relationship or query.stage or query.trashed)

    def where(self, query: ContactQuery) -> tuple[str, list]:
        clauses = ["c.deleted_at IS NOT NULL" if query.trashed else "c.deleted_at IS NULL"]
        params: list = []
        if query.trashed:  # the Trash is small and not in the search index: a folded scan will do
            for token in query_tokens(query.text):
                clauses.append(f"instr(crm_fold({_TRASH_HAYSTACK}), ?) > 0")
                params.append(fold(token))
        elif match := fts_match_expression(query.text):
            clauses.append("c.sort_pos IN (SELECT rowid FROM contacts_fts WHERE contacts_fts MATCH ?)")
            params.append(match)
        if query.relationship:
            clauses.append("c.relationship = ?")
            params.append(query.relationship)
        if query.stage:
            clauses.append("c.stage = ?")
            params.append(query.stage)
        if query.tag:
            clauses.append(
                "c.id IN (SELECT ct.contact_id FROM contact_tags ct JOIN tags t ON t.id = ct.tag_id WHERE t.name = ?)"
            )
            params.append(query.tag)
        return " AND ".join(clauses), params

    def _order(self, query: ContactQuery) -> str:
        if query.trashed and query.sort is SortColumn.NAME and not query.descending:
            return "c.deleted_at DESC, c.id DESC"  # the Trash shows the latest deletions first
        direction = " DESC" if query.descending else ""
        return ", ".join(f"{col}{direction}" for col in (*ORDER_BY[query.sort], "c.id"))

    def _sorted_ids(self, query: ContactQuery) -> array:
        where, params = self.where(query)
        cur = self.conn.execute(f"SELECT c.id FROM contacts c WHERE {where} ORDER BY {self._order(query)}", params)
        return array("q", [r[0] for r in cur])

    def _capped_count(self, sql: str, params) -> tuple[int, bool]:
        capped = self.conn.execute(f"SELECT count(*) FROM ({sql} LIMIT {COUNT_CAP + 1})", params).fetchone()[0]
        return min(capped, COUNT_CAP), capped <= COUNT_CAP

    def _indexed_ids(self, query: ContactQuery) -> LazyIds:
        where, params = self.where(query)
        order = self._order(query)
        count, exact = self._capped_count(f"SELECT 1 FROM contacts c WHERE {where}", params)

        def fetch(offset: int, limit: int) -> list[int]:
            sql = f"SELECT c.id FROM contacts c WHERE {where} ORDER BY {order} LIMIT ? OFFSET ?"
            return [r[0] for r in self.conn.execute(sql, (*params, limit, offset))]

        def find(contact_id: int) -> int | None:
            columns = (*ORDER_BY[query.sort], "c.id")
            row = self.conn.execute(
                f"SELECT {', '.join(columns)} FROM contacts c WHERE {where} AND c.id = ?", (*params, contact_id)
            ).fetchone()
            if row is None:
                return None
            before = ">" if query.descending else "<"
            return self.conn.execute(
                f"SELECT count(*) FROM contacts c WHERE {where} AND ({', '.join(columns)}) {before} "
                f"({', '.join('?' * len(columns))})",
                (*params, *row),
            ).fetchone()[0]

        return LazyIds(count, exact, fetch, self._reverse_fetch(where, params, order), find,
                       (f"SELECT count(*) FROM contacts c WHERE {where}", tuple(params)))  # fmt: skip

    def _reverse_fetch(self, where: str, params: list, order: str):
        flipped = ", ".join(_flip(term) for term in order.split(", "))

        def fetch_from_end(offset: int, limit: int) -> list[int]:
            sql = f"SELECT c.id FROM contacts c WHERE {where} ORDER BY {flipped} LIMIT ? OFFSET ?"
            return [r[0] for r in self.conn.execute(sql, (*params, limit, offset))][::-1]

        return fetch_from_end

    def _fts_ids(self, match: str, descending: bool) -> LazyIds:
        # One MATCH per keystroke, for the first page only: a prefix query merges every matching word's
        # doclist before its first row (10 ms for "prade" at a million cards), so counting its matches
        # too would double that. A longer list starts provisional and is counted in the background.
        direction = "DESC" if descending else "ASC"
        first = min(PAGE, COUNT_CAP)
        known = array("q", [r[0] for r in self.conn.execute(
            f"SELECT rowid FROM contacts_fts WHERE contacts_fts MATCH ? ORDER BY rowid {direction} LIMIT ?",
            (match, first + 1))])  # fmt: skip
        count, exact = min(len(known), first), len(known) <= first

        def fetcher(desc: bool):
            direction = "DESC" if desc else "ASC"

            def fetch(offset: int, limit: int) -> list[int]:
                positions = [
                    r[0]
                    for r in self.conn.execute(
                        f"SELECT rowid FROM contacts_fts WHERE contacts_fts MATCH ? ORDER BY rowid {direction} "
                        "LIMIT ? OFFSET ?",
                        (match, limit, offset),
                    )
                ]
                return self._ids_at_positions(positions)

            return fetch

        further, backward = fetcher(descending), fetcher(not descending)

        def fetch(offset: int, limit: int) -> list[int]:
            if offset + limit <= len(known) or exact:
                return self._ids_at_positions(known[offset : offset + limit].tolist())
            return further(offset, limit)  # past the first positions: a long list read further down

        def fetch_from_end(offset: int, limit: int) -> list[int]:
            if not exact:  # a long list, counted since: its end was never read
                return backward(offset, limit)[::-1]
            end = len(known) - offset
            return self._ids_at_positions(known[max(0, end - limit) : end].tolist())

        def find(contact_id: int) -> int | None:
            row = self.conn.execute(
                "SELECT sort_pos FROM contacts WHERE id = ? AND deleted_at IS NULL", (contact_id,)
            ).fetchone()
            if row is None:
                return None
            hit = self.conn.execute(
                "SELECT 1 FROM contacts_fts WHERE contacts_fts MATCH ? AND rowid = ?", (match, row[0])
            ).fetchone()
            if hit is None:
                return None
            return self.conn.execute(
                f"SELECT count(*) FROM contacts_fts WHERE contacts_fts MATCH ? AND rowid {'>' if descending else '<'} ?",
                (match, row[0]),
            ).fetchone()[0]

        return LazyIds(count, exact, fetch, fetch_from_end, find,
                       ("SELECT count(*) FROM contacts_fts WHERE contacts_fts MATCH ?", (match,)))  # fmt: skip

    def _ids_at_positions(self, positions: list[int]) -> list[int]:
        if not positions:
            return []
        marks = ",".join("?" * len(positions))
        by_pos = dict(self.conn.execute(f"SELECT sort_pos, id FROM contacts WHERE sort_pos IN ({marks})", positions))
        return [by_pos[p] for p in positions]

    def _first_pos_at_or_after(self, sort_key: str) -> int | None:
        row = self.conn.execute(
            "SELECT sort_pos FROM contacts WHERE sort_key >= ? ORDER BY sort_key, id LIMIT 1", (sort_key,)
        ).fetchone()
        return row[0] if row else None


def _flip(term: str) -> str:
    return term[: -len(" DESC")] if term.endswith(" DESC") else f"{term} DESC"
