"""The no-undercut check every assessment runs (registered in ``DENIAL_CHECKS``).

Active denials are loaded once per worker and reloaded when any notification changed: a cheap
query (count and latest change) tells, so several workers stay correct without signalling.
A screening index over the denied parties' names retrieves the denials worth scoring, so an
assessment costs milliseconds however many notifications partners have sent.
"""

from __future__ import annotations

import datetime as dt
import threading
from typing import Any

from django.db.models import Count, Max
from django.utils import timezone

from catchall.core.assessment.destinations import country_name
from catchall.core.assessment.no_undercut import (
    APPLICATION_ROLES,
    DENIED_TYPES,
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
_cache: dict[str, Any] = {"stamp": None, "state": None}
RETRIEVE_LIMIT = 500


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
    return _loaded()[0]


def _loaded() -> tuple[list[DenialRecord], Any]:
    """(records, (index, owners)) as one value, so a reload never mixes two generations."""
    stamp = _stamp()
    state = _cache["state"]
    if _cache["stamp"] == stamp and state is not None:
        return state
    with _lock:
        if _cache["stamp"] != stamp or _cache["state"] is None:
            qs = DenialNotification.objects.filter(status="active").prefetch_related("parties")
            records = [to_record(n) for n in qs]
            _cache["state"] = (records, _party_index(records))
            _cache["stamp"] = stamp
        return _cache["state"]


def _party_index(records: list[DenialRecord]):
    """A screening index with one entity per distinct denied name and country, and the ids of
    the denials naming it."""
    from catchall.core.model import ListEntity
    from catchall.core.screening import ScreeningIndex

    entities: list[ListEntity] = []
    owners: list[set] = []
    seen: dict[tuple[str, str | None], int] = {}
    for r in records:
        for p in r.parties:
            if p.entity_type not in DENIED_TYPES:
                continue
            i = seen.setdefault((p.name, p.country), len(entities))
            if i == len(entities):
                entities.append(
                    ListEntity(
                        id=str(i),
                        schema="LegalEntity",
                        name=p.name,
                        list_name="denials",
                        countries=(p.country,) if p.country else (),
                    )
                )
                owners.append(set())
            owners[i].add(r.id)
    return ScreeningIndex.build(entities), owners


def invalidate() -> None:
    with _lock:
        _cache["stamp"] = None
        _cache["state"] = None


def candidates(parties: list[ApplicationParty], threshold: float, state=None) -> set | None:
    """Ids of the denials whose parties the screening index finds for the application's end
    users and consignees; None (score every denial) when the threshold is below what the
    index returns. Each party is asked with its evidence (``ApplicationParty.of``, i.e.
    ``Party.query()``, as the assessment and case re-screening ask); denied parties carry none
    today, so it neither raises nor lowers a candidate (evidence that lowered one could hide a
    denial that scoring every denial by name would find)."""
    from catchall.core.errors import InputError

    index, owners = (state or _loaded())[1]
    if threshold < index.config.possible_threshold:
        return None
    found: set = set()
    for p in parties:
        if p.role not in APPLICATION_ROLES:
            continue
        try:
            result = index.screen(p.screening_query(), limit=RETRIEVE_LIMIT)
        except InputError:
            continue  # a name the engine cannot use matches nothing
        for m in result.matches:
            found |= owners[int(m.entity_id)]
    return found


def _scorer(a: str, b: str):
    from catchall.core.screening import score_pair

    return score_pair(a, b)


def undercuts(app, items, at: dt.date | None = None, use_index: bool = True) -> list[Undercut]:
    """The denials this application would undercut, strongest first."""
    at = at or (items[0].at if items else None) or timezone.localdate()
    parties = [ApplicationParty.of(p) for p in app.parties]
    threshold = conf.consultation_threshold()
    state = _loaded()
    records = state[0]
    if not records:
        return []
    return find_undercuts(
        records,
        parties,
        items_from_classifications(items),
        at=at,
        scorer=_scorer,
        threshold=threshold,
        candidates=candidates(parties, threshold, state) if use_index else None,
    )


def no_undercut_check(app, items, parties) -> list:
    """DenialCheck: a consultation for each partner's denial of an essentially identical
    transaction; our own earlier refusals come back marked ``own`` (no one to consult)."""
    from catchall.core.assessment.engine import Consultation

    return [
        Consultation(
            partner=u.partner,
            reference=u.denial.reference,
            reason=u.reason,
            evidence=u.evidence(),
            own=u.own,
            denied_on=u.denial.denied_on.isoformat(),
        )
        for u in undercuts(app, items)
    ]
