"""Parsing request input (forms and JSON) into service arguments, with field-level problems."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from catchall.core.errors import InputError, Problem


def day(value: Any, field: str, *, required: bool = False) -> dt.date | None:
    """An ISO date (YYYY-MM-DD) or None; anything else is a problem on ``field``."""
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            raise InputError("enter a date, like 2009-04-16", field)
        return None
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value).strip())
    except ValueError:
        shown = str(value).strip()[:40]
        raise InputError(f"“{shown}” is not a date: enter it like 2009-04-16", field) from None


def text(data, field: str, default: str = "") -> str:
    v = data.get(field, default)
    if v is None:
        return default
    if not isinstance(v, str):
        raise InputError("must be text", field)
    return v


def words(value: Any, field: str) -> list[str]:
    """A list from a JSON array or from text separated by commas or new lines."""
    if value is None:
        return []
    if isinstance(value, list):
        if not all(isinstance(x, str) for x in value):
            raise InputError("must be a list of text", field)
        return [x.strip() for x in value if x.strip()]
    if not isinstance(value, str):
        raise InputError("must be text or a list", field)
    return [x.strip() for x in value.replace("\n", ",").split(",") if x.strip()]


def declass(data) -> dict[str, Any]:
    return {
        "declass_on": day(data.get("declassify_on"), "declassify_on"),
        "declass_reason": text(data, "declassify_reason"),
    }


def collect(*steps: Callable[[], Any]) -> list[Any]:
    """Run each parser, collecting every problem before raising, so a user fixes all at once."""
    out, problems = [], []
    for step in steps:
        try:
            out.append(step())
        except InputError as exc:
            problems += exc.problems
            out.append(None)
    if problems:
        raise InputError(problems)
    return out


def problems_of(exc: Exception) -> list[Problem]:
    return list(getattr(exc, "problems", None) or [Problem("", str(exc))])
