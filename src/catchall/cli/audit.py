"""``catchall audit``: verify the keyed chain and print its head to keep elsewhere."""

from __future__ import annotations

from typing import Annotated

import typer

from catchall.cli.common import _db, _fail, app, emit
from catchall.core.errors import InputError

audit_app = typer.Typer(help="The tamper-evident audit log.", no_args_is_help=True)
app.add_typer(audit_app, name="audit")


@audit_app.command("verify")
def audit_verify(
    as_json: Annotated[bool, typer.Option("--json")] = False,
    expect: Annotated[
        str | None,
        typer.Option(
            "--expect",
            help="A head printed earlier by 'catchall audit head' and kept outside the "
            "database: the log must still reach it (catches deleted newest events).",
        ),
    ] = None,
) -> None:
    """Check the audit log's keyed hash chain: any edit, deletion or re-hashed rewrite is
    reported and the command exits 1; 0 when intact."""
    from catchall.web.audit.anchor import parse_anchor

    anchor = None
    if expect is not None:
        try:
            anchor = parse_anchor(expect)
        except InputError as exc:
            _fail(exc)
    _db()
    from catchall.web.audit.services import verify_chain

    report = verify_chain(anchor)
    if as_json:
        emit(
            {
                "ok": report.ok,
                "checked": report.checked,
                "head": f"{report.head_seq}:{report.head_hash}",
                "problems": report.problems,
            }
        )
    else:
        typer.echo(
            f"checked {report.checked} events: "
            + ("the chain is intact" if report.ok else "TAMPERING DETECTED")
        )
        for p in report.problems:
            typer.echo(f"  {p}")
    if not report.ok:
        raise typer.Exit(1)


@audit_app.command("head")
def audit_head(as_json: Annotated[bool, typer.Option("--json")] = False) -> None:
    """Print the newest event's number and hash. Keep it outside the database (a ticket, a
    signed e-mail, a printout) and check later with 'catchall audit verify --expect SEQ:HASH'."""
    _db()
    from catchall.web.audit.keys import fingerprint
    from catchall.web.audit.services import chain_head

    head = chain_head()
    if as_json:
        emit({"events": head.seq, "hash": head.hash, "anchor": str(head), "key": fingerprint()})
    else:
        typer.echo(f"events: {head.seq}")
        typer.echo(f"head:   {head}")
        typer.echo(f"key:    {fingerprint()}")
