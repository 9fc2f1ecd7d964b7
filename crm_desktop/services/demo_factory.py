"""Builds demo contacts as ready rows for db.contacts_bulk, fast and deterministic (same seed, same data).

Two stages, so the rows can be written in name order (ids, sort positions and search rowids ascending, the
order SQLite and FTS5 load fastest): draw_names() draws every card's name and sorts them; build_chunk()
then draws the rest of each card for one fixed-size slice of that order, from its own random stream, so
slices can be built in any process and still come out the same.

Hot path: a million contacts must be built in seconds, so it draws from random.random() directly, caches
derived text (sort keys, email slugs) per pool entry, and writes the stored rows without Contact objects.
The rows equal what ContactRepository.add would store for the same contact (tests compare the two).
"""

from __future__ import annotations

import datetime as dt
import random
import unicodedata
from bisect import bisect
from itertools import accumulate
from operator import itemgetter

from crm_desktop.db.contacts_bulk import ContactRows
from crm_desktop.db.sort_positions import STEP
from crm_desktop.domain.contact import filed_name
from crm_desktop.domain.text import LETTER_FOLDS, fold
from crm_desktop.services.demo_cultures import CULTURES, needs_letter_folds
from crm_desktop.services.demo_phones import HOME_REGION, make_phone
from crm_desktop.services.demo_pools_world import COMPANY_TLD, SOURCES, TAGS, WEBMAIL

CHUNK = 20_000  # cards per build_chunk() slice: part of the data's definition (each slice has its own stream)

# Weighted choices are tuples with repeats: one draw, no bisect.
RELATIONSHIPS = ("customer",) * 40 + ("prospect",) * 18 + ("lead",) * 14 + ("supplier",) * 12 + ("partner",) * 6 + (
    "investor",) * 2 + ("employee",) * 3 + ("other",) * 5  # fmt: skip
STAGES = ("customer",) * 38 + ("prospect",) * 22 + ("lead",) * 20 + ("advocate",) * 8 + ("inactive",) * 12
NICKNAMES = ("Bablu", "Pappu", "Raju", "Guddu", "Munna", "Sonu", "Pinky", "Bunty", "Chintu", "Bobby", "Tony", "Mani")
TAG_COUNTS = (0, 0, 1, 1, 1, 2, 2, 3)
_FIRST_DAY = dt.date(2019, 1, 1)
_DAYS = tuple((_FIRST_DAY + dt.timedelta(days=d)).isoformat() for d in range((dt.date(2025, 12, 31) - _FIRST_DAY).days))
_INWARD_LETTERS = "ABDEFGHJLNPQRSTUWXYZ"
_SLUG_KEEP = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue"})
_CUMULATIVE = tuple(accumulate(c.weight for c in CULTURES))
# Pool text is already NFKC without optional marks (tests/unit/test_demo.py): only LETTER_FOLDS remain,
# and only a few cultures' text has letters they change.
_FOLDS_NEEDED = tuple(needs_letter_folds(c, LETTER_FOLDS) for c in CULTURES)

# A drawn name: (sort_key, culture index, script 0 Latin / 1 native, prefix, first pair, middle, last pair,
# nickname, company base pair, company suffix pair). People have no company pairs, companies no first pair.
Name = tuple


def slug(text: str) -> str:
    """ASCII letters and digits of a Latin name, lower case: the local part of an email, a domain."""
    text = unicodedata.normalize("NFKD", text.translate(_SLUG_KEEP)).encode("ascii", "ignore").decode()
    return "".join(ch for ch in text.lower() if ch.isalnum())


def draw_names(seed: int, count: int) -> list[Name]:
    """The names of `count` cards, in name order (ties in the order drawn)."""
    rnd = random.Random(seed).random
    total = _CUMULATIVE[-1]
    keys: dict[tuple, str] = {}
    folded: dict[str, str] = {}
    names: list[Name] = []
    add = names.append
    for _ in range(count):
        ci = bisect(_CUMULATIVE, rnd() * total)
        culture = CULTURES[ci]
        s = 1 if rnd() < culture.native_share else 0
        last_pair = culture.last[int(rnd() * len(culture.last))]
        if rnd() < 0.12:  # a company
            suffix_pair = culture.company_suffixes[int(rnd() * len(culture.company_suffixes))]
            base = last_pair if rnd() < 0.7 else culture.cities[int(rnd() * len(culture.cities))][0]
            company = f"{base[s]} {suffix_pair[s]}"
            key = keys.get(company)
            if key is None:
                key = keys[company] = fold(company)
            add((key, ci, s, "", None, "", None, "", base, suffix_pair))
            continue
        female = rnd() < 0.45
        names_pool = culture.female if female else culture.male
        first_pair = names_pool[int(rnd() * len(names_pool))]
        middle = prefix = nickname = ""
        if rnd() < culture.middle_share and not female:
            middle = culture.male[int(rnd() * len(culture.male))][s]
        if rnd() < 0.12:
            prefixes = culture.prefixes[female]
            prefix = prefixes[int(rnd() * len(prefixes))][s]
        if s == 0 and culture.region in ("PK", "IN") and rnd() < 0.04:
            nickname = NICKNAMES[int(rnd() * len(NICKNAMES))]
        first, last = first_pair[s], last_pair[s]
        key = keys.get((last, first, middle))
        if key is None:
            parts = []
            for text in (last, first, middle):
                if text not in folded:
                    folded[text] = fold(text)
                parts.append(folded[text])
            key = keys[(last, first, middle)] = filed_name(
                parts[0], f"{parts[1]} {parts[2]}" if middle else parts[1], script_of=last
            )
        add((key, ci, s, prefix, first_pair, middle, last_pair, nickname, None, None))
    names.sort(key=itemgetter(0))  # stable: equal names keep the order drawn
    return names


