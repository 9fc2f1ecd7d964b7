"""Demo history: years of calls, meetings, emails, letters and notes per contact, plus open follow-ups.

Deterministic for a seed and an anchor day (history runs back from the day before it, follow-ups from
two weeks before it to two months after). Subjects are written in the contact's own script. About five activities per contact: a million
contacts get about five million. Past-due follow-ups carry no pending alarm (as if dismissed), so a
fresh demo does not open with thousands of missed reminders.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import date, datetime, time, timedelta, tzinfo

from crm_desktop.db.activities_bulk import ActivityBulkLoader, ActivityRows
from crm_desktop.db.activity_listing import search_key
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
                          progress: Callable[[int, int], None] | None = None) -> int:  # fmt: skip
    """Write the demo history for every contact in the (new, private) database; returns the count."""
    calendar = _Calendar(now.astimezone(zone).date(), zone)
    texts: dict[str, str] = {}
    conn = database.conn
    last_id = conn.execute("SELECT coalesce(max(id), 0) FROM contacts").fetchone()[0]
    loader = ActivityBulkLoader(database)
    loader.begin()
    written = 0
    try:
        next_id = 1
        for index in range(-(-last_id // CHUNK)):
            low, high = index * CHUNK + 1, (index + 1) * CHUNK
            contacts = conn.execute(
                "SELECT id, display_name, relationship, created_at FROM contacts WHERE id BETWEEN ? AND ? "
                "AND deleted_at IS NULL ORDER BY id",
                (low, high),
            ).fetchall()
            rows = build_activity_chunk(seed, index, contacts, next_id, zone_name(zone), calendar, texts)
            loader.write(rows)
            next_id += len(rows.activities)
            written += len(rows.activities)
            if progress is not None:
                progress(min(high, last_id), last_id)
        loader.finish()
    except BaseException:
        loader.abort()
        raise
    return written


def build_activity_chunk(seed: int, index: int, contacts, first_id: int, zone: str,
                         calendar: _Calendar, texts: dict[str, str]) -> ActivityRows:  # fmt: skip
    rng = random.Random(f"demo {seed} activities {index}")
    rnd = rng.random
    rows = ActivityRows()
    add, add_fts, add_dates = rows.activities.append, rows.fts.append, rows.contact_dates.append
    today_s = calendar.starts[calendar.anchor_index]  # everything hangs on the anchor day, not the second
    starts = calendar.starts
    anchor = calendar.anchor_index
    next_id = first_id

    def text(value: str) -> str:
        folded = texts.get(value)
        if folded is None:
            folded = texts[value] = normalize(value)
        return folded

    for contact_id, name, relationship, _created in contacts:
        script = script_of_name(name)
        subjects, details_pool = SUBJECTS[script], DETAILS[script]
        count = int(rnd() * rnd() * 16) + (2 if relationship == "customer" else 0)
        reached = attempted = None
        for _ in range(count):
            day = anchor - 1 - int(rnd() * (HISTORY_DAYS - 1))
            at = starts[day] + 9 * 3600 + int(rnd() * 9 * 3600)
            kind = KINDS[int(rnd() * len(KINDS))]
            outcome = OUTCOMES[int(rnd() * len(OUTCOMES))] if kind in _CONTACT_KINDS else ""
            direction = ("in" if rnd() < 0.35 else "out") if kind in _DIRECTED else ""
            duration = int(2 + rnd() * 28) if kind == "call" else (int(30 + rnd() * 90) if kind == "meeting" else 0)
            subject = subjects[int(rnd() * len(subjects))]
            details = details_pool[int(rnd() * len(details_pool))] if rnd() < 0.3 else ""
            add((next_id, _uuid(rng, next_id), contact_id, None, kind, subject, details, 1, at, None, at, duration,
                 direction, outcome, 1, None, None, "", None, zone, at, 1, at, at, None))  # fmt: skip
            add_fts((search_key(at, next_id), text(subject), text(details)))
            next_id += 1
            if kind in _CONTACT_KINDS:
                attempted = at if attempted is None or at > attempted else attempted
                if outcome not in UNREACHED_OUTCOMES and (reached is None or at > reached):
                    reached = at
        if attempted is not None:
            add_dates((reached, attempted, contact_id))
        if rnd() < FOLLOW_UP_SHARE:
            next_id = _follow_up(rng, rows, next_id, contact_id, subjects, calendar, today_s, zone, text)
    return rows


def _follow_up(rng, rows: ActivityRows, next_id: int, contact_id: int, subjects, calendar: _Calendar, today_s: int,
               zone: str, text) -> int:  # fmt: skip
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
    rows.activities.append((next_id, _uuid(rng, next_id), contact_id, None, kind, subject, "", 0, at, day, sort_at, 0, "",
                            "", priority, lead, alarm_at, recurrence, series_start, zone, None, 1, created, created,
                            None))  # fmt: skip
    rows.fts.append((search_key(sort_at, next_id), text(subject), ""))
    return next_id + 1


def _uuid(rng: random.Random, activity_id: int) -> str:
    """A UUIDv7-shaped id whose leading bits grow with the activity id: the UNIQUE index on uuid is then
    appended to, not written at random (three times faster at millions of rows), and ids stay unique."""
    h = f"{_UUID_EPOCH_MS + activity_id:012x}{rng.getrandbits(74):019x}"
    return f"{h[:8]}-{h[8:12]}-7{h[12:15]}-{'89ab'[int(h[15], 16) & 3]}{h[16:19]}-{h[19:31]}"
