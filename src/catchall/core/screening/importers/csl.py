"""US Consolidated Screening List (trade.gov) → list entities, from its CSV or its JSON.

Both forms carry the same fields; the CSV joins multi-values with "; " and flattens addresses
and ids into "a, b, c" strings, the JSON keeps arrays and objects. Each record is reduced to one
neutral shape (``_Record``) and mapped once. Vessels and aircraft are not imported: screening
covers the parties to a transaction, and a ship's name matching a company name is noise.
"""

from __future__ import annotations

import csv
import hashlib
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from itertools import chain
from typing import Any, Literal

from catchall.core.errors import InputError, Problem

from .clean import clean_text, country_code, parse_date, split_multi
from .draft import Draft
from .report import PROGRESS_EVERY, Collector, ImportReport, Progress
from .source import Source, csv_records, open_text, spans_lines, strip_bom

CSL_COLUMNS = (
    "_id",
    "source",
    "entity_number",
    "type",
    "programs",
    "name",
    "title",
    "addresses",
    "federal_register_notice",
    "start_date",
    "end_date",
    "standard_order",
    "license_requirement",
    "license_policy",
    "call_sign",
    "vessel_type",
    "gross_tonnage",
    "gross_registered_tonnage",
    "vessel_flag",
    "vessel_owner",
    "remarks",
    "source_list_url",
    "alt_names",
    "citizenships",
    "dates_of_birth",
    "nationalities",
    "places_of_birth",
    "source_information_url",
    "ids",
)
# Enough to know the file is a CSL export; ``_id`` is absent from some published copies.
REQUIRED_COLUMNS = ("source", "name", "type", "programs", "alt_names", "addresses")

_SCHEMA_BY_TYPE = {"individual": "Person", "entity": "Organization", "": "LegalEntity"}
_NOT_PARTIES = {"vessel": "Vessel", "aircraft": "Aircraft"}
_SOURCE_CODE = re.compile(r"\(([A-Z0-9]{2,6})\)")
# Entries of the ``ids`` field that are remarks, contact details or flags, not identifiers.
_NOT_IDENTIFIERS = re.compile(
    r"website|e-?mail|phone|fax|sanctions information|directive|sanctions risk|flag|"
    r"gender|nationality|citizen|established date|organization type|target type|"
    r"digital currency|executive order|listing date|effective date|year of build|transactions",
    re.IGNORECASE,
)


@dataclass
class _Record:
    line: int
    values: dict[str, str] = field(default_factory=dict)  # single-valued fields
    lists: dict[str, list[str]] = field(default_factory=dict)  # alt_names, programs, ...
    addresses: list[tuple[str, str | None]] = field(default_factory=list)  # (text, ISO code)
    ids: list[tuple[str, str]] = field(default_factory=list)  # (type, number)
    issues: list[str] = field(default_factory=list)
    broken: str | None = None  # why the record cannot be read at all


def read_csl(
    source: Source,
    list_name: str,
    *,
    format: Literal["csv", "json"] | None = None,
    progress: Progress | None = None,
    progress_every: int = PROGRESS_EVERY,
) -> ImportReport:
    """Read a CSL CSV or JSON (``{"results": [...]}``); the form is detected from the content."""
    with open_text(source, newline="") as stream:
        first = strip_bom(stream.readline())
        while first and not first.strip():
            first = stream.readline()
        if not first:
            raise InputError(
                "the file is empty: no Consolidated Screening List records", field="file"
            )
        kind = format or ("json" if first.lstrip()[:1] in "{[" else "csv")
        out = Collector(
            list_name, "csl-json" if kind == "json" else "csl", progress, progress_every
        )
        if kind == "json":
            records: Iterable[_Record] = _json_records(first + stream.read())
        else:
            records = _csv_records(chain([first], stream))
        drafts: dict[str, Draft] = {}
        for record in records:
            out.record_read()
            _import(record, drafts, out)
    return out.report([draft.finish(list_name) for draft in drafts.values()])


