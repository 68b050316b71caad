"""Evidence beyond the name: date of birth, nationality and identifiers.

Official lists carry dates of birth, nationalities and document numbers, and these decide most
person matches in practice. A query may give them too (``ScreeningQuery.dob``, ``nationality``,
``identifiers``); the list entity carries them as FollowTheMoney properties (``birthDate``,
``nationality``, ``citizenship``, ``country``, ``passportNumber``, ``idNumber``,
``registrationNumber``, ``imoNumber``, ``leiCode`` ...) in ``ListEntity.properties`` when the
importer stored them, and its identifiers in ``ListEntity.identifiers``.

The rules (the weights are in :class:`ScreeningConfig`):

- an identifier of the query found on the entity **decides**: the score becomes at least
  ``identifier_match_score`` (a match);
- the date of birth raises the score when it agrees (exact date more than the year, a year
  inside a listed range less) and lowers it when it contradicts (more than one year apart from
  every listed date) — but a contradicting date alone never clears a strong name match: the
  score is held in the review band, because lists carry wrong and approximate dates;
- the nationality raises the score a little when the entity has it, and lowers it a little when
  the entity lists others.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date

from catchall.core.errors import InputError

# Identifier kinds a query may name, and the entity properties that hold each.
IDENTIFIER_PROPERTIES: dict[str, tuple[str, ...]] = {
    "passport": ("passportNumber",),
    "national_id": ("idNumber", "socialSecurityNumber"),
    "registration": ("registrationNumber", "ogrnCode", "innCode", "okpoCode"),
    "tax": ("taxNumber", "vatCode", "innCode"),
    "imo": ("imoNumber",),
    "lei": ("leiCode",),
    "swift": ("swiftBic",),
    "duns": ("dunsCode",),
    "other": (),
}
_ALIASES = {"id": "national_id", "nid": "national_id", "reg": "registration", "vat": "tax"}
_NATIONALITY_PROPS = ("nationality", "citizenship")
_BIRTH_PROPS = ("birthDate",)
_DOB = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
_RANGE = re.compile(r"^(\d{4})(?:-\d{2}(?:-\d{2})?)?\s*(?:\.\.|/|–|-\s)\s*(\d{4})")
_NOT_ALNUM = re.compile(r"[^0-9A-Z]+")


@dataclass(frozen=True, slots=True)
class BirthDate:
    """A date of birth as precise as it was given: a day, a month or a year (or years)."""

    first_year: int
    last_year: int
    month: int = 0
    day: int = 0

    @property
    def text(self) -> str:
        if self.first_year != self.last_year:
            return f"{self.first_year}–{self.last_year}"
        if self.day:
            return f"{self.first_year}-{self.month:02d}-{self.day:02d}"
        if self.month:
            return f"{self.first_year}-{self.month:02d}"
        return str(self.first_year)


def parse_dob(text: str, field: str = "dob") -> BirthDate:
    """``1964-07-17``, ``1964-07`` or ``1964``; raises InputError naming ``field``."""
    m = _DOB.match(text.strip())
    if not m:
        raise InputError("must be a date YYYY-MM-DD, YYYY-MM or a year YYYY", field=field)
    year, month, day = int(m.group(1)), int(m.group(2) or 0), int(m.group(3) or 0)
    try:
        if day:
            when = date(year, month, day)
            if when > date.today():
                raise InputError("is in the future", field=field)
        elif month and not 1 <= month <= 12:
            raise ValueError
    except ValueError:
        raise InputError(f"{text.strip()!r} is not a calendar date", field=field) from None
    if not 1850 <= year <= date.today().year:
        raise InputError("year must be between 1850 and this year", field=field)
    return BirthDate(year, year, month, day)


def _listed_birth(text: str) -> BirthDate | None:
    """A listed birth date, read leniently (lists write years, ranges and full dates)."""
    text = str(text).strip()
    m = _RANGE.match(text)
    if m:
        a, b = int(m.group(1)), int(m.group(2))
        return BirthDate(min(a, b), max(a, b))
    m = _DOB.match(text[:10])
    if not m:
        return None
    year, month, day = int(m.group(1)), int(m.group(2) or 0), int(m.group(3) or 0)
    return BirthDate(year, year, month, day)


def normalize_identifier(value: str) -> str:
    return _NOT_ALNUM.sub("", value.upper())


def parse_identifier(text: str, field: str = "identifiers") -> tuple[str, str]:
    """``passport:A1234567`` -> ("passport", "A1234567"); a bare number is of kind "other"."""
    kind, sep, value = text.partition(":")
    if not sep:
        kind, value = "other", text
    kind = _ALIASES.get(kind.strip().lower(), kind.strip().lower())
    if kind not in IDENTIFIER_PROPERTIES:
        raise InputError(
            f"kind {kind!r} is not one of {', '.join(IDENTIFIER_PROPERTIES)}", field=field
        )
    number = normalize_identifier(value)
    if not 3 <= len(number) <= 64:
        raise InputError("must have 3 to 64 letters or digits", field=field)
    return kind, number


def validate_evidence(
    dob: str | None, nationality: str | None, identifiers: Iterable[str]
) -> tuple[BirthDate | None, str | None, tuple[tuple[str, str], ...]]:
    """Parse the query's evidence (raises InputError naming the field)."""
    born = parse_dob(dob) if dob else None
    if nationality is not None and (len(nationality) != 2 or not nationality.isalpha()):
        raise InputError("must be an ISO 3166 alpha-2 code such as 'IR'", field="nationality")
    ids = tuple(parse_identifier(t, f"identifiers[{i}]") for i, t in enumerate(identifiers))
    return born, nationality.upper() if nationality else None, ids


