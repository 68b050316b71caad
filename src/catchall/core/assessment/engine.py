"""Assess a licence application: classification, screening, destination, end use, red flags,
partner denials and missile relevance, combined into catch-all, the six MTCR Guidelines
factors and an explained recommendation.

Pure: screening and partner-denial look-ups are passed in as functions, so the same engine
serves the CLI, the API, the case workflow and the benchmarks.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from catchall.core.assessment import catch_all
from catchall.core.assessment.application import Application, Party, parse_application
from catchall.core.assessment.decision import RANK, RULES, Firing, recommend
from catchall.core.assessment.destinations import DestinationProfile, destination_profile
from catchall.core.assessment.end_use import NOTHING_RECOGNISED, EndUseScan, scan_end_use
from catchall.core.assessment.factors import guideline_factors, reconcile
from catchall.core.assessment.red_flags import catalogue as red_flag_catalogue
from catchall.core.controls.classifier import Classification, classify
from catchall.core.controls.lists import Library, mtcr_items, packaged_library
from catchall.core.controls.rating import ExpertRating, rate
from catchall.core.law.apply import (
    EmbargoRef,
    EntryRef,
    Facts,
    Ground,
    LicenceRequirement,
    LineFacts,
    apply_law,
)
from catchall.core.law.profile import Profile, default_profile
from catchall.core.model import ScreeningQuery, ScreeningResult

Screener = Callable[[ScreeningQuery], ScreeningResult]


@dataclass(frozen=True)
class Consultation:
    """A denial of an essentially identical transaction: a partner's (consult it before
    approving, no-undercut) or our own earlier refusal (``own``: address its reasons)."""

    partner: str
    reference: str
    reason: str
    evidence: list[str] = field(default_factory=list)
    own: bool = False
    denied_on: str = ""

    def as_dict(self) -> dict[str, Any]:
        if self.own:
            return {
                "reference": self.reference,
                "denied_on": self.denied_on,
                "reason": self.reason,
                "evidence": self.evidence,
            }
        return {
            "partner": self.partner,
            "reference": self.reference,
            "reason": self.reason,
            "evidence": self.evidence,
        }

    def summary(self) -> str:
        if self.own:
            on = f" on {self.denied_on}" if self.denied_on else ""
            return f"our earlier refusal {self.reference}{on}: {self.reason}"
        return f"{self.partner} {self.reference}: {self.reason}"


DenialCheck = Callable[
    [Application, list[Classification], list["PartyScreening"]], list[Consultation]
]

PROGRAMS_OF_CONCERN = "programs-of-concern"
RELEVANT_LEVELS = catch_all.RELEVANT_LEVELS


@dataclass
class PartyScreening:
    party: Party
    result: ScreeningResult | None

    @property
    def decision(self) -> str:
        return self.result.decision if self.result else "not screened"

    def as_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "role": self.party.role,
            "name": self.party.name,
            "country": self.party.country,
            "decision": self.decision,
            "matches": [],
        }
        if self.result:
            out["matches"] = [m.as_dict() for m in self.result.matches]
        return out


@dataclass
class Assessment:
    application: Application
    at: dt.date
    items: list[Classification]
    parties: list[PartyScreening]
    destination: DestinationProfile
    end_use: EndUseScan
    firings: list[Firing]
    law: LicenceRequirement
    catch_all_grounds: list[str]
    catch_all_items: list[int]
    conditions: list[str]
    consultations: list[Consultation]
    factors: dict[str, dict[str, Any]]
    what_would_change: list[str]

    @property
    def recommendation(self) -> str:
        return recommend(self.firings)

    @property
    def licence_grounds(self) -> list[Ground]:
        return self.law.grounds

    @property
    def licence_required(self) -> bool:
        return self.law.required

    def _licence_required(self) -> dict[str, Any]:
        """The law's answer; ``required`` is None (undetermined) when no ground requires a
        licence but an item is not rated automatically (kind ``other``)."""
        out = self.law.as_dict()
        undetermined = [i for i, c in enumerate(self.items) if c.controlled is None]
        if undetermined:
            out["undetermined_items"] = undetermined
            if not out["required"]:
                out["required"] = None
        return out

    @property
    def partner_consultations(self) -> list[Consultation]:
        return [c for c in self.consultations if not c.own]

    @property
    def earlier_refusals(self) -> list[Consultation]:
        return [c for c in self.consultations if c.own]

    def explanation(self) -> str:
        rec = self.recommendation
        lead = {
            "deny": "Recommend refusal.",
            "refer": "Refer for enquiries and a considered decision.",
            "approve_with_conditions": "Recommend approval with conditions.",
            "approve": "No licence is required; "
            + (
                NOTHING_RECOGNISED
                if not self.end_use.indicators
                else "the end-use text does not indicate missile work"
            )
            + ".",
        }[rec]
        parts = [lead]
        seen: set[str] = set()
        for f in (f for f in self.firings if f.outcome == rec):
            seen.add(RULES[f.rule][1])
            fresh = [e for e in f.evidence if not _told(e, seen)][:3]
            seen.update(f.evidence)
            parts.append(RULES[f.rule][1] + (" " + _sentence("; ".join(fresh)) if fresh else ""))
        if self.licence_required and rec != "approve":
            parts += [g.sentence() + "." for g in self.licence_grounds if g.sentence() not in seen]
        parts += [g.sentence("Ground for refusal under") + "." for g in self.law.refusal]
        return " ".join(parts)

    def as_dict(self) -> dict[str, Any]:
        a = self.application
        return {
            "reference": a.reference,
            "recommendation": self.recommendation,
            "explanation": self.explanation(),
            "jurisdiction": self.law.profile.summary(),
            "licence_required": self._licence_required(),
            "catch_all": {
                "invoked": bool(self.catch_all_items),
                "basis": [g.as_dict() for g in self.law.catch_all],
                "grounds": self.catch_all_grounds,
                "items": self.catch_all_items,
            },
            "refusal_grounds": [g.as_dict() for g in self.law.refusal],
            "factors": self.factors,
            "decision_rules": [f.as_dict() for f in self.firings],
            "conditions": self.conditions,
            "consultations": [c.as_dict() for c in self.partner_consultations],
            "earlier_refusals": [c.as_dict() for c in self.earlier_refusals],
            "what_would_change": self.what_would_change,
            "destination": self.destination.as_dict(),
            "end_use": self.end_use.as_dict(),
            "red_flags": [_flag_dict(c) for c in a.red_flags],
            "declarations": a.declarations,
            "assurances": a.assurances,
            "items": [
                {
                    "index": i,
                    "quantity": li.quantity,
                    "value": _money(li.value, li.currency),
                    **c.as_dict(),
                }
                for i, (li, c) in enumerate(zip(a.items, self.items, strict=True))
            ],
            "parties": [p.as_dict() for p in self.parties],
            "list_date": self.at.isoformat(),
        }


def _told(evidence: str, seen: set[str]) -> bool:
    """True if the explanation already says ``evidence``: the same text, or a longer piece
    that contains it or that it contains ("listed party: X" after "X")."""
    e = evidence.lower().rstrip(". ")
    return any(
        e == t or (len(t) >= 20 and (t in e or e in t))
        for t in (s.lower().rstrip(". ") for s in seen)
    )


def _sentence(text: str) -> str:
    """``text`` as a sentence: a capital first letter and a full stop."""
    text = text.rstrip(". ")
    return (text[:1].upper() + text[1:] + ".") if text else ""


def _money(value: float | None, currency: str | None) -> str | None:
    return None if value is None else f"{value:,.2f} {currency}"


def _flag_dict(code: str) -> dict[str, Any]:
    f = red_flag_catalogue()[code]
    return {"code": f.code, "title": f.title, "missile_link": f.missile_link}


def assess(
    application: Application | dict,
    *,
    screen: Screener | None = None,
    denials: DenialCheck | None = None,
    at: dt.date | None = None,
    library: Library | None = None,
    relevance_table: dict[str, Any] | None = None,
    jurisdiction: Profile | None = None,
    ratings: Mapping[int, ExpertRating] | None = None,
) -> Assessment:
    """Assess an application under ``jurisdiction`` (the packaged EU profile when None).

    ``screen`` screens one party; ``denials`` finds partner denials and our own refusals.
    ``ratings`` are the technical expert's, by item index: a rated item is decided by its
    rating (core.controls.rating), not by the classifier."""
    app = application if isinstance(application, Application) else parse_application(application)
    at = at or dt.date.today()
    library = library or packaged_library()
    items = [
        classify(li.item, at=at, library=library, relevance_table=relevance_table)
        for li in app.items
    ]
    for i, rating in (ratings or {}).items():
        if 0 <= i < len(items):
            items[i] = rate(items[i], rating, library)
    parties = [
        PartyScreening(
            p,
            screen(p.query()) if screen else None,
        )
        for p in app.parties
    ]
    dest = destination_profile(app.destination, at)
    end_use = scan_end_use(app.end_use)
    consultations = denials(app, items, parties) if denials else []
    return _combine(
        app, at, items, parties, dest, end_use, consultations, jurisdiction or default_profile()
    )


def line_facts(items: list[Classification], first: int = 0) -> tuple[LineFacts, ...]:
    """What the law reads of classified items: each line's entries (``first`` numbers them)."""
    return tuple(
        LineFacts(
            i,
            tuple(
                EntryRef(
                    h.version.list,
                    h.entry.id,
                    h.entry.regime,
                    tuple(h.entry.reasons),
                    h.entry.mtcr_item,
                    h.entry.mtcr_category,
                )
                for h in c.entries
            ),
        )
        for i, c in enumerate(items, start=first)
    )


