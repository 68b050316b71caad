"""Shared mechanics of the case services: locking, audit, the current assessment."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.db.models import F
from django.utils import timezone

from catchall.web.accounts.roles import role_of
from catchall.web.audit.models import AuditEvent
from catchall.web.audit.services import record_event
from catchall.web.cases.models import AssessmentRun, Case, Consultation
from catchall.web.cases.services.errors import Conflict

SLA_DAYS = int(getattr(settings, "CATCHALL_SLA_DAYS", 28))
APPEAL_DAYS = int(getattr(settings, "CATCHALL_APPEAL_DAYS", 28))


def claim(case: Case, expected_version: int | None, reader=None) -> Case:
    """Take the case for this change, or refuse if it moved on since the actor loaded it.

    The conditional UPDATE is the first write of the transaction, so two officers deciding at
    once serialise on it and the second sees the new version.
    """
    if expected_version is None:
        expected_version = case.lock_version
    claimed = Case.objects.filter(pk=case.pk, lock_version=expected_version).update(
        lock_version=F("lock_version") + 1
    )
    if not claimed:
        raise stale(case, reader)
    case.refresh_from_db()
    return case


def stale(case: Case, reader=None) -> Conflict:
    """The conflict error, naming the last change so the user knows what happened, as
    ``reader`` may read it: an exporter is not told of the authority's internal steps nor who
    inside it took them (see audit/timeline.py); nobody is shown a username."""
    from catchall.web.audit.timeline import change_in_brief

    last = (
        AuditEvent.objects.filter(object_type="case", object_id=str(case.pk))
        .order_by("-seq")
        .first()
    )
    who = f" ({change_in_brief(last, reader)} at {last.at:%Y-%m-%d %H:%M})" if last else ""
    return Conflict(
        f"case {case.reference} was changed by someone else after you opened it{who}; "
        "nothing was saved - reload the case and try again (your input is kept below)"
    )


def audit(
    action: str, case: Case, actor, before: Any = None, after: Any = None, **details: Any
) -> None:
    record_event(
        f"case.{action}",
        actor=actor,
        object_type="case",
        object_id=case.pk,
        before=before,
        after=after,
        details={"reference": case.reference, "role": role_of(actor), **details},
    )


def set_status(case: Case, status: str) -> dict[str, str]:
    before = case.status
    now = timezone.now()
    case.status = status
    case.status_changed_at = now
    if status == "submitted" and case.submitted_at is None:
        case.submitted_at = now
        case.due_at = now + dt.timedelta(days=SLA_DAYS)
    if status in ("licence_issued", "refusal_sent", "withdrawn"):
        case.closed_at = now
    elif case.closed_at:
        case.closed_at = None
    return {"status": before}


def run_assessment(case: Case, actor) -> AssessmentRun:
    """Assess the current version (with the authority's catch-all notice and the technical
    expert's ratings) and keep the run.

    The run is the authority's (an exporter never sees it), so it uses every list and the
    partner denials whoever triggered it."""
    from catchall.web.accounts.confidentiality import AUTHORITY_FILE
    from catchall.web.assessment.services import assess_application
    from catchall.web.cases.services.rating import expert_ratings

    version = case.current_version
    data = dict(version.data)
    if case.catch_all_informed:
        data["declarations"] = {**(data.get("declarations") or {}), "informed_by_authority": True}
    result = assess_application(
        data,
        actor=actor,
        reader=AUTHORITY_FILE,
        context=f"case {case.reference}",
        ratings=expert_ratings(case),
    ).as_dict()
    run = AssessmentRun.objects.create(
        case=case,
        version=version,
        run_at=timezone.now(),
        run_by_label=getattr(actor, "username", None) or str(actor),
        recommendation=result["recommendation"],
        licence_required=result["licence_required"]["required"],
        catch_all_invoked=result["catch_all"]["invoked"],
        result=result,
    )
    case.auto_recommendation = result["recommendation"]
    for c in result["consultations"]:
        Consultation.objects.get_or_create(
            case=case,
            partner=c["partner"][:200],
            reference=c["reference"][:200],
            defaults={
                "reason": c["reason"],
                "evidence": c["evidence"],
                "opened_at": timezone.now(),
            },
        )
    case.screening_alerts.filter(acknowledged_at__isnull=True).update(
        acknowledged_at=timezone.now()
    )
    case.new_screening_hits = 0
    return run


def latest_assessment(case: Case) -> AssessmentRun | None:
    return case.assessments.order_by("-run_at", "-id").first()
