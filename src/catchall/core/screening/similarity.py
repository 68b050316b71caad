"""Similarity of two tokens: exact, another spelling, a glossary translation, a typo within a
length-scaled budget, the same sound, the same consonant skeleton, or an initial.

Each answer says how the tokens met, so that the explanation can name it.
"""

from __future__ import annotations

from dataclasses import dataclass

from rapidfuzz.distance import OSA

from catchall.core.screening.abjad import KNOWN_ELEMENTS, abjad_match, consonant_count
from catchall.core.screening.symbols import token_symbols
from catchall.core.screening.text import ARABIC, HAN, HANGUL, SYLLABIC, VOWEL_LOSING
from catchall.core.screening.tokens import ACRONYM, INITIAL, NUMBER, PARTICLE, WORD, Token

# Similarity given to each way of meeting (1.0 is the same word).
EXACT = 1.0
TRANSLITERATED = 1.0
ALTERNATIVE = 0.97  # another romanisation system's spelling
GLOSSARY = 0.95
INITIAL_SIM = 0.9
PHONETIC = 0.8
EQUIVALENT = 0.9  # the same Wikidata name item, across scripts
# Abjad romanisations lack vowels: all written letters agreeing is the best evidence there can be.
SKELETON = 0.9
SHORT_SKELETON = 0.8  # two consonants
# Four written letters of an Arabic-script name (consonants, and ی/و before a letter) with the
# long vowels in place leave little room for another name.
LONG_SKELETON = 0.95
TINY_SKELETON = 0.7  # one consonant, short words only ("ly" / "ali")
_BLOCKS = frozenset({HAN, HANGUL})
# A fuzzy match loses this share of its similarity per edit relative to the token length.
FUZZY_COST = 0.8


def edit_budget(length: int) -> int:
    """Edits allowed between two words whose longer one has ``length`` letters.

    Short words get none (Ali/Eli, Tom/Tim are different names; sound may still match them),
    medium words one (Jon/John, Pulin/Putin), long words two (Lukashnko/Lukashenko).
    Letters typed twice ("Jong-uun") are forgiven separately (``Token.squeezed``).
    """
    if length <= 3:
        return 0
    if length <= 6:
        return 1
    return 2


@dataclass(frozen=True, slots=True)
class TokenMatch:
    """How two tokens met and how close they are (0..1)."""

    sim: float
    how: (
        str  # exact | transliteration | spelling | glossary | fuzzy | phonetic | skeleton | initial
    )
    left: str  # the spelling of the first token that met
    right: str  # the spelling of the second token that met
    edits: int = 0
    symbol: str = ""  # the shared Wikidata item of an "equivalent" match


def _fuzzy_sim(edits: int, length: int) -> float:
    return 1.0 - FUZZY_COST * edits / max(length, 1)


def _native_similarity(a: Token, b: Token) -> TokenMatch | None:
    """Two words written in the same non-Latin script are compared as written."""
    if a.native == b.native:
        return TokenMatch(EXACT, "exact", a.native, b.native)
    if a.syllabic:
        return None  # another syllable block is another name (김종은 is not 김정은)
    length = max(len(a.native), len(b.native))
    budget = edit_budget(length)
    if a.vowel_losing:
        # Written without short vowels, a short word is little but its root: one letter more
        # or less is another name (احمد Ahmad / محمد Muhammad, حسن Hasan / حسین Husayn).
        budget = 1 if length >= 5 else 0
    if budget and abs(len(a.native) - len(b.native)) <= budget:
        d = OSA.distance(a.native, b.native, score_cutoff=budget)
        if d <= budget:
            return TokenMatch(_fuzzy_sim(d, length), "fuzzy", a.native, b.native, d)
    return None


_ARTICLE = "ال"