class _Texts:
    """Per-process caches of derived text; values depend only on their key."""

    def __init__(self):
        self.fold: dict[str, str] = {"": ""}
        self.slug: dict[str, str] = {}
        self.filed: dict[tuple, str] = {}  # (last, first, middle) -> file_as
        times = random.Random(-1)
        self.times = tuple(
            f"T{times.randrange(7, 21):02d}:{times.randrange(60):02d}:{times.randrange(60):02d}."
            f"{times.randrange(1000000):06d}Z"
            for _ in range(4096)
        )

    def folded(self, text: str) -> str:
        key = self.fold.get(text)
        if key is None:
            key = self.fold[text] = fold(text)
        return key

    def slugged(self, text: str) -> str:
        key = self.slug.get(text)
        if key is None:
            key = self.slug[text] = slug(text)
        return key


_TEXTS: _Texts | None = None


def build_chunk(seed: int, index: int, names: list[Name], tag_ids: dict[str, int]) -> ContactRows:
    """Rows for slice `index` (CHUNK cards) of the name order; `names` holds that slice's names."""
    global _TEXTS
    if _TEXTS is None:
        _TEXTS = _Texts()
    rows = ContactRows()
    rng = random.Random(f"demo {seed} slice {index}")
    first_id = index * CHUNK + 1
    for offset, name in enumerate(names):
        _contact(rng, _TEXTS, first_id + offset, name, rows, tag_ids)
    return rows


def _uuid(rng: random.Random) -> str:
    h = f"{rng.getrandbits(128):032x}"
    return f"{h[:8]}-{h[8:12]}-4{h[13:16]}-{'89ab'[int(h[16], 16) & 3]}{h[17:20]}-{h[20:]}"


