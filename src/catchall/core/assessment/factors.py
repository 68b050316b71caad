"""The six factors the MTCR Guidelines ask a partner to weigh, each with a finding and evidence.

A: proliferation concerns; B: the recipient's missile and space programmes; C: significance of
the transfer for delivery systems; D: end use and assurances; E: multilateral agreements;
F: risk of diversion to terrorists. Findings are "concern", "no concern" or "insufficient
information": a factor says "no concern" only when it had something to weigh, so that an
officer sees at a glance where the case turns and where it was not looked at.

A factor never contradicts the recommendation beside it without saying why: :func:`reconcile`
adds a ``note`` when a factor finds no concern under a refusal or a referral, or a concern (or
nothing to weigh) under an approval.
"""

from __future__ import annotations

from typing import Any

from catchall.core.assessment.decision import RULES
from catchall.core.assessment.end_use import NOTHING_RECOGNISED

TITLES = {
    "A": "Concerns about the proliferation of weapons of mass destruction",
    "B": "Capabilities and objectives of the recipient state's missile and space programmes",
    "C": "Significance of the transfer for the development of delivery systems",
    "D": "Assessment of the end use, including assurances",
    "E": "Applicability of relevant multilateral agreements",
    "F": "Risk of the items falling into the hands of terrorist groups or individuals",
}
SOURCE = "MTCR Guidelines, paragraph 3 (factors A-F); mtcr.info/trade for assurances"
CONCERN, NO_CONCERN, UNKNOWN = "concern", "no concern", "insufficient information"
_TERROR_WORDS = ("sdgt", "terror", "isil", "al-qaida", "taliban", "fto")
_DIVERSION_FLAGS = {
    "forwarder_as_final_destination",
    "abnormal_routing",
    "evasive_on_reexport",
    "vague_delivery_or_odd_destination",
    "end_user_is_trader_or_ftz",
    "excess_confidentiality",
    "third_party_payment",
}
# Red flags that say the end use does not fit the end user's business (factor D, plausibility).
_PLAUSIBILITY_FLAGS = {
    "item_mismatch_business",
    "item_mismatch_country_tech_level",
    "thin_business_background",
    "customer_unfamiliar_with_item",
    "military_link_civil_use_claim",
}
_DECLARATIONS = {
    "aware_of_missile_or_wmd_use": "aware of a missile or WMD end use",
    "informed_by_authority": "informed by the authority of a possible missile end use",
    "military_end_use": "the end use is military",
}


def _factor(code: str, finding: str, evidence: list[str]) -> dict[str, Any]:
    return {
        "title": TITLES[code],
        "finding": finding,
        "evidence": evidence or ["nothing recorded"],
        "source": SOURCE,
    }


def _screened(parties) -> bool:
    return bool(parties) and all(ps.result is not None for ps in parties)


def factor_a(app, parties, dest, end_use, consultations) -> dict[str, Any]:
    """Destination, parties, stated end use and the exporter's declarations."""
    ev, concern = [], False
    if dest.concern_level != "none":
        concern = True
        ev += [f"destination {dest.name}: {e}" for e in dest.evidence]
    hits = [(ps, m) for ps in parties if ps.result for m in ps.result.matches]
    concern = concern or bool(hits)
    ev += [
        f"{ps.party.words()} ~ '{m.name}' ({m.list}, {m.decision}, {m.score:.2f})" for ps, m in hits
    ]
    if end_use.missile_indicated:
        concern = True
        ev.append("end use: " + end_use.summary())
    for key, what in _DECLARATIONS.items():
        if key not in app.declarations:
            ev.append(f"exporter's declaration not given: {what}")
        elif app.declarations[key]:
            concern = True
            ev.append(f"the exporter declares: {what}")
        else:
            ev.append(f"the exporter declares not: {what}")
    own = [c for c in consultations if getattr(c, "own", False)]
    concern = concern or bool(own)
    ev += [f"our earlier refusal on record (national): {c.reference}" for c in own]
    if concern:
        return _factor("A", CONCERN, ev)
    if not _screened(parties):
        return _factor(
            "A", UNKNOWN, ["cannot weigh proliferation concerns: parties not screened", *ev]
        )
    return _factor("A", NO_CONCERN, ev)


