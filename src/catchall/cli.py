"""The ``catchall`` command line: thin commands that parse input, call one service, print.

User errors print one line per problem to stderr and exit with code 2; nothing is written.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path
from typing import Annotated, Any

import typer

from catchall.core.errors import InputError, NotFound

app = typer.Typer(
    name="catchall",
    help="Export-control decision support for missile technology.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
controls_app = typer.Typer(help="Browse control lists and their versions.", no_args_is_help=True)
app.add_typer(controls_app, name="controls")


class UserError(Exception):
    """Raised inside commands for bad input; ``main`` prints it and exits 2."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("; ".join(problems))


def _fail(exc: InputError | NotFound | str) -> None:
    if isinstance(exc, InputError):
        raise UserError([str(p) for p in exc.problems])
    raise UserError([str(exc)])


def emit(data: Any) -> None:
    typer.echo(json.dumps(data, indent=2, ensure_ascii=False, default=str))


def read_input(path: str) -> str:
    """Read a file named on the command line ("-" for standard input)."""
    if path == "-":
        return sys.stdin.read()
    p = Path(path)
    if not p.exists():
        _fail(InputError(f"no such file: {path}", "FILE"))
    if p.is_dir():
        _fail(InputError(f"{path} is a directory", "FILE"))
    try:
        return p.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        _fail(InputError(f"{path} is not UTF-8 text", "FILE"))
    return ""


def parse_date(value: str | None, field: str) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        _fail(InputError(f"{value!r} is not a date in the form YYYY-MM-DD", field))
    return None


# --------------------------------------------------------------------------- classification


@app.command()
def classify(
    file: Annotated[
        str,
        typer.Argument(
            help="Item file (JSON or YAML; '-' for stdin). A list classifies each item."
        ),
    ],
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")] = False,
    list_date: Annotated[
        str | None,
        typer.Option("--list-date", help="Use the list versions in force on YYYY-MM-DD."),
    ] = None,
) -> None:
    """Classify an item against the MTCR Annex, Wassenaar and NSG entries."""
    from catchall.core.controls.classifier import classify as run
    from catchall.core.controls.render import classification_text
    from catchall.core.items import load_document, parse_item

    at = parse_date(list_date, "--list-date")
    try:
        doc = load_document(read_input(file), file)
        docs = doc if isinstance(doc, list) else [doc]
        items = []
        problems: list[str] = []
        for i, d in enumerate(docs):
            try:
                items.append(parse_item(d))
            except InputError as exc:
                problems += [
                    str(p)
                    for p in (exc.prefixed(f"[{i}]") if isinstance(doc, list) else exc).problems
                ]
        if problems:
            raise UserError(problems)
        results = [run(item, at=at).as_dict() for item in items]
    except (InputError, NotFound) as exc:
        _fail(exc)
    if as_json:
        emit(results if isinstance(doc, list) else results[0])
    else:
        typer.echo("\n\n".join(classification_text(r) for r in results))


@app.command()
def kinds(as_json: Annotated[bool, typer.Option("--json")] = False) -> None:
    """List the item kinds and the parameters an item may state."""
    from catchall.core.vocabulary import vocabulary

    v = vocabulary()
    if as_json:
        emit(
            {
                "kinds": {
                    k: {"title": d.title, "evaluate_as": list(d.evaluate_as)}
                    for k, d in v.kinds.items()
                },
                "parameters": {
                    p: {
                        "type": d.type,
                        "dimension": d.dimension,
                        "values": list(d.values),
                        "title": d.title,
                    }
                    for p, d in v.parameters.items()
                },
            }
        )
        return
    typer.echo("Kinds:")
    for k, d in v.kinds.items():
        typer.echo(f"  {k:<36} {d.title}")
    typer.echo("\nParameters:")
    for p, d in v.parameters.items():
        typ = d.dimension or d.type
        if d.values:
            typ += " (" + "|".join(d.values) + ")"
        typer.echo(f"  {p:<34} {typ:<24} {d.title}")


@app.command()
def schema(
    which: Annotated[str, typer.Argument(help="item")] = "item",
) -> None:
    """Print the JSON Schema of an input format."""
    from catchall.core.schemas import item_schema

    if which != "item":
        _fail(InputError(f"unknown schema {which!r}; one of: item", "WHICH"))
    emit(item_schema())


