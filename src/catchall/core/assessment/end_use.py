"""Missile indicators in a stated end use, in several languages, with negation.

An end-use statement that mentions rocket motor cases is a catch-all ground; one that says
"not for missiles" is not. The vocabulary and the negation cues are data
(``end_use_indicators.yaml``, replaceable via :func:`use_data`); this module only normalises,
tokenises and matches, in time linear in the text, and explains what it found.

Rule (docs/reference-data.md): missile use is indicated by at least one strong indicator that
is not negated, or by two weak ones that are not negated and belong to two different
component categories (propulsion, guidance, reentry, systems; "context" words never count).
"""

from __future__ import annotations

import bisect
import unicodedata
from dataclasses import asdict, dataclass, field
from functools import cache
from typing import Any

from catchall.core.vocabulary import read_packaged_yaml

CATEGORIES = ("propulsion", "guidance", "reentry", "systems", "context")
COUNTED_CATEGORIES = frozenset(CATEGORIES[:4])
STRENGTHS = ("strong", "weak")
MAX_CHARS = 200_000  # longer texts are scanned up to here and marked truncated
_SNIPPET = 40

# --------------------------------------------------------------------------- normalisation

_FA_LETTERS = {
    "\u064a": "\u06cc",  # Arabic yeh -> Farsi yeh
    "\u0649": "\u06cc",  # alef maksura -> Farsi yeh
    "\u0643": "\u06a9",  # Arabic kaf -> keheh
    "\u0629": "\u0647",  # teh marbuta -> heh
    "\u06d5": "\u0647",  # ae (from heh with yeh above) -> heh
    "\u06c1": "\u0647",  # heh goal -> heh
}
_WORD_BREAKS = frozenset("\u200c\u200b\u2009\u00a0")  # ZWNJ, zero-width and thin spaces
_DROPPED = frozenset("\u0640\u200d\u00ad\ufeff\u2060")  # tatweel, ZWJ, soft hyphen, BOM
_CLAUSE_ENDS = frozenset(",;:.!?()[]{}«»\n\r|…—–\u060c\u061b\u061f\u06d4")
_BREVE = "\u0306"  # kept on Cyrillic so that й stays distinct from и


@cache
def _fold(ch: str) -> str:
    return unicodedata.normalize("NFD", unicodedata.normalize("NFKC", ch).casefold())


def normalise(text: str) -> tuple[str, list[int]]:
    """Folded text plus, for each of its characters, the index of the source character."""
    out: list[str] = []
    index: list[int] = []
    cyrillic = False
    for i, ch in enumerate(text):
        if ch < "\x80":
            out.append(ch.lower())
            index.append(i)
            cyrillic = False
            continue
        if ch in _WORD_BREAKS:
            out.append(" ")
            index.append(i)
            continue
        if ch in _DROPPED:
            continue
        for c in _fold(ch):
            if unicodedata.category(c) == "Mn":
                if cyrillic and c == _BREVE:
                    out.append(c)
                    index.append(i)
                continue
            c = _FA_LETTERS.get(c, c)
            cyrillic = "\u0400" <= c <= "\u04ff"
            out.append(c)
            index.append(i)
    return "".join(out), index


def _is_word(ch: str) -> bool:
    return ch.isalnum() or ch == _BREVE


@dataclass
class _Tokens:
    words: list[str] = field(default_factory=list)
    starts: list[int] = field(default_factory=list)  # in the normalised text
    ends: list[int] = field(default_factory=list)
    clauses: list[int] = field(default_factory=list)


def _tokenise(norm: str, contrast: frozenset[str] = frozenset()) -> _Tokens:
    t = _Tokens()
    clause, i, n = 0, 0, len(norm)
    while i < n:
        ch = norm[i]
        if _is_word(ch):
            j = i + 1
            while j < n and _is_word(norm[j]):
                j += 1
            word = norm[i:j]
            if word in contrast:
                clause += 1
            t.words.append(word)
            t.starts.append(i)
            t.ends.append(j)
            t.clauses.append(clause)
            i = j
            continue
        if ch in _CLAUSE_ENDS and not (
            ch in ".," and 0 < i < n - 1 and norm[i - 1].isdigit() and norm[i + 1].isdigit()
        ):
            clause += 1
        i += 1
    return t


# --------------------------------------------------------------------------- vocabulary

Pattern = tuple[tuple[str, bool], ...]  # words, each (literal, is_prefix)


@dataclass(frozen=True)
class Term:
    term: str
    category: str
    language: str
    strength: str
    source: str


@dataclass(frozen=True)
class Cue:
    cue: str
    language: str
    scope: int
    after: bool = False
    skip_before_number: bool = False
    skip_after_number: bool = False


