"""``catchall assess``: one application or a batch, under a jurisdiction."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any

import typer

from catchall.cli.common import UserError, _db, _fail, _Progress, app, parse_date, read_input
from catchall.core.errors import InputError, Problem


def _application_documents(path: str) -> list[tuple[str, Any]]:
    """(label, document) pairs from a file, a JSON-lines file, or a directory of files."""
    from catchall.core.items import load_document

    p = Path(path)
    if path != "-" and p.is_dir():
        files = sorted(f for f in p.iterdir() if f.suffix.lower() in (".json", ".yaml", ".yml"))
        if not files:
            _fail(InputError(f"no .json or .yaml files in {path}", "--batch"))
        docs = []
        for f in files:
            try:
                docs.append((f.name, load_document(f.read_text(encoding="utf-8"), f.name)))
            except InputError as exc:
                docs.append((f.name, exc))
        return docs
    text = read_input(path)
    if path.endswith(".jsonl") or (text.lstrip().startswith("{") and "\n{" in text.strip()):
        docs = []
        for n, line in enumerate(text.splitlines(), start=1):
            if line.strip():
                try:
                    docs.append((f"line {n}", json.loads(line)))
                except json.JSONDecodeError as exc:
                    docs.append(
                        (f"line {n}", InputError(f"malformed JSON: {exc.msg} (column {exc.colno})"))
                    )
        return docs
    try:
        return [(Path(path).name, load_document(text, path))]
    except InputError as exc:
        _fail(exc)
    return []


@app.command()
def assess(
    file: Annotated[
        str | None, typer.Argument(help="Application file (JSON or YAML; '-' for stdin).")
    ] = None,
    batch: Annotated[
        str | None, typer.Option(help="A directory of application files, or a JSON-lines file.")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="JSON (JSON lines for --batch).")] = False,
    list_date: Annotated[
        str | None, typer.Option("--list-date", help="Control lists in force on YYYY-MM-DD.")
    ] = None,
    jurisdiction: Annotated[
        str | None,
        typer.Option(
            "--jurisdiction",
            envvar="CATCHALL_JURISDICTION",
            help="Whose law applies: EU, UK, US, MTCR, or the path of a profile file "
            "(docs/legal-basis.md). Default: the installation's setting (EU).",
        ),
    ] = None,
) -> None:
    """Assess a licence application: licence requirement with its legal basis, catch-all, MTCR
    factors, recommendation."""
    from catchall.core.assessment.application import parse_application
    from catchall.core.assessment.render import assessment_text
    from catchall.core.law.profile import load_profile

    if (file is None) == (batch is None):
        _fail(InputError("give an application FILE or --batch DIR_OR_JSONL (not both)", "FILE"))
    at = parse_date(list_date, "--list-date")
    profile = None
    if jurisdiction:
        try:
            profile = load_profile(jurisdiction)
        except InputError as exc:
            _fail(InputError([Problem("--jurisdiction", str(p)) for p in exc.problems]))
    docs = _application_documents(batch or file or "-")
    apps, problems = [], []
    for label, doc in docs:
        try:
            if isinstance(doc, InputError):
                raise doc
            apps.append((label, parse_application(doc)))
        except InputError as exc:
            problems += [f"{label}: {p}" if batch else str(p) for p in exc.problems]
    if problems and not batch:
        raise UserError(problems)
    _db()
    from catchall.web.assessment.services import assess_application

    progress = _Progress("assessing", len(apps)) if batch else None
    for n, (label, application) in enumerate(apps, start=1):
        try:
            result = assess_application(
                application, actor="cli", context=f"cli {label}", at=at, jurisdiction=profile
            ).as_dict()
        except InputError as exc:
            problems += [f"{label}: {p}" for p in exc.problems]
            continue
        if progress:
            progress(n)
        if as_json:
            typer.echo(
                json.dumps(result, ensure_ascii=False, default=str)
                if batch
                else json.dumps(result, indent=2, ensure_ascii=False, default=str)
            )
        else:
            if batch:
                typer.echo(f"== {label}")
            typer.echo(assessment_text(result))
    if progress:
        progress.close()
    if problems:
        raise UserError(problems)
