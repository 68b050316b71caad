"""Screening and list-management pages (server-rendered, no JavaScript needed)."""

from __future__ import annotations

import re
from pathlib import Path

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from catchall.core.errors import InputError, Problem
from catchall.core.model import SCHEMATA
from catchall.core.screening.importers import FORMAT_LABELS
from catchall.web.accounts.confidentiality import AUDIENCES
from catchall.web.accounts.decorators import role_required
from catchall.web.accounts.roles import AUTHORITY_ROLES, has_role
from catchall.web.cases.apply.questions import countries
from catchall.web.core.page_errors import at_fields, page_errors
from catchall.web.jobs.services import submit
from catchall.web.screening.index import result_to_dict
from catchall.web.screening.models import LIST_KINDS, ListImport, ListSource, ScreeningList
from catchall.web.screening.parties import parse_party as _party
from catchall.web.screening.refresh import open_alerts
from catchall.web.screening.selectors import lists_for
from catchall.web.screening.services import (
    LIST_IMPORTERS,
    MAX_BATCH_UPLOAD,
    check_import_request,
    ensure_starter_list,
    read_batch_upload,
    screen_parties,
)
from catchall.web.screening.words import SCHEMA_PLURALS, SCHEMA_WORDS, matches_for_people


@role_required()
def screen_page(request: HttpRequest) -> HttpResponse:
    """GET shows the form (a ``?name=`` only fills it in); POST screens and keeps the record:
    a screening writes a record, so a link or a prefetch must not do it."""
    ensure_starter_list()
    data = request.POST if request.method == "POST" else None
    result, problems, hidden = None, [], []
    if data is not None:
        try:
            prob = []
            q = _party(
                {
                    "name": data.get("name", ""),
                    "country": data.get("country") or None,
                    "schema": data.get("schema") or None,
                    "dob": data.get("dob", "").strip() or None,
                    "nationality": data.get("nationality", "").strip() or None,
                    "identifiers": [
                        i.strip() for i in data.get("identifiers", "").split(";") if i.strip()
                    ],
                },
                "",
                prob,
            )
            if prob:
                raise InputError(prob)
            lists = data.getlist("list") or None
            user = request.user
            result = result_to_dict(
                screen_parties([q], lists=lists, actor=user, context="screening page")[0]
            )
            hidden = _hidden_by_type(q, result, lists, user)
        except InputError as exc:
            problems = exc.problems
    values = data if data is not None else request.GET
    errors = _named(page_errors(_by_field(problems), "name", known=tuple(FIELD_LABELS)))
    return render(
        request,
        "screening/screen.html",
        {
            "result": result,
            "matches": matches_for_people(result["matches"], result["query"]["name"])
            if result
            else [],
            "hidden": matches_for_people(hidden),
            "schema_plural": SCHEMA_PLURALS.get(values.get("schema") or "", ""),
            "errors": errors,
            "field_errors": at_fields(errors),
            "values": values,
            "selected": values.getlist("list"),
            "schemata": [(s, SCHEMA_WORDS.get(s, s)) for s in SCHEMATA],
            "countries": countries(),
            "lists": lists_for(request.user),
        },
        status=422 if problems else 200,
    )


FIELD_LABELS = {
    "name": "Name",
    "country": "Country",
    "schema": "Type",
    "dob": "Date of birth",
    "nationality": "Nationality",
    "identifiers": "Identifiers",
    "list": "Lists",
}


def _by_field(problems) -> list[Problem]:
    """ "identifiers[1]" belongs to the Identifiers field: the message says which one."""
    out = []
    for p in problems:
        m = re.fullmatch(r"identifiers\[(\d+)\]", p.field or "")
        out.append(
            Problem("identifiers", f"identifier {int(m.group(1)) + 1}: {p.message}") if m else p
        )
    return out


def _named(errors: list[dict]) -> list[dict]:
    """Each message names its field in words ("Date of birth: ..."), not by its code."""
    out = []
    for e in errors:
        label, message = FIELD_LABELS.get(e["field"], ""), e["message"]
        if label and not message.lower().startswith(label.lower()):
            message = f"{label}: {message[:1].lower()}{message[1:]}"
        out.append({**e, "message": message})
    return out


def _hidden_by_type(q, result: dict, lists, user) -> list[dict]:
    """Matches the Type filter hid: a "clear" for persons must not hide an organisation of
    that name. Screened again without the type and not recorded (the first screening was)."""
    import dataclasses

    if not getattr(q, "schema", None):
        return []
    wide = screen_parties(
        [dataclasses.replace(q, schema=None)], lists=lists, actor=user, record=False
    )[0]
    shown = {m["entity_id"] for m in result["matches"]}
    return [
        m
        for m in result_to_dict(wide)["matches"]
        if m["entity_id"] not in shown and m["decision"] in ("match", "possible")
    ]


