"""Money as minor units and a currency: formats (INR lakh/crore), parsing as typed, no silent mixing."""

from __future__ import annotations

from decimal import Decimal

import pytest

from crm_desktop.domain.money import CurrencyMismatch, Money, format_money, totals


@pytest.mark.parametrize(
    ("money", "shown"),
    [(Money(123456700, "INR"), "₹12,34,567.00"), (Money(1000000000, "INR"), "₹1,00,00,000.00"),
     (Money(123456750, "PKR"), "Rs1,234,567.50"), (Money(123456750, "LKR"), "LKR1,234,567.50"),
     (Money(123456750, "USD"), "$1,234,567.50"), (Money(123456750, "EUR"), "€1,234,567.50"),
     (Money(-5000, "INR"), "-₹50.00"), (Money(1500, "JPY"), "¥1,500")],
)  # fmt: skip
def test_each_currency_is_written_its_own_way(money, shown):
    assert format_money(money) == shown


def test_a_given_locale_wins_and_an_unknown_one_falls_back():
    assert format_money(Money(123456750, "EUR"), "de_DE") == "1.234.567,50\xa0€"
    assert format_money(Money(100, "USD"), "xx_XX") == "$1.00"


@pytest.mark.parametrize(
    ("typed", "currency", "minor"),
    [("12,34,567.50", "INR", 123456750), ("1,234,567.5", "PKR", 123456750), ("₹ 5000", "INR", 500000),
     ("۱۲۳۴", "PKR", 123400), ("१२,३४५.५०", "INR", 1234550), ("௧௦௦", "LKR", 10000), ("1500", "JPY", 1500),
     ("0.125", "KWD", 125), ("-20", "USD", -2000)],
)  # fmt: skip
def test_amounts_are_read_as_typed_in_any_script(typed, currency, minor):
    assert Money.parse(typed, currency) == Money(minor, currency)


@pytest.mark.parametrize(("typed", "currency"), [("", "INR"), ("abc", "INR"), ("12.345", "INR"),
                                                  ("12.5", "JPY"), ("12 and 13", "USD")])  # fmt: skip
def test_bad_amounts_say_what_is_wrong(typed, currency):
    with pytest.raises(ValueError):
        Money.parse(typed, currency)


def test_money_is_exact_and_never_a_float():
    assert Money(12345678, "INR").amount == Decimal("123456.78")
    with pytest.raises(TypeError):
        Money(10.5, "INR")  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        Money(10, "RUPEES")


def test_currencies_never_mix_silently():
    with pytest.raises(CurrencyMismatch):
        Money(100, "INR") + Money(100, "PKR")
    sums = totals([Money(100, "INR"), Money(250, "PKR"), Money(50, "INR")])
    assert sums == {"INR": Money(150, "INR"), "PKR": Money(250, "PKR")}


def test_weighting_rounds_half_away_from_zero_to_a_minor_unit():
    assert Money(1005, "INR").scaled(50) == Money(503, "INR")  # 502.5 paise
    assert Money(-1005, "INR").scaled(50) == Money(-503, "INR")
    assert Money(100000, "INR").scaled(40) == Money(40000, "INR")


@pytest.mark.parametrize("typed, currency, minor", [(".5", "USD", 50), ("٫5", "PKR", 50), ("5.", "USD", 500),
                                                    ("1,23,456", "INR", 12345600), ("1 234 567", "EUR", 123456700)])  # fmt: skip
def test_parse_reads_a_leading_point_and_both_groupings(typed, currency, minor):
    assert Money.parse(typed, currency) == Money(minor, currency)


@pytest.mark.parametrize("typed", ["12,5", "12 5", "1,2345", "123456789012345678901"])
def test_parse_refuses_a_stray_separator_and_absurd_sizes(typed):
    with pytest.raises(ValueError):
        Money.parse(typed, "EUR")
