"""Denial-notification pages: list with filters, detail, import upload, export download.

Server-rendered and usable without JavaScript; every view checks the role (403 otherwise).
"""

from __future__ import annotations

import datetime as dt
from urllib.parse import urlencode

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from catchall.core.errors import InputError, NotFound, Problem
from catchall.web.audit.services import history
from catchall.web.core.page_errors import at_fields
from catchall.web.denials.formats import FORMAT_NAMES, FORMATS
from catchall.web.denials.models import DIRECTIONS, STATUSES
from catchall.web.denials.permissions import can_write, denials_view
from catchall.web.denials.selectors import denial_for, denials_for, imports_for
from catchall.web.denials.services import denial_revoke, denials_export, denials_import_data

MAX_UPLOAD = 5 * 1024 * 1024
UPLOAD_SUFFIXES = (".csv", ".json", ".txt")
UPLOAD_TYPES = (
    "text/",
    "application/json",
    "application/csv",
    "application/vnd.ms-excel",
    "application/octet-stream",
)
PER_PAGE = 50
FILTERS = ("direction", "status", "government", "q", "valid_on")


# each filter's input id and label on the page, for the error summary's links and words
FILTER_FIELDS = {
    "direction": ("f-direction", "Direction"),
    "status": ("f-status", "Status"),
    "government": ("f-government", "Notifying government"),
    "q": ("f-q", "Search"),
    "valid_on": ("f-valid", "In force on"),
}


def _filter_errors(problems: list[Problem]) -> list[dict[str, str]]:
    """The GOV.UK error summary's entries: the filter's label and the problem in words."""
    out = []
    for p in problems:
        field_id, label = FILTER_FIELDS.get(p.field, ("f-q", "Filter"))
        out.append({"field": field_id, "message": f"{label}: {p.message}"})
    return out


@require_GET
@denials_view()
def denial_list(request: HttpRequest) -> HttpResponse:
    values = {k: request.GET.get(k, "").strip() for k in FILTERS}
    problems: list[Problem] = []
    valid_on = None
    if values["valid_on"]:
        try:
            valid_on = dt.date.fromisoformat(values["valid_on"])
        except ValueError:
            problems.append(Problem("valid_on", "enter a real date, like 2026-12-31"))
    try:
        qs = denials_for(
            request.user,
            direction=values["direction"] or None,
            status=values["status"] or None,
            government=values["government"] or None,
            q=values["q"] or None,
            valid_on=valid_on,
        )
    except InputError as exc:
        problems += exc.problems
        qs = denials_for(request.user)
    page = Paginator(qs, PER_PAGE).get_page(request.GET.get("page"))
    query = urlencode({k: v for k, v in values.items() if v})
    return render(
        request,
        "denials/list.html",
        {
            "page": page,
            "values": values,
            "errors": _filter_errors(problems),
            "field_errors": {p.field: p.message for p in problems},
            "directions": DIRECTIONS,
            "statuses": STATUSES,
            "formats": FORMATS,
            "query": query,
            "can_write": can_write(request.user),
        },
        status=422 if problems else 200,
    )