def _combine(
    app: Application,
    at: dt.date,
    items: list[Classification],
    parties: list[PartyScreening],
    dest: DestinationProfile,
    end_use: EndUseScan,
    consultations: list[Consultation],
    profile: Profile,
) -> Assessment:
    flags = red_flag_catalogue()
    catalogue = mtcr_items()

    # --- screening
    confirmed, possible = [], []
    for ps in parties:
        for m in ps.result.matches if ps.result else ():
            text = f"{ps.party.words()} matches '{m.name}' on {m.list} (score {m.score:.2f})"
            (confirmed if m.decision == "match" else possible).append(text)

    # --- missile end-use indications and the items they reach (core.assessment.catch_all)
    ind = catch_all.indications(app, confirmed, dest, end_use, flags)
    military_declared = bool(app.declarations.get("military_end_use"))
    law = apply_law(
        profile,
        Facts(
            exporter_country=app.exporter_country,
            destination=app.destination,
            items=line_facts(items),
            invoked=tuple(catch_all.reached(items, ind.party + ind.stated, ind.informed)),
            informed=ind.informed,
            aware=ind.aware,
            indicated=ind.indicated,
            military=military_declared,
            embargoes=tuple(
                EmbargoRef(e.authority, e.describe(), e.counts_for_country)
                for e in dest.arms_embargoes
            ),
        ),
    )
    listed = bool(law.licensable)
    cat1_facility: list[str] = []
    cat1: list[str] = []
    for i, c in enumerate(items):
        if i not in law.licensable:
            continue
        for hit in c.entries:
            e = hit.entry
            mtcr = f" = MTCR {e.mtcr_item} (Category {e.mtcr_category})" if e.mtcr_item else ""
            facility = e.production_facility or bool(
                e.mtcr_item and (catalogue.get(e.mtcr_item) or {}).get("production_facility")
            )
            if e.mtcr_category == "I" and facility:
                cat1_facility.append(f"item {i + 1}: {e.id} is a Category I production facility")
            elif e.mtcr_category == "I":
                cat1.append(f"item {i + 1}: {e.id}{mtcr}")

    military = (
        "military end use declared for a destination under an arms embargo binding "
        f"{profile.code}: " + "; ".join(law.military_embargoes)
        if any(g.kind == "military" for g in law.grounds)
        else None
    )
    ca = catch_all.outcome(ind, items, law, military)

    partner_consultations = [c for c in consultations if not c.own]
    findings = Findings(
        cat1_facility=cat1_facility,
        cat1=cat1,
        g2g_assurances=bool(app.assurances.get("government_to_government")),
        confirmed=confirmed,
        catch_all=ca.findings,
        catch_all_strong=ca.strong,
        consultations=[c.summary() for c in partner_consultations],
        own_refusals=[c.summary() for c in consultations if c.own],
        listed=listed,
        concern=dest.evidence if dest.concern_level in ("elevated", "high") else [],
        military_embargo=law.military_embargoes,
        possible=possible,
        red_flags=[flags[c].title for c in app.red_flags if not flags[c].missile_link]
        + ca.uninvoked,
        licence_grounds=[g.sentence() for g in law.grounds],
        catch_all_unmatched=ca.unmatched,
        catch_all_strong_unmatched=ca.strong_unmatched,
        catch_all_basis=ca.basis,
        refusal_basis=ca.refusal_basis,
        no_licence=law.notes
        + [
            f"item {i + 1} is not listed: {c.expert.sentence()}"
            for i, c in enumerate(items)
            if c.expert is not None and not c.entries
        ],
        undetermined=[
            f"item {i + 1}: {c.item.description or 'described in words'}: not rated automatically; "
            "the technical expert rates it"
            for i, c in enumerate(items)
            if c.controlled is None
        ],
    )
    firings = decide(findings)
    rec = recommend(firings)
    conditions = (
        _conditions(rec, items, dest, app)
        if rec in ("approve_with_conditions", "refer") and listed
        else []
    )
    factors = reconcile(
        guideline_factors(app, items, parties, dest, end_use, consultations, flags), rec, firings
    )
    return Assessment(
        application=app,
        at=at,
        items=items,
        parties=parties,
        destination=dest,
        end_use=end_use,
        firings=firings,
        law=law,
        catch_all_grounds=ca.grounds,
        catch_all_items=ca.items,
        conditions=conditions,
        consultations=consultations,
        factors=factors,
        what_would_change=what_would_change(findings),
    )


