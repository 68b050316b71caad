"""The packaged starter programs-of-concern list (data/screening/programs-of-concern.yaml).

A fresh installation must screen against something real before an authority imports its own
feeds, and the acronyms and UN/OFAC spelling pairs collected there help even afterwards. The
YAML keeps per-designation detail (authority, basis, reference, date, status, what is
unverified); ``load_starter_list`` flattens it into :class:`ListEntity` values for the index,
folding the detail into ``programs``, ``authority`` and ``notes`` so explanations can cite it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import cache
from importlib import resources
from typing import Any

import yaml

from catchall.core.model import SCHEMATA, ListEntity

LIST_NAME = "programs-of-concern"
_RESOURCE = ("data", "screening", "programs-of-concern.yaml")
_OFAC_ENTRY_URL = "https://sanctionssearch.ofac.treas.gov/Details.aspx?id={}"
_STATUSES = frozenset({"active", "re-applied", "delisted"})


@dataclass(frozen=True)
class Source:
    key: str
    title: str
    url: str | None
    date: date | None
    note: str | None


@dataclass(frozen=True)
class Designation:
    authority: str
    basis: str
    status: str
    source: str  # key into StarterListInfo.sources
    reference: str | None = None
    listed_on: date | None = None
    added_by: str | None = None
    programs: tuple[str, ...] = ()
    unverified: tuple[str, ...] = ()  # which of its facts no source read for the file confirmed

    @property
    def date_verified(self) -> bool:
        return self.listed_on is not None and "listed_on" not in self.unverified


@dataclass(frozen=True)
class Alias:
    name: str
    by: str
    verified: bool = True


@dataclass(frozen=True)
class StarterRecord:
    """One entity as the YAML describes it, before flattening."""

    id: str
    schema: str
    name: str
    countries: tuple[str, ...]
    program_country: str
    status: str
    aliases: tuple[Alias, ...]
    weak_aliases: tuple[Alias, ...]
    designations: tuple[Designation, ...]
    addresses: tuple[str, ...]
    notes: str
    source_url: str | None
    verified: bool
    birth_date: date | None


@dataclass(frozen=True)
class StarterListInfo:
    name: str
    title: str
    label: str  # "a dated starter list (as of ...), to be replaced by official feeds"
    as_of: date
    version: str
    scope: str
    sources: dict[str, Source]
    entity_count: int
    audience: str = "authority"  # who may screen against it ("public" as the file says)


def starter_list_info() -> StarterListInfo:
    """Title, version date and sources of the packaged list, for the lists page and reports."""
    return _load()[0]


def starter_list_records() -> tuple[StarterRecord, ...]:
    """The entities with their full designation detail."""
    return _load()[1]


def load_starter_list(include_delisted: bool = True) -> list[ListEntity]:
    """The starter list as screening entities.

    Past designations are kept by default: a former program supplier is still a red flag for a
    catch-all review; their notes say the designation was lifted.
    """
    info, records = _load()
    return [
        _to_entity(record, info)
        for record in records
        if include_delisted or record.status != "delisted"
    ]


@cache
def _load() -> tuple[StarterListInfo, tuple[StarterRecord, ...]]:
    text = resources.files("catchall").joinpath(*_RESOURCE).read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    sources = {
        key: Source(key, s["title"], s.get("url"), _date(s.get("date")), s.get("note"))
        for key, s in data["sources"].items()
    }
    records = tuple(_record(raw, sources) for raw in data["entities"])
    meta = data["list"]
    info = StarterListInfo(
        name=meta["name"],
        title=meta["title"],
        label=meta["label"],
        as_of=_date(meta["as_of"]),
        version=str(meta["version"]),
        scope=" ".join(str(meta.get("scope", "")).split()),
        sources=sources,
        entity_count=len(records),
        audience=str(meta.get("audience", "authority")),
    )
    return info, records


def _record(raw: dict[str, Any], sources: dict[str, Source]) -> StarterRecord:
    entity_id = raw.get("id", "?")
    try:
        designations = tuple(_designation(d) for d in raw["designations"])
        record = StarterRecord(
            id=raw["id"],
            schema=raw["schema"],
            name=raw["name"],
            countries=tuple(raw["countries"]),
            program_country=raw["program_country"],
            status=raw["status"],
            aliases=tuple(_alias(a) for a in raw.get("aliases") or ()),
            weak_aliases=tuple(_alias(a) for a in raw.get("weak_aliases") or ()),
            designations=designations,
            addresses=tuple(raw.get("addresses") or ()),
            notes=" ".join(str(raw.get("notes", "")).split()),
            source_url=raw.get("source_url"),
            verified=bool(raw.get("verified", True)),
            birth_date=_date(raw.get("birth_date")),
        )
    except (KeyError, TypeError) as exc:
        raise ValueError(f"starter list entity {entity_id}: malformed ({exc})") from exc
    problems = []
    if record.schema not in SCHEMATA:
        problems.append(f"schema {record.schema!r}")
    if record.status not in _STATUSES or any(d.status not in _STATUSES for d in designations):
        problems.append("status")
    if not designations or any(d.source not in sources for d in designations):
        problems.append("designation source")
    if problems:
        raise ValueError(f"starter list entity {entity_id}: bad {', '.join(problems)}")
    return record


def _designation(raw: dict[str, Any]) -> Designation:
    return Designation(
        authority=raw["authority"],
        basis=raw["basis"],
        status=raw["status"],
        source=raw["source"],
        reference=raw.get("reference"),
        listed_on=_date(raw.get("listed_on")),
        added_by=raw.get("added_by"),
        programs=tuple(raw.get("programs") or ()),
        unverified=tuple(raw.get("unverified") or ()),
    )


def _alias(raw: str | dict[str, Any]) -> Alias:
    if isinstance(raw, str):
        return Alias(raw, "")
    return Alias(str(raw["name"]), str(raw.get("by", "")), bool(raw.get("verified", True)))


def _date(value: Any) -> date | None:
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(str(value))


def _to_entity(record: StarterRecord, info: StarterListInfo) -> ListEntity:
    designations = record.designations
    programs = [p for d in designations for p in (d.basis, *d.programs)]
    authorities = list(dict.fromkeys(d.authority for d in designations))
    dates = [d.listed_on for d in designations if d.date_verified and d.listed_on]
    return ListEntity(
        id=record.id,
        schema=record.schema,
        name=record.name,
        list_name=LIST_NAME,
        aliases=tuple(a.name for a in record.aliases),
        weak_aliases=tuple(a.name for a in record.weak_aliases),
        countries=record.countries,
        addresses=record.addresses,
        programs=tuple(dict.fromkeys(programs)),
        source_url=record.source_url or _source_url(record, info),
        authority="; ".join(authorities),
        listed_on=min(dates) if dates else None,
        notes=_notes(record, info),
    )


def _source_url(record: StarterRecord, info: StarterListInfo) -> str | None:
    for designation in record.designations:
        match = re.fullmatch(r"SDN (\d+)", designation.reference or "")
        if match:
            return _OFAC_ENTRY_URL.format(match.group(1))
    for designation in record.designations:
        url = info.sources[designation.source].url
        if url:
            return url
    return None


def _notes(record: StarterRecord, info: StarterListInfo) -> str:
    parts = [record.notes] if record.notes else []
    if record.status == "delisted":
        parts.append("Past designation: no longer listed.")
    listings = "; ".join(_describe(d) for d in record.designations)
    parts.append(f"Designations: {listings}.")
    doubtful = [
        f"alias {a.name!r}" for a in (*record.aliases, *record.weak_aliases) if not a.verified
    ]
    if not record.verified:
        doubtful.insert(0, "the entry itself")
    if doubtful:
        parts.append(f"Unverified: {', '.join(doubtful)}.")
    if record.birth_date:
        parts.append(f"Born {record.birth_date.isoformat()}.")
    parts.append(f"Source: {info.title}, {info.label}.")
    return " ".join(parts)


def _describe(d: Designation) -> str:
    text = f"{d.authority}, {d.basis}"
    if d.added_by:
        text += f" (added by {d.added_by}{'?' if 'added_by' in d.unverified else ''})"
    if d.reference:
        text += f", {d.reference}"
    if d.listed_on:
        text += f", listed {d.listed_on.isoformat()}"
        if "listed_on" in d.unverified:
            text += " (date unverified)"
    else:
        text += ", listing date not confirmed"
    if d.status != "active":
        text += f", {d.status}"
    others = [u for u in d.unverified if u not in ("listed_on", "added_by")]
    if others:
        text += f" (unverified: {', '.join(others)})"
    return text