def _csv_records(lines: Iterator[str]) -> Iterator[_Record]:
    reader = csv.reader(lines)
    header = [h.strip() for h in next(reader)]
    missing = [c for c in REQUIRED_COLUMNS if c not in header]
    if missing:
        raise InputError(
            Problem(
                "columns",
                f"missing required column(s): {', '.join(missing)} — not a Consolidated "
                f"Screening List CSV (found: {', '.join(h for h in header if h) or 'nothing'})",
            )
        )
    name_index = header.index("name")
    for start, end, row, error in csv_records(reader):
        record = _Record(start)
        if row is None:
            record.broken = str(error)
            yield record
            continue
        if name_index < len(row) and spans_lines(row[name_index]):
            record.broken = f"name runs over lines {start}-{end}: unbalanced quote?"
            yield record
            continue
        if len(row) > len(header):
            record.broken = f"row has {len(row)} values but the header has {len(header)}"
            yield record
            continue
        if len(row) < len(header):
            record.issues.append(
                f"row has {len(row)} of {len(header)} values; the rest read as empty"
            )
        cells = dict(zip(header, row, strict=False))
        for key, value in cells.items():
            if key in _LIST_FIELDS:
                record.lists[key] = split_multi(value)
            elif key not in ("addresses", "ids"):
                record.values[key] = value
        record.addresses = [(a, _address_country(a)) for a in split_multi(cells.get("addresses"))]
        record.ids = [_csv_id(item) for item in split_multi(cells.get("ids"))]
        yield record


_LIST_FIELDS = frozenset(
    {"programs", "alt_names", "citizenships", "nationalities", "dates_of_birth", "places_of_birth"}
)


def _address_country(address: str) -> str | None:
    """The trailing ", XX" of a CSV address, when it is an ISO code."""
    last = address.rsplit(",", 1)[-1].strip()
    return country_code(last) if len(last) == 2 and last.isupper() else None


def _csv_id(item: str) -> tuple[str, str]:
    """("type", "number") from "CC, number, type" or "number, type"."""
    parts = [p.strip() for p in item.split(",")]
    if len(parts) == 1:
        return "", parts[0]
    if len(parts) >= 3 and len(parts[0]) == 2 and country_code(parts[0]):
        parts = parts[1:]
    return parts[-1], ", ".join(parts[:-1])


def _json_records(text: str) -> Iterator[_Record]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(
            f"not valid JSON: {exc.msg} at line {exc.lineno} column {exc.colno}", field="file"
        ) from None
    results = data.get("results") if isinstance(data, dict) else data
    if not isinstance(results, list):
        raise InputError("CSL JSON must hold a 'results' array of records", field="file")
    for position, item in enumerate(results, start=1):
        record = _Record(position)
        if not isinstance(item, dict):
            record.broken = "record is not a JSON object"
            yield record
            continue
        for key, value in item.items():
            if key in _LIST_FIELDS:
                record.lists[key] = _strings(value)
            elif key == "addresses":
                record.addresses = [_json_address(a) for a in _as_list(value)]
            elif key == "ids":
                record.ids = [_json_id(i) for i in _as_list(value)]
            elif isinstance(value, str | int | float) and not isinstance(value, bool):
                record.values[key] = str(value)
        if "id" in record.values and "_id" not in record.values:
            record.values["_id"] = record.values["id"]
        yield record


def _as_list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [] if value is None else [value]


def _strings(value: Any) -> list[str]:
    if isinstance(value, str):
        return split_multi(value)
    return [str(v).strip() for v in _as_list(value) if isinstance(v, str | int) and str(v).strip()]


def _json_address(value: Any) -> tuple[str, str | None]:
    if isinstance(value, str):
        return value, _address_country(value)
    if not isinstance(value, dict):
        return "", None
    keys = ("address", "city", "state", "postal_code", "country")
    text = ", ".join(str(value[k]).strip() for k in keys if value.get(k))
    country = value.get("country")
    return text, country_code(country) if isinstance(country, str) else None


def _json_id(value: Any) -> tuple[str, str]:
    if isinstance(value, str):
        return _csv_id(value)
    if not isinstance(value, dict):
        return "", ""
    return str(value.get("type") or ""), str(value.get("number") or "")


