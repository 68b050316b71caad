"""Case pages: dashboard, queue, case detail with its actions, new application, documents."""

from __future__ import annotations

import hashlib
import json

from csp.constants import UNSAFE_INLINE
from csp.decorators import csp_update
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseForbidden
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import content_disposition_header, urlencode
from django.views.decorators.http import require_POST, require_safe

from catchall.core.errors import InputError
from catchall.core.items import load_document
from catchall.core.workflow import CREATE_ROLES, STATES, NotAllowed, available
from catchall.web.accounts.confidentiality import may_receive_confidential
from catchall.web.accounts.decorators import role_required
from catchall.web.accounts.roles import AUTHORITY_ROLES, role_of
from catchall.web.assessment.readable import list_titles
from catchall.web.audit.services import history
from catchall.web.audit.timeline import timeline
from catchall.web.cases.documents import INTERNAL_KINDS
from catchall.web.cases.models import CaseDocument, Upload
from catchall.web.cases.selectors import SORTS, case_for, dashboard, queue
from catchall.web.cases.services import case_create
from catchall.web.cases.summary import case_summary
from catchall.web.cases.turn import whose_turn
from catchall.web.screening.words import list_title

UPLOAD_MAX = getattr(settings, "CATCHALL_UPLOAD_MAX_BYTES", 10 * 1024 * 1024)
UPLOAD_TYPES = {
    "application/pdf": ".pdf",
    "image/png": ".png",
    "image/jpeg": ".jpg",
    "text/plain": ".txt",
}
MAGIC = {b"%PDF": "application/pdf", b"\x89PNG": "image/png", b"\xff\xd8\xff": "image/jpeg"}
DOCUMENT_FORMATS = ("html", "pdf")  # any other extension in a document URL is 404


def _case_or_404(request, pk):
    case = case_for(request.user, pk)
    if case is None:
        raise Http404("no such case")
    return case


@role_required(*AUTHORITY_ROLES, "exporter")
def dashboard_page(request: HttpRequest) -> HttpResponse:
    from catchall.web.cases.charts import hbars, vbars

    data = dashboard(request.user)
    statuses = [s for s in STATES if data["by_status"].get(s)]
    charts = {
        "status": hbars(
            [(STATES[s], data["by_status"][s]) for s in statuses],
            href=[f"/cases/?status={s}" for s in statuses],
        ),
        "ageing": hbars(data["ageing"], label_width=120),
        "decision": vbars(data["decision_hist"]),
    }
    return render(
        request,
        "cases/dashboard.html",
        {"d": data, "charts": charts, "confidential": may_receive_confidential(request.user)},
    )


@role_required(*AUTHORITY_ROLES, "exporter")
def queue_page(request: HttpRequest) -> HttpResponse:
    """The queue: one search box, a status filter and sortable columns, all in the query
    string, so the filters and the order hold across pages and in a bookmark."""
    g = request.GET
    q = " ".join((g.get("q") or "").split())[:100]
    exporter = role_of(request.user) == "exporter"
    status = g.get("status") or ""
    if status not in STATES and status not in ("open", "all"):
        status = ""
    # A search looks through every status unless one was chosen; the select says so.
    status = status or ("all" if q or exporter else "open")
    sort = g.get("sort") if g.get("sort") in SORTS else "due"
    descending = g.get("order") == "desc"
    filters = {
        "status": status,
        "q": q,
        "team": (g.get("team") or "").strip()[:100],
        "mine": "1" if g.get("mine") else "",
        "flagged": "1" if g.get("flagged") else "",
    }
    qs = queue(
        request.user,
        status=status,
        team=filters["team"] or None,
        mine=bool(filters["mine"]),
        flagged=bool(filters["flagged"]),
        q=q,
        sort=sort,
        descending=descending,
    )
    page = Paginator(qs, 50).get_page(g.get("page"))
    kept = {k: v for k, v in filters.items() if v}
    order_query = urlencode({**kept, "sort": sort, **({"order": "desc"} if descending else {})})
    columns = []
    for key, label in QUEUE_COLUMNS:
        here = key == sort
        flip = here and not descending  # a second click on the sorted column reverses it
        columns.append(
            {
                "key": key,
                "label": label,
                "aria_sort": ("descending" if descending else "ascending") if here else None,
                "href": "?"
                + urlencode({**kept, "sort": key, **({"order": "desc"} if flip else {})}),
            }
        )
    return render(
        request,
        "cases/queue.html",
        {
            "page": page,
            "states": STATES,
            "values": {**filters, "order": "desc" if descending else ""},
            "columns": columns,
            "query": order_query,
            "now": timezone.now(),
            "confidential": may_receive_confidential(request.user),
        },
    )


