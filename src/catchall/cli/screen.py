"""``catchall screen``: one name or a batch against the screening lists."""

from __future__ import annotations

import json
import sys
import time
from typing import Annotated

import typer

from catchall.cli.common import UserError, _db, _fail, app, read_input
from catchall.core.errors import InputError


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
    as_csv: Annotated[
        bool, typer.Option("--csv", help="With --batch: CSV, a row per party and its best match.")
    ] = False,
    distributed: Annotated[
        bool,
        typer.Option(
            "--distributed",
            help="With --batch: screen in parts on the workers (needs CATCHALL_BROKER_URL); "
            "the same output as a local run, in input order.",
        ),
    ] = False,
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
    from catchall.core.screening import batch_io

    if (name is None) == (batch is None):
        _fail(InputError("give a NAME to screen or --batch FILE.csv (not both)", "NAME"))
    if (as_csv or distributed) and not batch:
        _fail(InputError("--csv and --distributed go with --batch", "--batch"))
    if as_csv and as_json:
        _fail(InputError("choose --json or --csv", "--csv"))
    problems: list[str] = []
    if batch:
        try:
            queries, problems = batch_io.parse(read_input(batch), "FILE")
        except InputError as exc:
            _fail(exc)
        if problems and not queries:
            raise UserError(problems)
    else:
        try:
            queries = [
                batch_io.make_query(
                    name or "", country, schema, None, dob, nationality, identifiers or []
                )
            ]
        except InputError as exc:
            _fail(exc)
    _db()
    if distributed:
        results = _screen_distributed(queries, lists or None)
    else:
        from catchall.web.screening.index import result_to_dict
        from catchall.web.screening.services import screen_parties

        try:
            results = [
                result_to_dict(r)
                for r in screen_parties(
                    queries,
                    lists=lists or None,
                    actor="cli",
                    context="cli batch" if batch else "cli",
                )
            ]
        except InputError as exc:
            _fail(exc)
    for p in problems:
        typer.echo(f"warning: {p} (row skipped)", err=True)
    if as_csv:
        for piece in batch_io.csv_chunks(results):
            sys.stdout.write(piece)
        return
    for r in results:
        if as_json and batch:
            typer.echo(batch_io.json_line(r))
        elif as_json:
            out = {"id": r["id"], "decision": r["decision"], "matches": r["matches"]}
            out["query"] = r["query"]
            typer.echo(json.dumps(out, ensure_ascii=False, indent=2))
        else:
            for line in batch_io.text_lines(r, batch=bool(batch)):
                typer.echo(line)


def _screen_distributed(queries, lists: list[str] | None) -> list[dict]:
    """Submit the batch through the broker, wait for its parts, return their results in order."""
    from django.conf import settings

    from catchall.cli.jobs import NO_BROKER
    from catchall.core.screening import batch_io
    from catchall.web.jobs.models import Job
    from catchall.web.screening.batch import batch_results, submit_batch

    if settings.CATCHALL_JOBS_MODE != "celery":
        _fail(NO_BROKER)
    try:
        j = submit_batch(
            [batch_io.query_to_dict(q) for q in queries], lists, user=None, context="cli batch"
        )
    except InputError as exc:
        _fail(exc)
    tty = sys.stderr.isatty()
    while not j.finished:
        if tty:
            of = f"/{j.total}" if j.total else ""
            sys.stderr.write(f"\rscreening on the workers (job {j.pk}): {j.done}{of} parts")
        time.sleep(0.2)
        j = Job.objects.get(pk=j.pk)
    if tty:
        sys.stderr.write("\n")
    if j.state == "failed":
        typer.echo(f"error: job {j.pk} failed: {j.error}", err=True)
        raise typer.Exit(1)
    return list(batch_results(j))
