"""Letters and licences as HTML and PDF (WeasyPrint), kept with the case once issued."""

from __future__ import annotations

import hashlib
from typing import Any

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone

from catchall.core.assessment.destinations import country_name
from catchall.web.accounts.confidentiality import AUTHORITY_FILE, LETTER_ADDRESSEE
from catchall.web.assessment.selectors import assessment_for
from catchall.web.cases.models import Case, CaseDocument
from catchall.web.cases.services.common import latest_assessment

INTERNAL_KINDS = frozenset({"summary"})  # the others are addressed to the exporter
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
        # letters go to the exporter: only what it may receive; the summary is internal
        "assessment": assessment_for(
            run.result if run else None,
            AUTHORITY_FILE if kind in INTERNAL_KINDS else LETTER_ADDRESSEE,
        ),
        "decision": decision,
        "recommendation": case.recommendations.order_by("-at").first(),
        "information_requests": case.information_requests.all(),
        "consultations": case.consultations.all() if kind in INTERNAL_KINDS else [],
        "extra": extra or {},
    }


def render_html(
    case: Case, kind: str, number: str = "DRAFT", extra: dict[str, Any] | None = None
) -> str:
    return render_to_string(f"cases/documents/{kind}.html", _context(case, kind, number, extra))


def html_to_pdf(html: str) -> bytes:
    from weasyprint import HTML

    return HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf()


def next_number(case: Case, kind: str) -> str:
    """The number the next document of ``kind`` on ``case`` gets (a preview shows it)."""
    n = case.documents.filter(kind=kind).count() + 1
    return f"{PREFIX[kind]}-{case.reference}-{n}"


def issue_document(
    case: Case, kind: str, actor, extra: dict[str, Any] | None = None
) -> CaseDocument:
    """Render, store and return a numbered document (inside the caller's transaction)."""
    number = next_number(case, kind)
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
