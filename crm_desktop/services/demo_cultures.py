"""Who lives in the demo Rolodex: each culture ties name pools, script, places and phones together."""

from __future__ import annotations

from dataclasses import dataclass, fields

from crm_desktop.services import demo_pools_south_asia as sa
from crm_desktop.services import demo_pools_world as world

Pair = tuple[str, str]  # (Latin spelling, native-script spelling)


def latin(names: tuple[str, ...]) -> tuple[Pair, ...]:
    return tuple((n, n) for n in names)


def latin_of(pairs: tuple[Pair, ...]) -> tuple[Pair, ...]:
    return tuple((a, a) for a, _ in pairs)


def _places(cities) -> tuple:
    """World cities are Latin only: give them the (latin, native) shape of the South Asian ones."""
    return tuple(((c, c), (r, r), rule, area) for c, r, rule, area in cities)


def _latin_places(cities) -> tuple:
    """South Asian places as a Latin-script card writes them."""
    return tuple(((c[0], c[0]), (r[0], r[0]), rule, area) for c, r, rule, area in cities)


@dataclass(frozen=True)
class Culture:
    name: str
    weight: float
    region: str  # ISO country of address and phones
    native_share: float  # share of contacts written in the native script
    male: tuple[Pair, ...]
    female: tuple[Pair, ...]
    last: tuple[Pair, ...]
    prefixes: tuple[tuple[Pair, ...], tuple[Pair, ...]]
    cities: tuple
    streets: tuple[Pair, ...]
    street_formats: tuple[tuple[str, ...], tuple[str, ...]]  # Latin, native
    company_suffixes: tuple[Pair, ...]
    jobs: tuple[Pair, ...]
    notes: tuple[Pair, ...]
    middle_share: float = 0.0


_PK_ADDR = (
    ("House {n}, Street {m}, {st}", "Shop {n}, {st}", "House {n}, Street {m}\n{st}", "Office {n}, {b} Floor\n{st}"),
    ("مکان نمبر {n}، گلی نمبر {m}، {st}", "دکان نمبر {n}، {st}", "مکان نمبر {n}، گلی نمبر {m}\n{st}"),
)
_IN_ADDR = (
    ("{n}, {st}", "Flat {n}, Block {b}\n{st}", "Shop No. {n}, {st}"),
    ("मकान नंबर {n}, {st}", "दुकान नंबर {n}, {st}", "फ्लैट {n}, ब्लॉक {b}\n{st}"),
)
_LK_ADDR = (("No. {n}, {st}", "No. {n}/{m}, {st}"), ("இல. {n}, {st}", "இல. {n}/{m}, {st}"))
_GB_ADDR = (("{n} {st}", "Flat {m}\n{n} {st}", "Unit {m}, {n} {st}"), ())
_US_ADDR = (("{n} {st}", "{n} {st}\nSuite {m}", "{n} {st}, Apt {m}"), ())
_DE_ADDR = (("{st} {n}", "{st} {n}\n{m}. Etage"), ())
_AE_ADDR = (("Office {n}, {st}\nP.O. Box {box}", "Shop {m}, {st}\nP.O. Box {box}"), ())

_PK_NAMES = dict(male=sa.PK_MALE, female=sa.PK_FEMALE, last=sa.PK_LAST)
_IN_NAMES = dict(male=sa.IN_MALE, female=sa.IN_FEMALE, last=sa.IN_LAST)
_DIASPORA = dict(
    male=latin_of(sa.PK_MALE + sa.IN_MALE), female=latin_of(sa.PK_FEMALE + sa.IN_FEMALE),
    last=latin_of(sa.PK_LAST + sa.IN_LAST),
)  # fmt: skip
_LATIN_PREFIXES = (latin(("Mr", "Dr")), latin(("Mrs", "Ms", "Dr")))
_GB = dict(region="GB", prefixes=_LATIN_PREFIXES, cities=_places(world.GB_CITIES), streets=latin(world.GB_STREETS),
           street_formats=_GB_ADDR, company_suffixes=latin(world.LATIN_COMPANY_SUFFIXES), jobs=latin(world.LATIN_JOBS),
           notes=latin(world.LATIN_NOTES))
