"""Text rules for search and sorting that must hold for Latin, Devanagari, Tamil and Urdu alike.

The search index and the query go through the same normalisation, so what is typed finds what was stored
however it was typed (decomposed accents, Arabic-keyboard letters in Urdu text, optional vowel marks,
ZWNJ, Urdu and Hindi digits). Changing these rules needs a migration that rebuilds the index.
"""

from __future__ import annotations

import functools
import re
import unicodedata

import phonenumbers

_FOLDS = {
    # Arabic-keyboard letters that Urdu writes with its own code points (yeh, kaf, alef maksura, teh
    # marbuta, heh).
    "\u064a": "\u06cc", "\u0643": "\u06a9", "\u0649": "\u06cc", "\u0629": "\u06c3", "\u0647": "\u06c1",
    # Latin letters that are not a base letter plus an accent, so FTS5's remove_diacritics keeps them.
    "ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D", "ß": "ss", "æ": "ae", "Æ": "AE", "œ": "oe",
    "Œ": "OE", "ı": "i", "þ": "th",
}  # fmt: skip
# Urdu/Arabic-Indic and Devanagari digits search like 0-9: "۰۳۰۰" finds a phone typed "0300".
for _zero in ("\u0660", "\u06f0", "\u0966", "\u0be6"):
    _FOLDS.update({chr(ord(_zero) + d): str(d) for d in range(10)})
LETTER_FOLDS = str.maketrans(_FOLDS)  # the part of normalize() that already-normal text still needs
# Marks present in some spellings only: Arabic vowel marks (harakat), superscript alef, tatweel.
# (The Devanagari nukta stays: ड़ and ड are different letters.)
_OPTIONAL_MARKS = re.compile("[\u064b-\u065f\u0670\u0640]")
# Zero-width joiners and direction marks carry no letters.
_INVISIBLE = re.compile("[\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]")
# Characters that belong to a word: letters, digits, private use and combining marks, so that an
# Indic vowel sign or virama stays part of its word. The FTS5 index uses the same categories.
TOKEN_CATEGORIES = "L* N* Co M*"


def _is_token_char(ch: str) -> bool:
    category = unicodedata.category(ch)
    return category[0] in "LNM" or category == "Co"


def normalize(text: str) -> str:
    """The form in which text is indexed and searched (case and Latin accents are left to FTS5)."""
    text = unicodedata.normalize("NFKC", text)
    text = _INVISIBLE.sub("", text)
    text = _OPTIONAL_MARKS.sub("", text)
    return text.translate(LETTER_FOLDS)


def query_tokens(query: str) -> list[str]:
    """Words of a search box text, in the same form as the index holds them."""
    text = normalize(query)
    if not text:
        return []  # an empty search box: no need for the separators' table (65,536 characters classified)
    if _ASTRAL.search(text) is None:  # the usual case: one C-speed pass
        return text.translate(_separators()).split()
    return tokens_by_character(text)


def tokens_by_character(text: str) -> list[str]:
    """The rule itself, character by character (for text outside the Basic Multilingual Plane)."""
    tokens, current = [], []
    for ch in text:
        if _is_token_char(ch):
            current.append(ch)
        elif current:
            tokens.append("".join(current))
            current = []
    if current:
        tokens.append("".join(current))
    return tokens


_ASTRAL = re.compile("[\U00010000-\U0010ffff]")


@functools.cache
def _separators() -> dict[int, str]:
    """Every character of the Basic Multilingual Plane that is not part of a word, as a space."""
    return {code: " " for code in range(0x10000) if not _is_token_char(chr(code))}


def search_words(text: str) -> list[str]:
    """Words folded for a plain substring search (no FTS index): case- and Latin-accent-free, other
    scripts' marks kept, so "jose" finds "José" and a Hindi vowel sign stays part of its word."""
    words = []
    for token in query_tokens(text):
        if token.isascii():
            words.append(token.lower())
            continue
        decomposed = unicodedata.normalize("NFD", token.casefold())
        kept: list[str] = []
        for ch in decomposed:
            if not (unicodedata.combining(ch) and kept and kept[-1] < "\u0250"):
                kept.append(ch)
        words.append(unicodedata.normalize("NFC", "".join(kept)))
    return words


