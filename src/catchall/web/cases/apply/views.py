"""Apply for a licence page by page (GOV.UK task-list pattern): one question per page, a
draft saved at every step, check your answers, a declaration, then a confirmation panel.

The same pages amend a case: the draft then starts with every answer of the case's current
version, lives under /cases/<case>/amendment/, and check your answers marks what changed and asks
for the reason before the amendment goes through the case's amend action.

Views are thin: read the form (forms.py), save (services.py), render."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from catchall.core.assessment.application import parse_application
from catchall.core.errors import InputError
from catchall.core.workflow import CREATE_ROLES, NotAllowed
from catchall.web.accounts.decorators import role_required
from catchall.web.accounts.roles import organisation_of, role_of
from catchall.web.cases.action_pages import refusal
from catchall.web.cases.apply import forms
from catchall.web.cases.apply.changes import Changes, changes
from catchall.web.cases.apply.questions import (
    DECLARATIONS,
    OTHER,
    PAGES,
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
from catchall.web.cases.apply.services import (
    amend_start,
    amend_submit,
    draft_save,
    draft_start,
    draft_submit,
    open_amendment,
)
from catchall.web.cases.models import ApplicationDraft, Case
from catchall.web.cases.selectors import case_for
from catchall.web.core.page_errors import plain


@dataclass(frozen=True)
class Journey:
    """The draft the pages work on and where they live: a new application under
    /apply/<draft>/, an amendment of ``case`` under /cases/<case>/amendment/."""

    draft: ApplicationDraft
    base: str
    case: Case | None = None

    def url(self, *parts) -> str:
        return self.base + "".join(f"{p}/" for p in parts)

    def changes(self) -> Changes | None:
        """An amendment's changes to the version it started from (None for an application)."""
        if self.case is None:
            return None
        version = self.case.versions.filter(number=self.draft.base_version).first()
        return changes(version.data if version else {}, self.draft.data)


def amendable(request, pk: int) -> tuple[Case, HttpResponse | None]:
    """The case if this user may amend it now, else the refusal: the amend action's own rule
    (404 for a case they cannot read, 403 without the role, 409 in a state it is closed in)."""
    case = case_for(request.user, pk)
    if case is None:
        raise Http404("no such case")
    return case, refusal(request, case, "amend")


