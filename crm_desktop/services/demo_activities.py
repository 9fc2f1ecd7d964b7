"""Demo history: years of calls, meetings, emails, letters and notes per contact, plus open follow-ups.

Deterministic for a seed and an anchor day (history runs back from the day before it, follow-ups from
two weeks before it to two months after). Subjects are written in the contact's own script. About five activities per contact: a million
contacts get about five million. Past-due follow-ups carry no pending alarm (as if dismissed), so a
fresh demo does not open with thousands of missed reminders.
"""

from __future__ import annotations

import gc
import multiprocessing
import random
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, tzinfo
from pathlib import Path

from crm_desktop.db.activities_history_bulk import (
    Chunk,
    ChunkFile,
    ContactReader,
    HistoryLoader,
    HistoryRows,
    max_contact_id,
    remove_file,
)
from crm_desktop.db.connection import Database
from crm_desktop.domain.activity import UNREACHED_OUTCOMES
from crm_desktop.domain.clock import at_local, epoch
from crm_desktop.domain.recurrence import Frequency, Recurrence
from crm_desktop.domain.text import normalize
from crm_desktop.services.clock import zone_name

CHUNK = 20_000  # contacts per random stream: part of the data's definition
_UUID_EPOCH_MS = 1_700_000_000_000  # the time part of the demo uuids starts here and counts activity ids
HISTORY_DAYS = 3 * 365
FOLLOW_UP_SHARE = 0.25

KINDS = ("call",) * 40 + ("email",) * 20 + ("meeting",) * 14 + ("note",) * 12 + ("letter",) * 5 + ("task",) * 9
OUTCOMES = ("reached",) * 45 + ("left message",) * 15 + ("no answer",) * 15 + ("interested",) * 12 + (
    "not interested",) * 8 + ("complaint",) * 5  # fmt: skip
SUBJECTS = {
    "latin": ("Call about the order", "Price enquiry", "Follow-up on the quotation", "Delivery date",
              "Payment reminder", "Meeting at the shop", "Sent the catalogue", "Contract renewal",
              "Complaint about late delivery", "Thank-you letter", "New stock arrived", "Invoice query"),
    "urdu": ("آرڈر کے بارے میں کال", "قیمت کی معلومات", "کوٹیشن پر پیروی", "ترسیل کی تاریخ", "ادائیگی کی یاد دہانی",
             "دکان پر ملاقات", "کیٹلاگ بھیجا", "معاہدے کی تجدید", "دیر سے ترسیل کی شکایت", "شکریہ کا خط"),
    "hindi": ("ऑर्डर के बारे में कॉल", "कीमत की जानकारी", "कोटेशन पर फॉलो-अप", "डिलीवरी की तारीख",
              "भुगतान का स्मरण", "दुकान पर मुलाक़ात", "कैटलॉग भेजा", "अनुबंध का नवीनीकरण", "देर से डिलीवरी की शिकायत"),
    "tamil": ("ஆர்டர் பற்றி அழைப்பு", "விலை விசாரணை", "மேற்கோள் பின்தொடர்வு", "டெலிவரி தேதி",
              "பணம் செலுத்த நினைவூட்டல்", "கடையில் சந்திப்பு", "பட்டியல் அனுப்பப்பட்டது", "ஒப்பந்தப் புதுப்பிப்பு"),
}  # fmt: skip
DETAILS = {
    "latin": ("Wants 20 boxes before Eid.", "Asked for a better price on bulk orders.",
              "Will confirm after speaking to his partner.", "Prefers WhatsApp in the evening."),
    "urdu": ("عید سے پہلے بیس ڈبے چاہئیں۔", "زیادہ مال پر بہتر قیمت مانگی۔", "شام کو واٹس ایپ پر بات کریں۔"),
    "hindi": ("दिवाली से पहले बीस डिब्बे चाहिए।", "थोक ऑर्डर पर बेहतर कीमत माँगी।", "शाम को व्हाट्सऐप पर बात करें।"),
    "tamil": ("பொங்கலுக்கு முன் இருபது பெட்டிகள் வேண்டும்.", "மொத்த ஆர்டருக்கு நல்ல விலை கேட்டார்."),
}  # fmt: skip
LEADS = (900, 900, 3600, 86400)  # seconds: 15 minutes, 1 hour, 1 day
_CONTACT_KINDS = frozenset({"call", "meeting", "email", "letter"})
_DIRECTED = frozenset({"call", "email", "letter"})