@require_GET
@denials_view()
def denial_detail(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        n = denial_for(request.user, pk)
    except NotFound:
        return render(
            request, "core/not_found.html", {"what": "such denial notification"}, status=404
        )
    return render(
        request,
        "denials/detail.html",
        {"n": n, "events": history("denial", n.pk), "can_write": can_write(request.user)},
    )


@require_http_methods(["GET", "POST"])
@denials_view(write=True)
def denial_revoke_view(request: HttpRequest, pk: int) -> HttpResponse:
    """A confirmation page that spells out what revoking does; only its confirm=yes revokes
    (a bare POST shows the page again and writes nothing)."""
    try:
        n = denial_for(request.user, pk)
    except NotFound:
        return render(
            request, "core/not_found.html", {"what": "such denial notification"}, status=404
        )
    errors: list[dict] = []
    if request.method == "POST" and request.POST.get("confirm") == "yes":
        try:
            n = denial_revoke(pk, comment=request.POST.get("comment", ""), actor=request.user)
        except InputError as exc:
            errors = [
                {
                    "field": "comment",
                    "message": "Enter why the notification is revoked"
                    if p.field == "comment"
                    else p.message[:1].upper() + p.message[1:],
                }
                for p in exc.problems
            ]
        else:
            then = (
                "Partners are no longer told it applies; it stops counting in no-undercut checks."
                if n.direction == "outgoing"
                else "It stops counting in no-undercut checks from now on."
            )
            messages.success(request, f"Notification {n.reference} revoked. {then}")
            return redirect("denials:detail", pk=pk)
    return render(
        request,
        "denials/revoke.html",
        {"n": n, "errors": errors, "values": request.POST},
        status=422 if errors else 200,
    )


def _check_upload(upload) -> None:
    if upload is None:
        raise InputError("choose a file to upload", "file")
    if upload.size > MAX_UPLOAD:
        raise InputError(f"the file is larger than {MAX_UPLOAD // (1024 * 1024)} MB", "file")
    if not upload.name.lower().endswith(UPLOAD_SUFFIXES):
        raise InputError(f"upload a {', '.join(UPLOAD_SUFFIXES)} file", "file")
    ctype = (upload.content_type or "").lower()
    if ctype and not ctype.startswith(UPLOAD_TYPES):
        raise InputError(f"a file of type {ctype} is not a CSV or JSON file", "file")


@require_http_methods(["GET", "POST"])
@denials_view(write=True)
def denial_import(request: HttpRequest) -> HttpResponse:
    problems, outcome, fmt = [], None, request.POST.get("format", "")
    if request.method == "POST":
        upload = request.FILES.get("file")
        try:
            _check_upload(upload)
            if fmt and fmt not in FORMATS:
                raise InputError(f"{fmt!r} is not one of {', '.join(FORMATS)}", "format")
            outcome = denials_import_data(
                upload.read(), file_name=upload.name, format=fmt or None, actor=request.user
            )
        except InputError as exc:
            problems = exc.problems
    errors = _import_errors(problems)
    return render(
        request,
        "denials/import.html",
        {
            "errors": errors,
            "field_errors": at_fields(errors),
            "outcome": outcome,
            "formats": [(f, FORMAT_NAMES[f]) for f in FORMATS],
            "format_names": FORMAT_NAMES,
            "fmt": fmt,
            "imports": imports_for(request.user),
            "max_mb": MAX_UPLOAD // (1024 * 1024),
        },
        status=422 if problems else 200,
    )


def _import_errors(problems) -> list[dict]:
    """The GOV.UK error pattern: a problem with the file (its size, type or a line in it) at
    the file input, one with the format at the format picker, each naming its field."""
    from catchall.web.core.page_errors import page_errors

    labels = {"file": "File", "format": "Format"}
    out = []
    for p, e in zip(problems, page_errors(problems, "file", known=tuple(labels)), strict=True):
        message = e["message"]
        if p.field in labels:
            message = f"{labels[p.field]}: {message[:1].lower()}{message[1:]}"
        out.append({**e, "message": message})
    return out


@require_GET
@denials_view()
def denial_export(request: HttpRequest) -> HttpResponse:
    fmt = request.GET.get("format", "lite-csv")
    direction = request.GET.get("direction", "outgoing")
    try:
        text = denials_export(fmt, direction, reader=request.user)
    except InputError as exc:
        return HttpResponse(
            "; ".join(str(p) for p in exc.problems), status=422, content_type="text/plain"
        )
    ext = "json" if fmt == "json" else "csv"
    ctype = "application/json" if fmt == "json" else "text/csv; charset=utf-8"
    resp = HttpResponse(text, content_type=ctype)
    resp["Content-Disposition"] = f'attachment; filename="denials-{direction}-{fmt}.{ext}"'
    return resp