_US = dict(_GB, region="US", cities=_places(world.US_CITIES), streets=latin(world.US_STREETS), street_formats=_US_ADDR)
_AE = dict(_GB, region="AE", cities=_places(world.AE_CITIES), streets=latin(world.AE_STREETS), street_formats=_AE_ADDR,
           company_suffixes=latin(world.AE_COMPANY_SUFFIXES))  # fmt: skip

CULTURES: tuple[Culture, ...] = (
    Culture("Pakistan", 0.34, "PK", 0.45, **_PK_NAMES, prefixes=sa.PK_PREFIXES, cities=sa.PK_CITIES,
            streets=sa.PK_STREETS, street_formats=_PK_ADDR, company_suffixes=sa.PK_COMPANY_SUFFIXES, jobs=sa.PK_JOBS,
            notes=sa.PK_NOTES, middle_share=0.15),
    Culture("India", 0.24, "IN", 0.45, **_IN_NAMES, prefixes=sa.IN_PREFIXES, cities=sa.IN_CITIES,
            streets=sa.IN_STREETS, street_formats=_IN_ADDR, company_suffixes=sa.IN_COMPANY_SUFFIXES, jobs=sa.IN_JOBS,
            notes=sa.IN_NOTES, middle_share=0.05),
    Culture("Sri Lanka (Tamil)", 0.10, "LK", 0.6, male=sa.LK_TAMIL_MALE, female=sa.LK_TAMIL_FEMALE,
            last=sa.LK_TAMIL_LAST, prefixes=sa.LK_PREFIXES, cities=sa.LK_CITIES, streets=sa.LK_STREETS,
            street_formats=_LK_ADDR, company_suffixes=sa.LK_COMPANY_SUFFIXES, jobs=sa.LK_JOBS, notes=sa.LK_NOTES),
    Culture("Sri Lanka (Sinhala)", 0.04, "LK", 0.0, male=latin(sa.LK_SINHALA_MALE), female=latin(sa.LK_SINHALA_FEMALE),
            last=latin(sa.LK_SINHALA_LAST), prefixes=_LATIN_PREFIXES, cities=_latin_places(sa.LK_CITIES),
            streets=latin_of(sa.LK_STREETS), street_formats=_LK_ADDR, company_suffixes=latin_of(sa.LK_COMPANY_SUFFIXES),
            jobs=latin_of(sa.LK_JOBS), notes=latin(world.LATIN_NOTES)),
    Culture("United Kingdom", 0.06, **_GB, native_share=0.0, male=latin(world.GB_MALE), female=latin(world.GB_FEMALE),
            last=latin(world.GB_LAST)),
    Culture("United Kingdom (South Asian)", 0.03, **_GB, native_share=0.0, **_DIASPORA),
    Culture("United States", 0.05, **_US, native_share=0.0, male=latin(world.US_MALE), female=latin(world.US_FEMALE),
            last=latin(world.US_LAST)),
    Culture("United States (South Asian)", 0.02, **_US, native_share=0.0, **_DIASPORA),
    Culture("Germany", 0.04, "DE", 0.0, male=latin(world.DE_MALE), female=latin(world.DE_FEMALE),
            last=latin(world.DE_LAST), prefixes=(latin(("Herr", "Dr.")), latin(("Frau", "Dr."))),
            cities=_places(world.DE_CITIES), streets=latin(world.DE_STREETS), street_formats=_DE_ADDR,
            company_suffixes=latin(world.DE_COMPANY_SUFFIXES), jobs=latin(world.DE_JOBS),
            notes=latin(world.DE_NOTES)),
    Culture("UAE", 0.03, **_AE, native_share=0.0, male=latin(world.AE_MALE), female=latin(world.AE_FEMALE),
            last=latin(world.AE_LAST)),
    Culture("UAE (South Asian)", 0.04, **_AE, native_share=0.0, **_DIASPORA),
)  # fmt: skip


def _strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, tuple):
        for item in value:
            yield from _strings(item)


def needs_letter_folds(culture: Culture, folds: dict[int, str]) -> bool:
    """Whether any text of the culture changes under str.translate(folds) (German ß does): else the
    index text can skip the translation."""
    return any(s.translate(folds) != s for f in fields(culture) for s in _strings(getattr(culture, f.name)))