def _import(record: _Record, drafts: dict[str, Draft], out: Collector) -> None:
    if record.broken:
        out.skip(record.line, "unreadable record", f"record skipped: {record.broken}")
        return
    get = record.values.get
    kind = clean_text(get("type", ""))[0].lower()
    if kind in _NOT_PARTIES:
        out.out_of_scope(record.line, _NOT_PARTIES[kind])
        return
    source = clean_text(get("source", ""))[0]
    code = _source_code(source)
    name, _ = clean_text(get("name", ""))
    draft = Draft(
        _record_id(record, code, name), _SCHEMA_BY_TYPE.get(kind, "LegalEntity"), record.line
    )
    draft.issues.extend(record.issues)
    if kind not in _SCHEMA_BY_TYPE:
        draft.issues.append(f"unknown type {get('type')!r}: imported as LegalEntity")
    draft.add_names([get("name", "")])
    problem = draft.problem()
    if problem:
        out.skip(record.line, problem, f"record skipped: {problem}", draft.id)
        return
    if draft.id in drafts:
        if not record.values.get("_id"):  # generated ids: same name listed twice, keep both
            draft.id = _next_free(draft.id, drafts)
        else:
            first = drafts[draft.id].line
            out.skip(
                record.line,
                "duplicate id",
                f"duplicate id, first seen at {first}; skipped",
                draft.id,
            )
            return
    _fill(draft, record, source, code)
    for issue in draft.issues:
        out.warn(record.line, issue, draft.id)
    drafts[draft.id] = draft


def _fill(draft: Draft, record: _Record, source: str, code: str | None) -> None:
    get, lists = record.values.get, record.lists
    aliases = lists.get("alt_names", [])
    # Entity List alias series end in "...; and <last alias>".
    draft.add_names([re.sub(r"^and ", "", a) if i else a for i, a in enumerate(aliases)], "alias")
    draft.add_countries(c for _, c in record.addresses if c)
    draft.add_countries(
        [*lists.get("citizenships", []), *lists.get("nationalities", [])], names_allowed=True
    )
    draft.add_text(draft.addresses, (text for text, _ in record.addresses))
    draft.add_text(
        draft.identifiers, (n for t, n in record.ids if n and not _NOT_IDENTIFIERS.search(t))
    )
    draft.programs.extend(lists.get("programs", []))
    if code:
        draft.programs.append(code)
    draft.authority = _authority(source)
    draft.listed_on = parse_date(get("start_date"))
    draft.source_url = get("source_information_url") or get("source_list_url") or None
    labels = (
        ("title", "Title"),
        ("remarks", "Remarks"),
        ("federal_register_notice", "Federal Register"),
        ("license_requirement", "Licence requirement"),
        ("license_policy", "Licence policy"),
        ("end_date", "Listing ends"),
    )
    draft.add_text(draft.notes, [f"{label}: {get(key)}" for key, label in labels if get(key)])
    for key, label in (("dates_of_birth", "Born"), ("places_of_birth", "Birthplace")):
        if lists.get(key):
            draft.add_text(draft.notes, [f"{label}: {'; '.join(lists[key])}"])


def _source_code(source: str) -> str | None:
    match = _SOURCE_CODE.search(source)
    return match.group(1) if match else None


def _authority(source: str) -> str | None:
    """ "Entity List (EL) - Bureau of Industry and Security" → "US Bureau of Industry and Security"."""
    if " - " not in source:
        return source or None
    return "US " + source.rsplit(" - ", 1)[1].strip()


def _record_id(record: _Record, code: str | None, name: str) -> str:
    """The CSL ``_id`` if given; else a readable id that survives list updates."""
    given = clean_text(record.values.get("_id", ""))[0]
    if given:
        return given
    prefix = f"csl-{(code or 'list').lower()}"
    number = clean_text(record.values.get("entity_number", ""))[0]
    if number:
        return f"{prefix}-{number}"
    digest = hashlib.sha1(name.casefold().encode("utf-8")).hexdigest()[:12]
    return f"{prefix}-{digest}"


def _next_free(base: str, drafts: dict[str, Draft]) -> str:
    n = 2
    while f"{base}-{n}" in drafts:
        n += 1
    return f"{base}-{n}"