def _conditions(
    rec: str, items: list[Classification], dest: DestinationProfile, app: Application
) -> list[str]:
    """Licence conditions drawn from the partners' agreed practice (mtcr.info/trade)."""
    out = [
        "End-user statement naming the end use and the end-use location",
        "Assurance that the items will not be used for any WMD delivery system",
        "No re-export, retransfer or replication without the prior written consent of the licensing authority",
    ]
    mt = any(h.entry.mtcr_item or "MT" in h.entry.reasons for c in items for h in c.entries)
    high = any(c.relevance["level"] == "high" for c in items)
    if mt and (not dest.mtcr_partner or high):
        out.append(
            "Post-shipment verification visit by the exporting government, agreed in advance"
        )
    if mt and not dest.mtcr_partner:
        out.append("Government-to-government assurances on end use and non-retransfer")
    return out


@dataclass
class Findings:
    """What the assessment found, as the decision table reads it."""

    cat1_facility: list[str]
    cat1: list[str]
    g2g_assurances: bool
    confirmed: list[str]
    catch_all: list[str]
    catch_all_strong: bool
    consultations: list[str]
    listed: bool
    concern: list[str]
    military_embargo: list[str]
    possible: list[str]
    red_flags: list[str]
    licence_grounds: list[str]
    # catch_all and catch_all_strong as they would be without the confirmed list matches
    catch_all_unmatched: list[str] = field(default_factory=list)
    catch_all_strong_unmatched: bool = False
    # which legal basis the missile findings rest on: catch-all (an item not licensable
    # otherwise) and/or refusal under the licence an entry requires
    catch_all_basis: bool = True
    refusal_basis: bool = False
    own_refusals: list[str] = field(default_factory=list)
    no_licence: list[str] = field(default_factory=list)
    # items the classifier does not rate (kind "other"): the requirement is undetermined
    undetermined: list[str] = field(default_factory=list)


