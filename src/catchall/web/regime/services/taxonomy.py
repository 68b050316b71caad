"""Technical experts edit the machine-tool missile-relevance taxonomy; every edit is kept."""

from __future__ import annotations

from django.db import transaction

from catchall.core.controls.relevance import LEVELS
from catchall.core.errors import InputError, NotAllowed, Problem
from catchall.core.vocabulary import vocabulary
from catchall.web.audit.services import record_event
from catchall.web.regime.models import TaxonomyRevision
from catchall.web.regime.selectors.taxonomy import current_taxonomy
from catchall.web.regime.services.documents import actor_role

EDITORS = frozenset({"technical_expert", "delegate"})
MAX_TEXT = 2000


def _lines(text: str | list[str]) -> list[str]:
    items = text if isinstance(text, list) else (text or "").splitlines()
    return [" ".join(str(x).split()) for x in items if str(x).strip()]


@transaction.atomic
def taxonomy_entry_edit(
    *,
    actor,
    kind: str,
    level: str,
    uses: str | list[str],
    rationale: str,
    sources: str | list[str] = (),
    note: str = "",
) -> TaxonomyRevision:
    """A new revision of one kind's entry; ``current_taxonomy()`` serves it from now on."""
    if actor_role(actor) not in EDITORS:
        raise NotAllowed("only technical experts and delegates edit the taxonomy")
    problems = []
    if kind not in vocabulary().kinds:
        problems.append(Problem("kind", f"unknown item kind {kind!r}"))
    if level not in LEVELS:
        problems.append(Problem("level", f"one of {', '.join(LEVELS)}"))
    rationale = " ".join((rationale or "").split())
    if not rationale:
        problems.append(Problem("rationale", "say why (experts reading later need it)"))
    elif len(rationale) > MAX_TEXT:
        problems.append(Problem("rationale", f"at most {MAX_TEXT} characters"))
    use_list = _lines(uses)
    if level != "low" and not use_list:
        problems.append(Problem("uses", "name at least one missile use for a medium or high level"))
    if not note.strip():
        problems.append(Problem("note", "describe the edit (kept in the history)"))
    if problems:
        raise InputError(problems)
    before = current_taxonomy().get(kind)
    spec = {
        "level": level,
        "uses": use_list,
        "rationale": rationale,
        "sources": [{"document": s} for s in _lines(sources)]
        or list((before or {}).get("sources") or []),
    }
    last = TaxonomyRevision.objects.filter(kind=kind).order_by("-number").first()
    rev = TaxonomyRevision.objects.create(
        kind=kind,
        number=(last.number if last else 0) + 1,
        spec=spec,
        edited_by=actor,
        note=note.strip()[:300],
    )
    record_event(
        "taxonomy.edit",
        actor=actor,
        object_type="taxonomy_kind",
        object_id=kind,
        before=before,
        after=spec,
        details={"revision": rev.number, "note": rev.note},
    )
    return rev