# Urdu's alphabet order, which code point order breaks (پ, ٹ, چ, ڈ, ڑ, ژ, ک, گ, ں, ہ, ھ, ی, ے were added
# to the Arabic block after the letters they follow). For sorting only, each letter is moved to a code
# point in that order just past the Arabic block (U+0700..), so Urdu keys still sort between Latin and
# Devanagari and a script's cards stay together. Arabic-keyboard forms take their Urdu letter's place.
_URDU_ALPHABET = "اآبپتٹثجچحخدڈذرڑزژسشصضطظعغفقکگلمنںوہھءیے"
_URDU_SORT = {ord(ch): chr(0x0700 + rank) for rank, ch in enumerate(_URDU_ALPHABET)}
_URDU_SORT |= {ord("ه"): _URDU_SORT[ord("ہ")], ord("ة"): _URDU_SORT[ord("ہ")], ord("ۃ"): _URDU_SORT[ord("ہ")],
               ord("ئ"): _URDU_SORT[ord("ی")], ord("ۓ"): _URDU_SORT[ord("ے")], ord("ؤ"): _URDU_SORT[ord("و")],
               ord("أ"): _URDU_SORT[ord("ا")], ord("إ"): _URDU_SORT[ord("ا")], ord("ۂ"): _URDU_SORT[ord("ہ")]}  # fmt: skip


def fold(text: str) -> str:
    """The sort key: case- and accent-free ("Émile" files under E), Urdu in its alphabet's order.
    Marks of other scripts stay: they belong to their letters.

    Stored files hold these keys and positions derived from them: a change here needs a migration that
    recomputes contacts.sort_key, company_key, city_key and the sort positions."""
    composed = unicodedata.normalize("NFC", normalize(text).casefold())
    decomposed = unicodedata.normalize("NFD", composed.translate(_URDU_SORT))
    kept = []
    for ch in decomposed:
        if unicodedata.combining(ch) and kept and kept[-1] < "\u0250":
            continue  # an accent on a Latin letter
        kept.append(ch)
    return unicodedata.normalize("NFC", "".join(kept)).strip()


# The Rolodex index: A-Z, then one tab per other script, keyed by where that script starts in sort order.
SCRIPT_TABS: tuple[tuple[str, str], ...] = (
    ("ا", "\u0600"),  # Arabic script (Urdu), including the sort-only code points of fold()
    ("अ", "\u0900"),  # Devanagari: Hindi
    ("அ", "\u0b80"),  # Tamil
)
_SCRIPT_ENDS = {"\u0600": "\u0780", "\u0900": "\u0980", "\u0b80": "\u0c00"}
LATIN_TABS = tuple("ABCDEFGHIJKLMNOPQRSTUVWXYZ")
OTHER_TAB = "#"


def index_tab(sort_key: str) -> str:
    """Which tab of the A-Z index a card filed under sort_key belongs to."""
    if not sort_key:
        return OTHER_TAB
    first = sort_key[0]
    if "a" <= first <= "z":
        return first.upper()
    for tab, start in SCRIPT_TABS:
        if start <= first < _SCRIPT_ENDS[start]:
            return tab
    return OTHER_TAB


def tab_start_key(tab: str) -> str | None:
    """The smallest sort key filed under a tab, or None for the catch-all tab."""
    if tab in LATIN_TABS:
        return tab.lower()
    for script_tab, start in SCRIPT_TABS:
        if tab == script_tab:
            return start
    return None


def phone_search_terms(number: str, default_region: str) -> str:
    """Digit strings under which a phone is found: as typed, and international/national forms.

    "+92 300-5551234" is indexed as 92, 300, 5551234 (as typed) plus 923005551234, 3005551234 and
    03005551234, so "300 555", "0300555" and "+92300" all find it.
    """
    terms = [number]
    digits = re.sub(r"\D", "", number)
    if digits:
        terms.append(digits)
    try:
        parsed = phonenumbers.parse(number, default_region or None)
    except phonenumbers.NumberParseException:
        return " ".join(terms)
    national = phonenumbers.national_significant_number(parsed)
    terms.append(f"{parsed.country_code}{national}")
    terms.append(national)
    national_format = re.sub(r"\D", "", phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.NATIONAL))
    if national_format and national_format != national:
        terms.append(national_format)
    return " ".join(dict.fromkeys(terms))
