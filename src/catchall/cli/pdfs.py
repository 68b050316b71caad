"""``catchall pdfs prune``: delete the stored PDFs nobody was served for a while (for cron,
or to free space now; the scheduler runs the same every day)."""

from __future__ import annotations

from typing import Annotated

import typer

from catchall.cli.common import _db, _fail, _Progress, app, emit
from catchall.core.errors import InputError

pdfs_app = typer.Typer(help="PDFs made by jobs and kept to be served again.", no_args_is_help=True)
app.add_typer(pdfs_app, name="pdfs")


@pdfs_app.command("prune")
def pdfs_prune(
    older_than: Annotated[
        str | None,
        typer.Option(
            "--older-than",
            metavar="DAYS",
            help="Delete those not used for this many days (default: CATCHALL_PDF_KEEP_DAYS).",
        ),
    ] = None,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Count what would go; delete nothing.")
    ] = False,
    as_json: Annotated[bool, typer.Option("--json")] = False,
) -> None:
    """Delete stored PDFs not served for DAYS days (an issued letter's PDF is kept with the
    letter and never deleted). Prints one summary line; exit code 2 on a bad --older-than."""
    from catchall.web.bootstrap import setup_django

    setup_django()
    from catchall.web.jobs.prune import keep_days

    try:
        days = keep_days(older_than, "--older-than")  # before the database is prepared
    except InputError as exc:
        _fail(exc)
    _db()
    from catchall.web.jobs.prune import prune_stored_pdfs

    bar = _Progress("Deleting stored PDFs")
    try:
        out = prune_stored_pdfs(days, dry_run=dry_run, actor="cli", progress=lambda d, _: bar(d))
    finally:
        bar.close()
    if as_json:
        emit(out.as_dict())
    else:
        typer.echo(out.summary())
