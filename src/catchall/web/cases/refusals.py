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


def notify_denial(case: Case, actor) -> int:
    """Create the denial notifications (one per refused listed entry); 0 for catch-all-only refusals."""
    items = refused_listed_items(case)
    if not items:
        return 0
    try:
        from catchall.web.denials.services import denial_create_from_refusal
    except ImportError:  # the denials app is optional in a minimal deployment
        return 0
    data = case.current_version.data
    parties = data.get("parties") or []
    end_user = next((p for p in parties if p.get("role") == "end_user"), {})
    consignee = next((p for p in parties if p.get("role") == "consignee"), None)
    decision = case.decisions.order_by("-at").first()
    created = denial_create_from_refusal(
        case_reference=case.reference,
        items=items,
        end_user={k: end_user.get(k) for k in ("name", "address", "country")},
        consignee={k: consignee.get(k) for k in ("name", "address", "country")}
        if consignee
        else None,
        reason=decision.reason if decision else "",
        end_use=data.get("end_use", ""),
        denied_on=(case.decided_at or timezone.now()).date(),
        actor=actor,
    )
    return len(created) if isinstance(created, list | tuple) else int(bool(created))
