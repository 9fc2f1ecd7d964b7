"""Demo phone numbers: valid for their country per phonenumbers, typed the way people type them.

Numbers are built from known-valid prefixes, so their search terms (see domain.text.phone_search_terms)
can be written down directly instead of parsing a million numbers; tests check both against phonenumbers.
Pakistan is the demo's home country (the default region), so only Pakistani numbers are typed in national
form; every other number carries its +country code, as a Pakistani business would store it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

HOME_REGION = "PK"
_NOT_DIGITS = str.maketrans("", "", " -()+.")


@dataclass(frozen=True, slots=True)
class Country:
    code: str  # calling code
    trunk: str  # national (trunk) prefix shown in national format: "0", or "" (NANP)
    nsn_length: int  # digits of a national number, landline area code included
    mobile_prefixes: tuple[str, ...]
    mobile_split: int  # where people put the first space in a mobile number
    mobile_formats: tuple[str, ...]  # str.format templates over a, b, bh, bt (b split after 3 digits), n
    landline_formats: tuple[str, ...]


def _range(prefix: str, last_digits: str) -> tuple[str, ...]:
    return tuple(prefix + d for d in last_digits)


COUNTRIES: dict[str, Country] = {
    "PK": Country(
        "92", "0", 10,
        _range("30", "0123456789") + _range("31", "012345678") + _range("32", "01234") + _range("33", "0123456")
        + _range("34", "01234567"),
        3,
        ("0{a} {b}", "0{a}-{b}", "0{n}", "+92 {a} {b}", "+92{n}", "0{a} {bh} {bt}"),
        ("0{a}-{b}", "(0{a}) {b}", "0{a} {b}", "+92 {a} {b}"),
    ),
    "IN": Country(
        "91", "0", 10,
        _range("98", "0123456789") + _range("99", "0123456789") + _range("97", "0123456789")
        + _range("94", "0123456789") + _range("70", "0123456789") + _range("81", "0123456789")
        + _range("63", "0123456789"),
        5,
        ("+91 {a} {b}", "+91-{n}", "+91{n}", "+91 {a}-{b}"),
        ("+91 {a} {bh} {bt}", "+91-{a}-{b}", "+91 {a} {b}"),
    ),
    "LK": Country(
        "94", "0", 9,
        ("70", "71", "72", "75", "76", "77", "78"),
        2,
        ("+94 {a} {bh} {bt}", "+94{n}", "+94 {a} {b}"),
        ("+94 {a} {bh} {bt}", "+94 {a} {b}"),
    ),
    "GB": Country(
        "44", "0", 10,
        # Blocks of 74-79 that belong to Great Britain (not Jersey, Guernsey or the Isle of Man).
        _range("74", "01234789") + _range("75", "1346789") + _range("77", "1234567") + _range("78", "0145789")
        + _range("79", "024789"),
        4,
        ("+44 {a} {b}", "+44{n}", "+44 {a} {bh} {bt}"),
        ("+44 {a} {b}", "+44 {a} {bh} {bt}"),
    ),
    "US": Country(
        "1", "", 10,
        (),  # mobiles share the area codes of landlines
        3,
        (),
        ("+1 ({a}) {bh}-{bt}", "+1 {a}-{bh}-{bt}", "+1 {a} {bh} {bt}", "+1{n}"),
    ),
    "DE": Country(
        "49", "0", 0,  # German landline numbers vary in length: 7 subscriber digits here
        ("151", "152", "157", "160", "170", "171", "172", "173", "174", "175", "176", "177", "178", "179"),
        3,
        ("+49 {a} {b}", "+49{n}", "+49 {a} {bh} {bt}"),
        ("+49 {a} {b}", "+49 {a} {bh}{bt}"),
    ),
    "AE": Country(
        "971", "0", 8,
        ("50", "52", "54", "55", "56", "58"),
        2,
        ("+971 {a} {bh} {bt}", "+971{n}", "+971 {a} {b}"),
        ("+971 {a} {bh} {bt}", "+971 {a} {b}"),
    ),
}  # fmt: skip

_DIGIT_TEMPLATES = {
    t: t.translate(_NOT_DIGITS) for c in COUNTRIES.values() for t in c.mobile_formats + c.landline_formats
}
MOBILE_LENGTH = {"PK": 10, "IN": 10, "LK": 9, "GB": 10, "DE": 11, "AE": 9}
# First digit of a landline subscriber number that is valid in every listed area (London: 020 7/8...).
LANDLINE_FIRST = {("GB", "20"): "78"}
DE_SUBSCRIBER_DIGITS = 7


def search_terms(typed: str, country: Country, nsn: str) -> str:
    """What phone_search_terms(typed, HOME_REGION) returns, for a number built here, without parsing."""
    terms = (typed, typed.translate(_NOT_DIGITS), country.code + nsn, nsn, country.trunk + nsn if country.trunk else nsn)
    return " ".join(dict.fromkeys(terms))


def _digits(rnd: Callable[[], float], count: int) -> str:
    return str(int(rnd() * 10**count)).zfill(count)


def make_phone(rnd: Callable[[], float], region: str, area: str, mobile: bool) -> tuple[str, str]:
    """A random valid number of a country as (typed, search terms); area is the city's landline code."""
    country = COUNTRIES[region]
    if mobile and country.mobile_prefixes:
        prefixes = country.mobile_prefixes
        prefix = prefixes[int(rnd() * len(prefixes))]
        nsn = prefix + _digits(rnd, MOBILE_LENGTH[region] - len(prefix))
        split, formats = country.mobile_split, country.mobile_formats
    else:
        first_digits = LANDLINE_FIRST.get((region, area), "2")
        first = first_digits[int(rnd() * len(first_digits))]
        if region == "US":
            first = "23456789"[int(rnd() * 8)]
        rest = DE_SUBSCRIBER_DIGITS if region == "DE" else country.nsn_length - len(area)
        nsn = area + first + _digits(rnd, rest - 1)
        split, formats = len(area), country.landline_formats
    a, b = nsn[:split], nsn[split:]
    template = formats[int(rnd() * len(formats))]
    typed = template.format(a=a, b=b, bh=b[:3], bt=b[3:], n=nsn)
    # The parts are digits, so the typed number's digits are the template's digits filled in.
    digits = _DIGIT_TEMPLATES[template].format(a=a, b=b, bh=b[:3], bt=b[3:], n=nsn)
    trunk = country.trunk + nsn if country.trunk else nsn
    return typed, " ".join(dict.fromkeys((typed, digits, country.code + nsn, nsn, trunk)))
