"""The contact list's lazy model: it holds only the ids of one SQL query and loads rows a page at a time.

At 1,000,000 contacts that is 8 MB of ids; the summaries of the rows on screen are fetched in pages
and a bounded number of pages is cached (least recently used), so memory stays flat however far the
user scrolls. Rows made for one keystroke are kept by contact id for the next (see _made_rows). The
list's painter asks cell() once per painted cell; data() answers tooltips and anyone else.
"""

from __future__ import annotations

import time
from collections import OrderedDict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace
from typing import NamedTuple

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QFont

from crm_desktop.domain.contact_query import ContactQuery, ContactSummary, SortColumn
from crm_desktop.services.changes import Change
from crm_desktop.services.contacts import ContactService
from crm_desktop.ui.contacts.background_search import BackgroundSearch
from crm_desktop.ui.contacts.bidi import LEFT, RTL_ROLE, SCRIPT_ROLE, ScriptFonts, cell
from crm_desktop.ui.contacts.card_logic import local_time
from crm_desktop.ui.contacts.length_counter import LengthCounter

ID_ROLE = Qt.ItemDataRole.UserRole  # the contact id of a row
# A file this big answers a whole-list sort (a search with a filter or another sort, a tag) slower than a
# keystroke may wait: such queries run on a worker and the list shows the previous answer meanwhile.
# Smaller files answer within a frame, on the keystroke itself.
BACKGROUND_FROM = 50_000
PAGE_SIZE = 64  # about two screens: the first screen of a search reads no more than it shows
MAX_PAGES = 80  # about 5,000 cached rows: several screens either way, a few MB at most
KEPT_ROWS = 2_000  # rows kept by contact id across queries (see _made_rows)
KEEP_ROWS_S = 60.0


class Column(NamedTuple):
    title: str
    sort: SortColumn  # every column sorts in SQL, each through its own index


COLUMNS: tuple[Column, ...] = (
    Column("Name", SortColumn.NAME),
    Column("Company", SortColumn.COMPANY),
    Column("Phone", SortColumn.PHONE),
    Column("Email", SortColumn.EMAIL),
    Column("City", SortColumn.CITY),
    Column("Relationship", SortColumn.RELATIONSHIP),
    Column("Stage", SortColumn.STAGE),
    Column("Tags", SortColumn.TAGS),
    Column("Last contacted", SortColumn.LAST_CONTACTED),
    Column("Last attempt", SortColumn.LAST_ATTEMPT),
    Column("Updated", SortColumn.UPDATED),
)
NAME_COLUMN = 0
TIME_COLUMN = len(COLUMNS) - 1
CONTACTED_COLUMN = TIME_COLUMN - 2
ATTEMPT_COLUMN = TIME_COLUMN - 1
# How long since a contact was last reached, against their care rule (domain.care.Warmth): 1 amber, 2 red.
WARMTH_COLOURS = {1: QBrush(QColor("#b26a00")), 2: QBrush(QColor("#c62828"))}
Warmth = Callable[[ContactSummary], int]  # 0 fine, 1 cooling, 2 cold
WarmthJudge = Callable[[], Warmth]  # asked once per page: the rules and "now" of that moment

def local_time_text(utc_iso: str | None) -> str:
    """A stored UTC instant as the user's local date and time (an unreadable one as it is stored)."""
    moment = local_time(utc_iso)
    return moment.strftime("%Y-%m-%d %H:%M") if moment else (utc_iso or "")


# The roles a cell answers, each by its slot in a _Row: data() is then one dict lookup and two indexes;
# the rest (decoration, background, check state) return None at once.
_DISPLAY, _TIP, _ALIGN, _FONT, _RTL, _SCRIPT = range(6)
_COLOUR = 8
_ROLE_SLOTS = {
    int(Qt.ItemDataRole.ForegroundRole): _COLOUR,
    int(Qt.ItemDataRole.DisplayRole): _DISPLAY,
    int(Qt.ItemDataRole.ToolTipRole): _TIP,
    int(Qt.ItemDataRole.TextAlignmentRole): _ALIGN,
    int(Qt.ItemDataRole.FontRole): _FONT,
    int(RTL_ROLE): _RTL,
    int(SCRIPT_ROLE): _SCRIPT,
}
_ID_ROLE = int(ID_ROLE)
PaintedCell = tuple[str, int, "QFont | None", "QBrush | None"]  # text, alignment, font, colour: see cell()


