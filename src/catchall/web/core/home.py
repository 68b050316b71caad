"""Each role's home is its work: the exporter's drafts, cases, questions to answer and
letters; the authority's and the regime's work lists. Reads only (selectors)."""

from __future__ import annotations

from catchall.web.accounts.roles import AUTHORITY_ROLES, organisation_of, role_of

# What an exporter reads for each case status: plain words, what to do.
EXPORTER_STATUS = {
    "draft": "Not submitted yet",
    "submitted": "Received: waiting for an officer",
    "under_review": "Being checked by the authority",
    "information_requested": "The authority has asked you a question",
    "classification_confirmed": "Items classified: being assessed",
    "recommended": "Decision being countersigned",
    "approved": "Approved: your licence is being issued",
    "refused": "Refused: the letter is being prepared",
    "licence_issued": "Licence issued",
    "refusal_sent": "Refused: see the letter",
    "appealed": "Your appeal is being considered",
    "withdrawn": "Withdrawn",
}


def exporter_work(user) -> dict:
    from catchall.web.cases.models import ApplicationDraft, CaseDocument, InformationRequest
    from catchall.web.cases.selectors import queue

    org = organisation_of(user)
    cases = list(queue(user)[:50])
    return {
        "drafts": ApplicationDraft.objects.filter(organisation=org, case__isnull=True)[:20],
        "cases": [(c, EXPORTER_STATUS.get(c.status, c.status)) for c in cases],
        "questions": InformationRequest.objects.filter(
            case__organisation=org, answered_at__isnull=True
        ).select_related("case"),
        "letters": CaseDocument.objects.filter(case__organisation=org)
        .exclude(kind="summary")
        .select_related("case")
        .defer("html", "pdf")[:20],
    }


def work_links(user) -> list[tuple[str, str, str]]:
    """(title, href, what) for the roles whose work lives in lists of their own."""
    role = role_of(user)
    if role in AUTHORITY_ROLES:
        links = [
            ("Cases to work on", "/cases/?mine=1", "Cases assigned to you."),
            ("All open cases", "/cases/", "The team's queue, oldest first."),
            ("Dashboard", "/dashboard/", "Cases by status and age."),
            ("Screen a party", "/screen/", "Check a name against the lists."),
        ]
        if role != "technical_expert":
            links.append(("Denials", "/denials/", "Partners' denial notifications."))
        return links
    return [
        ("Proposals and papers", "/regime/", "Proposals under preview, papers, meetings."),
        ("Control lists", "/controls/", "Entries in force."),
    ]
