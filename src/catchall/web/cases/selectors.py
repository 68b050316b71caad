"""Reads of cases, always through the reader: an exporter sees only its organisation's cases."""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, F, Q, QuerySet
from django.utils import timezone

from catchall.core.assessment.destinations import countries_matching
from catchall.core.errors import InputError
from catchall.core.workflow import OPEN_STATES, STATES
from catchall.web.accounts.confidentiality import may_receive_confidential
from catchall.web.accounts.roles import AUTHORITY_ROLES, role_of
from catchall.web.cases.models import Case


def visible_cases(reader) -> QuerySet[Case]:
    role = role_of(reader)
    qs = Case.objects.select_related("organisation", "assigned_to")
    if role == "exporter":
        return qs.filter(organisation_id=reader.profile.organisation_id)
    if role in AUTHORITY_ROLES:
        return qs.exclude(status="draft")
    return qs.none()


def case_for(reader, pk: int) -> Case | None:
    """The case if the reader may see it; None for both "absent" and "not yours"."""
    return visible_cases(reader).filter(pk=pk).first()


# The queue's sortable columns: name -> the fields it orders by (ties broken by reference).
SORTS = {
    "due": ("due_at", "submitted_at"),
    "reference": ("reference",),
    "status": ("status",),
    "exporter": ("organisation__name",),
    "destination": ("destination",),
    "received": ("submitted_at",),
}


def queue(
    reader,
    *,
    status: str | None = None,
    team: str | None = None,
    mine: bool = False,
    flagged: bool = False,
    q: str = "",
    sort: str = "due",
    descending: bool = False,
) -> QuerySet[Case]:
    """The cases the reader may see, filtered and sorted. ``status``: a state, "all", or
    "open" (None: open cases for the authority, all of them for an exporter, every status for
    a search). ``q`` finds a case by its reference, the exporter's own reference, the
    exporter's or any party's name, or its destination (a code or a country name)."""
    qs = visible_cases(reader)
    if sort not in SORTS:
        raise InputError(f"{sort!r} is not a column to sort by; one of {', '.join(SORTS)}", "sort")
    if status not in (None, "", "open", "all") and status not in STATES:
        # a misspelt status would otherwise find no case, as if there were none
        raise InputError(
            f"{status!r} is not a case status; one of open, all, {', '.join(STATES)}", "status"
        )
    if status is None and q:
        status = "all"  # a search looks through every status unless one was chosen
    if status == "open" or (status is None and role_of(reader) != "exporter"):
        qs = qs.filter(status__in=OPEN_STATES)
    elif status and status != "all":
        qs = qs.filter(status=status)
    if team and may_receive_confidential(reader):  # the authority's own allocation of work
        qs = qs.filter(team=team)
    if mine:
        qs = qs.filter(assigned_to=reader)
    if flagged and may_receive_confidential(reader):  # hits may be on confidential lists
        qs = qs.filter(new_screening_hits__gt=0)
    if q:
        qs = qs.filter(_matching(q))
    fields = SORTS[sort]
    order = [
        F(f).desc(nulls_last=True) if descending else F(f).asc(nulls_last=True) for f in fields
    ]
    tie = "-reference" if descending else "reference"
    return qs.order_by(*order, tie)


def _matching(q: str) -> Q:
    """Cases a search text finds. The stored search text is lower case (core search_text), so
    a lower-case ``contains`` finds any letters, accents included, on SQLite and PostgreSQL."""
    text = " ".join(q.replace("\x00", " ").split())  # (PostgreSQL refuses NUL in text)
    folded = text.casefold()
    found = (
        Q(reference__icontains=text)
        | Q(summary__icontains=text)
        | Q(organisation__name__icontains=text)
        | Q(search_text__contains=folded)
    )
    codes = countries_matching(text)
    return found | Q(destination__in=codes) if codes else found


def dashboard(reader) -> dict:
    """Queue counts, ageing bands and time to decision, for the dashboard's tables and charts."""
    qs = visible_cases(reader)
    now = timezone.now()
    by_status = dict(qs.values_list("status").annotate(n=Count("id")).values_list("status", "n"))
    open_qs = qs.filter(status__in=OPEN_STATES, submitted_at__isnull=False)
    bands = [
        ("0-7 days", 0, 7),
        ("8-14 days", 8, 14),
        ("15-28 days", 15, 28),
        ("over 28 days", 29, 100_000),
    ]
    ageing = []
    for label, lo, hi in bands:
        newest = now - dt.timedelta(days=lo)
        oldest = now - dt.timedelta(days=hi + 1)
        ageing.append(
            (label, open_qs.filter(submitted_at__lte=newest, submitted_at__gt=oldest).count())
        )
    overdue = open_qs.filter(due_at__lt=now).count()
    decided = qs.filter(decided_at__isnull=False, submitted_at__isnull=False).values_list(
        "submitted_at", "decided_at"
    )[:2000]
    days = sorted((d - s).total_seconds() / 86400 for s, d in decided)
    median = days[len(days) // 2] if days else None
    hist = [0] * 6  # 0-7, 8-14, 15-28, 29-56, 57-90, >90 days
    for d in days:
        hist[
            0
            if d <= 7
            else 1
            if d <= 14
            else 2
            if d <= 28
            else 3
            if d <= 56
            else 4
            if d <= 90
            else 5
        ] += 1
    return {
        "by_status": by_status,
        "open": open_qs.count(),
        "ageing": ageing,
        "overdue": overdue,
        "flagged": qs.filter(new_screening_hits__gt=0).count()
        if may_receive_confidential(reader)
        else None,
        "mine": qs.filter(assigned_to=reader, status__in=OPEN_STATES).count()
        if reader.is_authenticated
        else 0,
        "decision_days_median": median,
        "decision_hist": list(
            zip(["0-7", "8-14", "15-28", "29-56", "57-90", ">90"], hist, strict=True)
        ),
        "decided": len(days),
    }
