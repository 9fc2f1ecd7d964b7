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

STEP = 1 << 32  # spacing of cards added at either end, and of a freshly numbered file
LIMIT = 1 << 60  # positions live in (-LIMIT, LIMIT): room for 2^28 cards added at each end
_TEMPORARY = 1 << 61  # move() passes cards through new + _TEMPORARY: above every real position
_PARKED = 1 << 62  # a card being renamed waits at _PARKED + id: above every temporary one
FTS_COLUMNS = "name, org, reach, place, tags, notes"  # the columns of contacts_fts (schema v1), in order


def park(conn: sqlite3.Connection, contact_id: int) -> None:
    """Take a card out of the order (before it is renamed) without freeing a position anyone could take."""
    conn.execute("UPDATE contacts SET sort_pos = ? WHERE id = ?", (_PARKED + contact_id, contact_id))


def allocate(conn: sqlite3.Connection, sort_key: str, contact_id: int) -> int:
    """A free position between the neighbours of (sort_key, contact_id), making room if needed.

    The card itself must not hold a position meanwhile (a new card, or a parked one)."""
    while True:
        before, after = _neighbours(conn, sort_key, contact_id)
        if before is None and after is None:
            return 0
        # At either end a card steps a full STEP outwards, so adding in name order (or reverse) never crowds.
        if before is None and after - STEP > -LIMIT:
            return after - STEP
        if after is None and before + STEP < LIMIT:
            return before + STEP
        low = -LIMIT if before is None else before
        high = LIMIT if after is None else after
        if high - low >= 2:
            return (low + high) // 2
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
        inner_below = below[:width][::-1]
        inner_above = above[:width]
        window = [pos for _, pos in inner_below + inner_above]
        if len(below) > width:
            low = below[-1][1]
        else:
            low = max(-LIMIT, min(window) - (width + 2) * STEP)
        if len(above) > width:
            high = above[-1][1]
        else:
            high = min(LIMIT, max(window) + (width + 2) * STEP)
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
    # Through a range no real position uses, so no two cards hold one position in between (UNIQUE index).
    conn.executemany(
        "UPDATE contacts SET sort_pos = ? WHERE id = ?", [(new + _TEMPORARY, cid) for cid, _, new in moves]
    )
    conn.executemany("UPDATE contacts SET sort_pos = ? WHERE id = ?", [(new, cid) for cid, _, new in moves])
    conn.executemany(
        f"INSERT INTO contacts_fts (rowid, {FTS_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?)",
        [(new, *docs[old]) for _, old, new in moves if old in docs],
    )