def factor_b(parties, dest) -> dict[str, Any]:
    """What is known of the recipient state's missile and space programmes."""
    ev = []
    hits = [m for ps in parties if ps.result for m in ps.result.matches]
    poc = [m for m in hits if m.list == "programs-of-concern"]
    ev += [
        f"{m.name} is designated for a missile programme ({', '.join(m.programs) or m.list})"
        for m in poc
    ]
    if dest.d4:
        ev.append(
            f"{dest.name} is in US Country Group D:4 (missile technology concern; a US national "
            "list)"
        )
    if dest.concern_level == "high":
        ev.append(f"{dest.name}: missile concern high under docs/reference-data.md")
    if poc or dest.d4 or dest.concern_level == "high":
        return _factor("B", CONCERN, ev)
    if dest.mtcr_partner:
        ev.append(
            f"{dest.name} is an MTCR partner (since {dest.partner_since}): its programmes are "
            "subject to the Guidelines"
        )
        return _factor("B", NO_CONCERN, ev)
    if dest.adherent:
        ev.append(f"{dest.name} adheres unilaterally to the MTCR Guidelines")
        return _factor("B", NO_CONCERN, ev)
    ev.append(
        f"the recipient state's missile and space programmes are not recorded for {dest.name}"
    )
    return _factor("B", UNKNOWN, ev)


def factor_c(items, end_use) -> dict[str, Any]:
    """The items' entries and missile relevance, and the stated end use."""
    ev, significant, known = [], False, False
    for i, c in enumerate(items):
        rel = c.relevance
        for h in c.entries:
            e = h.entry
            known = True
            if e.mtcr_item:
                significant = True
                ev.append(f"item {i + 1}: {e.id} = MTCR {e.mtcr_item}, Category {e.mtcr_category}")
            else:
                ev.append(f"item {i + 1}: {e.id} ({e.regime}), not an MTCR Annex item")
        if rel.get("from_kind") is None:
            ev.append(f"item {i + 1}: missile relevance of its kind not recorded")
        else:
            known = True
        if rel.get("from_kind") is None:
            pass
        elif rel["level"] in ("high", "medium"):
            significant = significant or rel["level"] == "high"
            uses = "; ".join(rel["uses"][:4])
            ev.append(
                f"item {i + 1}: missile relevance {rel['level']}" + (f" ({uses})" if uses else "")
            )
        for n in c.near_misses:
            ev.append(f"item {i + 1}: near miss of {n.entry.id} ({n.reason})")
        if c.missing and not c.entries:
            ev.append(f"item {i + 1}: parameters missing to rule entries out")
    if end_use.missile_indicated:
        significant = True
        ev.append("the stated end use points to delivery systems: " + end_use.summary())
    if significant:
        return _factor("C", CONCERN, ev)
    missing = any(c.missing and not c.entries for c in items)
    if not known or missing:
        return _factor("C", UNKNOWN, ev)
    return _factor("C", NO_CONCERN, ev)


def factor_d(app, items, end_use, flags) -> dict[str, Any]:
    """The stated end use, its plausibility for the end user's business, assurances."""
    ev, concern = [], False
    if not app.end_use:
        ev.append("no end use stated")
    else:
        ev.append("stated end use: " + app.end_use[:200])
    if end_use.missile_indicated:
        concern = True
        ev.append("indicators of missile work: " + end_use.summary())
    elif app.end_use and not end_use.indicators:
        ev.append(NOTHING_RECOGNISED)
    negated = [i for i in end_use.indicators if i.negated]
    if negated:
        ev.append("negated mentions (not counted): " + ", ".join(sorted({i.term for i in negated})))
    implausible = [c for c in app.red_flags if c in _PLAUSIBILITY_FLAGS]
    if implausible:
        concern = True
        ev += [f"the end use does not fit the end user: {flags[c].title}" for c in implausible]
    else:
        ev.append(
            "plausibility for the end user's business: no red flag raised (the end user's "
            "business itself is not recorded)"
        )
    for k, v in app.declarations.items():
        if v:
            concern = True
            ev.append(f"declaration: {k.replace('_', ' ')}")
    ev += [f"red flag: {flags[c].title}" for c in app.red_flags if c not in _PLAUSIBILITY_FLAGS]
    concern = concern or bool(app.red_flags)
    given = [k.replace("_", " ") for k, v in app.assurances.items() if v]
    ev.append("assurances recorded: " + (", ".join(given) if given else "none"))
    cat1 = [
        f"item {i + 1}: {h.entry.id}"
        for i, c in enumerate(items)
        for h in c.entries
        if h.entry.mtcr_category == "I"
    ]
    if cat1 and not app.assurances.get("government_to_government"):
        concern = True
        ev.append("Category I without government-to-government assurances: " + ", ".join(cat1[:5]))
    if concern:
        return _factor("D", CONCERN, ev)
    return _factor("D", UNKNOWN if not app.end_use else NO_CONCERN, ev)


