"""Whose turn it is on a case: what it waits for, from whom, by when, and the reader's next step.

Worked out from the case's state, its records and the workflow table, so the panel at the top
of every case page names a required step (the technical expert's rating of an undetermined item,
an open partner consultation) before it blocks the action that needs it. An exporter is told
what the authority is doing in words, never who inside it does it or why: the assessment, the
expert's rating and partner consultations are internal.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone

from catchall.core.workflow import OFFICERS, available
from catchall.web.accounts.confidentiality import may_receive_confidential
from catchall.web.accounts.roles import role_of
from catchall.web.cases.models import Case
from catchall.web.cases.templatetags.case_actions import DIRECT

ROLE_WORDS = {
    "licensing_officer": "licensing officer",
    "technical_expert": "technical expert",
    "senior_officer": "senior officer",
    "partner_liaison": "partner liaison officer",
    "administrator": "administrator",
}
AUTHORITY = "the licensing authority"
CLOSED = frozenset({"licence_issued", "withdrawn"})
# What an exporter is told the authority is doing, by state.
OUTSIDE_WORDS = {
    "submitted": "the start of the licensing authority's review",
    "approved": "the licence to be issued",
    "refused": "the refusal letter to be sent",
}


@dataclass(frozen=True)
class Step:
    label: str
    href: str
    direct: bool = False  # an action without input: the panel's button does it at once (POST)


@dataclass(frozen=True)
class Turn:
    waits_for: str  # what the case waits for, in words
    from_whom: str  # a person's name with their role, a role, or an organisation
    due: dt.date | None
    due_label: str  # "Due" or "Appeal by"
    next_step: Step | None  # the reader's next action
    idle: str  # what the reader is told when there is no next step
    required: tuple[str, ...] = ()  # steps that must happen before a decision, named early
    yours: bool = False  # the case waits for the reader
    closed: bool = False

    @property
    def overdue(self) -> bool:
        return bool(self.due and not self.closed and self.due < timezone.localdate())


def _name(user) -> str:
    return (user.get_full_name() or user.get_username()) if user else ""


def _person(user) -> str:
    """ "Tom Tech (technical expert)"."""
    role = ROLE_WORDS.get(role_of(user) or "", "")
    return f"{_name(user)} ({role})" if role else _name(user)


def _holder(case: Case, *roles: str):
    """The assignee, if they hold one of ``roles``."""
    user = case.assigned_to
    return user if user is not None and role_of(user) in roles else None


def _due(case: Case) -> dt.date | None:
    return timezone.localdate(case.due_at) if case.due_at else None


def _item_words(it: dict) -> str:
    item = it.get("item") or {}
    return item.get("description") or str(item.get("kind") or "").replace("_", " ")


def _item_steps(case: Case, rated: dict) -> list[str]:
    """What the technical expert must do, item by item, before a recommendation (``rated``:
    the current ratings by item index)."""
    from catchall.web.cases.services.common import latest_assessment

    run = latest_assessment(case)
    if run is None:
        return ["The technical expert rates the items before an officer recommends."]
    out, confirm = [], []
    for it in run.result.get("items", []):
        i = it["index"]
        if i in rated:
            continue
        n, words = i + 1, _item_words(it)
        near = [m["entry"] for m in it.get("near_misses", [])] + [
            c["entry"] for c in it.get("edition_caveats", [])
        ]
        if it.get("controlled") is None:
            out.append(
                f"The technical expert must rate item {n} ({words}: undetermined, not rated "
                "automatically) before a recommendation."
            )
        elif near or it.get("expert_review") or it.get("missing_parameters"):
            why = (
                f"near the threshold of {', '.join(dict.fromkeys(near))}"
                if near
                else "the classification needs an expert's judgement"
            )
            out.append(
                f"The technical expert must rate item {n} ({words}: {why}) before a recommendation."
            )
        else:
            confirm.append(str(n))
    if confirm:
        s = "s" if len(confirm) > 1 else ""
        out.append(
            f"The technical expert confirms the classification of item{s} {', '.join(confirm)} "
            "before a recommendation."
        )
    return out


def _consultation_steps(case: Case) -> list[str]:
    return [
        f"The partner consultation with {c.partner} ({c.reference}) must be answered with no "
        "objection before the case can be approved."
        for c in case.consultations.exclude(outcome="no objection")
    ]


def whose_turn(case: Case, user) -> Turn:
    """The status panel of ``case`` as ``user`` reads it."""
    role = role_of(user)
    exporter = role == "exporter"
    internal = may_receive_confidential(user)
    mine = {a.name for a in available(case.status, role)}
    org = case.organisation.name
    due = _due(case)

    def step(action: str, label: str, href: str = "") -> Step | None:
        # each action has its own page (web/cases/action_pages.py)
        if action not in mine:
            return None
        return Step(label, href or f"/cases/{case.pk}/act/{action}/", not href and action in DIRECT)

    s = case.status
    if s == "draft":
        return Turn(
            "the application to be submitted",
            org,
            None,
            "Due",
            step("submit", "Submit the application"),
            "Nothing for you to do now.",
            yours="submit" in mine,
        )
    if s == "information_requested":
        return Turn(
            "the exporter's answer to the authority's question",
            "you" if exporter else org,
            due,
            "Due",
            step("answer_information", "Answer the information request"),
            "Nothing until the exporter answers.",
            yours="answer_information" in mine,
        )
    if s == "refusal_sent":
        deadline = case.appeal_deadline
        still = deadline is not None and deadline >= timezone.localdate()
        return Turn(
            "an appeal, if the exporter makes one" if still else "nothing: the case is closed",
            ("you" if exporter else org) if still else "",
            deadline if still else None,
            "Appeal by",
            step("appeal", "Appeal the refusal") if still else None,
            "Nothing for you to do now.",
            closed=not still,
        )
    if s in CLOSED:
        return Turn(
            "nothing: the case is closed", "", None, "Due", None, "Nothing to do.", closed=True
        )

    if exporter or not internal:
        # The authority's turn in words: nobody inside it by name, nothing of why.
        return Turn(
            OUTSIDE_WORDS.get(s, "the licensing authority's decision"),
            AUTHORITY,
            due,
            "Due",
            None,
            "Nothing for you to do now; the authority will write to you.",
        )
    # The authority's turn: who inside it, and what must happen first.
    required: list[str] = []
    if s == "submitted":
        who = _holder(case, *OFFICERS)
        waits, from_whom = "the start of the review", _person(who) if who else "a licensing officer"
        nxt = step("start_review", "Start the review")
        idle = "Nothing for you to do now."
        required = ["The technical expert rates the items before an officer recommends."]
    elif s == "under_review":
        from catchall.web.cases.services.rating import current_application, current_ratings

        expert = _holder(case, "technical_expert", "administrator")
        waits = "the technical expert's rating of the items"
        from_whom = _person(expert) if expert else "a technical expert (nobody assigned yet)"
        app = current_application(case)
        rated = current_ratings(case, app)
        every_item_rated = len(rated) == len(app.items)
        nxt = (
            step("confirm_classification", "Confirm the classification")
            if every_item_rated
            else step("rate_item", "Rate the items", f"/cases/{case.pk}/rate/")
        )
        if nxt is None and expert is None:
            nxt = step(
                "assign",
                "Assign a technical expert",
                f"/cases/{case.pk}/act/assign/?role=technical_expert",
            )
        idle = (
            "Nothing until the technical expert has rated the items; you may ask the exporter "
            "for information meanwhile."
            if "request_information" in mine
            else "Nothing for you to do now."
        )
        required = _item_steps(case, rated)
    elif s == "classification_confirmed":
        officer = _holder(case, "licensing_officer", "administrator")
        waits = "the officer's recommendation"
        from_whom = _person(officer) if officer else "a licensing officer"
        nxt = step("recommend", "Record your recommendation")
        idle = "Nothing for you to do now."
        required = ["A senior officer other than the recommending officer countersigns."]
    elif s == "recommended":
        senior = _holder(case, "senior_officer", "administrator")
        rec = case.recommendations.order_by("-at", "-id").first()
        waits = "a senior officer's countersignature"
        from_whom = _person(senior) if senior else "a senior officer"
        recommender = rec is not None and user is not None and rec.by_id == user.pk
        nxt = None if recommender else step("decide", "Countersign the decision")
        idle = (
            "You recommended on this case, so a senior officer other than you countersigns it."
            if recommender
            else "Nothing for you to do now."
        )
    elif s == "appealed":
        senior = _holder(case, "senior_officer", "administrator")
        waits = "a decision on the exporter's appeal"
        from_whom = _person(senior) if senior else "a senior officer"
        nxt = step("decide_appeal", "Decide the appeal")
        idle = "Nothing for you to do now."
    else:  # approved, refused: the document is still to be issued
        officer = _holder(case, *OFFICERS)
        letter = "the licence" if s == "approved" else "the refusal letter"
        waits = f"{letter} to be issued"
        from_whom = _person(officer) if officer else "a licensing officer"
        nxt = step("issue_licence", "Issue the licence") or step("send_refusal", "Send the refusal")
        idle = "Nothing for you to do now."
    if s in ("under_review", "classification_confirmed", "recommended"):
        required += _consultation_steps(case)
    yours = nxt is not None and (case.assigned_to_id in (None, user.pk))
    return Turn(waits, from_whom, due, "Due", nxt, idle, tuple(required), yours=yours)
