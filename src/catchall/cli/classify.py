"""``catchall classify``, ``kinds`` and ``schema``: items against the lists in force."""

from __future__ import annotations

from typing import Annotated

import typer

from catchall.cli.common import UserError, _db, _fail, app, emit, parse_date, read_input
from catchall.core.errors import InputError, NotFound


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
        _db()  # the authority's stored list versions count as on the page and in the API
        from catchall.web.classification.library import classify_item

        results = [classify_item(item, at).as_dict() for item in items]
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
    which: Annotated[str, typer.Argument(help="item or application")] = "item",
) -> None:
    """Print the JSON Schema of an input format."""
    from catchall.core.schemas import application_schema, item_schema

    schemas = {"item": item_schema, "application": application_schema}
    if which not in schemas:
        _fail(InputError(f"unknown schema {which!r}; one of: {', '.join(schemas)}", "WHICH"))
    emit(schemas[which]())
