"""Plain-text rendering of an assessment for the terminal: the recommendation first."""

from __future__ import annotations

from typing import Any

LABELS = {
    "deny": "DENY",
    "refer": "REFER",
    "approve_with_conditions": "APPROVE WITH CONDITIONS",
    "approve": "APPROVE",
}


def ground_text(g: dict[str, Any], lead: str = "under") -> str:
    """'under EU 2021/821 Art. 3(1): item 1, 2B001.b.2 ...' (unverified provisions say so)."""
    mark = "" if g.get("verified", True) else " [provision not verified in the official text]"
    return f"{lead} {g['basis']}: {g['text']}{mark}"


def assessment_text(d: dict[str, Any]) -> str:
    lines = [
        f"Application {d.get('reference') or '(no reference)'}: recommendation {LABELS[d['recommendation']]}",
        f"  {d['explanation']}",
        "",
        f"Jurisdiction: {d['jurisdiction']['code']} ({d['jurisdiction']['title']})",
        "Licence required: "
        + {True: "yes", False: "no", None: "undetermined (an item awaits the expert's rating)"}[
            d["licence_required"]["required"]
        ],
    ]
    lines += [f"  - {ground_text(g)}" for g in d["licence_required"]["grounds"]]
    lines += [f"  - {n}" for n in d["licence_required"].get("notes", [])]
    for ga in d["licence_required"].get("general_authorisations", []):
        items = ", ".join(str(i + 1) for i in ga["items"])
        lines.append(f"  General authorisation {ga['code']} ({ga['basis']}) covers item {items}")
        if ga.get("caveat"):
            lines.append(f"      {ga['caveat']}")
    ca = d["catch_all"]
    lines.append("Catch-all: " + ("INVOKED" if ca["invoked"] else "not invoked"))
    lines += [f"  - {g}" for g in ca["grounds"]]
    if d.get("refusal_grounds"):
        lines.append("Grounds for refusal:")
        lines += [f"  - {ground_text(g, 'under')}" for g in d["refusal_grounds"]]
    if d["conditions"]:
        lines.append("Conditions:")
        lines += [f"  - {c}" for c in d["conditions"]]
    if d["consultations"]:
        lines.append("Consultations required before approval (no-undercut):")
        lines += [f"  - {c['partner']} {c['reference']}: {c['reason']}" for c in d["consultations"]]
    if d.get("earlier_refusals"):
        lines.append("Our earlier refusals of an essentially identical transaction:")
        lines += [
            f"  - our earlier refusal {r['reference']} on {r['denied_on']}: {r['reason']}"
            for r in d["earlier_refusals"]
        ]
    lines += ["", "MTCR Guidelines factors:"]
    for code, f in d["factors"].items():
        lines.append(f"  {code}. {f['title']}: {f['finding'].upper()}")
        lines += [f"       {e}" for e in f["evidence"][:6]]
        if f.get("note"):
            lines.append(f"       NOTE: {f['note']}")
    lines += ["", "Decision rules that fired:"]
    lines += [f"  - {r['rule']} -> {r['outcome']}" for r in d["decision_rules"]]
    if d["what_would_change"]:
        lines += ["", "What would change this outcome:"]
        lines += [f"  - {w}" for w in d["what_would_change"]]
    lines += ["", "Items:"]
    for it in d["items"]:
        entries = ", ".join(
            e["entry"]
            + (f" (MTCR {e['mtcr_item']}, Cat {e['mtcr_category']})" if e["mtcr_item"] else "")
            for e in it["entries"]
        )
        lines.append(
            f"  {it['index'] + 1}. {it['item']['description'] or it['item']['kind']} x{it['quantity']}: "
            + (entries or "not listed")
            + f"; missile relevance {it['missile_relevance']['level']}"
        )
    lines += ["", "Parties:"]
    for p in d["parties"]:
        lines.append(f"  {p['role']}: {p['name']} ({p['country'] or '-'}) -> {p['decision']}")
        for m in p["matches"][:3]:
            lines.append(
                f"      {m['score']:.2f} {m['decision']} {m['name']} [{m['list']}] via {m['matched_name']!r}"
            )
    return "\n".join(lines)