def script_of_name(name: str) -> str:
    for ch in name:
        code = ord(ch)
        if 0x0600 <= code <= 0x06FF:
            return "urdu"
        if 0x0900 <= code <= 0x097F:
            return "hindi"
        if 0x0B80 <= code <= 0x0BFF:
            return "tamil"
    return "latin"


class _Calendar:
    """Local midnights of every day around the anchor, as epoch seconds (one at_local per day)."""

    def __init__(self, anchor: date, zone: tzinfo):
        self.first = anchor - timedelta(days=HISTORY_DAYS)
        self.starts = [epoch(at_local(self.first + timedelta(days=d), time(), zone)) for d in range(HISTORY_DAYS + 90)]
        self.anchor_index = HISTORY_DAYS

    def day(self, index: int) -> date:
        return self.first + timedelta(days=index)


def write_demo_activities(database: Database, seed: int, now: datetime, zone: tzinfo,
                          progress: Callable[[int, int], None] | None = None, *, chunk: int = CHUNK,
                          worker: bool | None = None) -> int:  # fmt: skip
    """Write the demo history for every contact in the (new, private) database; returns the count.

    Two cores: this process and, when there is more than one chunk, a worker process build alternate
    chunks, each into its own side file; the loader then merges them in order. chunk is part of the
    data's definition (tests pass small ones to have several); worker=None: a worker if it has work."""
    last_id = max_contact_id(database)
    chunks = -(-last_id // chunk)
    use_worker = chunks > 1 if worker is None else worker
    sides = [database.path.with_name(f"{database.path.name}.history{n}") for n in range(1 + use_worker)]
    job = _Job(database.path, seed, now.astimezone(zone).date(), zone, chunk, last_id)
    report = (lambda done: None) if progress is None else (lambda done: progress(min(last_id, done * chunk), last_id))
    helper = _Helper(job, sides[1], 1, 2) if use_worker else None
    try:
        for done in _build_share(job, sides[0], 0, len(sides)):
            report(done + (helper.done() if helper else 0))
        if helper is not None:
            helper.wait(lambda done: report(-(-chunks // 2) + done))
        order = [Chunk(sides[index % len(sides)], index) for index in range(chunks)]
        pools = {text for pool in (*SUBJECTS.values(), *DETAILS.values()) for text in pool}
        folds = {text: normalize(text) for text in pools if normalize(text) != text}
        return HistoryLoader(database, zone_name(zone), _UUID_EPOCH_MS, folds).load(order)
    finally:
        if helper is not None:
            helper.stop()
        for side in sides:
            remove_file(side)


@dataclass(frozen=True, slots=True)
class _Job:
    database: Path
    seed: int
    anchor: date
    zone: tzinfo
    chunk: int
    last_id: int


def _build_share(job: _Job, side: Path, first: int, step: int) -> Iterator[int]:
    """Build chunks first, first + step, ... into a side file; yields how many are done after each."""
    calendar = _Calendar(job.anchor, job.zone)
    zone = zone_name(job.zone)
    with ContactReader(job.database) as contacts, ChunkFile(side) as out, _no_cycle_collection():
        for done, index in enumerate(range(first, -(-job.last_id // job.chunk), step), start=1):
            rows = contacts.live_between(index * job.chunk + 1, (index + 1) * job.chunk)
            out.write(index, build_activity_chunk(job.seed, index, rows, zone, calendar))
            yield done


@contextmanager
def _no_cycle_collection() -> Iterator[None]:
    """Rows are tuples without cycles, freed when written; tracing them all again and again as they
    pile up costs a fifth of the building time (more in the GUI process, which has more objects)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


class _Helper:
    """The worker process that builds the other half of the chunks."""

    def __init__(self, job: _Job, side: Path, first: int, step: int):
        # spawn, not fork: the GUI process has threads (Qt) that a fork would copy in a broken state.
        context = multiprocessing.get_context("spawn")
        self._done = context.Value("i", 0)
        self._process = context.Process(target=_run_share, args=(job, side, first, step, self._done),
                                        name="demo-history", daemon=True)  # fmt: skip
        self._process.start()

    def done(self) -> int:
        return self._done.value

    def wait(self, report: Callable[[int], None]) -> None:
        while self._process.exitcode is None:
            self._process.join(0.25)
            report(self.done())
        if self._process.exitcode != 0:
            raise RuntimeError(f"The demo history worker stopped (exit code {self._process.exitcode}).")

    def stop(self) -> None:
        if self._process.is_alive():
            self._process.terminate()
        self._process.join()


def _run_share(job: _Job, side: Path, first: int, step: int, done) -> None:
    for count in _build_share(job, side, first, step):
        done.value = count


def build_activity_chunk(seed: int, index: int, contacts, zone: str, calendar: _Calendar) -> HistoryRows:
    """One chunk's activities (ids are places in the chunk: the loader numbers them)."""
    rng = random.Random(f"demo {seed} activities {index}")
    rnd, bits = rng.random, rng.getrandbits
    rows = HistoryRows()
    add, add_dates = rows.activities.append, rows.contact_dates.append
    today_s = calendar.starts[calendar.anchor_index]  # everything hangs on the anchor day, not the second
    starts = calendar.starts
    anchor = calendar.anchor_index
    kinds, outcomes = KINDS, OUTCOMES
    for contact_id, name, relationship in contacts:
        script = script_of_name(name)
        subjects, details_pool = SUBJECTS[script], DETAILS[script]
        count = int(rnd() * rnd() * 16) + (2 if relationship == "customer" else 0)
        reached = attempted = None
        for _ in range(count):
            day = anchor - 1 - int(rnd() * (HISTORY_DAYS - 1))
            at = starts[day] + 9 * 3600 + int(rnd() * 9 * 3600)
            kind = kinds[int(rnd() * len(kinds))]
            outcome = outcomes[int(rnd() * len(outcomes))] if kind in _CONTACT_KINDS else ""
            direction = ("in" if rnd() < 0.35 else "out") if kind in _DIRECTED else ""
            duration = int(2 + rnd() * 28) if kind == "call" else (int(30 + rnd() * 90) if kind == "meeting" else 0)
            subject = subjects[int(rnd() * len(subjects))]
            details = details_pool[int(rnd() * len(details_pool))] if rnd() < 0.3 else ""
            add((contact_id, kind, subject, details, at, duration, direction, outcome, _uuid_tail(bits(74))))
            if kind in _CONTACT_KINDS:
                attempted = at if attempted is None or at > attempted else attempted
                if outcome not in UNREACHED_OUTCOMES and (reached is None or at > reached):
                    reached = at
        if attempted is not None:
            add_dates((contact_id, reached, attempted))
        if rnd() < FOLLOW_UP_SHARE:
            _follow_up(rng, rows, contact_id, subjects, calendar, today_s)
    return rows


def _follow_up(rng, rows: HistoryRows, contact_id: int, subjects, calendar: _Calendar, today_s: int) -> None:
    rnd = rng.random
    offset = int(rnd() * 74) - 14  # two weeks overdue to two months ahead
    day_index = calendar.anchor_index + offset
    kind = "call" if rnd() < 0.6 else ("meeting" if rnd() < 0.5 else "task")
    subject = subjects[int(rnd() * len(subjects))]
    priority = 2 if rnd() < 0.15 else 1
    recurrence = ""
    if rnd() < 0.05:
        recurrence = Recurrence(Frequency.WEEKLY if rnd() < 0.5 else Frequency.MONTHLY).text()
    if rnd() < 0.3:  # all-day
        day, at, sort_at = calendar.day(day_index).isoformat(), None, calendar.starts[day_index]
        due = sort_at + 9 * 3600
    else:
        at = calendar.starts[day_index] + 9 * 3600 + int(rnd() * 8) * 3600 + (1800 if rnd() < 0.5 else 0)
        day, sort_at, due = None, at, at
    lead = LEADS[int(rnd() * len(LEADS))] if rnd() < 0.7 else None
    alarm_at = due - lead if lead is not None and offset > 1 else None  # alarms only from the day after next
    series_start = None
    if recurrence:
        series_start = calendar.day(day_index).isoformat() + ("T00:00:00" if at is None else "T09:00:00")
    created = today_s - int(rnd() * 30 * 86400)
    rows.activities.append((contact_id, kind, subject, "", sort_at, 0, "", "", _uuid_tail(rng.getrandbits(74))))
    rows.follow_ups.append((len(rows.activities), at, day, priority, lead, alarm_at, recurrence, series_start, created))


def _uuid_tail(random_bits: int) -> str:
    """A UUIDv7-shaped id after its time part, which the loader writes: _UUID_EPOCH_MS + the activity id,
    so the UNIQUE index on uuid is appended to, not written at random (three times faster at millions of
    rows), and ids stay unique. random_bits: 74 of them, as hex digits 13-31 with version and variant."""
    h = f"{random_bits:019x}"
    return f"-7{h[:3]}-{'89ab'[int(h[3], 16) & 3]}{h[4:7]}-{h[7:]}"
