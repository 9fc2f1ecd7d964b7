"""Money: an integer count of minor units and a currency code, never a float (issue 4 builds deals on it).

Formatting and the minor units of each currency come from Babel (CLDR data): INR is written with Indian
lakh/crore grouping (₹12,34,567.00), JPY has no minor unit, KWD has three. Sums never mix currencies
silently: adding two currencies raises, and totals are kept per currency.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from babel.core import UnknownLocaleError
from babel.numbers import format_currency, get_currency_precision, get_territory_currencies, list_currencies

# Written in the way the currency's own users write amounts; other currencies in plain English.
HOME_LOCALES = {"INR": "en_IN", "PKR": "en_PK", "LKR": "en", "BDT": "en_IN", "NPR": "en_IN", "USD": "en_US",
                "EUR": "en_IE", "GBP": "en_GB", "AED": "en_AE", "SAR": "en"}  # fmt: skip
_KNOWN = frozenset(list_currencies())
# Urdu/Arabic-Indic, Devanagari and Tamil digits are read as 0-9 ("۱۲۳" is 123).
_DIGITS = {chr(zero + d): str(d) for zero in (0x0660, 0x06F0, 0x0966, 0x0BE6) for d in range(10)}
_DIGIT_MAP = str.maketrans(_DIGITS)
_AMOUNT = re.compile(r"[+-]?(?:\d+(?:[,\u066c ]\d+)*(?:[.\u066b]\d*)?|[.\u066b]\d+)")
# Digit groups as people write them: 1,234,567 (threes) or 12,34,567 (Indian: twos, then a three).
_GROUPED = re.compile(r"\d{1,3}(?:,\d{3})+|\d{1,2}(?:,\d{2})*,\d{3}")
MAX_MAJOR = 10**15  # a thousand trillion: beyond any deal, and well inside SQLite's 64-bit integers


class CurrencyMismatch(ValueError):
    """Two currencies were about to be added as if they were one."""


@dataclass(frozen=True, slots=True)
class Money:
    minor: int  # paise, cents ...: the smallest unit of the currency
    currency: str  # ISO 4217 code, e.g. "INR"

    def __post_init__(self) -> None:
        if self.currency not in _KNOWN:
            raise ValueError(f"'{self.currency}' is not a currency code")
        if not isinstance(self.minor, int) or isinstance(self.minor, bool):
            raise TypeError("money is a whole number of minor units, never a float")

    @property
    def amount(self) -> Decimal:
        """The amount in major units, exactly (12,345,678 paise is Decimal('123456.78'))."""
        return Decimal(self.minor).scaleb(-minor_digits(self.currency))

    def __add__(self, other: Money) -> Money:
        if not isinstance(other, Money):
            return NotImplemented
        if other.currency != self.currency:
            raise CurrencyMismatch(f"cannot add {other.currency} to {self.currency}")
        return Money(self.minor + other.minor, self.currency)

    def scaled(self, percent: int) -> Money:
        """This amount times percent/100, rounded half away from zero to a minor unit (a weighted value)."""
        return Money(scaled_minor(self.minor, percent), self.currency)

    @classmethod
    def parse(cls, text: str, currency: str) -> Money:
        """Read an amount as typed: "12,34,567.50", "1,234,567.5", "۱۲۳۴", "₹ 5000" (symbols and spaces
        around it are ignored). ValueError says what is wrong."""
        cleaned = text.translate(_DIGIT_MAP).strip()
        match = _AMOUNT.search(cleaned)
        if not cleaned or match is None:
            raise ValueError(f"'{text}' is not an amount")
        rest = (cleaned[: match.start()] + cleaned[match.end() :]).strip()
        if any(ch.isdigit() for ch in rest):
            raise ValueError(f"'{text}' is not one amount")
        number = match.group(0).replace("\u066c", ",").replace(" ", ",").replace("\u066b", ".")
        whole = number.lstrip("+-").split(".")[0]
        if "," in whole and not _GROUPED.fullmatch(whole):
            raise ValueError(f"'{text}' is not an amount: group digits as 1,234,567 or 12,34,567, "
                             "and write decimals after a point")  # fmt: skip
        number = number.replace(",", "")
        digits = minor_digits(currency)
        try:
            value = Decimal(number)
        except InvalidOperation:
            raise ValueError(f"'{text}' is not an amount") from None
        scaled = value.scaleb(digits)
        if scaled != scaled.to_integral_value():
            places = "no decimals" if digits == 0 else f"at most {digits} decimals"
            raise ValueError(f"{currency} amounts have {places}: '{text}'")
        if abs(value) >= MAX_MAJOR:
            raise ValueError(f"'{text}' is too large an amount")
        return cls(int(scaled), currency)


def scaled_minor(minor: int, percent: int) -> int:
    """minor * percent / 100, rounded half away from zero (Money.scaled on a bare count)."""
    numerator = minor * percent
    rounded = (abs(numerator) * 2 + 100) // 200
    return rounded if numerator >= 0 else -rounded


def is_currency(code: str) -> bool:
    return code in _KNOWN


def minor_digits(currency: str) -> int:
    return get_currency_precision(currency)


def format_money(money: Money, locale: str | None = None) -> str:
    """The amount with its currency's symbol; in the currency's home style unless a locale is given."""
    chosen = locale or HOME_LOCALES.get(money.currency, "en")
    try:
        return format_currency(money.amount, money.currency, locale=chosen)
    except (UnknownLocaleError, ValueError):
        return format_currency(money.amount, money.currency, locale="en")


def totals(amounts: Iterable[Money]) -> dict[str, Money]:
    """One total per currency, in the order the currencies first appear."""
    sums: dict[str, int] = {}
    for money in amounts:  # whole minor units per currency, made into Money once (a board sums 10,000)
        sums[money.currency] = sums.get(money.currency, 0) + money.minor
    return {currency: Money(minor, currency) for currency, minor in sums.items()}


@functools.cache
def home_currency(region: str) -> str:
    """The currency in use in a country today (PK: PKR, IN: INR, LK: LKR); USD when CLDR does not know it."""
    found = get_territory_currencies(region.upper(), tender=True)
    return found[0] if found else "USD"
