"""``catchall controls``: browse, show, search and compare control-list versions."""

from __future__ import annotations

from typing import Annotated

import typer

from catchall.cli.common import _db, _fail, app, emit, parse_date
from catchall.core.errors import InputError, NotFound, Problem

controls_app = typer.Typer(help="Browse control lists and their versions.", no_args_is_help=True)
app.add_typer(controls_app, name="controls")


@controls_app.command("list")
def controls_list(
    regime: Annotated[
        str | None, typer.Option(help="Only entries of this regime: WA, MTCR, NSG, AG or CWC.")
    ] = None,
    list_date: Annotated[str | None, typer.Option("--list-date")] = None,
    as_json: Annotated[bool, typer.Option("--json")] = False,
) -> None:
    """List the control entries in force."""
    at = parse_date(list_date, "--list-date")
    _db()
    from catchall.web.classification.library import control_rows

    try:
        rows = control_rows(at, regime)
    except InputError as exc:
        _fail(
            InputError(
                [
                    Problem("--regime" if p.field == "regime" else p.field, p.message)
                    for p in exc.problems
                ]
            )
        )
    if as_json:
        emit(rows)
        return
    for r in rows:
        mtcr = f"{r['mtcr_item']} (Cat {r['mtcr_category']})" if r["mtcr_item"] else "-"
        rated = "rated" if r["rated"] else "text"
        typer.echo(f"{r['entry']:<14} {r['regime']:<5} {rated:<5} {mtcr:<16} {r['title']}")
    n_rated = sum(1 for r in rows if r["rated"])
    typer.echo(f"\n{len(rows)} entries ({n_rated} rated by criteria, the others text only)")


@controls_app.command("show")
def controls_show(
    entry: Annotated[str, typer.Argument(help="Entry id, e.g. 2B001.b.2 or 19.A.2")],
    list_date: Annotated[str | None, typer.Option("--list-date")] = None,
    as_json: Annotated[bool, typer.Option("--json")] = False,
) -> None:
    """Show one control entry: criteria, exclusions, MTCR correlation, source."""
    from catchall.core.controls.render import entry_text

    at = parse_date(list_date, "--list-date")
    _db()
    from catchall.web.classification.library import control_entry

    try:
        version, e = control_entry(entry, at)
    except (NotFound, InputError) as exc:
        _fail(exc)
    if as_json:
        emit({"list": version.list, "version": version.version, **e.as_data()})
    else:
        typer.echo(entry_text(version, e))


@controls_app.command("search")
def controls_search(
    text: Annotated[
        str, typer.Argument(help="Words as a catalogue puts them, or an entry number.")
    ],
    regime: Annotated[
        str | None, typer.Option(help="Only entries of this regime: WA, MTCR, NSG, AG or CWC.")
    ] = None,
    limit: Annotated[int, typer.Option(help="At most this many entries (1-100).")] = 10,
    as_json: Annotated[bool, typer.Option("--json")] = False,
) -> None:
    """Which entry is my product? Full-text search over the entries in force (titles, official
    text, notes), with trade synonyms (FOG, CNC lathe, flow former) and entry numbers (2b1, 3.B.3)."""
    _db()
    from catchall.web.classification.search import search_controls

    fields = {"q": "TEXT", "regime": "--regime", "limit": "--limit"}
    try:
        hits = search_controls(text, regime, limit)
    except InputError as exc:
        _fail(InputError([Problem(fields.get(p.field, p.field), p.message) for p in exc.problems]))
    if as_json:
        emit([h.as_dict() for h in hits])
        return
    if not hits:
        typer.echo("No entry matches; try other words or the list's own terms.")
        return
    for h in hits:
        typer.echo(f"{h.entry:<14} {h.regime:<5} {h.score:>8.2f}  {h.title}")
        typer.echo(f"{'':<14} {h.as_dict()['snippet']}")


@controls_app.command("versions")
def controls_versions(as_json: Annotated[bool, typer.Option("--json")] = False) -> None:
    """List every version of every control list with its effective date."""
    _db()
    from catchall.web.classification.library import all_versions

    rows = [
        {
            "list": v.list,
            "version": v.version,
            "effective_date": v.effective_date.isoformat(),
            "entries": len(v.entries),
            "extends": v.extends,
            "title": v.title,
        }
        for v in all_versions()
    ]
    if as_json:
        emit(rows)
        return
    for r in rows:
        typer.echo(
            f"{r['list']:<14} {r['version']:<10} from {r['effective_date']}  {r['entries']:>3} entries  {r['title']}"
        )


# diff and import live with the regime workbench, which owns list versions
from catchall.cli.regime import register_controls  # noqa: E402

register_controls(controls_app)
