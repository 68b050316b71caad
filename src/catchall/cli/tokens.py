"""``catchall tokens``: list, create and revoke exporters' API tokens from the server."""

from __future__ import annotations

from typing import Annotated

import typer

from catchall.cli.common import _db, _fail, app, emit
from catchall.core.errors import InputError

tokens_app = typer.Typer(
    help="Exporters' API tokens (the page /account/tokens/ is the usual way).",
    no_args_is_help=True,
)
app.add_typer(tokens_app, name="tokens")


def _row(t, status: str) -> dict:
    return {
        "prefix": t.prefix,
        "name": t.name,
        "organisation": t.organisation.name,
        "user": t.user.get_username(),
        "scopes": t.scopes,
        "created": t.created_at.isoformat(timespec="seconds"),
        "expires": t.expires_at.isoformat(timespec="seconds"),
        "last_used": t.last_used_at.isoformat(timespec="seconds") if t.last_used_at else None,
        "status": status,
    }


@tokens_app.command("list")
def tokens_list(as_json: Annotated[bool, typer.Option("--json")] = False) -> None:
    """Every token: prefix, name, organisation, scopes, expiry, status (never the secret)."""
    _db()
    from catchall.web.tokens.services import status_of, tokens_for

    rows = [_row(t, status_of(t)) for t in tokens_for("cli")]
    if as_json:
        emit(rows)
        return
    for r in rows:
        typer.echo(
            f"{r['prefix']}  {r['status']:<8} {r['name']} ({r['organisation']}, "
            f"{', '.join(r['scopes'])}, expires {r['expires'][:10]})"
        )
    if not rows:
        typer.echo("no API tokens")


@tokens_app.command("create")
def tokens_create(
    user: Annotated[str, typer.Option("--user", help="The exporter's administrator it acts as")],
    name: Annotated[str, typer.Option("--name")],
    scope: Annotated[
        list[str], typer.Option("--scope", help="read, screen, classify or apply; repeat")
    ],
    days: Annotated[int, typer.Option("--days", help="30, 90 or 365")] = 90,
) -> None:
    """Create a token and print it once (it is stored only as a hash)."""
    _db()
    from django.contrib.auth import get_user_model

    from catchall.web.tokens.services import token_create

    owner = get_user_model().objects.filter(username=user).first()
    if owner is None:
        _fail(InputError(f"no user {user!r}", "--user"))
    try:
        created = token_create(actor="cli", user=owner, name=name, scopes=scope, lifetime_days=days)
    except InputError as exc:
        _fail(exc)
    typer.echo(created.secret)
    typer.echo("copy it now: it is not shown again", err=True)


@tokens_app.command("revoke")
def tokens_revoke(
    prefix: Annotated[str, typer.Argument(help="The token's prefix, ca_...")],
) -> None:
    """Revoke a token at once, by its prefix."""
    _db()
    from catchall.web.tokens.models import ApiToken
    from catchall.web.tokens.services import token_revoke

    token = ApiToken.objects.filter(prefix=prefix.strip()).first()
    if token is None:
        _fail(InputError(f"no token {prefix!r}", "prefix"))
    token_revoke(actor="cli", token=token)
    typer.echo(f"revoked {token.prefix} ({token.name})")