def factor_e(dest, consultations) -> dict[str, Any]:
    """Treaty and regime adherence (NPT, CWC, BWC, HCoC, MTCR) and multilateral embargoes.

    Only multilateral instruments count here: a national list (a US country group or embargo,
    our own earlier refusal) is evidence under A or B, never under E."""
    ev, concern, unknown = [], False, False
    for t in dest.treaties:
        ev.append(t.describe())
        if t.adheres is None:
            unknown = True
        elif not t.adheres:
            concern = concern or t.treaty != "HCoC"
            unknown = unknown or t.treaty == "HCoC"
    if dest.mtcr_partner:
        ev.append(f"MTCR: {dest.name} applies the Guidelines as a partner")
    elif dest.adherent:
        ev.append(f"MTCR: {dest.name} adheres unilaterally ({dest.adherent.replace('_', ' ')})")
    else:
        ev.append(f"MTCR: {dest.name} is neither a partner nor a recorded adherent")
    embargoes = [e for e in dest.arms_embargoes if e.authority in ("UN", "EU")]
    concern = concern or any(e.counts_for_country for e in embargoes)
    ev += [
        f"{e.authority} arms embargo: {e.scope.replace('_', ' ')} ({e.legal_basis})"
        for e in embargoes
    ]
    partner = [c for c in consultations if not getattr(c, "own", False)]
    concern = concern or bool(partner)
    ev += [
        f"MTCR partner denial on record (no-undercut): {c.partner} {c.reference}" for c in partner
    ]
    if concern:
        return _factor("E", CONCERN, ev)
    return _factor("E", UNKNOWN if unknown else NO_CONCERN, ev)


def factor_f(app, parties, dest, flags) -> dict[str, Any]:
    """Terrorism listings, UN embargoes on non-state actors in the destination, diversion."""
    ev = []
    for ps, m in [(p, m) for p in parties if p.result for m in p.result.matches]:
        if any(w in " ".join(m.programs).lower() for w in _TERROR_WORDS):
            ev.append(f"'{ps.party.name}' ~ '{m.name}' is listed under a terrorism programme")
    ev += [
        f"UN embargo on {e.scope.replace('_', ' ')} in {dest.name}: {e.legal_basis}"
        for e in dest.arms_embargoes
        if e.authority == "UN" and e.scope in ("non_state_actors", "listed_persons")
    ]
    ev += [f"diversion red flag: {flags[c].title}" for c in app.red_flags if c in _DIVERSION_FLAGS]
    foreign = [
        p
        for p in app.parties
        if p.role == "intermediate_consignee" and p.country and p.country != app.destination
    ]
    ev += [f"{p.words()} in {p.country}" for p in foreign]
    if ev:
        return _factor("F", CONCERN, ev)
    if not _screened(parties):
        return _factor("F", UNKNOWN, ["parties not screened against terrorism listings"])
    return _factor(
        "F",
        NO_CONCERN,
        [
            "parties screened: no terrorism listing",
            f"no UN embargo on non-state actors in {dest.name} recorded",
        ],
    )


def guideline_factors(app, items, parties, dest, end_use, consultations, flags) -> dict[str, Any]:
    return {
        "A": factor_a(app, parties, dest, end_use, consultations),
        "B": factor_b(parties, dest),
        "C": factor_c(items, end_use),
        "D": factor_d(app, items, end_use, flags),
        "E": factor_e(dest, consultations),
        "F": factor_f(app, parties, dest, flags),
    }


def reconcile(factors: dict[str, Any], recommendation: str, firings) -> dict[str, Any]:
    """Give every factor that reads against the recommendation a note saying why.

    Under deny or refer, a factor with no concern (or nothing to weigh) is told which rules the
    recommendation rests on; under an approval, a factor with a concern or with nothing to weigh
    is told why that did not stop it."""
    restrictive = recommendation in ("deny", "refer")
    decisive = [f for f in firings if f.outcome == recommendation]
    # each rule by what it says, not by its code (the API's decision_rules carry the codes)
    rules = "; ".join(RULES[f.rule][1].rstrip(".") for f in decisive) or "no rule"
    words = {"deny": "refusal", "refer": "referral"}.get(recommendation, "")
    for f in factors.values():
        if restrictive and f["finding"] != CONCERN:
            f["note"] = (
                f"This factor shows {'no concern' if f['finding'] == NO_CONCERN else 'nothing to weigh'}; "
                f"the recommendation ({words}) rests on other findings: {rules}."
            )
        elif not restrictive and f["finding"] == CONCERN:
            f["note"] = (
                f"The recommendation ({recommendation.replace('_', ' ')}) stands because no rule "
                f"of the decision table turns on this finding alone (what decided: {rules}); the "
                "officer weighs it and may refer the case."
            )
        elif not restrictive and f["finding"] == UNKNOWN:
            f["note"] = (
                f"The recommendation ({recommendation.replace('_', ' ')}) does not rest on this "
                "factor: it could not be weighed for lack of information."
            )
    return factors
