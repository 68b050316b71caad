"""Shared value types of the core.

Immutable and free of Django. Screening types are slotted dataclasses because an index holds
millions of names; input contracts that users write (items, applications) are validated by the
parsers in ``catchall.core.items`` and ``catchall.core.assessment.application``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

# Schemata a screened party or list entity can have (FollowTheMoney names).
SCHEMATA = ("Person", "Company", "Organization", "LegalEntity")


@dataclass(frozen=True, slots=True)
class ListEntity:
    """One entity of a screening list (denial, sanctions or programs-of-concern list)."""

    id: str
    schema: str
    name: str
    list_name: str = ""
    aliases: tuple[str, ...] = ()
    weak_aliases: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()  # ISO 3166 alpha-2, upper case
    addresses: tuple[str, ...] = ()
    identifiers: tuple[str, ...] = ()
    programs: tuple[str, ...] = ()
    source_url: str | None = None
    authority: str | None = None
    listed_on: date | None = None
    notes: str | None = None
    # Everything else the list says about the party, in FollowTheMoney property names
    # (birthDate, birthPlace, nationality, passportNumber, idNumber, registrationNumber, ...;
    # see docs/list-formats.md). Values are strings: dates ISO (possibly partial: "1962",
    # "1962-05"), countries ISO alpha-2 upper case. Not part of the hash.
    properties: dict[str, tuple[str, ...]] = field(default_factory=dict, hash=False)

    @property
    def all_names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)


@dataclass(frozen=True, slots=True)
class ScreeningQuery:
    """A party to screen."""

    name: str
    country: str | None = None  # ISO alpha-2, upper case
    schema: str | None = None
    id: str | None = None
    # Evidence beyond the name (core/screening/evidence.py): a date of birth "1964-07-17",
    # "1964-07" or "1964"; a nationality (ISO alpha-2); identifiers "passport:A1234567".
    dob: str | None = None
    nationality: str | None = None
    identifiers: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Feature:
    """One reason that moved a screening score, for the explanation."""

    name: str  # e.g. "token_match", "acronym", "transliteration", "country_mismatch"
    weight: float  # its contribution to the score (negative for penalties)
    detail: str  # human text: what matched what


@dataclass(frozen=True, slots=True)
class ScreeningMatch:
    entity_id: str
    list: str
    name: str  # the entity's primary name
    matched_name: str  # the list name or alias the query met
    score: float  # calibrated 0..1
    decision: str  # "match" | "possible"
    explanation: str  # one readable sentence
    features: tuple[Feature, ...] = ()
    schema: str = ""
    countries: tuple[str, ...] = ()
    programs: tuple[str, ...] = ()
    # 1 + the number of matches scored strictly higher: entries with the same score share a
    # rank, so a tie at the top is shown as a tie rather than as one entity "first".
    rank: int = 1

    def as_dict(self) -> dict:
        """The documented JSON shape of a match (CLI, API, assessment, records)."""
        return {
            "entity_id": self.entity_id,
            "list": self.list,
            "name": self.name,
            "matched_name": self.matched_name,
            "score": round(self.score, 3),
            "decision": self.decision,
            "explanation": self.explanation,
            "features": [
                {"name": f.name, "weight": round(f.weight, 3), "detail": f.detail}
                for f in self.features
            ],
            "schema": self.schema,
            "countries": list(self.countries),
            "programs": list(self.programs),
            "rank": self.rank,
        }


@dataclass(frozen=True, slots=True)
class ScreeningResult:
    query: ScreeningQuery
    decision: str  # "match" | "possible" | "clear"
    matches: tuple[ScreeningMatch, ...] = field(default_factory=tuple)
