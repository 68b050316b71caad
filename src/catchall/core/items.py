"""The item format: parse and validate a user's description of an item.

An item is the public contract of classification (JSON or YAML):

    {"description": "...", "kind": "machine_tool.milling",
     "parameters": {"contouring_axes": 5, "positioning_repeatability": "0.8 um", ...}}

A parameter marked ``per_axis`` in the vocabulary may instead be given per linear axis, each
with its own travel: {"X": {"value": "0.8 um", "travel": "1.2 m"}, "Y": {...}}.

Every problem is collected and reported with the path of its field, so a user fixes them all
in one go.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

import yaml

from catchall.core import chemicals, units
from catchall.core.document_check import check_document
from catchall.core.errors import InputError, Problem
from catchall.core.vocabulary import ParamDef, vocabulary

ITEM_KEYS = ("description", "kind", "parameters")
# An item the taxonomy has no kind for: it is described in words and rated by a technical
# expert; the classifier never decides it (``controlled`` is None).
OTHER_KIND = "other"
MAX_DESCRIPTION = 2000
# Axis names as ISO 841 writes them (X, Y, Z, U, V, W, ...), with an optional digit (X1, X2).
AXIS_NAME_PATTERN = "^[A-Za-z][0-9]?$"
MAX_AXES = 20


@dataclass(frozen=True)
class AxisValue:
    """One axis's figure with the travel it was measured over (canonical mm), if stated."""

    name: str
    value: float
    text: str
    travel: float | None = None
    travel_text: str | None = None
    standard: str | None = None

    def display(self) -> str:
        travel = f", travel {self.travel_text}" if self.travel_text else ""
        std = f", {self.standard}" if self.standard else ""
        return f"{self.name} {self.text}{travel}{std}"


@dataclass(frozen=True)
class ParamValue:
    """A validated parameter value: canonical magnitude for quantities, plus what the user wrote."""

    name: str
    value: float | int | bool | str  # canonical magnitude for quantities
    text: str  # as the user wrote it, for traces
    standard: str | None = None  # measurement standard stated with the value, if any
    # Per-axis figures, when given per axis; ``value`` is then the best (smallest) axis's.
    axes: tuple[AxisValue, ...] = ()
    derived: bool = False  # filled from another parameter; not written back by as_dict

    def display(self) -> str:
        return self.text


@dataclass(frozen=True)
class Item:
    kind: str
    description: str = ""
    parameters: dict[str, ParamValue] = field(default_factory=dict)

    def get(self, name: str) -> ParamValue | None:
        return self.parameters.get(name)

    def as_dict(self) -> dict[str, Any]:
        params: dict[str, Any] = {}
        for name, pv in self.parameters.items():
            if pv.derived:
                continue
            if pv.axes:
                params[name] = {
                    a.name: {
                        "value": a.text,
                        **({"travel": a.travel_text} if a.travel_text else {}),
                        **({"standard": a.standard} if a.standard else {}),
                    }
                    for a in pv.axes
                }
            elif pv.standard:
                params[name] = {"value": pv.text, "standard": pv.standard}
            elif isinstance(pv.value, bool | int) or vocabulary().parameters[name].type in (
                "enum",
                "number",
                "identifier",
            ):
                params[name] = pv.value
            else:
                params[name] = pv.text
        return {"description": self.description, "kind": self.kind, "parameters": params}


MAX_DOCUMENT_CHARS = 1_000_000  # an application or item document; far above any real one


class _AnchorFound(Exception):
    def __init__(self, mark):
        self.mark = mark


class _NoAliasLoader(yaml.SafeLoader):
    """Safe YAML without anchors and aliases: an alias repeats a node without repeating its
    text, so a few hundred bytes can expand to megabytes once stored or audited as JSON."""

    def compose_node(self, parent, index):
        event = self.peek_event()
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            raise _AnchorFound(event.start_mark)
        return super().compose_node(parent, index)


def load_document(text: str, what: str = "file", max_chars: int = MAX_DOCUMENT_CHARS) -> Any:
    """Parse JSON or YAML text; a syntax error becomes an InputError with its position.

    Documents longer than ``max_chars``, YAML anchors and aliases, and nesting too deep to
    parse are refused with a message naming ``what``; so is what parses but no service can
    store (NaN or infinity, a NUL, a lone surrogate: core.document_check), naming its field.
    """
    data = _parse_document(text, what, max_chars)
    check_document(data)
    return data


