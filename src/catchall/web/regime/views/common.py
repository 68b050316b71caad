"""Shared plumbing for the regime pages: the reader, error re-rendering, not-found."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from catchall.core.errors import InputError, NotAllowed, NotFound, Problem
from catchall.core.regime.proposals import may_draft
from catchall.web.regime.field_words import summary_errors
from catchall.web.regime.page_marking import page_marking
from catchall.web.regime.releasability import Reader, reader_for
from catchall.web.regime.services.outreach import ORGANISERS


def reader(request: HttpRequest) -> Reader:
    return reader_for(request.user)


def not_found(request: HttpRequest, what: str) -> HttpResponse:
    return render(request, "core/not_found.html", {"what": what}, status=404)


def page(
    request: HttpRequest,
    template: str,
    ctx: dict[str, Any],
    *,
    problems: list[Problem] | None = None,
    status: int | None = None,
) -> HttpResponse:
    problems = problems or []
    r = reader(request)
    ctx = {
        **ctx,
        "page_banner": page_marking(ctx, r.today),
        "may_draft": may_draft(r.role, r.country),
        # the meeting forms are offered only to those the outreach services let act
        "may_organise": r.role in ORGANISERS,
        "problems": problems,
        "errors": summary_errors(problems),  # base.html's GOV.UK error summary
        "problem_fields": {p.field.split(".")[0] for p in problems},
        "problem_map": _by_field(problems),
    }
    return render(request, template, ctx, status=status or (422 if problems else 200))


def _by_field(problems: list[Problem]) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for p in problems:
        out.setdefault(p.field.split(".")[0].split("[")[0] or "form", []).append(str(p))
    return out


def act(
    request: HttpRequest,
    run: Callable[[], Any],
    *,
    done: str,
    then: str | Callable[[Any], str],
    again: Callable[[list[Problem], int], HttpResponse],
) -> HttpResponse:
    """Run one service for a POST; on bad input re-render the page with the problems (422),
    on a refused permission with the reason (403); otherwise redirect with a message."""
    try:
        result = run()
    except InputError as exc:
        return again(exc.problems, 422)
    except NotAllowed as exc:
        return again([Problem("", str(exc) or "not allowed")], 403)
    except NotFound as exc:
        return again([Problem("", str(exc))], 404)
    messages.success(request, done)
    return redirect(then(result) if callable(then) else then)