class _Row(tuple):
    """(displays, tooltips, alignments, fonts, rtl flags, scripts, id, time stored, text colours): one value
    per column in each (but id and time).

    The time column's text waits for the first look (a local-time conversion per row is not free, and
    the column is usually hidden): displays and tooltips hold None for it until then.
    """

    __slots__ = ()

    @property
    def id(self) -> int:
        return self[6]


def _row(summary: ContactSummary, trashed: bool, fonts: dict[str, QFont], warmth: Warmth | None) -> _Row:
    texts = (
        summary.file_as or summary.display_name,
        summary.company,
        summary.phone,
        summary.email,
        summary.city,
        summary.relationship.capitalize(),
        summary.stage.capitalize(),
        summary.tags,
    )
    cells = [cell(t) for t in texts]
    stamp = summary.deleted_at if trashed else summary.updated_at
    contacted = local_day_text(summary.last_contacted_at)
    level = warmth(summary) if warmth is not None and not trashed else 0
    colours = [None] * len(COLUMNS)
    colours[CONTACTED_COLUMN] = WARMTH_COLOURS.get(level)
    tip = contacted or QCoreApplication.translate("ContactTableModel", "Never")
    if level:
        tip += " — " + QCoreApplication.translate(
            "ContactTableModel", "past the maximum interval" if level == 2 else "past the ideal interval")
    attempted = local_day_text(summary.last_attempt_at)
    return _Row((
        [*(c.display for c in cells), contacted, attempted, None],
        [*texts, tip, attempted or QCoreApplication.translate("ContactTableModel", "Never"), None],
        (*(c.alignment for c in cells), LEFT, LEFT, LEFT),
        (*(fonts.get(c.script) if c.script else None for c in cells), None, None, None),
        (*(c.rtl for c in cells), False, False, False),
        (*(c.script for c in cells), None, None, None),
        summary.id,
        stamp,
        colours,
    ))


def local_day_text(seconds: int) -> str:
    """A stored instant (seconds since 1970, 0 for never) as the user's local date."""
    if not seconds:
        return ""
    # time.localtime rather than datetime.strftime: strftime imports a module on every call, which
    # PySide's import hook makes the dearest part of a row.
    day = time.localtime(seconds)
    return f"{day.tm_year:04d}-{day.tm_mon:02d}-{day.tm_mday:02d}"


class _Page:
    """One page of the list: its summaries, read in one query, and the rows made from them as they are
    first looked at (a keystroke's first screen makes the rows it shows, not the whole page). Rows made
    for an earlier query come with the page, already made."""

    __slots__ = ("summaries", "rows", "_trashed", "_fonts", "_warmth")

    def __init__(self, summaries: list[ContactSummary | None], rows: list[_Row | None], trashed: bool,
                 fonts: dict[str, QFont], warmth: Warmth | None):  # fmt: skip
        self.summaries = summaries
        self.rows = rows
        self._trashed, self._fonts, self._warmth = trashed, fonts, warmth

    def build(self, summary: ContactSummary) -> _Row:
        return _row(summary, self._trashed, self._fonts, self._warmth)