def _parse_document(text: str, what: str, max_chars: int) -> Any:
    if len(text) > max_chars:
        raise InputError(
            f"longer than {max_chars:,} characters ({max_chars // 1_000_000} MB); "
            "a document this large is not an application or an item",
            what,
        )
    stripped = text.lstrip()
    if not stripped:
        raise InputError(f"{what} is empty")
    try:
        if stripped[0] in "{[":
            try:
                return json.loads(text)
            except json.JSONDecodeError as exc:
                raise InputError(
                    f"malformed JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}", what
                ) from None
        try:
            return yaml.load(text, Loader=_NoAliasLoader)  # a SafeLoader
        except _AnchorFound as exc:
            raise InputError(
                f"YAML anchors and aliases are not accepted (line {exc.mark.line + 1}, "
                f"column {exc.mark.column + 1}); write each value out in full",
                what,
            ) from None
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
            problem = getattr(exc, "problem", None) or "syntax error"
            raise InputError(f"malformed YAML{where}: {problem}", what) from None
    except RecursionError:
        raise InputError("nested too deeply", what) from None
    except InputError:
        raise  # already says what is wrong (an InputError is a ValueError too)
    except ValueError as exc:  # JSONDecodeError and YAMLError are handled above
        raise InputError(unreadable(exc), what) from None


def unreadable(exc: ValueError) -> str:
    """Why parsed text could not become values, in words: Python refuses to read an integer
    of more than sys.get_int_max_str_digits() digits (its message names a sys function)."""
    import sys

    if "integer string conversion" in str(exc):
        return f"a number in it has more than {sys.get_int_max_str_digits():,} digits"
    return f"cannot be read: {exc}"


def parse_item(data: Any, *, extra_keys: tuple[str, ...] = ()) -> Item:
    """Validate ``data`` against the item format; raise InputError listing every problem."""
    if not isinstance(data, dict):
        raise InputError("an item must be an object with description, kind and parameters")
    problems: list[Problem] = []
    for key in data:
        if key not in ITEM_KEYS and key not in extra_keys:
            problems.append(Problem(str(key), "unknown field"))

    description = data.get("description", "")
    if description is None:
        description = ""
    if not isinstance(description, str):
        problems.append(Problem("description", "must be text"))
        description = ""
    elif len(description) > MAX_DESCRIPTION:
        problems.append(Problem("description", f"longer than {MAX_DESCRIPTION} characters"))

    vocab = vocabulary()
    kind = data.get("kind")
    if kind is None or kind == "":
        problems.append(Problem("kind", "required; one of " + _kind_hint()))
    elif not isinstance(kind, str) or kind not in vocab.kinds:
        problems.append(Problem("kind", f"unknown kind {kind!r}; one of " + _kind_hint()))

    raw_params = data.get("parameters", {})
    if raw_params is None:
        raw_params = {}
    params: dict[str, ParamValue] = {}
    if not isinstance(raw_params, dict):
        problems.append(Problem("parameters", "must be an object of name: value"))
    else:
        for name, raw in raw_params.items():
            pdef = vocab.parameters.get(name)
            path = f"parameters.{name}"
            if pdef is None:
                problems.append(Problem(path, "unknown parameter" + _suggest(str(name))))
                continue
            try:
                params[name] = parse_value(pdef, raw)
            except InputError as exc:
                problems.extend(exc.prefixed(path).problems)

    problems.extend(_check_axes(params))
    problems.extend(_check_chemical(params))
    if kind == OTHER_KIND and isinstance(description, str) and not description.strip():
        problems.append(Problem("description", "required for an item of kind other"))
    if problems:
        raise InputError(problems)
    return Item(kind=kind, description=description.strip(), parameters=_derive(params))


def _count(params: dict[str, ParamValue], name: str) -> int | None:
    pv = params.get(name)
    return None if pv is None else int(pv.value)


def _check_axes(params: dict[str, ParamValue]) -> list[Problem]:
    """Axis counts that contradict each other are an input error, not a classification."""
    out = []
    linear, rotary = _count(params, "linear_axes"), _count(params, "rotary_axes")
    contouring, rot_cont = (
        _count(params, "contouring_axes"),
        _count(params, "rotary_contouring_axes"),
    )
    if rot_cont is not None and rotary is not None and rot_cont > rotary:
        out.append(
            Problem(
                "parameters.rotary_contouring_axes",
                f"{rot_cont} is more than rotary_axes ({rotary})",
            )
        )
    if rot_cont is not None and contouring is not None and rot_cont > contouring:
        out.append(
            Problem(
                "parameters.rotary_contouring_axes",
                f"{rot_cont} is more than contouring_axes ({contouring})",
            )
        )
    if (
        contouring is not None
        and linear is not None
        and rotary is not None
        and contouring > linear + rotary
    ):
        out.append(
            Problem(
                "parameters.contouring_axes",
                f"{contouring} is more than linear_axes + rotary_axes ({linear} + {rotary})",
            )
        )
    return out