def _contact(rng, texts: _Texts, cid: int, name: Name, rows: ContactRows, tag_ids) -> None:  # noqa: C901 - one recipe
    rnd = rng.random
    sort_key, ci, s, prefix, first_pair, middle, last_pair, nickname, base, suffix_pair = name
    culture = CULTURES[ci]
    region = culture.region
    city_pair, region_pair, postcode_rule, area = culture.cities[int(rnd() * len(culture.cities))]
    is_company = first_pair is None
    first = last = job = ""
    slugged = texts.slugged
    if is_company:
        company = f"{base[s]} {suffix_pair[s]}"
        company_latin = f"{base[0]} {suffix_pair[0]}"
    else:
        first, last = first_pair[s], last_pair[s]
        company = company_latin = ""
        if rnd() < 0.55:
            suffix_pair = culture.company_suffixes[int(rnd() * len(culture.company_suffixes))]
            other = culture.last[int(rnd() * len(culture.last))] if rnd() < 0.5 else last_pair
            company = f"{other[s]} {suffix_pair[s]}"
            company_latin = f"{other[0]} {suffix_pair[0]}"
            job = culture.jobs[int(rnd() * len(culture.jobs))][s]
    domain = slugged(company_latin) + COMPANY_TLD[region] if company_latin else ""

    # Phones: a mobile first (companies: the office line), sometimes a second one.
    phones, terms = [], []
    count = 1 if rnd() < 0.72 else (2 if rnd() < 0.85 else 0)
    for position in range(count):
        mobile = (position == 0) != is_company
        typed, phone_terms = make_phone(rnd, region, area, mobile)
        rows.phones.append((cid, position, "mobile" if mobile else "work", typed, HOME_REGION))
        phones.append(typed)
        terms.append(phone_terms)

    emails = []
    webmail = WEBMAIL[region]
    if is_company:
        emails.append(("work", f"{('info', 'sales', 'contact', 'office')[int(rnd() * 4)]}@{domain}"))
    elif rnd() < 0.85:
        f, la = slugged(first_pair[0]), slugged(last_pair[0])
        style = int(rnd() * 4)
        local = (f"{f}.{la}", f"{f}{la}{int(rnd() * 90) + 10}", f"{f}_{la}", f"{f[0]}{la}")[style]
        if domain and rnd() < 0.5:
            emails.append(("work", f"{local}@{domain}"))
            if rnd() < 0.3:
                emails.append(("home", f"{f}.{la}{int(rnd() * 900) + 100}@{webmail[int(rnd() * len(webmail))]}"))
        else:
            emails.append(("home", f"{local}@{webmail[int(rnd() * len(webmail))]}"))
    for position, (label, address) in enumerate(emails):
        rows.emails.append((cid, position, label, address))

    websites = []
    if domain and (is_company or rnd() < 0.1) and rnd() < 0.6:
        websites.append(("website", f"https://www.{domain}"))
    if not is_company and rnd() < 0.08:
        websites.append(("linkedin", f"https://www.linkedin.com/in/{slugged(first_pair[0])}-{slugged(last_pair[0])}-"
                                     f"{int(rnd() * 9000) + 1000}"))  # fmt: skip
    for position, (label, url) in enumerate(websites):
        rows.websites.append((cid, position, label, url))

    places, city = [], ""
    address_count = 1 if rnd() < 0.92 else (2 if rnd() < 0.75 else 0)
    for position in range(address_count):
        if position:
            city_pair, region_pair, postcode_rule, area = culture.cities[int(rnd() * len(culture.cities))]
        street = _street(rnd, culture, s)
        postcode = _postcode(rnd, region, postcode_rule)
        label = "work" if (position == 0) == (is_company or bool(company)) else "home"
        rows.addresses.append((cid, position, label, street, city_pair[s], region_pair[s], postcode, region))
        places.append(f"{street} {city_pair[s]} {region_pair[s]} {postcode} {region}")
        city = city or city_pair[s]

    tags = []
    for _ in range(TAG_COUNTS[int(rnd() * 8)]):
        tag = TAGS[int(rnd() * len(TAGS))]
        if tag not in tags:
            tags.append(tag)
    tags.sort()
    for tag in tags:
        rows.tags.append((cid, tag_ids[tag]))

    notes = ""
    if rnd() < 0.35:
        pool = culture.notes
        notes = pool[int(rnd() * len(pool))][s]
        if rnd() < 0.3:
            notes = f"{notes}\n{pool[int(rnd() * len(pool))][s]}"

    birthday = (None, None, None)
    if not is_company and rnd() < 0.55:
        month, day = int(rnd() * 12) + 1, int(rnd() * 28) + 1
        birthday = (1950 + int(rnd() * 55) if rnd() < 0.7 else None, month, day)

    relationship = RELATIONSHIPS[int(rnd() * len(RELATIONSHIPS))]
    stage = STAGES[int(rnd() * len(STAGES))]
    source = SOURCES[int(rnd() * len(SOURCES))]
    created_day = int(rnd() * len(_DAYS))
    updated_day = created_day + int(rnd() * (len(_DAYS) - created_day))
    created = _DAYS[created_day] + texts.times[int(rnd() * 4096)]
    updated = created if updated_day == created_day else _DAYS[updated_day] + texts.times[int(rnd() * 4096)]

    deleted = updated if rnd() < 0.003 else None  # a few cards in the Trash
    folded = texts.folded
    if is_company:
        display = file_as = company
        fts_name, fts_org = company, " "
    else:
        display = " ".join(p for p in (prefix, first, middle, last) if p)
        file_as = texts.filed.get((last, first, middle))
        if file_as is None:
            file_as = texts.filed[(last, first, middle)] = filed_name(last, f"{first} {middle}" if middle else first)
        fts_name = f"{prefix} {first} {middle} {last}  {nickname}"
        fts_org = f"{company} {job}"
    rows.contacts.append((
        cid, _uuid(rng), "company" if is_company else "person", prefix, first, middle, last, "", nickname, job,
        company, *birthday, relationship, stage, source, notes, display, file_as, sort_key,
        folded(company), phones[0] if phones else "", emails[0][1] if emails else "", city, folded(city),
        ", ".join(tags), cid * STEP, created, updated, deleted,
    ))  # fmt: skip
    if deleted is not None:
        return  # the Trash is not searched
    place = " ".join(places)
    if _FOLDS_NEEDED[ci]:
        fts_name, fts_org = fts_name.translate(LETTER_FOLDS), fts_org.translate(LETTER_FOLDS)
        place, notes = place.translate(LETTER_FOLDS), notes.translate(LETTER_FOLDS)
    rows.fts.append((
        cid * STEP, fts_name, fts_org, " ".join([a for _, a in emails] + terms + [u for _, u in websites]), place,
        " ".join(tags), notes,
    ))  # fmt: skip


def _street(rnd, culture, s: int) -> str:
    formats = culture.street_formats[s] or culture.street_formats[0]
    template = formats[int(rnd() * len(formats))]
    street = culture.streets[int(rnd() * len(culture.streets))][s]
    return template.format(n=int(rnd() * 400) + 1, m=int(rnd() * 40) + 1, st=street,
                           b="ABCDEFGH"[int(rnd() * 8)], box=int(rnd() * 90000) + 10000)  # fmt: skip


def _postcode(rnd, region: str, rule) -> str:
    if region == "GB":
        outward = rule[int(rnd() * len(rule))]
        letters = _INWARD_LETTERS
        return f"{outward} {int(rnd() * 10)}{letters[int(rnd() * 20)]}{letters[int(rnd() * 20)]}"
    if isinstance(rule[0], str):
        return rule[int(rnd() * len(rule))]
    low, high = rule
    return str(low + int(rnd() * (high - low + 1))).zfill(6 if region == "IN" else 5)
