"""A refusal of listed items becomes denial notifications for the partners."""

from __future__ import annotations

from django.utils import timezone

from catchall.web.cases.models import Case
from catchall.web.cases.services.common import latest_assessment


def refused_listed_items(case: Case) -> list[dict]:
    run = latest_assessment(case)
    if run is None:
        return []
    out = []
    for it in run.result["items"]:
        for e in it["entries"]:
            out.append(
                {
                    "entry": e["entry"],
                    "regime": e["regime"],
                    "mtcr_item": e["mtcr_item"],
                    "kind": it["item"]["kind"],
                    "description": it["item"]["description"] or it["item"]["kind"],
                }
            )
    return out


def _party(parties: list[dict], role: str) -> dict | None:
    p = next((p for p in parties if p.get("role") == role), None)
    return {k: p.get(k) for k in ("name", "address", "country")} if p else None


def notification_content(case: Case) -> dict:
    """What the denial notification says: the same dict makes the notification and the
    preview the officer confirms before sending, so the preview cannot differ from what goes.
    The reason is the decision's public reason only (never the internal note)."""
    data = case.current_version.data
    parties = data.get("parties") or []
    decision = case.decisions.order_by("-at").first()
    return {
        "case_reference": case.reference,
        "items": refused_listed_items(case),
        "end_user": _party(parties, "end_user") or {},
        "consignee": _party(parties, "consignee"),
        "reason": decision.reason if decision else "",
        "end_use": data.get("end_use", ""),
        "denied_on": (case.decided_at or timezone.now()).date(),
    }


def partners_notified(items: list[dict]) -> list[str]:
    """The partner governments a notification of ``items`` is shared with: the regime's other
    members (MTCR partners on the day; our own government excluded)."""
    from catchall.core.assessment.destinations import mtcr_partners
    from catchall.web.denials.conf import government

    if not items:
        return []
    own = government()
    return sorted(c for c in mtcr_partners() if c != own)


def notify_denial(case: Case, actor) -> int:
    """Create the denial notifications (one per refused listed entry); 0 for catch-all-only refusals."""
    content = notification_content(case)
    if not content["items"]:
        return 0
    try:
        from catchall.web.denials.services import denial_create_from_refusal
    except ImportError:  # the denials app is optional in a minimal deployment
        return 0
    created = denial_create_from_refusal(**content, actor=actor)
    return len(created) if isinstance(created, list | tuple) else int(bool(created))
