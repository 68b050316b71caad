"""An assessment result as an officer reads it: evidence in words, sources as numbered footnotes.

The engine's result is data for machines and auditors: its evidence strings end in citations
("… — Title <https://…> (not confirmed in an official text); Other title <https://…>"), name
files of catchall's documentation, and use codes (``end_user``, ``approve_with_conditions``,
rule names). Pages show the claim in words with a footnote number; each source appears once,
as its title linked to its address. The stored result is not changed: this is presentation.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from catchall.web.screening.words import country_names, list_title
from catchall.web.screening.words import reasons as match_reasons

_URL = re.compile(r"\s*<(https?://[^>\s]+)>")
_DOC_PATH = re.compile(r"(?:the rule in )?\bdocs/([\w-]+)\.md\b")
_CODE = re.compile(r"\b[a-z][a-z0-9]*(?:_[a-z0-9]+)+\b")
_QUALIFIER = re.compile(r"^\s*\(([^()]*)\)")
_SEP = " — "


@dataclass
class Source:
    number: int
    title: str
    url: str | None = None
    notes: list[str] = field(default_factory=list)


@dataclass
class Evidence:
    """One claim in words and the footnote numbers of its sources."""

    text: str
    refs: list[int] = field(default_factory=list)


class Footnotes:
    """The sources of one page, numbered in order of first citation, each kept once."""

    def __init__(self) -> None:
        self.sources: list[Source] = []
        self._by_key: dict[str, Source] = {}

    def cite(self, title: str, url: str | None = None, note: str = "") -> int:
        key = url or title.lower()
        src = self._by_key.get(key)
        if src is None:
            src = Source(len(self.sources) + 1, title.strip(" ;,"), url)
            self.sources.append(src)
            self._by_key[key] = src
        if note and note not in src.notes:
            src.notes.append(note)
        return src.number


def in_words(text: Any, codes: dict[str, str] | None = None) -> str:
    """Codes to words: a rule name followed by its meaning keeps the meaning only, a known code
    takes its label, any other ``snake_case`` token its words; documentation paths are named."""
    s = str(text or "")
    for code, meaning in (codes or {}).items():
        s = s.replace(f"{code} ({meaning})", meaning)
    s = _DOC_PATH.sub(lambda m: f"catchall's {m.group(1).replace('-', ' ')}", s)
    return _CODE.sub(lambda m: (codes or {}).get(m.group(0), m.group(0).replace("_", " ")), s)


def evidence(
    text: Any, notes: Footnotes, codes: dict[str, str] | None = None, names: dict | None = None
) -> Evidence:
    """Split "claim — source <url> (qualifier); source <url>; remark" into the claim (with any
    remark) and footnotes; a documentation path becomes a footnote without a link; ``names``
    replaces screening-list names by their titles."""
    s = str(text or "")
    s = with_titles(s, names)
    refs: list[int] = []
    for m in _DOC_PATH.finditer(s):
        refs.append(notes.cite(f"catchall documentation: {m.group(1).replace('-', ' ')}"))
    first = _URL.search(s)
    if first is None:
        return Evidence(in_words(s, codes), _unique(refs))
    cut = s.rfind(_SEP, 0, first.start())
    claim, cited = (s[:cut], s[cut + len(_SEP) :]) if cut >= 0 else ("", s)
    remarks: list[str] = []
    for part in _split_top(cited):
        m = _URL.search(part)
        if m is None:
            remarks.append(part.strip())
            continue
        title = part[: m.start()].strip()
        rest = part[m.end() :]
        q = _QUALIFIER.match(rest)
        refs.append(notes.cite(title or m.group(1), m.group(1), q.group(1) if q else ""))
    claim = claim.strip() or "Source"
    if remarks:
        claim += " (" + "; ".join(r for r in remarks if r) + ")"
    return Evidence(in_words(claim, codes), _unique(refs))


def with_titles(text: str, names: dict | None) -> str:
    """A screening list named where a match is reported ("on un-sc", "(un-sc, match") takes
    its title; the same words used as a phrase ("a programs-of-concern list") stay."""
    for name, title in (names or {}).items():
        text = text.replace(f" on {name}", f" on {title}").replace(f"({name},", f"({title},")
    return text


def _split_top(text: str) -> list[str]:
    """Split on "; " outside parentheses and angle brackets."""
    parts, depth, start = [], 0, 0
    for i, ch in enumerate(text):
        if ch in "(<":
            depth += 1
        elif ch in ")>":
            depth = max(0, depth - 1)
        elif ch == ";" and depth == 0:
            parts.append(text[start:i])
            start = i + 1
    parts.append(text[start:])
    return [p for p in (p.strip() for p in parts) if p]


def _unique(refs: list[int]) -> list[int]:
    return sorted(set(refs))


OUTCOMES = {
    "approve": "approve",
    "approve_with_conditions": "approve with conditions",
    "deny": "refuse",
    "refer": "refer for a closer review",
}
FINDINGS = {"concern": "concern", "no concern": "no concern"}
SCREENING = {
    "match": "confirmed match",
    "possible": "possible match: check it",
    "clear": "no match",
}


# "would become refer": the engine names the outcome by its code, one word without "_"
_WOULD = re.compile(
    r"\b(would (?:still be|become)|would the recommendation become) "
    r"(approve_with_conditions|approve|deny|refer)\b"
)


def _outcome_named(text: str) -> str:
    """ "... would become refer." -> "... would become “refer for a closer review”."."""
    return _WOULD.sub(lambda m: f"{m.group(1)} “{OUTCOMES[m.group(2)]}”", str(text or ""))


def list_titles() -> dict[str, str]:
    """Screening list names to their titles (a page says "UN Security Council Consolidated
    List", not ``un-sc``)."""
    from catchall.web.screening.models import ScreeningList

    return {n: t for n, t in ScreeningList.objects.values_list("name", "title") if t}


def readable(result: dict | None) -> dict | None:
    """The result with every evidence string split into words and footnotes (see module)."""
    if not result:
        return None
    notes = Footnotes()
    codes = {r["rule"]: r["meaning"] for r in result.get("decision_rules", []) if r.get("rule")}
    words = {**OUTCOMES, "end_user": "end user", "whole_country": "whole country"}
    titles = list_titles()

    def ev(items):
        return [evidence(e, notes, {**codes, **words}, titles) for e in items or []]

    factors = [
        {
            "code": code,
            "title": f.get("title", ""),
            "finding": in_words(f.get("finding", ""), words),
            "concern": f.get("finding") == "concern",
            "note": in_words(f.get("note", ""), {**codes, **words}),
            "evidence": ev(f.get("evidence")),
        }
        for code, f in (result.get("factors") or {}).items()
    ]
    reasons = [
        {
            "outcome": OUTCOMES.get(r.get("outcome"), in_words(r.get("outcome"))),
            "meaning": in_words(r.get("meaning", ""), words),
            "evidence": ev(r.get("evidence")),
        }
        for r in result.get("decision_rules", [])
    ]
    parties = []
    for p in result.get("parties", []):
        parties.append(
            {
                "role": in_words(p.get("role", ""), words).capitalize(),
                "name": p.get("name", ""),
                "country": p.get("country") or "",
                "verdict": SCREENING.get(p.get("decision"), in_words(p.get("decision"))),
                "decision": p.get("decision", ""),
                "matches": [
                    {
                        "name": m.get("name", ""),
                        "list": list_title(m.get("list", ""), titles),
                        "score": m.get("score"),
                        "verdict": SCREENING.get(m.get("decision"), in_words(m.get("decision"))),
                        "decision": m.get("decision", ""),
                        "countries": country_names(m.get("countries")),
                        "reasons": match_reasons(m.get("features")),
                        "reference": m.get("entity_id", ""),
                    }
                    for m in p.get("matches", [])
                ],
            }
        )
    return {
        "recommendation": OUTCOMES.get(result.get("recommendation"), ""),
        "explanation": in_words(
            with_titles(result.get("explanation", ""), titles), {**codes, **words}
        ),
        "factors": factors,
        "reasons": reasons,
        "what_would_change": [
            in_words(_outcome_named(w), {**codes, **words})
            for w in result.get("what_would_change", [])
        ],
        "earlier_refusals": [
            {**r, "evidence": ev(r.get("evidence"))} for r in result.get("earlier_refusals", [])
        ],
        "consultations": [
            {**c, "evidence": ev(c.get("evidence"))} for c in result.get("consultations", [])
        ],
        "catch_all_grounds": ev((result.get("catch_all") or {}).get("grounds")),
        "parties": parties,
        "treaties": [
            {
                "title": t.get("title") or t.get("treaty", ""),
                "status": in_words(t.get("status", ""), words),
                "refs": evidence(t.get("citation", ""), notes).refs,
            }
            for t in (result.get("destination") or {}).get("treaties", [])
        ],
        "sources": notes.sources,
    }
