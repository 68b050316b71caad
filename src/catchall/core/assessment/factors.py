"""The six factors the MTCR Guidelines ask a partner to weigh, each with a finding and evidence.

A: proliferation concerns; B: the recipient's missile and space programmes; C: significance of
the transfer for delivery systems; D: end use and assurances; E: multilateral agreements;
F: risk of diversion to terrorists. Findings are "concern", "no concern" or "insufficient
information" so that an officer sees at a glance where the case turns.
"""

from __future__ import annotations

from typing import Any

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


def _factor(code: str, finding: str, evidence: list[str]) -> dict[str, Any]:
    return {
        "title": TITLES[code],
        "finding": finding,
        "evidence": evidence or ["nothing of note"],
        "source": SOURCE,
    }


def guideline_factors(
    app, items, parties, dest, end_use, catch_all_grounds, consultations, flags
) -> dict[str, Any]:
    out: dict[str, Any] = {}

    # A. proliferation concerns: destination, parties, stated end use
    ev = []
    if dest.concern_level != "none":
        ev += [f"destination {dest.name}: {e}" for e in dest.evidence]
    hits = [(ps, m) for ps in parties if ps.result for m in ps.result.matches]
    ev += [
        f"{ps.party.role} {ps.party.name!r} ~ {m.name!r} ({m.list}, {m.decision}, {m.score:.2f})"
        for ps, m in hits
    ]
    if end_use.missile_indicated:
        ev.append("end use: " + end_use.summary())
    out["A"] = _factor("A", "concern" if ev else "no concern", ev)

    # B. recipient's missile and space programmes
    ev = []
    if dest.mtcr_partner:
        ev.append(f"{dest.name} is an MTCR partner (since {dest.partner_since})")
    if getattr(dest, "adherent", False):
        ev.append(f"{dest.name} adheres unilaterally to the MTCR Guidelines")
    if dest.d4:
        ev.append(f"{dest.name} is in US Country Group D:4 (missile technology concern)")
    poc = [m for ps, m in hits if m.list == "programs-of-concern"]
    ev += [
        f"{m.name} is designated for a missile programme ({', '.join(m.programs) or m.list})"
        for m in poc
    ]
    finding = "concern" if dest.d4 or poc or dest.concern_level == "high" else "no concern"
    out["B"] = _factor("B", finding, ev)

    # C. significance for delivery systems
    ev = []
    significant = False
    for i, c in enumerate(items):
        rel = c.relevance
        for h in c.entries:
            e = h.entry
            if e.mtcr_item:
                significant = True
                ev.append(f"item {i + 1}: {e.id} = MTCR {e.mtcr_item}, Category {e.mtcr_category}")
            else:
                ev.append(f"item {i + 1}: {e.id} ({e.regime}), not an MTCR Annex item")
        if rel["level"] in ("high", "medium"):
            significant = significant or rel["level"] == "high"
            uses = "; ".join(rel["uses"][:4])
            ev.append(
                f"item {i + 1}: missile relevance {rel['level']}" + (f" ({uses})" if uses else "")
            )
        for n in c.near_misses:
            ev.append(f"item {i + 1}: near miss of {n.entry.id} ({n.reason})")
    out["C"] = _factor(
        "C", "concern" if significant else ("no concern" if ev else "insufficient information"), ev
    )

    # D. end use and assurances
    ev = []
    if not app.end_use:
        ev.append("no end use stated")
    else:
        ev.append("stated end use: " + app.end_use[:200])
    if end_use.missile_indicated:
        ev.append("indicators of missile work: " + end_use.summary())
    elif app.end_use and not end_use.indicators:
        ev.append(NOTHING_RECOGNISED)
    negated = [i for i in end_use.indicators if i.negated]
    if negated:
        ev.append("negated mentions (not counted): " + ", ".join(sorted({i.term for i in negated})))
    for k, v in app.declarations.items():
        if v:
            ev.append(f"declaration: {k.replace('_', ' ')}")
    for c in app.red_flags:
        ev.append(f"red flag: {flags[c].title}")
    given = [k.replace("_", " ") for k, v in app.assurances.items() if v]
    ev.append("assurances recorded: " + (", ".join(given) if given else "none"))
    concern = (
        end_use.missile_indicated
        or app.declarations.get("aware_of_missile_or_wmd_use")
        or app.declarations.get("informed_by_authority")
        or bool(app.red_flags)
    )
    finding = (
        "concern" if concern else ("insufficient information" if not app.end_use else "no concern")
    )
    out["D"] = _factor("D", finding, ev)

    # E. multilateral agreements
    ev = [f"arms embargo: {e.authority}, {e.scope} ({e.legal_basis})" for e in dest.arms_embargoes]
    if dest.mtcr_partner:
        ev.append(f"{dest.name} applies the MTCR Guidelines as a partner")
    ev += [
        f"our earlier refusal on record: {c.reference}"
        if getattr(c, "own", False)
        else f"partner denial on record: {c.partner} {c.reference}"
        for c in consultations
    ]
    out["E"] = _factor("E", "concern" if dest.arms_embargoes or consultations else "no concern", ev)

    # F. diversion to terrorists
    ev = []
    for ps, m in hits:
        progs = " ".join(m.programs).lower()
        if any(w in progs for w in _TERROR_WORDS):
            ev.append(f"{ps.party.name!r} ~ {m.name!r} is listed under a terrorism programme")
    ev += [f"diversion red flag: {flags[c].title}" for c in app.red_flags if c in _DIVERSION_FLAGS]
    foreign = [
        p
        for p in app.parties
        if p.role == "intermediate_consignee" and p.country and p.country != app.destination
    ]
    ev += [f"intermediate consignee {p.name!r} in {p.country}" for p in foreign]
    out["F"] = _factor("F", "concern" if ev else "no concern", ev)
    return out
