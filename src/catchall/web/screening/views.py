"""Screening and list-management pages (server-rendered, no JavaScript needed)."""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from catchall.core.errors import InputError
from catchall.core.model import SCHEMATA
from catchall.core.screening.importers import FORMAT_LABELS
from catchall.web.accounts.confidentiality import AUDIENCES
from catchall.web.accounts.decorators import role_required
from catchall.web.accounts.roles import AUTHORITY_ROLES, has_role
from catchall.web.cases.apply.questions import countries
from catchall.web.core.page_errors import page_errors
from catchall.web.screening.index import result_to_dict
from catchall.web.screening.models import LIST_KINDS, ListImport, ListSource, ScreeningList
from catchall.web.screening.parties import parse_party as _party
from catchall.web.screening.refresh import open_alerts
from catchall.web.screening.selectors import lists_for
from catchall.web.screening.services import ensure_starter_list, list_import, screen_parties

MAX_UPLOAD = 200 * 1024 * 1024


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
    return render(
        request,
        "screening/screen.html",
        {
            "result": result,
            "hidden": hidden,
            "errors": page_errors(problems, "name", known=("name", "country", "schema")),
            "values": values,
            "selected": values.getlist("list"),
            "schemata": SCHEMATA,
            "countries": countries(),
            "lists": lists_for(request.user),
        },
        status=422 if problems else 200,
    )


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
    problems, outcome = [], None
    if request.method == "POST" and not has_role(
        request.user, "licensing_officer", "partner_liaison", "administrator"
    ):
        problems = InputError("your role may view lists but not import them", "file").problems
    elif request.method == "POST" and request.POST.get("confirm") == "yes":
        return _replace_confirmed(request)
    elif request.method == "POST":
        upload = request.FILES.get("file")
        try:
            if upload is None:
                raise InputError("choose a file to upload", "file")
            if upload.size > MAX_UPLOAD:
                raise InputError(f"larger than {MAX_UPLOAD // (1024 * 1024)} MB", "file")
            fields = _import_fields(request.POST)
            existing = ScreeningList.objects.filter(name=fields["name"]).first()
            if existing is not None:  # replacing a list: show what changes, then confirm
                return _replace_confirmation(request, existing, upload, fields)
            with tempfile.TemporaryDirectory() as tmp:
                path = Path(tmp) / Path(upload.name).name
                with path.open("wb") as fh:
                    for chunk in upload.chunks():
                        fh.write(chunk)
                outcome = _import(request, path, fields)
            messages.success(request, f"{outcome.report.summary()}; {outcome.diff.summary()}")
            return redirect("list-detail", name=outcome.screening_list.name)
        except InputError as exc:
            problems = exc.problems
    return render(
        request,
        "screening/lists.html",
        {
            "lists": ScreeningList.objects.order_by("name"),
            "alerts": open_alerts(),
            "sources": ListSource.objects.all(),
            "problems": problems,
            "kinds": LIST_KINDS,
            "audiences": list(AUDIENCES.items()),
            "formats": list(FORMAT_LABELS.items()),
            "values": request.POST,
        },
        status=422 if problems else 200,
    )


def _import_fields(post) -> dict:
    """The upload form's fields, checked (the file apart)."""
    vd = post.get("version_date") or None
    try:
        version_date = dt.date.fromisoformat(vd) if vd else None
    except ValueError:
        raise InputError(f"{vd!r} is not a date (YYYY-MM-DD)", "version_date") from None
    return {
        "format": post.get("format") or None,
        "name": (post.get("name") or "").strip(),
        "title": post.get("title", ""),
        "kind": post.get("kind") or None,
        "audience": post.get("audience") or None,
        "version_date": version_date.isoformat() if version_date else None,
    }


def _import(request, path: Path, fields: dict):
    vd = fields.get("version_date")
    return list_import(
        path,
        format=fields["format"],
        name=fields["name"],
        title=fields["title"],
        kind=fields["kind"],
        audience=fields["audience"],
        version_date=dt.date.fromisoformat(vd) if vd else None,
        actor=request.user if request.user.is_authenticated else "web",
    )


def _replace_confirmation(request, existing: ScreeningList, upload, fields: dict) -> HttpResponse:
    """Hold the file and say what replacing the list does: the entities the file adds,
    removes and changes, read from the file now (nothing is written)."""
    from catchall.core.screening.importers import diff_entities, read_list
    from catchall.web.screening import staging
    from catchall.web.screening.selectors import list_entities

    token, path = staging.stage(request.session, upload, fields)
    try:
        report = read_list(path, fields["format"], fields["name"])
    except InputError:
        staging.drop(request.session, token)
        raise
    diff = diff_entities(list_entities(existing), report.entities)
    return render(
        request,
        "screening/list_replace.html",
        {
            "sl": existing,
            "token": token,
            "file_name": Path(upload.name).name,
            "report": report,
            "diff": diff,
            "counts": {k: len(getattr(diff, k)) for k in ("added", "removed", "changed")},
        },
    )


def _replace_confirmed(request) -> HttpResponse:
    from catchall.web.screening import staging

    token = request.POST.get("token", "")
    kept = staging.held(request.session, token)
    if kept is None:
        messages.error(request, "The file is no longer held (an hour has passed): choose it again.")
        return redirect("lists")
    path, fields = kept
    try:
        outcome = _import(request, path, fields)
    finally:
        staging.drop(request.session, token)
    messages.success(
        request,
        f"List {outcome.screening_list.name} replaced: {outcome.diff.summary()}. Open cases "
        "were screened again against it; a new hit is flagged on its case.",
    )
    return redirect("list-detail", name=outcome.screening_list.name)


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
