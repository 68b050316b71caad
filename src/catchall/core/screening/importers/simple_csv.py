"""The simple CSV an authority can write by hand (documented in docs/list-formats.md).

Strict about the header, forgiving about rows: a misspelt column ("alias" for "aliases") would
silently lose data, so unknown columns are an error; a bad cell in one row costs that cell or
that row, never the file. Columns starting with ``x_`` are the author's own and are ignored.
"""

from __future__ import annotations

import csv

from catchall.core.errors import InputError, Problem
from catchall.core.model import SCHEMATA

from .clean import clean_text, country_from_name, parse_date, split_multi
from .draft import Draft
from .report import PROGRESS_EVERY, Collector, ImportReport, Progress
from .source import Source, csv_records, open_text, spans_lines, strip_bom

COLUMNS = (
    "id",
    "name",
    "schema",
    "aliases",
    "weak_aliases",
    "countries",
    "addresses",
    "identifiers",
    "programs",
    "source_url",
    "authority",
    "listed_on",
    "notes",
)
REQUIRED_COLUMNS = ("id", "name")
DEFAULT_SCHEMA = "LegalEntity"
_SCHEMA_BY_KEY = {s.casefold(): s for s in SCHEMATA}


def read_simple_csv(
    source: Source,
    list_name: str,
    *,
    progress: Progress | None = None,
    progress_every: int = PROGRESS_EVERY,
) -> ImportReport:
    """Read a simple-CSV list; see ``COLUMNS`` (only ``id`` and ``name`` are required)."""
    out = Collector(list_name, "csv", progress, progress_every)
    drafts: dict[str, Draft] = {}
    with open_text(source, newline="") as stream:
        reader = csv.reader(stream)
        header = _header(next(reader, None))
        for start, end, row, error in csv_records(reader):
            out.record_read()
            if row is None:
                out.skip(start, "unreadable row", f"row skipped: {error}")
            elif spans_lines(_cell(row, header, "name")):
                out.skip(
                    start,
                    "unbalanced quote",
                    f"name runs over lines {start}-{end}: unbalanced quote?",
                )
            else:
                _read_row(row, header, start, drafts, out)
    return out.report([draft.finish(list_name) for draft in drafts.values()])


def _cell(row: list[str], header: list[str], column: str) -> str | None:
    index = header.index(column)
    return row[index] if index < len(row) else None


def _header(row: list[str] | None) -> list[str]:
    if not row or not any(cell.strip() for cell in row):
        raise InputError("the file is empty: no header row", field="file")
    header = [strip_bom(h).strip().lower() for h in row]
    missing = [c for c in REQUIRED_COLUMNS if c not in header]
    unknown = [h for h in header if h and h not in COLUMNS and not h.startswith("x_")]
    problems = []
    doubled = sorted({h for h in header if h and header.count(h) > 1})
    if doubled:
        problems.append(Problem("columns", f"column(s) given twice: {', '.join(doubled)}"))
    if missing:
        problems.append(Problem("columns", f"missing required column(s): {', '.join(missing)}"))
    if unknown:
        problems.append(
            Problem(
                "columns",
                f"unknown column(s): {', '.join(unknown)} (expected some of: {', '.join(COLUMNS)};"
                " prefix your own columns with x_)",
            )
        )
    if problems:
        raise InputError(problems)
    return header


def _read_row(
    row: list[str], header: list[str], line: int, drafts: dict[str, Draft], out: Collector
) -> None:
    if len(row) > len(header):
        out.skip(
            line,
            "bad row",
            f"row has {len(row)} values but the header has {len(header)} (unquoted comma?)",
        )
        return
    cells = {key: value for key, value in zip(header, row, strict=False) if key in COLUMNS}
    entity_id = clean_text(cells.get("id", ""))[0]
    if not entity_id:
        out.skip(line, "no id", "row has no id")
        return
    schema_text = clean_text(cells.get("schema", ""))[0]
    schema = _SCHEMA_BY_KEY.get(schema_text.casefold()) if schema_text else DEFAULT_SCHEMA
    if schema is None:
        out.skip(
            line,
            "unknown schema",
            f"unknown schema {schema_text!r} (use one of: {', '.join(SCHEMATA)})",
            entity_id,
        )
        return
    draft = Draft(entity_id, schema, line)
    draft.add_names([cells.get("name", "")])
    problem = draft.problem()
    if problem:
        out.skip(line, problem, f"row skipped: {problem}", entity_id)
        return
    if entity_id in drafts:
        out.skip(
            line,
            "duplicate id",
            f"duplicate id, first seen on line {drafts[entity_id].line}; skipped",
            entity_id,
        )
        return
    if len(row) < len(header):
        draft.issues.append(f"row has {len(row)} of {len(header)} values; the rest read as empty")
    _fill(draft, cells)
    for issue in draft.issues:
        out.warn(line, issue, entity_id)
    drafts[entity_id] = draft


def _fill(draft: Draft, cells: dict[str, str]) -> None:
    draft.add_names(split_multi(cells.get("aliases")), "alias")
    draft.add_names(split_multi(cells.get("weak_aliases")), "weak alias")
    for value in split_multi(cells.get("countries")):
        before = len(draft.countries)
        draft.add_countries([value])
        if len(draft.countries) == before:
            hint = country_from_name(value)
            if hint:
                draft.issues[-1] += f" (did you mean {hint}?)"
    draft.add_text(draft.addresses, split_multi(cells.get("addresses")))
    draft.add_text(draft.identifiers, split_multi(cells.get("identifiers")))
    draft.add_text(draft.programs, split_multi(cells.get("programs")))
    draft.source_url = clean_text(cells.get("source_url", ""))[0] or None
    draft.authority = clean_text(cells.get("authority", ""))[0] or None
    listed = clean_text(cells.get("listed_on", ""))[0]
    if listed:
        draft.listed_on = parse_date(listed) if len(listed) == 10 else None
        if draft.listed_on is None:
            draft.issues.append(f"listed_on {listed!r} is not a date YYYY-MM-DD; left empty")
    draft.add_text(draft.notes, [cells.get("notes", "")])
