"""Plain-text rendering of classification results for the terminal."""

from __future__ import annotations

from typing import Any


def classification_text(d: dict[str, Any]) -> str:
    item = d["item"]
    lines = [
        f"Item: {item.get('description') or '(no description)'}  [{item['kind']}]",
        "Lists: "
        + ", ".join(f"{v['list']} {v['version']}" for v in d["lists"])
        + f" (in force on {d['list_date']})",
        "",
    ]
    if d.get("questioned_values"):  # first: the answer below may rest on a wrong unit
        lines.append("CHECK THESE VALUES (far outside what the parameter measures):")
        lines += [f"  {q['parameter']}: {q['question']}" for q in d["questioned_values"]]
        lines.append("")
    if d["controlled"]:
        lines.append("CONTROLLED by:")
        for e in d["entries"]:
            mtcr = (
                f"MTCR {e['mtcr_item']} (Category {e['mtcr_category']})"
                if e["mtcr_item"]
                else "no MTCR item"
            )
            reasons = ", ".join(e["reasons"]) or "-"
            lines.append(f"  {e['entry']:<12} {e['regime']:<5} {mtcr:<28} reasons {reasons}")
            lines.append(f"  {'':<12} {e['title']}")
            lines.extend(_trace(e["trace"]))
            for note in e.get("notes", []):
                lines.append(f"  {'':<12} note: {note}")
    else:
        lines.append("NOT LISTED: no entry of the lists in force catches this item.")
    if d.get("excluded"):
        lines.append("Excluded by a Note (criteria met, entry removed by its exclusion):")
        for x in d["excluded"]:
            by = x["excluded_by"]
            lines.append(f"  {x['entry']:<12} {x['regime']:<5} {by['id']}: {by['text']}")
    if d.get("edition_caveats"):
        lines.append("CAUTION: a figure measured to another edition of its standard decides:")
        lines += [f"  {c['text']}" for c in d["edition_caveats"]]
    if d["near_misses"]:
        lines += ["", "Near misses (an item like this one is what catch-all controls are about):"]
        for n in d["near_misses"]:
            lines.append(f"  {n['entry']:<12} {n['regime']:<5} {n['title']} - {n['reason']}")
            for f in n["failed"]:
                gap = f" ({f['gap_percent']} % away)" if f.get("gap_percent") is not None else ""
                lines.append(
                    f"  {'':<12}   {f['criterion']}: value {f['value']}, threshold {f['threshold']}{gap}"
                )
    if d["missing_parameters"]:
        lines += ["", "Missing facts that would decide an entry:"]
        by_entry: dict[str, list[str]] = {}
        for m in d["missing_parameters"]:
            by_entry.setdefault(m["entry"], []).append(m["parameter"])
        for entry, params in by_entry.items():
            lines.append(f"  {entry:<12} needs {', '.join(params)}")
    if d.get("expert_review"):
        lines += ["", "Expert review:"]
        lines += [f"  {r['entry']:<12} {r['text']}" for r in d["expert_review"]]
    if d.get("warnings"):
        lines += ["", "Warnings:"]
        lines += [f"  {w}" for w in d["warnings"]]
    rel = d["missile_relevance"]
    lines += [
        "",
        f"Missile relevance: {rel['level']}"
        + (f" - {'; '.join(rel['uses'])}" if rel["uses"] else ""),
    ]
    return "\n".join(lines)


def _trace(trace: list[dict[str, Any]]) -> list[str]:
    out = []
    for t in trace:
        mark = {True: "met", False: "not met", None: "unknown"}[t["met"]]
        extra = " (assumed)" if t.get("assumed") else ""
        value = t["value"] if t["value"] is not None else "not stated"
        out.append(f"  {'':<12}   - {t['criterion']}: {value} vs {t['threshold']} -> {mark}{extra}")
        if t.get("warning"):
            out.append(f"  {'':<12}     warning: {t['warning']}")
    return out


