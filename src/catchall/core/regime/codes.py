"""Country and group tokens of release markings: names, trigraphs, digraphs and "MTCR".

Cables name countries in words ("C/REL Brazil/South Africa"), CAPCO uses ISO trigraphs
("REL TO USA, BRA, ZAF"), and groups such as "Rel MTCR Countries" stand for the partners on a
given day. Everything is resolved to ISO alpha-2 codes (or a group code) from the packaged
countries data, so the same marking reads the same whichever way it was typed.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from functools import cache

from catchall.core.errors import InputError
from catchall.core.vocabulary import read_packaged_yaml

# Group tokens behave like ISM tetragraphs; each resolves to a set of countries on a date.
GROUPS = {"MTCR": "MTCR partners"}
_GROUP_WORDS = {
    "mtcr",
    "mtcr countries",
    "mtcr partners",
    "mtcr partner countries",
    "mtcr members",
    "mtcr member countries",
    "mtcr partner",
}
# Names common in cables that the ISO data spells otherwise.
_EXTRA = {"uk": "GB", "britain": "GB", "great britain": "GB", "rok": "KR", "korea": "KR"}


@cache
def _table() -> tuple[dict[str, str], dict[str, str], dict[str, str]]:
    """(token -> alpha-2, alpha-2 -> alpha-3, alpha-2 -> name)."""
    raw = read_packaged_yaml("countries.yaml")["countries"]
    lookup: dict[str, str] = dict(_EXTRA)
    alpha3: dict[str, str] = {}
    names: dict[str, str] = {}
    for code, spec in raw.items():
        names[code] = spec["name"]
        lookup[code.casefold()] = code
        if spec.get("alpha3"):
            alpha3[code] = spec["alpha3"]
            lookup[spec["alpha3"].casefold()] = code
        for n in [spec["name"], *(spec.get("aka") or ())]:
            lookup[_norm(n)] = code
    return lookup, alpha3, names


def _norm(text: str) -> str:
    text = re.sub(r"[^\w\s,'-]", " ", text.casefold())
    text = re.sub(r"^the\s+", "", text.strip())
    return " ".join(text.split())


def resolve_token(token: str, where: str = "marking") -> str:
    """A country name/trigraph/digraph as alpha-2, or a group code; InputError otherwise."""
    raw = token.strip()
    if not raw:
        raise InputError("an empty country in the release list", where)
    norm = _norm(raw)
    if norm in _GROUP_WORDS:
        return "MTCR"
    lookup, _, _ = _table()
    code = lookup.get(norm) or lookup.get(raw.casefold())
    if code:
        return code
    close = difflib.get_close_matches(norm, [k for k in lookup if len(k) > 3], n=1, cutoff=0.75)
    hint = f"; did you mean {_table()[2][lookup[close[0]]]}?" if close else ""
    raise InputError(
        f"{raw!r} is not a country (name, ISO trigraph such as BRA, or digraph such as BR) "
        f"nor a group (MTCR){hint}",
        where,
    )


def trigraph(code: str) -> str:
    """ISO alpha-3 for an alpha-2 code; groups are returned as they are."""
    if code in GROUPS:
        return code
    return _table()[1].get(code, code)


def country_name(code: str) -> str:
    if code in GROUPS:
        return GROUPS[code]
    return _table()[2].get(code, code)


def expand(codes: frozenset[str] | set[str], at: dt.date) -> frozenset[str]:
    """Countries named or implied by ``codes`` on ``at`` (groups resolved to their members)."""
    out: set[str] = set()
    for c in codes:
        if c == "MTCR":
            out |= set(mtcr_partners_on(at))
        else:
            out.add(c)
    return frozenset(out)


def mtcr_partners_on(at: dt.date) -> frozenset[str]:
    from catchall.core.assessment.destinations import mtcr_partners

    return frozenset(mtcr_partners(at))


def sort_key(code: str, first: str = "US") -> tuple[int, str]:
    """ISM order: USA first, then trigraphs A-Z, then groups (tetragraphs) A-Z."""
    if code == first:
        return (0, "")
    if code in GROUPS:
        return (2, code)
    return (1, trigraph(code))
