"""``catchall controls diff|import`` and ``catchall regime``: list versions, reminders, impact.

Thin: parse the arguments, call one selector or service, print. Bad input exits 2 and writes
nothing. Diffs of packaged versions need no database; anything stored does.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

import typer

from catchall.core.errors import InputError, NotFound

regime_app = typer.Typer(
    help="The regime workbench: reminders and licensing impact of list changes.",
    no_args_is_help=True,
)


def _cli():
    from catchall.cli import common

    return common


def _version_or_file(ref: str, lib, where: str):
    """CLI only: ``list@version``, or a YAML file the operator names (its ``extends`` resolved).

    The operator's own disk is theirs to read; the web faces never take a path."""
    from pathlib import Path

    from catchall.web.regime.selectors.lists import (
        NOT_A_NAME,
        load_yaml,
        parse_mapping,
        resolve_version,
    )

    path = Path((ref or "").strip())
    if ref and path.is_file():
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            raise InputError(f"{ref} is not a readable UTF-8 text file", where) from None
        return parse_mapping(load_yaml(text, where), lib, where)
    if ref and path.exists():
        raise InputError(f"{ref} is not a file", where)
    try:
        return resolve_version(ref, lib, where)
    except InputError as exc:
        if exc.problems[0].message == NOT_A_NAME:
            raise InputError(
                f"{ref!r} is neither list@version (e.g. eu-dual-use@2022-10) nor a YAML file",
                where,
            ) from None
        raise


def _versions(old: str, new: str):
    """Resolve both refs against the packaged lists, then (if needed) the stored ones."""
    from catchall.core.controls.lists import packaged_library
    from catchall.web.bootstrap import setup_django

    setup_django()
    from catchall.web.regime.selectors.lists import previous_key

    def pair(lib):
        problems, out = [], []
        refs = ((old or previous_key(new, lib), "OLD"), (new, "NEW"))
        for ref, where in refs:
            try:
                out.append(_version_or_file(ref, lib, where))
            except InputError as exc:
                problems += exc.problems
        if problems:
            raise InputError(problems)
        return out

    try:
        return pair(packaged_library())
    except InputError:
        _cli()._db()
        from catchall.web.regime.selectors.lists import library_with_imports

        return pair(library_with_imports())


