"""The technical expert's rating, item by item, and where the case goes when it is done.

A rating holds for the item as rated: it carries over to a later version of the application
while that item is unchanged, and lapses when the exporter changes it. The assessment receives
the ratings of the current version as plain data (core.controls.rating.ExpertRating). When
every item is rated, the classification is confirmed and the case returns to its officer.
"""

from __future__ import annotations

import json
from typing import Any

from django.utils import timezone

from catchall.core.assessment.application import Application, parse_application
from catchall.core.controls.classifier import Classification
from catchall.core.controls.rating import ExpertRating, check_rating
from catchall.core.errors import InputError
from catchall.web.accounts.roles import role_of
from catchall.web.audit.models import AuditEvent
from catchall.web.cases.models import Case, ClassificationConfirmation, ItemRating
from catchall.web.cases.services.common import run_assessment, set_status


def _key(item: dict[str, Any]) -> str:
    return json.dumps(item, sort_keys=True, ensure_ascii=False, default=str)


def current_application(case: Case) -> Application:
    return parse_application(case.current_version.data)


def current_ratings(case: Case, app: Application | None = None) -> dict[int, ItemRating]:
    """The rating that holds for each item of the current version (the latest of the same
    item), by item index."""
    app = app or current_application(case)
    latest: dict[str, ItemRating] = {}
    for r in case.ratings.select_related("by").order_by("at", "id"):
        latest[_key(r.item)] = r
    out = {}
    for i, li in enumerate(app.items):
        r = latest.get(_key(li.item.as_dict()))
        if r is not None:
            out[i] = r
    return out


def _name(user) -> str:
    return (user.get_full_name() or user.get_username()) if user else ""


def expert_ratings(case: Case) -> dict[int, ExpertRating]:
    """The current version's ratings as the assessment takes them."""
    return {
        i: ExpertRating(
            outcome=r.outcome,
            reasoning=r.reasoning,
            entries=tuple(r.entries) if r.outcome == "change" else (),
            by=_name(r.by),
            at=r.at.isoformat(),
        )
        for i, r in current_ratings(case).items()
    }


def engine_classification(app: Application, index: int) -> Classification:
    """What the classifier alone says of one item (candidates included), for the expert."""
    from catchall.web.classification.library import classify_item

    return classify_item(app.items[index].item)


def case_officer(case: Case):
    """The case's officer: recorded when the review starts or a licensing officer is assigned;
    for a case reviewed before that was recorded, who started its review."""
    if case.officer_id:
        return case.officer
    started = (
        AuditEvent.objects.filter(
            object_type="case", object_id=str(case.pk), action="case.start_review"
        )
        .select_related("actor")
        .order_by("-seq")
        .first()
    )
    return started.actor if started else None


def hand_back(case: Case) -> dict[str, Any]:
    """Assign the case to its officer (the expert's part is done); nobody's if it has none."""
    officer = case_officer(case)
    before = case.assigned_to.get_username() if case.assigned_to else None
    case.assigned_to = officer
    return {"assigned_from": before, "assigned_to": officer.get_username() if officer else None}


def unrated_undetermined(case: Case, app: Application | None = None) -> list[int]:
    """Indexes of the items the classifier could not rate and no expert has rated yet."""
    from catchall.web.cases.services.common import latest_assessment

    app = app or current_application(case)
    rated = current_ratings(case, app)
    run = latest_assessment(case)
    undetermined = (
        {it["index"] for it in run.result["items"] if it.get("controlled") is None}
        if run and run.version_id == case.current_version.pk
        else {i for i, li in enumerate(app.items) if li.item.kind == "other"}
    )
    return sorted(undetermined - set(rated))


def confirm(case: Case, actor, items: list[dict[str, Any]], note: str) -> dict[str, Any]:
    """Record the confirmed classification, move the case on and return it to its officer."""
    ClassificationConfirmation.objects.create(
        case=case,
        version=case.current_version,
        confirmed_by=actor,
        at=timezone.now(),
        items=items,
        note=note,
    )
    if case.status == "under_review":
        set_status(case, "classification_confirmed")
    return hand_back(case)


def rated_items(case: Case, app: Application | None = None) -> list[dict[str, Any]]:
    """The confirmation's items from the ratings: index, entries, the expert's reasoning."""
    return [
        {"index": i, "entries": r.entries, "note": r.reasoning, "rating": r.outcome}
        for i, r in sorted(current_ratings(case, app).items())
    ]


def rate_item(case: Case, actor, p: dict[str, Any]) -> dict[str, Any]:
    """The ``rate_item`` action: record one item's rating, re-run the assessment with it, and
    confirm the classification when it was the last item to rate."""
    from catchall.web.classification.library import active_library

    app = current_application(case)
    index = p["index"]
    if index >= len(app.items):
        raise InputError("no item of the application has this index", "index")
    engine = engine_classification(app, index)
    outcome, given = p["outcome"], p.get("entries") or []
    chosen = check_rating(outcome, given, engine.controlled is not None, active_library(), None)
    found = [h.entry.id for h in engine.entries]
    entries = {"confirm": found, "change": [e.id for _, e in chosen], "not_listed": []}[outcome]
    ItemRating.objects.create(
        case=case,
        version=case.current_version,
        index=index,
        item=app.items[index].item.as_dict(),
        outcome=outcome,
        entries=entries,
        engine_entries=found,
        reasoning=p["reasoning"],
        by=actor,
        at=timezone.now(),
    )
    run = run_assessment(case, actor)
    details: dict[str, Any] = {
        "item": index + 1,
        "rating": outcome,
        "entries": entries,
        "engine_entries": found,
        "reasoning": p["reasoning"][:500],
        "assessment": run.recommendation,
    }
    if len(current_ratings(case, app)) == len(app.items):
        details["classification_confirmed"] = True
        details.update(
            confirm(case, actor, rated_items(case, app), "Confirmed by rating every item.")
        )
    return details


def may_rate(user) -> bool:
    from catchall.core.workflow import ACTIONS

    return role_of(user) in ACTIONS["rate_item"].roles