# Column headings that sort the queue, in table order (the selector's SORTS).
QUEUE_COLUMNS = (
    ("reference", "Reference"),
    ("exporter", "Exporter"),
    ("destination", "Destination"),
    ("status", "Status"),
    ("received", "Received"),
    ("due", "Due"),
)


@login_required
def case_page(
    request: HttpRequest, pk: int, problems=None, conflict: str | None = None, status: int = 200
) -> HttpResponse:
    case = _case_or_404(request, pk)
    role = role_of(request.user)
    exporter = role == "exporter"
    # The assessment runs, consultations and screening alerts rest on partners' denials and
    # confidential lists: only a reader cleared for them gets them.
    confidential = may_receive_confidential(request.user)
    run = case.assessments.select_related("version").first() if confidential else None
    versions = list(case.versions.select_related("created_by"))
    consultations = list(case.consultations.all()) if confidential else []
    # A consultation can only be resolved when the assessment opened one: no empty form.
    # Items are rated on their own page (/cases/<pk>/rate/), which the status panel links to.
    hidden = {"add_note", "rate_item"} | (set() if consultations else {"resolve_consultation"})
    ctx = {
        "case": case,
        "turn": whose_turn(case, request.user),
        "role": role,
        "exporter": exporter,
        "actions": [a for a in available(case.status, role) if a.name not in hidden],
        "version": versions[-1],
        "versions": versions,
        "run": run,
        "result": run.result if run else None,
        "runs": case.assessments.select_related("version")[:10] if confidential else [],
        "notes": (
            case.notes.filter(internal=False) if exporter else case.notes.all()
        ).select_related("author__profile"),
        "requests": case.information_requests.all(),
        "consultations": consultations,
        "alerts": _alerts(case) if confidential else [],
        # The listings need no file contents: leave the stored PDFs and uploads in the database.
        "documents": (
            case.documents.all() if not exporter else case.documents.exclude(kind="summary")
        ).defer("html", "pdf"),
        "uploads": case.uploads.defer("content"),
        # Every reader gets the history as sentences; an exporter only the events meant for it.
        "history": timeline(history("case", case.pk), request.user, case),
        "summary": case_summary(versions[-1].data, run.result if run else None),
        "problems": problems or [],
        "conflict": conflict,
        "values": request.POST if request.method == "POST" else {},
        "version_json": json.dumps(versions[-1].data, indent=2, ensure_ascii=False),
    }
    return render(request, "cases/case.html", ctx, status=status)


def _alerts(case) -> list:
    """The case's screening alerts, each with its list's title (a page names lists by title)."""
    titles = list_titles()
    alerts = list(case.screening_alerts.all())
    for a in alerts:
        a.list_title = list_title(a.list_name, titles)
    return alerts


def _officers():
    from django.contrib.auth import get_user_model

    return (
        get_user_model()
        .objects.filter(
            profile__role__in=["licensing_officer", "senior_officer", "technical_expert"]
        )
        .select_related("profile")  # the list shows each one's role
        .order_by("username")
    )


@role_required(*CREATE_ROLES)
def new_case_page(request: HttpRequest) -> HttpResponse:
    problems = []
    if request.method == "POST":
        try:
            if request.FILES.get("upload"):
                upload = request.FILES["upload"]
                if upload.size > UPLOAD_MAX:
                    raise InputError("file too large", "upload")
                doc = load_document(upload.read().decode("utf-8", "replace"), "upload")
            else:
                doc = load_document(request.POST.get("document", ""), "document")
            if not isinstance(doc, dict):
                raise InputError("an application must be an object", "document")
            case = case_create(actor=request.user, data=doc)
            messages.success(request, f"Draft {case.reference} created. Check it, then submit it.")
            given = doc.get("exporter") if isinstance(doc.get("exporter"), dict) else {}
            if given.get("name") not in (None, case.organisation.name):
                messages.info(
                    request,
                    f"The exporter is your organisation, {case.organisation.name}: the name "
                    f"{given.get('name')!r} in the document was replaced.",
                )
            return redirect("case", pk=case.pk)
        except InputError as exc:
            problems = exc.problems
        except NotAllowed as exc:
            return HttpResponseForbidden(str(exc))
    from catchall.web.core.page_errors import page_errors

    field = "upload" if request.FILES.get("upload") else "document"
    return render(
        request,
        "cases/new.html",
        {
            "errors": page_errors(problems, field, known=("upload", "document")),
            "values": request.POST,
        },
        status=422 if problems else 200,
    )


