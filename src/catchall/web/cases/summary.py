"""What a case is about, in a few lines an officer reads first: the items with their control
entries, the parties with their screening verdicts, the destination and the end use.

The entries and verdicts come from the latest assessment run, which only readers cleared for
the authority's data get (the view passes ``result=None`` to anyone else): an exporter's
summary lists what it applied for, without the authority's findings.
"""

from __future__ import annotations

from typing import Any

from catchall.web.assessment.readable import SCREENING, list_titles
from catchall.web.screening.words import (
    country_names,
    designations_in_words,
    entry_authorities,
    list_title,
)


def case_summary(data: dict[str, Any], result: dict[str, Any] | None) -> dict[str, Any]:
    assessed = {it.get("index"): it for it in (result or {}).get("items", [])}
    items = []
    for n, it in enumerate(data.get("items") or []):
        a = assessed.get(n) or {}
        items.append(
            {
                "number": n + 1,
                "description": it.get("description") or "Item without a description",
                "quantity": it.get("quantity"),
                "value": a.get("value") or it.get("value"),
                "assessed": bool(a),
                "entries": [
                    {
                        "entry": e.get("entry", ""),
                        "title": e.get("title", ""),
                        "mtcr": (
                            f"MTCR {e['mtcr_item']}, Category {e.get('mtcr_category', '')}"
                            if e.get("mtcr_item")
                            else ""
                        ),
                    }
                    for e in a.get("entries", [])
                ],
                "undetermined": a.get("controlled") is None and bool(a),
            }
        )
    screened = {(p.get("role"), p.get("name")): p for p in (result or {}).get("parties", []) if p}
    titles = list_titles() if result else {}
    authorities = entry_authorities(
        [m for p in (result or {}).get("parties", []) if p for m in p.get("matches", [])]
    )
    parties = []
    for p in data.get("parties") or []:
        s = screened.get((p.get("role"), p.get("name")))
        parties.append(
            {
                "role": str(p.get("role") or "party").replace("_", " ").capitalize(),
                "name": p.get("name", ""),
                "country": p.get("country") or "",
                "verdict": SCREENING.get(s.get("decision"), "") if s else "",
                "decision": s.get("decision", "") if s else "",
                "matches": [
                    {
                        "text": f"{m.get('name', '')}"
                        + (
                            f" ({', '.join(country_names(m['countries']))})"
                            if m.get("countries")
                            else ""
                        )
                        + f" on {list_title(m.get('list', ''), titles)}",
                        "programmes": designations_in_words(
                            m,
                            list_title(m.get("list", ""), titles),
                            authorities.get((m.get("list", ""), m.get("entity_id", "")), ""),
                        ),
                    }
                    for m in (s or {}).get("matches", [])
                ],
            }
        )
    return {
        "items": items,
        "parties": parties,
        "destination": data.get("destination") or "",
        "end_use": data.get("end_use") or "",
        "exporter": (data.get("exporter") or {}).get("name", ""),
    }
