"""Value cleaning shared by all importers."""

from __future__ import annotations

import unicodedata
from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from catchall.core.screening.importers.clean import (
    clean_text,
    country_code,
    country_from_name,
    iso_country_codes,
    parse_date,
    split_multi,
)


def test_real_country_codes_rejected_or_pseudo_codes_accepted():
    assert country_code("ir") == "IR" and country_code(" KP ") == "KP"
    assert country_code("ua-cri") == "UA"
    for bad in ("EU", "ZZ", "UN", "XX", "UK", "IRN", "", "Iran"):
        assert country_code(bad) is None
    assert {"IR", "KP", "SY", "CN", "PK", "HK", "TW", "XK"} <= iso_country_codes()


def test_country_names_not_resolved_where_allowed():
    assert country_from_name("Iran") == "IR"
    assert country_from_name("Democratic People's Republic of Korea") == "KP"
    assert country_from_name("Atlantis") is None


def test_cp1252_mojibake_deleted_instead_of_repaired():
    assert clean_text("Gui\x92an") == ("Gui’an", True)
    assert clean_text("Gui\udc92an") == ("Gui’an", True)
    assert clean_text("  Shahid   Hemmat\n") == ("Shahid Hemmat", False)
    assert clean_text("\u0645\u06cc\u200c\u0631")[0] == "\u0645\u06cc\u200c\u0631"  # ZWNJ kept
    assert clean_text(None) == ("", False)


@given(st.text())
def test_control_characters_survive_cleaning(value):
    text, _ = clean_text(value)
    assert text == text.strip()
    assert not any(unicodedata.category(c) == "Cc" for c in text)
    assert "\u200b" not in text and "\ufeff" not in text


def test_partial_or_invalid_dates_invented():
    assert parse_date("2006-12-23") == date(2006, 12, 23)
    assert parse_date("2006-12-23T10:00:00") == date(2006, 12, 23)
    for bad in ("2006", "2006-12", "2006-13-01", "", None, 20061223):
        assert parse_date(bad) is None


def test_multi_value_cells_keep_empty_parts():
    assert split_multi(" a; b ;;c; ") == ["a", "b", "c"]
    assert split_multi(None) == [] and split_multi("") == []
