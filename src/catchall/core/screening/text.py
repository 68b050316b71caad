"""Character-level cleaning of names: invisible characters, Unicode forms, scripts, homoglyphs.

Names arrive from spreadsheets, PDFs and web forms with zero-width spaces, bidi marks, soft
hyphens and look-alike letters from other alphabets ("Shаhid" with a Cyrillic "а"). None of
these may change a screening decision, so they are removed or folded before anything else.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right

# --- invisible and control characters -------------------------------------------------------

_SPACE_LIKE = "\t\n\r\x0b\x0c\x85\xa0\u1680\u2028\u2029\u202f\u205f\u3000" + "".join(
    chr(c) for c in range(0x2000, 0x200B)
)
_INVISIBLE_RANGES = (
    (0x00, 0x1F),  # C0 controls (tab/newline are handled as spaces first)
    (0x7F, 0x9F),  # DEL and C1 controls
    (0xAD, 0xAD),  # soft hyphen
    (0x34F, 0x34F),  # combining grapheme joiner
    (0x61C, 0x61C),  # Arabic letter mark
    (0x115F, 0x1160),  # Hangul fillers
    (0x17B4, 0x17B5),  # Khmer inherent vowels (invisible)
    (0x180B, 0x180E),  # Mongolian free variation selectors, vowel separator
    (0x200B, 0x200F),  # zero-width space/non-joiner/joiner, LRM, RLM
    (0x202A, 0x202E),  # bidi embeddings and overrides
    (0x2060, 0x2064),  # word joiner, invisible operators
    (0x2066, 0x2069),  # bidi isolates
    (0x206A, 0x206F),  # deprecated format characters
    (0x3164, 0x3164),  # Hangul filler
    (0xFE00, 0xFE0F),  # variation selectors
    (0xFEFF, 0xFEFF),  # zero-width no-break space / BOM
    (0xFFA0, 0xFFA0),  # halfwidth Hangul filler
    (0xFFF9, 0xFFFB),  # interlinear annotation
    (0xE0000, 0xE007F),  # tag characters
)

_CLEAN_TABLE: dict[int, str | None] = {}
for _lo, _hi in _INVISIBLE_RANGES:
    for _c in range(_lo, _hi + 1):
        _CLEAN_TABLE[_c] = None
for _ch in _SPACE_LIKE:
    _CLEAN_TABLE[ord(_ch)] = " "


def strip_invisible(text: str) -> str:
    """Drop zero-width, bidi and control characters; turn odd spaces into plain spaces."""
    return text.translate(_CLEAN_TABLE)


def has_invisible(text: str) -> bool:
    """True when ``strip_invisible`` would change more than whitespace."""
    return any(_CLEAN_TABLE.get(ord(c), "") is None for c in text)


# --- scripts ---------------------------------------------------------------------------------

LATIN = "Latin"
GREEK = "Greek"
CYRILLIC = "Cyrillic"
ARMENIAN = "Armenian"
HEBREW = "Hebrew"
ARABIC = "Arabic"
SYRIAC = "Syriac"
THAANA = "Thaana"
INDIC = "Indic"
THAI = "Thai"
LAO = "Lao"
KHMER = "Khmer"
MYANMAR = "Myanmar"
GEORGIAN = "Georgian"
ETHIOPIC = "Ethiopic"
HANGUL = "Hangul"
KANA = "Kana"
HAN = "Han"
OTHER = "Other"
COMMON = "Common"  # digits, punctuation, symbols

# Scripts whose usual romanisation drops short vowels: compare consonant skeletons.
VOWEL_LOSING = frozenset({HEBREW, ARABIC, SYRIAC, THAANA, THAI, LAO, KHMER})
# Scripts written in syllable blocks, one block per token: no fuzzy budget on a block.
SYLLABIC = frozenset({HAN, HANGUL, KANA})

_RANGES: list[tuple[int, int, str]] = sorted(
    [
        (0x0030, 0x0039, COMMON),
        (0x0041, 0x005A, LATIN),
        (0x0061, 0x007A, LATIN),
        (0x00C0, 0x024F, LATIN),
        (0x0250, 0x02AF, LATIN),
        (0x0370, 0x03FF, GREEK),
        (0x0400, 0x052F, CYRILLIC),
        (0x0530, 0x058F, ARMENIAN),
        (0x0590, 0x05FF, HEBREW),
        (0x0600, 0x06FF, ARABIC),
        (0x0700, 0x074F, SYRIAC),
        (0x0750, 0x077F, ARABIC),
        (0x0780, 0x07BF, THAANA),
        (0x0870, 0x08FF, ARABIC),
        (0x0900, 0x0DFF, INDIC),
        (0x0E00, 0x0E7F, THAI),
        (0x0E80, 0x0EFF, LAO),
        (0x1000, 0x109F, MYANMAR),
        (0x10A0, 0x10FF, GEORGIAN),
        (0x1100, 0x11FF, HANGUL),
        (0x1200, 0x139F, ETHIOPIC),
        (0x1780, 0x17FF, KHMER),
        (0x1C80, 0x1C8F, CYRILLIC),
        (0x1C90, 0x1CBF, GEORGIAN),
        (0x1D00, 0x1DBF, LATIN),
        (0x1E00, 0x1EFF, LATIN),
        (0x1F00, 0x1FFF, GREEK),
        (0x2C60, 0x2C7F, LATIN),
        (0x2D00, 0x2D2F, GEORGIAN),
        (0x2DE0, 0x2DFF, CYRILLIC),
        (0x2E80, 0x2FDF, HAN),
        (0x3005, 0x3007, HAN),
        (0x3021, 0x3029, HAN),
        (0x3040, 0x309F, KANA),
        (0x30A0, 0x30FA, KANA),
        (0x30FC, 0x30FF, KANA),
        (0x3130, 0x318F, HANGUL),
        (0x31F0, 0x31FF, KANA),
        (0x3400, 0x4DBF, HAN),
        (0x4E00, 0x9FFF, HAN),
        (0xA640, 0xA69F, CYRILLIC),
        (0xA720, 0xA7FF, LATIN),
        (0xA960, 0xA97F, HANGUL),
        (0xAB30, 0xAB6F, LATIN),
        (0xAC00, 0xD7AF, HANGUL),
        (0xD7B0, 0xD7FF, HANGUL),
        (0xF900, 0xFAFF, HAN),
        (0xFB1D, 0xFB4F, HEBREW),
        (0xFB50, 0xFDFF, ARABIC),
        (0xFE70, 0xFEFF, ARABIC),
        (0xFF21, 0xFF3A, LATIN),
        (0xFF41, 0xFF5A, LATIN),
        (0xFF66, 0xFF9F, KANA),
        (0xFFA0, 0xFFDC, HANGUL),
        (0x20000, 0x3134F, HAN),
    ]
)
_STARTS = [r[0] for r in _RANGES]


def char_script(ch: str) -> str:
    """The script of one character (``Common`` for digits, ``Other`` for marks and symbols)."""
    code = ord(ch)
    if code < 0x80:
        if ch.isalpha():
            return LATIN
        return COMMON
    i = bisect_right(_STARTS, code) - 1
    if i >= 0:
        lo, hi, script = _RANGES[i]
        if lo <= code <= hi:
            return script
    return OTHER


def dominant_script(word: str) -> str:
    """The script most letters of ``word`` are written in (``Common`` if it has no letters)."""
    if word.isascii():
        return LATIN if any(c.isalpha() for c in word) else COMMON
    counts: dict[str, int] = {}
    for ch in word:
        s = char_script(ch)
        if s not in (COMMON, OTHER):
            counts[s] = counts.get(s, 0) + 1
    if not counts:
        return COMMON
    return max(counts.items(), key=lambda kv: kv[1])[0]


# --- homoglyphs ------------------------------------------------------------------------------

# Cyrillic and Greek letters that look like Latin ones (after UTS #39 confusables.txt, limited
# to letters that are visually identical in common fonts). Folded only inside words that also
# hold Latin letters: a fully Cyrillic word is transliterated, not folded.
_CONFUSABLES = {
    # Cyrillic capitals and small letters
    "А": "A", "В": "B", "Е": "E", "К": "K", "М": "M", "Н": "H", "О": "O", "Р": "P", "С": "C",
    "Т": "T", "Х": "X", "У": "Y", "І": "I", "Ј": "J", "Ѕ": "S", "Ԛ": "Q", "Ԝ": "W", "Һ": "H",
    "Ӏ": "I", "Ѵ": "V", "Ԁ": "D", "Ү": "Y",
    "а": "a", "е": "e", "о": "o", "р": "p", "с": "c", "у": "y", "х": "x", "і": "i", "ј": "j",
    "ѕ": "s", "ԁ": "d", "ԛ": "q", "ԝ": "w", "һ": "h", "ӏ": "l", "ѵ": "v", "к": "k", "ү": "y",
    "ё": "e", "ї": "i",
    # Greek capitals and small letters
    "Α": "A", "Β": "B", "Ε": "E", "Ζ": "Z", "Η": "H", "Ι": "I", "Κ": "K", "Μ": "M", "Ν": "N",
    "Ο": "O", "Ρ": "P", "Τ": "T", "Υ": "Y", "Χ": "X",
    "α": "a", "ο": "o", "ρ": "p", "ι": "i", "κ": "k", "ν": "v", "υ": "u", "χ": "x", "ε": "e",
    "τ": "t",
}  # fmt: skip
_CONFUSABLE_TABLE = str.maketrans(_CONFUSABLES)
_FOLDABLE_SCRIPTS = frozenset({CYRILLIC, GREEK})


def fold_homoglyphs(word: str) -> tuple[str, bool]:
    """Fold look-alike Cyrillic/Greek letters to Latin inside a mixed-script word.

    Returns the word and whether anything was folded. A word is folded only when it mixes
    Latin letters with Cyrillic or Greek ones, which no real name does.
    """
    if word.isascii():
        return word, False
    has_latin = False
    has_foldable = False
    for ch in word:
        s = char_script(ch)
        if s == LATIN:
            has_latin = True
        elif s in _FOLDABLE_SCRIPTS:
            has_foldable = True
    if not (has_latin and has_foldable):
        return word, False
    folded = word.translate(_CONFUSABLE_TABLE)
    return folded, folded != word


# --- whole-string cleaning -------------------------------------------------------------------

_MULTISPACE = re.compile(r"\s+")


def clean_name(text: str, max_length: int) -> tuple[str, bool]:
    """Invisible characters removed, NFKC applied, whitespace collapsed, length capped.

    Case is kept (homoglyph folding needs it); returns the text and whether it was cut.
    """
    text = strip_invisible(text)
    if not text.isascii():
        text = unicodedata.normalize("NFKC", text)
        text = strip_invisible(text)
    truncated = False
    if len(text) > max_length:
        cut = text[:max_length]
        space = cut.rfind(" ")
        if space > max_length // 2:
            cut = cut[:space]
        text = cut
        truncated = True
    text = _MULTISPACE.sub(" ", text).strip()
    return text, truncated


def casefold(text: str) -> str:
    """Case-insensitive form; NFKC again because casefolding can denormalise."""
    if text.isascii():
        return text.lower()
    return unicodedata.normalize("NFKC", text.casefold())