# Letters and licences are self-contained HTML with their print styles inline (the same text
# makes the PDF and the stored copy): the CSP lets those styles apply; scripts stay forbidden.
inline_document_styles = csp_update({"style-src": [UNSAFE_INLINE]})


@login_required
@require_safe  # asking for a PDF may start the job that makes it: never from another verb
@inline_document_styles
def document_download(request: HttpRequest, pk: int, doc_id: int, fmt: str) -> HttpResponse:
    if fmt not in DOCUMENT_FORMATS:
        raise Http404("no such format")
    case = _case_or_404(request, pk)
    doc = CaseDocument.objects.filter(case=case, pk=doc_id).first()
    if doc is None or (doc.kind in INTERNAL_KINDS and not may_receive_confidential(request.user)):
        raise Http404("no such document")  # an internal document is not the exporter's
    if fmt == "pdf":  # stored: at once; else the page of the job that makes it
        from catchall.web.cases.pdfs import LETTER, letter_params
        from catchall.web.jobs.pdfs import ask, pdf_response

        return pdf_response(ask(request.user, LETTER.name, letter_params(doc)))
    return HttpResponse(doc.html)


@login_required
@require_safe
@inline_document_styles
def summary_download(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    from catchall.web.cases.documents import render_html

    if fmt not in DOCUMENT_FORMATS:
        raise Http404("no such format")
    case = _case_or_404(request, pk)
    if not may_receive_confidential(request.user):
        return HttpResponseForbidden("the case summary is internal")
    if fmt == "pdf":  # made again only when what it says changed
        from catchall.web.cases.pdfs import SUMMARY
        from catchall.web.jobs.pdfs import ask, pdf_response

        return pdf_response(ask(request.user, SUMMARY.name, {"case": case.pk}))
    return HttpResponse(render_html(case, "summary", f"SUM-{case.reference}"))


@login_required
@require_POST
def upload_file(request: HttpRequest, pk: int) -> HttpResponse:
    from catchall.web.audit.services import record_event

    case = _case_or_404(request, pk)
    f = request.FILES.get("file")
    problems = []
    if f is None:
        problems = InputError("choose a file", "file").problems
    elif f.size > UPLOAD_MAX:
        problems = InputError(f"larger than {UPLOAD_MAX // (1024 * 1024)} MB", "file").problems
    else:
        content = f.read()
        sniffed = next((t for magic, t in MAGIC.items() if content.startswith(magic)), None)
        if sniffed is None and f.content_type == "text/plain":
            try:
                content.decode("utf-8")
                sniffed = "text/plain"
            except UnicodeDecodeError:
                sniffed = None
        if sniffed not in UPLOAD_TYPES:
            problems = InputError(
                "only PDF, PNG, JPEG or plain-text files are accepted", "file"
            ).problems
    kind = request.POST.get("kind") or "end_user_certificate"
    if kind not in dict(Upload.KINDS):
        problems = InputError("unknown document kind", "kind").problems
    if problems:
        return case_page(request, pk, problems=problems, status=422)
    sha256 = hashlib.sha256(content).hexdigest()
    same = Upload.objects.filter(case=case, kind=kind, sha256=sha256, uploaded_by=request.user)
    if same.exists():  # the button pressed twice, or the file sent again: kept once
        messages.success(request, f"{same.first().name} was already uploaded: kept once.")
        return redirect("case", pk=pk)
    up = Upload.objects.create(
        case=case,
        kind=kind,
        # a name is shown and sent back as given, without control characters
        name="".join(ch for ch in f.name if ch.isprintable())[:255] or "upload",
        content_type=sniffed,
        size=f.size,
        sha256=sha256,
        content=content,
        uploaded_by=request.user,
        uploaded_at=timezone.now(),
    )
    record_event(
        "case.uploaded",
        actor=request.user,
        object_type="case",
        object_id=case.pk,
        after={"upload": up.name, "sha256": up.sha256, "kind": kind},
    )
    messages.success(request, f"Uploaded {up.name}.")
    return redirect("case", pk=pk)


@login_required
def upload_download(request: HttpRequest, pk: int, upload_id: int) -> HttpResponse:
    case = _case_or_404(request, pk)
    up = Upload.objects.filter(case=case, pk=upload_id).first()
    if up is None:
        raise Http404("no such upload")
    resp = HttpResponse(bytes(up.content), content_type=up.content_type)
    # RFC 6266: quotes escaped, non-ASCII and control characters percent-encoded (filename*)
    resp["Content-Disposition"] = content_disposition_header(True, up.name)
    resp["X-Content-Type-Options"] = "nosniff"
    return resp
