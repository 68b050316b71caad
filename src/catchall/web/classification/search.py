"""The one control-list search service: the CLI (`catchall controls search`), the API
(`GET /api/controls?q=`) and the search box on /controls/ all call ``search_controls``.

Entry numbers in the query are answered first (exact id, then the EU counterparts of an MTCR
number, then sub-items), then the full-text engine ranks the rest."""

from __future__ import annotations

from typing import Any

from catchall.core.controls.lists import Library
from catchall.core.controls.search import (
    Hit,
    check_limit,
    check_regime,
    mtcr_counterparts,
    parse_query,
    plain_snippet,
    snippet_parts,
)
from catchall.web.classification import search_index
from catchall.web.classification.library import active_library

# Entry-number answers, in this order and with these scores (above any text score the engines
# give: bm25 and ts_rank stay well below 100 on this corpus): the entry itself, the EU
# counterparts the MTCR catalogue names for an MTCR number, the entry's sub-items, then entries
# that correlate to the MTCR number (their `mtcr_item`) and sub-items of the counterparts.
ID_RANKS = (
    ("entry number", 1000.0),
    ("MTCR counterpart", 900.0),
    ("sub-item", 800.0),
    ("MTCR correlation", 700.0),
)


def search_controls(
    text: Any, regime: Any = None, limit: Any = None, library: Library | None = None
) -> list[Hit]:
    """Entries in force that answer ``text``, best first; InputError (fields q, regime, limit)
    for bad input."""
    query = parse_query(text)
    regime = check_regime(regime)
    limit = check_limit(limit)
    search_index.ensure_current(library or active_library())
    hits: dict[str, Hit] = {}
    if query.ids:
        for hit in _id_hits(list(query.ids), regime):
            hits.setdefault(hit.entry, hit)
    if len(hits) < limit:
        for row in search_index.search_text(query, regime, limit + len(hits)):
            hits.setdefault(
                row.entry,
                Hit(
                    entry=row.entry,
                    regime=row.regime,
                    title=row.title,
                    score=row.score,
                    snippet=snippet_parts(row.snippet),
                    list=row.list,
                    version=row.version,
                ),
            )
    return list(hits.values())[:limit]


def _id_hits(ids: list[str], regime: str | None) -> list[Hit]:
    counterparts = [c for i in ids for c in mtcr_counterparts(i)]
    rows = search_index.rows_by_id(ids + counterparts, [i for i in ids if "." in i], regime)
    ranked: list[tuple[tuple[int, int], Hit]] = []
    for n, r in enumerate(rows):
        eid = r["entry"]
        if eid in ids:
            rank = 0
        elif eid in counterparts:
            rank = 1
        elif any(eid.startswith(i + ".") for i in ids):
            rank = 2
        else:
            rank = 3
        how, score = ID_RANKS[rank]
        ranked.append(
            (
                (rank, n),
                Hit(
                    entry=eid,
                    regime=r["regime"],
                    title=r["title"],
                    score=score,
                    snippet=plain_snippet(r["body"]),
                    list=r["list"],
                    version=r["version"],
                    matched=how,
                ),
            )
        )
    return [h for _, h in sorted(ranked, key=lambda x: x[0])]
