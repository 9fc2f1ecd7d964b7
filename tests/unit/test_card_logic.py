"""The contact card's rules that need no Qt: text direction, tags, birthdays, error paths, local time."""

from __future__ import annotations

import datetime as dt

import pytest

from crm_desktop.domain.contact import Birthday
from crm_desktop.ui.contacts.card_logic import (
    FieldPath,
    birthday_from_parts,
    country_choices,
    label_value,
    local_time,
    parse_field_path,
    parse_tags,
)
from crm_desktop.domain.scripts import is_rtl, script_of

@pytest.mark.parametrize(
    ("text", "rtl"),
    [("عائشہ خان", True), ("Ali", False), ("123 عائشہ", True), ("  (Ali) عائشہ", False), ("", False),
     ("प्रिया", False), ("தமிழ்", False), ("۱۲۳", False)],
)  # fmt: skip
def test_text_direction_follows_the_first_strong_character(text, rtl):
    assert is_rtl(text) is rtl


@pytest.mark.parametrize(
    ("text", "script"),
    [("Ali", None), ("José 12", None), ("عائشہ", "arabic"), ("Ali خان", "arabic"), ("ﷲ", "arabic"),
     ("राहुल", "devanagari"), ("முருகன்", "tamil"), ("", None)],
)  # fmt: skip
def test_script_of_names_the_first_non_latin_script(text, script):
    assert script_of(text) == script


def test_tags_split_at_commas_and_keep_words_as_typed():
    assert parse_tags("vip, Lahore ,  کراچی,,") == ["vip", "Lahore", "کراچی"]
    assert parse_tags("") == []
    assert parse_tags("two words") == ["two words"]


def test_field_paths_of_validation_errors():
    assert parse_field_path("first_name") == FieldPath("first_name")
    assert parse_field_path("emails[0]") == FieldPath("emails", 0)
    assert parse_field_path("addresses[12].country") == FieldPath("addresses", 12, "country")


def test_birthday_parts():
    assert birthday_from_parts(None, None, "") == (None, None)
    assert birthday_from_parts(29, 2, "") == (Birthday(2, 29, None), None)
    assert birthday_from_parts(1, 12, "1984") == (Birthday(12, 1, 1984), None)
    # Something typed is never silently dropped: a part-filled birthday is an error.
    assert birthday_from_parts(None, None, "1984")[1]
    assert birthday_from_parts(5, None, "")[1]


def test_labels_map_presets_and_keep_anything_else():
    presets = [("mobile", "Mobile"), ("work", "Work")]
    assert label_value("Mobile", presets) == "mobile"
    assert label_value("Dubai office", presets) == "Dubai office"


def test_stored_utc_instant_is_shown_in_local_time():
    moment = local_time("2025-03-01T09:30:00.000000Z")
    assert moment.utcoffset() == dt.datetime(2025, 3, 1, 9, 30, tzinfo=dt.UTC).astimezone().utcoffset()
    assert moment == dt.datetime(2025, 3, 1, 9, 30, tzinfo=dt.UTC)
    assert local_time(None) is None


def test_country_choices_are_sorted_by_name_and_fall_back_to_the_code():
    names = {"PK": "Pakistan", "IN": "India", "LK": "Sri Lanka"}
    assert country_choices(["PK", "LK", "IN", "XK"], lambda code: names.get(code, "")) == [
        ("India (IN)", "IN"), ("Pakistan (PK)", "PK"), ("Sri Lanka (LK)", "LK"), ("XK (XK)", "XK")
    ]
