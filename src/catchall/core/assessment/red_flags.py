"""The red-flag catalogue: coded "know your customer" warning signs, read from red_flags.yaml.

Applications cite red flags by code, so the codes are the contract; titles, weights and the
missile link are data an authority can replace (:func:`use_data`) without touching code.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from functools import cache
from typing import Any

from catchall.core.errors import InputError, Problem
from catchall.core.vocabulary import read_packaged_yaml

GROUPS = ("end_user", "product", "shipping", "finance", "site", "general")


@dataclass(frozen=True)
class RedFlag:
    code: str
    title: str
    group: str
    origin: str  # BIS | EU | HK | SG | an authority's own
    source: str  # readable citation
    missile_link: bool  # the flag by itself points to a missile/WMD-delivery end use
    weight: int  # 1 note, 2 enquire before proceeding, 3 stop until resolved
    verified: bool = True
    rationale: str = ""

    def as_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


def parse_red_flags(raw: dict) -> dict[str, RedFlag]:
    """Validate and parse a red-flag file (packaged or an authority's own)."""
    if not isinstance(raw, dict) or raw.get("format") != "catchall-red-flags/1":
        raise ValueError("red flags data: expected format: catchall-red-flags/1")
    sources = raw.get("sources") or {}
    out = {}
    for code, spec in raw["flags"].items():
        where = f"red flags data: flags.{code}"
        src = sources.get(spec.get("source"))
        if src is None:
            raise ValueError(f"{where}: unknown source {spec.get('source')!r}")
        if spec.get("group") not in GROUPS:
            raise ValueError(f"{where}: group must be one of {', '.join(GROUPS)}")
        if spec.get("weight") not in (1, 2, 3) or not isinstance(spec.get("missile_link"), bool):
            raise ValueError(f"{where}: needs weight 1-3 and missile_link true/false")
        cite = src["title"] + (f", {spec['section']}" if spec.get("section") else "")
        if src.get("url"):
            cite += f" <{src['url']}>"
        out[code] = RedFlag(
            code=code,
            title=spec["title"],
            group=spec["group"],
            origin=spec["origin"],
            source=cite,
            missile_link=spec["missile_link"],
            weight=spec["weight"],
            verified=bool(spec.get("verified", True)) and bool(src.get("verified", True)),
            rationale=" ".join(str(spec.get("rationale", "")).split()),
        )
    return out


@cache
def _packaged() -> dict[str, RedFlag]:
    return parse_red_flags(read_packaged_yaml("red_flags.yaml"))


_override: dict[str, RedFlag] | None = None


def use_data(raw: dict | None) -> None:
    """Install an authority's own catalogue (same format); ``None`` restores the packaged one."""
    global _override
    _override = None if raw is None else parse_red_flags(raw)


def catalogue() -> dict[str, RedFlag]:
    """Every red flag by code (a fresh dict: callers may not change the shared one)."""
    return dict(_override or _packaged())


def _normalise(code: str) -> str:
    return "_".join(code.strip().lower().replace("-", " ").split())


def resolve(codes: list[str]) -> list[RedFlag]:
    """The flags for ``codes`` (order kept, duplicates dropped); unknown codes are refused.

    Each unknown code is one problem at ``[index]`` with a did-you-mean, so a caller can nest
    them under its own field with :meth:`InputError.prefixed`.
    """
    if isinstance(codes, str) or not isinstance(codes, (list, tuple)):
        raise InputError("must be a list of red-flag codes")
    flags = _override or _packaged()
    out: dict[str, RedFlag] = {}
    problems = []
    for i, code in enumerate(codes):
        if not isinstance(code, str) or not code.strip():
            problems.append(Problem(f"[{i}]", "a red-flag code must be a non-empty string"))
            continue
        key = _normalise(code)
        if key in flags:
            out.setdefault(key, flags[key])
            continue
        close = difflib.get_close_matches(key, list(flags), n=1, cutoff=0.6)
        hint = f"; did you mean {close[0]!r}?" if close else ""
        problems.append(Problem(f"[{i}]", f"unknown red-flag code {code!r}{hint}"))
    if problems:
        raise InputError(problems)
    return list(out.values())
