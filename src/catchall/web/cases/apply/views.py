"""Apply for a licence page by page (GOV.UK task-list pattern): one question per page, a
draft saved at every step, check your answers, a declaration, then a confirmation panel.

Views are thin: read the form (forms.py), save (services.py), render."""

from __future__ import annotations

import json

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from catchall.core.assessment.application import parse_application
from catchall.core.errors import InputError
from catchall.core.workflow import CREATE_ROLES
from catchall.web.accounts.decorators import role_required
from catchall.web.accounts.roles import organisation_of
from catchall.web.cases.apply import forms
from catchall.web.cases.apply.questions import (
    DECLARATIONS,
    OTHER,
    ROLE_BY_CODE,
    ROLES,
    UNITS,
    countries,
    country_name,
    currencies,
    kind_groups,
    kind_title,
    red_flag_groups,
)
from catchall.web.cases.apply.services import draft_save, draft_start, draft_submit
from catchall.web.cases.models import ApplicationDraft, Case

PAGES = ("destination", *(f"party-{r.code}" for r in ROLES), "end-use", "declarations", "red-flags")


def _draft(request, draft_id: int) -> ApplicationDraft:
    draft = ApplicationDraft.objects.filter(
        pk=draft_id, organisation=organisation_of(request.user), case__isnull=True
    ).first()
    if draft is None:
        raise Http404("no such draft")
    return draft


def _render(request, template: str, ctx: dict, errors=None) -> HttpResponse:
    errors = errors or []
    ctx = {**ctx, "errors": [{"field": f, "message": m} for f, m in errors]}
    ctx["error_fields"] = {f: m for f, m in errors}
    return render(request, template, ctx, status=422 if errors else 200)


