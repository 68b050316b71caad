"""Threshold cases for the missile-technology entries: one parameter moved around its limit.

``edges(entry, kind, base, param, controlled=[...], not_controlled=[...])`` gives one case per
value: the entry must match the base item with ``param`` set to each ``controlled`` value and
must not match it with each ``not_controlled`` value. Each threshold is written at, just below
and just above its limit, in the list's unit and in a second unit.
"""

from __future__ import annotations

from typing import Any

from tests.core.controls.entry_cases import case, with_


def edges(
    entry: str,
    kind: str,
    base: dict[str, Any],
    param: str,
    controlled: list[Any] = (),
    not_controlled: list[Any] = (),
) -> list:
    out = []
    for v in controlled:
        out.append(case(f"{entry}-{param}={v}-in", kind, with_(base, **{param: v}), [entry]))
    for v in not_controlled:
        out.append(case(f"{entry}-{param}={v}-out", kind, with_(base, **{param: v}), [], [entry]))
    return out
