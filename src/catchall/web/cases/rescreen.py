"""Re-screening: when a list is re-imported, open cases are screened again and new hits flagged.

The list's change submits the job ``cases.rescreen`` (:mod:`.jobs`), which splits the open cases
into parts that workers re-screen in parallel, each part with :func:`rescreen_cases`."""

from __future__ import annotations

from django.utils import timezone

from catchall.core.assessment.application import parse_application
from catchall.core.errors import InputError
from catchall.core.model import ScreeningQuery
from catchall.core.workflow import OPEN_STATES


def rescreen_open_cases(list_name: str, list_import=None) -> int:
    """Screen the parties of every open case now, in this process (see :func:`rescreen_cases`)."""
    from catchall.web.cases.models import Case

    return rescreen_cases(list_name, Case.objects.filter(status__in=OPEN_STATES).iterator())


def rescreen_cases(list_name: str, cases) -> int:
    """Screen the parties of ``cases``; record hits on ``list_name`` that the last assessment
    and earlier alerts did not have. Returns how many cases got new hits."""
    from django.db.models import F

    from catchall.web.audit.services import record_event
    from catchall.web.cases.models import ScreeningAlert
    from catchall.web.cases.services.common import latest_assessment
    from catchall.web.notifications.services import notify_rescreen
    from catchall.web.screening.index import current_index

    index = current_index()
    flagged = 0
    for case in cases:
        run = latest_assessment(case)
        known = set()
        if run:
            known = {
                m["entity_id"] for p in run.result.get("parties", []) for m in p.get("matches", [])
            }
        known |= set(case.screening_alerts.values_list("entity_id", flat=True))
        new = []
        for p, query in _party_queries(case.current_version.data):
            result = index.screen(query)
            for m in result.matches:
                if m.entity_id not in known and m.list == list_name:
                    new.append((p, m))
                    known.add(m.entity_id)
        if not new:
            continue
        now = timezone.now()
        ScreeningAlert.objects.bulk_create(
            [
                ScreeningAlert(
                    case=case,
                    at=now,
                    list_name=m.list,
                    party_role=p.get("role", ""),
                    party_name=p.get("name", "")[:500],
                    entity_id=m.entity_id[:300],
                    entity_name=m.name[:1000],
                    score=m.score,
                    decision=m.decision,
                    explanation=m.explanation,
                )
                for p, m in new
            ]
        )
        type(case).objects.filter(pk=case.pk).update(
            new_screening_hits=F("new_screening_hits") + len(new)
        )
        record_event(
            "case.rescreened",
            actor="system",
            object_type="case",
            object_id=case.pk,
            details={
                "reference": case.reference,
                "list": list_name,
                "new_hits": [f"{p.get('name')} ~ {m.name} ({m.score:.2f})" for p, m in new],
            },
        )
        notify_rescreen(case, list_name, [hit_words(p, m) for p, m in new])
        flagged += 1
    return flagged


def hit_words(party: dict, m) -> str:
    """A new hit as an officer's e-mail says it: the party, the listed entity with its countries,
    the decision and the score (no entity id)."""
    from catchall.web.screening.words import DECISIONS, country_names

    role = str(party.get("role") or "party").replace("_", " ")
    where = f" ({', '.join(country_names(m.countries))})" if m.countries else ""
    return (
        f"{role.capitalize()} {party.get('name', '')} may be {m.name}{where}: "
        f"{DECISIONS.get(m.decision, m.decision).lower()}, score {m.score:.2f}"
    )


def submit_rescreen(list_name: str, list_import=None):
    """After a list changed: the re-screening job, on behalf of whoever imported the list."""
    from catchall.web.jobs.services import submit

    import_id = getattr(list_import, "pk", None)
    return submit(
        "cases.rescreen",
        {"list_name": list_name, "import_id": import_id},
        user=getattr(list_import, "imported_by", None),
        key=f"cases.rescreen:{list_name}:{import_id}",
    )


def register() -> None:
    from catchall.web.screening.services import LIST_CHANGED_HOOKS

    if submit_rescreen not in LIST_CHANGED_HOOKS:
        LIST_CHANGED_HOOKS.append(submit_rescreen)


def _party_queries(data: dict):
    """(party as stored, its screening query with dates of birth, nationalities and
    identifiers, as the assessment asks it); a version that no longer parses is screened by
    name and country alone rather than not at all."""
    raw = [p for p in data.get("parties") or [] if isinstance(p, dict)]
    try:
        parsed = parse_application(data).parties
    except InputError:
        parsed = None
    if parsed is None or len(parsed) != len(raw):
        return [(p, ScreeningQuery(name=p.get("name", ""), country=p.get("country"))) for p in raw]
    return [(p, party.query()) for p, party in zip(raw, parsed, strict=True)]
