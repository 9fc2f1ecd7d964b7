"""DealRepository: the only code that reads and writes deals, their stage history and tags, and the
dates derived from their activities (last activity, next step)."""

from __future__ import annotations

import sqlite3
import uuid as uuidlib
from collections.abc import Callable, Iterable, Sequence
from datetime import date, datetime

from crm_desktop.db.connection import Database
from crm_desktop.db.errors import ChangedElsewhereError, NotFoundError
from crm_desktop.db.deal_rows import DealRows
from crm_desktop.domain.clock import epoch, from_epoch
from crm_desktop.domain.deal import Deal, DealStatus
from crm_desktop.domain.money import Money
from crm_desktop.domain.text import search_words

Now = Callable[[], datetime]
CHUNK = 500

_COLUMNS = (
    "title", "contact_id", "company_id", "value_minor", "currency", "stage", "probability", "expected_close",
    "source", "status", "lost_reason", "closed_on", "notes", "tags_text",
)  # fmt: skip
_SELECT = f"SELECT id, uuid, {', '.join(_COLUMNS)}, created_at, updated_at, deleted_at, revision FROM deals"


class DealRepository:
    def __init__(self, database: Database, now: Now):
        self.database = database
        self.conn = database.conn
        self.now = now
        self.rows = DealRows(self.conn)

    # ---- writing ----------------------------------------------------------------------------

    def add(self, deal: Deal) -> Deal:
        """Store a new deal; its first stage goes into the history now."""
        now = epoch(self.now())
        with self.database.atomic():
            cur = self.conn.execute(
                f"INSERT INTO deals (uuid, {', '.join(_COLUMNS)}, live, last_activity_at, created_at, updated_at) "
                f"VALUES ({', '.join('?' * (len(_COLUMNS) + 5))})",
                (deal.uuid or str(uuidlib.uuid4()), *_values(deal), self._live_for(deal), now, now, now),
            )
            deal_id = cur.lastrowid
            self._write_tags(deal_id, deal.tags)
            self.record_stage(deal_id, deal.stage, now)
            self.refresh_search_text([deal_id])
        return self.get(deal_id)

    def update(self, deal: Deal, check_version: bool = False, record_stage: bool = True) -> Deal:
        """Save changes; a new stage goes into the history. check_version: refuse (ChangedElsewhereError)
        when the deal changed since `deal` was read (a form left open while the card was dragged).
        record_stage=False: an undo putting the stage back, whose history entry is taken back instead."""
        if deal.id is None:
            raise ValueError("update() needs a saved deal")
        now = epoch(self.now())
        with self.database.atomic():
            old = self.conn.execute("SELECT stage, revision FROM deals WHERE id = ?", (deal.id,)).fetchone()
            if old is None:
                raise NotFoundError(f"There is no deal with id {deal.id}.")
            if check_version and old[1] != deal.revision:
                raise ChangedElsewhereError(
                    "This deal was changed elsewhere (moved on the board or edited) while it was open here. "
                    "Close this window and open it again."
                )
            assignments = ", ".join(f"{c} = ?" for c in _COLUMNS)
            self.conn.execute(
                f"UPDATE deals SET {assignments}, updated_at = ?, revision = revision + 1 WHERE id = ?",
                (*_values(deal), now, deal.id),
            )
            self.conn.execute("DELETE FROM deal_tags WHERE deal_id = ?", (deal.id,))
            self._write_tags(deal.id, deal.tags)
            if old[0] != deal.stage and record_stage:
                self.record_stage(deal.id, deal.stage, now)
            self.refresh_search_text([deal.id])
        return self.get(deal.id)

    def record_stage(self, deal_id: int, stage: str, at: int) -> int:
        """A stage entered (history); the move itself counts as activity on the deal. Returns the row id."""
        with self.database.atomic():
            cur = self.conn.execute(
                "INSERT INTO deal_stage_history (deal_id, stage, entered_at) VALUES (?, ?, ?)", (deal_id, stage, at)
            )
            self.refresh_activity_dates([deal_id])
        return cur.lastrowid

    def card_in_trash(self, contact_id: int) -> bool:
        row = self.conn.execute("SELECT deleted_at IS NOT NULL FROM contacts WHERE id = ?", (contact_id,)).fetchone()
        return bool(row and row[0])

    def latest_stage_entry(self, deal_id: int) -> int | None:
        row = self.conn.execute(
            "SELECT id FROM deal_stage_history WHERE deal_id = ? ORDER BY entered_at DESC, id DESC LIMIT 1", (deal_id,)
        ).fetchone()
        return None if row is None else row[0]

    def forget_stage(self, history_id: int) -> None:
        """Take back one history entry (an undone move): a move that was undone never happened."""
        with self.database.atomic():
            row = self.conn.execute(
                "DELETE FROM deal_stage_history WHERE id = ? RETURNING deal_id", (history_id,)
            ).fetchone()
            if row is not None:
                self.refresh_activity_dates([row[0]])

    def set_deleted(self, ids: Sequence[int], deleted: bool) -> list[int]:
        """Delete (to be restored by undo) or restore deals; returns the ids that changed."""
        when = epoch(self.now()) if deleted else None
        changed: list[int] = []
        with self.database.atomic():
            for chunk in _chunks(ids):
                marks = ",".join("?" * len(chunk))
                changed += [r[0] for r in self.conn.execute(
                    f"UPDATE deals SET deleted_at = ?, revision = revision + 1, live = (? IS NULL AND coalesce(("
                    f"SELECT c.deleted_at IS NULL FROM contacts c WHERE c.id = coalesce(deals.contact_id, deals.company_id)"
                    f"), 1)) WHERE id IN ({marks}) AND (deleted_at IS NULL) = (? IS NOT NULL) RETURNING id",
                    (when, when, *chunk, when),
                )]  # fmt: skip
        return changed

    def _live_for(self, deal: Deal) -> int:
        owner = deal.contact_id if deal.contact_id is not None else deal.company_id
        row = self.conn.execute("SELECT deleted_at IS NULL FROM contacts WHERE id = ?", (owner,)).fetchone()
        return int(deal.deleted_at is None and (row is None or bool(row[0])))

    def _write_tags(self, deal_id: int, tags: Iterable[str]) -> None:
        for name in dict.fromkeys(t.strip() for t in tags if t.strip()):
            self.conn.execute("INSERT OR IGNORE INTO tags (name) VALUES (?)", (name,))
            self.conn.execute(
                "INSERT OR IGNORE INTO deal_tags (deal_id, tag_id) SELECT ?, id FROM tags WHERE name = ?",
                (deal_id, name),
            )

    # ---- derived columns --------------------------------------------------------------------

    def refresh_activity_dates(self, deal_ids: Iterable[int | None]) -> None:
        refresh_activity_dates(self.conn, deal_ids)

    def refresh_search_text(self, deal_ids: Iterable[int]) -> None:
        refresh_search_text(self.conn, deal_ids)

    # ---- reading ----------------------------------------------------------------------------

    def get(self, deal_id: int) -> Deal:
        found = self.get_many([deal_id])
        if not found:
            raise NotFoundError(f"There is no deal with id {deal_id}.")
        return found[0]

    def get_many(self, ids: Sequence[int]) -> list[Deal]:
        found: dict[int, Deal] = {}
        for chunk in _chunks(ids):
            marks = ",".join("?" * len(chunk))
            tags = _tags_by_deal(self.conn, chunk)
            for row in self.conn.execute(f"{_SELECT} WHERE id IN ({marks})", chunk):
                found[row[0]] = _deal(row, tags.get(row[0], []))
        return [found[i] for i in ids if i in found]

    def closed(self) -> list[Deal]:
        """Every live closed deal (without tags): what the observed win rates are computed from."""
        return [_deal(row, []) for row in self.conn.execute(f"{_SELECT} WHERE live = 1 AND status != 'open'")]

    def closed_passages(self, utc_offset: int) -> list[tuple[str, int, int]]:
        """(stage key, won, days from first entering it to closing) per live closed deal and stage it went
        through: the observed win rates' input, added up by SQLite. Days are counted between local dates
        (closed_on is one); utc_offset: the owner's offset from UTC in seconds."""
        return self.conn.execute(
            "SELECT h.stage, d.status = 'won', "
            "CAST(julianday(d.closed_on) - julianday(date(min(h.entered_at) + ?, 'unixepoch')) AS INTEGER) "
            "FROM deals d JOIN deal_stage_history h ON h.deal_id = d.id "
            "WHERE d.live = 1 AND d.status != 'open' AND d.closed_on IS NOT NULL GROUP BY d.id, h.stage",
            (utc_offset,),
        ).fetchall()

    def stage_history(self, deal_ids: Sequence[int] | None = None) -> dict[int, list[tuple[str, datetime]]]:
        """deal id -> [(stage key, entered)] in time order; None: of every live deal."""
        history: dict[int, list[tuple[str, datetime]]] = {}
        if deal_ids is None:
            rows: Iterable = self.conn.execute(
                "SELECT h.deal_id, h.stage, h.entered_at FROM deal_stage_history h JOIN deals d ON d.id = h.deal_id "
                "WHERE d.live = 1 ORDER BY h.deal_id, h.entered_at, h.id"
            )
        else:
            rows = []
            for chunk in _chunks(deal_ids):
                marks = ",".join("?" * len(chunk))
                rows += self.conn.execute(
                    "SELECT deal_id, stage, entered_at FROM deal_stage_history "
                    f"WHERE deal_id IN ({marks}) ORDER BY deal_id, entered_at, id",
                    chunk,
                ).fetchall()
        for deal_id, stage, entered in rows:
            history.setdefault(deal_id, []).append((stage, from_epoch(entered)))
        return history

    def stage_counts(self) -> dict[str, int]:
        """Deals (open or closed, trashed too) in each stage: a stage holding any cannot be removed."""
        return dict(self.conn.execute("SELECT stage, count(*) FROM deals GROUP BY stage").fetchall())

    def tags_in_use(self) -> list[str]:
        return [r[0] for r in self.conn.execute(
            "SELECT DISTINCT t.name FROM tags t JOIN deal_tags dt ON dt.tag_id = t.id ORDER BY t.name")]  # fmt: skip

    def deal_activity_ids(self, deal_id: int) -> list[int]:
        """The deal's activities, newest first (the deal's own timeline: tens, not millions)."""
        return [r[0] for r in self.conn.execute(
            "SELECT id FROM activities WHERE deal_id = ? AND live = 1 ORDER BY sort_at DESC, id DESC",
            (deal_id,))]  # fmt: skip

    def next_step_id(self, deal_id: int) -> int | None:
        row = self.conn.execute(
            "SELECT id FROM activities WHERE deal_id = ? AND done = 0 AND live = 1 ORDER BY sort_at, id "
            "LIMIT 1",
            (deal_id,),
        ).fetchone()
        return None if row is None else row[0]