@role_required(*CREATE_ROLES)
def start(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        draft = draft_start(actor=request.user)
        return redirect("apply-tasks", draft.pk)
    drafts = ApplicationDraft.objects.filter(
        organisation=organisation_of(request.user), case__isnull=True
    )
    return render(request, "cases/apply/start.html", {"drafts": drafts})


def _tasks(draft) -> list[dict]:
    d, done = draft.data, draft.progress
    parties = {p.get("role"): p for p in d.get("parties", [])}

    def status(page: str, complete: bool) -> str:
        return "Completed" if complete else ("In progress" if done.get(page) else "Not yet started")

    rows = [
        {
            "title": "Where the items are going",
            "href": "destination",
            "status": status("destination", bool(d.get("destination"))),
        }
    ]
    for r in ROLES:
        page = f"party-{r.code}"
        complete = r.code in parties or (not r.required and done.get(page))
        rows.append(
            {
                "title": r.title + ("" if r.required else " (if there is one)"),
                "href": page,
                "status": status(page, bool(complete)),
            }
        )
    rows += [
        {
            "title": "End use",
            "href": "end-use",
            "status": status("end-use", bool(d.get("end_use"))),
        },
        {
            "title": "Declarations",
            "href": "declarations",
            "status": status("declarations", "declarations" in d),
        },
        {
            "title": "Warning signs you know of",
            "href": "red-flags",
            "status": status("red-flags", "red_flags" in d),
        },
        {
            "title": "Items",
            "href": "items",
            "status": status("items", bool(_complete_items(d))),
        },
    ]
    return rows


def _complete_items(d: dict) -> list[dict]:
    return [i for i in d.get("items", []) if i.get("kind") and i.get("value")]


@role_required(*CREATE_ROLES)
def tasks(request: HttpRequest, draft_id: int) -> HttpResponse:
    draft = _draft(request, draft_id)
    rows = _tasks(draft)
    ready = all(r["status"] == "Completed" for r in rows)
    return render(
        request,
        "cases/apply/tasks.html",
        {
            "draft": draft,
            "rows": rows,
            "ready": ready,
            "done_count": sum(r["status"] == "Completed" for r in rows),
            "organisation": draft.organisation,
            "organisation_country": country_name(draft.organisation.country),
        },
    )


@role_required(*CREATE_ROLES)
def page(request: HttpRequest, draft_id: int, page: str) -> HttpResponse:
    draft = _draft(request, draft_id)
    if page not in PAGES:
        raise Http404("no such page")
    d = draft.data
    ctx: dict = {
        "draft": draft,
        "page": page,
        "countries": countries(),
        "chosen_destination": request.POST.get("destination") or d.get("destination", ""),
    }
    if page.startswith("party-"):
        role = ROLE_BY_CODE[page.removeprefix("party-")]
        ctx["role"] = role
        ctx["party"] = next((p for p in d.get("parties", []) if p.get("role") == role.code), {})
        ctx["chosen_country"] = (
            request.POST.get("country")
            if request.method == "POST"
            else ctx["party"].get("country") or d.get("destination", "")
        )
        template = "cases/apply/party.html"
    else:
        template = f"cases/apply/{page.replace('-', '_')}.html"
        ctx.update(
            declarations=[
                (k, q, h, (d.get("declarations") or {}).get(k)) for k, q, h in DECLARATIONS
            ],
            red_flag_groups=red_flag_groups(),
            chosen=d.get("red_flags") or [],
        )
    if request.method == "POST":
        if page == "destination":
            data, errors = forms.destination(d, request.POST)
        elif page.startswith("party-"):
            data, errors = forms.party(d, request.POST, ctx["role"].code)
        elif page == "end-use":
            data, errors = forms.end_use(d, request.POST)
        elif page == "declarations":
            data, errors = forms.declarations(d, request.POST)
        else:
            data, errors = forms.red_flags(d, request.POST)
        if not errors:
            draft_save(draft, data=data, page=page)
            return redirect(_back(draft, request))
        ctx["values"] = request.POST
        return _render(request, template, ctx, errors)
    ctx["values"] = {}
    return _render(request, template, ctx)


def _back(draft, request) -> str:
    """After a page: back to the answers when they came from there, else the task list."""
    if request.GET.get("from") == "check":
        return reverse("apply-check", args=[draft.pk])
    return reverse("apply-tasks", args=[draft.pk])


@role_required(*CREATE_ROLES)
def items(request: HttpRequest, draft_id: int) -> HttpResponse:
    draft = _draft(request, draft_id)
    rows = [
        {"n": n, "item": it, "kind": kind_title(it.get("kind")), "complete": bool(it.get("value"))}
        for n, it in enumerate(draft.data.get("items", []))
    ]
    return render(
        request, "cases/apply/items.html", {"draft": draft, "rows": rows, "next": len(rows)}
    )


ITEM_PARTS = ("kind", "details", "quantity", "remove")


@role_required(*CREATE_ROLES)
def item(request: HttpRequest, draft_id: int, n: int, part: str) -> HttpResponse:
    draft = _draft(request, draft_id)
    existing = draft.data.get("items", [])
    if part not in ITEM_PARTS or n > len(existing) or (part != "kind" and n == len(existing)):
        raise Http404("no such item page")
    current = existing[n] if n < len(existing) else {}
    from_check = request.GET.get("from") == "check"
    suffix = "?from=check" if from_check else ""
    if part == "remove":
        if request.method == "POST":
            draft_save(draft, data=forms.remove_item(draft.data, n), page="items")
            return redirect("apply-items", draft.pk)
        return render(
            request, "cases/apply/item_remove.html", {"draft": draft, "n": n, "item": current}
        )
    ctx = {
        "draft": draft,
        "n": n,
        "item": current,
        "kind_title": kind_title(current.get("kind")),
        "suffix": suffix,
        "chosen_kind": request.POST.get("kind") or current.get("kind", ""),
    }
    errors: list = []
    if part == "kind":
        template = "cases/apply/item_kind.html"
        ctx.update(groups=kind_groups(), other=OTHER)
        if request.method == "POST":
            data, errors = forms.item_kind(draft.data, request.POST, n)
            if not errors:
                draft_save(draft, data=data, page="items")
                nxt = "details" if data["items"][n]["kind"] != OTHER else "quantity"
                return redirect(reverse("apply-item", args=[draft.pk, n, nxt]) + suffix)
    elif part == "details":
        template = "cases/apply/item_details.html"
        ctx["fields"] = _fields(current, request.POST if request.method == "POST" else None)
        if request.method == "POST":
            data, errors, doubtful = forms.item_parameters(draft.data, request.POST, n)
            ctx["doubtful"] = doubtful
            if not errors:
                draft_save(draft, data=data, page="items")
                target = "apply-check" if from_check else None
                if target:
                    return redirect(target, draft.pk)
                return redirect("apply-item", draft.pk, n, "quantity")
    else:
        template = "cases/apply/item_quantity.html"
        value, _, currency = (current.get("value") or "").partition(" ")
        ctx.update(
            currencies=sorted(currencies().items()),
            value=value,
            chosen_currency=request.POST.get("currency") or currency or "EUR",
        )
        if request.method == "POST":
            data, errors = forms.item_quantity(draft.data, request.POST, n)
            if not errors:
                draft_save(draft, data=data, page="items")
                return redirect("apply-check" if from_check else "apply-items", draft.pk)
    ctx["values"] = request.POST if request.method == "POST" else {}
    return _render(request, template, ctx, errors)


def _fields(item: dict, post) -> list[dict]:
    """One entry per parameter of the item's kind with what the page shows and was given."""
    out = []
    saved = item.get("parameters") or {}
    for p in forms.parameter_fields(item.get("kind", "")):
        fid = f"p_{p.name}"
        units = UNITS.get(p.dimension or "", ())
        if post is not None:
            value, unit = post.get(fid, ""), post.get(f"{fid}_unit", "")
            unknown = post.get(f"{fid}_unknown") == "yes"
        else:
            raw = saved.get(p.name)
            unknown = False
            if raw is None:
                value, unit = "", ""
            elif isinstance(raw, bool):
                value, unit = ("yes" if raw else "no"), ""
            elif isinstance(raw, str) and p.type == "quantity":
                value, _, unit = raw.partition(" ")
            else:
                value, unit = str(raw), ""
        out.append(
            {
                "p": p,
                "id": fid,
                "value": value,
                "unit": unit or (units[0][0] if units else ""),
                "units": units,
                "unknown": unknown,
            }
        )
    return out


def _answers(draft) -> dict:
    d = draft.data
    exporter_country = draft.organisation.country or None
    parties = {p.get("role"): p for p in d.get("parties", [])}
    return {
        "destination": country_name(d.get("destination")),
        "parties": [
            {
                "role": r,
                "party": parties.get(r.code),
                "country": country_name((parties.get(r.code) or {}).get("country")),
            }
            for r in ROLES
        ],
        "end_use": d.get("end_use", ""),
        "declarations": [(q, (d.get("declarations") or {}).get(k)) for k, q, _h in DECLARATIONS],
        "red_flags": [
            t
            for _g, flags in red_flag_groups()
            for c, t in flags
            if c in (d.get("red_flags") or [])
        ],
        "items": [
            {
                "n": n,
                "item": it,
                "kind": kind_title(it.get("kind")),
                "parameters": _shown_parameters(it),
                "preview": forms.preview(
                    it,
                    n=n,
                    exporter_country=exporter_country,
                    destination=d.get("destination"),
                ),
            }
            for n, it in enumerate(d.get("items", []))
        ],
    }


def _shown_parameters(item: dict) -> list[tuple[str, str]]:
    from catchall.core.vocabulary import vocabulary
    from catchall.web.cases.parameter_words import parameter_value

    vocab = vocabulary()
    out = []
    for name, v in (item.get("parameters") or {}).items():
        title = vocab.parameters[name].label if name in vocab.parameters else name
        shown = ("Yes" if v else "No") if isinstance(v, bool) else parameter_value(v)
        for unit, label in UNITS.get(
            getattr(vocab.parameters.get(name), "dimension", "") or "", ()
        ):
            if isinstance(v, str) and v.endswith(f" {unit}"):
                shown = f"{v[: -len(unit) - 1]} {label.split(' ')[0]}"
        out.append((title, shown))
    return out


@role_required(*CREATE_ROLES)
def check(request: HttpRequest, draft_id: int) -> HttpResponse:
    draft = _draft(request, draft_id)
    errors: list = []
    if request.method == "POST":
        if request.POST.get("confirm") != "yes":
            errors.append(("confirm", "Confirm the declaration to submit the application"))
        else:
            try:
                parse_application({**draft.data, "exporter": {"name": draft.organisation.name}})
            except InputError:
                errors.append(("tasks", "Some answers are missing: complete every section first"))
        if not errors:
            case = draft_submit(draft, actor=request.user)
            return redirect("apply-done", case.pk)
    ready = all(r["status"] == "Completed" for r in _tasks(draft))
    return _render(
        request,
        "cases/apply/check.html",
        {"draft": draft, "a": _answers(draft), "ready": ready, "organisation": draft.organisation},
        errors,
    )


@role_required(*CREATE_ROLES)
def done(request: HttpRequest, case_id: int) -> HttpResponse:
    case = Case.objects.filter(pk=case_id, organisation=organisation_of(request.user)).first()
    if case is None:
        raise Http404("no such case")
    return render(request, "cases/apply/done.html", {"case": case})


TEMPLATE = {
    "destination": "PK",
    "parties": [
        {
            "role": "end_user",
            "name": "Example Engineering Ltd",
            "country": "PK",
            "address": "Plot 1, Industrial Estate, Lahore",
        }
    ],
    "end_use": "Machining of pump housings for the end user's own production",
    "declarations": {
        "aware_of_missile_or_wmd_use": False,
        "informed_by_authority": False,
        "military_end_use": False,
    },
    "red_flags": [],
    "items": [
        {
            "description": "5-axis machining centre",
            "kind": "machine_tool.milling",
            "parameters": {"contouring_axes": 5, "positioning_repeatability": "0.8 um"},
            "quantity": 1,
            "value": "1400000 EUR",
        }
    ],
}


def template_download(request: HttpRequest) -> HttpResponse:
    """A filled-in example application to start an upload from (the advanced route)."""
    resp = HttpResponse(
        json.dumps(TEMPLATE, indent=2, ensure_ascii=False), content_type="application/json"
    )
    resp["Content-Disposition"] = 'attachment; filename="application-template.json"'
    return resp


def schema_download(request: HttpRequest) -> HttpResponse:
    """The JSON Schema of the application format, for the upload route."""
    from catchall.core.schemas import application_schema

    return HttpResponse(
        json.dumps(application_schema(), indent=2), content_type="application/schema+json"
    )
