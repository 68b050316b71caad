"""Shared helpers for the threshold tests of the packaged control-list entries.

A case is ``(kind, parameters, present, absent)``: classify the item against the packaged lists
in force on ``at`` and check which entry ids are (not) among the matched entries.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from catchall.core.controls.classifier import classify

# Dates that select a list version: the 2022 EU text, and a day when all packaged lists apply.
BEFORE_2B201_CHANGE = dt.date(2023, 6, 1)
AFTER_ALL = dt.date(2025, 1, 1)


def case(
    name: str,
    kind: str,
    parameters: dict[str, Any],
    present: tuple[str, ...] | list[str] = (),
    absent: tuple[str, ...] | list[str] = (),
    **kwargs: Any,
):
    """One parametrised case; extra keyword arguments become pytest.param marks or ids."""
    marks = kwargs.pop("marks", ())
    assert not kwargs, f"unknown case options {kwargs}"
    return pytest.param(kind, parameters, tuple(present), tuple(absent), id=name, marks=marks)


def with_(base: dict[str, Any], **changes: Any) -> dict[str, Any]:
    """A copy of ``base`` with ``changes``; a value of None removes the parameter."""
    out = dict(base)
    for k, v in changes.items():
        if v is None:
            out.pop(k, None)
        else:
            out[k] = v
    return out


def classify_dict(kind: str, parameters: dict[str, Any], at: dt.date | None = AFTER_ALL) -> dict:
    return classify(
        {"description": "test item", "kind": kind, "parameters": parameters}, at=at
    ).as_dict()


def check(
    kind: str,
    parameters: dict[str, Any],
    present: tuple[str, ...],
    absent: tuple[str, ...],
    at: dt.date | None = AFTER_ALL,
) -> dict:
    result = classify_dict(kind, parameters, at)
    found = {e["entry"] for e in result["entries"]}
    missing = [p for p in present if p not in found]
    unexpected = [a for a in absent if a in found]
    assert not missing and not unexpected, (
        f"expected {list(present)} present and {list(absent)} absent; "
        f"matched {sorted(found)}; near misses {[n['entry'] for n in result['near_misses']]}; "
        f"missing parameters {result['missing_parameters']}"
    )
    return result


def entry(result: dict, entry_id: str) -> dict:
    return next(e for e in result["entries"] if e["entry"] == entry_id)
