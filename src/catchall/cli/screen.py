"""``catchall screen``: one name or a batch against the screening lists."""

from __future__ import annotations

import json
from typing import Annotated

import typer

from catchall.cli.common import UserError, _db, _fail, app, read_input
from catchall.core.errors import InputError

_BATCH_COLUMNS = ("id", "name", "country", "schema", "dob", "nationality", "identifiers")


def _screen_rows_from_csv(path: str) -> list[tuple[int, dict[str, str]]]:
    import csv
    import io

    text = read_input(path)
    reader = csv.DictReader(io.StringIO(text))
    header = [h.strip().lower() for h in (reader.fieldnames or [])]
    if "name" not in header:
        _fail(
            InputError(
                f"the batch file needs the columns {','.join(_BATCH_COLUMNS)} (found: {', '.join(header) or 'none'})",
                "FILE",
            )
        )
    unknown = [h for h in header if h not in _BATCH_COLUMNS]
    if unknown:
        _fail(
            InputError(
                f"unknown column(s) {', '.join(unknown)}; use {','.join(_BATCH_COLUMNS)}", "FILE"
            )
        )
    rows = []
    for i, row in enumerate(reader, start=2):
        rows.append(
            (i, {(k or "").strip().lower(): (v or "").strip() for k, v in row.items() if k})
        )
    return rows


@app.command()
def screen(
    name: Annotated[str | None, typer.Argument(help="Name of the party to screen.")] = None,
    country: Annotated[str | None, typer.Option(help="ISO alpha-2 country of the party.")] = None,
    schema: Annotated[
        str | None, typer.Option(help="Person, Company, Organization or LegalEntity.")
    ] = None,
    lists: Annotated[
        list[str] | None, typer.Option("--list", help="Screen only against this list (repeatable).")
    ] = None,
    batch: Annotated[
        str | None,
        typer.Option(
            help="CSV with columns id,name,country,schema and optionally dob,nationality,"
            "identifiers (several separated by ';')."
        ),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="JSON (JSON lines for --batch).")] = False,
    dob: Annotated[
        str | None, typer.Option("--dob", help="Date of birth: YYYY-MM-DD, YYYY-MM or YYYY.")
    ] = None,
    nationality: Annotated[
        str | None, typer.Option("--nationality", help="Nationality, ISO alpha-2 (e.g. IR).")
    ] = None,
    identifiers: Annotated[
        list[str] | None,
        typer.Option(
            "--id",
            help="An identifier KIND:NUMBER (passport, national_id, registration, tax, imo, "
            "lei, swift, duns, other), repeatable: a matching identifier decides.",
        ),
    ] = None,
) -> None:
    """Screen a party (or a batch of parties) against the screening lists.

    A date of birth, nationality and identifiers raise or lower the score of the list entries
    that carry them, and the explanation says so."""
    from catchall.core.model import ScreeningQuery

    if (name is None) == (batch is None):
        _fail(InputError("give a NAME to screen or --batch FILE.csv (not both)", "NAME"))
    queries: list[ScreeningQuery] = []
    problems: list[str] = []
    if batch:
        for line, row in _screen_rows_from_csv(batch):
            try:
                queries.append(
                    _query(
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
        if problems and not queries:
            raise UserError(problems)
    else:
        try:
            queries.append(
                _query(name or "", country, schema, None, dob, nationality, identifiers or [])
            )
        except InputError as exc:
            _fail(exc)
    _db()
    from catchall.web.screening.index import result_to_dict
    from catchall.web.screening.services import screen_parties

    try:
        results = screen_parties(
            queries, lists=lists or None, actor="cli", context="cli batch" if batch else "cli"
        )
    except InputError as exc:
        _fail(exc)
    for p in problems:
        typer.echo(f"warning: {p} (row skipped)", err=True)
    if as_json:
        for r in results:
            d = result_to_dict(r)
            out = {"id": d["id"], "decision": d["decision"], "matches": d["matches"]}
            if not batch:
                out["query"] = d["query"]
            typer.echo(
                json.dumps(out, ensure_ascii=False)
                if batch
                else json.dumps(out, ensure_ascii=False, indent=2)
            )
        return
    for r in results:
        who = f"{r.query.id}: " if batch else ""
        typer.echo(f"{who}{r.query.name} -> {r.decision.upper()}")
        for m in r.matches:
            typer.echo(
                f"    {m.score:.2f} {m.decision:<8} {m.name} [{m.list}:{m.entity_id}] via {m.matched_name!r}"
            )
            typer.echo(f"         {m.explanation}")


def _query(
    name: str,
    country: str | None,
    schema: str | None,
    qid: str | None,
    dob: str | None = None,
    nationality: str | None = None,
    identifiers: list[str] | None = None,
):
    from catchall.core.assessment.destinations import validate_country
    from catchall.core.model import SCHEMATA, ScreeningQuery
    from catchall.core.screening.evidence import validate_evidence

    problems = []
    if not name.strip():
        problems.append(InputError("empty name", "name").problems[0])
    if country:
        try:
            country = validate_country(country)
        except InputError as exc:
            problems += exc.prefixed("country").problems
    if schema and schema not in SCHEMATA:
        problems.append(
            InputError(f"{schema!r} is not one of {', '.join(SCHEMATA)}", "schema").problems[0]
        )
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
