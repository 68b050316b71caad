"""Missile indicators in a stated end use, in several languages, with negation.

An end-use statement that mentions rocket motor cases is a catch-all ground; one that says
"not for missiles" is not. The vocabulary, the negation cues, the stemmers and the false friends
are data (``end_use_indicators.yaml``, replaceable via :func:`use_data`); this module only
normalises, tokenises, stems and matches, in time linear in the text, and explains what it found.

Words are matched by their Snowball stem (PyStemmer) in the term's language, so inflected forms
match ("engins balistiques", "ракетных комплексов"); German compounds also match when they
contain a term ("Feststoffraketenmotoren"); Chinese and Korean are read one character
(syllable) at a time, so a term matches inside a longer word without spaces.

Rule (docs/reference-data.md): missile use is indicated by at least one strong indicator that
is not negated, or by two weak ones that are not negated and belong to two different
component categories (propulsion, guidance, reentry, systems; "context" words never count).
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from dataclasses import asdict, dataclass, field
from functools import cache, lru_cache
from typing import Any

import Stemmer

from catchall.core.vocabulary import read_packaged_yaml

CATEGORIES = ("propulsion", "guidance", "reentry", "systems", "context")
COUNTED_CATEGORIES = frozenset(CATEGORIES[:4])
STRENGTHS = ("strong", "weak")
MAX_CHARS = 200_000  # longer texts are scanned up to here and marked truncated
NOTHING_RECOGNISED = "no missile indicator recognised in the end-use text"
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
_WORD_BREAKS = frozenset("\u200c\u200b\u2009\u00a0\u3000")  # ZWNJ, zero-width, thin, ideographic
_DROPPED = frozenset("\u0640\u200d\u00ad\ufeff\u2060")  # tatweel, ZWJ, soft hyphen, BOM
_CLAUSE_ENDS = frozenset(
    ",;:.!?()[]{}«»\n\r|…—–\u060c\u061b\u061f\u06d4"  # Latin, Arabic
    "，、；：。！？（）「」『』【】《》"  # CJK full-width punctuation (NFKC keeps some)
)
_BREVE = "\u0306"  # kept on Cyrillic so that й stays distinct from и


def _is_syllabic(ch: str) -> bool:
    """Han characters and Hangul syllables: each is one token (no spaces between words)."""
    o = ord(ch)
    return (
        0x4E00 <= o <= 0x9FFF
        or 0x3400 <= o <= 0x4DBF
        or 0xF900 <= o <= 0xFAFF
        or 0x20000 <= o <= 0x2FA1F
        or 0xAC00 <= o <= 0xD7A3
    )


@cache
def _fold(ch: str) -> str:
    nfkc = unicodedata.normalize("NFKC", ch).casefold()
    if all(0xAC00 <= ord(c) <= 0xD7A3 for c in nfkc):
        return nfkc  # NFD would split a Hangul syllable into jamo
    return unicodedata.normalize("NFD", nfkc)


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
    return (ch.isalnum() or ch == _BREVE) and not _is_syllabic(ch)


def script(word: str) -> str:
    """The script of a normalised token, by its first letter: Latn, Cyrl, Arab or other."""
    c = word[0]
    if c.isascii() or "\u00c0" <= c <= "\u024f":
        return "Latn"
    if "\u0400" <= c <= "\u04ff":
        return "Cyrl"
    if "\u0600" <= c <= "\u06ff" or "\u0750" <= c <= "\u077f":
        return "Arab"
    return "other"


@dataclass
class _Tokens:
    words: list[str] = field(default_factory=list)
    starts: list[int] = field(default_factory=list)  # in the normalised text
    ends: list[int] = field(default_factory=list)
    clauses: list[int] = field(default_factory=list)


def _tokenise(norm: str) -> _Tokens:
    t = _Tokens()
    clause, i, n = 0, 0, len(norm)
    while i < n:
        ch = norm[i]
        if _is_syllabic(ch):
            t.words.append(ch)
            t.starts.append(i)
            t.ends.append(i + 1)
            t.clauses.append(clause)
            i += 1
            continue
        if _is_word(ch):
            j = i + 1
            while j < n and _is_word(norm[j]):
                j += 1
            t.words.append(norm[i:j])
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


def _split_clauses(t: _Tokens, contrasts: list) -> None:
    """A contrast word ("but", "sondern", "但是") starts a new clause, like a comma."""
    if not contrasts:
        return
    bump = [0] * (len(t.words) + 1)
    for i, *_ in contrasts:
        bump[i] += 1
    extra = 0
    for k in range(len(t.words)):
        extra += bump[k]
        t.clauses[k] += extra


# --------------------------------------------------------------------------- stemming

# Snowball stems Arabic letters; the normaliser wrote Persian ones (ی, ک) for both languages.
_TO_ARABIC = str.maketrans({"\u06cc": "\u064a", "\u06a9": "\u0643"})


@cache
def _stemmer(algorithm: str) -> Stemmer.Stemmer:
    return Stemmer.Stemmer(algorithm)


@lru_cache(maxsize=200_000)
def stem(algorithm: str, word: str) -> str:
    """The Snowball stem of a normalised word (cached: the scanner stems every token)."""
    if algorithm == "arabic":
        word = word.translate(_TO_ARABIC)
    return _stemmer(algorithm).stemWord(word)


# --------------------------------------------------------------------------- vocabulary

# A pattern word is (literal, mode): mode "" = the word itself, "*" = any word starting with
# it, otherwise a Snowball algorithm: any word with that stem.
Spec = tuple[str, str]
Pattern = tuple[Spec, ...]
_MIN_STEM = 3  # shorter stems are too ambiguous: the word must then match exactly


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


def compile_pattern(text: str, algorithm: str | None = None) -> Pattern:
    """Normalised words of a term or cue; a trailing * makes a word a prefix.

    With a Snowball ``algorithm``, other words match by their stem ("engins" = "engin").
    """
    if not isinstance(text, str):
        raise ValueError(f'end-use vocabulary: {text!r} is not text (quote YAML words like "no")')
    words: list[Spec] = []
    for raw in text.replace("-", " ").split():
        prefix = raw.endswith("*")
        parts = _tokenise(normalise(raw.rstrip("*"))[0]).words
        if not parts:
            raise ValueError(f"end-use vocabulary: {text!r} has an empty word")
        if prefix and len(parts[-1]) < 3:
            raise ValueError(f"end-use vocabulary: prefix {raw!r} is shorter than 3 letters")
        for k, p in enumerate(parts):
            if prefix and k == len(parts) - 1:
                words.append((p, "*"))
            elif algorithm and len(s := stem(algorithm, p)) >= _MIN_STEM:
                words.append((s, algorithm))
            else:
                words.append((p, ""))
    if not words:
        raise ValueError(f"end-use vocabulary: empty term {text!r}")
    return tuple(words)


def _word_ok(word: str, spec: Spec) -> bool:
    literal, mode = spec
    if not mode:
        return word == literal
    if mode == "*":
        return word.startswith(literal)
    return stem(mode, word) == literal


_SCRIPT_OF_ALGORITHM = {"arabic": "Arab", "persian": "Arab", "russian": "Cyrl"}


class _Matcher:
    """Leftmost-longest matching of word patterns over tokens, same clause only.

    A payload of None marks a false friend ("Raketenofen", "salade de roquette", "非常"): it
    wins over the shorter indicator or cue it contains, and is then dropped.
    ``compounds`` maps a Snowball algorithm (German) to its infix expression: a compound word
    of that script also yields every term it contains.
    """

    def __init__(self, patterns: list[tuple[Pattern, Any]], compounds: dict | None = None):
        self.exact: dict[str, list] = {}
        self.prefix: dict[str, list] = {}
        self.stemmed: dict[tuple[str, str], list] = {}
        algorithms: set[str] = set()
        for pat, payload in patterns:
            word, mode = pat[0]
            if not mode:
                self.exact.setdefault(word, []).append((pat, payload))
            elif mode == "*":
                self.prefix.setdefault(word, []).append((pat, payload))
            else:
                self.stemmed.setdefault((mode, word), []).append((pat, payload))
            algorithms.update(m for _, m in pat if m not in ("", "*"))
        self.lengths = sorted({len(w) for w in self.prefix})
        self.by_script: dict[str, tuple[str, ...]] = {}
        for a in sorted(algorithms):
            s = _SCRIPT_OF_ALGORITHM.get(a, "Latn")
            self.by_script[s] = (*self.by_script.get(s, ()), a)
        self.compounds = compounds or {}

    def _candidates(self, word: str):
        yield from self.exact.get(word, ())
        for n in self.lengths:
            if n > len(word):
                break
            yield from self.prefix.get(word[:n], ())
        for a in self.by_script.get(script(word), ()):
            yield from self.stemmed.get((a, stem(a, word)), ())

    def find(self, t: _Tokens) -> list[tuple[int, int, Any, int, int]]:
        """Matches as (first token, end token, payload, start, end in the normalised text)."""
        out, i, n = [], 0, len(t.words)
        while i < n:
            best = None
            for pat, payload in self._candidates(t.words[i]):
                k = len(pat)
                if i + k > n or t.clauses[i + k - 1] != t.clauses[i]:
                    continue
                if all(_word_ok(t.words[i + m], pat[m]) for m in range(1, k)):
                    key = (k, sum(len(w) for w, _ in pat), not any(m == "*" for _, m in pat))
                    if best is None or key > best[0]:
                        best = (key, k, payload)
            if best is not None and best[1] > 1:
                if best[2] is not None:
                    out.append((i, i + best[1], best[2], t.starts[i], t.ends[i + best[1] - 1]))
                i += best[1]
                continue
            payloads = [] if best is None or best[2] is None else [best[2]]
            inside = self._inside(t.words[i])
            if inside is None:  # a false friend contains the term(s): "Raketenofen"
                payloads = []
            elif best is None or best[2] is not None:
                payloads += [p for p in inside if p not in payloads]
            for payload in payloads:  # a compound is reported whole, once per term inside it
                out.append((i, i + 1, payload, t.starts[i], t.ends[i]))
            i += 1
        return out

    def _inside(self, word: str) -> list[Any] | None:
        """Terms inside a compound word; None when a false friend is inside it."""
        if not self.compounds or script(word) != "Latn":
            return []
        found: list[Any] = []
        for regex, payloads in self.compounds.values():
            for m in regex.finditer(word):
                payload = payloads[m.group()]
                if payload is None:
                    return None
                found.append(payload)
        return found


@dataclass(frozen=True)
class Vocabulary:
    terms: _Matcher
    cues: _Matcher
    contrast: _Matcher
    term_count: dict[str, int]  # entries per language
    max_scope: int = 8


def _need(raw: dict, key: str, kind: type) -> Any:
    value = raw.get(key, kind())
    if not isinstance(value, kind):
        raise ValueError(f"end-use vocabulary: {key} must be a {kind.__name__}")
    return value


def parse_vocabulary(raw: dict) -> Vocabulary:
    """Validate and compile an end-use indicator file (packaged or an authority's own)."""
    if not isinstance(raw, dict) or raw.get("format") != "catchall-end-use-indicators/1":
        raise ValueError("end-use vocabulary: expected format: catchall-end-use-indicators/1")
    languages, sources = raw["languages"], raw["sources"]
    stemmers = _need(raw, "stemmers", dict)
    for lang, algorithm in stemmers.items():
        if lang not in languages or algorithm not in Stemmer.algorithms():
            raise ValueError(f"end-use vocabulary: stemmers: {lang}: {algorithm!r} is unknown")
    compounds = _need(raw, "compounds", dict)
    for lang in compounds:
        if lang not in stemmers or not isinstance(compounds[lang].get("min_length"), int):
            raise ValueError(
                f"end-use vocabulary: compounds: {lang} needs a stemmer and min_length"
            )
    seen: dict[Pattern, tuple[str, str]] = {}
    terms: list[tuple[Pattern, Any]] = []
    infixes: dict[str, dict[str, Any]] = {lang: {} for lang in compounds}
    counts: dict[str, int] = {}

    def add(text: str, lang: str, payload: Any, owner: str, exact: bool = False) -> None:
        pat = compile_pattern(text, None if exact else stemmers.get(lang))
        if pat in seen:
            if seen[pat][1] == owner:
                return  # another spelling of the same entry with the same stems
            raise ValueError(f"end-use vocabulary: {text!r} duplicates {seen[pat][0]!r}")
        seen[pat] = (text, owner)
        terms.append((pat, payload))
        if lang in compounds:
            words = _tokenise(normalise(text.rstrip("*"))[0]).words
            if len(words) == 1 and len(words[0]) >= compounds[lang]["min_length"]:
                infixes[lang].setdefault(words[0], payload)

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
                add(text, lang, term, f"{lang}:{e['term']}", bool(e.get("exact")))
    for lang, specs in _need(raw, "false_friends", dict).items():
        if lang not in languages:
            raise ValueError(f"end-use vocabulary: false_friends: unknown language {lang!r}")
        for s in specs:
            add(s["text"], lang, None, f"false friend {lang}:{s['text']}")
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
    for words in _need(raw, "not_cues", dict).values():
        cues += [(compile_pattern(w), None) for w in words]
    contrast = [
        (compile_pattern(w), lang) for lang, words in raw.get("contrast", {}).items() for w in words
    ]
    max_scope = max((c.scope for _, c in cues if c is not None), default=0)
    regexes = {
        lang: (
            re.compile("|".join(re.escape(k) for k in sorted(keys, key=len, reverse=True))),
            keys,
        )
        for lang, keys in infixes.items()
        if keys
    }
    return Vocabulary(
        _Matcher(terms, regexes), _Matcher(cues), _Matcher(contrast), counts, max_scope
    )


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
            return NOTHING_RECOGNISED[0].upper() + NOTHING_RECOGNISED[1:] + "."
        if self.missile_indicated:
            strong = self.basis[0].strength == "strong"
            why = "a strong indicator" if strong else "weak indicators of two different categories"
            parts = [f"Missile end use indicated by {why}: {self.summary()}."]
        else:
            parts = [
                "Not enough to indicate missile work (weak or generic mentions only): "
                f"{self.summary()}."
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
    tokens = _tokenise(norm)
    _split_clauses(tokens, vocab.contrast.find(tokens))
    negations = _Negations(_usable_cues(vocab.cues.find(tokens), tokens), tokens, vocab.max_scope)
    found = []
    for i, j, term, a, b in vocab.terms.find(tokens):
        cue = negations.cue_for(i, j)
        start = index[a]
        end = _end_offset(scanned, index[b - 1] + 1)
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
    for i, j, cue, _, _ in cues:
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