def refresh_activity_dates(conn: sqlite3.Connection, deal_ids: Iterable[int | None]) -> None:
    """Recompute the last activity (done activity or stage change) and the next step of these deals.
    The activity repository calls this too, whenever an activity linked to a deal changes."""
    for chunk in _chunks(sorted({i for i in deal_ids if i is not None})):
        marks = ",".join("?" * len(chunk))
        conn.execute(
            f"""UPDATE deals SET
                last_activity_at = max(
                    (SELECT coalesce(max(a.sort_at), 0) FROM activities a
                     WHERE a.deal_id = deals.id AND a.done = 1 AND a.live = 1),
                    (SELECT coalesce(max(h.entered_at), 0) FROM deal_stage_history h WHERE h.deal_id = deals.id)),
                next_step_at = (SELECT min(a.sort_at) FROM activities a
                     WHERE a.deal_id = deals.id AND a.done = 0 AND a.live = 1)
                WHERE id IN ({marks})""",
            chunk,
        )


def refresh_search_text(conn: sqlite3.Connection, deal_ids: Iterable[int]) -> None:
    """The deal's own words with its contact's and company's names, folded for the board's text filter."""
    for chunk in _chunks(list(deal_ids)):
        marks = ",".join("?" * len(chunk))
        rows = conn.execute(
            "SELECT d.id, d.title, d.source, d.tags_text, d.notes, coalesce(c.display_name, ''), "
            "coalesce(c.company, ''), coalesce(co.display_name, '') FROM deals d "
            "LEFT JOIN contacts c ON c.id = d.contact_id LEFT JOIN contacts co ON co.id = d.company_id "
            f"WHERE d.id IN ({marks})",
            chunk,
        ).fetchall()
        conn.executemany(
            "UPDATE deals SET search_text = ? WHERE id = ?",
            [(" ".join(search_words(" ".join(row[1:]))), row[0]) for row in rows],
        )


