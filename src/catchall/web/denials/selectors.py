"""Reads of denial notifications, always on behalf of a reader whose role is checked here."""

from __future__ import annotations

import datetime as dt

from django.db.models import Q, QuerySet

from catchall.core.assessment.destinations import country_code_for
from catchall.core.errors import InputError, NotFound, Problem
from catchall.web.denials.formats import NotificationData, PartyData
from catchall.web.denials.models import DenialImport, DenialNotification
from catchall.web.denials.permissions import require_read

DIRECTIONS = ("incoming", "outgoing")
STATUSES = ("active", "revoked")


def denials_for(
    reader,
    *,
    direction: str | None = None,
    status: str | None = None,
    government: str | None = None,
    q: str | None = None,
    valid_on: dt.date | None = None,
) -> QuerySet[DenialNotification]:
    """The notifications the reader may see, filtered; NotAllowed for other roles."""
    require_read(reader)
    qs = DenialNotification.objects.prefetch_related("parties")
    problems: list[Problem] = []  # every faulty filter at once, not the first only
    if direction:
        if direction not in DIRECTIONS:
            problems.append(
                Problem("direction", f"“{direction}” is not a direction: incoming or outgoing")
            )
        qs = qs.filter(direction=direction)
    if status:
        if status not in STATUSES:
            problems.append(Problem("status", f"“{status}” is not a status: active or revoked"))
        qs = qs.filter(status=status)
    if government and government.strip():
        try:  # a code or a country's name: "GB", "United Kingdom", "Iran"
            code = country_code_for(government[:100])
        except InputError as exc:
            problems.append(Problem("government", exc.problems[0].message))
        else:
            qs = qs.filter(notifying_government=code)
    if problems:
        raise InputError(problems)
    if valid_on:
        qs = qs.filter(status="active", denied_on__lte=valid_on, valid_until__gte=valid_on)
    if q and q.strip():
        t = q.strip()[:200]
        qs = qs.filter(
            Q(reference__icontains=t)
            | Q(regime_reg_ref__icontains=t)
            | Q(denial_cle__icontains=t)
            | Q(item_description__icontains=t)
            | Q(parties__name__icontains=t)
        ).distinct()
    return qs


def denial_for(reader, pk: int) -> DenialNotification:
    require_read(reader)
    n = DenialNotification.objects.prefetch_related("parties").filter(pk=pk).first()
    if n is None:
        raise NotFound(f"no denial notification {pk}")
    return n


def imports_for(reader, limit: int = 20) -> list[DenialImport]:
    require_read(reader)
    return list(DenialImport.objects.all()[:limit])


def notification_data(n: DenialNotification) -> NotificationData:
    """The model as the file formats and the API see it (the case reference stays inside)."""
    return NotificationData(
        reference=n.reference,
        notifying_government=n.notifying_government,
        regime_reg_ref=n.regime_reg_ref,
        regime=n.regime,
        denial_cle=n.denial_cle,
        mtcr_item=n.mtcr_item,
        item_kind=n.item_kind,
        item_description=n.item_description,
        end_use=n.end_use,
        reason_for_refusal=n.reason_for_refusal,
        denied_on=n.denied_on,
        valid_until=n.valid_until,
        status=n.status,
        parties=[PartyData(p.name, p.address, p.country, p.entity_type) for p in n.parties.all()],
    )


def denial_dict(n: DenialNotification) -> dict:
    from catchall.core.assessment.destinations import country_name

    d = notification_data(n)
    return {
        "id": n.pk,
        "reference": d.reference,
        "regime_reg_ref": d.regime_reg_ref,
        "notifying_government": d.notifying_government,
        "notifying_government_name": country_name(d.notifying_government),
        "regime": d.regime,
        "denial_cle": d.denial_cle,
        "mtcr_item": d.mtcr_item,
        "item_kind": d.item_kind,
        "item_description": d.item_description,
        "end_use": d.end_use,
        "reason_for_refusal": d.reason_for_refusal,
        "denied_on": d.denied_on.isoformat(),
        "valid_until": d.valid_until.isoformat(),
        "direction": n.direction,
        "status": n.status,
        "revoked_on": n.revoked_on.isoformat() if n.revoked_on else None,
        "revocation_comment": n.revocation_comment,
        "case_reference": n.case_reference,
        "parties": [p.__dict__ for p in d.parties],
    }