def compile_pattern(text: str) -> Pattern:
    """Normalised words of a term or cue; a trailing * makes a word a prefix."""
    if not isinstance(text, str):
        raise ValueError(f'end-use vocabulary: {text!r} is not text (quote YAML words like "no")')
    words: list[tuple[str, bool]] = []
    for raw in text.replace("-", " ").split():
        prefix = raw.endswith("*")
        parts = _tokenise(normalise(raw.rstrip("*"))[0]).words
        if not parts:
            raise ValueError(f"end-use vocabulary: {text!r} has an empty word")
        if prefix and len(parts[-1]) < 3:
            raise ValueError(f"end-use vocabulary: prefix {raw!r} is shorter than 3 letters")
        words += [(p, False) for p in parts[:-1]] + [(parts[-1], prefix)]
    if not words:
        raise ValueError(f"end-use vocabulary: empty term {text!r}")
    return tuple(words)


class _Matcher:
    """Leftmost-longest matching of word patterns over tokens, same clause only."""

    def __init__(self, patterns: list[tuple[Pattern, Any]]):
        self.exact: dict[str, list] = {}
        self.prefix: dict[str, list] = {}
        for pat, payload in patterns:
            word, is_prefix = pat[0]
            (self.prefix if is_prefix else self.exact).setdefault(word, []).append((pat, payload))
        self.lengths = sorted({len(w) for w in self.prefix})

    def _candidates(self, word: str):
        yield from self.exact.get(word, ())
        for n in self.lengths:
            if n > len(word):
                break
            yield from self.prefix.get(word[:n], ())

    def find(self, t: _Tokens) -> list[tuple[int, int, Any]]:
        out, i, n = [], 0, len(t.words)
        while i < n:
            best = None
            for pat, payload in self._candidates(t.words[i]):
                k = len(pat)
                if i + k > n or t.clauses[i + k - 1] != t.clauses[i]:
                    continue
                if all(_word_ok(t.words[i + m], pat[m]) for m in range(1, k)):
                    key = (k, sum(len(w) for w, _ in pat), not any(p for _, p in pat))
                    if best is None or key > best[0]:
                        best = (key, k, payload)
            if best is None:
                i += 1
            else:
                out.append((i, i + best[1], best[2]))
                i += best[1]
        return out


def _word_ok(word: str, spec: tuple[str, bool]) -> bool:
    literal, is_prefix = spec
    return word.startswith(literal) if is_prefix else word == literal


@dataclass(frozen=True)
class Vocabulary:
    terms: _Matcher
    cues: _Matcher
    contrast: frozenset[str]
    term_count: dict[str, int]  # entries per language
    max_scope: int = 8


def parse_vocabulary(raw: dict) -> Vocabulary:
    """Validate and compile an end-use indicator file (packaged or an authority's own)."""
    if not isinstance(raw, dict) or raw.get("format") != "catchall-end-use-indicators/1":
        raise ValueError("end-use vocabulary: expected format: catchall-end-use-indicators/1")
    languages, sources = raw["languages"], raw["sources"]
    seen: dict[Pattern, str] = {}
    terms: list[tuple[Pattern, Any]] = []
    counts: dict[str, int] = {}
    for group in raw["terms"]:
        lang, src = group["lang"], group.get("source")
        if lang not in languages or src not in sources:
            raise ValueError(f"end-use vocabulary: unknown language {lang!r} or source {src!r}")
        for e in group["entries"]:
            if e["category"] not in CATEGORIES or e["strength"] not in STRENGTHS:
                raise ValueError(f"end-use vocabulary: {e['term']!r}: bad category or strength")
            term = Term(e["term"].rstrip("*"), e["category"], lang, e["strength"], src)
            counts[lang] = counts.get(lang, 0) + 1
            for text in [e["term"], *e.get("forms", ())]:
                pat = compile_pattern(text)
                if pat in seen:
                    raise ValueError(f"end-use vocabulary: {text!r} duplicates {seen[pat]!r}")
                seen[pat] = text
                terms.append((pat, term))
    cues: list[tuple[Pattern, Any]] = []
    for lang, specs in raw["negation"].items():
        for s in specs:
            cue = Cue(
                s["cue"],
                lang,
                int(s["scope"]),
                s.get("direction", "before") == "after",
                bool(s.get("skip_before_number")),
                bool(s.get("skip_after_number")),
            )
            cues += [(compile_pattern(text), cue) for text in [s["cue"], *s.get("forms", ())]]
    contrast = frozenset(
        w
        for words in raw.get("contrast", {}).values()
        for x in words
        for w in _tokenise(normalise(x)[0]).words
    )
    max_scope = max((c.scope for _, c in cues), default=0)
    return Vocabulary(_Matcher(terms), _Matcher(cues), contrast, counts, max_scope)


@cache
def _packaged() -> Vocabulary:
    return parse_vocabulary(read_packaged_yaml("end_use_indicators.yaml"))


_override: Vocabulary | None = None


def use_data(raw: dict | None) -> None:
    """Install an authority's own vocabulary (same format); ``None`` restores the packaged one."""
    global _override
    _override = None if raw is None else parse_vocabulary(raw)


def vocabulary() -> Vocabulary:
    return _override or _packaged()


# --------------------------------------------------------------------------- scanning


@dataclass(frozen=True)
class Indicator:
    term: str  # the vocabulary entry that matched
    category: str
    language: str  # language of the vocabulary entry
    strength: str  # strong | weak
    start: int  # character offsets in the scanned text
    end: int
    negated: bool
    snippet: str
    matched: str = ""  # the words as written
    cue: str | None = None  # the negation cue, when negated


