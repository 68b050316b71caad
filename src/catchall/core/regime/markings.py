"""Classification and release markings: parse, render, roll up, and decide who may read.

One value type for every way a marking is written — cable captions ("C/REL Brazil/South
Africa", "Confidential/Rel MTCR Countries") and CAPCO portion marks ("(C//REL TO USA, BRA,
ZAF)") — with one canonical rendering. The releasability rule lives here and nowhere else;
the web layer's selector only applies it (see docs/regime.md).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass, replace

from catchall.core.errors import InputError
from catchall.core.regime.codes import country_name, expand, resolve_token, sort_key, trigraph

LEVELS = ("U", "R", "C", "S", "TS")
LEVEL_NAMES = {
    "U": "UNCLASSIFIED",
    "R": "RESTRICTED",
    "C": "CONFIDENTIAL",
    "S": "SECRET",
    "TS": "TOP SECRET",
}
_LEVEL_WORDS = {
    "u": "U",
    "unclassified": "U",
    "unclas": "U",
    "r": "R",
    "restricted": "R",
    "c": "C",
    "confidential": "C",
    "s": "S",
    "secret": "S",
    "ts": "TS",
    "top secret": "TS",
}
_LEVEL_RE = re.compile(
    r"^\s*(top\s+secret|unclassified|unclas|confidential|restricted|secret|ts|u|r|c|s)(?![a-z])",
    re.I,
)
_REL_RE = re.compile(r"^rel(?:easable)?(?:\s+to)?(?![a-z])\s*(.*)$", re.I | re.S)
_DECL_RE = re.compile(r"^decl(?:assify)?(?:\s+on)?\s*:?\s*(.+)$", re.I)
_PORTION_RE = re.compile(r"^\s*(?:(\d+)\.\s*)?\(([^()]{1,200})\)\s*(.*)$", re.S)


@dataclass(frozen=True)
class Marking:
    """A level, a release list (alpha-2 codes and groups), NOFORN, and declassification."""

    level: str = "U"
    rel_to: frozenset[str] = frozenset()
    noforn: bool = False
    declass_on: dt.date | None = None
    declass_reason: str = ""

    @property
    def rank(self) -> int:
        return LEVELS.index(self.level)

    @property
    def classified(self) -> bool:
        return self.level != "U"

    def _caveats(self, sep: str) -> str:
        if self.noforn:
            return f"{sep}NOFORN"
        if self.rel_to:
            codes = sorted(self.rel_to, key=sort_key)
            return f"{sep}REL TO " + ", ".join(trigraph(c) for c in codes)
        return ""

    def text(self) -> str:
        """Canonical short form, e.g. ``C//REL TO USA, BRA, ZAF``."""
        return self.level + self._caveats("//")

    def portion(self) -> str:
        return f"({self.text()})"

    def banner(self) -> str:
        """Banner form with the level spelled out: ``CONFIDENTIAL//REL TO USA, BRA, ZAF``."""
        return LEVEL_NAMES[self.level] + self._caveats("//")

    def describe(self) -> str:
        """In words, for people who do not read CAPCO."""
        words = LEVEL_NAMES[self.level].capitalize()
        if self.noforn:
            return f"{words}, not releasable to foreign nationals"
        if self.rel_to:
            names = [country_name(c) for c in sorted(self.rel_to, key=sort_key)]
            joined = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
            return f"{words}, releasable to {joined}"
        if self.classified:
            return f"{words}, originator's country only"
        return words

    def declass_text(self) -> str:
        if not self.classified or self.declass_on is None:
            return ""
        reason = f"; reason {self.declass_reason}" if self.declass_reason else ""
        return f"Declassify on {self.declass_on.isoformat()}{reason}"

    def declassified(self, today: dt.date) -> bool:
        return self.classified and self.declass_on is not None and self.declass_on <= today

    def with_declass(self, on: dt.date | None, reason: str = "") -> Marking:
        if not self.classified:
            return self
        return replace(self, declass_on=on, declass_reason=reason.strip())


