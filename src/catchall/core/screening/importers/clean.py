"""Cleaning of the raw values lists carry: names, country codes, dates, multi-value cells.

Lists arrive with mojibake, stray control characters, country names where codes belong and
names that are really whole paragraphs. Every function here returns the cleaned value or
``None``; the caller decides whether that drops a value or the whole row, and says so.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date
from functools import cache

# Longer than any real party name; longer values are pasted paragraphs or corrupt cells.
MAX_NAME_LENGTH = 500
# Free text (addresses, notes) is capped so that one bad cell cannot bloat the index.
MAX_TEXT_LENGTH = 2000

# C1 controls (U+0080..U+009F) are almost always Windows-1252 bytes decoded as Latin-1;
# surrogates U+DC80..U+DCFF are undecodable bytes kept by the "surrogateescape" handler.
_MOJIBAKE = re.compile("[\x80-\x9f\udc80-\udcff]")
# Invisible characters that only get in the way of matching. ZWJ/ZWNJ stay: Persian and
# Indic spellings need them.
_INVISIBLE = re.compile(
    "[\x00-\x08\x0e-\x1f\x7f\u200b\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]"
)
_SPACES = re.compile(r"\s+")

# ISO 3166 alpha-2 user-assigned or grouping codes that are not a country.
_NOT_COUNTRIES = frozenset({"ZZ", "EU", "UN"})


def _repair_byte(match: re.Match[str]) -> str:
    char = match.group(0)
    code = ord(char) - 0xDC00 if ord(char) >= 0xDC00 else ord(char)
    try:
        return bytes([code]).decode("cp1252")
    except UnicodeDecodeError:
        return ""


def clean_text(value: object) -> tuple[str, bool]:
    """The value as one line of NFC text, and whether anything had to be removed or repaired."""
    if not isinstance(value, str):
        return "", value is not None
    if (  # fast path for the common, already clean value
        value.isprintable()
        and "  " not in value
        and value == value.strip()
        and unicodedata.is_normalized("NFC", value)
    ):
        return value, False
    changed = bool(_MOJIBAKE.search(value) or _INVISIBLE.search(value))
    text = _MOJIBAKE.sub(_repair_byte, value)
    text = _INVISIBLE.sub("", text)
    text = _SPACES.sub(" ", text).strip()
    return unicodedata.normalize("NFC", text), changed


def cap(text: str, limit: int = MAX_TEXT_LENGTH) -> str:
    """Shorten free text to ``limit`` characters, marking the cut."""
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def split_multi(value: str | None, sep: str = ";") -> list[str]:
    """Split a multi-value cell ("a; b;c") into stripped, non-empty parts."""
    if not value:
        return []
    return [part.strip() for part in value.split(sep) if part.strip()]


@cache
def iso_country_codes() -> frozenset[str]:
    """ISO 3166 alpha-2 codes (upper case) known to rigour's territory database."""
    from rigour.territories import get_territories

    codes = {t.code.upper() for t in get_territories() if len(t.code) == 2}
    return frozenset(codes - _NOT_COUNTRIES)


def country_code(value: str) -> str | None:
    """An ISO alpha-2 code for ``value`` if it is one (any case), else ``None``.

    FollowTheMoney region codes such as ``ua-cri`` resolve to their country (``UA``) so that
    an occupied region is still screened as part of its country.
    """
    code = value.strip().upper()
    if len(code) > 3 and code[2] == "-":
        code = code[:2]
    return code if code in iso_country_codes() else None


def country_from_name(value: str) -> str | None:
    """An ISO alpha-2 code for a code or a country name ("Iran", "UAE"), else ``None``."""
    code = country_code(value)
    if code:
        return code
    from rigour.territories import lookup_territory

    territory = lookup_territory(value.strip())
    return country_code(territory.code) if territory is not None else None


def parse_date(value: object) -> date | None:
    """A full ISO date ("2006-12-23", optionally followed by a time); partial dates give None."""
    if isinstance(value, date):
        return value
    if not isinstance(value, str) or len(value.strip()) < 10:
        return None
    try:
        return date.fromisoformat(value.strip()[:10])
    except ValueError:
        return None
