"""Creating a case from an application document, and editing a draft."""

from __future__ import annotations

from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from catchall.core.assessment.application import parse_application
from catchall.core.errors import InputError
from catchall.core.workflow import NotAllowed
from catchall.web.accounts.roles import has_role, organisation_of
from catchall.web.cases.models import ApplicationVersion, Case
from catchall.web.cases.services.common import audit, claim


def _summary(data: dict[str, Any]) -> str:
    items = data.get("items") or []
    first = (items[0].get("description") or items[0].get("kind")) if items else "no items"
    more = f" (+{len(items) - 1} more)" if len(items) > 1 else ""
    return f"{first}{more} to {data.get('destination', '?')}"[:300]


def _next_reference(year: int) -> str:
    prefix = f"CA-{year}-"
    last = (
        Case.objects.filter(reference__startswith=prefix)
        .order_by("-reference")
        .values_list("reference", flat=True)
        .first()
    )
    n = int(last.rsplit("-", 1)[1]) + 1 if last else 1
    return f"{prefix}{n:05d}"


def add_version(case: Case, data: dict[str, Any], actor, reason: str) -> ApplicationVersion:
    """Append the next version of the application (never overwrite) and keep the case's
    summary and destination in step with it; the caller saves the case."""
    version = ApplicationVersion.objects.create(
        case=case,
        number=case.versions.count() + 1,
        data=data,
        created_at=timezone.now(),
        created_by=actor,
        reason=reason,
    )
    case.summary, case.destination = _summary(data), str(data.get("destination", "")).upper()[:2]
    return version


def case_create(*, actor, data: dict[str, Any], organisation=None) -> Case:
    """A new draft case holding version 1 of the application (validated first)."""
    if not has_role(actor, "exporter", "licensing_officer", "administrator"):
        raise NotAllowed("only an exporter or a licensing officer may open a case")
    parse_application(data)  # every problem reported before anything is written
    organisation = organisation or organisation_of(actor)
    if organisation is None:
        raise InputError("the user belongs to no organisation", "organisation")
    now = timezone.now()
    for _ in range(5):
        try:
            with transaction.atomic():
                case = Case.objects.create(
                    reference=_next_reference(now.year),
                    organisation=organisation,
                    created_by=actor,
                    created_at=now,
                    status_changed_at=now,
                    destination=str(data.get("destination", "")).upper()[:2],
                    summary=_summary(data),
                )
                ApplicationVersion.objects.create(
                    case=case,
                    number=1,
                    data=data,
                    created_at=now,
                    created_by=actor,
                    reason="created",
                )
                audit("created", case, actor, after={"status": "draft", "version": 1})
                return case
        except IntegrityError:
            continue  # two drafts took the same reference at once; take the next
    raise RuntimeError("could not allocate a case reference")


@transaction.atomic
def case_update_draft(
    *, case: Case, actor, data: dict[str, Any], expected_version: int | None = None
) -> Case:
    """Replace the draft's application (a draft has no reviewers yet; still versioned)."""
    if case.status != "draft":
        raise InputError(
            "only a draft can be edited; amend a submitted application instead", "status"
        )
    parse_application(data)
    claim(case, expected_version)
    number = add_version(case, data, actor, "draft edited").number
    case.save()
    audit("draft_edited", case, actor, after={"version": number})
    return case