@dataclass(frozen=True)
class EndUseScan:
    indicators: list[Indicator] = field(default_factory=list)
    text_length: int = 0
    truncated: bool = False

    @property
    def counted(self) -> list[Indicator]:
        return [i for i in self.indicators if not i.negated]

    @property
    def basis(self) -> list[Indicator]:
        """The indicators that satisfy the rule (empty when missile use is not indicated)."""
        strong = [i for i in self.counted if i.strength == "strong"]
        if strong:
            return strong
        weak = [i for i in self.counted if i.category in COUNTED_CATEGORIES]
        return weak if len({i.category for i in weak}) >= 2 else []

    @property
    def missile_indicated(self) -> bool:
        return bool(self.basis)

    def summary(self) -> str:
        shown = self.basis or self.counted
        return (
            "; ".join(f"{i.matched!r} ({i.category}, {i.strength}, {i.language})" for i in shown)
            or "none"
        )

    def explanation(self) -> str:
        if not self.indicators:
            return "No missile indicator in the stated end use."
        if self.missile_indicated:
            strong = self.basis[0].strength == "strong"
            why = "a strong indicator" if strong else "weak indicators of two different categories"
            parts = [f"Missile end use indicated by {why}: {self.summary()}."]
        else:
            parts = [
                f"No missile end use indicated; weak or generic mentions only: {self.summary()}."
            ]
        negated = [i for i in self.indicators if i.negated]
        if negated:
            listed = ", ".join(f"{i.matched!r} (after {i.cue!r})" for i in negated)
            parts.append(f"Negated, not counted: {listed}.")
        if self.truncated:
            parts.append(f"Only the first {MAX_CHARS} characters were scanned.")
        return " ".join(parts)

    def as_dict(self) -> dict[str, Any]:
        return {
            "missile_indicated": self.missile_indicated,
            "explanation": self.explanation(),
            "indicators": [asdict(i) for i in self.indicators],
            "truncated": self.truncated,
        }


def scan_end_use(text: str | None) -> EndUseScan:
    """Find missile indicators in an end-use statement; None or blank gives an empty scan."""
    if not text or not isinstance(text, str) or not text.strip():
        return EndUseScan()
    truncated = len(text) > MAX_CHARS
    scanned = text[:MAX_CHARS]
    vocab = vocabulary()
    norm, index = normalise(scanned)
    tokens = _tokenise(norm, vocab.contrast)
    negations = _Negations(_usable_cues(vocab.cues.find(tokens), tokens), tokens, vocab.max_scope)
    found = []
    for i, j, term in vocab.terms.find(tokens):
        cue = negations.cue_for(i, j)
        start = index[tokens.starts[i]]
        end = _end_offset(scanned, index[tokens.ends[j - 1] - 1] + 1)
        found.append(
            Indicator(
                term=term.term,
                category=term.category,
                language=term.language,
                strength=term.strength,
                start=start,
                end=end,
                negated=cue is not None,
                snippet=_snippet(scanned, start, end),
                matched=scanned[start:end],
                cue=cue,
            )
        )
    return EndUseScan(found, len(text), truncated)


def _usable_cues(cues: list, t: _Tokens) -> list:
    out = []
    for i, j, cue in cues:
        if cue.skip_before_number and j < len(t.words) and t.words[j].isdigit():
            continue
        if cue.skip_after_number and i > 0 and t.words[i - 1].isdigit():
            continue
        out.append((i, j, cue))
    return out


class _Negations:
    """Cue positions, sorted, so each indicator looks only at the cues within reach."""

    def __init__(self, cues: list, t: _Tokens, max_scope: int):
        self.t, self.reach = t, max_scope
        self.before = [(j - 1, cue) for _, j, cue in cues if not cue.after]
        self.before_ends = [p for p, _ in self.before]
        self.after = [(i, cue) for i, _, cue in cues if cue.after]
        self.after_starts = [p for p, _ in self.after]

    def cue_for(self, i: int, j: int) -> str | None:
        """The cue that negates the indicator at tokens [i, j), if any (same clause, in scope)."""
        clauses = self.t.clauses
        k = bisect.bisect_left(self.before_ends, i) - 1
        while k >= 0 and i - self.before_ends[k] <= self.reach:
            pos, cue = self.before[k]
            if i - pos <= cue.scope and clauses[pos] == clauses[i]:
                return cue.cue
            k -= 1
        last = j - 1
        k = bisect.bisect_left(self.after_starts, j)
        while k < len(self.after) and self.after_starts[k] - last <= self.reach:
            pos, cue = self.after[k]
            if pos - last <= cue.scope and clauses[pos] == clauses[last]:
                return cue.cue
            k += 1
        return None


def _end_offset(text: str, end: int) -> int:
    while end < len(text) and unicodedata.category(text[end]) == "Mn":
        end += 1
    return end


def _snippet(text: str, start: int, end: int) -> str:
    lo, hi = max(0, start - _SNIPPET), min(len(text), end + _SNIPPET)
    body = " ".join(text[lo:hi].split())
    return ("…" if lo else "") + body + ("…" if hi < len(text) else "")
