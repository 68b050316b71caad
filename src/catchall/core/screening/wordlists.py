"""Packaged word lists: word classes, the native-script glossary, Korean family names.

Loaded once from ``catchall/data/screening/*.yaml`` through importlib.resources; every list is
data with a citation in its file, so an authority can review or replace it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

import yaml

from catchall.core.screening.text import casefold, strip_invisible


def _load(name: str) -> dict:
    path = resources.files("catchall").joinpath("data", "screening", name)
    return yaml.safe_load(path.read_text(encoding="utf-8"))


# --- word classes -----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class NameWords:
    stopwords: frozenset[str]
    particles: frozenset[str]
    patronymic_particles: frozenset[str]
    titles: frozenset[str]
    company_words: frozenset[str]
    generic_org_words: frozenset[str]
    region_words: frozenset[str]
    abbreviations: dict[str, str]
    trade_abbreviations: dict[str, str]  # organisation names only
    number_words: dict[str, int]
    countries: frozenset[str]


def _words(values: list) -> frozenset[str]:
    return frozenset(str(v).lower() for v in values)


@cache
def name_words() -> NameWords:
    data = _load("name_words.yaml")
    return NameWords(
        stopwords=_words(data["stopwords"]),
        particles=_words(data["particles"]),
        patronymic_particles=_words(data["patronymic_particles"]),
        titles=_words(data["titles"]),
        company_words=_words(data["company_words"]),
        generic_org_words=_words(data["generic_org_words"]),
        region_words=_words(data["region_words"]),
        abbreviations={str(k).lower(): str(v).lower() for k, v in data["abbreviations"].items()},
        trade_abbreviations={
            str(k).lower(): str(v).lower() for k, v in data["trade_abbreviations"].items()
        },
        number_words={str(k).lower(): int(v) for k, v in data["number_words"].items()},
        countries=_country_words(),
    )


def _country_words() -> frozenset[str]:
    """One-word country names from rigour's territory database ("china", "iran", "syria")."""
    from rigour.territories import get_territories

    words: set[str] = set()
    for territory in get_territories():
        if not territory.is_country or territory.is_historical:
            continue
        name = re.sub(r"[^a-z ]", "", casefold(territory.name))
        if name and " " not in name:
            words.add(name)
    words.update({"korea", "congo", "hongkong", "usa", "uk", "uae", "prc", "dprk"})
    return frozenset(words)


# --- glossary ---------------------------------------------------------------------------------

# Arabic-script letter variants that spelling treats as one letter (hamza seats, alif maqsura,
# Arabic vs Persian yeh and kaf, teh marbuta); short-vowel marks and tatweel are dropped.
# Urdu and Pashto letters are folded to the Persian letter they are romanised like: the BGN/PCGN
# romanization systems for Pashto (1968) and Urdu give the retroflex letters (ټ ډ ړ ڼ, ٹ ڈ ڑ)
# the same Latin letters as t, d, r, n; Pashto dze ځ is written z or dz (Zadran), ږ zh or g,
# ښ sh or kh, څ ts or s; Urdu writes he as ہ or ھ and ye as ے, Pashto as ې ۍ ێ, and gaf as ګ.
_ARABIC_FOLD = str.maketrans(
    {
        "ټ": "ت",
        "ٹ": "ت",
        "ډ": "د",
        "ڈ": "د",
        "ړ": "ر",
        "ڑ": "ر",
        "ڼ": "ن",
        "ں": "ن",
        "ځ": "ز",
        "ږ": "ژ",
        "ښ": "ش",
        "څ": "س",
        "ګ": "گ",
        "ہ": "ه",
        "ھ": "ه",
        "ۀ": "ه",
        "ە": "ه",
        "ۃ": "ه",
        "ے": "ی",
        "ې": "ی",
        "ۍ": "ی",
        "ێ": "ی",
        "ۓ": "ی",
        "أ": "ا",
        "إ": "ا",
        "آ": "ا",
        "ٱ": "ا",
        "ى": "ی",
        "ي": "ی",
        "ئ": "ی",
        "ك": "ک",
        "ة": "ه",
        "ؤ": "و",
        "ـ": None,
        **{chr(c): None for c in range(0x064B, 0x0660)},
        "\u0670": None,
    }
)


def fold_arabic(text: str) -> str:
    """Fold Arabic-script spelling variants so that glossary look-ups and keys agree."""
    return text.translate(_ARABIC_FOLD)


@dataclass(frozen=True, slots=True)
class GlossEntry:
    native: str
    english: tuple[str, ...]  # alternative renderings, each one or more words
    language: str
    source: str


@dataclass(frozen=True, slots=True)
class Glossary:
    words: dict[str, GlossEntry]  # single native words (Arabic script) and CJK words
    phrases: dict[tuple[str, ...], GlossEntry]  # multi-word native phrases ("هوا فضا")
    max_cjk_length: int


def _gloss_key(text: str) -> str:
    return fold_arabic(casefold(strip_invisible(text)))


@cache
def glossary() -> Glossary:
    data = _load("glossary.yaml")
    words: dict[str, GlossEntry] = {}
    phrases: dict[tuple[str, ...], GlossEntry] = {}
    max_len = 1
    for group in data["groups"]:
        language = str(group["language"])
        source = " ".join(str(group["source"]).split())
        for native, english in group["words"].items():
            renderings = english if isinstance(english, list) else [english]
            key = _gloss_key(str(native))
            entry = GlossEntry(
                native=str(native),
                english=tuple(" ".join(str(r).lower().split()) for r in renderings),
                language=language,
                source=source,
            )
            parts = tuple(key.split())
            if len(parts) > 1:
                phrases[parts] = entry
            else:
                words.setdefault(key, entry)
                max_len = max(max_len, len(key))
    return Glossary(words=words, phrases=phrases, max_cjk_length=max_len)


# --- Korean family names ------------------------------------------------------------------------


@cache
def korean_surnames() -> dict[str, tuple[str, ...]]:
    """Hangul family name -> customary Latin spellings."""
    data = _load("korean_surnames.yaml")
    return {str(k): tuple(str(v).lower() for v in vs) for k, vs in data["surnames"].items()}


@cache
def hanja_surnames() -> dict[str, str]:
    """Hanja family name -> the Hangul it is read as in Korean (金 -> 김)."""
    data = _load("korean_surnames.yaml")
    return {str(k): str(v) for k, v in data.get("hanja", {}).items()}


# --- Arabic-script name words ----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ArabicWord:
    kind: str  # particle | patronymic | title
    latin: tuple[str, ...]  # the spellings lists use, the usual one first


@cache
def arabic_name_words() -> dict[str, ArabicWord]:
    """Particles and honorifics of Arabic-script names (keys folded with :func:`fold_arabic`)."""
    data = _load("arabic_names.yaml")
    return {
        fold_arabic(str(k)): ArabicWord(str(v["kind"]), tuple(str(x) for x in v["latin"]))
        for k, v in data["words"].items()
    }
