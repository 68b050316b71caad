"""Chemical identity: CAS Registry Numbers and the names the control lists use.

A chemical item may give its name (``substance``), its CAS number (``cas_number``) or both; the
packaged catalogue ``data/chemicals.yaml`` (names and numbers copied from the lists' text)
derives the one from the other, so an entry written against CAS numbers also catches an item
named in words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from catchall.core.errors import InputError
from catchall.core.vocabulary import read_packaged_yaml

_CAS = re.compile(r"^(\d{2,7})-(\d{2})-(\d)$")
MAX_NAME = 200


def cas_check_digit(body: str) -> int:
    """The check digit of a CAS number's first two parts (digits only): the digits from the
    right, weighted 1, 2, 3, ..., summed, modulo 10."""
    return sum(i * int(d) for i, d in enumerate(reversed(body), start=1)) % 10


def normalise_cas(value: object) -> str:
    """``value`` as a CAS number "NNNNNNN-NN-N"; InputError naming the problem otherwise."""
    if not isinstance(value, str):
        raise InputError('a CAS number is text such as "69102-90-5"')
    text = value.strip()
    if text.upper().startswith("CAS"):
        text = text[3:].strip(" :")
    m = _CAS.match(text)
    if not m:
        raise InputError(
            f'"{value}" is not a CAS number (expected 2-7 digits, 2 digits and a check digit '
            'separated by hyphens, e.g. "69102-90-5")'
        )
    first, second, check = m.groups()
    first = first.lstrip("0") or "0"
    if len(first) < 2:
        raise InputError(f'"{value}" is not a CAS number (the first part has 2 to 7 digits)')
    expected = cas_check_digit(first + second)
    if int(check) != expected:
        raise InputError(
            f'"{value}" is not a valid CAS number: its check digit is {check}, but '
            f"{first}-{second} gives {expected} (a typing error?)"
        )
    return f"{first}-{second}-{check}"


def _key(name: str) -> str:
    return " ".join(name.lower().split())


@dataclass(frozen=True)
class Substance:
    name: str
    cas: tuple[str, ...]
    entry: str
    synonyms: tuple[str, ...] = ()


@dataclass(frozen=True)
class Catalogue:
    substances: tuple[Substance, ...]
    by_name: dict[str, Substance]
    by_cas: dict[str, Substance]

    def named(self, name: str) -> Substance | None:
        return self.by_name.get(_key(name))


@cache
def catalogue() -> Catalogue:
    raw = read_packaged_yaml("chemicals.yaml") or {}
    subs = tuple(
        Substance(
            name=_key(s["name"]),
            cas=tuple(normalise_cas(c) for c in s.get("cas") or ()),
            entry=str(s.get("entry", "")),
            synonyms=tuple(s.get("synonyms") or ()),
        )
        for s in raw.get("substances") or ()
    )
    by_name: dict[str, Substance] = {}
    by_cas: dict[str, Substance] = {}
    for s in subs:
        for n in (s.name, *s.synonyms):
            by_name[_key(n)] = s
        for c in s.cas:
            by_cas[c] = s
    return Catalogue(subs, by_name, by_cas)


def normalise_substance(value: object) -> str:
    """A chemical name in the catalogue's spelling when it is known (synonyms and abbreviations
    included, case and spacing ignored), else the name as given in lower case: a chemical on no
    list may still be described."""
    if not isinstance(value, str) or not value.strip():
        raise InputError(
            'a substance is a chemical name such as "hydroxy-terminated polybutadiene"'
        )
    if len(value) > MAX_NAME:
        raise InputError(f"longer than {MAX_NAME} characters")
    known = catalogue().named(value)
    return known.name if known else _key(value)
