"""The audit page for administrators: every event in words, filtered and paginated, and
whether the chain still verifies (the check of ``catchall audit verify``, from the last verified
event on each load and in full at least hourly or on request: audit/checkpoint.py)."""

from __future__ import annotations

import datetime as dt
from urllib.parse import urlencode

from django.conf import settings
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from catchall.web.accounts.decorators import role_required
from catchall.web.audit.checkpoint import verify_for_page
from catchall.web.audit.models import AuditEvent
from catchall.web.audit.timeline import timeline

PAGE_SIZE = 50
FILTERS = ("who", "action", "object_type", "date_from", "date_to")


def _date(value: str, field: str, errors: list[dict]) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        label = "From" if field == "date_from" else "To"
        errors.append({"field": field, "message": f"{label} date must be a date, like 2026-12-31"})
        return None


def _words(code: str) -> str:
    return code.replace(".", ": ", 1).replace("_", " ")


def _flatten(value, prefix: str = "") -> list[tuple[str, str]]:
    """Recorded data as "name: value" lines (an administrator checks them; no dict reprs)."""
    if isinstance(value, dict):
        out = []
        for k, v in value.items():
            out += _flatten(
                v, f"{prefix}{k.replace('_', ' ')} · " if prefix else f"{k.replace('_', ' ')} · "
            )
        return out
    if isinstance(value, list):
        return [(prefix.rstrip(" ·"), "; ".join(str(v) for v in value) or "none")]
    return [(prefix.rstrip(" ·"), "—" if value is None else str(value))]


@role_required("administrator")
@require_safe  # a read, though it moves the verification checkpoint: nothing to POST here
def audit_page(request: HttpRequest) -> HttpResponse:
    g = request.GET
    values = {k: (g.get(k) or "").strip()[:100] for k in FILTERS}
    errors: list[dict] = []
    date_from = _date(values["date_from"], "date_from", errors)
    date_to = _date(values["date_to"], "date_to", errors)
    if date_from and date_to and date_to < date_from:
        errors.append({"field": "date_to", "message": "To date must be on or after the From date"})
    qs = AuditEvent.objects.order_by("-seq")
    if values["who"]:
        w = values["who"]
        qs = qs.filter(
            Q(actor_label__icontains=w)
            | Q(actor__first_name__icontains=w)
            | Q(actor__last_name__icontains=w)
        )
    if values["action"]:
        qs = qs.filter(action=values["action"])
    if values["object_type"]:
        qs = qs.filter(object_type=values["object_type"])
    if not errors:
        if date_from:
            qs = qs.filter(at__date__gte=date_from)
        if date_to:
            qs = qs.filter(at__date__lte=date_to)
    page = Paginator(qs, PAGE_SIZE).get_page(g.get("page"))
    events = list(page.object_list)
    told = {e.seq: e for e in timeline(events, request.user)}
    rows = [
        {
            "event": ev,
            "told": told.get(ev.seq),
            "action": _words(ev.action),
            "object": f"{ev.object_type.replace('_', ' ')} {ev.details.get('reference') or ev.object_id}",
            "data": _flatten({"before": ev.before, "after": ev.after, **(ev.details or {})}),
        }
        for ev in events
    ]
    query = urlencode({k: v for k, v in values.items() if v})
    verification = verify_for_page(full=g.get("verify") == "full")
    return render(
        request,
        "audit/events.html",
        {
            "page": page,
            "rows": rows,
            "values": values,
            "query": query,
            "errors": errors,
            "error_fields": {e["field"]: e["message"] for e in errors},
            "actions": [
                (a, _words(a))
                for a in AuditEvent.objects.order_by("action")
                .values_list("action", flat=True)
                .distinct()
            ],
            "object_types": [
                (t, t.replace("_", " "))
                for t in AuditEvent.objects.order_by("object_type")
                .values_list("object_type", flat=True)
                .distinct()
            ],
            "report": verification.report,
            "verification": verification,
            "full_every": settings.CATCHALL_AUDIT_FULL_VERIFY_MINUTES,
        },
        status=422 if errors else 200,
    )
