"""The no-undercut check every assessment runs (registered in ``DENIAL_CHECKS``).

Active denials are loaded once per worker and reloaded when any notification changed: a cheap
query (count and latest change) tells, so several workers stay correct without signalling.
"""

from __future__ import annotations

import datetime as dt
import threading
from typing import Any

from django.db.models import Count, Max
from django.utils import timezone

from catchall.core.assessment.destinations import country_name
from catchall.core.assessment.no_undercut import (
    ApplicationParty,
    DenialRecord,
    DeniedParty,
    EntryFacts,
    Undercut,
    entry_facts,
    find_undercuts,
    items_from_classifications,
    split_entries,
)
from catchall.web.denials import conf
from catchall.web.denials.models import DenialNotification

_lock = threading.Lock()
_cache: dict[str, Any] = {"stamp": None, "records": []}


def _stamp() -> tuple:
    agg = DenialNotification.objects.aggregate(n=Count("id"), last=Max("updated_at"))
    return (agg["n"], agg["last"])


def _entries(n: DenialNotification) -> tuple[EntryFacts, ...]:
    out = []
    for e in split_entries(n.denial_cle):
        f = entry_facts(e)
        if (
            n.mtcr_item
            and len(split_entries(n.denial_cle)) == 1
            and n.mtcr_item not in f.mtcr_items
        ):
            f = EntryFacts(f.id, (*f.mtcr_items, n.mtcr_item), f.kinds, f.known)
        out.append(f)
    return tuple(out)


def to_record(n: DenialNotification) -> DenialRecord:
    return DenialRecord(
        id=n.pk,
        reference=n.reference,
        government=n.notifying_government,
        government_name=country_name(n.notifying_government),
        denied_on=n.denied_on,
        valid_until=n.valid_until,
        parties=tuple(
            DeniedParty(p.name, p.country or None, p.entity_type, p.address)
            for p in n.parties.all()
        ),
        entries=_entries(n),
        kind=n.item_kind or None,
        regime=n.regime,
        item_description=n.item_description,
        direction=n.direction,
        active=n.status == "active",
    )


def denial_records() -> list[DenialRecord]:
    """Active denials as the pure rules see them (validity dates are checked per assessment)."""
    stamp = _stamp()
    if _cache["stamp"] == stamp:
        return _cache["records"]
    with _lock:
        if _cache["stamp"] != stamp:
            qs = DenialNotification.objects.filter(status="active").prefetch_related("parties")
            _cache["records"] = [to_record(n) for n in qs]
            _cache["stamp"] = stamp
    return _cache["records"]


def invalidate() -> None:
    with _lock:
        _cache["stamp"] = None
        _cache["records"] = []


def _scorer(a: str, b: str):
    from catchall.core.screening import score_pair

    return score_pair(a, b)


def undercuts(app, items, at: dt.date | None = None) -> list[Undercut]:
    """The denials this application would undercut, strongest first."""
    at = at or (items[0].at if items else None) or timezone.localdate()
    parties = [ApplicationParty(p.role, p.name, p.country) for p in app.parties]
    return find_undercuts(
        denial_records(),
        parties,
        items_from_classifications(items),
        at=at,
        scorer=_scorer,
        threshold=conf.consultation_threshold(),
    )


def no_undercut_check(app, items, parties) -> list:
    """DenialCheck: a consultation for each denial of an essentially identical transaction."""
    from catchall.core.assessment.engine import Consultation

    return [
        Consultation(
            partner=u.partner, reference=u.denial.reference, reason=u.reason, evidence=u.evidence()
        )
        for u in undercuts(app, items)
    ]
