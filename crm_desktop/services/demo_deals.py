"""Demo deals: won and lost over the past three years with their stage histories, and open ones now.

About one contact in ten has a deal, in the currency of their country and with a title in their script.
Deals move through the default stages with odds that differ from the stages' assumed probabilities, so
the forecast view has something to say ("your history says 33%, you assume 50%"). A deal's
conversations are the contact's activities within its life; an open deal whose contact has a follow-up
scheduled has it as its next step. Deterministic for a seed and an anchor instant.
"""

from __future__ import annotations

import random
import uuid
from datetime import datetime, timedelta, tzinfo

from crm_desktop.db.connection import Database
from crm_desktop.db.deals_bulk import DealBulkRows, candidate_contacts, first_deal_id, write_deals
from crm_desktop.domain.clock import epoch
from crm_desktop.domain.deal import DEFAULT_LOST_REASONS
from crm_desktop.domain.money import home_currency, minor_digits
from crm_desktop.services.demo_activities import script_of_name

PER_THOUSAND = 100  # contacts with a deal
OPEN_SHARE = 0.25
OPEN_PATH = ("lead", "qualified", "proposal", "negotiation")
# The chance of moving on from each open stage (else the deal is lost there); after negotiation: won.
ADVANCE = {"lead": 0.6, "qualified": 0.7, "proposal": 0.55, "negotiation": 0.6}
SOURCES = ("referral", "walk-in", "phone", "website", "trade fair", "WhatsApp", "existing customer")
DEAL_TAGS = ("wholesale", "festival", "export", "repeat order")
TITLES = {
    "latin": ("Bulk rice order", "Annual supply contract", "Shop fit-out", "Wedding season stock", "Office furniture",
              "Solar panels for the warehouse", "Catalogue printing", "Textile export order", "Spare parts contract",
              "Eid gift hampers"),
    "urdu": ("چاول کا تھوک آرڈر", "سالانہ سپلائی معاہدہ", "دکان کی تزئین", "شادی کے سیزن کا مال", "دفتر کا فرنیچر",
             "گودام کے لیے سولر پینل", "عید کے تحفے"),
    "hindi": ("चावल का थोक ऑर्डर", "वार्षिक आपूर्ति अनुबंध", "दुकान की सजावट", "शादी के मौसम का माल",
              "दफ़्तर का फ़र्नीचर", "दिवाली उपहार", "कपड़ा निर्यात ऑर्डर"),
    "tamil": ("அரிசி மொத்த ஆர்டர்", "ஆண்டு விநியோக ஒப்பந்தம்", "கடை அலங்காரம்", "திருமண பருவ சரக்கு",
              "அலுவலக தளபாடங்கள்", "பொங்கல் பரிசுப் பொதிகள்"),
}  # fmt: skip
# Typical deal sizes in major units, per currency (a log-uniform range).
SIZES = {"PKR": (50_000, 5_000_000), "INR": (20_000, 2_500_000), "LKR": (50_000, 6_000_000),
         "AED": (2_000, 200_000), "SAR": (2_000, 200_000)}  # fmt: skip
DEFAULT_SIZE = (500, 60_000)


def write_demo_deals(database: Database, seed: int, now: datetime, zone: tzinfo) -> int:
    """Write the demo deals; returns how many."""
    rng = random.Random(f"deals-{seed}")
    today = now.astimezone(zone).date()
    rows = DealBulkRows()
    next_id = first_deal_id(database)
    for contact_id, name, kind, country in candidate_contacts(database, PER_THOUSAND):
        _one_deal(rng, rows, next_id, contact_id, kind, script_of_name(name), home_currency(country or "US"), now,
                  today)  # fmt: skip
        next_id += 1
    write_deals(database, rows)
    return len(rows.deals)


def _one_deal(rng: random.Random, rows: DealBulkRows, deal_id: int, contact_id: int, kind: str, script: str,
              currency: str, now: datetime, today) -> None:  # fmt: skip
    is_open = rng.random() < OPEN_SHARE
    low, high = SIZES.get(currency, DEFAULT_SIZE)
    major = round(low * (high / low) ** rng.random(), -2 if high > 100_000 else -1)
    value = int(major) * 10 ** minor_digits(currency)
    created = now - timedelta(days=rng.uniform(2, 75) if is_open else rng.uniform(12, 3 * 365))
    history, status, lost_reason = _walk(rng, is_open, created, now)
    stage, last_move = history[-1]
    closed_on = None if status == "open" else last_move.astimezone(now.tzinfo).date().isoformat()
    if is_open:
        expected = (today + timedelta(days=rng.randint(-20, 150))).isoformat() if rng.random() < 0.9 else None
    else:
        expected = closed_on
    tag = rng.choice(DEAL_TAGS) if rng.random() < 0.3 else ""
    company_kind = kind == "company"
    rows.deals.append((
        deal_id, str(uuid.UUID(int=rng.getrandbits(128), version=4)), rng.choice(TITLES[script]),
        None if company_kind else contact_id, contact_id if company_kind else None, value, currency, stage,
        expected, rng.choice(SOURCES), status, lost_reason, closed_on, tag, epoch(created), epoch(last_move),
    ))  # fmt: skip
    rows.history += [(deal_id, key, epoch(at)) for key, at in history]
    if tag:
        rows.tags.append((deal_id, tag))
    end = epoch(last_move) if status != "open" else epoch(now + timedelta(days=400))
    rows.links.append((deal_id, contact_id, epoch(created), end))


def _walk(rng: random.Random, is_open: bool, created: datetime, now: datetime):
    """The stages a deal went through: ([(stage, entered)], status, lost reason)."""
    history = [("lead", created)]
    at = created
    for index, current in enumerate(OPEN_PATH):
        step = timedelta(days=rng.uniform(2, 25))
        if is_open:
            if index == len(OPEN_PATH) - 1 or rng.random() < 0.4 or at + step > now - timedelta(hours=1):
                return history, "open", ""
            at += step
            history.append((OPEN_PATH[index + 1], at))
            continue
        at = min(at + step, at + (now - at) / 2)  # a deal closes before now, however recently it began
        if rng.random() >= ADVANCE[current]:
            history.append(("lost", at))
            return history, "lost", rng.choice(DEFAULT_LOST_REASONS)
        following = OPEN_PATH[index + 1] if index + 1 < len(OPEN_PATH) else "won"
        history.append((following, at))
        if following == "won":
            return history, "won", ""
    return history, "open", ""
