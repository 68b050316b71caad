"""``catchall cases act``: take a workflow action on a case as a named user, with the same
payload (and the same checks) as the API's ``POST /api/cases/{pk}/actions/{action}``.

Thin: read the payload, call the case service, print. Bad input exits 2 and writes nothing.
"""

from __future__ import annotations

import json
from typing import Annotated

import typer

from catchall.cli.common import _db, _fail, app, emit
from catchall.core.errors import InputError

cases_app = typer.Typer(help="Licence cases: workflow actions.", no_args_is_help=True)
app.add_typer(cases_app, name="cases")


@cases_app.command("act")
def cases_act_cmd(
    reference: Annotated[str, typer.Argument(help="The case's reference, e.g. CA-2026-00001.")],
    action: Annotated[str, typer.Argument(help="The action, e.g. recommend, decide, withdraw.")],
    user: Annotated[str, typer.Option("--as", help="Act as this user (their role decides).")],
    payload: Annotated[
        str,
        typer.Option(
            help='The action\'s fields as a JSON object, e.g. \'{"outcome": "deny", '
            '"reason": "…", "internal_note": "…"}\' (the API\'s body).'
        ),
    ] = "{}",
    lock_version: Annotated[
        int | None, typer.Option(help="Refuse if the case changed since this version.")
    ] = None,
) -> None:
    """Take ACTION on the case. For ``decide``, ``reason`` goes on the refusal letter and into
    the denial notification; ``internal_note`` stays with the authority."""
    from catchall.core.workflow import ACTIONS

    if action not in ACTIONS:
        _fail(InputError(f"no action {action!r}: one of {', '.join(ACTIONS)}", "ACTION"))
    try:
        body = json.loads(payload)
    except json.JSONDecodeError as exc:
        _fail(InputError(f"not JSON: {exc.msg} at character {exc.pos}", "--payload"))
    if not isinstance(body, dict):
        _fail(InputError("give a JSON object", "--payload"))
    reserved = sorted(body.keys() & {"case", "action", "actor", "expected_version"})
    if reserved:
        _fail(InputError("not a field of any action", reserved[0]))
    _db()
    from django.contrib.auth import get_user_model

    from catchall.web.cases.models import Case
    from catchall.web.cases.services import Conflict, case_act

    actor = get_user_model().objects.filter(username=user).first()
    if actor is None:
        _fail(InputError(f"no user {user!r}", "--as"))
    case = Case.objects.filter(reference=reference).first()
    if case is None:
        _fail(InputError(f"no case {reference!r}", "REFERENCE"))
    try:
        case = case_act(case, action, actor=actor, expected_version=lock_version, **body)
    except InputError as exc:
        _fail(exc)
    except Conflict as exc:
        _fail(str(exc))
    emit({"reference": case.reference, "status": case.status, "lock_version": case.lock_version})
