"""``catchall denials``: import partners' denial notifications, export ours, list them.

Thin: parse the options, call one service, print. Bad input exits 2 and writes nothing.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from catchall.core.errors import InputError

denials_app = typer.Typer(
    help="Denial notifications: partners' (incoming) and ours (outgoing).", no_args_is_help=True
)
FORMATS = ("lite-csv", "csv", "json")


def _cli():
    from catchall.cli import common

    return common


@denials_app.command("import")
def denials_import_cmd(
    file: Annotated[str, typer.Argument(help="Notifications file: LITE CSV, our CSV or JSON.")],
    fmt: Annotated[
        str | None, typer.Option("--format", help="lite-csv, csv or json (detected when omitted).")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the report as JSON.")] = False,
) -> None:
    """Import notifications; the same reference from the same government updates it."""
    cli = _cli()
    if fmt is not None and fmt not in FORMATS:
        cli._fail(InputError(f"{fmt!r} is not one of {', '.join(FORMATS)}", "--format"))
    if not Path(file).is_file():
        cli._fail(InputError(f"no such file: {file}", "FILE"))
    cli._db()
    from catchall.web.denials.services import denials_import

    try:
        outcome = denials_import(file, format=fmt, actor="cli")
    except InputError as exc:
        cli._fail(exc)
    if as_json:
        cli.emit(outcome.as_dict())
        return
    typer.echo(outcome.summary())
    warnings = outcome.result.warnings
    for w in warnings[:50]:
        typer.echo(f"  warning: {w}")
    if len(warnings) > 50 or outcome.result.warnings_omitted:
        more = len(warnings) - 50 + outcome.result.warnings_omitted
        typer.echo(f"  ... {max(more, 0)} more warnings (use --json to see them)")


@denials_app.command("export")
def denials_export_cmd(
    fmt: Annotated[str, typer.Option("--format", help="lite-csv, csv or json.")] = "lite-csv",
    direction: Annotated[
        str, typer.Option(help="outgoing (ours, for partners), incoming or all.")
    ] = "outgoing",
    out: Annotated[
        str | None, typer.Option("--out", help="Write to FILE instead of stdout.")
    ] = None,
) -> None:
    """Export notifications (ours by default) for partners."""
    cli = _cli()
    if fmt not in FORMATS:
        cli._fail(InputError(f"{fmt!r} is not one of {', '.join(FORMATS)}", "--format"))
    if direction not in ("outgoing", "incoming", "all"):
        cli._fail(InputError(f"{direction!r} is not outgoing, incoming or all", "--direction"))
    cli._db()
    from catchall.web.denials.services import denials_export

    try:
        text = denials_export(fmt, direction)
    except InputError as exc:
        cli._fail(exc)
    if out:
        Path(out).write_text(text, encoding="utf-8", newline="")
        typer.echo(f"wrote {out}", err=True)
    else:
        typer.echo(text, nl=False)


@denials_app.command("list")
def denials_list_cmd(
    direction: Annotated[str | None, typer.Option(help="incoming or outgoing.")] = None,
    status: Annotated[str | None, typer.Option(help="active or revoked.")] = None,
    as_json: Annotated[bool, typer.Option("--json")] = False,
) -> None:
    """List the notifications, newest first."""
    cli = _cli()
    if direction not in (None, "incoming", "outgoing"):
        cli._fail(InputError(f"{direction!r} is not incoming or outgoing", "--direction"))
    if status not in (None, "active", "revoked"):
        cli._fail(InputError(f"{status!r} is not active or revoked", "--status"))
    cli._db()
    from catchall.web.denials.models import DenialNotification
    from catchall.web.denials.selectors import denial_dict

    qs = DenialNotification.objects.prefetch_related("parties")
    if direction:
        qs = qs.filter(direction=direction)
    if status:
        qs = qs.filter(status=status)
    rows = [denial_dict(n) for n in qs]
    if as_json:
        cli.emit(rows)
        return
    if not rows:
        typer.echo("no denial notifications")
    for r in rows:
        parties = "; ".join(
            f"{p['name']} ({p['country'] or '-'}, {p['entity_type']})" for p in r["parties"]
        )
        typer.echo(
            f"{r['notifying_government']} {r['reference']:<24} {r['denial_cle'] or 'catch-all':<14} "
            f"{r['denied_on']}..{r['valid_until']} {r['direction']:<8} {r['status']:<7} {parties}"
        )


from catchall.cli.common import app  # noqa: E402

app.add_typer(denials_app, name="denials")