def deals_touching(conn: sqlite3.Connection, contact_ids: Sequence[int]) -> list[int]:
    """Deals of these cards (as contact or company) and deals linked to their activities."""
    found: set[int] = set()
    for chunk in _chunks(list(contact_ids)):
        marks = ",".join("?" * len(chunk))
        found.update(r[0] for r in conn.execute(
            f"SELECT id FROM deals WHERE contact_id IN ({marks}) OR company_id IN ({marks}) "
            f"UNION SELECT deal_id FROM activities WHERE contact_id IN ({marks}) AND deal_id IS NOT NULL",
            (*chunk, *chunk, *chunk)))  # fmt: skip
    return sorted(found)


def after_cards_changed(conn: sqlite3.Connection, deal_ids: Sequence[int]) -> None:
    """Cards went to the Trash, came back or were purged: their deals' dates, words and visibility follow.
    A deal kept by a purge (it had a company too) belongs to that company now, and shows if it is live."""
    for chunk in _chunks(list(deal_ids)):
        marks = ",".join("?" * len(chunk))
        conn.execute(
            f"UPDATE deals SET live = coalesce((SELECT c.deleted_at IS NULL FROM contacts c "
            f"WHERE c.id = coalesce(deals.contact_id, deals.company_id)), 1) "
            f"WHERE id IN ({marks}) AND deleted_at IS NULL",
            chunk,
        )
    refresh_activity_dates(conn, deal_ids)
    refresh_search_text(conn, deal_ids)


