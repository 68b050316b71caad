"""An item parameter's value as stored in an application (JSON), in words for a page.

Per-axis figures and figures with their measurement standard are objects in the application
format; printed as they are, a page showed Python dict reprs."""

from __future__ import annotations

from typing import Any


def _figure(v: Any) -> str:
    if isinstance(v, dict) and "value" in v:
        extra = []
        if v.get("travel"):
            extra.append(f"over a travel of {v['travel']}")
        if v.get("standard"):
            extra.append(str(v["standard"]))
        return str(v["value"]) + (f" ({', '.join(extra)})" if extra else "")
    return parameter_value(v)


def parameter_value(value: Any) -> str:
    """True -> "yes"; {"value": "5 um", "standard": "ISO 230-2:1988"} -> "5 um (ISO 230-2:1988)";
    {"X": {"value": "0.8 um", "travel": "1.2 m"}, ...} -> "X: 0.8 um (over a travel of 1.2 m); ..."."""
    if value is True:
        return "yes"
    if value is False:
        return "no"
    if value is None:
        return "not given"
    if isinstance(value, dict):
        if "value" in value:
            return _figure(value)
        return "; ".join(f"{axis}: {_figure(v)}" for axis, v in value.items())
    if isinstance(value, list | tuple):
        return ", ".join(parameter_value(v) for v in value)
    return str(value)