class ContactTableModel(QAbstractTableModel):
    """Rows are the ids of `query`, in SQL order; set_query() and sort() re-run the query."""

    query_changed = Signal(object)  # the new ContactQuery
    length_settled = Signal()  # a provisional length became exact (rows were added or removed at the end)
    searching_changed = Signal(bool)  # True: the query runs on a worker, the rows still answer an older one
    _length_known = Signal(object, int)  # (the id list it belongs to, its real length), from a worker
    _ids_found = Signal(object, object)  # (the query, its ids), from the search worker
    _search_failed = Signal(object)  # the query, from the search worker

    def __init__(self, contacts: ContactService, query: ContactQuery = ContactQuery(),
                 parent: QObject | None = None, page_size: int = PAGE_SIZE, max_pages: int = MAX_PAGES,
                 warmth: WarmthJudge | None = None):  # fmt: skip
        super().__init__(parent)
        self._warmth = warmth
        self._contacts = contacts
        self._query = query
        self._page_size = page_size
        self._max_pages = max_pages
        self._pages: OrderedDict[int, _Page] = OrderedDict()
        self._last_page = -1  # the page the last lookup used: its LRU place is already right
        # The row asked about last: a row's cells are painted one after another.
        self._hot_number, self._hot_row = -1, None
        self._made: OrderedDict[int, _Row] = OrderedDict()  # see _made_rows()
        self._made_since = time.monotonic()
        self._fonts = ScriptFonts()
        self.pages_fetched = 0  # for tests and benchmarks: how many page queries ran
        self._length_known.connect(self._grow_to)
        self._counter = counter = LengthCounter(contacts.full_length, self._length_known.emit)
        self.destroyed.connect(lambda *_: counter.stop())  # a count in flight must not outlive the model
        self._ids_found.connect(self._take_ids)
        self._search_failed.connect(self._give_up_search)
        self._background = background = BackgroundSearch(
            lambda query, cancelled: contacts.search_ids_apart(query, cancelled),
            self._ids_found.emit, self._search_failed.emit)
        self.destroyed.connect(lambda *_: background.stop())
        self.background_from = BACKGROUND_FROM  # cards; tests lower it
        self._card_count: int | None = None  # read once, when a slow query first needs it
        self._ids: Sequence[int] = self._search(None)
        self._ids_query = query  # the query self._ids answers

    # ---- the query ------------------------------------------------------------------------------

    @property
    def query(self) -> ContactQuery:
        return self._query

    def set_query(self, query: ContactQuery) -> None:
        if query == self._query:
            return
        self._query = query
        self._run()
        self.query_changed.emit(query)

    def refresh(self) -> None:
        """Re-run the query after a change, every row read anew; views keep their selection by id across
        the reset."""
        self.forget_made_rows()
        self._run()

    def _run(self) -> None:
        """A query that sorts every match of a big file goes to the worker: the rows keep answering the
        previous query until its ids arrive (searching() is True meanwhile)."""
        if self._runs_apart(self._query):
            self._background.request(self._query)
            self.searching_changed.emit(True)
            return
        if self._background.busy():
            self._background.cancel()
        self._reset_to(self._query)
        self.searching_changed.emit(False)

    def searching(self) -> bool:
        """True while the rows answer an older query than `query` (its ids are on their way)."""
        return self._ids_query != self._query

    def wait_for_search(self, timeout: float = 10.0) -> bool:
        """Until the worker has answered (tests and benchmarks); the answer arrives as a queued signal."""
        return self._background.wait(timeout)

    def _runs_apart(self, query: ContactQuery) -> bool:
        if not self._contacts.sorts_all(query):
            return False
        if self._card_count is None:
            self._card_count = self._contacts.count()
        return self._card_count >= self.background_from

    def _take_ids(self, query: ContactQuery, ids: Sequence[int]) -> None:
        if query != self._query:
            return  # a newer query was asked for meanwhile
        self.beginResetModel()
        self._ids = ids
        self._ids_query = query
        self._forget_pages()
        self.endResetModel()
        self.searching_changed.emit(False)

    def _give_up_search(self, query: ContactQuery) -> None:
        if query == self._query:
            self._reset_to(query)  # once more on this thread: it shows the real error, or the rows
            self.searching_changed.emit(False)

    def _reset_to(self, query: ContactQuery) -> None:
        # The same query after an edit is about as long as before: start there, not at the first rows,
        # so a selection or scroll position far down the list survives the reset.
        hint = len(self._ids) if self._ids_query == query else None
        self.beginResetModel()
        self._ids = self._search(hint)
        self._ids_query = query
        self._forget_pages()
        self.endResetModel()

    def _search(self, hint: int | None) -> Sequence[int]:
        """The ids of the query. A huge list comes with a provisional length (its first rows, or the
        hint), so the first screen shows at once; its real length is counted on a worker, and the rows
        grow or shrink at the end then."""
        ids = self._contacts.search_ids(self._query)
        if not getattr(ids, "exact", True):
            if hint is not None and hint > len(ids):
                ids.expect(hint)  # type: ignore[attr-defined]
            self._counter.request(ids)
        return ids

    def length_is_provisional(self) -> bool:
        return not getattr(self._ids, "exact", True)

    def count_now(self) -> None:
        """Learn the real length on this thread (slower than a keystroke at a million cards)."""
        if self.length_is_provisional():
            self._grow_to(self._ids, self._contacts.full_length(self._ids))

    def _grow_to(self, ids, length: int) -> None:
        if ids is not self._ids or ids.exact:
            return  # a newer query replaced that list meanwhile, or it was counted already
        old = len(ids)
        if length > old:
            self.beginInsertRows(QModelIndex(), old, length - 1)
            self._settle(ids, length, old)
            self.endInsertRows()
        elif length < old:
            self.beginRemoveRows(QModelIndex(), length, old - 1)
            self._settle(ids, length, length)
            self.endRemoveRows()
        else:
            ids.settle(length)
        self.length_settled.emit()

    def _settle(self, ids, length: int, first_changed: int) -> None:
        ids.settle(length)
        last_page = max(0, first_changed - 1) // self._page_size  # it was cut short at the old end
        for page_no in [p for p in self._pages if p >= last_page]:
            del self._pages[page_no]
        self._hot_number = -1

    def wait_for_length(self, timeout: float = 10.0) -> bool:
        """Until the background count (if any) has finished (tests and benchmarks); False on timeout."""
        return self._counter.wait(timeout)

    def stop(self) -> None:
        """No more background counts or searches; waits for those in flight (before the database closes)."""
        self._counter.stop()
        self._background.stop()

    def on_change(self, change: Change) -> None:
        self.forget_made_rows()  # its activities may have changed its row
        if change.entity == "contact":
            self._card_count = None
            self.refresh()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(COLUMNS):
            return
        descending = order == Qt.SortOrder.DescendingOrder
        query = self._query
        if (query.sort, query.descending) != (COLUMNS[column].sort, descending):
            self.set_query(replace(query, sort=COLUMNS[column].sort, descending=descending))

    # ---- ids ------------------------------------------------------------------------------------

    def id_at(self, row: int) -> int | None:
        if not 0 <= row < len(self._ids):
            return None
        try:
            return self._ids[row]
        except IndexError:  # past the real end of a provisional length: the count will remove the row
            return None

    def ids_at(self, rows: Iterable[int]) -> list[int]:
        return [i for i in map(self.id_at, rows) if i is not None]

    def _ids_between(self, start: int, stop: int) -> list[int]:
        try:
            return list(self._ids[start:stop])
        except IndexError:  # the real end comes before a provisional length
            return [i for i in map(self.id_at, range(start, min(stop, len(self._ids)))) if i is not None]

    def rows_of(self, ids: Sequence[int]) -> dict[int, int]:
        """Rows of the given ids that are in the list as far as it is known (a provisional length may not
        reach them yet); one C-level search each for a few ids."""
        wanted = set(ids)
        length = len(self._ids)
        # A lazy list finds an id with one indexed query; reading all of it to find a few would take minutes.
        if len(wanted) <= 16 or hasattr(self._ids, "exact"):
            found = {}
            for contact_id in wanted:
                try:
                    row = self._ids.index(contact_id)
                except ValueError:
                    continue
                if row < length:
                    found[contact_id] = row
            return found
        return {cid: row for row, cid in enumerate(self._ids) if cid in wanted and row < length}

    def row_of(self, contact_id: int) -> int | None:
        return self.rows_of([contact_id]).get(contact_id)

    # ---- Qt model API -----------------------------------------------------------------------------

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(COLUMNS):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            if section == TIME_COLUMN and self._query.trashed:
                return self.tr("Deleted")
            return self.tr(COLUMNS[section].title)
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        # Asked by tooltips, tests and Qt's size hints; painting asks cell() (see cell_painter.py).
        slot = _ROLE_SLOTS.get(role)
        if slot is None:
            if role != _ID_ROLE:
                return None
            row = self._row(index.row())
            return None if row is None else row[6]
        row = self._hot(index.row())
        column = index.column()
        if row is None or not 0 <= column < len(COLUMNS):
            return None
        if slot <= _TIP and column == TIME_COLUMN:
            self._time_text(row)
        return row[slot][column]

    def cell(self, number: int, column: int) -> PaintedCell | None:
        """What painting a cell takes, in one call: text, alignment, font (None: the view's) and colour
        (None: the palette's)."""
        row = self._hot(number)
        if row is None or not 0 <= column < len(COLUMNS):
            return None
        if column == TIME_COLUMN:
            self._time_text(row)
        return row[_DISPLAY][column], row[_ALIGN][column], row[_FONT][column], row[_COLOUR][column]

    def _hot(self, number: int) -> _Row | None:
        # A row's cells are painted one after another: the row found last is usually the one asked for.
        if number != self._hot_number:
            self._hot_row, self._hot_number = self._row(number), number
        return self._hot_row

    @staticmethod
    def _time_text(row: _Row) -> None:
        if row[_DISPLAY][TIME_COLUMN] is None:  # made on first look: a local-time conversion per row
            row[_DISPLAY][TIME_COLUMN] = row[_TIP][TIME_COLUMN] = local_time_text(row[7])

    # ---- paging ---------------------------------------------------------------------------------

    def _row(self, row: int) -> _Row | None:
        if not 0 <= row < len(self._ids):
            return None
        page_no, offset = divmod(row, self._page_size)
        page = self._pages.get(page_no)
        if page is None:
            page = self._fetch(page_no)
        elif page_no != self._last_page:
            self._pages.move_to_end(page_no)
        self._last_page = page_no
        if offset >= len(page.rows):
            return None
        built = page.rows[offset]
        if built is None and page.summaries[offset] is not None:
            built = page.rows[offset] = page.build(page.summaries[offset])
            self._made[built.id] = built
            if len(self._made) > KEPT_ROWS:
                self._made.popitem(last=False)
        return built

    def _made_rows(self) -> OrderedDict[int, _Row]:
        """Rows made lately, by contact id: the next keystroke's first screen is mostly the same cards.
        Kept for a minute at most (a row's care colour depends on the time it was judged)."""
        now = time.monotonic()
        if now - self._made_since > KEEP_ROWS_S:
            self.forget_made_rows()
            self._made_since = now
        return self._made

    def forget_made_rows(self) -> None:
        """Something changed (a card, an activity, the care rules): rows are made anew from the database."""
        self._made.clear()

    def _fetch(self, page_no: int) -> _Page:
        start = page_no * self._page_size
        ids = self._ids_between(start, start + self._page_size)
        made = self._made_rows()
        rows = [made.get(i) for i in ids]
        found = self._contacts.summaries([i for i, row in zip(ids, rows) if row is None])
        # A card purged since the query ran has no summary: its row stays blank until the next refresh.
        page = _Page([found.get(i) for i in ids], rows, self._query.trashed, self._fonts.current(),
                     self._warmth() if self._warmth is not None else None)  # fmt: skip
        self.pages_fetched += 1
        self._pages[page_no] = page
        while len(self._pages) > self._max_pages:
            self._pages.popitem(last=False)
        return page

    def _forget_pages(self) -> None:
        self._pages.clear()
        self._hot_number = -1

    def cached_pages(self) -> int:
        return len(self._pages)