def parse_marking(text: str, where: str = "marking") -> Marking:
    """Parse a marking in cable or CAPCO form; every problem names ``where``."""
    if not isinstance(text, str) or not text.strip():
        raise InputError("a marking is required, e.g. U, C//REL TO USA, BRA or C/REL Brazil", where)
    s = text.strip()
    if s.startswith("(") and s.endswith(")"):
        s = s[1:-1].strip()
    m = _LEVEL_RE.match(s)
    if not m and s.lstrip("(").upper().startswith("SBU"):
        raise InputError(
            "SBU is an administrative control, not a classification level: mark U or a level",
            where,
        )
    if not m:
        raise InputError(
            f"{text!r} does not start with a classification level (U, R, C, S, TS or the word)",
            where,
        )
    level = _LEVEL_WORDS[" ".join(m.group(1).lower().split())]
    rest = s[m.end() :].strip()
    rest = rest.lstrip("/").strip()
    rel: set[str] = set()
    noforn = False
    declass: dt.date | None = None
    segments = [x.strip() for x in rest.split("//")] if "//" in rest else [rest]
    for seg in segments:
        if not seg:
            continue
        upper = seg.upper()
        if upper in ("NOFORN", "NF"):
            noforn = True
            continue
        dm = _DECL_RE.match(seg)
        if dm:
            declass = parse_date_text(dm.group(1), where)
            continue
        rm = _REL_RE.match(seg)
        if not rm:
            raise InputError(
                f"unknown caveat {seg!r}; use REL TO <countries>, NOFORN or DECL <date>", where
            )
        tokens = [t for t in re.split(r"\s*(?:,|/|\band\b)\s*", rm.group(1), flags=re.I) if t]
        if not tokens:
            raise InputError("REL TO needs at least one country or group", where)
        for t in tokens:
            rel.add(resolve_token(t, where))
    if noforn and rel:
        raise InputError("REL TO and NOFORN cannot both apply to one marking", where)
    if level == "U" and (rel or noforn):
        raise InputError("an unclassified marking takes no REL TO or NOFORN caveat", where)
    return Marking(level, frozenset(rel), noforn, declass if level != "U" else None)


def parse_date_text(text: str, where: str = "declassify_on") -> dt.date:
    """Dates as written in cables and forms: 2033-01-31, 01/31/2033 (US order) or 20330131."""
    s = text.strip().rstrip(".")
    for fmt in ("%Y-%m-%d", "%m/%d/%Y", "%Y%m%d"):
        try:
            return dt.datetime.strptime(s, fmt).date()
        except ValueError:
            continue
    raise InputError(f"{text!r} is not a date (YYYY-MM-DD, MM/DD/YYYY or YYYYMMDD)", where)


def split_portion(paragraph: str, where: str = "paragraph") -> tuple[Marking, str]:
    """``"2. (C//REL TO USA, BRA) Text"`` -> (marking, "Text"); the mark is required."""
    m = _PORTION_RE.match(paragraph or "")
    if not m:
        raise InputError(
            "starts without a portion mark such as (U) or (C//REL TO USA, BRA, ZAF)", where
        )
    body = m.group(3).strip()
    if not body:
        raise InputError("has a portion mark but no text", where)
    return parse_marking(m.group(2), where), body


def split_paragraphs(text: str) -> list[str]:
    """Paragraphs are separated by blank lines; single line breaks stay inside a paragraph."""
    parts = re.split(r"\n\s*\n", (text or "").replace("\r\n", "\n").strip())
    return [" ".join(p.split()) for p in parts if p.strip()]


# --------------------------------------------------------------------------- who may read


def releasable(
    m: Marking,
    country: str | None,
    *,
    originator: str | None,
    marked_on: dt.date,
    today: dt.date,
) -> bool:
    """May a reader of ``country`` read a portion marked ``m``?

    Unclassified and declassified portions are readable by all; the originator's country
    reads its own; otherwise the country must be in the release list, groups resolved on the
    day the document was marked (a partner that joined later does not inherit older papers).
    """
    if not m.classified or m.declassified(today):
        return True
    if not country:
        return False
    if originator and country == originator:
        return True
    if m.noforn:
        return False
    return country in expand(m.rel_to, marked_on)


def releasable_to_all(
    markings: Iterable[Marking],
    countries: Iterable[str],
    *,
    originator: str | None,
    marked_on: dt.date,
    today: dt.date,
) -> dict[int, list[str]]:
    """For each portion index, the countries that could not read it (empty when all can)."""
    countries = list(countries)
    out: dict[int, list[str]] = {}
    for i, m in enumerate(markings):
        missing = [
            c
            for c in countries
            if not releasable(m, c, originator=originator, marked_on=marked_on, today=today)
        ]
        if missing:
            out[i] = missing
    return out


# --------------------------------------------------------------------------- roll-up


def banner(
    markings: Iterable[Marking], *, marked_on: dt.date, today: dt.date | None = None
) -> Marking:
    """The document marking: highest level; REL TO the intersection over classified portions.

    A classified portion without a release list (originator only) or with NOFORN leaves the
    banner without REL TO. Declassification is the latest date among classified portions, or
    none if any has none. With ``today``, declassified portions count as unclassified.
    """
    ms = [m for m in markings if m.classified and not (today and m.declassified(today))]
    if not ms:
        return Marking("U")
    level = LEVELS[max(m.rank for m in ms)]
    noforn = any(m.noforn for m in ms)
    rel: frozenset[str] = frozenset()
    if not noforn and all(m.rel_to for m in ms):
        common_tokens = frozenset.intersection(*(m.rel_to for m in ms))
        common = frozenset.intersection(*(expand(m.rel_to, marked_on) for m in ms))
        rel = common_tokens | (common - expand(common_tokens, marked_on))
    dates = [m.declass_on for m in ms]
    declass_on = None if any(d is None for d in dates) else max(dates)  # type: ignore[type-var]
    reason = next((m.declass_reason for m in ms if m.declass_on == declass_on), "")
    return Marking(level, rel, noforn, declass_on, reason if declass_on else "")
