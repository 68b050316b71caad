"""API endpoints for cases: list, read, open a draft, take an action. Session or basic auth."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Query, Router
from ninja.errors import HttpError

from catchall.core.errors import InputError
from catchall.core.schemas import application_schema
from catchall.core.workflow import ACTIONS, NotAllowed, available
from catchall.web.accounts.confidentiality import may_receive_confidential
from catchall.web.accounts.roles import role_of
from catchall.web.api.auth import API_AUTH, api_auth
from catchall.web.api.errors import read_json_body
from catchall.web.cases.documents import INTERNAL_KINDS
from catchall.web.cases.selectors import case_for, queue
from catchall.web.cases.services import Conflict, case_act, case_create
from catchall.web.cases.services.common import latest_assessment
from catchall.web.cases.services.rating import current_ratings

router = Router(tags=["cases"], auth=API_AUTH)
MAX_LIMIT = 500
MAX_OFFSET = 10**9


def _case_dict(case, user, detail: bool = False) -> dict[str, Any]:
    out = {
        "id": case.pk,
        "reference": case.reference,
        "status": case.status,
        "organisation": case.organisation.name,
        "destination": case.destination,
        "summary": case.summary,
        "submitted_at": case.submitted_at,
        "due_at": case.due_at,
        "assigned_to": None,
        "lock_version": case.lock_version,
    }
    confidential = may_receive_confidential(user)  # hits and runs may rest on partner denials
    if confidential and case.assigned_to:  # who works on a case is the authority's own
        out["assigned_to"] = case.assigned_to.username
    if confidential:
        out["new_screening_hits"] = case.new_screening_hits
        out["automatic_recommendation"] = case.auto_recommendation or None
    if detail:
        out["application"] = case.current_version.data
        out["version"] = case.current_version.number
        out["actions"] = [a.name for a in available(case.status, role_of(user))]
        run = latest_assessment(case)
        if run and confidential:
            out["assessment"] = run.result
        if confidential:  # the expert's ratings and reasoning are the authority's file
            out["ratings"] = [
                {
                    "index": i,
                    "outcome": r.outcome,
                    "entries": r.entries,
                    "engine_entries": r.engine_entries,
                    "reasoning": r.reasoning,
                    "by": r.by.get_full_name() or r.by.get_username(),
                    "at": r.at,
                }
                for i, r in sorted(current_ratings(case).items())
            ]
        out["documents"] = [
            {
                "kind": d.kind,
                "number": d.number,
                "url": f"/cases/{case.pk}/documents/{d.pk}.pdf",
                # POST: the PDF at once when made, else the job making it
                "pdf": f"/api/cases/{case.pk}/documents/{d.pk}/pdf",
            }
            for d in case.documents.all()
            if confidential or d.kind not in INTERNAL_KINDS
        ]
    return out


def _get(request, pk):
    case = case_for(request.auth, pk)
    if case is None:
        raise HttpError(404, "no such case")
    return case


@router.get("/cases", summary="Cases visible to the caller (an exporter sees its own)")
def list_cases(
    request: HttpRequest,
    status: str | None = None,
    mine: bool = False,
    q: str = "",
    sort: str = "due",
    order: str = "asc",
    limit: int = Query(100, ge=1, le=MAX_LIMIT),
    offset: int = Query(0, ge=0, le=MAX_OFFSET),
):
    """The queue as the page shows it: ``status`` a state, ``open`` or ``all``; ``q`` finds a
    case by reference, the exporter's reference, any party's name or the destination (code or
    country name), in every status unless one is given; ``sort`` one of due, reference,
    status, exporter, destination, received, with ``order`` asc or desc."""
    if order not in ("asc", "desc"):
        raise InputError(f"{order!r} is not asc or desc", "order")
    qs = queue(
        request.auth,
        status=status,
        mine=mine,
        q=" ".join(q.split())[:100],
        sort=sort,
        descending=order == "desc",
    )
    return {
        "count": qs.count(),
        "results": [_case_dict(c, request.auth) for c in qs[offset : offset + limit]],
    }


@router.get(
    "/cases/{pk}", summary="One case with its application, assessment and available actions"
)
def get_case(request: HttpRequest, pk: int):
    return _case_dict(_get(request, pk), request.auth, detail=True)


@router.post(
    "/cases",
    auth=api_auth("apply"),
    summary="Open a draft case from an application (exporters; the caller's organisation is "
    "the exporter, whatever the document names)",
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {"application/json": {"schema": application_schema()}},
        }
    },
)
def create_case(request: HttpRequest):
    data = read_json_body(request)
    if not isinstance(data, dict):
        raise InputError("an application must be an object", "body")
    try:
        case = case_create(actor=request.auth, data=data)
    except NotAllowed as exc:
        raise HttpError(403, str(exc)) from None
    return _case_dict(case, request.auth, detail=True)


@router.post(
    "/cases/{pk}/actions/{action}",
    auth=api_auth("apply"),
    summary="Take a workflow action (send lock_version to avoid lost updates)",
)
def act(request: HttpRequest, pk: int, action: str):
    case = _get(request, pk)
    if action not in ACTIONS:
        raise HttpError(404, f"no action {action!r}")
    body = read_json_body(request) if request.body else {}
    if not isinstance(body, dict):
        raise InputError("send an object", "body")
    reserved = sorted(body.keys() & {"case", "action", "actor", "expected_version"})
    if reserved:  # these name the call itself; as payload they would crash case_act (HTTP 500)
        raise InputError("not a field of any action", reserved[0])
    expected = body.pop("lock_version", None)
    if expected is not None and not isinstance(expected, int):
        raise InputError("must be an integer", "lock_version")
    try:
        case_act(case, action, actor=request.auth, expected_version=expected, **body)
    except NotAllowed as exc:
        raise HttpError(403, str(exc)) from None
    except Conflict as exc:
        raise HttpError(409, str(exc)) from None
    return _case_dict(case_for(request.auth, pk), request.auth, detail=True)


PDF_ANSWERS = {
    200: {"description": "The PDF, made before from the same content (served at once)"},
    202: {"description": "A job makes it: poll `GET /api/jobs/{id}`, then take its download"},
}


@router.post(
    "/cases/{pk}/documents/{doc_id}/pdf",
    auth=api_auth("read"),
    summary="Ask for an issued letter's PDF: the PDF at once when made, else the job making it",
    openapi_extra={"responses": PDF_ANSWERS},
)
def document_pdf(request: HttpRequest, pk: int, doc_id: int):
    """An issued letter's PDF never changes: every download is the same file byte for byte."""
    from catchall.web.cases.pdfs import LETTER
    from catchall.web.jobs.api import pdf_api_response
    from catchall.web.jobs.pdfs import ask

    case = _get(request, pk)
    return pdf_api_response(ask(request.auth, LETTER.name, {"case": case.pk, "document": doc_id}))


@router.post(
    "/cases/{pk}/summary/pdf",
    auth=api_auth("read"),
    summary="Ask for the case summary's PDF (the authority's): at once when made, else a job",
    openapi_extra={"responses": PDF_ANSWERS},
)
def summary_pdf(request: HttpRequest, pk: int):
    """Made again only when what the summary says changed since it was last made."""
    from catchall.web.cases.pdfs import SUMMARY
    from catchall.web.jobs.api import pdf_api_response
    from catchall.web.jobs.pdfs import ask

    case = _get(request, pk)
    return pdf_api_response(ask(request.auth, SUMMARY.name, {"case": case.pk}))
