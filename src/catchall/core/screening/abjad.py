"""Reading a vowel-less romanisation against a spelled-out name: "shhyd hmt" vs "Shahid Hemmat".

Arabic, Persian and Hebrew write consonants and long vowels, not short vowels, so their
romanisation has "mhmd" where lists write "Mohammed". Comparing consonant skeletons alone
is too loose: حمیدی (hmydy, Hamidi) and Ahmadi share h-m-d. The written letters carry more:
the alif of احمدی is an "a" the English spelling must show, the ی of حمیدی an "i". So each
romanised word becomes a pattern: its consonants in order (doubled or not, with the usual
English spellings of each), its long vowels as vowels, and any short vowels in between.
"""

from __future__ import annotations

import re
from functools import lru_cache

_V = "[aeiou]*"
# Digraphs ICU and BGN write for single letters, and the spellings English lists use for them.
_CLUSTERS = {
    "sh": "(?:sh|sch|ch|s)",
    "kh": "(?:kh|ch|h|x|k)",
    "th": "(?:th|s|t)",
    "dh": "(?:dh|z|d|th)",
    "gh": "(?:gh|g)",
    "ch": "(?:ch|tch|tsch|c)",
    "zh": "(?:zh|j|z)",
}
_CONSONANTS = {
    "q": "[qkg]",
    "k": "(?:k|c|ck|q)",
    "j": "(?:j|g|dj|dsch|y)",
    "g": "[gj]",
    "s": "(?:s|c|z)",
    "z": "[zs]",
    "f": "(?:f|ph)",
    "b": "[bp]",
    "p": "[pb]",
    "v": "[vw]",
}
_LONG_A = "(?:a|e|aa)"
_W = "(?:w|v|u|o|oo|ou|ow)"
_Y = "(?:y|i|ee|ei|ey|e|ie|iy)"


def _word_pattern(word: str) -> str:
    units: list[str] = []
    i = 0
    while i < len(word):
        two = word[i : i + 2]
        if two in _CLUSTERS:
            units.append(f"(?:{_CLUSTERS[two]})+")
            i += 2
            continue
        ch = word[i]
        i += 1
        if ch == "a":
            units.append(_V if not units else _LONG_A)  # a word-initial alif carries any vowel
        elif ch == "w":
            units.append(_W)
        elif ch == "y":
            units.append(_Y)
        elif ch == "h" and i == len(word) and units:
            units.append("h?")  # final he / teh marbuta is often not written in Latin
        elif ch.isalpha():
            units.append(f"(?:{_CONSONANTS.get(ch, ch)})+")
    return _V.join(units)


@lru_cache(maxsize=50_000)
def abjad_pattern(words: tuple[str, ...]) -> re.Pattern[str] | None:
    """The pattern a vowel-less romanisation (one or more words run together) stands for."""
    if not words or not all(w.isascii() and w.isalpha() for w in words):
        return None
    body = _V.join(_word_pattern(w) for w in words)
    return re.compile(f"{_V}{body}{_V}")


def consonant_count(text: str) -> int:
    return sum(1 for ch in text if ch.isalpha() and ch not in "aeiouyw")


def abjad_match(romanised: tuple[str, ...], spelled: str) -> bool:
    """Whether ``spelled`` (a full Latin spelling) can be read as ``romanised``."""
    pattern = abjad_pattern(romanised)
    return pattern is not None and pattern.fullmatch(spelled) is not None
