"""Batch screening's input and output, the same for every face: the CSV of parties read by
``catchall screen --batch``, the screening page's upload and ``POST /api/screen/batch``, and the
results written as text, JSON lines or CSV (through :mod:`catchall.core.csvsafe`)."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator
from typing import Any

from catchall.core import csvsafe
from catchall.core.errors import InputError, Problem
from catchall.core.model import SCHEMATA, ScreeningQuery
from catchall.core.screening.programmes import programmes_in_words

COLUMNS = ("id", "name", "country", "schema", "dob", "nationality", "identifiers")
# One row per party: its best match (blank when clear) and how many matches there were; the
# best match's programme codes as the list gives them and in words (core/screening/programmes).
RESULT_COLUMNS = (
    "id",
    "name",
    "country",
    "decision",
    "matches",
    "score",
    "match",
    "list",
    "entity_id",
    "matched_name",
    "explanation",
    "designations",
    "designations_in_words",
)
# What the web and the API take in one upload (the command line takes any size).
MAX_ROWS = 100_000


def read_rows(
    text: str, field: str = "file", max_rows: int | None = None
) -> list[tuple[int, dict[str, str]]]:
    """The CSV's rows with their line numbers; InputError for a header we cannot use or more
    than ``max_rows`` rows."""
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    header = [h.strip().lower() for h in (reader.fieldnames or [])]
    if "name" not in header:
        raise InputError(
            f"the batch file needs the columns {','.join(COLUMNS)} "
            f"(found: {', '.join(header) or 'none'})",
            field,
        )
    unknown = [h for h in header if h not in COLUMNS]
    if unknown:
        raise InputError(f"unknown column(s) {', '.join(unknown)}; use {','.join(COLUMNS)}", field)
    rows = []
    for i, row in enumerate(reader, start=2):
        if max_rows is not None and len(rows) >= max_rows:
            raise InputError(f"more than {max_rows:,} parties; split the file", field)
        rows.append(
            (i, {(k or "").strip().lower(): (v or "").strip() for k, v in row.items() if k})
        )
    return rows


def parse(
    text: str, field: str = "file", max_rows: int | None = None
) -> tuple[list[ScreeningQuery], list[str]]:
    """The parties to screen and one message per row skipped ("line N: field: problem")."""
    queries, problems = [], []
    for line, row in read_rows(text, field, max_rows):
        try:
            queries.append(
                make_query(
                    row.get("name", ""),
                    row.get("country") or None,
                    row.get("schema") or None,
                    row.get("id") or str(line - 1),
                    row.get("dob") or None,
                    row.get("nationality") or None,
                    [i for i in (row.get("identifiers") or "").split(";") if i.strip()],
                )
            )
        except InputError as exc:
            problems += [f"line {line}: {p}" for p in exc.problems]
    return queries, problems


def make_query(
    name: str,
    country: str | None,
    schema: str | None,
    qid: str | None,
    dob: str | None = None,
    nationality: str | None = None,
    identifiers: list[str] | tuple[str, ...] | None = None,
) -> ScreeningQuery:
    """A checked query; InputError with one problem per faulty field."""
    from catchall.core.assessment.destinations import validate_country
    from catchall.core.screening.evidence import validate_evidence

    problems: list[Problem] = []
    if not name.strip():
        problems.append(Problem("name", "empty name"))
    if country:
        try:
            country = validate_country(country)
        except InputError as exc:
            problems += exc.prefixed("country").problems
    if schema and schema not in SCHEMATA:
        problems.append(Problem("schema", f"{schema!r} is not one of {', '.join(SCHEMATA)}"))
    if nationality:
        try:
            nationality = validate_country(nationality)
        except InputError as exc:
            problems += exc.prefixed("nationality").problems
    ids = tuple(i.strip() for i in identifiers or ())
    try:
        validate_evidence(dob, None, ids)
    except InputError as exc:
        problems += exc.problems
    if problems:
        raise InputError(problems)
    return ScreeningQuery(
        name=name,
        country=country,
        schema=schema,
        id=qid,
        dob=dob,
        nationality=nationality,
        identifiers=ids,
    )


def query_to_dict(q: ScreeningQuery) -> dict[str, Any]:
    """A checked query as JSON (a job's params)."""
    return {
        "name": q.name,
        "country": q.country,
        "schema": q.schema,
        "id": q.id,
        "dob": q.dob,
        "nationality": q.nationality,
        "identifiers": list(q.identifiers),
    }


def query_from_dict(d: dict[str, Any]) -> ScreeningQuery:
    return ScreeningQuery(
        name=d["name"],
        country=d.get("country"),
        schema=d.get("schema"),
        id=d.get("id"),
        dob=d.get("dob"),
        nationality=d.get("nationality"),
        identifiers=tuple(d.get("identifiers") or ()),
    )


# ----------------------------------------------------------------------------------- output
# ``result``: the JSON shape of a screening result (web.screening.index.result_to_dict).


# The documented order of a match's fields (ScreeningMatch.as_dict), and of a feature's: a
# result kept in a database's JSON column (PostgreSQL's jsonb orders keys its own way) is
# written in this order, so a job's JSON lines equal a local run's byte for byte.
_MATCH_KEYS = (
    "entity_id", "list", "name", "matched_name", "score", "decision", "explanation",
    "features", "schema", "countries", "programs", "designations_in_words", "rank",
)  # fmt: skip
_FEATURE_KEYS = ("name", "weight", "detail")


def _ordered(d: dict[str, Any], keys: tuple[str, ...]) -> dict[str, Any]:
    return {k: d[k] for k in keys if k in d} | {k: d[k] for k in sorted(d) if k not in keys}


def designations_in_words(match: dict[str, Any]) -> list[str]:
    """A match's programme codes in words, looked up under its list's name (a code no one
    described stays as it is, "programme ‘XYZ’")."""
    programs = match.get("programs") or ()
    return [p.words for p in programmes_in_words(programs, match.get("list", ""))]


def json_line(result: dict[str, Any]) -> str:
    matches = [
        _ordered(m | {"designations_in_words": designations_in_words(m)}, _MATCH_KEYS)
        | (
            {"features": [_ordered(f, _FEATURE_KEYS) for f in m["features"]]}
            if "features" in m
            else {}
        )
        for m in result["matches"]
    ]
    return json.dumps(
        {"id": result["id"], "decision": result["decision"], "matches": matches},
        ensure_ascii=False,
    )


def text_lines(result: dict[str, Any], batch: bool = True) -> Iterator[str]:
    who = f"{result['id']}: " if batch else ""
    yield f"{who}{result['query']['name']} -> {result['decision'].upper()}"
    ranks = [m.get("rank") for m in result["matches"]]
    for m in result["matches"]:
        # entries with the same score share a rank, marked "=1" as a tie (results kept before
        # ranks were recorded have none)
        rank = m.get("rank")
        shown = "" if rank is None else f"{'=' if ranks.count(rank) > 1 else ' '}{rank:<2} "
        yield (
            f"    {shown}{m['score']:.2f} {m['decision']:<8} {m['name']} "
            f"[{m['list']}:{m['entity_id']}] via {m['matched_name']!r}"
        )
        yield f"         {m['explanation']}"


def csv_row(result: dict[str, Any]) -> list[Any]:
    q, matches = result["query"], result["matches"]
    best = matches[0] if matches else {}
    return [
        result["id"],
        q["name"],
        q.get("country") or "",
        result["decision"],
        len(matches),
        best.get("score", ""),
        best.get("name", ""),
        best.get("list", ""),
        best.get("entity_id", ""),
        best.get("matched_name", ""),
        best.get("explanation", ""),
        "; ".join(best.get("programs") or ()),
        "; ".join(designations_in_words(best)) if best else "",
    ]


def csv_chunks(results: Iterable[dict[str, Any]], rows_per_chunk: int = 500) -> Iterator[str]:
    """The results as CSV text in pieces (header first), every cell through csvsafe."""
    buf = io.StringIO()
    out = csvsafe.writer(buf, lineterminator="\r\n")
    out.writerow(RESULT_COLUMNS)
    for n, r in enumerate(results, start=1):
        out.writerow(csv_row(r))
        if n % rows_per_chunk == 0:
            yield buf.getvalue()
            buf.seek(0)
            buf.truncate()
    yield buf.getvalue()
