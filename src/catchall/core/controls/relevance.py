"""Missile relevance of item kinds, from the packaged taxonomy ``data/machine_tools.yaml``.

The taxonomy is the technical experts' view of which production equipment is useful for
missiles; a kind inherits from its dotted prefix when it has no entry of its own.
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import Any

import yaml

LEVELS = ("high", "medium", "low")


@cache
def taxonomy() -> dict[str, dict[str, Any]]:
    path = resources.files("catchall") / "data" / "machine_tools.yaml"
    if not path.is_file():
        return {}
    raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return dict(raw.get("kinds") or {})


def missile_relevance(kind: str, table: dict[str, dict[str, Any]] | None = None) -> dict[str, Any]:
    """Level and missile uses for ``kind``; ``table`` lets an authority's edited taxonomy apply."""
    table = taxonomy() if table is None else table
    probe = kind
    while probe:
        spec = table.get(probe)
        if spec:
            return {
                "kind": kind,
                "level": spec.get("level", "low"),
                "uses": list(spec.get("uses") or ()),
                "rationale": spec.get("rationale", ""),
                "sources": list(spec.get("sources") or ()),
                "from_kind": probe,
            }
        probe = probe.rpartition(".")[0]
    return {
        "kind": kind,
        "level": "low",
        "uses": [],
        "rationale": "no entry in the taxonomy",
        "sources": [],
        "from_kind": None,
    }
