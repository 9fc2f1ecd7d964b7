"""Sort positions: every contact's place in name order as a sparse integer, kept as the FTS5 rowid.

FTS5 returns matches in rowid order and can stop after the first page, so when the rowid follows name
order, "first screen of results" and "how many" cost the same for 30 matches as for 300,000: no sort.

A new or renamed card takes the midpoint of the gap between its neighbours in (sort_key, id) order.
When a gap is used up, the cards around it are spread evenly over a window wide enough to leave room
(amortised list labelling); their index rows move with them. Positions are unique among all cards,
trashed ones included, so a restored card goes back to its place.
"""

from __future__ import annotations

import sqlite3

STEP = 1 << 32  # spacing of freshly numbered cards: 2^31 cards fit in a signed 64-bit rowid
FTS_COLUMNS = "name, org, reach, place, tags, notes"


def allocate(conn: sqlite3.Connection, sort_key: str, contact_id: int) -> int:
    """A free position between the neighbours of (sort_key, contact_id), making room if needed.

    The card itself must not hold a position meanwhile (a new card, or one parked at -id)."""
    while True:
        before, after = _neighbours(conn, sort_key, contact_id)
        low = before if before is not None else 0
        high = after if after is not None else low + 2 * STEP
        if high - low >= 2:
            return low + min((high - low) // 2, STEP)
        _spread(conn, sort_key, contact_id)


def _neighbours(conn: sqlite3.Connection, sort_key: str, contact_id: int) -> tuple[int | None, int | None]:
    before = conn.execute(
        "SELECT sort_pos FROM contacts WHERE (sort_key, id) < (?, ?) AND id != ? "
        "ORDER BY sort_key DESC, id DESC LIMIT 1",
        (sort_key, contact_id, contact_id),
    ).fetchone()
    after = conn.execute(
        "SELECT sort_pos FROM contacts WHERE (sort_key, id) > (?, ?) AND id != ? ORDER BY sort_key, id LIMIT 1",
        (sort_key, contact_id, contact_id),
    ).fetchone()
    return (before[0] if before else None, after[0] if after else None)


def _spread(conn: sqlite3.Connection, sort_key: str, contact_id: int) -> None:
    """Renumber a window of cards around the crowded gap evenly, widening it until there is room."""
    width = 32
    while True:
        below = conn.execute(
            "SELECT id, sort_pos FROM contacts WHERE (sort_key, id) < (?, ?) AND id != ? "
            "ORDER BY sort_key DESC, id DESC LIMIT ?",
            (sort_key, contact_id, contact_id, width + 1),
        ).fetchall()
        above = conn.execute(
            "SELECT id, sort_pos FROM contacts WHERE (sort_key, id) > (?, ?) AND id != ? "
            "ORDER BY sort_key, id LIMIT ?",
            (sort_key, contact_id, contact_id, width + 1),
        ).fetchall()
        # Fixed outer bounds: the card just outside the window, or open space at either end.
        low = below[-1][1] if len(below) > width else 0
        inner_below = below[:width][::-1]
        inner_above = above[:width]
        if len(above) > width:
            high = above[-1][1]
        else:
            last = above[-1][1] if above else (inner_below[-1][1] if inner_below else low)
            high = last + (width + 2) * STEP
        # The window holds inner_below, a free slot for the newcomer, then inner_above.
        slots = len(inner_below) + 1 + len(inner_above)
        if high - low > 4 * (slots + 1) or (len(below) <= width and len(above) <= width):
            spacing = (high - low) // (slots + 1)
            targets = [low + spacing * (i + 1) for i in range(slots)]
            moves = [(cid, old, new) for (cid, old), new in zip(inner_below, targets, strict=False)]
            moves += [
                (cid, old, new)
                for (cid, old), new in zip(inner_above, targets[len(inner_below) + 1 :], strict=True)
            ]
            move(conn, [m for m in moves if m[1] != m[2]])
            return
        width *= 4


def move(conn: sqlite3.Connection, moves: list[tuple[int, int, int]]) -> None:
    """Give cards (id, old_pos, new_pos) their new positions, taking their index rows along."""
    if not moves:
        return
    docs = {}
    for _, old, _ in moves:
        row = conn.execute(f"SELECT {FTS_COLUMNS} FROM contacts_fts WHERE rowid = ?", (old,)).fetchone()
        if row is not None:
            docs[old] = row
    conn.executemany("DELETE FROM contacts_fts WHERE rowid = ?", [(old,) for old in docs])
    # Through negative numbers, so no two cards hold one position in between (a UNIQUE index).
    conn.executemany("UPDATE contacts SET sort_pos = ? WHERE id = ?", [(-new, cid) for cid, _, new in moves])
    conn.executemany("UPDATE contacts SET sort_pos = ? WHERE id = ?", [(new, cid) for cid, _, new in moves])
    conn.executemany(
        f"INSERT INTO contacts_fts (rowid, {FTS_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?)",
        [(new, *docs[old]) for _, old, new in moves if old in docs],
    )