@role_required(*AUTHORITY_ROLES)
def lists_page(request: HttpRequest) -> HttpResponse:
    ensure_starter_list()
    problems = []
    if request.method == "POST" and not has_role(request.user, *LIST_IMPORTERS):
        problems = InputError("Your role may view lists but not import them").problems
    elif request.method == "POST":
        upload = request.FILES.get("file")
        try:
            params = check_import_request(
                upload,
                name=(request.POST.get("name") or "").strip(),
                kind=request.POST.get("kind"),
                audience=request.POST.get("audience"),
                version_date=request.POST.get("version_date"),
            )
            params |= {
                "format": request.POST.get("format") or None,
                "title": request.POST.get("title", ""),
            }
            j = submit(
                "lists.review",
                params,
                user=request.user,
                key=f"lists:{params['name']}",
                upload=(Path(upload.name).name, b"".join(upload.chunks())),
            )
            return redirect(j.get_absolute_url())
        except InputError as exc:
            problems = exc.problems
    errors = _import_errors(problems)
    return render(
        request,
        "screening/lists.html",
        {
            "lists": ScreeningList.objects.order_by("name"),
            "alerts": open_alerts(),
            "sources": ListSource.objects.all(),
            "errors": errors,
            "field_errors": at_fields(errors),
            "kinds": LIST_KINDS,
            "audiences": list(AUDIENCES.items()),
            "formats": list(FORMAT_LABELS.items()),
            "values": request.POST,
        },
        status=422 if problems else 200,
    )


IMPORT_LABELS = {
    "file": "File",
    "lname": "List name",
    "format": "Format",
    "kind": "Kind",
    "audience": "Who may screen against it",
    "title": "Title",
    "version_date": "Version date",
}


def _import_errors(problems) -> list[dict]:
    """The import form's problems in the GOV.UK pattern, each at its input and naming it (the
    list's name is the input ``lname``: the whole page is about lists and their names)."""
    moved = [Problem("lname" if p.field == "name" else p.field, p.message) for p in problems]
    out = []
    for p, e in zip(moved, page_errors(moved, "file", known=tuple(IMPORT_LABELS)), strict=True):
        label, message = IMPORT_LABELS.get(p.field or ""), e["message"]
        if label:
            message = f"{label}: {message[:1].lower()}{message[1:]}"
        out.append({**e, "message": message})
    return out


@role_required()
def batch_page(request: HttpRequest) -> HttpResponse:
    """GET: the upload form; POST: check the CSV (its header, its size, each row) and start the
    batch job; the job page shows progress and offers the results."""
    from catchall.core.screening import batch_io
    from catchall.web.screening.batch import submit_batch

    ensure_starter_list()
    problems = []
    if request.method == "POST":
        try:
            parties, skipped = read_batch_upload(request.FILES.get("file"))
            j = submit_batch(
                parties,
                request.POST.getlist("list") or None,
                user=request.user,
                context="batch upload",
                skipped=skipped,
            )
            return redirect(j.get_absolute_url())
        except InputError as exc:
            problems = exc.problems
    return render(
        request,
        "screening/batch.html",
        {
            "errors": page_errors(problems, "file", known=("file", "list")),
            "lists": lists_for(request.user),
            "selected": request.POST.getlist("list"),
            "max_rows": f"{batch_io.MAX_ROWS:,}",
            "max_mb": MAX_BATCH_UPLOAD // (1024 * 1024),
        },
        status=422 if problems else 200,
    )


@require_POST
@role_required(*LIST_IMPORTERS)
def list_replace(request: HttpRequest, name: str) -> HttpResponse:
    """Replace the list with the file a finished review read (once: pressed again, or while
    the list is being replaced, the job already running or done is shown)."""
    from catchall.web.jobs.models import Job
    from catchall.web.jobs.selectors import job_for

    try:
        review_id = int(request.POST.get("review", ""))
    except ValueError:
        review_id = 0
    review = job_for(request.user, review_id)
    if review is None or review.kind != "lists.review" or review.params.get("name") != name:
        return render(request, "core/not_found.html", {"what": "review of that file"}, status=404)
    done = (
        Job.objects.filter(kind="lists.replace", params__review_job=review.pk)
        .exclude(state="failed")
        .first()
    )
    j = done or submit(
        "lists.replace",
        {**review.params, "review_job": review.pk},
        user=request.user,
        key=f"lists:{name}",
    )
    return redirect(j.get_absolute_url())


@role_required(*AUTHORITY_ROLES)
def list_detail_page(request: HttpRequest, name: str) -> HttpResponse:
    """A list's imports and its entities, page by page; ``q`` finds entities by name or alias."""
    from django.core.paginator import Paginator
    from django.db.models import Q
    from django.utils.http import urlencode

    sl = ScreeningList.objects.filter(name=name).first()
    if sl is None:
        return render(
            request, "core/not_found.html", {"what": f"screening list {name}"}, status=404
        )
    imports = ListImport.objects.filter(screening_list=sl)[:20]
    q = " ".join((request.GET.get("q") or "").replace("\x00", " ").split())[:200]
    entities = sl.entities.order_by("name", "id")
    if q:
        # aliases is a JSON list: its text form is searched, on SQLite and PostgreSQL alike.
        entities = entities.filter(Q(name__icontains=q) | Q(aliases__icontains=q))
    page = Paginator(entities, ENTITIES_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "screening/list_detail.html",
        {
            "sl": sl,
            "imports": imports,
            "page": page,
            "q": q,
            "query": urlencode({"q": q}) if q else "",
        },
    )


ENTITIES_PER_PAGE = 50