def journey(view):
    """Resolve the draft from the address (a new application's or a case's amendment) and
    refuse whoever may not work on it; the view gets the Journey."""

    @wraps(view)
    def wrapper(request, *args, draft_id=None, pk=None, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if pk is None:
            role = role_of(request.user)
            if role not in CREATE_ROLES:
                return render(request, "core/forbidden.html", {"role": role}, status=403)
            draft = ApplicationDraft.objects.filter(
                pk=draft_id,
                organisation=organisation_of(request.user),
                case__isnull=True,
                amends__isnull=True,
            ).first()
            if draft is None:
                raise Http404("no such draft")
            return view(request, Journey(draft, f"/apply/{draft.pk}/"), *args, **kwargs)
        case, refused = amendable(request, pk)
        if refused is not None:
            return refused
        draft = open_amendment(case, request.user)
        if draft is None:  # none started, or it was sent: the start page starts one
            return redirect("case-amend", case.pk)
        base = f"/cases/{case.pk}/amendment/"
        return view(request, Journey(draft, base, case), *args, **kwargs)

    return wrapper


def _render(request, template: str, ctx: dict, errors=None, j: Journey | None = None):
    errors = errors or []
    ctx = {**ctx, "errors": [{"field": f, "message": m} for f, m in errors]}
    ctx["error_fields"] = {f: m for f, m in errors}
    if j is not None:
        ctx.update(j=j, draft=j.draft, amending=j.case is not None)
    return render(request, template, ctx, status=422 if errors else 200)


@role_required(*CREATE_ROLES)
def start(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        draft = draft_start(actor=request.user)
        return redirect("apply-tasks", draft.pk)
    drafts = ApplicationDraft.objects.filter(
        organisation=organisation_of(request.user), case__isnull=True, amends__isnull=True
    )
    return render(request, "cases/apply/start.html", {"drafts": drafts})


def _tasks(draft, changed: frozenset[str] = frozenset()) -> list[dict]:
    """The task list's rows; ``changed``: an amendment's pages with a change."""
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
    for r in rows:
        r["changed"] = r["href"] in changed
    return rows


def _valid(draft) -> bool:
    try:
        parse_application({**draft.data, "exporter": {"name": draft.organisation.name}})
    except InputError:
        return False
    return True


def _ready(j: Journey, rows: list[dict]) -> bool:
    """A new application needs every section; an amendment, an application the format takes
    (a version sent as a file may leave out what the pages ask, such as the declarations)."""
    if j.case is None:
        return all(r["status"] == "Completed" for r in rows)
    return _valid(j.draft)


def _complete_items(d: dict) -> list[dict]:
    return [i for i in d.get("items", []) if i.get("kind") and i.get("value")]


@journey
def tasks(request: HttpRequest, j: Journey) -> HttpResponse:
    draft = j.draft
    diff = j.changes()
    rows = _tasks(draft, frozenset(diff.pages) if diff else frozenset())
    ready = _ready(j, rows)
    return _render(
        request,
        "cases/apply/tasks.html",
        {
            "rows": rows,
            "ready": ready,
            "done_count": sum(r["status"] == "Completed" for r in rows),
            "changed_count": len(diff.lines) if diff else 0,
            "organisation": draft.organisation,
            "organisation_country": country_name(draft.organisation.country),
        },
        j=j,
    )


@journey
def page(request: HttpRequest, j: Journey, page: str) -> HttpResponse:
    draft = j.draft
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
            return redirect(_back(j, request))
        ctx["values"] = request.POST
        return _render(request, template, ctx, errors, j=j)
    ctx["values"] = {}
    return _render(request, template, ctx, j=j)


def _back(j: Journey, request) -> str:
    """After a page: back to the answers when they came from there, else the task list."""
    return j.url("check") if request.GET.get("from") == "check" else j.base


@journey
def items(request: HttpRequest, j: Journey) -> HttpResponse:
    diff = j.changes()
    rows = [
        {
            "n": n,
            "item": it,
            "kind": kind_title(it.get("kind")),
            "complete": bool(it.get("value")),
            "change": diff.items.get(n) if diff else None,
        }
        for n, it in enumerate(j.draft.data.get("items", []))
    ]
    ctx = {"rows": rows, "next": len(rows), "removed": diff.removed_items if diff else []}
    return _render(request, "cases/apply/items.html", ctx, j=j)


ITEM_PARTS = ("kind", "details", "quantity", "remove")


@journey
def item(request: HttpRequest, j: Journey, n: int, part: str) -> HttpResponse:
    draft = j.draft
    existing = draft.data.get("items", [])
    if part not in ITEM_PARTS or n > len(existing) or (part != "kind" and n == len(existing)):
        raise Http404("no such item page")
    current = existing[n] if n < len(existing) else {}
    from_check = request.GET.get("from") == "check"
    suffix = "?from=check" if from_check else ""
    if part == "remove":
        if request.method == "POST":
            draft_save(draft, data=forms.remove_item(draft.data, n), page="items")
            return redirect(j.url("items"))
        return _render(request, "cases/apply/item_remove.html", {"n": n, "item": current}, j=j)
    ctx = {
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
                return redirect(j.url("items", n, nxt) + suffix)
    elif part == "details":
        template = "cases/apply/item_details.html"
        ctx["fields"] = _fields(current, request.POST if request.method == "POST" else None)
        if request.method == "POST":
            data, errors, doubtful = forms.item_parameters(draft.data, request.POST, n)
            ctx["doubtful"] = doubtful
            if not errors:
                draft_save(draft, data=data, page="items")
                return redirect(j.url("check") if from_check else j.url("items", n, "quantity"))
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
                return redirect(j.url("check" if from_check else "items"))
    ctx["values"] = request.POST if request.method == "POST" else {}
    return _render(request, template, ctx, errors, j=j)


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


def _answers(draft, diff: Changes | None = None) -> dict:
    """The answers as check your answers shows them; with ``diff``, each party and item
    carries what the amendment did to it (added, changed, removed)."""
    d = draft.data
    diff = diff or Changes()
    exporter_country = draft.organisation.country or None
    parties: dict[str, dict] = {}
    more: dict[str, list[str]] = {}  # further parties of a role (a file may name several)
    for p in d.get("parties", []):
        if p.get("role") in parties:
            more.setdefault(p["role"], []).append(
                ", ".join(filter(None, (p.get("name"), country_name(p.get("country")))))
            )
        else:
            parties[p.get("role")] = p
    return {
        "destination": country_name(d.get("destination")),
        "parties": [
            {
                "role": r,
                "party": parties.get(r.code),
                "country": country_name((parties.get(r.code) or {}).get("country")),
                "change": diff.parties.get(r.code),
                "was": diff.removed_parties.get(r.code),
                "more": more.get(r.code, []),
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
                "change": diff.items.get(n),
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
        "removed_items": diff.removed_items,
        "changes": diff.lines,
        "changed_pages": diff.pages,
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


REASON_LIMIT = 500  # what a version keeps of the reason


@journey
def check(request: HttpRequest, j: Journey) -> HttpResponse:
    draft, diff = j.draft, j.changes()
    errors: list = []
    if request.method == "POST":
        reason = (request.POST.get("reason") or "").strip()
        if diff is not None:
            if not diff:
                errors.append(
                    ("changes", "Change at least one answer before you send the amendment")
                )
            if not reason:
                errors.append(("reason", "Enter the reason for the amendment"))
            elif len(reason) > REASON_LIMIT:
                errors.append(("reason", f"The reason must be {REASON_LIMIT} characters or fewer"))
        if request.POST.get("confirm") != "yes":
            what = "amendment" if diff is not None else "application"
            errors.append(("confirm", f"Confirm the declaration to submit the {what}"))
        if not _valid(draft):
            errors.append(("tasks", "Some answers are missing: complete every section first"))
        if not errors and j.case is not None:
            try:
                case = amend_submit(draft, actor=request.user, reason=reason)
            except (InputError, NotAllowed) as exc:
                message = plain(exc.problems[0].message)
                errors.append(("changes", message[:1].upper() + message[1:]))
            else:
                return redirect("case-amend-done", case.pk)
        elif not errors:
            case = draft_submit(draft, actor=request.user)
            return redirect("apply-done", case.pk)
    ready = _ready(j, _tasks(draft))
    return _render(
        request,
        "cases/apply/check.html",
        {
            "a": _answers(draft, diff),
            "ready": ready,
            "organisation": draft.organisation,
            "reason": request.POST.get("reason", ""),
            "confirmed": request.POST.get("confirm") == "yes",
        },
        errors,
        j=j,
    )


@role_required(*CREATE_ROLES)
def done(request: HttpRequest, case_id: int) -> HttpResponse:
    case = Case.objects.filter(pk=case_id, organisation=organisation_of(request.user)).first()
    if case is None:
        raise Http404("no such case")
    return render(request, "cases/apply/done.html", {"case": case})


# ------------------------------------------------------------------- amending a case
def amend(request: HttpRequest, pk: int) -> HttpResponse:
    """Start (POST) or resume the guided amendment of a case; the page says which, and
    offers the file route for systems that write applications."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    case, refused = amendable(request, pk)
    if refused is not None:
        return refused
    if request.method == "POST":
        draft = amend_start(case, actor=request.user, again=request.POST.get("again") == "yes")
        return redirect("case-amend-tasks", case.pk)
    draft = open_amendment(case, request.user)
    version = case.current_version
    ctx = {
        "case": case,
        "amending": True,
        "resume": draft,
        "version": version,
        "stale": draft is not None and draft.base_version != version.number,
    }
    return render(request, "cases/apply/start.html", ctx)


def amend_done(request: HttpRequest, pk: int) -> HttpResponse:
    """The confirmation panel after an amendment is sent (whatever the case's state now)."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    case = case_for(request.user, pk)
    if case is None:
        raise Http404("no such case")
    if role_of(request.user) not in CREATE_ROLES:
        return render(request, "core/forbidden.html", status=403)
    sent = (
        ApplicationDraft.objects.filter(
            amends=case,
            organisation=organisation_of(request.user),
            submitted_version__isnull=False,
        )
        .order_by("-submitted_version")
        .first()
    )
    if sent is None:
        raise Http404("no amendment sent")
    version = case.versions.filter(number=sent.submitted_version).first()
    return render(
        request, "cases/apply/done.html", {"case": case, "amending": True, "version": version}
    )


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