def _values(props: Mapping, names: Iterable[str]) -> list[str]:
    out: list[str] = []
    for name in names:
        raw = props.get(name) if props else None
        if isinstance(raw, str):
            out.append(raw)
        elif raw:
            out.extend(str(v) for v in raw)
    return out


def entity_properties(entity) -> Mapping:
    """The entity's FollowTheMoney properties, if the importer kept them."""
    props = getattr(entity, "properties", None)
    return props if isinstance(props, Mapping) else {}


def entity_identifier_index(entity) -> set[str]:
    """Every identifier of an entity, normalised (for the index's identifier look-up)."""
    props = entity_properties(entity)
    names = {p for ps in IDENTIFIER_PROPERTIES.values() for p in ps}
    values = [*_values(props, names), *entity.identifiers]
    out = set()
    for value in values:
        number = normalize_identifier(value)
        if len(number) >= 3:
            out.add(number)
        for part in re.split(r"[\s,;:]+", str(value)):  # "Passport A1234567 (Iran)"
            part = normalize_identifier(part)
            if len(part) >= 5 and any(ch.isdigit() for ch in part):
                out.add(part)
    return out


def evidence_qualifiers(
    entity,
    born: BirthDate | None,
    nationality: str | None,
    identifiers: tuple[tuple[str, str], ...],
    config,
) -> list[tuple[str, float, str]]:
    """Features (name, weight, detail) the query's evidence adds against one entity."""
    out: list[tuple[str, float, str]] = []
    props = entity_properties(entity)
    if identifiers:
        known = entity_identifier_index(entity)
        for kind, number in identifiers:
            if number in known:
                label = kind.replace("_", " ")
                out.append(
                    ("identifier_match", 0.0, f"{label} number {number} is on the list entry")
                )
                break
    if born is not None:
        listed = [b for b in map(_listed_birth, _values(props, _BIRTH_PROPS)) if b]
        if listed:
            out.append(_compare_birth(born, listed, config))
    if nationality:
        theirs = [v.upper() for v in _values(props, _NATIONALITY_PROPS) if len(v) == 2]
        if theirs:
            if nationality in theirs:
                out.append(
                    (
                        "nationality_match",
                        config.nationality_match_bonus,
                        f"nationality {nationality} matches",
                    )
                )
            else:
                out.append(
                    (
                        "nationality_mismatch",
                        -config.nationality_mismatch_penalty,
                        f"nationality {nationality}, listed {'/'.join(sorted(set(theirs)))}",
                    )
                )
    return out


def _compare_birth(born: BirthDate, listed: list[BirthDate], config) -> tuple[str, float, str]:
    shown = ", ".join(b.text for b in listed[:3])
    for b in listed:
        if (
            born.day
            and b.day
            and (born.first_year, born.month, born.day)
            == (
                b.first_year,
                b.month,
                b.day,
            )
        ):
            return ("dob_match", config.dob_exact_bonus, f"date of birth {born.text} matches")
    for b in listed:
        if b.first_year == b.last_year == born.first_year:
            if born.day and b.day:
                continue  # same year, another day: neither for nor against
            return (
                "dob_year_match",
                config.dob_year_bonus,
                f"year of birth {born.first_year} matches",
            )
    for b in listed:
        if b.first_year <= born.first_year <= b.last_year and b.first_year != b.last_year:
            return (
                "dob_range_match",
                config.dob_range_bonus,
                f"born {born.first_year}, listed person born {b.text}: within the range",
            )
    near = min(
        min(abs(born.first_year - b.first_year), abs(born.first_year - b.last_year)) for b in listed
    )
    if near <= 1:
        return ("dob_near", 0.0, f"born {born.text}, listed person born {shown}: close")
    return (
        "dob_mismatch",
        -config.dob_mismatch_penalty,
        f"born {born.text}, listed person born {shown}: lowered",
    )