def decide(f: Findings) -> list[Firing]:
    """Apply the decision table (README "Decision table") to the findings."""
    firings: list[Firing] = []
    if f.cat1_facility:
        firings.append(Firing("cat1_production_facility", f.cat1_facility))
    if f.cat1:
        firings.append(
            Firing("cat1_item_with_assurances" if f.g2g_assurances else "cat1_item", f.cat1)
        )
    if f.confirmed:
        firings.append(Firing("listed_party_match", f.confirmed))
    if f.catch_all and (f.catch_all_basis or not f.refusal_basis):
        firings.append(
            Firing("catch_all_strong" if f.catch_all_strong else "catch_all", f.catch_all)
        )
    if f.catch_all and f.refusal_basis:
        firings.append(
            Firing(
                "missile_end_use_listed_strong" if f.catch_all_strong else "missile_end_use_listed",
                f.catch_all,
            )
        )
    if f.consultations:
        firings.append(Firing("no_undercut", f.consultations))
    if f.own_refusals:
        firings.append(Firing("own_refusal", f.own_refusals))
    if f.listed and f.concern:
        firings.append(Firing("listed_to_concern", f.concern))
    if f.military_embargo:
        firings.append(Firing("military_end_use_embargo", f.military_embargo))
    if f.possible:
        firings.append(Firing("possible_match", f.possible))
    if f.undetermined:
        firings.append(Firing("undetermined_item", f.undetermined))
    if f.red_flags:
        firings.append(Firing("red_flags", f.red_flags))
    if f.listed and not any(RANK[x.outcome] >= RANK["refer"] for x in firings):
        firings.append(Firing("listed_clear", f.licence_grounds[:5]))
    if not f.listed and not firings:
        firings.append(
            Firing(
                "not_required",
                f.no_licence or ["no entry catches the items; screening clear; no indicator"],
            )
        )
    return firings


