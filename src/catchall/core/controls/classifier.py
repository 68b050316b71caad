"""Classify an item against every control list in force: entries, near misses, missing facts.

The answer is explained criterion by criterion. Near misses (entries failed by one criterion,
or only by criteria within 25 % of their thresholds) matter because they are exactly the
machines that catch-all controls are about.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from catchall.core.controls.criteria import LeafResult, eval_leaf, evaluate, leaves
from catchall.core.controls.lists import Entry, Library, ListVersion, packaged_library
from catchall.core.controls.relevance import missile_relevance
from catchall.core.items import OTHER_KIND, Item, parse_item
from catchall.core.vocabulary import vocabulary

NOT_RATED = "not rated automatically: the technical expert rates it"

NEAR_MISS_MARGIN = 0.25


@dataclass
class EntryHit:
    version: ListVersion
    entry: Entry
    trace: list[LeafResult]
    notes: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        e = self.entry
        out = {
            "entry": e.id,
            "list": self.version.list,
            "version": self.version.version,
            "regime": e.regime,
            "mtcr_item": e.mtcr_item,
            "mtcr_category": e.mtcr_category,
            "reasons": list(e.reasons),
            "title": e.title,
            "production_facility": e.production_facility,
            "trace": [r.as_dict() for r in self.trace],
            "source": e.source,
        }
        if self.notes:
            out["notes"] = self.notes
        return out


@dataclass
class NearMiss:
    version: ListVersion
    entry: Entry
    failed: list[LeafResult]
    reason: str

    def as_dict(self) -> dict[str, Any]:
        e = self.entry
        return {
            "entry": e.id,
            "list": self.version.list,
            "regime": e.regime,
            "mtcr_item": e.mtcr_item,
            "mtcr_category": e.mtcr_category,
            "title": e.title,
            "reason": self.reason,
            "failed": [
                {
                    **r.as_dict(),
                    "gap_percent": None if r.gap is None else round(100 * r.gap, 1),
                }
                for r in self.failed
            ],
        }


@dataclass
class Classification:
    item: Item
    at: dt.date
    versions: list[ListVersion]
    entries: list[EntryHit]
    near_misses: list[NearMiss]
    missing: list[dict[str, str]]
    review: list[dict[str, str]]
    warnings: list[str]
    relevance_table: dict[str, Any] | None = None

    @property
    def controlled(self) -> bool | None:
        """True if an entry catches the item; None for an item of kind ``other``, which the
        classifier does not rate (a technical expert does)."""
        if self.item.kind == OTHER_KIND:
            return None
        return bool(self.entries)

    @property
    def mtcr_categories(self) -> set[str]:
        return {h.entry.mtcr_category for h in self.entries if h.entry.mtcr_category}

    @property
    def relevance(self) -> dict[str, Any]:
        return missile_relevance(self.item.kind, self.relevance_table)

    def as_dict(self) -> dict[str, Any]:
        return {
            "item": self.item.as_dict(),
            "list_date": self.at.isoformat(),
            "lists": [
                {
                    "list": v.list,
                    "version": v.version,
                    "effective_date": v.effective_date.isoformat(),
                }
                for v in self.versions
            ],
            "controlled": self.controlled,
            **({"reason": NOT_RATED} if self.controlled is None else {}),
            "entries": [h.as_dict() for h in self.entries],
            "near_misses": [n.as_dict() for n in self.near_misses],
            "missing_parameters": self.missing,
            "expert_review": self.review,
            "warnings": self.warnings,
            "missile_relevance": self.relevance,
        }


def classify(
    item: Item | dict,
    at: dt.date | None = None,
    library: Library | None = None,
    relevance_table: dict[str, Any] | None = None,
) -> Classification:
    """Classify ``item`` against the lists in force on ``at`` (today by default).

    ``relevance_table`` is the technical experts' edited missile-relevance taxonomy, when an
    installation keeps one; the packaged taxonomy applies otherwise."""
    if not isinstance(item, Item):
        item = parse_item(item)
    at = at or dt.date.today()
    library = library or packaged_library()
    versions = library.in_force(at)
    kinds = vocabulary().kind_family(item.kind)

    # Only rated entries: a text-only entry (official wording, no criteria) is never a match,
    # a near miss or a missing-parameter reason.
    candidates: list[tuple[ListVersion, Entry]] = [
        (v, e) for v in versions for e in v.rated_entries if e.applies_to(kinds)
    ]
    states: dict[str, bool | None] = {}
    results: dict[str, tuple[dict[int, LeafResult], bool | None, bool | None]] = {}
    for _v, e in candidates:
        leaf_results = {leaf.uid: eval_leaf(leaf, item) for leaf in leaves(e.criteria)}
        crit = evaluate(e.criteria, leaf_results)
        excluded: bool | None = False
        for x in e.exclusions:
            xr = {leaf.uid: eval_leaf(leaf, item) for leaf in leaves(x.criteria)}
            leaf_results.update(xr)
            xv = evaluate(x.criteria, xr)
            if xv is True:
                excluded = True
                break
            if xv is None:
                excluded = None
        results[e.id] = (leaf_results, crit, excluded)

    by_id = {e.id: (v, e) for v, e in candidates}
    hits: list[EntryHit] = []
    near: list[NearMiss] = []
    missing: list[dict[str, str]] = []
    review: list[dict[str, str]] = []
    warnings: list[str] = []

    def state(eid: str, seen: frozenset[str] = frozenset()) -> bool | None:
        """Entry applies (True), does not (False) or cannot be decided (None)."""
        if eid in states:
            return states[eid]
        if eid not in results or eid in seen:
            return False
        _, crit, excluded = results[eid]
        s = crit if excluded is not True else False
        if s is not False:
            _, e = by_id[eid]
            if any(state(o, seen | {eid}) is True for o in e.not_in):
                s = False
        states[eid] = s
        return s

    for v, e in candidates:
        leaf_results, crit, excluded = results[e.id]
        s = state(e.id)
        crit_trace = [leaf_results[leaf.uid] for leaf in leaves(e.criteria)]
        for r in crit_trace:
            if r.warning and r.met:
                warnings.append(f"{e.id}: {r.warning}")
        if s is True:
            notes = []
            if excluded is None:
                open_x = [x.id for x in e.exclusions if evaluate(x.criteria, leaf_results) is None]
                notes.append(
                    "exclusion(s) not evaluated for lack of parameters: " + ", ".join(open_x)
                )
            undecided = [o for o in e.not_in if state(o) is None]
            if undecided:
                notes.append(
                    "applies unless "
                    + ", ".join(undecided)
                    + " applies (not decidable from the parameters)"
                )
            hits.append(EntryHit(v, e, crit_trace, notes))
        elif s is None:
            for leaf in leaves(e.criteria):
                r = leaf_results[leaf.uid]
                if r.met is not None:
                    continue
                if evaluate(e.criteria, leaf_results, {leaf.uid: True}) != evaluate(
                    e.criteria, leaf_results, {leaf.uid: False}
                ):
                    for p in sorted(leaf.params()):
                        if item.get(p) is None and {"entry": e.id, "parameter": p} not in missing:
                            missing.append({"entry": e.id, "parameter": p})
        elif crit is False and excluded is not True:
            nm = _near_miss(v, e, leaf_results)
            if nm:
                near.append(nm)
        for rv in e.review:
            rr = {leaf.uid: eval_leaf(leaf, item) for leaf in leaves(rv.when)}
            if evaluate(rv.when, rr) is True and (s is not False or _near(e, near)):
                review.append({"entry": e.id, "text": rv.text})

    return Classification(
        item, at, versions, hits, near, missing, review, warnings, relevance_table
    )


def _near(e: Entry, near: list[NearMiss]) -> bool:
    return any(n.entry.id == e.id for n in near)


def _near_miss(v: ListVersion, e: Entry, results: dict[int, LeafResult]) -> NearMiss | None:
    crit_leaves = list(leaves(e.criteria))
    failed = [results[leaf.uid] for leaf in crit_leaves if results[leaf.uid].met is False]
    if not failed:
        return None
    for r in failed:
        if evaluate(e.criteria, results, {r.leaf.uid: True}) is True:
            reason = "fails a single criterion"
            if r.gap is not None and r.gap <= NEAR_MISS_MARGIN:
                reason += f" (within {int(NEAR_MISS_MARGIN * 100)} % of its threshold)"
            return NearMiss(v, e, [r], reason)
    close = [r for r in failed if r.gap is not None and r.gap <= NEAR_MISS_MARGIN]
    if close and evaluate(e.criteria, results, {r.leaf.uid: True for r in close}) is True:
        return NearMiss(
            v,
            e,
            close,
            f"fails only criteria within {int(NEAR_MISS_MARGIN * 100)} % of their thresholds",
        )
    return None
