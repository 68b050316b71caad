"""API of the regime workbench and the library: thin; all marked text via the release selectors.

Session or HTTP Basic authentication. Bad input is HTTP 422 with field-level problems; a
refused permission 403; a document or proposal the caller may not see is 404, like a wrong id.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Router

from catchall.core.errors import InputError, NotFound
from catchall.web.api.auth import API_AUTH, api_auth
from catchall.web.api.errors import read_json_body
from catchall.web.regime import inputs
from catchall.web.regime.models import LIBRARY_KINDS, Document, Proposal
from catchall.web.regime.pdfs import BRIEFING, EVALUATION, PAPER, PROPOSAL, briefing_params
from catchall.web.regime.releasability import document_view, reader_for, search, views_for
from catchall.web.regime.selectors.lists import list_diff, version_rows
from catchall.web.regime.selectors.outreach import briefing_for
from catchall.web.regime.selectors.proposals import (
    proposal_detail,
    proposal_get,
    proposals_for,
    redline_for,
    reminders_for,
)
from catchall.web.regime.selectors.taxonomy import current_taxonomy
from catchall.web.regime.services import exchanges as ex
from catchall.web.regime.services import proposals as ps
from catchall.web.regime.services.documents import document_create
from catchall.web.regime.services.taxonomy import taxonomy_entry_edit
from catchall.web.regime.services.versions import control_list_import

router = Router(tags=["regime"], auth=API_AUTH)


def _body(request: HttpRequest) -> dict[str, Any]:
    body = read_json_body(request)
    if not isinstance(body, dict):
        raise InputError("send a JSON object", "body")
    return body


def _proposal_summary(p: Proposal, view) -> dict[str, Any]:
    return {
        "id": p.pk,
        "type": p.type,
        "state": p.state,
        "sponsor": p.sponsor_country,
        "plenary": p.plenary,
        "plenary_date": p.plenary_date,
        "feedback_deadline": p.feedback_deadline,
        "release_list": p.release_list,
        "circulated_on": p.circulated_on,
        "decided_on": p.decided_on,
        "new_version": p.new_version.key if p.new_version else None,
        "banner": view.banner.banner(),
        "title": view.title.as_dict(),
    }


@router.get("/regime/proposals", summary="Proposals the caller may see (titles as released)")
def proposals(request: HttpRequest) -> list[dict[str, Any]]:
    return [_proposal_summary(p, v) for p, v in proposals_for(reader_for(request.auth))]


@router.get("/regime/proposals/{pk}", summary="One proposal: released text, feedback, positions")
def proposal(request: HttpRequest, pk: int) -> dict[str, Any]:
    d = proposal_detail(reader_for(request.auth), pk)
    return {
        **_proposal_summary(d.proposal, d.view),
        "waiting_for": d.turn.as_dict() if d.turn else None,  # whose turn, as on the page
        "document": d.view.as_dict(),
        "feedback": [
            {
                "country": f.feedback.country,
                "received_on": f.feedback.received_on,
                "late": f.feedback.late,
                "text": f.text.as_dict(),
                "answer": f.answer.as_dict() if f.answer else None,
            }
            for f in d.feedback
        ],
        "positions": [{"country": x.country, "position": x.position} for x in d.positions],
        "action_requests": [
            {
                "post": pv.request.post,
                "host_country": pv.request.host_country,
                "host_office": pv.request.host_office,
                "reply_by": pv.request.reply_by,
                "talking_points": pv.talking_points.as_dict(),
                "reports": [v.as_dict() for _, v in pv.reports],
            }
            for pv in d.posts
        ],
        "revisions": [
            {"number": r.number, "created_at": r.created_at, "note": r.note} for r in d.revisions
        ],
        "amendment_yaml": d.proposal.amendment_yaml if d.show_amendment else None,
    }


@router.get("/regime/proposals/{pk}/redline", summary="Word-level redline, previewed to circulated")
def redline(request: HttpRequest, pk: int) -> dict[str, Any]:
    r = reader_for(request.auth)
    p, _ = proposal_get(r, pk)
    old, new, rows = redline_for(r, p)
    return {
        "old_revision": old,
        "new_revision": new,
        "portions": [
            {
                "position": x.position,
                "html": x.html,
                "old_marking": x.old_marking,
                "new_marking": x.new_marking,
                "note": x.note,
            }
            for x in rows
        ],
    }


@router.post("/regime/proposals", summary="Draft a proposal (delegates)")
def proposal_create(request: HttpRequest) -> dict[str, Any]:
    b = _body(request)
    plenary_date, dated, decl = inputs.collect(
        lambda: inputs.day(b.get("plenary_date"), "plenary_date"),
        lambda: inputs.day(b.get("dated"), "dated"),
        lambda: inputs.declass(b),
    )
    p = ps.proposal_create(
        actor=request.auth,
        type=inputs.text(b, "type"),
        title=inputs.text(b, "title"),
        body=inputs.text(b, "body"),
        plenary=inputs.text(b, "plenary"),
        plenary_date=plenary_date,
        dated=dated,
        amendment_yaml=inputs.text(b, "amendment_yaml"),
        **decl,
    )
    return proposal(request, p.pk)


def _get(request, pk: int) -> Proposal:
    return proposal_get(reader_for(request.auth), pk)[0]


@router.post("/regime/proposals/{pk}/actions/{action}", summary="One workflow step")
def proposal_action(request: HttpRequest, pk: int, action: str) -> dict[str, Any]:
    """``preview`` {release_list, feedback_deadline}; ``close_feedback``; ``circulate``
    {circulated_on};
    ``adopt``/``defer`` {decided_on}; ``withdraw``; ``reopen``; ``feedback`` {body,
    received_on, declassify_on, declassify_reason}; ``position`` {position}."""
    p = _get(request, pk)
    b = _body(request) if request.body.strip() else {}
    u = request.auth
    runs = {
        "preview": lambda: ps.proposal_preview(
            actor=u,
            proposal=p,
            release_list=inputs.words(b.get("release_list"), "release_list"),
            feedback_deadline=inputs.day(b.get("feedback_deadline"), "feedback_deadline"),
        ),
        "close_feedback": lambda: ps.proposal_close_feedback(actor=u, proposal=p),
        "circulate": lambda: ps.proposal_circulate(
            actor=u, proposal=p, today=inputs.day(b.get("circulated_on"), "circulated_on")
        ),
        "adopt": lambda: ps.proposal_decide(
            actor=u,
            proposal=p,
            outcome="adopt",
            decided_on=inputs.day(b.get("decided_on"), "decided_on"),
        ),
        "defer": lambda: ps.proposal_decide(
            actor=u,
            proposal=p,
            outcome="defer",
            decided_on=inputs.day(b.get("decided_on"), "decided_on"),
        ),
        "withdraw": lambda: ps.proposal_withdraw(actor=u, proposal=p),
        "reopen": lambda: ps.proposal_reopen(actor=u, proposal=p),
        "feedback": lambda: ex.feedback_add(
            actor=u,
            proposal=p,
            body=inputs.text(b, "body"),
            received_on=inputs.day(b.get("received_on"), "received_on"),
            **inputs.declass(b),
        ),
        "position": lambda: ex.position_record(
            actor=u, proposal=p, position=inputs.text(b, "position")
        ),
    }
    if action not in runs:
        raise InputError(f"unknown action {action!r}; one of {', '.join(runs)}", "action")
    runs[action]()
    return proposal(request, pk)


@router.get("/regime/documents", summary="Library papers the caller may see")
def documents(request: HttpRequest) -> list[dict[str, Any]]:
    docs = Document.objects.filter(kind__in=LIBRARY_KINDS)
    return [v.as_dict() for v in views_for(reader_for(request.auth), docs)]


@router.get("/regime/documents/{pk}", summary="One paper, released portions only")
def document(request: HttpRequest, pk: int) -> dict[str, Any]:
    doc = Document.objects.filter(pk=pk, kind__in=LIBRARY_KINDS).first()
    if doc is None:
        raise NotFound(f"no document {pk}")
    return document_view(reader_for(request.auth), doc).as_dict()


@router.post("/regime/documents", summary="Add a paper to the library")
def document_add(request: HttpRequest) -> dict[str, Any]:
    b = _body(request)
    dated, decl = inputs.collect(
        lambda: inputs.day(b.get("dated"), "dated"), lambda: inputs.declass(b)
    )
    doc = document_create(
        actor=request.auth,
        kind=inputs.text(b, "kind"),
        title=inputs.text(b, "title"),
        body=inputs.text(b, "body"),
        dated=dated,
        tag_kinds=inputs.words(b.get("tag_kinds"), "tag_kinds"),
        tag_entries=inputs.words(b.get("tag_entries"), "tag_entries"),
        **decl,
    )
    return document(request, doc.pk)


@router.get("/regime/search", summary="Full-text search over released portions only")
def search_api(request: HttpRequest, q: str = "") -> dict[str, Any]:
    hits = search(reader_for(request.auth), q, kinds=LIBRARY_KINDS)
    return {
        "count": len(hits),
        "results": [
            {"id": h.view.document.pk, "title": h.view.title.as_dict(), "snippets": h.snippets}
            for h in hits
        ],
    }


@router.get("/regime/reminders", summary="Deadlines overdue or due soon, as the caller sees them")
def reminders(request: HttpRequest, within_days: int = 14) -> list[dict[str, Any]]:
    if not 0 <= within_days <= 366:
        raise InputError("between 0 and 366", "within_days")
    return [r.as_dict() for r in reminders_for(reader_for(request.auth), within_days=within_days)]


@router.get("/regime/briefing", summary="Outreach briefing built from a list diff")
def briefing(request: HttpRequest, new: str, old: str = "") -> dict[str, Any]:
    return briefing_for(reader_for(request.auth), old, new).as_dict()


@router.post(
    "/regime/briefing/pdf",
    auth=api_auth("read"),
    summary="Ask for a briefing pack's PDF as the caller may read it: at once when made, else "
    "the job making it (202; poll `GET /api/jobs/{id}`, then take its download)",
)
def briefing_pdf(
    request: HttpRequest,
    new: str = "",
    old: str = "",
    meeting: str = "",
    since: str = "",
    until: str = "",
    audience: str = "outreach",
):
    """The query is the briefing page's: two list versions (or a meeting's), a period, and
    `audience` outreach (the pack non-partners receive) or internal."""
    query = {"new": new, "old": old, "meeting": meeting, "since": since, "until": until}
    query["audience"] = audience
    return _pdf(request, BRIEFING, briefing_params(query))


def _pdf(request: HttpRequest, src, params: dict):
    """The PDF ``name`` of ``params`` as the caller may read it (regime/pdfs.py): 200 with it
    when stored, else 202 with the job; 404 for what the caller may not read."""
    from catchall.web.jobs.api import pdf_api_response
    from catchall.web.jobs.pdfs import ask

    return pdf_api_response(ask(request.auth, src.name, params))


PDF_SUMMARY = (
    " as the caller may read it: at once when made, else the job making it (202; poll "
    "`GET /api/jobs/{id}`, then take its download)"
)


@router.post(
    "/regime/documents/{pk}/pdf",
    auth=api_auth("read"),
    summary="Ask for a library paper's PDF" + PDF_SUMMARY,
)
def document_pdf(request: HttpRequest, pk: int):
    return _pdf(request, PAPER, {"paper": pk})


@router.post(
    "/regime/proposals/{pk}/pdf",
    auth=api_auth("read"),
    summary="Ask for a proposal's PDF" + PDF_SUMMARY,
)
def proposal_pdf(request: HttpRequest, pk: int):
    return _pdf(request, PROPOSAL, {"proposal": pk})


@router.post(
    "/regime/meetings/{pk}/evaluation/pdf",
    auth=api_auth("read"),
    summary="Ask for an outreach meeting's evaluation as a PDF" + PDF_SUMMARY,
)
def evaluation_pdf(request: HttpRequest, pk: int):
    return _pdf(request, EVALUATION, {"meeting": pk})


@router.get("/regime/taxonomy", summary="The missile-relevance taxonomy in force")
def taxonomy(request: HttpRequest) -> dict[str, Any]:
    return current_taxonomy()


@router.post("/regime/taxonomy/{kind}", summary="Edit one kind (technical experts, delegates)")
def taxonomy_edit(request: HttpRequest, kind: str) -> dict[str, Any]:
    b = _body(request)
    taxonomy_entry_edit(
        actor=request.auth,
        kind=kind,
        level=inputs.text(b, "level"),
        uses=b.get("uses") if isinstance(b.get("uses"), list) else inputs.text(b, "uses"),
        rationale=inputs.text(b, "rationale"),
        sources=b.get("sources")
        if isinstance(b.get("sources"), list)
        else inputs.text(b, "sources"),
        note=inputs.text(b, "note"),
    )
    return current_taxonomy()[kind]


@router.get("/control-lists/diff", summary="Diff two control-list versions (list@version)")
def controls_diff(request: HttpRequest, new: str, old: str = "") -> dict[str, Any]:
    return list_diff(old, new).as_dict()


@router.get("/control-lists/versions", summary="Every list version: packaged, imported, adopted")
def controls_versions(request: HttpRequest) -> list[dict[str, Any]]:
    return [{k: v for k, v in r.items() if k != "imported_at"} for r in version_rows()]


@router.post(
    "/control-lists/versions",
    summary="Import a list version (YAML body, docs/control-list-format.md)",
    openapi_extra={
        "requestBody": {"content": {"application/yaml": {"schema": {"type": "string"}}}}
    },
)
def controls_import(request: HttpRequest) -> dict[str, Any]:
    try:
        text = request.body.decode("utf-8")
    except UnicodeDecodeError:
        raise InputError("request body is not UTF-8", "body") from None
    rec = control_list_import(actor=request.auth, yaml_text=text)
    return {"key": rec.key, "effective_date": rec.effective_date, "sha256": rec.sha256}
