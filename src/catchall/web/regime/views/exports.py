"""Exports: JSON, CSV and PDF of documents, proposals, search results, briefings, evaluations.

Every export is built from the same reader-specific views as the pages, so a PDF or a CSV
carries exactly what the reader may see, with the banner recomputed over what they see. A PDF
is made by a job (regime/pdfs.py): its link answers with the stored PDF, else sends the
reader to the job's page.
"""

from __future__ import annotations

import json

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.views.decorators.http import require_safe

from catchall.core import csvsafe
from catchall.core.errors import InputError, NotFound
from catchall.web.jobs.pdfs import PdfSource, ask, pdf_response
from catchall.web.regime.models import LIBRARY_KINDS, Document
from catchall.web.regime.pdfs import (
    BRIEFING,
    EVALUATION,
    PAPER,
    PROPOSAL,
    briefing_params,
    proposal_extra,
)
from catchall.web.regime.releasability import (
    WITHHELD_TEXT,
    DocumentView,
    document_view,
    search,
    views_for,
)
from catchall.web.regime.selectors.proposals import proposal_get
from catchall.web.regime.views.common import not_found, reader
from catchall.web.regime.views.library import filtered, library_documents, visible

FORMATS = ("json", "csv")  # a PDF has its own route: made by a job


def _pdf(request: HttpRequest, src: PdfSource, params: dict, what: str) -> HttpResponse:
    """The PDF ``src`` of ``params`` as the reader may read it: stored at once, else the page
    of the job making it; "not found" as on the page it comes from."""
    try:
        asked = ask(request.user, src.name, params)
    except NotFound:
        return not_found(request, what)
    except InputError as exc:
        return HttpResponse(json.dumps(exc.as_dict()), status=422, content_type="application/json")
    return pdf_response(asked)


def _json(data, name: str) -> HttpResponse:
    resp = HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=2, default=str),
        content_type="application/json; charset=utf-8",
    )
    resp["Content-Disposition"] = f'attachment; filename="{name}.json"'
    return resp


def _csv(rows: list[list], name: str) -> HttpResponse:
    resp = HttpResponse(csvsafe.to_text(rows), content_type="text/csv; charset=utf-8")
    resp["Content-Disposition"] = f'attachment; filename="{name}.csv"'
    return resp


def view_rows(view: DocumentView) -> list[list]:
    rows = [["position", "marking", "declassify_on", "text"]]
    for p in [view.title, *view.paragraphs]:
        if p.released and p.marking:
            d = p.marking.declass_on.isoformat() if p.marking.declass_on else ""
            rows.append([p.position, p.marking.text(), d, p.text])
        else:
            rows.append([p.position, "", "", WITHHELD_TEXT])
    return rows


def _document_export(view: DocumentView, fmt: str, name: str, extra: dict | None = None):
    if fmt == "json":
        return _json({**view.as_dict(), **(extra or {})}, name)
    return _csv(view_rows(view), name)


@login_required
def document_export(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    doc = Document.objects.filter(pk=pk, kind__in=LIBRARY_KINDS).first()
    try:
        if doc is None or fmt not in FORMATS:
            raise NotFound("no such export")
        view = document_view(reader(request), doc)
    except NotFound:
        return not_found(request, "such paper")
    return _document_export(view, fmt, f"paper-{pk}")


@login_required
@require_safe  # asking for a PDF may start the job that makes it: never from another verb
def document_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    return _pdf(request, PAPER, {"paper": pk}, "such paper")


@login_required
def proposal_export(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    try:
        if fmt not in FORMATS:
            raise NotFound("no such export")
        p, view = proposal_get(reader(request), pk)
    except NotFound:
        return not_found(request, "such proposal")
    return _document_export(view, fmt, f"proposal-{pk}", proposal_extra(p))


@login_required
@require_safe
def proposal_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    return _pdf(request, PROPOSAL, {"proposal": pk}, "such proposal")


@login_required
def library_export(request: HttpRequest, fmt: str) -> HttpResponse:
    """The library list or a search result, as JSON or CSV (titles, markings, snippets)."""
    if fmt not in ("json", "csv"):
        return not_found(request, "such export")
    r = reader(request)
    docs = library_documents(request)
    q = request.GET.get("q", "").strip()
    try:
        if q:
            items = [
                (h.view, h.snippets)
                for h in search(r, q, kinds=LIBRARY_KINDS, documents=docs)
                if h.view.header_released or not filtered(request)
            ]
            items.sort(key=lambda i: not i[0].header_released)
        else:
            items = [(v, []) for v in visible(request, views_for(r, docs))]
    except InputError as exc:
        return HttpResponse(json.dumps(exc.as_dict()), status=422, content_type="application/json")
    if fmt == "json":
        return _json(
            [
                {
                    "id": v.document.pk,
                    "title": v.title.as_dict(),
                    "banner": v.banner.banner(),
                    "kind": v.document.kind if v.header_released else None,
                    "dated": v.document.dated if v.header_released else None,
                    "header_withheld": not v.header_released,
                    "snippets": s,
                }
                for v, s in items
            ],
            "library",
        )
    rows = [["id", "kind", "dated", "banner", "title", "snippets"]]
    rows += [
        [
            v.document.pk,
            v.document.kind if v.header_released else "withheld",
            v.document.dated if v.header_released else "withheld",
            v.banner.banner(),
            v.title_text,
            " | ".join(s),
        ]
        for v, s in items
    ]
    return _csv(rows, "library")


@login_required
@require_safe  # asking for the pack may start the job that makes it: never from another verb
def briefing_pdf(request: HttpRequest) -> HttpResponse:
    """The pack stored for this reader and query at once, else the page of the job making it."""
    return _pdf(request, BRIEFING, briefing_params(request.GET), "such briefing")


@login_required
@require_safe
def evaluation_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    return _pdf(request, EVALUATION, {"meeting": pk}, "such meeting")
