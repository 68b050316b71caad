"""The technical expert's rating page: every item of the application in words, with what the
classifier found (or the candidate entries when it could not rate the item), and one form per
item to confirm, change the entries or rate it not listed, with reasoning.

The page is a face of the ``rate_item`` action (the API takes the same payload at
``POST /api/cases/{id}/actions/rate_item``); the service checks everything. Authority staff read
the page; only the roles the workflow lets rate (technical expert, administrator) get the forms.
Exporters never see it: the rating and its reasoning are the authority's internal file.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from catchall.core.errors import InputError
from catchall.core.workflow import ACTIONS, NotAllowed
from catchall.web.accounts.decorators import role_required
from catchall.web.accounts.roles import AUTHORITY_ROLES, role_of
from catchall.web.cases.forms import entry_numbers
from catchall.web.cases.selectors import case_for
from catchall.web.cases.services import Conflict, case_act
from catchall.web.cases.services.rating import (
    case_officer,
    current_application,
    current_ratings,
    engine_classification,
    may_rate,
)
from catchall.web.core.page_errors import plain


def _candidates(found: list[dict[str, Any]]) -> list[dict[str, str]]:
    """The search's candidate entries with their titles, for the expert to pick from."""
    from catchall.core.errors import NotFound
    from catchall.web.classification.library import control_entry

    out = []
    for c in found:
        try:
            _, entry = control_entry(c["entry"])
        except NotFound:
            continue
        out.append({"entry": entry.id, "title": entry.title, "regime": entry.regime})
    return out


def _items(case) -> list[dict[str, Any]]:
    from catchall.core.vocabulary import vocabulary
    from catchall.web.cases.apply.questions import kind_title

    params = vocabulary().parameters
    app = current_application(case)
    rated = current_ratings(case, app)
    out = []
    for i, li in enumerate(app.items):
        engine = engine_classification(app, i)
        out.append(
            {
                "index": i,
                "n": i + 1,
                "description": li.item.description or kind_title(li.item.kind),
                "kind": kind_title(li.item.kind),
                "quantity": li.quantity,
                "parameters": [
                    (
                        params[name].title if name in params else name,
                        # the standard decides which version of an entry's figure applies
                        pv.display() + (f" ({pv.standard})" if pv.standard and not pv.axes else ""),
                    )
                    for name, pv in li.item.parameters.items()
                    if not pv.derived
                ],
                "determined": engine.controlled is not None,
                "entries": [
                    {"entry": h.entry.id, "title": h.entry.title, "regime": h.entry.regime}
                    for h in engine.entries
                ],
                "near": [{"entry": n.entry.id, "reason": n.reason} for n in engine.near_misses],
                "candidates": _candidates(engine.candidates),
                "rating": rated.get(i),
            }
        )
    return out


FIELDS = ("outcome", "entries", "reasoning")
_MESSAGES = {
    "outcome": "Choose how you rate item {n}",
    "reasoning": "Give your reasoning for item {n}",
}


def _errors(problems, n: int) -> list[dict[str, str]]:
    """The service's problems as the GOV.UK error summary shows them, each linked to its field
    in the form of item ``n`` (a problem of no field of the form, to its first field)."""
    out = []
    for p in problems:
        name = p.field if p.field in FIELDS else "outcome"
        if p.message == "required" and name in _MESSAGES:
            text = _MESSAGES[name].format(n=n)
        else:
            text = f"Item {n}: {plain(p.message)}"
        out.append({"field": f"{name}-{n - 1}", "message": text, "name": name})
    return out


def _render(request, case, *, errors=(), index=None, conflict="", status=200):
    items = _items(case)
    for it in items:  # the form that failed keeps what was typed, with its messages
        failed = it["index"] == index
        it["errors"] = {e["name"]: e["message"] for e in errors} if failed else {}
        it["values"] = request.POST if failed else {}
    left = [it["n"] for it in items if it["rating"] is None]
    return render(
        request,
        "cases/rate.html",
        {
            "case": case,
            "items": items,
            "left": left,
            "officer": case_officer(case),
            "may_rate": may_rate(request.user) and case.status in ACTIONS["rate_item"].from_states,
            "errors": list(errors),
            "conflict": conflict,
        },
        status=status,
    )


@role_required(*AUTHORITY_ROLES)
def rate_page(request: HttpRequest, pk: int) -> HttpResponse:
    case = case_for(request.user, pk)
    if case is None:
        raise Http404("no such case")
    if request.method != "POST":
        return _render(request, case)
    if role_of(request.user) not in ACTIONS["rate_item"].roles:
        return render(request, "core/forbidden.html", {"role": role_of(request.user)}, status=403)
    post = request.POST
    try:
        index = int(post.get("index", ""))
        expected = int(post.get("lock_version", ""))
    except ValueError:  # a form not sent by this page
        errs = [
            {
                "field": "item-1",
                "message": "The form was incomplete: reload the page and rate the item again",
                "name": "",
            }
        ]
        return _render(request, case, errors=errs, status=422)
    payload: dict[str, Any] = {
        "index": index,
        "entries": entry_numbers(post.get("entries", "")),
        "reasoning": post.get("reasoning", ""),
    }
    if post.get("outcome"):
        payload["outcome"] = post["outcome"]
    if post.get("outcome") != "change" and not payload["entries"]:
        payload.pop("entries")
    try:
        case_act(case, "rate_item", actor=request.user, expected_version=expected, **payload)
    except NotAllowed as exc:
        errs = [{"field": f"outcome-{index}", "message": str(exc), "name": "outcome"}]
        return _render(request, case_for(request.user, pk), errors=errs, index=index, status=403)
    except Conflict as exc:
        return _render(
            request, case_for(request.user, pk), index=index, conflict=str(exc), status=409
        )
    except InputError as exc:  # nothing was written: the case as it is in the database
        status = 409 if type(exc).__name__ == "WrongState" else 422
        errs = _errors(exc.problems, index + 1)
        return _render(request, case_for(request.user, pk), errors=errs, index=index, status=status)
    case.refresh_from_db()
    left = len(current_application(case).items) - len(current_ratings(case))
    if left == 0:
        back = case.assigned_to
        messages.success(
            request,
            f"Item {index + 1} rated. Every item is rated: the classification is confirmed and "
            + (
                f"the case is back with {back.get_full_name() or back.get_username()}."
                if back
                else "the case is back in the licensing team's queue."
            ),
        )
        return redirect("case", pk=pk)
    messages.success(
        request,
        f"Item {index + 1} rated. {left} item{'s' if left > 1 else ''} left to rate.",
    )
    return redirect(f"/cases/{pk}/rate/")
