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
        "drafts": ApplicationDraft.objects.filter(
            organisation=org, case__isnull=True, amends__isnull=True
        )[:20],
        # a case opened from a file and not submitted is started, not submitted
        "draft_cases": [c for c in cases if c.status == "draft"],
        "cases": [
            (c, EXPORTER_STATUS.get(c.status, c.status)) for c in cases if c.status != "draft"
        ],
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
            WORK_LIST.get(role, WORK_LIST["licensing_officer"]),
            ("All open cases", "/cases/", "The team's queue, soonest due first."),
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


# The authority roles' own work lists: (title, href, what).
WORK_LIST = {
    "licensing_officer": ("Cases to work on", "/cases/?mine=1", "Cases assigned to you."),
    "technical_expert": (
        "Cases awaiting your rating",
        "/cases/?status=under_review",
        "Cases whose items need a technical rating.",
    ),
    "senior_officer": (
        "Cases awaiting countersignature",
        "/cases/?status=recommended",
        "Officers' recommendations to decide.",
    ),
}

# Where each role lands after logging in: its own work list, not a menu.
LANDING = {
    "exporter": "/",  # its drafts, cases, questions to answer and letters
    **{role: href for role, (_, href, _) in WORK_LIST.items()},
    "partner_liaison": "/denials/",  # partners' denial notifications
    "administrator": "/dashboard/",  # every case by status and age
    "delegate": "/regime/",
    "partner_delegate": "/regime/",
    "point_of_contact": "/regime/",
    "outreach_guest": "/regime/",
}


def landing_url(user) -> str:
    """The page a user's work starts on, by role; home for a user without one."""
    return LANDING.get(role_of(user) or "", "/")