# For each decisive rule: what resolving it means, and which findings it clears (a function of
# the findings where the change depends on them).
_RESOLUTION: dict[str, tuple[str, dict[str, Any] | Callable[[Findings], dict[str, Any]]]] = {
    "cat1_production_facility": (
        "the item were not a Category I production facility",
        {"cat1_facility": []},
    ),
    "cat1_item": ("government-to-government assurances were recorded", {"g2g_assurances": True}),
    "listed_party_match": (
        "the list match were shown to be a different entity",
        # a catch-all resting on the match goes with it
        lambda f: {
            "confirmed": [],
            "catch_all": f.catch_all_unmatched,
            "catch_all_strong": f.catch_all_strong_unmatched,
        },
    ),
    "catch_all_strong": (
        "enquiries rebutted the missile end-use evidence",
        {"catch_all": [], "catch_all_strong": False},
    ),
    "catch_all": ("enquiries showed no missile end use", {"catch_all": []}),
    "missile_end_use_listed_strong": (
        "enquiries rebutted the missile end-use evidence",
        {"catch_all": [], "catch_all_strong": False},
    ),
    "missile_end_use_listed": ("enquiries showed no missile end use", {"catch_all": []}),
    "no_undercut": ("the denying partner were consulted and did not object", {"consultations": []}),
    "own_refusal": (
        "the reasons for our earlier refusal were shown no longer to apply",
        {"own_refusals": []},
    ),
    "listed_to_concern": (
        "the destination were not of missile-proliferation concern",
        {"concern": []},
    ),
    "military_end_use_embargo": ("the end use were shown to be civil", {"military_embargo": []}),
    "possible_match": (
        "the possible screening match were resolved as a different entity",
        {"possible": []},
    ),
    "undetermined_item": (
        "a technical expert rated every item (the outcome then rests on the rating)",
        {"undetermined": []},
    ),
    "red_flags": ("enquiries resolved the red flags", {"red_flags": []}),
}


def what_would_change(findings: Findings) -> list[str]:
    """Counterfactuals: the outcome if each finding behind the recommendation were resolved."""
    from dataclasses import replace

    current = recommend(decide(findings))
    out = []
    combined: dict[str, Any] = {}
    texts = []
    for firing in decide(findings):
        if firing.rule not in _RESOLUTION or RANK[firing.outcome] < RANK["refer"]:
            continue
        text, change = _RESOLUTION[firing.rule]
        if callable(change):
            change = change(findings)
        combined.update(change)
        texts.append(text)
        new = recommend(decide(replace(findings, **change)))
        if new == current:
            out.append(
                f"If {text}, the recommendation would still be {current} (other findings remain)."
            )
        else:
            out.append(f"If {text}, the recommendation would become {new}.")
    if len(texts) > 1:
        new = recommend(decide(replace(findings, **combined)))
        if new != current:
            out.append(f"Only if all of these were resolved would the recommendation become {new}.")
    return out
