"""Transliteration of one word to lower-case ASCII Latin, with the alternative spellings that
the usual romanisation systems give.

ICU's "Any-Latin; Latin-ASCII" covers every script ICU knows; for Cyrillic the BGN/PCGN
systems are tried first because English-language lists use them ("Dmitriy", "Khrushchev"
rather than ICU's "Dmitrij", "Hruscev"). Hangul is romanised by :mod:`hangul`, Han one
character at a time (pinyin without tones).
"""

from __future__ import annotations

import re
from functools import lru_cache

import icu

from catchall.core.screening.text import (
    ARABIC,
    CYRILLIC,
    HAN,
    LATIN,
)
from catchall.core.screening.wordlists import fold_arabic

_NON_ALNUM = re.compile(r"[^a-z0-9 ]+")


@lru_cache(maxsize=32)
def _transliterator(spec: str) -> icu.Transliterator:
    return icu.Transliterator.createInstance(spec)


def _run(spec: str, text: str) -> str:
    return _transliterator(spec).transliterate(text)


def ascii_clean(text: str) -> str:
    """Lower-case ASCII letters and digits only (marks such as ʿ and ' dropped)."""
    return _NON_ALNUM.sub("", text.lower().replace("-", " ")).strip()


# Cyrillic letters that tell which national BGN/PCGN system fits.
_UKRAINIAN = set("ієїґ")
_SERBIAN = set("ђћџљњјѓќѕ")
_KAZAKH = set("әғқңұһ")
_MONGOLIAN = set("өү")
_BELARUSIAN = set("ў")


def _cyrillic_system(word: str) -> str:
    letters = set(word)
    if letters & _KAZAKH:
        return "Kazakh-Latin/BGN"
    if letters & _SERBIAN:
        return "Serbian-Latin/BGN"
    if letters & _UKRAINIAN:
        return "Ukrainian-Latin/BGN"
    if letters & _BELARUSIAN:
        return "Belarusian-Latin/BGN"
    if letters & _MONGOLIAN:
        return "Mongolian-Latin/BGN"
    return "Russian-Latin/BGN"


_UMLAUTS = {"ä": "ae", "ö": "oe", "ü": "ue"}

# ICAO Doc 9303 (8th ed., 2021, part 3, section 6) transliteration of Cyrillic in machine-readable
# passports, which Russian, Ukrainian and Belarusian passports follow since 2010-2013 and which
# lists copy from them: й as i, ю as iu, я as ia, ъ as ie ("Dmitrii", "Iurii", "Aleksei").
_ICAO = str.maketrans(
    {
        **dict(zip("абвгдезийклмнопрстуфыэ", "abvgdeziiklmnoprstufye", strict=True)),
        "ё": "e",
        "ж": "zh",
        "х": "kh",
        "ц": "ts",
        "ч": "ch",
        "ш": "sh",
        "щ": "shch",
        "ъ": "ie",
        "ь": "",
        "ю": "iu",
        "я": "ia",
        "і": "i",
        "ї": "i",
        "є": "ie",
        "ґ": "g",
        "ў": "u",
    }
)

# Persian, Dari, Pashto and Urdu pronounce the Arabic letters ض and ظ as z (and ث as s, ذ as z,
# which the skeleton patterns already allow): "فیض" is Faiz, "عوض" Ewaz, "رضا" Reza, where the
# Arabic reading gives d (BGN/PCGN romanization systems for Persian, 1958, and Pashto, 1968;
# ALA-LC Persian romanization table, 2012). A word with such a letter gets both readings.
_PERSIAN_READING = str.maketrans({"ض": "ز", "ظ": "ز"})
# ظ is the emphatic of ذ (dh), and spelled so where it is still said so, in the Gulf and the Horn
# of Africa ("Dhafer", "Al Dhaheri"; Somali "Dahir" for ظاهر): W. Wright, A Grammar of the
# Arabic Language, 3rd ed., vol. I, §1 on the letters; not checked against the book here.
_EMPHATIC_DH = str.maketrans({"ظ": "ذ"})


@lru_cache(maxsize=200_000)
def latin_forms(word: str, script: str) -> tuple[str, ...]:
    """ASCII spellings of a (case-folded) word in ``script``, the preferred one first.

    Returns () when nothing Latin can be made of it (a script ICU cannot transliterate).
    """
    forms: list[str] = []

    def add(text: str) -> None:
        text = ascii_clean(text).replace(" ", "")
        if text and text not in forms:
            forms.append(text)

    if script == LATIN:
        add(_run("Latin-ASCII", word))
        if any(c in _UMLAUTS for c in word):
            add(_run("Latin-ASCII", "".join(_UMLAUTS.get(c, c) for c in word)))
    elif script == CYRILLIC:
        add(_run(f"{_cyrillic_system(word)}; Latin-ASCII", word))
        add(_run("Any-Latin; Latin-ASCII", word))
        add(word.translate(_ICAO))
    elif script == ARABIC:
        folded = fold_arabic(word)
        add(_run("Any-Latin; Latin-ASCII", folded))
        add(_run("Any-Latin; Latin-ASCII", folded.translate(_PERSIAN_READING)))
        if "ظ" in folded:
            add(_run("Any-Latin; Latin-ASCII", folded.translate(_EMPHATIC_DH)))
    elif script == HAN:
        add(_run("Han-Latin; Latin-ASCII", word))
    else:
        add(_run("Any-Latin; Latin-ASCII", word))
    return tuple(forms)


@lru_cache(maxsize=50_000)
def han_syllable(ch: str) -> str:
    """Toneless pinyin of one Han character ("" when ICU has no reading)."""
    return ascii_clean(_run("Han-Latin; Latin-ASCII", ch)).replace(" ", "")


def display_latin(text: str) -> str:
    """A readable Latin rendering of a whole string, for explanations (keeps spaces)."""
    return " ".join(_run("Any-Latin; Latin-ASCII", text).split())


@lru_cache(maxsize=50_000)
def simplified_han(text: str) -> str:
    """Han text in simplified characters (國際 -> 国际), for glossary look-ups: Taiwan, Hong Kong
    and Macau write traditional characters (Unicode CLDR's Traditional-Simplified transform).
    Returned only when it keeps one character per character, else the text as given."""
    out = _run("Traditional-Simplified", text)
    return out if len(out) == len(text) else text