def refresh_for_contacts(conn: sqlite3.Connection, contact_ids: Iterable[int]) -> None:
    """A card was renamed: its deals' search words follow."""
    ids: list[int] = []
    for chunk in _chunks(list(contact_ids)):
        marks = ",".join("?" * len(chunk))
        ids += [r[0] for r in conn.execute(
            f"SELECT id FROM deals WHERE contact_id IN ({marks}) OR company_id IN ({marks})", (*chunk, *chunk))]  # fmt: skip
    refresh_search_text(conn, ids)


def _values(d: Deal) -> tuple:
    return (
        d.title.strip(), d.contact_id, d.company_id, d.value.minor, d.value.currency, d.stage, d.probability,
        d.expected_close.isoformat() if d.expected_close else None, d.source.strip(), d.status.value,
        d.lost_reason.strip(), d.closed_on.isoformat() if d.closed_on else None, d.notes,
        ", ".join(dict.fromkeys(t.strip() for t in d.tags if t.strip())),
    )  # fmt: skip


def _deal(row, tags: list[str]) -> Deal:
    (id_, uuid, title, contact_id, company_id, minor, currency, stage, probability, expected, source, status,
     lost_reason, closed_on, notes, _tags_text, created_at, updated_at, deleted_at, revision) = row  # fmt: skip
    return Deal(
        title=title, value=Money(minor, currency), stage=stage, contact_id=contact_id, company_id=company_id,
        probability=probability, expected_close=date.fromisoformat(expected) if expected else None, source=source,
        status=DealStatus(status), lost_reason=lost_reason, closed_on=date.fromisoformat(closed_on) if closed_on else None,
        notes=notes, tags=tags, id=id_, uuid=uuid, created_at=from_epoch(created_at), updated_at=from_epoch(updated_at),
        deleted_at=None if deleted_at is None else from_epoch(deleted_at), revision=revision,
    )  # fmt: skip


def _tags_by_deal(conn: sqlite3.Connection, ids: list[int]) -> dict[int, list[str]]:
    marks = ",".join("?" * len(ids))
    found: dict[int, list[str]] = {}
    for deal_id, name in conn.execute(
        f"SELECT dt.deal_id, t.name FROM deal_tags dt JOIN tags t ON t.id = dt.tag_id WHERE dt.deal_id IN ({marks}) "
        "ORDER BY t.name",
        ids,
    ):
        found.setdefault(deal_id, []).append(name)
    return found


def _chunks(ids) -> list:
    ids = list(ids)
    return [ids[i : i + CHUNK] for i in range(0, len(ids), CHUNK)]
