"""Workflow actions on a case. The transition table (core/workflow.py) decides who may act
from which state; each handler here does the action's own work inside one transaction."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils import timezone

from catchall.core.assessment.application import parse_application
from catchall.core.errors import InputError
from catchall.core.workflow import (
    APPEAL_OUTCOMES,
    DECISION_STATE,
    DECISIONS,
    NotAllowed,
    WrongState,
    check,
)
from catchall.core.workflow_payloads import validate_payload
from catchall.web.accounts.roles import role_of
from catchall.web.cases.models import (
    Appeal,
    Case,
    CaseNote,
    Decision,
    InformationRequest,
    Recommendation,
)
from catchall.web.cases.services.common import (
    APPEAL_DAYS,
    audit,
    claim,
    latest_assessment,
    run_assessment,
    set_status,
    stale,
)
from catchall.web.cases.services.create import add_version, as_licensee
from catchall.web.cases.services.rating import (
    confirm,
    current_ratings,
    rate_item,
    unrated_undetermined,
)
from catchall.web.notifications.services import notify_case_event

CONDITIONS_MISSING = "required when the outcome is approve_with_conditions"


def _text(payload: dict, key: str, required: bool = True, limit: int = 20_000) -> str:
    v = payload.get(key)
    v = v.strip() if isinstance(v, str) else ""
    if required and not v:
        raise InputError("required", key)
    if len(v) > limit:
        raise InputError(f"longer than {limit} characters", key)
    return v


def _may_see(case: Case, actor) -> None:
    from catchall.web.cases.selectors import visible_cases

    if not visible_cases(actor).filter(pk=case.pk).exists():
        raise NotAllowed("no such case")


def case_act(
    case: Case, action: str, *, actor, expected_version: int | None = None, **payload: Any
) -> Case:
    """Take ``action`` on ``case`` as ``actor``: check, claim (optimistic lock), act, audit."""
    _may_see(case, actor)
    if (
        expected_version is not None
        and Case.objects.filter(pk=case.pk).values_list("lock_version", flat=True).first()
        != expected_version
    ):
        raise stale(case, actor)
    spec = check(Case.objects.get(pk=case.pk).status, action, role_of(actor))
    payload = validate_payload(action, payload)  # types and sizes, before anything is written
    handler = HANDLERS[action]
    with transaction.atomic():
        claim(case, expected_version, actor)
        before = {"status": case.status}
        details = handler(case, actor, payload) or {}
        if spec.to_state and case.status == before["status"]:
            set_status(case, spec.to_state)
        case.save()
        audit(
            action,
            case,
            actor,
            before=before,
            after={"status": case.status, "lock_version": case.lock_version},
            **details,
        )
        notify_case_event(case, action, actor)  # e-mail, as a job, to the people concerned
    return case


# --------------------------------------------------------------------------- handlers


def _submit(case, actor, p):
    if case.organisation_id != getattr(getattr(actor, "profile", None), "organisation_id", None):
        raise NotAllowed("only the applicant organisation may submit")
    set_status(case, "submitted")
    return {"version": case.current_version.number}


def _amend(case, actor, p):
    data = p.get("data")
    if not isinstance(data, dict):
        raise InputError("the amended application document is required", "data")
    data, replaced = as_licensee(data, case.organisation)
    parse_application(data)
    number = add_version(
        case, data, actor, _text(p, "reason", required=False, limit=500) or "amended"
    ).number
    if case.status in ("under_review", "information_requested"):
        run_assessment(case, actor)
    return {"version": number, **({"exporter_replaced": replaced} if replaced else {})}


def _withdraw(case, actor, p):
    return {"reason": _text(p, "reason", required=False)}


def _start_review(case, actor, p):
    set_status(case, "under_review")
    case.officer = actor  # the case returns to them after the technical expert's rating
    if case.assigned_to_id is None and role_of(actor) == "licensing_officer":
        case.assigned_to = actor
    run = run_assessment(case, actor)
    return {"assessment": run.recommendation}


def _assign(case, actor, p):
    from django.contrib.auth import get_user_model

    user_id = p.get("user_id")  # a whole number or None: checked by validate_payload
    user = (
        get_user_model().objects.filter(pk=user_id).select_related("profile").first()
        if user_id
        else None
    )
    if user is None or role_of(user) not in (
        "licensing_officer",
        "senior_officer",
        "technical_expert",
    ):
        raise InputError("choose an officer, technical expert or senior officer", "user_id")
    before = case.assigned_to.get_username() if case.assigned_to else None
    case.assigned_to = user
    if role_of(user) == "licensing_officer":
        case.officer = user  # the officer the case returns to
    if p.get("team"):
        case.team = _text(p, "team", limit=100)
    return {"assigned_from": before, "assigned_to": user.get_username()}


def _rerun(case, actor, p):
    run = run_assessment(case, actor)
    return {"assessment": run.recommendation}


def _request_information(case, actor, p):
    q = _text(p, "question")
    InformationRequest.objects.create(
        case=case, asked_by=actor, asked_at=timezone.now(), question=q
    )
    return {"question": q[:500]}


def _answer_information(case, actor, p):
    a = _text(p, "answer")
    req = case.information_requests.filter(answered_at__isnull=True).order_by("asked_at").last()
    if req is None:
        raise WrongState("there is no open information request", "answer")
    req.answer, req.answered_by, req.answered_at = a, actor, timezone.now()
    req.save()
    return {"answer": a[:500]}


def _confirm_classification(case, actor, p):
    run = latest_assessment(case)
    if run is None:
        raise WrongState("run the assessment first", "action")
    pending = unrated_undetermined(case)
    if pending:
        raise WrongState(
            "the classifier could not rate item "
            + ", ".join(str(i + 1) for i in pending)
            + ": rate it first (confirm, change its entries or rate it not listed, with reasoning)",
            "action",
        )
    rated = current_ratings(case)
    items = p.get("items")
    if items is None:  # as rated, or the entries as assessed
        items = []
        for it in run.result["items"]:
            r = rated.get(it["index"])
            items.append(
                {
                    "index": it["index"],
                    "entries": r.entries,
                    "note": r.reasoning,
                    "rating": r.outcome,
                }
                if r is not None
                else {
                    "index": it["index"],
                    "entries": [e["entry"] for e in it["entries"]],
                    "note": "",
                }
            )
    if not isinstance(items, list):
        raise InputError("must be a list of {index, entries, note}", "items")
    assessed = {it["index"] for it in run.result["items"]}
    for n, it in enumerate(items):
        if it["index"] not in assessed:
            raise InputError("no item of the application has this index", f"items[{n}].index")
    handed = confirm(case, actor, items, _text(p, "note", required=False))
    return {"items": items, **handed}


def _inform_letter(case, actor, p):
    from catchall.web.cases.documents import check_inform_letter, issue_document

    check_inform_letter(case)
    case.catch_all_informed = True
    run = run_assessment(case, actor)
    doc = issue_document(
        case, "inform_letter", actor, extra={"reason": _text(p, "reason", required=False)}
    )
    return {"document": doc.number, "assessment": run.recommendation}


def _resolve_consultation(case, actor, p):
    consultation_id = p.get("consultation_id")  # checked by validate_payload
    c = case.consultations.filter(pk=consultation_id).first() if consultation_id else None
    if c is None:
        raise InputError("no such consultation on this case", "consultation_id")
    outcome = p.get("outcome")
    if outcome not in ("no objection", "objection"):
        raise InputError("outcome must be 'no objection' or 'objection'", "outcome")
    c.outcome, c.outcome_note, c.resolved_by, c.resolved_at = (
        outcome,
        _text(p, "note"),
        actor,
        timezone.now(),
    )
    c.save()
    return {"consultation": f"{c.partner} {c.reference}", "outcome": outcome}


def _conditions_given(outcome: str, conditions: list) -> None:
    """An approval "with conditions" that names none would issue a licence with none."""
    if outcome == "approve_with_conditions" and not conditions:
        raise InputError(CONDITIONS_MISSING, "conditions")


def _recommend(case, actor, p):
    outcome = p.get("outcome")
    if outcome not in DECISIONS:
        raise InputError(f"one of {', '.join(DECISIONS)}", "outcome")
    conditions = p.get("conditions") or []
    if not isinstance(conditions, list):
        raise InputError("must be a list", "conditions")
    _conditions_given(outcome, conditions)
    Recommendation.objects.create(
        case=case,
        by=actor,
        at=timezone.now(),
        outcome=outcome,
        reasoning=_text(p, "reasoning"),
        conditions=conditions,
    )
    case.officer_recommendation = outcome
    return {"outcome": outcome}


def _return_to_officer(case, actor, p):
    return {"reason": _text(p, "reason")}


def _decide(case, actor, p):
    outcome = p.get("outcome")
    if outcome not in DECISIONS:
        raise InputError(f"one of {', '.join(DECISIONS)}", "outcome")
    rec = case.recommendations.order_by("-at", "-id").first()
    if rec is None:
        raise WrongState("there is no recommendation to countersign", "action")
    if rec.by_id == actor.pk:
        raise NotAllowed("the officer who recommended may not countersign the same case")
    if outcome != "deny":
        pending = [
            f"{c.partner} {c.reference}" for c in case.consultations.exclude(outcome="no objection")
        ]
        if pending:
            raise WrongState(
                "consult before approving (no-undercut): " + "; ".join(pending), "outcome"
            )
    conditions = p.get("conditions")
    if conditions is None:
        conditions = rec.conditions
    _conditions_given(outcome, conditions)
    now = timezone.now()
    Decision.objects.create(
        case=case,
        by=actor,
        at=now,
        outcome=outcome,
        reason=_text(p, "reason"),
        conditions=conditions,
        countersigns=rec,
    )
    note = _text(p, "internal_note", required=False)
    if note:  # the authority's own reasoning: never on a letter or a notification
        CaseNote.objects.create(case=case, author=actor, at=now, text=note, internal=True)
    case.decision = outcome
    case.decided_at = now
    set_status(case, DECISION_STATE[outcome])
    return {
        "outcome": outcome,
        "recommendation": rec.outcome,
        **({"internal_note": note} if note else {}),
    }


def _issue_licence(case, actor, p):
    from catchall.web.cases.documents import issue_document

    doc = issue_document(case, "licence", actor)
    return {"document": doc.number}


def _send_refusal(case, actor, p):
    from catchall.web.cases.documents import issue_document
    from catchall.web.cases.refusals import notify_denial

    case.appeal_deadline = (
        timezone.now() + dt.timedelta(days=APPEAL_DAYS)
    ).date()  # the letter states it
    doc = issue_document(case, "refusal", actor)
    notified = notify_denial(case, actor)
    return {"document": doc.number, "denial_notifications": notified}


def _appeal(case, actor, p):
    if case.appeal_deadline and timezone.now().date() > case.appeal_deadline:
        raise WrongState(f"the appeal period ended on {case.appeal_deadline.isoformat()}", "action")
    Appeal.objects.create(
        case=case, lodged_by=actor, lodged_at=timezone.now(), grounds=_text(p, "grounds")
    )
    return {}


def _decide_appeal(case, actor, p):
    outcome = p.get("outcome")
    if outcome not in APPEAL_OUTCOMES:
        raise InputError("outcome must be 'upheld' or 'dismissed'", "outcome")
    appeal = case.appeals.filter(outcome="").order_by("-lodged_at").first()
    appeal.outcome, appeal.decided_by, appeal.decided_at, appeal.reason = (
        outcome,
        actor,
        timezone.now(),
        _text(p, "reason"),
    )
    appeal.save()
    set_status(case, APPEAL_OUTCOMES[outcome])
    return {"outcome": outcome}


def _add_note(case, actor, p):
    internal = role_of(actor) != "exporter" and bool(p.get("internal", True))
    CaseNote.objects.create(
        case=case, author=actor, at=timezone.now(), text=_text(p, "text"), internal=internal
    )
    return {"internal": internal}


HANDLERS = {
    "submit": _submit,
    "amend": _amend,
    "withdraw": _withdraw,
    "start_review": _start_review,
    "assign": _assign,
    "rerun_assessment": _rerun,
    "request_information": _request_information,
    "answer_information": _answer_information,
    "confirm_classification": _confirm_classification,
    "rate_item": rate_item,
    "issue_inform_letter": _inform_letter,
    "resolve_consultation": _resolve_consultation,
    "recommend": _recommend,
    "return_to_officer": _return_to_officer,
    "decide": _decide,
    "issue_licence": _issue_licence,
    "send_refusal": _send_refusal,
    "appeal": _appeal,
    "decide_appeal": _decide_appeal,
    "add_note": _add_note,
}
