"""The Pipeline benchmark's database: 10,000 open deals over the stages and a few thousand closed ones,
titles in Latin, Urdu and Hindi, values mostly in rupees. Built once and kept in tests/benchmarks/data/
(git-ignored); the board benchmark and the screenshots read copies of it.

    python tests/benchmarks/pipeline_data.py   -> prints the path (builds it if missing)
"""

from __future__ import annotations

import random
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1]))

from crm_desktop.domain.activity import Activity, ActivityKind  # noqa: E402
from crm_desktop.domain.clock import FixedClock  # noqa: E402
from crm_desktop.domain.contact import Contact, ContactKind  # noqa: E402
from crm_desktop.domain.deal import Deal  # noqa: E402
from crm_desktop.domain.money import Money  # noqa: E402
from crm_desktop.services.workspace import open_workspace  # noqa: E402

NOW = datetime(2026, 11, 23, 5, tzinfo=UTC)  # the moment the board is looked at
ZONE = ZoneInfo("Asia/Karachi")
PATH = HERE / "data" / "pipeline-10000.sqlite3"
OPEN_DEALS, CLOSED_DEALS, CONTACTS = 10_000, 3_000, 2_000
# Weights of the open stages: a real funnel is wide at the top.
OPEN_STAGES = (("lead", 40), ("qualified", 27), ("proposal", 20), ("negotiation", 13))

FIRST = ["Ahmed", "Sara", "Imran", "Priya", "Ravi", "Kavitha", "علی", "فاطمہ", "عمران", "राहुल", "सुनीता", "அருண்"]
LAST = ["Khan", "Sharma", "Perera", "Iyer", "Qureshi", "رضا", "صدیقی", "शर्मा", "वर्मा", "முருகன்"]
COMPANIES = ["Raza Traders", "Lahore Textiles", "Colombo Tea Co", "Indus Motors", "کراچی کاٹن ملز", "फ़ारूक़ी स्टील",
             "சென்னை சில்க்ஸ்", "Nimbus Software", "Punjab Rice Mills", "Kandy Spices"]  # fmt: skip
TITLES = ["Cloth order {n}", "Annual maintenance contract {n}", "Rice export, {n} tonnes", "Office chairs x{n}",
          "Website redesign phase {n}", "Solar panels for warehouse {n}", "کپڑے کا آرڈر {n}", "سالانہ معاہدہ {n}",
          "چاول کی برآمد {n} ٹن", "किताबों का ऑर्डर {n}", "सालाना रखरखाव अनुबंध {n}", "स्कूल की वर्दी {n}",
          "பட்டு சேலை ஆர்டர் {n}"]  # fmt: skip
CURRENCIES = (("INR", 70), ("PKR", 18), ("USD", 8), ("LKR", 4))


def build(path: Path = PATH) -> Path:
    """The database at path, built if missing (about a minute on a 2-core machine)."""
    if path.exists():
        return path
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(".building")
    partial.unlink(missing_ok=True)
    rng = random.Random(4)
    clock = FixedClock(NOW - timedelta(days=90), ZONE)
    ws = open_workspace(partial, clock)
    try:
        with ws.database.atomic():
            people = _contacts(ws, rng)
        with ws.database.atomic():
            for i in range(OPEN_DEALS + CLOSED_DEALS):
                # Created over the last 90 days, in order, so some deals have been quiet for long.
                clock.instant = NOW - timedelta(days=90) + timedelta(seconds=i * 90 * 86400 // (OPEN_DEALS + CLOSED_DEALS))
                _deal(ws, rng, people, i, closed=i % 13 < 3)
        clock.instant = NOW - timedelta(days=1)
        with ws.database.atomic():
            open_ids = [r[0] for r in ws.database.execute("SELECT id FROM deals WHERE status = 'open'")]
            for deal_id in rng.sample(open_ids, len(open_ids) // 4):  # a quarter have a next step planned
                contact = ws.database.execute("SELECT coalesce(contact_id, company_id) FROM deals WHERE id = ?",
                                              (deal_id,)).fetchone()[0]  # fmt: skip
                ws.activities.save(Activity(contact, ActivityKind.CALL, subject="Follow up on the offer", done=False,
                                            at=NOW + timedelta(days=rng.randint(1, 30)), deal_id=deal_id))  # fmt: skip
    finally:
        ws.close()
    partial.rename(path)
    return path


def _contacts(ws, rng: random.Random) -> list[Contact]:
    found = [ws.contacts.save(Contact(kind=ContactKind.COMPANY, company=name)) for name in COMPANIES]
    for _ in range(CONTACTS):
        found.append(ws.contacts.save(Contact(first_name=rng.choice(FIRST), last_name=rng.choice(LAST),
                                              company=rng.choice(COMPANIES))))  # fmt: skip
    return found


def _pick(rng: random.Random, weighted) -> str:
    return rng.choices([k for k, _ in weighted], [w for _, w in weighted])[0]


def _deal(ws, rng: random.Random, people: list[Contact], i: int, closed: bool) -> None:
    who = rng.choice(people)
    currency = _pick(rng, CURRENCIES)
    major = rng.choice([5_000, 25_000, 80_000, 1_50_000, 4_75_000, 12_34_567, 50_00_000]) if currency in ("INR", "PKR", "LKR") \
        else rng.choice([500, 1_200, 3_400, 12_000, 48_000])  # fmt: skip
    today = NOW.astimezone(ZONE).date()
    expected = None if rng.random() < 0.1 else today + timedelta(days=rng.randint(-40, 200))
    deal = Deal(title=rng.choice(TITLES).format(n=i % 97 + 1), value=Money(major * 100, currency),
                stage=_pick(rng, OPEN_STAGES), expected_close=expected,
                tags=rng.sample(["festival", "export", "repeat", "govt", "urgent"], rng.randint(0, 2)))  # fmt: skip
    if who.kind is ContactKind.COMPANY:
        deal.company_id = who.id
    else:
        deal.contact_id = who.id
    if closed:
        won = rng.random() < 0.35
        deal.stage = "won" if won else "lost"
        deal.lost_reason = "" if won else rng.choice(["price", "went to a competitor", "no budget", "timing"])
        deal.closed_on = today - timedelta(days=rng.randint(0, 400))
    ws.pipeline.save(deal)


if __name__ == "__main__":
    print(build())
