"""Romanisation of Hangul syllables, in the spellings Korean names are actually written in.

ICU writes 김정은 as "gimjeong-eun"; lists write "Kim Jong Un", passports "Kim Jeong-eun",
older sources "Kim Chŏng-ŭn". Each syllable therefore gets several forms: Revised
Romanization (RR, first), McCune-Reischauer without diacritics (MR: ŏ -> o, ŭ -> u, unvoiced
initials k/t/p/ch), and common mixtures of the two (voiced initials with MR vowels:
"jong", "un"). Family names get their customary spellings from a cited table.
"""

from __future__ import annotations

from functools import lru_cache
from itertools import product

from catchall.core.screening.wordlists import korean_surnames

_BASE = 0xAC00
_LAST = 0xD7A3

# Initial consonants: RR form first, then the McCune-Reischauer alternative if different.
_INITIALS: tuple[tuple[str, ...], ...] = (
    ("g", "k"),  # ㄱ
    ("kk",),  # ㄲ
    ("n",),  # ㄴ
    ("d", "t"),  # ㄷ
    ("tt",),  # ㄸ
    ("r", "l"),  # ㄹ
    ("m",),  # ㅁ
    ("b", "p"),  # ㅂ
    ("pp",),  # ㅃ
    ("s", "sh"),  # ㅅ
    ("ss",),  # ㅆ
    ("",),  # ㅇ
    ("j", "ch"),  # ㅈ
    ("jj",),  # ㅉ
    ("ch",),  # ㅊ
    ("k",),  # ㅋ
    ("t",),  # ㅌ
    ("p",),  # ㅍ
    ("h",),  # ㅎ
)
# Vowels: RR first, then MR without diacritics and common English spellings.
_MEDIALS: tuple[tuple[str, ...], ...] = (
    ("a",),  # ㅏ
    ("ae",),  # ㅐ
    ("ya",),  # ㅑ
    ("yae",),  # ㅒ
    ("eo", "o", "u"),  # ㅓ (MR ŏ; "Sung", "Jung")
    ("e",),  # ㅔ
    ("yeo", "yo"),  # ㅕ
    ("ye",),  # ㅖ
    ("o",),  # ㅗ
    ("wa",),  # ㅘ
    ("wae",),  # ㅙ
    ("oe",),  # ㅚ
    ("yo",),  # ㅛ
    ("u", "oo"),  # ㅜ
    ("wo",),  # ㅝ
    ("we",),  # ㅞ
    ("wi",),  # ㅟ
    ("yu",),  # ㅠ
    ("eu", "u"),  # ㅡ (MR ŭ)
    ("ui",),  # ㅢ
    ("i",),  # ㅣ
)
# Final consonants (28 slots, the first is "none").
_FINALS: tuple[tuple[str, ...], ...] = (
    ("",),
    ("k", "g"),  # ㄱ
    ("k",),  # ㄲ
    ("k",),  # ㄳ
    ("n",),  # ㄴ
    ("n",),  # ㄵ
    ("n",),  # ㄶ
    ("t", "d"),  # ㄷ
    ("l", "r"),  # ㄹ
    ("k",),  # ㄺ
    ("m",),  # ㄻ
    ("l",),  # ㄼ
    ("l",),  # ㄽ
    ("l",),  # ㄾ
    ("p",),  # ㄿ
    ("l",),  # ㅀ
    ("m",),  # ㅁ
    ("p", "b"),  # ㅂ
    ("p",),  # ㅄ
    ("t", "s"),  # ㅅ
    ("t",),  # ㅆ
    ("ng",),  # ㅇ
    ("t",),  # ㅈ
    ("t",),  # ㅊ
    ("k",),  # ㅋ
    ("t",),  # ㅌ
    ("p",),  # ㅍ
    ("t",),  # ㅎ
)

MAX_FORMS = 8


def is_syllable(ch: str) -> bool:
    return _BASE <= ord(ch) <= _LAST


@lru_cache(maxsize=4096)
def syllable_forms(ch: str) -> tuple[str, ...]:
    """Romanised forms of one Hangul syllable block, RR first."""
    if not is_syllable(ch):
        return ()
    index = ord(ch) - _BASE
    initial, rest = divmod(index, 21 * 28)
    medial, final = divmod(rest, 28)
    forms: list[str] = []
    for i, m, f in product(_INITIALS[initial], _MEDIALS[medial], _FINALS[final]):
        form = i + m + f
        if form not in forms:
            forms.append(form)
        if len(forms) >= MAX_FORMS:
            break
    return tuple(forms)


def romanize(text: str) -> str:
    """The Revised-Romanization-like spelling of a Hangul string (one form, for display)."""
    out = []
    for ch in text:
        forms = syllable_forms(ch)
        out.append(forms[0] if forms else ch)
    return "".join(out)


def surname_forms(syllables: str) -> tuple[str, ...]:
    """Customary Latin spellings of a Korean family name, or () if it is not a known one."""
    return korean_surnames().get(syllables, ())
