"""Letters and licences as HTML and PDF (WeasyPrint), kept with the case once issued."""

from __future__ import annotations

import hashlib
from typing import Any

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone

from catchall.core.assessment.destinations import country_name
from catchall.web.cases.models import Case, CaseDocument
from catchall.web.cases.services.common import latest_assessment

PREFIX = {"licence": "LIC", "refusal": "REF", "inform_letter": "INF", "summary": "SUM"}
TITLES = dict(CaseDocument.KINDS)


def _context(case: Case, kind: str, number: str, extra: dict[str, Any] | None) -> dict[str, Any]:
    version = case.current_version
    run = latest_assessment(case)
    decision = case.decisions.order_by("-at").first()
    return {
        "case": case,
        "kind": kind,
        "title": TITLES[kind],
        "number": number,
        "issued": timezone.now(),
        "authority": getattr(settings, "CATCHALL_AUTHORITY_NAME", "Export Control Authority"),
        "application": version.data,
        "destination_name": country_name(case.destination) if case.destination else "",
        "assessment": run.result if run else None,
        "decision": decision,
        "recommendation": case.recommendations.order_by("-at").first(),
        "information_requests": case.information_requests.all(),
        "consultations": case.consultations.all(),
        "extra": extra or {},
    }


def render_html(
    case: Case, kind: str, number: str = "DRAFT", extra: dict[str, Any] | None = None
) -> str:
    return render_to_string(f"cases/documents/{kind}.html", _context(case, kind, number, extra))


def html_to_pdf(html: str) -> bytes:
    from weasyprint import HTML

    return HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf()


def issue_document(
    case: Case, kind: str, actor, extra: dict[str, Any] | None = None
) -> CaseDocument:
    """Render, store and return a numbered document (inside the caller's transaction)."""
    n = case.documents.filter(kind=kind).count() + 1
    number = f"{PREFIX[kind]}-{case.reference}-{n}"
    html = render_html(case, kind, number, extra)
    pdf = html_to_pdf(html)
    return CaseDocument.objects.create(
        case=case,
        kind=kind,
        number=number,
        created_at=timezone.now(),
        created_by=actor,
        html=html,
        pdf=pdf,
        sha256=hashlib.sha256(pdf).hexdigest(),
    )
