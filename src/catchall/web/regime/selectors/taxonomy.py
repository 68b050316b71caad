"""The machine-tool missile-relevance taxonomy as edited by the experts (packaged fallback)."""

from __future__ import annotations

from typing import Any

from django.db.models import Count

from catchall.core.controls.relevance import taxonomy as packaged_taxonomy
from catchall.web.regime.models import TaxonomyRevision


def current_taxonomy() -> dict[str, dict[str, Any]]:
    """The table the assessment should use: packaged ``data/machine_tools.yaml`` overlaid with
    the latest stored revision of each edited kind.

    Plug into the assessment as ``missile_relevance(kind, table=current_taxonomy())``."""
    table = {k: dict(v) for k, v in packaged_taxonomy().items()}
    latest: dict[str, TaxonomyRevision] = {}
    for rev in TaxonomyRevision.objects.order_by("kind", "number"):
        latest[rev.kind] = rev
    for kind, rev in latest.items():
        table[kind] = dict(rev.spec)
    return table


def taxonomy_rows() -> list[dict[str, Any]]:
    table = current_taxonomy()
    edited = {
        r["kind"]: r["n"] for r in TaxonomyRevision.objects.values("kind").annotate(n=Count("id"))
    }
    return [{"kind": k, **spec, "revisions": edited.get(k, 0)} for k, spec in sorted(table.items())]


def taxonomy_history(kind: str) -> list[TaxonomyRevision]:
    return list(
        TaxonomyRevision.objects.filter(kind=kind).select_related("edited_by").order_by("-number")
    )