def _exact_forms(a: Token, b: Token) -> TokenMatch | None:
    if a.text == b.text:
        how = "transliteration" if (a.native or b.native) and a.native != b.native else "exact"
        return TokenMatch(TRANSLITERATED if how != "exact" else EXACT, how, a.text, b.text)
    if len(a.forms) == 1 and len(b.forms) == 1:
        return None
    for fa in a.forms:
        if fa in b.forms:
            if fa in a.gloss or fa in b.gloss:
                return TokenMatch(GLOSSARY, "glossary", fa, fa)
            if _ARTICLE in (a.native, b.native) and a.native != b.native:
                # The written article ال has no one Latin spelling: al-, el-, ul- and the
                # assimilated ar-, ur-, ad- ... all read it (ABD UR-REHMAN, Abd al-Rahman).
                return TokenMatch(TRANSLITERATED, "transliteration", a.text, b.text)
            return TokenMatch(ALTERNATIVE, "spelling", fa, fa)
    return None


def intact_piece(length: int) -> int:
    """Letters at the start or the end of a word that a typo must leave untouched.

    One edit in a word of 5-6 letters leaves one half whole; two edits in a long word must
    leave its first or last third whole: edits at both ends make another word (Lukashenko /
    Lukashevich). The index finds words by these pieces, so the rule keeps it complete.
    """
    budget = edit_budget(length)
    if budget <= 1:
        return max(2, (length - 1) // 2)
    return max(2, (length - 2) // 3)


def _no_fuzz(a: Token, b: Token) -> bool:
    """Codes ("A.B.C.") and Han/Hangul syllables are compared exactly.

    A Han or Hangul name is a handful of syllables out of a few hundred; one letter more or
    less in a syllable's romanisation is another syllable, hence another name (정/종, 明/民).
    Their alternative romanisations are already forms of the token.
    """
    return bool((a.flags | b.flags) & ACRONYM) or a.script in _BLOCKS or b.script in _BLOCKS


def _fuzzy(a: Token, b: Token) -> TokenMatch | None:
    if _no_fuzz(a, b):
        return None
    best: TokenMatch | None = None
    if len(a.text) >= 2 and len(b.text) >= 2 and a.squeezed == b.squeezed:
        length = max(len(a.text), len(b.text))
        edits = abs(len(a.text) - len(b.text))
        best = TokenMatch(_fuzzy_sim(edits, length), "fuzzy", a.text, b.text, edits)
    for fa in a.forms[:3]:
        for fb in b.forms[:3]:
            length = max(len(fa), len(fb))
            budget = edit_budget(length)
            if not budget or abs(len(fa) - len(fb)) > budget or min(len(fa), len(fb)) < 2:
                continue
            d = OSA.distance(fa, fb, score_cutoff=budget)
            if d <= budget:
                piece = intact_piece(length)
                if d and fa[:piece] != fb[:piece] and fa[-piece:] != fb[-piece:]:
                    continue
                sim = _fuzzy_sim(d, length)
                if best is None or sim > best.sim:
                    best = TokenMatch(sim, "fuzzy", fa, fb, d)
    return best


def _phonetic(a: Token, b: Token) -> TokenMatch | None:
    if not a.phonetic or a.phonetic != b.phonetic or len(a.phonetic) < 2:
        return None
    if _no_fuzz(a, b):
        return None
    if (a.native and a.vowel_losing) or (b.native and b.vowel_losing):
        return None  # an abjad's letters are read by their skeleton (``_abjad``), not by sound
    length = max(len(a.text), len(b.text))
    d = OSA.distance(a.text, b.text)
    if d > edit_budget(length) + 1 or d > max(1, length // 3):
        return None  # Marquez/Marcos and Olga/Oleg share a sound key but not a name
    return TokenMatch(PHONETIC, "phonetic", a.text, b.text, d)


def _abjad(a: Token, b: Token) -> TokenMatch | None:
    """A vowel-less romanisation ("hmt", "mhmd") read against a spelled-out name."""
    if a.vowel_losing == b.vowel_losing:
        return None
    bare, full = (a, b) if a.vowel_losing else (b, a)
    if bare.kind == PARTICLE and bare.native:
        return None  # the article and "bin" meet only by their spellings ("al" is not "Ali")
    if not bare.skeleton:
        return None
    reading = next((r for r in bare.readings if abjad_match((r,), full.text)), None)
    if reading is None:
        return None
    consonants = consonant_count(reading)
    if bare.script == ARABIC:  # a written ی or و before a letter is a consonant (Yahya, Ayyub)
        consonants += sum(1 for ch in reading[:-1] if ch in "yw")
        if consonants >= 3 and reading[-1] in "yw":
            # a final ی or و is a written long vowel, which the Latin must show (احمدی is
            # Ahmadi, never Ahmad): a fourth letter in place (an initial alif is not: it
            # only says that some vowel begins the word)
            consonants += 1
    if reading in KNOWN_ELEMENTS:
        return TokenMatch(ALTERNATIVE, "spelling", a.text, b.text)
    if consonants >= 4 and bare.script == ARABIC:
        sim = LONG_SKELETON
    elif consonants >= 3:
        sim = SKELETON
    elif consonants == 2:
        sim = SHORT_SKELETON
    elif len(full.text) <= 4:
        sim = TINY_SKELETON
    else:
        return None
    left, right = (reading, full.text) if bare is a else (full.text, reading)
    return TokenMatch(sim, "skeleton", left, right)


def _single_block(token: Token) -> bool:
    return token.script in SYLLABIC and len(token.native) < 2


def _equivalent(a: Token, b: Token) -> TokenMatch | None:
    """One name in two scripts, by a shared Wikidata name item (never within one script)."""
    if a.script == b.script or a.kind != WORD or b.kind != WORD:
        return None
    if _single_block(a) or _single_block(b):
        return None  # one Han or Hangul syllable names too many people (杨, 李, 숙)
    native, other = (a, b) if a.native else (b, a)
    sn = token_symbols(native)  # () for abjads and Hangul: they do not load the table
    shared = set(sn).intersection(token_symbols(other)) if sn else set()
    if not shared:
        return None
    return TokenMatch(EQUIVALENT, "equivalent", a.text, b.text, 0, min(shared))


def _abjad_and_blocks(a: Token, b: Token) -> bool:
    """An Arabic-script word and a Han or Hangul syllable: both romanisations are so short and
    so lossy (no vowels; one syllable) that their agreeing is chance ("ما" and 马 are "ma")."""
    scripts = (a.script, b.script)
    return any(s in VOWEL_LOSING for s in scripts) and any(s in SYLLABIC for s in scripts)


def token_similarity(a: Token, b: Token) -> TokenMatch | None:
    """The best way ``a`` and ``b`` meet, or None if they are different words."""
    if a is b:
        return TokenMatch(EXACT, "exact", a.text, b.text)
    if a.kind == NUMBER or b.kind == NUMBER:
        if a.number >= 0 and a.number == b.number:
            return TokenMatch(EXACT, "exact", a.text, b.text)
        return None
    if a.native and b.native and a.script != b.script and _abjad_and_blocks(a, b):
        return None
    if a.native and b.native and a.script == b.script:
        return _native_similarity(a, b)
    if a.kind == INITIAL or b.kind == INITIAL:
        if a.kind == INITIAL and b.kind == INITIAL:
            return TokenMatch(EXACT, "exact", a.text, b.text) if a.text == b.text else None
        if a.text[:1] == b.text[:1]:
            return TokenMatch(INITIAL_SIM, "initial", a.text, b.text)
        return None
    exact = _exact_forms(a, b)
    if exact is not None:
        return exact
    best: TokenMatch | None = None
    for m in (_fuzzy(a, b), _phonetic(a, b), _abjad(a, b)):
        if m is not None and (best is None or m.sim > best.sim):
            best = m
    if best is None or best.sim < EQUIVALENT:  # the symbol table loads lazily: ask it last
        m = _equivalent(a, b)
        if m is not None and (best is None or m.sim > best.sim):
            best = m
    return best
