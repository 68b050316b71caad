"""Creating a case from an application document, and editing a draft."""

from __future__ import annotations

from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from catchall.core.assessment.application import parse_application, search_text
from catchall.core.errors import InputError
from catchall.core.workflow import NotAllowed, check_create
from catchall.web.accounts.roles import organisation_of, role_of
from catchall.web.cases.models import ApplicationVersion, Case
from catchall.web.cases.services.common import audit, claim


def _summary(data: dict[str, Any]) -> str:
    items = data.get("items") or []
    first = (items[0].get("description") or items[0].get("kind")) if items else "no items"
    more = f" (+{len(items) - 1} more)" if len(items) > 1 else ""
    from catchall.core.assessment.destinations import data as countries

    code = str(data.get("destination", "?"))
    return f"{first}{more} to {countries().names.get(code.upper(), code)}"[:300]


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


def as_licensee(data: dict[str, Any], organisation) -> tuple[dict[str, Any], str | None]:
    """The application with the case's organisation as its exporter, and the exporter name the
    document gave instead (None if it agreed).

    The licence is granted to the case's organisation, so the document cannot name another
    company: whatever it says under ``exporter`` is replaced by the account's organisation.
    """
    given = data.get("exporter")
    given_name = given.get("name") if isinstance(given, dict) else None
    exporter = {"name": organisation.name, "country": organisation.country}
    replaced = None if given_name == organisation.name else (str(given_name or "") or None)
    return {**data, "exporter": exporter}, replaced


def add_version(case: Case, data: dict[str, Any], actor, reason: str) -> ApplicationVersion:
    """Append the next version of the application (never overwrite) and keep the case's
    summary, destination and search text in step with it; the caller saves the case. The caller has put
    the case's organisation in as the exporter (``as_licensee``)."""
    version = ApplicationVersion.objects.create(
        case=case,
        number=case.versions.count() + 1,
        data=data,
        created_at=timezone.now(),
        created_by=actor,
        reason=reason,
    )
    case.summary, case.destination = _summary(data), str(data.get("destination", "")).upper()[:2]
    case.search_text = search_text(data)
    return version


def case_create(*, actor, data: dict[str, Any]) -> Case:
    """A new draft case holding version 1 of the application (validated first), opened by an
    exporter for its own organisation, which the application names as the exporter."""
    check_create(role_of(actor))
    organisation = organisation_of(actor)
    if organisation is None:
        raise InputError("the user belongs to no organisation", "organisation")
    data, replaced = as_licensee(data, organisation)
    parse_application(data)  # every problem reported before anything is written
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
                )
                add_version(case, data, actor, "created")
                case.save()
                audit(
                    "created",
                    case,
                    actor,
                    after={"status": "draft", "version": 1},
                    **({"exporter_replaced": replaced} if replaced else {}),
                )
                return case
        except IntegrityError:
            continue  # two drafts took the same reference at once; take the next
    raise RuntimeError("could not allocate a case reference")


@transaction.atomic
def case_update_draft(
    *, case: Case, actor, data: dict[str, Any], expected_version: int | None = None
) -> Case:
    """Replace the draft's application (a draft has no reviewers yet; still versioned)."""
    if role_of(actor) != "exporter" or organisation_of(actor) != case.organisation:
        raise NotAllowed("only the applicant organisation may edit its draft")
    if case.status != "draft":
        raise InputError(
            "only a draft can be edited; amend a submitted application instead", "status"
        )
    data, replaced = as_licensee(data, case.organisation)
    parse_application(data)
    claim(case, expected_version, actor)
    number = add_version(case, data, actor, "draft edited").number
    case.save()
    audit(
        "draft_edited",
        case,
        actor,
        after={"version": number},
        **({"exporter_replaced": replaced} if replaced else {}),
    )
    return case
