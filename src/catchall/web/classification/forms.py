"""The classification form: a kind, then one text field per parameter that matters for it."""

from __future__ import annotations

from functools import cache

from catchall.core.controls.criteria import leaves
from catchall.core.controls.lists import packaged_library
from catchall.core.vocabulary import vocabulary


@cache
def parameters_for_kind(kind: str) -> list[str]:
    """Parameters that any entry applicable to ``kind`` tests, in vocabulary order."""
    vocab = vocabulary()
    kinds = vocab.kind_family(kind)
    used: set[str] = set()
    lib = packaged_library()
    for name in lib.list_names:
        for version in lib.versions(name):
            for e in version.entries.values():
                if not e.applies_to(kinds):
                    continue
                nodes = [e.criteria, *(x.criteria for x in e.exclusions)]
                for node in nodes:
                    for leaf in leaves(node):
                        used |= leaf.params()
    return [p for p in vocab.parameters if p in used]


def item_from_form(data) -> dict:
    """Turn submitted form fields into the item format (empty fields are left out)."""
    vocab = vocabulary()
    params: dict = {}
    for name, pdef in vocab.parameters.items():
        raw = (data.get(f"p_{name}") or "").strip()
        if not raw:
            continue
        if pdef.type == "count":
            params[name] = int(raw) if raw.lstrip("-").isdigit() else raw
        elif pdef.type == "bool":
            params[name] = raw == "yes" if raw in ("yes", "no") else raw
        elif pdef.accepts_standard and (data.get(f"s_{name}") or "").strip():
            params[name] = {"value": raw, "standard": data.get(f"s_{name}").strip()}
        else:
            params[name] = raw
    return {
        "description": (data.get("description") or "").strip(),
        "kind": (data.get("kind") or "").strip(),
        "parameters": params,
    }
