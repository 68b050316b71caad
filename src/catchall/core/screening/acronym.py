"""Acronyms: "CPMIEC" is China Precision Machinery Import-Export Corporation, "KOMID" is
KOrea MIning Development (Trading Corporation), "SHIG" Shahid Hemmat Industrial Group.

An acronym is read as a sequence of word prefixes, one per word, in order: single letters
("C-P-M-I-E-C") or a few letters ("KO-MI-D"). Stopwords and particles ("of", "and", "al")
may be skipped anywhere, organisation words and legal forms at the end ("Trading
Corporation"). For the index, :func:`initials_keys` gives the initial-letter keys a long name
can be found under, and :func:`acronym_keys` the keys an acronym can stand for.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from itertools import combinations

from catchall.core.screening.tokens import (
    GENERIC,
    LEGAL,
    LOCATION,
    PARTICLE,
    STOP,
    TITLE,
    WORD,
    Token,
)

MIN_ACRONYM = 3
MAX_ACRONYM = 10
_SKIPPABLE = frozenset({STOP, PARTICLE, TITLE})
_TRAILING = frozenset({GENERIC, LEGAL, LOCATION})


def looks_like_acronym(token: Token) -> bool:
    """A single word that could be an acronym: letters only, 3 to 10 of them."""
    t = token.text
    return (
        token.kind == WORD and MIN_ACRONYM <= len(t) <= MAX_ACRONYM and t.isalpha() and t.isascii()
    )


def _spelling(token: Token) -> str:
    """The English spelling a word's initial is read from (glossed native words use the gloss)."""
    if token.gloss and not token.text.isascii():
        return token.gloss[0]
    if token.gloss and token.native:
        return token.gloss[0]
    return token.text


def _letters(token: Token, text: str) -> int:
    """How many letters of ``text`` the word may give to an acronym.

    A word written in an abjad without a gloss is read by its consonants ("fdl" for فضل): they
    are no syllables of a spelled word, so only its first letter may start an acronym letter
    (otherwise "FDLR" would abbreviate فضل ربیع, Fazal Rabi).
    """
    if token.vowel_losing and token.native and not token.gloss:
        return min(len(text), 1)
    return min(len(text), 3)


@dataclass(frozen=True, slots=True)
class AcronymMatch:
    sim: float
    acronym: str
    expansion: str  # the words read, with the letters each gave in upper case


def match_acronym(acronym: str, words: tuple[Token, ...]) -> AcronymMatch | None:
    """Whether ``acronym`` (lower case) abbreviates the name made of ``words``."""
    spelled = [(_spelling(t), t.kind) for t in words]
    most = [_letters(t, text) for t, (text, _) in zip(words, spelled, strict=True)]
    if sum(1 for _, k in spelled if k not in _SKIPPABLE) < 2:
        return None
    n = len(spelled)
    # Last word that has to give a letter: trailing organisation words may be dropped.
    must_end = n - 1
    while must_end >= 0 and spelled[must_end][1] in _TRAILING | _SKIPPABLE:
        must_end -= 1

    @cache
    def walk(pos: int, word: int) -> tuple[int, tuple[int, ...]] | None:
        """Best (multi-letter count, letters per word) reading acronym[pos:] from word on."""
        if pos == len(acronym):
            return (0, ()) if word > must_end else None
        if word >= n:
            return None
        text, kind = spelled[word]
        best: tuple[int, tuple[int, ...]] | None = None
        if kind in _SKIPPABLE:
            rest = walk(pos, word + 1)
            if rest is not None:
                best = (rest[0], (0, *rest[1]))
        for size in range(1, min(most[word], len(acronym) - pos) + 1):
            if text[:size] != acronym[pos : pos + size]:
                break
            rest = walk(pos + size, word + 1)
            if rest is not None:
                cand = (rest[0] + (size > 1), (size, *rest[1]))
                if best is None or cand[0] < best[0]:
                    best = cand
        return best

    result = walk(0, 0)
    if result is None:
        return None
    multi, sizes = result
    shown = []
    for (text, _), size in zip(spelled, (*sizes, *([0] * n)), strict=False):
        shown.append(text[:size].upper() + text[size:] if size else text)
    dropped = sum(1 for _, kind in spelled[len(sizes) :] if kind in (GENERIC, LOCATION))
    sim = 0.9 - 0.025 * multi - 0.02 * dropped
    return AcronymMatch(round(max(sim, 0.8), 4), acronym, " ".join(shown))


def initials_keys(words: tuple[Token, ...]) -> set[str]:
    """Initial-letter strings a long name can be abbreviated to (with trailing words dropped)."""
    letters = [_spelling(t)[:1] for t in words if t.kind not in _SKIPPABLE]
    kinds = [t.kind for t in words if t.kind not in _SKIPPABLE]
    if len(letters) < 2:
        return set()
    keys = set()
    end = len(letters)
    while end >= 2:
        key = "".join(letters[:end])
        if MIN_ACRONYM <= len(key) <= MAX_ACRONYM:
            keys.add(key)
        if kinds[end - 1] not in _TRAILING:
            break
        end -= 1
    return keys


def acronym_keys(acronym: str) -> set[str]:
    """Initial-letter strings an acronym can stand for ("komid" -> "kmd", "kmid", "komd", ...).

    Each letter after the first either starts a new word or continues the previous one; at
    most two letters continue a word.
    """
    n = len(acronym)
    if not MIN_ACRONYM <= n <= MAX_ACRONYM:
        return set()
    keys = set()
    inner = range(1, n)
    for drop in range(0, min(3, n - 2) + 1):
        for dropped in combinations(inner, drop):
            key = "".join(ch for i, ch in enumerate(acronym) if i not in dropped)
            if len(key) >= 2:
                keys.add(key)
    return keys


def possible_acronyms(words: tuple[Token, ...], limit: int = 400) -> set[str]:
    """Acronyms a long name could be written as (each word giving 1-3 letters), for look-up.

    The reverse of :func:`match_acronym`, so that "Korea Mining Development Trading
    Corporation" finds an entry named "KOMID".
    """
    kept = [t for t in words if t.kind not in _SKIPPABLE]
    spelled = [(_spelling(t), t.kind) for t in kept]
    most = [_letters(t, text) for t, (text, _) in zip(kept, spelled, strict=True)]
    if len(spelled) < 2 or len(spelled) > 12:
        return set()
    must_end = len(spelled) - 1
    while must_end >= 0 and spelled[must_end][1] in _TRAILING:
        must_end -= 1
    out: set[str] = set()
    stack: list[tuple[int, str]] = [(0, "")]
    while stack and len(out) < limit:
        word, prefix = stack.pop()
        if word > must_end and MIN_ACRONYM <= len(prefix) <= MAX_ACRONYM:
            out.add(prefix)
        if word >= len(spelled) or len(prefix) >= MAX_ACRONYM:
            continue
        text = spelled[word][0]
        for size in range(most[word], 0, -1):
            if text[:size].isalpha():
                stack.append((word + 1, prefix + text[:size]))
    return out
