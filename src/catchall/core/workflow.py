"""The licence-case workflow as data: states, actions, who may take them, where they lead.

One table decides every transition; the case services consult it and nothing else, so the
workflow a user sees, the permission matrix tests and the documentation cannot drift apart.
"""

from __future__ import annotations

from dataclasses import dataclass

from catchall.core.errors import InputError, NotAllowed  # noqa: F401  (NotAllowed: re-exported)

STATES = {
    "draft": "Draft (exporter)",
    "submitted": "Submitted",
    "under_review": "Under review",
    "information_requested": "Information requested",
    "classification_confirmed": "Classification confirmed",
    "recommended": "Recommended (awaiting countersignature)",
    "approved": "Approved",
    "refused": "Refused",
    "licence_issued": "Licence issued",
    "refusal_sent": "Refusal sent",
    "appealed": "Under appeal",
    "withdrawn": "Withdrawn",
}
OPEN_STATES = frozenset(
    {
        "submitted",
        "under_review",
        "information_requested",
        "classification_confirmed",
        "recommended",
        "approved",
        "refused",
        "appealed",
    }
)
OFFICERS = ("licensing_officer", "senior_officer", "administrator")
REVIEWERS = ("licensing_officer", "technical_expert", "senior_officer", "administrator")
REVIEW_STATES = ("under_review", "information_requested", "classification_confirmed", "recommended")


@dataclass(frozen=True)
class Action:
    name: str
    title: str
    from_states: tuple[str, ...]
    to_state: str | None  # None: the state does not change
    roles: tuple[str, ...]


ACTIONS: dict[str, Action] = {
    a.name: a
    for a in (
        Action("submit", "Submit the application", ("draft",), "submitted", ("exporter",)),
        Action(
            "amend",
            "Amend the application (new version)",
            ("draft", "submitted", "under_review", "information_requested"),
            None,
            ("exporter",),
        ),
        Action(
            "withdraw",
            "Withdraw the application",
            ("draft", "submitted", "under_review", "information_requested"),
            "withdrawn",
            ("exporter",),
        ),
        Action("start_review", "Start the review", ("submitted",), "under_review", OFFICERS),
        Action("assign", "Assign", ("submitted", *REVIEW_STATES, "appealed"), None, OFFICERS),
        Action("rerun_assessment", "Re-run the assessment", REVIEW_STATES, None, REVIEWERS),
        Action(
            "request_information",
            "Request information from the exporter",
            ("under_review", "classification_confirmed"),
            "information_requested",
            OFFICERS,
        ),
        Action(
            "answer_information",
            "Answer the information request",
            ("information_requested",),
            "under_review",
            ("exporter",),
        ),
        Action(
            "confirm_classification",
            "Confirm the classification",
            ("under_review",),
            "classification_confirmed",
            ("technical_expert", "administrator"),
        ),
        Action(
            "rate_item",
            "Rate an item",
            ("under_review", "classification_confirmed"),
            None,  # the last item rated confirms the classification
            ("technical_expert", "administrator"),
        ),
        Action(
            "issue_inform_letter",
            "Inform the exporter: catch-all licence requirement",
            ("under_review", "classification_confirmed"),
            None,
            OFFICERS,
        ),
        Action(
            "resolve_consultation",
            "Record the outcome of a partner consultation",
            REVIEW_STATES,
            None,
            ("licensing_officer", "partner_liaison", "senior_officer", "administrator"),
        ),
        Action(
            "recommend",
            "Record the officer's recommendation",
            ("classification_confirmed",),
            "recommended",
            ("licensing_officer", "administrator"),
        ),
        Action(
            "return_to_officer",
            "Return to the officer",
            ("recommended",),
            "under_review",
            ("senior_officer", "administrator"),
        ),
        Action(
            "decide",
            "Countersign the decision",
            ("recommended",),
            None,
            ("senior_officer", "administrator"),
        ),
        Action("issue_licence", "Issue the licence", ("approved",), "licence_issued", OFFICERS),
        Action("send_refusal", "Send the refusal", ("refused",), "refusal_sent", OFFICERS),
        Action("appeal", "Appeal the refusal", ("refusal_sent",), "appealed", ("exporter",)),
        Action(
            "decide_appeal",
            "Decide the appeal",
            ("appealed",),
            None,
            ("senior_officer", "administrator"),
        ),
        Action(
            "add_note",
            "Add a note",
            tuple(STATES),
            None,
            ("exporter", *REVIEWERS, "partner_liaison"),
        ),
    )
}

# Who may open a case (a draft). A draft belongs to the applicant organisation, is invisible to
# the authority and only that organisation's exporters submit it, so a draft opened by anyone
# else would belong to nobody who can act on it: only an exporter opens a case, for its own
# organisation, which is the licensee.
CREATE_ROLES = ("exporter",)

DECISIONS = ("approve", "approve_with_conditions", "deny")
DECISION_STATE = {"approve": "approved", "approve_with_conditions": "approved", "deny": "refused"}
APPEAL_OUTCOMES = {"upheld": "under_review", "dismissed": "refusal_sent"}


class WrongState(InputError):
    """The action does not apply to the case in its current state (HTTP 409)."""


def check(state: str, action: str, role: str | None) -> Action:
    """The action if ``role`` may take it from ``state``; raise otherwise."""
    a = ACTIONS.get(action)
    if a is None:
        raise InputError(f"unknown action {action!r}", "action")
    if role not in a.roles:
        raise NotAllowed(f"a {role or 'visitor'} may not {a.title.lower()}")
    if state not in a.from_states:
        raise WrongState(
            f"cannot {a.title.lower()} when the case is {STATES.get(state, state).lower()}",
            "action",
        )
    return a


def check_create(role: str | None) -> None:
    """Raise unless ``role`` may open a case (see ``CREATE_ROLES``)."""
    if role not in CREATE_ROLES:
        raise NotAllowed(
            f"a {role or 'visitor'} may not open a case: an exporter opens the application "
            "for its own organisation"
        )


def available(state: str, role: str | None) -> list[Action]:
    """Actions a user with ``role`` can take on a case in ``state`` (for the case page)."""
    return [a for a in ACTIONS.values() if state in a.from_states and role in a.roles]