def controls_diff(
    old: Annotated[
        str, typer.Argument(help="list@version (e.g. eu-dual-use@2022-10) or a YAML file")
    ],
    new: Annotated[str, typer.Argument(help="list@version or a YAML file")],
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """What changed between two versions of a list, criterion by criterion, and why."""
    from catchall.core.controls.diff import check_order, diff_text, diff_versions

    cli = _cli()
    try:
        o, n = _versions(old, new)
        check_order(o, n, "OLD", "NEW")
        d = diff_versions(o, n).as_dict()
    except (InputError, NotFound) as exc:
        cli._fail(exc)
    if as_json:
        cli.emit(d)
    else:
        typer.echo(diff_text(d), nl=False)


def controls_import(
    file: Annotated[str, typer.Argument(help="A list version in the YAML format ('-' for stdin)")],
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Store an authority's own list version; the classifier and diffs see it from then on."""
    cli = _cli()
    text = cli.read_input(file)
    cli._db()
    from catchall.web.regime.services.versions import control_list_import

    try:
        rec = control_list_import(actor="cli", yaml_text=text)
    except (InputError, NotFound) as exc:
        cli._fail(exc)
    out = {
        "key": rec.key,
        "effective_date": rec.effective_date.isoformat(),
        "sha256": rec.sha256,
        "title": rec.title,
    }
    if as_json:
        cli.emit(out)
    else:
        typer.echo(
            f"imported {rec.key} (in force from {out['effective_date']}), sha256 {rec.sha256[:12]}"
        )


def register_controls(controls_app: typer.Typer) -> None:
    controls_app.command("diff")(controls_diff)
    controls_app.command("import")(controls_import)


@regime_app.command("reminders")
def reminders(
    user: Annotated[
        str | None,
        typer.Option(help="Read as this user (titles not released to them are withheld)."),
    ] = None,
    within: Annotated[int, typer.Option(help="Days ahead to include.")] = 14,
    today: Annotated[str | None, typer.Option(help="Pretend today is YYYY-MM-DD.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Deadlines overdue or due soon: feedback, answers, circulation, Plenary, posts, meetings."""
    cli = _cli()
    day = cli.parse_date(today, "--today")
    if not 0 <= within <= 366:
        cli._fail(InputError("between 0 and 366", "--within"))
    cli._db()
    from django.contrib.auth import get_user_model

    from catchall.core.regime.reminders import reminders_text
    from catchall.web.regime.releasability import Reader, reader_for
    from catchall.web.regime.selectors.proposals import reminders_for

    if user:
        u = get_user_model().objects.filter(username=user).first()
        if u is None:
            cli._fail(InputError(f"no user {user!r}", "--user"))
        r = reader_for(u, day)
    else:
        # The operator reads as the Point of Contact would, but only unclassified titles.
        r = Reader(None, None, "point_of_contact", day or dt.date.today())
    rs = reminders_for(r, within_days=within)
    if as_json:
        cli.emit([x.as_dict() for x in rs])
    else:
        typer.echo(reminders_text(rs), nl=False)


def _items(path: str) -> list[tuple[str, dict, bool]]:
    """Items from a file: a list of items, or {"items": [...]}; each may carry ``open_case``."""
    from catchall.core.items import load_document

    cli = _cli()
    doc = load_document(cli.read_input(path), path)
    if isinstance(doc, dict) and "items" in doc:
        doc = doc["items"]
    if not isinstance(doc, list):
        raise InputError("give a list of items (or an object with items)", "--items")
    out = []
    for i, it in enumerate(doc, start=1):
        if not isinstance(it, dict):
            raise InputError("each item must be an object", f"--items[{i}]")
        label = str(it.get("source") or f"item {i}")
        item = {k: it[k] for k in ("description", "kind", "parameters") if k in it}
        out.append((label, item, bool(it.get("open_case", False))))
    return out


@regime_app.command("impact")
def impact(
    old: Annotated[str, typer.Argument(help="list@version or a YAML file")],
    new: Annotated[str, typer.Argument(help="list@version or a YAML file")],
    items: Annotated[
        str | None, typer.Option(help="Items file (JSON/YAML list); default: stored cases.")
    ] = None,
    since: Annotated[str | None, typer.Option(help="Cases submitted from YYYY-MM-DD.")] = None,
    until: Annotated[str | None, typer.Option(help="Cases submitted until YYYY-MM-DD.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Re-classify items under both versions: controlled, decontrolled, entry changed."""
    from catchall.core.controls.impact import licensing_impact

    cli = _cli()
    d_since, d_until = cli.parse_date(since, "--since"), cli.parse_date(until, "--until")
    try:
        o, n = _versions(old, new)
        if items:
            rows: Any = _items(items)
        else:
            cli._db()
            from catchall.web.regime.selectors.lists import case_items

            rows = case_items(since=d_since, until=d_until)
        report = licensing_impact(o, n, rows)
    except (InputError, NotFound) as exc:
        cli._fail(exc)
    if as_json:
        cli.emit(report.as_dict())
        return
    from catchall.core.regime.briefing import impact_sentence

    typer.echo(f"{report.old_key} -> {report.new_key}")
    typer.echo(impact_sentence(report))
    for i in report.items:
        if i.outcome != "unchanged":
            before = ", ".join(i.old_entries) or "not listed"
            after = ", ".join(i.new_entries) or "not listed"
            flag = "  [open case]" if i.open_case else ""
            typer.echo(
                f"  {i.outcome:<18} {i.source}: {before} -> {after}{flag} {i.problem}".rstrip()
            )


from catchall.cli.common import app  # noqa: E402

app.add_typer(regime_app, name="regime")
