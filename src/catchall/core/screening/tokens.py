"""Name tokens: one word of a name in every spelling the engine compares.

A token keeps its preferred ASCII spelling, the alternative spellings that transliteration
systems and the glossary give, its original (native-script) text, and a kind that decides how
much it weighs. Tokens are interned: equal tokens are the same object, so an index of a
million names holds each distinct word once.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

import jellyfish

from catchall.core.screening.text import LATIN, SYLLABIC, VOWEL_LOSING

# Token kinds, from most to least telling.
WORD = 0  # a distinctive name word
GENERIC = 1  # an organisation word: "group", "industries", "trading"
LOCATION = 2  # a country or region: "china", "europe"
NUMBER = 3  # digits, number words and (in organisation names) roman numerals
INITIAL = 4  # a single letter
PARTICLE = 5  # "al", "bin", "van", "de"
TITLE = 6  # "mr", "haji", "sheikh"
STOP = 7  # "of", "the", "and": ignored
LEGAL = 8  # a legal form or company word: ignored, reported

KIND_NAMES = (
    "word",
    "organisation word",
    "place",
    "number",
    "initial",
    "particle",
    "title",
    "stopword",
    "legal form",
)

# Flags
ACRONYM = 1  # written as dotted initials ("A.B.C."): a code, compared exactly
VOWELLESS = 2  # written without vowels ("shhyd hmt"): compare consonant skeletons
HOMOGLYPH = 4  # look-alike letters from another alphabet were folded
SURNAME = 8  # Korean family-name syllable with customary spellings
PATRONYMIC = 16  # "bin", "ibn": introduces a father's name
TA_MARBUTA = 32  # an Arabic-script word written with a final ة (folded to ه): may read -at

_VOWELS = frozenset("aeiou")


@dataclass(frozen=True, slots=True, eq=False)
class Token:
    """One word of a prepared name. Identity is equality: tokens are interned."""

    text: str  # preferred spelling: lower-case ASCII, or the native text if none exists
    forms: tuple[str, ...]  # every spelling compared, ``text`` first, then glosses
    kind: int
    native: str = ""  # the word as written, when not in Latin script
    script: str = LATIN
    gloss: tuple[str, ...] = ()  # English renderings from the glossary (spaces removed)
    legal: str = ""  # legal-form class (rigour's generic compare form), for LEGAL tokens
    flags: int = 0
    phonetic: str = ""  # metaphone of ``text``
    skeleton: str = ""  # consonant skeleton of ``text``
    number: int = -1  # numeric value of NUMBER tokens
    squeezed: str = ""  # ``text`` with runs of one letter collapsed ("basharr" -> "bashar")
    # Whether its romanisation lacks vowels, so that skeletons are compared: set once here,
    # since every comparison of two words asks it.
    vowel_losing: bool = field(init=False, default=False)

    def __post_init__(self) -> None:
        losing = bool(self.flags & VOWELLESS) or self.script in VOWEL_LOSING
        object.__setattr__(self, "vowel_losing", losing)

    @property
    def is_core(self) -> bool:
        """Whether the token takes part in scoring (stopwords and legal forms do not)."""
        return self.kind < STOP

    @property
    def readings(self) -> tuple[str, ...]:
        """The romanisations of the word as written (not its glosses): an Arabic-script word
        read the Arabic and the Persian way ("fyd", "fyz" for فیض)."""
        if not self.native or (len(self.forms) == 1 and not self.flags & TA_MARBUTA):
            return (self.text,)
        own = tuple(f for f in self.forms[:3] if f not in self.gloss)
        if self.flags & TA_MARBUTA:
            # ة in the construct state reads t, and lists keep it so ("Jama'at", "Asbat")
            return (*own, *(r[:-1] + "t" for r in own if r.endswith("h")))
        return own

    @property
    def syllabic(self) -> bool:
        return self.script in SYLLABIC

    def __repr__(self) -> str:  # short, for debugging and test failures
        extra = f"/{self.native}" if self.native else ""
        return f"<{self.text}{extra}:{KIND_NAMES[self.kind]}>"


def consonant_skeleton(text: str) -> str:
    """Consonants only, doubles collapsed; w/v/y dropped (they stand for vowels in abjads)."""
    out: list[str] = []
    for ch in text:
        if ch in "aeiouywv" or not ch.isalpha():
            continue
        if out and out[-1] == ch:
            continue
        out.append(ch)
    return "".join(out)


def _is_vowelless(text: str) -> bool:
    return len(text) >= 2 and text.isalpha() and text.isascii() and not (_VOWELS & set(text))


@lru_cache(maxsize=500_000)
def make_token(
    text: str,
    alts: tuple[str, ...] = (),
    kind: int = WORD,
    native: str = "",
    script: str = LATIN,
    gloss: tuple[str, ...] = (),
    legal: str = "",
    flags: int = 0,
    number: int = -1,
) -> Token:
    """The interned token for these values (cached: equal inputs give the same object)."""
    forms = [text]
    for form in (*alts, *gloss):
        if form and form not in forms:
            forms.append(form)
    ascii_text = text.isascii()
    if ascii_text and _is_vowelless(text):
        flags |= VOWELLESS
    phonetic = ""
    skeleton = ""
    if ascii_text and text.isalpha():
        if len(text) >= 3:
            phonetic = jellyfish.metaphone(text)
        skeleton = consonant_skeleton(text)
    squeezed = "".join(ch for i, ch in enumerate(text) if i == 0 or text[i - 1] != ch)
    return Token(
        text=text,
        forms=tuple(forms),
        kind=kind,
        native=native,
        script=script,
        gloss=gloss,
        legal=legal,
        flags=flags,
        phonetic=phonetic,
        skeleton=skeleton,
        number=number,
        squeezed=squeezed,
    )


def with_kind(token: Token, kind: int, legal: str = "") -> Token:
    """The same word as another kind (legal forms are found on whole names, after tokens)."""
    return make_token(
        token.text,
        token.forms[1:],
        kind,
        token.native,
        token.script,
        token.gloss,
        legal,
        token.flags,
        token.number,
    )
