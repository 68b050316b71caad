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
    "q": "(?:q|k|g|gh)",  # ق: Persian and Dari say and write gh (Ghasem, Ghalibaf)
    "k": "(?:k|c|ck|q)",
    "j": "(?:j|g|dj|dsch|y)",
    "g": "[gj]",
    "s": "(?:s|c|z)",
    "z": "(?:z|dh|th)",  # ز, ظ (never s: زاده is not Saeed)
    "f": "(?:f|ph)",
    "b": "[bp]",
    "p": "[pb]",
    "v": "[vw]",
}
_LONG_A = "(?:a|e|aa)"
_W = "(?:ww|w|v|u|o|oo|ou|ow)"
_Y = "(?:yy|y|i|ee|ei|ey|e|ie|iy)"
_FINAL_Y = "(?:yy|y|i|ee|ei|ey|e|ie|iy|a|ai|ay)"


# The article (written apart by the tokenizer) may be spelled al, el, ul, assimilated to the
# next consonant (ad-din, "uddin"; run together with "abd" as Abdur, Abdus, Abdun: the sun
# letters of UNGEGN's Arabic system) or left out; "abd" is often written with it ("abdul").
_ARTICLE = "[aeiou]*(?:l+|t+|th|d+|dh|r+|z+|s+|sh|n+)?"
# عبد is written with no long vowel, so Latin writes at most one vowel letter around its b
# (abd, abed, abdul, abdou): "Ubaidi" and "Obaid" spell عبید, whose ی the Latin "ai" shows.
_WHOLE_WORDS = {"al": _ARTICLE, "bd": f"[aeiou]?(?:b)+[aeiou]?(?:d)+(?:{_ARTICLE})?"}
# Name elements whose pattern is the whole set of their usual Latin spellings (عبد: abd, abdul,
# abdel, abdur, abdus ...): meeting it is a known spelling, not a guess from letters.
KNOWN_ELEMENTS = frozenset({"bd"})


# After a name that ends in a consonant, Latin may add a vowel (Mohamedou) but not the
# nisba's -i, which Arabic script writes (ی): Zahed is not Zahedi, Ahmad not Ahmadi.
_END = "(?:[aeiou]*[aeou])?"


def _word_pattern(word: str, last: bool = True) -> str:
    """``last``: the word ends the run; a final he that is not last may be a ta marbuta read
    as t before the next word (the construct state: "هبة الله" is Hibatullah)."""
    if word in _WHOLE_WORDS:
        return _WHOLE_WORDS[word]
    units: list[str] = []
    i = 0
    while i < len(word):
        two = word[i : i + 2]
        if two in _CLUSTERS:
            # "th" may also be two letters (طه: t, h: "Taha"), likewise sh, kh, dh, gh.
            single = _CONSONANTS.get(two[0], two[0])
            units.append(f"(?:{_CLUSTERS[two]}|(?:{single})+{_V}h)+")
            i += 2
            continue
        ch = word[i]
        i += 1
        if ch == "a":
            # a word-initial alif carries any vowel, which Latin writes ("امیر" is Amir or
            # Emir, never "Mir"; "انوری" Anwari, not "Nori")
            units.append("[aeiou]+" if not units else _LONG_A)
        elif ch == "w":
            units.append(_W)
        elif ch == "y" and i == len(word) and len(units) > 1:
            units.append(_FINAL_Y)  # final ی/ى: "Mustafa", "Musa", "Yahya" as well as "-i"
        elif ch == "y" and i == len(word) - 1 and word[-1] == "y" and len(units) > 1:
            # a hamza seat or glide before the nisba ending (الطائي al-Ta'i, طباطبایی
            # Tabatabai): Latin often writes one vowel for the two letters
            units.append(f"(?:{_Y})?")
        elif ch == "y":
            units.append(_Y)
        elif ch == "h" and i == len(word) and units:
            units.append("h?" if last else "[ht]?")  # final he / teh marbuta: often unwritten
        elif ch.isalpha():
            units.append(f"(?:{_CONSONANTS.get(ch, ch)})+")
    return _V.join(units)


@lru_cache(maxsize=50_000)
def abjad_pattern(words: tuple[str, ...]) -> re.Pattern[str] | None:
    """The pattern a vowel-less romanisation (one or more words run together) stands for."""
    if not words or not all(w.isascii() and w.isalpha() for w in words):
        return None
    body = _V.join(_word_pattern(w, k == len(words) - 1) for k, w in enumerate(words))
    return re.compile(f"{_V}{body}{_END}")


def consonant_count(text: str) -> int:
    return sum(1 for ch in text if ch.isalpha() and ch not in "aeiouyw")


def abjad_match(romanised: tuple[str, ...], spelled: str) -> bool:
    """Whether ``spelled`` (a full Latin spelling) can be read as ``romanised``."""
    pattern = abjad_pattern(romanised)
    return pattern is not None and pattern.fullmatch(spelled) is not None


# Retrieval keys: consonants in coarse classes, so that a vowel-less romanisation finds the
# Latin spellings lists use for the same letters (Djamel/jmal, Lounici/lwnysy, Akkacha/kash).
_DIGRAPHS = (
    ("dj", "j"),
    ("tch", "s"),
    ("sh", "s"),
    ("kh", "k"),
    ("th", "t"),
    ("dh", "d"),
    ("gh", "g"),
    ("ph", "f"),
    ("ch", "C"),
    ("ck", "k"),
    ("ou", "w"),
)
_CLASSES = str.maketrans({"q": "k", "x": "k", "g": "j", "z": "s", "p": "b", "v": "f"})


@lru_cache(maxsize=500_000)
def coarse_keys(text: str) -> tuple[str, ...]:
    """The coarse consonant keys of a word ("c" read both as k and as s; a final h dropped)."""
    t = text.lower()
    for digraph, unit in _DIGRAPHS:
        t = t.replace(digraph, unit)
    if len(t) > 2 and t.endswith("h"):
        t = t[:-1]
    t = t.translate(_CLASSES)
    out: list[str] = []
    for reading in ("k", "s") if ("c" in t or "C" in t) else ("",):
        key: list[str] = []
        for ch in t.replace("C", "s" if reading == "k" else "s").replace("c", reading or "c"):
            if ch in "aeiouyw" or not ch.isalpha():
                continue
            if key and key[-1] == ch:
                continue
            key.append(ch)
        joined = "".join(key)
        if joined and joined not in out:
            out.append(joined)
    return tuple(out)


def reading_keys(readings: tuple[str, ...]) -> set[str]:
    """Coarse keys of an Arabic-script word's romanisations, with the other readings of its
    letters: ذ and ث as z and s in Persian (Zakir), ق as gh (Ghasem), عبد with the article
    (Abdul)."""
    keys: set[str] = set()
    for text in readings:
        keys.update(coarse_keys(text))
        if "h" in text[1:]:
            # "th" may be two letters, t and h (اتحاد "athad" is Ittihad), as the patterns read
            keys.update(coarse_keys(text.replace("h", "-h")))
        keys.update(coarse_keys(text.replace("dh", "z").replace("th", "s").replace("q", "gh")))
        if text == "bd":
            keys.add("bdl")
    return keys


def run_readings(readings: list[tuple[str, ...]]) -> list[tuple[str, ...]]:
    """The readings of several words run together: each word's first reading, and each word's
    last (the Persian reading where it differs); not every mixture."""
    first = tuple(r[0] for r in readings)
    last = tuple(r[-1] for r in readings)
    return [first] if first == last else [first, last]