def _check_chemical(params: dict[str, ParamValue]) -> list[Problem]:
    """A known substance named with another substance's CAS number is an input error."""
    name, cas = params.get("substance"), params.get("cas_number")
    if name is None or cas is None:
        return []
    known = chemicals.catalogue().named(str(name.value))
    if known is None or not known.cas or cas.value in known.cas:
        return []
    return [
        Problem(
            "parameters.cas_number",
            f"{cas.value} is not the CAS number of {known.name} "
            f"({', '.join(known.cas)}); check the name or the number",
        )
    ]


def _derive_chemical(params: dict[str, ParamValue]) -> dict[str, ParamValue]:
    """A chemical named in words gains its CAS number, and one given by CAS number its name,
    when the catalogue knows it: entries written against either then decide."""
    cat = chemicals.catalogue()
    name, cas = params.get("substance"), params.get("cas_number")
    if name is not None and cas is None:
        known = cat.named(str(name.value))
        if known is not None and known.cas:
            params = dict(params)
            params["cas_number"] = ParamValue(
                "cas_number", known.cas[0], f"{known.cas[0]} (derived: CAS number of {known.name})"
            )
    elif cas is not None and name is None:
        known = cat.by_cas.get(str(cas.value))
        if known is not None:
            params = dict(params)
            params["substance"] = ParamValue(
                "substance", known.name, f"{known.name} (derived: CAS {cas.value})"
            )
    return params


def _derive(params: dict[str, ParamValue]) -> dict[str, ParamValue]:
    """Fill parameters that follow from others (a machine with no rotary axes has no rotary
    contouring axes; a per-axis accuracy gives the x-axis figures; a chemical's CAS number from
    its name); the trace shows the value as derived."""
    params = _derive_chemical(params)
    acc = params.get("positioning_accuracy")
    x = next((a for a in acc.axes if a.name.upper() == "X"), None) if acc else None
    if x is not None:
        params = dict(params)
        if "x_axis_positioning_accuracy" not in params:
            params["x_axis_positioning_accuracy"] = ParamValue(
                "x_axis_positioning_accuracy",
                x.value,
                f"{x.text} (derived: X of positioning_accuracy)",
                x.standard,
                derived=True,
            )
        if "x_axis_travel" not in params and x.travel is not None:
            params["x_axis_travel"] = ParamValue(
                "x_axis_travel",
                x.travel,
                f"{x.travel_text} (derived: X of positioning_accuracy)",
                derived=True,
            )
    if "rotary_contouring_axes" not in params:
        for source in ("rotary_axes", "contouring_axes"):
            if _count(params, source) == 0:
                params = dict(params)
                params["rotary_contouring_axes"] = ParamValue(
                    "rotary_contouring_axes", 0, f"0 (derived: {source} is 0)"
                )
                break
    return params


def parse_value(pdef: ParamDef, raw: Any) -> ParamValue:
    """Validate one parameter value against its definition."""
    if raw is None:
        raise InputError("no value given")
    if pdef.type == "count":
        if isinstance(raw, bool):
            raise InputError(f"must be a whole number, not {str(raw).lower()}")
        if isinstance(raw, str) and raw.strip().lstrip("-").isdigit():
            raw = int(raw.strip())
        if isinstance(raw, float) and raw.is_integer():
            raw = int(raw)
        if not isinstance(raw, int):
            raise InputError(f"{raw!r} is not a whole number")
        if raw < 0:
            raise InputError(f"must not be negative (got {raw})")
        if raw > 1000:
            raise InputError(f"{raw} is not a plausible count")
        return ParamValue(pdef.name, raw, str(raw))
    if pdef.type == "number":
        # A plain number without a unit (a Mach number, a level in dB as the entry states it).
        if isinstance(raw, str):
            try:
                raw = float(raw.strip())
            except ValueError:
                raise InputError(f"{raw!r} is not a number") from None
        if isinstance(raw, bool) or not isinstance(raw, int | float) or raw != raw:
            raise InputError(f"{raw!r} is not a number")
        if raw < 0 or raw in (float("inf"), float("-inf")):
            raise InputError(f"must be a finite number not below 0 (got {raw})")
        return ParamValue(pdef.name, raw, f"{raw:g}")
    if pdef.type == "bool":
        if isinstance(raw, str) and raw.strip().lower() in ("true", "yes", "false", "no"):
            raw = raw.strip().lower() in ("true", "yes")
        if not isinstance(raw, bool):
            raise InputError(f"{raw!r} is not true or false")
        return ParamValue(pdef.name, raw, "yes" if raw else "no")
    if pdef.type == "enum":
        if not isinstance(raw, str) or raw not in pdef.values:
            raise InputError(f"{raw!r} is not one of {', '.join(pdef.values)}")
        return ParamValue(pdef.name, raw, raw)
    if pdef.type == "identifier":
        if pdef.format == "cas":
            cas = chemicals.normalise_cas(raw)
            return ParamValue(pdef.name, cas, cas)
        name = chemicals.normalise_substance(raw)
        return ParamValue(pdef.name, name, raw.strip())
    # quantity
    standard = None
    if isinstance(raw, dict) and pdef.per_axis and not ({"value", "standard"} & set(raw)):
        return _parse_axes(pdef, raw)
    if isinstance(raw, dict):
        if not pdef.accepts_standard:
            if pdef.per_axis:
                raise InputError(
                    'give a quantity with a unit as text, e.g. "0.8 um", or one per axis, e.g. '
                    '{"X": {"value": "0.8 um", "travel": "1.2 m"}}'
                )
            raise InputError('give a quantity with a unit as text, e.g. "0.8 um"')
        unknown = set(raw) - {"value", "standard"}
        if unknown:
            raise InputError(
                f"unknown field(s) {', '.join(sorted(unknown))}; use value and standard"
            )
        standard = raw.get("standard")
        if standard is not None and not isinstance(standard, str):
            raise InputError('standard must be text such as "ISO 230-2:1988"')
        raw = raw.get("value")
    assert pdef.dimension is not None
    magnitude = units.parse_canonical(raw, pdef.dimension)
    if magnitude < 0 and pdef.dimension != "temperature":
        raise InputError(f'must not be negative (got "{raw}")')
    return ParamValue(
        pdef.name, magnitude, str(raw).strip(), standard.strip() if standard else None
    )