@controls_app.command("list")
def controls_list(
    regime: Annotated[
        str | None, typer.Option(help="Only entries of this regime: WA, MTCR or NSG.")
    ] = None,
    list_date: Annotated[str | None, typer.Option("--list-date")] = None,
    as_json: Annotated[bool, typer.Option("--json")] = False,
) -> None:
    """List the control entries in force."""
    from catchall.core.controls.lists import REGIMES, packaged_library

    at = parse_date(list_date, "--list-date")
    if regime is not None and regime.upper() not in REGIMES:
        _fail(InputError(f"{regime!r} is not one of {', '.join(REGIMES)}", "--regime"))
    try:
        versions = packaged_library().in_force(at)
    except InputError as exc:
        _fail(exc)
    rows = [
        {
            "entry": e.id,
            "list": v.list,
            "version": v.version,
            "regime": e.regime,
            "mtcr_item": e.mtcr_item,
            "mtcr_category": e.mtcr_category,
            "title": e.title,
        }
        for v in versions
        for e in v.entries.values()
        if regime is None or e.regime == regime.upper()
    ]
    if as_json:
        emit(rows)
        return
    for r in rows:
        mtcr = f"{r['mtcr_item']} (Cat {r['mtcr_category']})" if r["mtcr_item"] else "-"
        typer.echo(f"{r['entry']:<12} {r['regime']:<5} {mtcr:<16} {r['title']}")
    typer.echo(f"\n{len(rows)} entries")


@controls_app.command("show")
def controls_show(
    entry: Annotated[str, typer.Argument(help="Entry id, e.g. 2B001.b.2 or 19.A.2")],
    list_date: Annotated[str | None, typer.Option("--list-date")] = None,
    as_json: Annotated[bool, typer.Option("--json")] = False,
) -> None:
    """Show one control entry: criteria, exclusions, MTCR correlation, source."""
    from catchall.core.controls.lists import packaged_library
    from catchall.core.controls.render import entry_text

    at = parse_date(list_date, "--list-date")
    try:
        version, e = packaged_library().find_entry(entry, at)
    except (NotFound, InputError) as exc:
        _fail(exc)
    if as_json:
        emit({"list": version.list, "version": version.version, **e.raw})
    else:
        typer.echo(entry_text(version, e))


@controls_app.command("versions")
def controls_versions(as_json: Annotated[bool, typer.Option("--json")] = False) -> None:
    """List every version of every control list with its effective date."""
    from catchall.core.controls.lists import packaged_library

    lib = packaged_library()
    rows = [
        {
            "list": v.list,
            "version": v.version,
            "effective_date": v.effective_date.isoformat(),
            "entries": len(v.entries),
            "extends": v.extends,
            "title": v.title,
        }
        for name in lib.list_names
        for v in lib.versions(name)
    ]
    if as_json:
        emit(rows)
        return
    for r in rows:
        typer.echo(
            f"{r['list']:<14} {r['version']:<10} from {r['effective_date']}  {r['entries']:>3} entries  {r['title']}"
        )


@app.command()
def serve(
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    demo: Annotated[
        bool, typer.Option("--demo/--no-demo", help="Load demo users and cases.")
    ] = True,
    threads: Annotated[int, typer.Option(help="Worker threads.")] = 8,
) -> None:
    """Run the web application (SQLite in CATCHALL_HOME unless DATABASE_URL is set)."""
    from catchall.web.bootstrap import ensure_home, migrate, setup_django

    setup_django()
    home = ensure_home()
    migrate()
    if demo:
        from catchall.web.demo import load_demo

        for line in load_demo():
            typer.echo(line)
    from waitress import serve as wsgi_serve

    from catchall.web.wsgi import application

    typer.echo(f"catchall data folder: {home}")
    typer.echo(f"catchall is serving on http://{host}:{port}/  (Ctrl+C to stop)")
    wsgi_serve(application, host=host, port=port, threads=threads, _quiet=True)


def main() -> None:
    """Entry point: run the app, turning user errors into exit code 2."""
    try:
        app(standalone_mode=False)
    except UserError as exc:
        for p in exc.problems:
            typer.echo(f"error: {p}", err=True)
        sys.exit(2)
    except typer.Exit as exc:
        sys.exit(exc.exit_code)
    except typer.Abort:
        typer.echo("aborted", err=True)
        sys.exit(1)
    except Exception as exc:
        # Usage errors (unknown option, missing argument) from Typer's click layer.
        if hasattr(exc, "show") and hasattr(exc, "exit_code"):
            exc.show()
            sys.exit(2 if exc.exit_code in (None, 1, 2) else exc.exit_code)
        raise


if __name__ == "__main__":
    main()
