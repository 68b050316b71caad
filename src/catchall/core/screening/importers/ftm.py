"""FollowTheMoney JSON lines (OpenSanctions ``entities.ftm.json``) → list entities.

One pass, line by line, so a multi-hundred-megabyte export never sits in memory as text. Party
entities become drafts; Sanction, Address and Identification entities go into small side tables
keyed by the entity they point at, because they may come before or after it. The drafts are
completed from the side tables at the end.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from followthemoney.schema import Schema

from catchall.core.errors import InputError
from catchall.core.model import SCHEMATA

from .clean import MAX_TEXT_LENGTH, cap, clean_text, country_code, parse_date
from .draft import Draft
from .report import PROGRESS_EVERY, Collector, ImportReport, Progress
from .source import Source, open_text, strip_bom

_ALIAS_PROPS = ("alias", "previousName")
_COUNTRY_PROPS = ("country", "jurisdiction", "nationality", "citizenship", "mainCountry")
# Identifier-typed properties that name the party (not activity codes, branch codes or list ids).
_IDENTIFIER_PROPS = (
    "registrationNumber",
    "idNumber",
    "taxNumber",
    "vatCode",
    "innCode",
    "ogrnCode",
    "okpoCode",
    "leiCode",
    "dunsCode",
    "uniqueEntityId",
    "swiftBic",
    "imoNumber",
    "passportNumber",
    "socialSecurityNumber",
    "licenseNumber",
    "npiCode",
    "uscCode",
    "bvdId",
)
# Matchable schemata that describe a place or a role, not a list target.
_CONTEXT_MATCHABLE = frozenset({"Address", "Position", "Territory"})
_MAX_PROGRAM_LENGTH = 200
_MAX_AUTHORITIES = 5


@dataclass
class _Sanction:
    programs: list[str] = field(default_factory=list)
    authorities: list[str] = field(default_factory=list)
    dates: list[date] = field(default_factory=list)
    source_urls: list[str] = field(default_factory=list)


@dataclass
class _State:
    drafts: dict[str, Draft] = field(default_factory=dict)
    address_refs: dict[str, list[str]] = field(default_factory=dict)
    sanctions: dict[str, _Sanction] = field(default_factory=dict)
    addresses: dict[str, tuple[str, str | None]] = field(default_factory=dict)
    identifications: dict[str, list[str]] = field(default_factory=dict)
    objects: int = 0  # lines that parsed as JSON objects


def read_ftm(
    source: Source,
    list_name: str,
    *,
    progress: Progress | None = None,
    progress_every: int = PROGRESS_EVERY,
    targets_only: bool = False,
) -> ImportReport:
    """Read FollowTheMoney JSON lines (full export or ADD/MOD delta lines).

    ``targets_only`` keeps only entities the source marks as list targets; by default related
    parties (owners, subsidiaries, ``target: false``) are imported too, with a note saying so.
    """
    out = Collector(list_name, "ftm", progress, progress_every)
    state = _State()
    with open_text(source) as stream:
        for line_no, line in enumerate(stream, start=1):
            if line_no == 1:
                line = strip_bom(line)
            if not line.strip():
                continue
            out.record_read()
            _read_line(line, line_no, state, out, targets_only)
    if out.read == 0:
        raise InputError("the file is empty: no FollowTheMoney entities", field="file")
    if state.objects == 0:
        raise InputError("not FollowTheMoney JSON lines: no line holds a JSON object", field="file")
    # Pop drafts as they are finished so that drafts and entities are not both held in full.
    entities = [
        _complete(state.drafts.pop(key), state).finish(list_name) for key in list(state.drafts)
    ]
    return out.report(entities)


def _read_line(line: str, line_no: int, state: _State, out: Collector, targets_only: bool) -> None:
    try:
        data = json.loads(line)
    except json.JSONDecodeError as exc:
        out.skip(
            line_no,
            "invalid JSON",
            f"not valid JSON (truncated or corrupt line?): {exc.msg} at column {exc.colno}",
        )
        return
    if isinstance(data, dict) and "op" in data and "entity" in data:  # delta file line
        if data["op"] == "DEL":
            out.skip(line_no, "delta DEL", "a delta DEL line cannot apply to a full import")
            return
        data = data["entity"]
    if not isinstance(data, dict):
        out.skip(line_no, "not an object", "line is JSON but not an entity object")
        return
    state.objects += 1
    entity_id, schema_name = data.get("id"), data.get("schema")
    if not isinstance(entity_id, str) or not entity_id.strip():
        out.skip(line_no, "no id", "entity has no id")
        return
    model = _ftm_model()
    schema = model.get(schema_name) if isinstance(schema_name, str) else None
    if schema is None:
        out.skip(line_no, "unknown schema", f"unknown schema {schema_name!r}", entity_id)
        return
    props = _properties(data.get("properties"))
    if props is None:
        out.skip(line_no, "bad properties", "'properties' is not an object", entity_id)
        return
    proxy = model.get_proxy({"id": entity_id, "schema": schema.name, "properties": props})
    if schema.is_a("LegalEntity"):
        if targets_only and data.get("target") is False:
            out.context()
            return
        _read_party(proxy, schema, data, line_no, state, out)
    elif schema.name == "Sanction":
        _read_sanction(proxy, state)
        out.context()
    elif schema.name == "Address":
        _read_address(proxy, state)
        out.context()
    elif schema.is_a("Identification"):
        for holder in proxy.get("holder"):
            state.identifications.setdefault(holder, []).extend(proxy.get("number"))
        out.context()
    elif schema.matchable and schema.name not in _CONTEXT_MATCHABLE:
        out.out_of_scope(line_no, schema.name)
    else:
        out.context()


def _properties(raw: Any) -> dict[str, list[str]] | None:
    """Property values as lists of strings; a bare string would otherwise be split into characters."""
    if raw is None:
        return {}
    if not isinstance(raw, dict):
        return None
    props: dict[str, list[str]] = {}
    for key, values in raw.items():
        if isinstance(values, str):
            values = [values]
        if isinstance(values, list):
            strings = [v for v in values if isinstance(v, str)]
            if strings:
                props[str(key)] = strings
    return props


@cache
def _ftm_model():
    """The FollowTheMoney model, loaded on first use: importing it takes seconds, and most
    processes (every CLI command, every web worker) never read an FtM file."""
    from followthemoney import model

    return model


def _party_schema(schema: Schema) -> str:
    if schema.name in SCHEMATA:
        return schema.name
    return "Organization" if schema.is_a("Organization") else "LegalEntity"


def _read_party(
    proxy, schema: Schema, data: dict, line_no: int, state: _State, out: Collector
) -> None:
    draft = Draft(proxy.id, _party_schema(schema), line_no)
    names = proxy.get("name")
    caption = data.get("caption")
    if isinstance(caption, str) and caption in names:
        names = [caption, *names]
    draft.add_names(names)
    draft.add_names([v for p in _ALIAS_PROPS for v in proxy.get(p, quiet=True)], "alias")
    draft.add_names(proxy.get("weakAlias", quiet=True), "weak alias")
    if not draft.names and not draft.name_too_long:
        parts = [proxy.first(p, quiet=True) for p in ("firstName", "middleName", "lastName")]
        draft.add_names([" ".join(p for p in parts if p)])
    if not draft.names and draft.aliases and not draft.name_too_long:
        draft.names.append(draft.aliases.pop(0))
    problem = draft.problem()
    if problem:
        out.skip(line_no, problem, f"entity skipped: {problem}", proxy.id)
        return
    if proxy.id in state.drafts:
        first = state.drafts[proxy.id].line
        out.skip(
            line_no, "duplicate id", f"duplicate id, first seen on line {first}; skipped", proxy.id
        )
        return
    for prop in _COUNTRY_PROPS:
        draft.add_countries(proxy.get(prop, quiet=True))
    draft.add_text(draft.addresses, proxy.get("address", quiet=True))
    draft.add_text(
        draft.identifiers, [v for p in _IDENTIFIER_PROPS for v in proxy.get(p, quiet=True)]
    )
    draft.programs.extend(_programs(proxy))
    draft.programs.extend(f"topic:{t}" for t in proxy.get("topics", quiet=True))
    urls = proxy.get("sourceUrl", quiet=True)
    draft.source_url = urls[0] if urls else None
    if data.get("target") is False:
        draft.notes.append("Related party, not itself a target of the source (FtM target=false)")
    datasets = data.get("datasets")
    if isinstance(datasets, list) and datasets:
        draft.notes.append("Datasets: " + ", ".join(str(d) for d in datasets))
    draft.add_text(draft.notes, proxy.get("notes", quiet=True))
    for issue in draft.issues:
        out.warn(line_no, issue, proxy.id)
    state.drafts[proxy.id] = draft
    state.address_refs[proxy.id] = proxy.get("addressEntity", quiet=True)


def _programs(proxy) -> list[str]:
    """Program ids where the source gives them, else program names (short ones)."""
    ids = proxy.get("programId", quiet=True)
    if ids:
        return ids
    names = (clean_text(v)[0] for v in proxy.get("program", quiet=True))
    return [cap(n, _MAX_PROGRAM_LENGTH) for n in names if n]


def _read_sanction(proxy, state: _State) -> None:
    for entity_id in proxy.get("entity"):
        info = state.sanctions.setdefault(entity_id, _Sanction())
        info.programs.extend(_programs(proxy))
        info.authorities.extend(clean_text(a)[0] for a in proxy.get("authority"))
        for prop in ("listingDate", "startDate"):
            info.dates.extend(d for d in map(parse_date, proxy.get(prop)) if d)
        info.source_urls.extend(proxy.get("sourceUrl"))


def _read_address(proxy, state: _State) -> None:
    full = proxy.first("full")
    if not full:
        parts = [proxy.first(p) for p in ("street", "city", "postalCode", "region", "country")]
        full = ", ".join(p for p in parts if p)
    text = cap(clean_text(full)[0], MAX_TEXT_LENGTH) if full else ""
    country = proxy.first("country")
    state.addresses[proxy.id] = (text, country_code(country) if country else None)


def _complete(draft: Draft, state: _State) -> Draft:
    """Fill a draft from the side tables: sanctions, address entities, identifications."""
    for ref in state.address_refs.get(draft.id, ()):
        text, country = state.addresses.get(ref, ("", None))
        if text:
            draft.addresses.append(text)
        if country:
            draft.countries.append(country)
    draft.add_text(draft.identifiers, state.identifications.get(draft.id, ()))
    info = state.sanctions.get(draft.id)
    if info is not None:
        draft.programs.extend(info.programs)
        authorities = list(dict.fromkeys(a for a in info.authorities if a))
        if authorities:
            more = len(authorities) - _MAX_AUTHORITIES
            draft.authority = "; ".join(authorities[:_MAX_AUTHORITIES]) + (
                f" (+{more} more)" if more > 0 else ""
            )
        if info.dates:
            draft.listed_on = min(info.dates)
        if draft.source_url is None and info.source_urls:
            draft.source_url = info.source_urls[0]
    return draft