def official_text_lines(version: Any, entry: Any) -> list[str]:
    """The official wording of an entry with its sub-items and notes, as the list prints it."""
    if entry.official is None:
        return []
    out = [f"  official text ({entry.official['source']['document']}):"]

    def walk(e: Any, depth: int) -> None:
        pad = "    " + "  " * depth
        label = "" if depth == 0 else f"{e.official['label']}. "
        out.append(f"{pad}{label}{e.text}".replace("\n", "\n" + pad + "  "))
        for n in e.official.get("notes") or ():
            out.append(f"{pad}  {n['label']}: {n['text']}".replace("\n", "\n" + pad + "    "))
        for cid in e.official.get("children") or ():
            child = version.entries.get(cid)
            if child is not None and child.official is not None:
                walk(child, depth + 1)

    walk(entry, 0)
    lines = entry.official["source"]["lines"]
    out.append(f"    (lines {lines[0]}-{lines[1]} of the source text)")
    return out


def entry_text(version: Any, entry: Any) -> str:
    lines = [
        f"{entry.id}  ({version.list} {version.version}, in force from {version.effective_date})",
        f"  {entry.title}",
        f"  regime {entry.regime}; reasons {', '.join(entry.reasons) or '-'}; "
        + (
            f"MTCR {entry.mtcr_item} Category {entry.mtcr_category}"
            if entry.mtcr_item
            else "no MTCR item"
        ),
    ]
    if not entry.rated:
        parent = entry.official.get("parent") if entry.official else None
        lines.append(
            "  text only: catchall has no criteria for this entry and does not rate items"
            " against it"
        )
        if parent:
            lines.append(f"  part of: {parent}")
        lines += official_text_lines(version, entry)
        src = entry.source
        lines.append("  source: " + "; ".join(f"{k} {v}" for k, v in src.items() if v is not None))
        return "\n".join(lines)
    lines.append(f"  kinds: {', '.join(entry.kinds)}")
    if entry.not_in:
        lines.append(f"  other than: {', '.join(entry.not_in)}")
    lines.append("  criteria (all of):")
    lines += criteria_lines(entry.criteria, 4)
    if entry.exclusions:
        lines.append("  exclusions (the entry does not apply when any holds):")
        for x in entry.exclusions:
            lines.append(f"    - {x.text}")
            lines += criteria_lines(x.criteria, 8)
    if entry.notes:
        lines.append(f"  notes: {entry.notes}")
    lines += official_text_lines(version, entry)
    src = entry.source
    if src:
        lines.append("  source: " + "; ".join(f"{k} {v}" for k, v in src.items() if v is not None))
    return "\n".join(lines)


def criteria_lines(node: Any, indent: int) -> list[str]:
    """The criteria tree as indented text, keeping any/all/not structure."""
    from catchall.core.controls.criteria import Group, describe

    pad = " " * indent
    if isinstance(node, Group):
        out = []
        for child in node.children:
            if isinstance(child, Group):
                head = {"all": "all of:", "any": "any of:", "not": "not:"}[child.mode]
                out.append(f"{pad}- {child.label + ' - ' if child.label else ''}{head}")
                out += criteria_lines(child, indent + 4)
            else:
                out += criteria_lines(child, indent)
        return out
    text = f"{node.label} ({describe(node)})" if node.label else describe(node)
    bands = getattr(node, "bands", None)
    if bands:
        from catchall.core import units
        from catchall.core.vocabulary import vocabulary

        dim = vocabulary().parameters[node.by].dimension
        vdim = vocabulary().parameters[node.param].dimension
        parts = []
        for b in bands:
            lo = units.format_quantity(b.lower, dim) if b.lower is not None else ""
            hi = units.format_quantity(b.upper, dim) if b.upper is not None else ""
            rng = f"{lo} to <{hi}" if lo and hi else (f"<{hi}" if hi else f">={lo}")
            parts.append(f"{rng}: {units.format_quantity(b.threshold, vdim)}")
        text += " [" + "; ".join(parts) + "]"
    return [f"{pad}- {text}"]
