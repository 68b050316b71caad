"""Criteria of control-list entries: a small expression tree evaluated in three-valued logic.

A comparison on a parameter the item does not state is *unknown*, so the classifier can say
which missing facts would decide an entry instead of guessing.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from catchall.core import chemicals, units
from catchall.core.errors import InputError
from catchall.core.items import Item
from catchall.core.vocabulary import ParamDef, vocabulary

OPS = {"gt": ">", "ge": "≥", "lt": "<", "le": "≤", "eq": "="}
BAND_OPS = {"gt_by": "gt", "ge_by": "ge", "lt_by": "lt", "le_by": "le"}

# Three-valued truth: True, False or None (unknown).
Truth = bool | None


@dataclass
class Leaf:
    """A test of one parameter. ``uid`` identifies it for near-miss and missing-fact analysis."""

    uid: int
    param: str
    label: str = ""
    assume: bool | None = None
    standard: str | None = None

    def params(self) -> set[str]:
        return {self.param}


@dataclass
class Compare(Leaf):
    op: str = "ge"
    threshold: float | int = 0
    plus_param: str | None = None
    plus_times: float = 0.0

    def limit(self, item: Item) -> float | None:
        if self.plus_param is None:
            return self.threshold
        other = item.get(self.plus_param)
        if other is None:
            return None
        return self.threshold + float(other.value) * self.plus_times

    def params(self) -> set[str]:
        return {self.param} | ({self.plus_param} if self.plus_param else set())


@dataclass
class Match(Leaf):
    """Boolean or enum equality / membership."""

    allowed: tuple[Any, ...] = ()


@dataclass
class Band:
    lower: float | None  # inclusive
    upper: float | None  # exclusive
    threshold: float


@dataclass
class Banded(Leaf):
    op: str = "le"
    by: str = ""
    bands: list[Band] = field(default_factory=list)

    def limit(self, item: Item) -> float | None:
        other = item.get(self.by)
        if other is None:
            return None
        return self.limit_for(float(other.value))

    def limit_for(self, v: float) -> float | None:
        """The threshold for a value ``v`` of the banding parameter (an axis travel)."""
        for band in self.bands:
            if (band.lower is None or v >= band.lower) and (band.upper is None or v < band.upper):
                return band.threshold
        return None

    def params(self) -> set[str]:
        return {self.param, self.by}


@dataclass
class Group:
    mode: str  # all | any | not
    children: list[Node]
    label: str = ""


Node = Leaf | Group


def leaves(node: Node) -> Iterator[Leaf]:
    if isinstance(node, Group):
        for child in node.children:
            yield from leaves(child)
    else:
        yield node


# --------------------------------------------------------------------------- parsing


class _Ids:
    def __init__(self) -> None:
        self.n = 0

    def next(self) -> int:
        self.n += 1
        return self.n


def parse_criteria(raw: Any, where: str, ids: _Ids | None = None) -> Group:
    """Parse a criteria list (implicit ``all``) from list data; errors name ``where``."""
    ids = ids or _Ids()
    if raw is None:
        return Group("all", [])
    if not isinstance(raw, list):
        raise InputError("criteria must be a list", where)
    return Group("all", [_parse_node(n, f"{where}[{i}]", ids) for i, n in enumerate(raw)])


NODE_KEYS = {
    "label",
    "param",
    "assume",
    "standard",
    "is",
    "in",
    "plus",
    "bands",
    "all",
    "any",
    "not",
}
NODE_KEYS |= set(OPS) | set(BAND_OPS)


def _parse_node(raw: Any, where: str, ids: _Ids) -> Node:
    if not isinstance(raw, dict):
        raise InputError("a criterion must be a mapping", where)
    unknown = sorted(set(raw) - NODE_KEYS)
    if unknown:
        raise InputError(f"unknown key(s) {', '.join(map(str, unknown))} in a criterion", where)
    label = str(raw.get("label", ""))
    for mode in ("all", "any"):
        if mode in raw:
            kids = raw[mode]
            if not isinstance(kids, list) or not kids:
                raise InputError(f"{mode} needs a non-empty list", where)
            return Group(
                mode,
                [_parse_node(k, f"{where}.{mode}[{i}]", ids) for i, k in enumerate(kids)],
                label,
            )
    if "not" in raw:
        return Group("not", [_parse_node(raw["not"], f"{where}.not", ids)], label)
    name = raw.get("param")
    pdef = vocabulary().parameters.get(name) if isinstance(name, str) else None
    if pdef is None:
        raise InputError(f"unknown parameter {name!r}", where)
    assume = raw.get("assume")
    if assume is not None and not isinstance(assume, bool):
        raise InputError("assume must be true or false", where)
    common = dict(
        uid=ids.next(), param=name, label=label, assume=assume, standard=raw.get("standard")
    )

    if "is" in raw or "in" in raw:
        allowed = (raw["is"],) if "is" in raw else tuple(raw["in"])
        allowed = tuple(_check_match_value(pdef, v, where) for v in allowed)
        return Match(**common, allowed=allowed)

    band_op = next((k for k in BAND_OPS if k in raw), None)
    if band_op:
        by = raw[band_op]
        bdef = vocabulary().parameters.get(by)
        if bdef is None or bdef.type != "quantity":
            raise InputError(f"{band_op} must name a quantity parameter, not {by!r}", where)
        bands = []
        for i, b in enumerate(raw.get("bands") or []):
            bw = f"{where}.bands[{i}]"
            lower = _num(bdef, b["from"], bw) if "from" in b else None
            upper = _num(bdef, b["below"], bw) if "below" in b else None
            bands.append(Band(lower, upper, _num(pdef, b.get("value"), bw)))
        if not bands:
            raise InputError("banded threshold needs bands", where)
        return Banded(**common, op=BAND_OPS[band_op], by=by, bands=bands)

    op = next((k for k in OPS if k in raw), None)
    if op is None:
        raise InputError("criterion needs one of ge/gt/le/lt/eq/is/in/any/all/not", where)
    threshold = _num(pdef, raw[op], where)
    plus = raw.get("plus")
    plus_param, plus_times = None, 0.0
    if plus is not None:
        plus_param = plus.get("param")
        if plus_param not in vocabulary().parameters:
            raise InputError(f"plus names unknown parameter {plus_param!r}", where)
        # The formula is written as in the regulations: "(1.7 + L/1000) µm" with L in the other
        # parameter's canonical unit (mm for lengths) and the result in the threshold's own unit.
        written = str(raw[op]).strip().translate(str.maketrans({"µ": "u", "μ": "u"}))
        unit_text = written.lstrip("0123456789.eE+- ") or units.canonical_unit(pdef.dimension)
        per_unit = units.to_canonical(units.ureg.Quantity(1, unit_text), pdef.dimension)
        plus_times = float(plus.get("times", 1.0)) * per_unit
    return Compare(
        **common, op=op, threshold=threshold, plus_param=plus_param, plus_times=plus_times
    )


def _num(pdef: ParamDef, raw: Any, where: str) -> float:
    if pdef.type in ("count", "number"):
        if isinstance(raw, bool) or not isinstance(raw, int | float):
            raise InputError(f"{pdef.name} threshold must be a number", where)
        return raw
    if pdef.type != "quantity":
        raise InputError(f"{pdef.name} is {pdef.type}; use is/in", where)
    try:
        return units.to_canonical(units.parse_quantity(raw, pdef.dimension), pdef.dimension)
    except InputError as exc:
        raise exc.prefixed(where) from None


def _check_match_value(pdef: ParamDef, v: Any, where: str) -> Any:
    """``v`` as items carry it (a CAS number normalised); InputError when it cannot be one."""
    if pdef.type == "bool" and isinstance(v, bool):
        return v
    if pdef.type == "enum" and v in pdef.values:
        return v
    if pdef.type == "identifier" and pdef.format == "cas":
        try:
            return chemicals.normalise_cas(v)
        except InputError as exc:
            raise exc.prefixed(where) from None
    if pdef.type == "identifier" and isinstance(v, str):
        known = chemicals.catalogue().named(v)
        if known is not None and known.name == v:
            return v
        raise InputError(f"{v!r} is not a substance name of data/chemicals.yaml", where)
    raise InputError(f"{v!r} is not a valid value of {pdef.name}", where)


# --------------------------------------------------------------------------- evaluation


@dataclass
class LeafResult:
    leaf: Leaf
    met: Truth
    value: str | None
    threshold: str | None
    assumed: bool = False
    gap: float | None = None  # relative distance to the threshold when not met (0.2 = 20 %)
    warning: str | None = None
    item_standard: str | None = None  # set with ``warning``: the edition the value was measured to
    distance: float | None = None  # relative distance to the threshold, met or not

    def as_dict(self) -> dict[str, Any]:
        leaf = self.leaf
        out: dict[str, Any] = {
            "criterion": leaf.label or describe(leaf),
            "parameter": leaf.param,
            "op": _op_text(leaf),
            "value": self.value,
            "threshold": self.threshold,
            "met": self.met,
        }
        if self.assumed:
            out["assumed"] = True
        if self.warning:
            out["warning"] = self.warning
        return out


def _op_text(leaf: Leaf) -> str:
    if isinstance(leaf, Compare | Banded):
        return OPS[leaf.op]
    return "is" if len(leaf.allowed) == 1 else "in"


def describe(leaf: Leaf) -> str:
    pdef = vocabulary().parameters[leaf.param]
    name = leaf.param.replace("_", " ")
    if isinstance(leaf, Match):
        if pdef.type == "bool":  # "numerical control: yes", never the bare code
            return f"{pdef.label.lower()}: {'yes' if leaf.allowed == (True,) else 'no'}"
        values = ", ".join(str(v).replace("_", " ") for v in leaf.allowed)
        return f"{name} {'is' if len(leaf.allowed) == 1 else 'is one of'} {values}"
    if isinstance(leaf, Banded):
        return f"{name} {OPS[leaf.op]} threshold set by {leaf.by.replace('_', ' ')}"
    assert isinstance(leaf, Compare)
    text = f"{name} {OPS[leaf.op]} {_fmt(pdef, leaf.threshold)}"
    if leaf.plus_param:
        text += f" + {leaf.plus_times:g} × {leaf.plus_param.replace('_', ' ')}"
    return text


def _fmt(pdef: ParamDef, v: float | int) -> str:
    if pdef.type in ("count", "number"):
        return str(int(v)) if float(v).is_integer() else str(v)
    return units.format_quantity(float(v), pdef.dimension)


def _compare(op: str, v: float, t: float) -> bool:
    # Rounding noise from unit conversion must not flip a value that equals its threshold.
    eps = 1e-9 * max(abs(t), 1e-12)
    if op == "ge":
        return v >= t - eps
    if op == "gt":
        return v > t + eps
    if op == "le":
        return v <= t + eps
    if op == "lt":
        return v < t - eps
    return abs(v - t) <= eps


def eval_leaf(leaf: Leaf, item: Item) -> LeafResult:
    pdef = vocabulary().parameters[leaf.param]
    pv = item.get(leaf.param)
    if isinstance(leaf, Match):
        shown = ", ".join(
            "yes" if a is True else "no" if a is False else str(a) for a in leaf.allowed
        )
        if pv is None:
            if leaf.assume is not None:
                return LeafResult(leaf, leaf.assume, "not stated", shown, assumed=True)
            return LeafResult(leaf, None, None, shown)
        return LeafResult(leaf, pv.value in leaf.allowed, pv.display(), shown)

    assert isinstance(leaf, Compare | Banded)
    if pv is not None and pv.axes and isinstance(leaf, Banded):
        return _eval_banded_axes(leaf, pv, item)
    limit = leaf.limit(item)
    threshold_text = _fmt(pdef, limit) if limit is not None else None
    if pv is None or limit is None:
        if leaf.assume is not None:
            return LeafResult(leaf, leaf.assume, "not stated", threshold_text, assumed=True)
        return LeafResult(leaf, None, pv.display() if pv else None, threshold_text)
    v = float(pv.value)
    met = _compare(leaf.op, v, limit)
    gap = None
    if not met and limit:
        gap = abs(v - limit) / abs(limit)
    warning = None
    if leaf.standard and pv.standard and _norm_std(pv.standard) != _norm_std(leaf.standard):
        warning = (
            f"value measured per {pv.standard}, threshold set per {leaf.standard}: "
            "figures are not directly comparable; an expert should confirm"
        )
    return LeafResult(
        leaf,
        met,
        pv.display(),
        threshold_text,
        gap=gap,
        warning=warning,
        item_standard=pv.standard if warning else None,
        distance=abs(v - limit) / abs(limit) if limit else None,
    )


def _eval_banded_axes(leaf: Banded, pv: Any, item: Item) -> LeafResult:
    """A figure given per axis against a limit set by travel ("along one or more linear axis
    with a travel length ..."): each axis is read in its own travel band; the criterion holds
    when one axis meets the limit of its band. An axis without its own travel takes the item's
    ``axis_travel`` (the criterion is unknown for it if neither is stated)."""
    pdef = vocabulary().parameters[leaf.param]
    common = item.get(leaf.by)
    met: Truth = False
    gaps: list[float] = []
    distances: list[float] = []
    limits: list[str] = []
    warning = item_standard = None
    for a in pv.axes:
        travel = a.travel if a.travel is not None else (float(common.value) if common else None)
        limit = leaf.limit_for(travel) if travel is not None else None
        if limit is None:
            limits.append(f"{a.name}: travel not stated")
            if met is False:
                met = None
            continue
        limits.append(f"{a.name}: {_fmt(pdef, limit)}")
        ok = _compare(leaf.op, a.value, limit)
        if limit:
            distances.append(abs(a.value - limit) / abs(limit))
            if not ok:
                gaps.append(abs(a.value - limit) / abs(limit))
        if ok:
            met = True
        std = a.standard or pv.standard
        if leaf.standard and std and _norm_std(std) != _norm_std(leaf.standard):
            warning = (
                f"value measured per {std}, threshold set per {leaf.standard}: "
                "figures are not directly comparable; an expert should confirm"
            )
            item_standard = std
    return LeafResult(
        leaf,
        met,
        pv.display(),
        "; ".join(limits) + " (each axis in its own travel band)",
        gap=min(gaps) if met is False and gaps else None,
        warning=warning,
        item_standard=item_standard,
        distance=min(distances) if distances else None,
    )


def _norm_std(s: str) -> str:
    return "".join(s.lower().split()).replace("/", "-")


def evaluate(
    node: Node, results: dict[int, LeafResult], forced: dict[int, Truth] | None = None
) -> Truth:
    """Combine leaf results (optionally with some leaves forced) in Kleene logic."""
    if isinstance(node, Leaf):
        if forced and node.uid in forced:
            return forced[node.uid]
        return results[node.uid].met
    vals = [evaluate(c, results, forced) for c in node.children]
    if node.mode == "not":
        v = vals[0]
        return None if v is None else not v
    if node.mode == "all":
        if any(v is False for v in vals):
            return False
        return None if any(v is None for v in vals) else True
    if any(v is True for v in vals):
        return True
    return None if any(v is None for v in vals) else False
