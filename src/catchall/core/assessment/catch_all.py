"""Catch-all: the missile end-use indications of an application and which items they reach.

An unlisted item needs a licence when the exporter knows, or the authority has informed it,
that the item is or may be intended for a missile (MTCR Guidelines; EU 2021/821 Art. 4). This
module gathers the grounds (a confirmed listed party, a missile end use stated, the exporter's
awareness, red flags linked to missile use, the authority's information) and the items they
reach (missile-relevant ones, or every item when the authority informed the exporter). Whether
a ground makes catch-all the legal basis, or a ground for refusing a licence an entry already
requires, is for the law (``core.law.apply_law``); :func:`outcome` combines the two.
"""

from __future__ import annotations

from dataclasses import dataclass, field

RELEVANT_LEVELS = ("high", "medium")
INFORMED = (
    "the authority has informed the exporter that the items may be intended for a missile programme"
)
AWARE = "the exporter declares awareness of a missile or WMD end use"


@dataclass(frozen=True)
class Indications:
    """The grounds an application gives for a missile end use, kept apart by kind so that
    "what would change" can take the party-match grounds away."""

    party: list[str]  # a confirmed listed party
    party_strong: list[str]
    stated: list[str]  # end use, awareness, linked red flags
    strong: list[str]
    informed: bool
    aware: bool
    end_use_summary: str = ""
    linked_flags: list[str] = field(default_factory=list)  # their titles

    @property
    def informed_ground(self) -> list[str]:
        return [INFORMED] if self.informed else []

    @property
    def indicated(self) -> bool:
        return bool(self.party or self.end_use_summary or self.linked_flags)


def indications(app, confirmed: list[str], dest, end_use, flags) -> Indications:
    """The missile end-use grounds of ``app``; ``confirmed`` are the confirmed party matches."""
    stated: list[str] = []
    strong: list[str] = []
    if end_use.missile_indicated:
        stated.append("stated end use indicates missile work: " + end_use.summary())
        if dest.concern_level in ("elevated", "high"):
            strong.append(f"missile end use stated for a destination of concern ({dest.name})")
    aware = bool(app.declarations.get("aware_of_missile_or_wmd_use"))
    if aware:
        stated.append(AWARE)
        strong.append("the exporter knows of a missile or WMD end use")
    linked = [flags[c].title for c in app.red_flags if flags[c].missile_link]
    stated += [f"red flag linked to missile use: {t}" for t in linked]
    return Indications(
        party=[f"listed party: {t}" for t in confirmed],
        party_strong=(
            ["a party is a confirmed match on a denial, sanctions or programs-of-concern list"]
            if confirmed
            else []
        ),
        stated=stated,
        strong=strong,
        informed=bool(app.declarations.get("informed_by_authority")),
        aware=aware,
        end_use_summary=end_use.summary() if end_use.missile_indicated else "",
        linked_flags=linked,
    )


def reached(items, grounds: list[str], informed: bool) -> list[int]:
    """The items these grounds (or the authority's information) reach: the missile-relevant
    ones, by kind or by entry; every item when the authority informed the exporter."""
    out = []
    for i, c in enumerate(items):
        relevant = c.relevance["level"] in RELEVANT_LEVELS or any(
            h.entry.mtcr_item or "MT" in h.entry.reasons for h in c.entries
        )
        if informed or (relevant and grounds):
            out.append(i)
    return out


@dataclass(frozen=True)
class Outcome:
    """Catch-all as the decision table and the result document read it."""

    grounds: list[str]  # why catch-all was invoked (the result's catch_all.grounds)
    items: list[int]  # the items catch-all makes licensable
    findings: list[str]  # the missile findings the decision table weighs
    strong: bool
    unmatched: list[str]  # findings without the confirmed party matches
    strong_unmatched: bool
    basis: bool  # catch-all is the legal basis for at least one item
    refusal_basis: bool  # a missile end use is a ground for refusing a listed item
    uninvoked: list[str]  # indications that reach no item the law lets them bear on


def outcome(ind: Indications, items, law, military_ground: str | None) -> Outcome:
    """Combine the indications with the law's answer (``law``: a LicenceRequirement)."""
    reach = reached(items, ind.party + ind.stated, ind.informed)
    refusal_items = {g.item for g in law.refusal}
    missile_catch_all = [i for i in reach if i in law.catch_all_items]
    effective = set(missile_catch_all) | refusal_items
    grounds: list[str] = []
    if missile_catch_all:
        grounds += ind.informed_ground + ind.party + ind.stated
    if military_ground:
        grounds.append(military_ground)
    unmatched_items = [i for i in reached(items, ind.stated, ind.informed) if i in effective]
    # Indications that reach no item the law lets them bear on (no item is missile-relevant,
    # or the transfer is one the law does not control) are still unresolved indicators of a
    # missile end use: they call for enquiries (refer), never for approval.
    uninvoked: list[str] = []
    if not effective:
        uninvoked += ind.informed_ground
        if ind.end_use_summary:
            uninvoked.append("stated end use mentions missile work: " + ind.end_use_summary)
        if ind.aware:
            uninvoked.append(AWARE)
        uninvoked += [f"red flag linked to missile use: {t}" for t in ind.linked_flags]
    return Outcome(
        grounds=grounds,
        items=list(law.catch_all_items),
        findings=(
            (ind.party_strong + ind.strong + ind.informed_ground + ind.party + ind.stated)
            if effective
            else []
        ),
        strong=bool(ind.party_strong + ind.strong) and bool(effective),
        unmatched=(ind.strong + ind.informed_ground + ind.stated) if unmatched_items else [],
        strong_unmatched=bool(ind.strong) and bool(unmatched_items),
        basis=bool(missile_catch_all),
        refusal_basis=bool(refusal_items),
        uninvoked=uninvoked,
    )
