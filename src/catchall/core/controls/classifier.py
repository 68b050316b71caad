"""Classify an item against every control list in force: entries, near misses, missing facts.

The answer is explained criterion by criterion. Near misses (entries failed only by
quantitative criteria each within 25 % of its threshold) matter because they are exactly the
machines that catch-all controls are about. An entry whose criteria hold but which an exclusion
Note removes is reported with that Note (``excluded_by``), so a "not listed" says why.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from typing import Any

from catchall.core.controls.criteria import Leaf, LeafResult, eval_leaf, evaluate, leaves
from catchall.core.controls.lists import Entry, Library, ListVersion, packaged_library
from catchall.core.controls.rating import ExpertRating
from catchall.core.controls.relevance import missile_relevance
from catchall.core.items import OTHER_KIND, Item, parse_item
from catchall.core.plausibility import questioned_values
from catchall.core.vocabulary import vocabulary

NOT_RATED = "not rated automatically: the technical expert rates it"

NEAR_MISS_MARGIN = 0.25
# How far a figure may sit from a threshold set in another edition of its standard and still be
# decided by the edition: the NSG's 2B201 figures moved by a quarter between ISO 230-2:1988 and
# :2006 (6 to 4.5 um, 4 to 3 um), so a figure further away than that is clear either way.
EDITION_MARGIN = 0.25


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
class Excluded:
    """An entry whose criteria hold but which an exclusion Note removes."""

    version: ListVersion
    entry: Entry
    exclusion_id: str
    exclusion_text: str

    def as_dict(self) -> dict[str, Any]:
        return {
            "entry": self.entry.id,
            "list": self.version.list,
            "regime": self.entry.regime,
            "title": self.entry.title,
            "excluded_by": {"id": self.exclusion_id, "text": self.exclusion_text},
        }


@dataclass
class EditionCaveat:
    """A figure measured to one edition of a standard that decides an entry whose threshold is
    set in another edition: the answer for that entry rests on figures that are not comparable."""

    entry: str
    parameter: str
    value: str | None
    item_standard: str
    entry_standard: str
    controlled: bool  # what the figure decided: the entry applies (True) or not (False)

    def text(self) -> str:
        verdict = "applies" if self.controlled else "does not apply"
        return (
            f"{self.entry} {verdict} on a {self.parameter.replace('_', ' ')} of {self.value} "
            f"measured per {self.item_standard}, but its threshold is set per "
            f"{self.entry_standard}: the figures are not directly comparable, so an expert "
            f"must confirm whether {self.entry} applies"
        )

    def as_dict(self) -> dict[str, Any]:
        return {
            "entry": self.entry,
            "parameter": self.parameter,
            "value": self.value,
            "item_standard": self.item_standard,
            "entry_standard": self.entry_standard,
            "decides": "controlled" if self.controlled else "not listed",
            "text": self.text(),
        }


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
    excluded: list[Excluded] = field(default_factory=list)
    edition_caveats: list[EditionCaveat] = field(default_factory=list)
    # For an item the classifier does not rate: entries whose text answers its description,
    # found by the search service of the face (``{"entry", "score", "why"}``), for the expert.
    candidates: list[dict[str, Any]] = field(default_factory=list)
    # Values far outside what their parameter measures (core/plausibility.py), each with the
    # question to put to whoever gave it: the answer may rest on a wrong unit.
    questioned: list[dict[str, str]] = field(default_factory=list)
    # The technical expert's rating, when the face passes one in (core.controls.rating.rate):
    # it decides the item, whatever the classifier found.
    expert: ExpertRating | None = None

    @property
    def controlled(self) -> bool | None:
        """True if an entry catches the item; None for an item of kind ``other``, which the
        classifier does not rate (a technical expert does) until the expert rated it."""
        if self.item.kind == OTHER_KIND and self.expert is None:
            return None
        return bool(self.entries)

    @property
    def mtcr_categories(self) -> set[str]:
        return {h.entry.mtcr_category for h in self.entries if h.entry.mtcr_category}

    @property
    def relevance(self) -> dict[str, Any]:
        return missile_relevance(self.item.kind, self.relevance_table)

    @property
    def headline(self) -> str:
        """One sentence: controlled or not, and why an expert must look when the answer rests on
        an exclusion Note or on a figure measured to another edition of its standard."""
        if self.controlled is None:
            return f"UNDETERMINED: {NOT_RATED}."
        if self.expert is not None:
            verdict = (
                "CONTROLLED by " + ", ".join(h.entry.id for h in self.entries)
                if self.entries
                else "NOT LISTED"
            )
            return f"{verdict}: {self.expert.sentence()}."
        if self.entries:
            text = "CONTROLLED by " + ", ".join(h.entry.id for h in self.entries) + "."
        else:
            text = "NOT LISTED: no entry of the lists in force catches this item."
            if self.excluded:
                text += (
                    " Excluded by a Note: "
                    + "; ".join(f"{x.entry.id} ({x.exclusion_text})" for x in self.excluded)
                    + "."
                )
        if self.edition_caveats:
            text += " Caution: " + "; ".join(c.text() for c in self.edition_caveats) + "."
        return text

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
            "headline": self.headline,
            **({"reason": NOT_RATED} if self.controlled is None else {}),
            "candidates": self.candidates,
            "expert_rating": self.expert.as_dict() if self.expert else None,
            "entries": [h.as_dict() for h in self.entries],
            "excluded": [x.as_dict() for x in self.excluded],
            "edition_caveats": [c.as_dict() for c in self.edition_caveats],
            "near_misses": [n.as_dict() for n in self.near_misses],
            "missing_parameters": self.missing,
            "expert_review": self.review,
            "warnings": self.warnings,
            "questioned_values": self.questioned,
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
    excluded_by: dict[str, tuple[str, str]] = {}
    for _v, e in candidates:
        leaf_results = {leaf.uid: eval_leaf(leaf, item) for leaf in leaves(e.criteria)}
        crit = evaluate(e.criteria, leaf_results)
        excluded: bool | None = False
        for x in e.exclusions:
            xr = {leaf.uid: eval_leaf(leaf, item) for leaf in leaves(x.criteria)}
            leaf_results.update(xr)
            xv = evaluate(x.criteria, xr)
            # Every exclusion is evaluated (no early stop), so each leaf has a result for the
            # edition check; the first that holds is the one reported.
            if xv is True and excluded is not True:
                excluded = True
                excluded_by[e.id] = (x.id, x.text)
            elif xv is None and excluded is False:
                excluded = None
        results[e.id] = (leaf_results, crit, excluded)

    by_id = {e.id: (v, e) for v, e in candidates}
    hits: list[EntryHit] = []
    near: list[NearMiss] = []
    missing: list[dict[str, str]] = []
    review: list[dict[str, str]] = []
    warnings: list[str] = []
    excluded_list: list[Excluded] = []
    caveats: list[EditionCaveat] = []

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
        if crit is not None:
            caveats += _edition_caveats(e, leaf_results, crit and excluded is not True)
        if crit is True and excluded is True and e.id in excluded_by:
            xid, xtext = excluded_by[e.id]
            excluded_list.append(Excluded(v, e, xid, xtext))
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
            paired, pairing_notes = _resolve_pairing(e, item, kinds)
            hits.append(EntryHit(v, paired, crit_trace, notes + pairing_notes))
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
        item,
        at,
        versions,
        hits,
        near,
        missing,
        review,
        warnings,
        relevance_table,
        excluded_list,
        caveats,
        questioned=questioned_values(item),
    )


def _resolve_pairing(e: Entry, item: Item, kinds: tuple[str, ...]) -> tuple[Entry, list[str]]:
    """The entry as it applies to this item: with the MTCR item of the first pairing whose
    conditions hold (and MT among its reasons), or as listed."""
    notes: list[str] = []
    for p in e.pairings:
        if p.kinds and not any(k == pk or k.startswith(pk + ".") for k in kinds for pk in p.kinds):
            continue
        held = evaluate(p.when, {leaf.uid: eval_leaf(leaf, item) for leaf in leaves(p.when)})
        if held is True:
            reasons = e.reasons if "MT" in e.reasons else (*e.reasons, "MT")
            notes.append(f"paired with MTCR {p.mtcr_item}: {p.basis}".rstrip(": "))
            return (
                replace(e, mtcr_item=p.mtcr_item, mtcr_category=p.mtcr_category, reasons=reasons),
                notes,
            )
        if held is None:
            needs = sorted({q for leaf in leaves(p.when) for q in leaf.params() if not item.get(q)})
            notes.append(
                f"MTCR {p.mtcr_item} pairing not decidable: state {', '.join(needs)} ({p.basis})"
            )
    return e, notes


def _edition_caveats(
    e: Entry, results: dict[int, LeafResult], applies: bool
) -> list[EditionCaveat]:
    """Leaves compared across editions of a standard whose truth decides the entry."""
    out = []
    nodes: list[Leaf] = list(leaves(e.criteria))
    for x in e.exclusions:
        nodes += list(leaves(x.criteria))
    for leaf in nodes:
        r = results.get(leaf.uid)
        if r is None or not r.item_standard or r.met is None:
            continue
        if r.distance is None or r.distance > EDITION_MARGIN:
            continue
        flipped = {leaf.uid: not r.met}
        crit = evaluate(e.criteria, results, flipped)
        excl = any(evaluate(x.criteria, results, flipped) is True for x in e.exclusions)
        if (crit is True and not excl) != applies:
            out.append(
                EditionCaveat(
                    e.id, leaf.param, r.value, r.item_standard, leaf.standard or "", applies
                )
            )
    return out


def _near(e: Entry, near: list[NearMiss]) -> bool:
    return any(n.entry.id == e.id for n in near)


def _near_miss(v: ListVersion, e: Entry, results: dict[int, LeafResult]) -> NearMiss | None:
    crit_leaves = list(leaves(e.criteria))
    failed = [results[leaf.uid] for leaf in crit_leaves if results[leaf.uid].met is False]
    if not failed:
        return None
    # Only within the documented margin: a criterion failed by more than 25 %, or a yes/no or
    # kind criterion (no distance to measure), does not make a near miss.
    close = [r for r in failed if r.gap is not None and r.gap <= NEAR_MISS_MARGIN]
    for r in close:
        if evaluate(e.criteria, results, {r.leaf.uid: True}) is True:
            reason = (
                "fails a single criterion (within "
                f"{int(NEAR_MISS_MARGIN * 100)} % of its threshold)"
            )
            return NearMiss(v, e, [r], reason)
    if close and evaluate(e.criteria, results, {r.leaf.uid: True for r in close}) is True:
        return NearMiss(
            v,
            e,
            close,
            f"fails only criteria within {int(NEAR_MISS_MARGIN * 100)} % of their thresholds",
        )
    return None
