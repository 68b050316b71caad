"""Letters and licences as HTML, kept with the case once issued; their PDF is made by a job
from that HTML (cases/pdfs.py) and kept with them once made."""

from __future__ import annotations

import contextlib
from typing import Any

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone

from catchall.core.assessment.destinations import country_name
from catchall.core.errors import InputError, NotFound
from catchall.web.accounts.confidentiality import AUTHORITY_FILE, LETTER_ADDRESSEE
from catchall.web.assessment.selectors import assessment_for
from catchall.web.cases.models import Case, CaseDocument
from catchall.web.cases.services.common import latest_assessment

INTERNAL_KINDS = frozenset({"summary"})  # the others are addressed to the exporter
PREFIX = {"licence": "LIC", "refusal": "REF", "inform_letter": "INF", "summary": "SUM"}
TITLES = dict(CaseDocument.KINDS)


def _ratings(case: Case) -> list[dict[str, Any]]:
    """The rating that holds for each item of the current version, in item order."""
    from catchall.web.cases.services.rating import current_ratings

    return [
        {"n": i + 1, "item": r.item.get("description") or r.item.get("kind") or "", "rating": r}
        for i, r in sorted(current_ratings(case).items())
    ]


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
        # the expert's ratings and reasoning are the authority's file: never on a letter
        "ratings": _ratings(case) if kind in INTERNAL_KINDS else [],
        "extra": extra or {},
        "informed_basis": _informed_basis() if kind == "inform_letter" else [],
        "inform_items": unlisted_items(run.result if run else None)
        if kind == "inform_letter"
        else [],
    }


# A catch-all notice makes a licence required for items that are on no control list (EU
# 2021/821 Art. 4, MTCR Guidelines para. 7): a listed item needs one already, and a missile end
# use is then a ground for refusing it, not for a notice.
ALL_LISTED = (
    "Every item on this application is on a control list, so a licence is already required "
    "for it; a catch-all notice is only for items on no control list. Record the missile end "
    "use in the recommendation instead: it is a ground for refusal"
)


def unlisted_items(result: dict[str, Any] | None) -> list[dict[str, Any]]:
    """The assessed items a catch-all notice can concern: those not found on a control list
    (and those whose classification the engine could not settle), as the assessment has them."""
    if not result:
        return []
    return [it for it in result.get("items") or () if it.get("controlled") is not True]


def check_inform_letter(case: Case) -> None:
    """Refuse a catch-all notice for an application whose every item is on a control list."""
    run = latest_assessment(case)
    if run is not None and run.result.get("items") and not unlisted_items(run.result):
        raise InputError(ALL_LISTED, "action")


def _informed_basis() -> list[dict[str, Any]]:
    """The provision an inform letter acts under, from the jurisdiction profile: named on the
    preview too, whose assessment predates the notice (the sent letter's is re-run after it)."""
    from catchall.web.assessment.services import installation_jurisdiction

    profile = installation_jurisdiction()
    p = profile.catch_all.informed
    return [{"basis": p.basis, "text": p.text, "verified": profile.verified(p)}]


def render_html(
    case: Case, kind: str, number: str = "DRAFT", extra: dict[str, Any] | None = None
) -> str:
    return render_to_string(f"cases/documents/{kind}.html", _context(case, kind, number, extra))


def next_number(case: Case, kind: str) -> str:
    """The number the next document of ``kind`` on ``case`` gets (a preview shows it)."""
    n = case.documents.filter(kind=kind).count() + 1
    return f"{PREFIX[kind]}-{case.reference}-{n}"


def issue_document(
    case: Case, kind: str, actor, extra: dict[str, Any] | None = None
) -> CaseDocument:
    """Render, store and return a numbered document (inside the caller's transaction), and
    ask for its PDF: a job makes it after the commit (at once in the test suite's inline
    mode), so the letter is usually ready before anyone downloads it."""
    from catchall.web.cases.pdfs import LETTER, letter_params
    from catchall.web.jobs.pdfs import ask

    number = next_number(case, kind)
    html = render_html(case, kind, number, extra)
    doc = CaseDocument.objects.create(
        case=case,
        kind=kind,
        number=number,
        created_at=timezone.now(),
        created_by=actor,
        html=html,
        pdf=b"",
        sha256="",  # the PDF's, once the job made it
    )
    # an actor who may not read the case: the first reader to download it asks for it
    with contextlib.suppress(NotFound):
        ask(actor, LETTER.name, letter_params(doc))
    return doc
