"""The API tokens page of an exporter's administrator: list, create (secret shown once), revoke."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from catchall.core.errors import InputError
from catchall.web.accounts.decorators import role_required
from catchall.web.accounts.roles import is_exporter_admin
from catchall.web.tokens.services import (
    DEFAULT_LIFETIME,
    LIFETIMES,
    SCOPES,
    status_of,
    token_create,
    token_revoke,
    tokens_for,
)

FIELDS = ("name", "scopes", "lifetime")


def _forbidden(request, role="exporter"):
    return render(request, "core/forbidden.html", {"role": role}, status=403)


def _rows(user):
    now = timezone.now()
    return [(t, status_of(t, now)) for t in tokens_for(user)]


@require_http_methods(["GET", "POST"])
@role_required("exporter")
def tokens_page(request: HttpRequest) -> HttpResponse:
    """GET lists the organisation's tokens with the form; a valid POST answers with the new
    token, once (not stored, not cached, no redirect that could show it again)."""
    if not is_exporter_admin(request.user):
        return _forbidden(request)
    ctx = {
        "scopes": SCOPES,
        "lifetimes": LIFETIMES,
        "values": {"scopes": [], "lifetime": str(DEFAULT_LIFETIME), "name": ""},
    }
    status = 200
    if request.method == "POST":
        values = {
            "name": request.POST.get("name", ""),
            "scopes": request.POST.getlist("scopes"),
            "lifetime": request.POST.get("lifetime", ""),
        }
        try:
            created = token_create(
                actor=request.user,
                name=values["name"],
                scopes=values["scopes"],
                lifetime_days=values["lifetime"] or None,
            )
        except InputError as exc:
            errors = [
                {"field": p.field if p.field in FIELDS else "name", "message": p.message}
                for p in exc.problems
            ]
            ctx.update(
                values=values,
                errors=errors,
                error_fields={e["field"]: e["message"] for e in errors},
            )
            status = 422
        else:
            response = render(
                request,
                "tokens/created.html",
                {"token": created.token, "secret": created.secret, "scopes": SCOPES},
            )
            response["Cache-Control"] = "no-store"
            return response
    ctx["rows"] = _rows(request.user)
    return render(request, "tokens/tokens.html", ctx, status=status)


@require_POST
@role_required("exporter")
def token_revoke_view(request: HttpRequest, token_id: int) -> HttpResponse:
    if not is_exporter_admin(request.user):
        return _forbidden(request)
    token = tokens_for(request.user).filter(pk=token_id).first()
    if token is None:
        raise Http404("no such token")
    token_revoke(actor=request.user, token=token)
    messages.success(request, f"The token “{token.name}” is revoked: it no longer works.")
    return redirect("tokens")