def _parse_axes(pdef: ParamDef, raw: dict) -> ParamValue:
    """A per-axis figure: {X: {value, travel[, standard]}, ...}; problems name the axis."""
    import re

    if not raw:
        raise InputError("give at least one axis")
    if len(raw) > MAX_AXES:
        raise InputError(f"more than {MAX_AXES} axes")
    problems: list[Problem] = []
    axes: list[AxisValue] = []
    allowed = {"value", "travel"} | ({"standard"} if pdef.accepts_standard else set())
    for name, spec in raw.items():
        where = str(name)
        if not isinstance(name, str) or not re.match(AXIS_NAME_PATTERN, name):
            problems.append(
                Problem(where, "an axis name is a letter with an optional digit (X, Y, Z, X2)")
            )
            continue
        if isinstance(spec, str):
            spec = {"value": spec}
        if not isinstance(spec, dict):
            problems.append(Problem(where, 'expected {"value": "0.8 um", "travel": "1.2 m"}'))
            continue
        unknown = set(spec) - allowed
        if unknown:
            problems.append(
                Problem(
                    where,
                    f"unknown field(s) {', '.join(sorted(map(str, unknown)))}; use "
                    + ", ".join(sorted(allowed)),
                )
            )
            continue
        standard = spec.get("standard")
        if standard is not None and not isinstance(standard, str):
            problems.append(Problem(f"{where}.standard", 'must be text such as "ISO 230-2:1988"'))
            continue
        try:
            if spec.get("value") is None:
                raise InputError("no value given", "value")
            try:
                value = units.parse_canonical(spec["value"], pdef.dimension or "")
            except InputError as exc:
                raise exc.prefixed("value") from None
            if value < 0:
                raise InputError(f'must not be negative (got "{spec["value"]}")', "value")
            travel = travel_text = None
            if spec.get("travel") is not None:
                try:
                    travel = units.parse_canonical(spec["travel"], "length")
                except InputError as exc:
                    raise exc.prefixed("travel") from None
                travel_text = str(spec["travel"]).strip()
        except InputError as exc:
            problems.extend(exc.prefixed(where).problems)
            continue
        axes.append(
            AxisValue(
                name,
                value,
                str(spec["value"]).strip(),
                travel,
                travel_text,
                standard.strip() if standard else None,
            )
        )
    if problems:
        raise InputError(problems)
    best = min(axes, key=lambda a: a.value)
    standards = {a.standard for a in axes}
    return ParamValue(
        pdef.name,
        best.value,
        "; ".join(a.display() for a in axes),
        standards.pop() if len(standards) == 1 else None,
        tuple(axes),
    )


def _kind_hint() -> str:
    leaves = [k for k in vocabulary().kinds if "." in k]
    return ", ".join(leaves[:6]) + f", ... ({len(leaves)} kinds; see `catchall kinds`)"


def _suggest(name: str) -> str:
    from difflib import get_close_matches

    close = get_close_matches(name, list(vocabulary().parameters), n=1)
    return f"; did you mean {close[0]!r}?" if close else ""
