"""Reads of stored assessment results on behalf of a reader.

A case's assessment is the authority's: it may rest on partners' denials and confidential
lists. Where part of it goes to someone without the authority's clearance (a letter to the
exporter), :func:`assessment_for` keeps only what the reader may receive, as decided by
``accounts.confidentiality``: no consultations, no match on a list kept from the reader, and
no finding that cites one."""

from __future__ import annotations

from typing import Any

from catchall.web.accounts.confidentiality import may_receive_confidential

WITHHELD = "[withheld: rests on information kept by the authority]"


def assessment_for(result: dict[str, Any] | None, reader) -> dict[str, Any] | None:
    if result is None or may_receive_confidential(reader):
        return result
    from catchall.web.screening.selectors import lists_for

    public = set(lists_for(reader).values_list("name", flat=True))
    cited: set[str] = set()
    for p in result.get("parties") or []:
        for m in p.get("matches") or []:
            if m.get("list") not in public:
                cited |= {f" on {m.get('list')} ", f"{m.get('name')!r}"}
    for c in result.get("consultations") or []:
        cited |= {str(c.get(k)) for k in ("partner", "reference") if c.get(k)}
    cited.discard("")

    def clean(value: Any, key: str = "") -> Any:
        if key == "consultations":
            return []
        if key == "matches" and isinstance(value, list):
            return [clean(m) for m in value if m.get("list") in public]
        if isinstance(value, dict):
            return {k: clean(v, k) for k, v in value.items()}
        if isinstance(value, list):
            out = [clean(v) for v in value]
            return [v for v in out if v != WITHHELD]
        if isinstance(value, str) and any(c in value for c in cited):
            return WITHHELD
        return value

    return clean(result)
