"""From a raw name to a prepared name: cleaned, split, transliterated, glossed and classified.

The steps, in order: invisible characters out and length capped (:mod:`text`); "Last, First"
turned around for persons; dotted initials joined ("A.B.C." -> "abc"); words split on spaces
and punctuation; look-alike letters folded in mixed-script words; every word transliterated to
ASCII with its alternative spellings (:mod:`translit`, :mod:`hangul`); organisation words of
Korean, Persian, Arabic and Chinese names glossed into English (:mod:`wordlists`); numbers
and abbreviations written out; legal forms found with rigour's org-type database; and each
token given a kind that sets its weight.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from rigour.names import extract_org_types, replace_org_types_compare

from catchall.core.errors import InputError
from catchall.core.screening import hangul
from catchall.core.screening.acronym import looks_like_acronym, match_acronym
from catchall.core.screening.arabic import article_forms, split_glued
from catchall.core.screening.text import (
    ARABIC,
    COMMON,
    CYRILLIC,
    HAN,
    HANGUL,
    LATIN,
    casefold,
    char_script,
    clean_name,
    dominant_script,
    fold_homoglyphs,
    has_invisible,
)
from catchall.core.screening.tokens import (
    ACRONYM,
    GENERIC,
    HOMOGLYPH,
    INITIAL,
    LEGAL,
    LOCATION,
    NUMBER,
    PARTICLE,
    PATRONYMIC,
    STOP,
    SURNAME,
    TA_MARBUTA,
    TITLE,
    WORD,
    Token,
    make_token,
    with_kind,
)
from catchall.core.screening.translit import ascii_clean, han_syllable, latin_forms, simplified_han
from catchall.core.screening.wordlists import (
    GlossEntry,
    arabic_name_words,
    fold_arabic,
    glossary,
    hanja_surnames,
    name_words,
)

PERSON = "Person"
ORG_SCHEMATA = frozenset({"Company", "Organization", "Vessel", "PublicBody"})


@dataclass(frozen=True, slots=True)
class PreparedName:
    """A name ready to compare: its tokens in order, and what was done to get them."""

    original: str  # the name as given (after invisible characters and the length cap)
    tokens: tuple[Token, ...]  # every token in order, including stopwords and legal forms
    schema: str | None = None
    truncated: bool = False
    invisible_removed: bool = False
    homoglyphs_folded: bool = False
    inverted: bool = False  # "Last, First" turned around
    scripts: tuple[str, ...] = ()  # non-Latin scripts that were transliterated

    @property
    def core(self) -> tuple[Token, ...]:
        """The tokens that are scored (no stopwords, no legal forms)."""
        return tuple(t for t in self.tokens if t.kind < STOP)

    @property
    def legal_forms(self) -> tuple[Token, ...]:
        return tuple(t for t in self.tokens if t.kind == LEGAL)

    @property
    def normalized(self) -> str:
        return " ".join(t.text for t in self.tokens)


# --- splitting -------------------------------------------------------------------------------

_APOSTROPHES = "'’‘ʼʻ`´ʿʾ′׳״"
_DOTTED_INITIALS = re.compile(r"(?<![^\W_])[^\W\d_](?:\.[^\W\d_](?![^\W_]))+\.?")


def _separator_table() -> dict[int, str | None]:
    table: dict[int, str | None] = {}
    for code in range(0x10000):
        cat = unicodedata.category(chr(code))
        if cat[0] in "PSZ" or cat in ("Cc", "Cf"):
            table[code] = " "
    for ch in _APOSTROPHES:
        table[ord(ch)] = None
    table[ord("&")] = " and "
    return table


_SEPARATORS = _separator_table()


_DOTTED_MARK = "\ue000"  # private-use character: survives the separator table


def _join_dotted(match: re.Match[str]) -> str:
    return " " + match.group(0).replace(".", "") + _DOTTED_MARK + " "


def split_words(text: str) -> list[str]:
    """Words of a (case-folded) name; dotted initials come back joined, marked at the end."""
    if "." in text:
        text = _DOTTED_INITIALS.sub(_join_dotted, text)
    return text.translate(_SEPARATORS).split()


def _invert_person_name(text: str) -> tuple[str, bool]:
    """'SALEK, Abdulhai' -> 'Abdulhai SALEK' (one comma, a family name before it)."""
    if text.count(",") != 1:
        return text, False
    last, first = (p.strip() for p in text.split(","))
    if not last or not first or len(first.split()) > 3:
        return text, False
    return f"{first} {last}", True


# --- word to tokens --------------------------------------------------------------------------

_LEET = str.maketrans(
    {"0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "8": "b", "9": "g"}
)
_LEET_INNER = re.compile(r"[a-z][0-9][a-z]")
_ORDINAL = re.compile(r"^(\d+)(st|nd|rd|th)$")
_ROMAN = re.compile(r"^(x{0,3})(ix|iv|v?i{0,3})$")
_ROMAN_VALUES = {"i": 1, "v": 5, "x": 10}


def _roman_value(text: str) -> int:
    total = 0
    prev = 0
    for ch in reversed(text):
        value = _ROMAN_VALUES[ch]
        total += -value if value < prev else value
        prev = max(prev, value)
    return total


# Name modes: what the schema says about how words should be read.
ANY = 0
PERSON_MODE = 1
ORG_MODE = 2


def _classify(text: str, mode: int) -> tuple[int, int, int, str]:
    """Kind, flags, numeric value and a replacement spelling for one ASCII word.

    In a person's name, organisation and place words are plain words ("Michael Jordan").
    """
    words = name_words()
    if text.isdigit():
        return NUMBER, 0, int(text[:9]), ""
    m = _ORDINAL.match(text)
    if m:
        return NUMBER, 0, int(m.group(1)[:9]), m.group(1)
    if text in words.number_words:
        value = words.number_words[text]
        return NUMBER, 0, value, str(value)
    if mode == ORG_MODE and len(text) >= 2 and _ROMAN.match(text):
        return NUMBER, 0, _roman_value(text), ""
    if text in words.stopwords:
        return STOP, 0, -1, ""
    if text in words.particles:
        flags = PATRONYMIC if text in words.patronymic_particles else 0
        return PARTICLE, flags, -1, ""
    if text in words.titles:
        return TITLE, 0, -1, ""
    if text in words.company_words and mode != PERSON_MODE:
        return LEGAL, 0, -1, ""
    full = words.abbreviations.get(text, "")
    if not full and mode != PERSON_MODE:
        full = words.trade_abbreviations.get(text, "")
    word = full or text
    if mode == PERSON_MODE:
        return (INITIAL if len(text) == 1 else WORD), 0, -1, full
    if word in words.generic_org_words:
        return GENERIC, 0, -1, full
    if word in words.region_words or word in words.countries:
        return LOCATION, 0, -1, full
    if len(text) == 1:
        return INITIAL, 0, -1, ""
    return WORD, 0, -1, full


@lru_cache(maxsize=300_000)
def _latin_token(word: str, mode: int, flags: int = 0) -> Token:
    """The token of one Latin-script (or digit) word."""
    forms = latin_forms(word, LATIN) if not word.isascii() else (ascii_clean(word),)
    text = forms[0] if forms else ""
    alts = list(forms[1:])
    if not text:
        return make_token(word, kind=WORD, script=LATIN, flags=flags)
    if _LEET_INNER.search(text):
        alts.append(text.translate(_LEET))
    kind, kflags, number, replacement = _classify(text, mode)
    if replacement:
        alts.insert(0, text)
        text = replacement
    if flags & ACRONYM and kind in (WORD, INITIAL, GENERIC, LOCATION):
        kind = WORD
    return make_token(text, tuple(alts), kind, flags=flags | kflags, number=number)


def _gloss_forms(entry: GlossEntry | None) -> tuple[str, ...]:
    if entry is None:
        return ()
    return tuple(e.replace(" ", "") for e in entry.english)


def _gloss_kind(entry: GlossEntry, mode: int) -> int:
    """A glossed word weighs like its English rendering ("group" is an organisation word)."""
    first = entry.english[0].split()
    kinds = {_classify(w, mode)[0] for w in first}
    if kinds <= {LEGAL, STOP}:
        return LEGAL
    if kinds <= {GENERIC, LEGAL, STOP}:
        return GENERIC
    if kinds <= {LOCATION, GENERIC, LEGAL, STOP}:
        return LOCATION
    return WORD


def _native_token(
    native: str, script: str, mode: int, entry: GlossEntry | None = None, flags: int = 0
) -> Token:
    forms = latin_forms(native, script)
    if entry is not None and script == ARABIC and native.startswith(_ARTICLE_PREFIX):
        # A glossed word keeps its article glued ("الاتحاد" is one word, "the union"), yet Latin
        # lists write it apart (AL-ITIHAAD): the word read without it is a reading too, and
        # the alif after the article carries the vowel Latin writes (al-Ittihad, al-Islami).
        stem = native[len(_ARTICLE_PREFIX) :]
        if len(stem) >= 3:
            forms = (*forms[:1], *latin_forms(stem, script)[:1], *forms[1:])
    gloss = _gloss_forms(entry)
    text = forms[0] if forms else native
    kind = _gloss_kind(entry, mode) if entry else WORD
    if kind == WORD and len(text) == 1 and text.isascii():
        kind = INITIAL
    return make_token(text, forms[1:], kind, native, script, gloss, flags=flags)


def _arabic_tokens(word: str, mode: int, flags: int) -> list[Token]:
    """An Arabic-script word without a glossary entry: its glued pieces (article, "abd",
    "allah") as separate tokens, particles and honorifics with the spellings lists use."""
    pieces = split_glued(word)
    known = arabic_name_words()
    out: list[Token] = []
    for i, piece in enumerate(pieces):
        if piece == "ال" and i + 1 < len(pieces):
            out.append(make_token("al", article_forms(pieces[i + 1])[1:], PARTICLE, piece, ARABIC))
            continue
        word_info = known.get(piece)
        if word_info is not None:
            kind = {"title": TITLE, "stop": STOP}.get(word_info.kind, PARTICLE)
            extra = PATRONYMIC if word_info.kind == "patronymic" else 0
            latin = word_info.latin
            out.append(make_token(latin[0], latin[1:], kind, piece, ARABIC, flags=flags | extra))
            continue
        out.append(_native_token(piece, ARABIC, mode, None, flags))
    return out


# Letters that do not join the next one (folded spellings): a space left out after them does
# not show, so "ظاهرعویس" reads as ظاهر عویس to the eye (Dahir Aweys).
_NON_JOINING = frozenset("ادذرزژو")


def unspaced_parts(token: Token) -> list[tuple[Token, Token]]:
    """The two words an Arabic-script word may be, written without the space between them:
    cut after each letter that does not join the next, both parts of three letters or more."""
    word = token.native
    if token.script != ARABIC or token.kind != WORD or len(word) < 6:
        return []
    return [
        (_native_token(word[:i], ARABIC, ANY), _native_token(word[i:], ARABIC, ANY))
        for i in range(3, len(word) - 2)
        if word[i - 1] in _NON_JOINING
    ]


_ARTICLE_PREFIX = "ال"
_ARABIC_PREFIXES = ("ال", "لل", "وال", "بال", "و", "ب", "ل")


def arabic_gloss(word: str) -> GlossEntry | None:
    """Glossary entry of an Arabic-script word, seen through the article and prefixes."""
    words = glossary().words
    key = fold_arabic(word)
    stems = [key, *(key[len(p) :] for p in _ARABIC_PREFIXES if key.startswith(p))]
    for stem in stems:
        if len(stem) < 3:
            continue
        for form in (stem, *_base_forms(stem)):
            entry = words.get(form)
            if entry is not None:
                return entry
    return None


# Endings that make an adjective feminine or plural, or a Persian noun plural, looked up as
# the base word: the feminine nisba -iyya (اسلامية, folded اسلامیه) and the plural -iyyun /
# -iyyin are the masculine -i (W. Wright, A Grammar of the Arabic Language, 3rd ed., vol. I,
# §249-§251 on relative adjectives); Persian plurals take -ha, with the ezafe -haye (Lambton,
# Persian Grammar, 1953, ch. 2).
_NISBA_ENDINGS = (("یه", "ی"), ("یون", "ی"), ("یین", "ی"), ("های", ""), ("ها", ""))


def _base_forms(key: str) -> list[str]:
    return [
        key[: -len(end)] + base
        for end, base in _NISBA_ENDINGS
        if key.endswith(end) and len(key) - len(end) >= 3
    ]


def _segment_cjk(run: str, use_glossary: bool) -> list[tuple[str, GlossEntry | None]]:
    """Split a Han or Hangul run into glossary words (longest first) and single characters."""
    if not use_glossary:
        return [(ch, None) for ch in run]
    words = glossary().words
    longest = glossary().max_cjk_length
    simple = simplified_han(run)
    out: list[tuple[str, GlossEntry | None]] = []
    i = 0
    while i < len(run):
        for size in range(min(longest, len(run) - i), 1, -1):
            piece = run[i : i + size]
            entry = words.get(piece) or words.get(simple[i : i + size])
            if entry is not None:
                out.append((piece, entry))
                i += size
                break
        else:
            out.append((run[i], None))
            i += 1
    return out


def _han_tokens(run: str, mode: int, use_glossary: bool) -> list[Token]:
    pieces = _segment_cjk(run, use_glossary)
    person_like = 2 <= len(run) <= 4 and all(entry is None for _, entry in pieces)
    tokens = []
    for index, (piece, entry) in enumerate(pieces):
        text = "".join(han_syllable(ch) for ch in piece) or piece
        gloss = _gloss_forms(entry)
        kind = _gloss_kind(entry, mode) if entry else WORD
        alts: tuple[str, ...] = ()
        if index == 0 and person_like and piece in hanja_surnames():
            # 金正恩 is a Korean name too: its family name also reads Kim.
            alts = hangul.surname_forms(hanja_surnames()[piece])
        tokens.append(make_token(text, alts, kind, piece, HAN, gloss))
    return tokens


def _hangul_tokens(run: str, mode: int, use_glossary: bool) -> list[Token]:
    """Hangul: glossary words for organisations, else one token per syllable block.

    In a personal name (2-4 blocks) the first block, or the first two for compound family
    names, also gets the customary spellings of that family name.
    """
    pieces = _segment_cjk(run, use_glossary)
    tokens: list[Token] = []
    surname_len = 0
    if not use_glossary or all(entry is None for _, entry in pieces):
        if 2 <= len(run) <= 4:
            if len(run) >= 3 and hangul.surname_forms(run[:2]):
                surname_len = 2
            elif hangul.surname_forms(run[:1]):
                surname_len = 1
        if surname_len == 2:
            pieces = [(run[:2], None), *((ch, None) for ch in run[2:])]
    for index, (piece, entry) in enumerate(pieces):
        romanised = [hangul.syllable_forms(ch) for ch in piece]
        text = "".join(f[0] if f else ch for f, ch in zip(romanised, piece, strict=True))
        alts: tuple[str, ...] = ()
        flags = 0
        if len(piece) == 1 and romanised[0]:
            alts = romanised[0][1:]
        if index == 0 and surname_len:
            alts = (*hangul.surname_forms(piece), *alts)
            flags = SURNAME
        gloss = _gloss_forms(entry)
        kind = _gloss_kind(entry, mode) if entry else WORD
        tokens.append(make_token(text, alts, kind, piece, HANGUL, gloss, flags=flags))
    return tokens


def _script_runs(word: str) -> list[tuple[str, str]]:
    """Consecutive characters of one script ("abc中国" -> [("abc", Latin), ("中国", Han)])."""
    runs: list[tuple[str, str]] = []
    for ch in word:
        script = char_script(ch)
        if script == COMMON and runs:
            script = runs[-1][1] if runs[-1][1] == LATIN else COMMON
        if runs and runs[-1][1] == script:
            runs[-1] = (runs[-1][0] + ch, script)
        else:
            runs.append((ch, script))
    merged: list[tuple[str, str]] = []
    for text, script in runs:  # marks (e.g. Indic vowel signs) stay with their letters
        if script == "Other" and merged:
            merged[-1] = (merged[-1][0] + text, merged[-1][1])
        else:
            merged.append((text, script))
    return merged


_TA_MARBUTA = frozenset("ةۃ")


@lru_cache(maxsize=200_000)
def word_tokens(word: str, mode: int) -> tuple[Token, ...]:
    """Tokens of one case-folded word (several for CJK words and mixed-script words)."""
    flags = 0
    if word.endswith(_DOTTED_MARK):
        word = word[:-1]
        flags = ACRONYM if len(word) > 1 else 0
    if word.isascii():
        return (_latin_token(word, mode, flags),)
    person = mode == PERSON_MODE
    tokens: list[Token] = []
    for run, script in _script_runs(word):
        if script in (LATIN, COMMON):
            tokens.append(_latin_token(run, mode, flags))
        elif script == HAN:
            tokens.extend(_han_tokens(run, mode, not person and len(run) >= 2))
        elif script == HANGUL:
            tokens.extend(_hangul_tokens(run, mode, not person and len(run) >= 4))
        elif script == ARABIC:
            entry = None if person else arabic_gloss(run)
            # ة folds to ه, which may be a plain he: the flag keeps that it reads -at too
            marbuta = TA_MARBUTA if run[-1:] in _TA_MARBUTA else 0
            if entry is not None:
                tokens.append(_native_token(fold_arabic(run), script, mode, entry, flags | marbuta))
            else:
                pieces = _arabic_tokens(fold_arabic(run), mode, flags)
                if marbuta and pieces and pieces[-1].kind == WORD:
                    pieces[-1] = _flagged(pieces[-1], marbuta)
                tokens.extend(pieces)
        else:
            entry = cyrillic_gloss(run) if script == CYRILLIC and not person else None
            tokens.append(_native_token(run, script, mode, entry, flags))
    return tuple(tokens)


# Case and gender endings of Russian, Ukrainian and Belarusian nouns and adjectives, longest
# first (Wade, A Comprehensive Russian Grammar, 3rd ed., 2011, ch. 2 and 4).
_CYRILLIC_ENDINGS = tuple(
    sorted(
        [
            "ого",
            "его",
            "ому",
            "ему",
            "ыми",
            "ими",
            "ый",
            "ий",
            "ой",
            "ая",
            "яя",
            "ое",
            "ее",
            "ые",
            "ие",
            "ую",
            "юю",
            "ых",
            "их",
            "ым",
            "им",
            "ом",
            "ем",
            "ам",
            "ям",
            "ах",
            "ях",
            "ы",
            "і",
            "а",
            "я",
            "у",
            "ю",
            "е",
            "о",
            "и",
            "й",
            "ь",
        ],
        key=len,
        reverse=True,
    )
)


def _cyrillic_stem(word: str) -> str:
    for end in _CYRILLIC_ENDINGS:
        if word.endswith(end) and len(word) - len(end) >= 3:
            return word[: -len(end)]
    return word


@lru_cache(maxsize=1)
def _cyrillic_stems() -> dict[str, GlossEntry]:
    out: dict[str, GlossEntry] = {}
    for key, entry in glossary().words.items():
        if key and char_script(key[0]) == CYRILLIC:
            out.setdefault(_cyrillic_stem(key), entry)
    return out


def cyrillic_gloss(word: str) -> GlossEntry | None:
    """Glossary entry of a Cyrillic organisation word, whatever its case or gender ending."""
    return glossary().words.get(word) or _cyrillic_stems().get(_cyrillic_stem(word))


# --- whole names -----------------------------------------------------------------------------


def _phrase_tokens(words: list[str], mode: int) -> list[tuple[int, Token]]:
    """Tokens with the index of the word they came from; glossary phrases become one token."""
    phrases = glossary().phrases
    out: list[tuple[int, Token]] = []
    i = 0
    while i < len(words):
        matched = False
        if phrases and mode != PERSON_MODE and not words[i].isascii():
            for size in (3, 2):
                key = tuple(fold_arabic(w) for w in words[i : i + size])
                entry = phrases.get(key) if len(key) == size else None
                if entry is not None:
                    native = " ".join(words[i : i + size])
                    script = dominant_script(native)
                    token = _native_token(native.replace(" ", ""), script, mode, entry)
                    out.append(
                        (i, make_token(token.text, (), token.kind, native, script, token.gloss))
                    )
                    i += size
                    matched = True
                    break
        if not matched:
            for token in word_tokens(words[i], mode):
                out.append((i, token))
            i += 1
    return out


def _numbers_combined(tokens: list[tuple[int, Token]]) -> list[tuple[int, Token]]:
    """'forty four' -> 44: a tens number word followed by a unit becomes one number."""
    out: list[tuple[int, Token]] = []
    for index, token in tokens:
        if out and token.kind == NUMBER and 1 <= token.number <= 9:
            prev_index, prev = out[-1]
            if (
                prev.kind == NUMBER
                and prev.number in range(20, 100, 10)
                and token.text.isdigit()
                and prev.forms[-1].isalpha()
            ):
                value = prev.number + token.number
                out[-1] = (prev_index, make_token(str(value), (), NUMBER, number=value))
                continue
        out.append((index, token))
    return out


@lru_cache(maxsize=20_000)
def _legal_class(phrase: str) -> str:
    return replace_org_types_compare(phrase, generic=True)


def _mark_legal_forms(
    folded: str, words: list[str], tokens: list[tuple[int, Token]], person: bool
) -> list[tuple[int, Token]]:
    """Mark the tokens of legal forms found by rigour (GmbH, OOO, Co., Ltd., S.A. de C.V.)."""
    # rigour knows "p.l.c." and "pt" but not "p.t.": look in the text and in its plain words.
    plain = " ".join(w.rstrip(_DOTTED_MARK) for w in words)
    found = list(dict.fromkeys([*extract_org_types(folded), *extract_org_types(plain)]))
    if not found:
        return tokens
    marks: dict[int, str] = {}
    bare = [w.rstrip(_DOTTED_MARK) for w in words]
    for phrase, _ in found:
        phrase_words = [w.rstrip(_DOTTED_MARK) for w in split_words(phrase)]
        if not phrase_words or _ROMAN.match(phrase_words[0].rstrip(_DOTTED_MARK)):
            continue
        size = len(phrase_words)
        for start in range(len(words) - size + 1):
            if bare[start : start + size] == phrase_words:
                if person and (start + size != len(words) or len(phrase.replace(".", "")) < 3):
                    # In a person's name only a trailing form of 3 letters or more counts
                    # ("Maduro LLC"); "Se", "Ag", "As" end Korean, Arabic, Swedish names.
                    continue
                for i in range(start, start + size):
                    marks[i] = _legal_class(phrase)
    if not marks:
        return tokens
    return [
        (i, with_kind(t, LEGAL, marks[i]) if i in marks and t.kind != STOP else t)
        for i, t in tokens
    ]


def name_mode(schema: str | None) -> int:
    if schema == PERSON:
        return PERSON_MODE
    if schema in ORG_SCHEMATA:
        return ORG_MODE
    return ANY


ORGANIZATION = "Organization"
_VOWELS = frozenset("aeiouy")


def inferred_schema(prepared: PreparedName) -> tuple[str | None, tuple[str, ...]]:
    """For a query given without a schema: "Organization" when its own words say so, with
    the words that did.

    Organisation words are a legal form of four letters or more or without a vowel (Limited,
    Company, GmbH; Ltd, LLC, PLC: the short forms with vowels are also personal names: Yu,
    Sem, Vos, Ek) and a native-script
    word the organisation glossary renders as a legal form or an organisation word (شركة
    company, مكتب office, группа group). Sector words in Latin script are not enough on their
    own ("Marine", "Development" occur in people's names). Otherwise None: nothing is inferred.
    """
    if prepared.schema is not None:
        return prepared.schema, ()
    words = []
    for t in prepared.tokens:
        if t.native and t.gloss and t.kind in (LEGAL, GENERIC):
            words.append(t.native)
        elif not t.native and t.kind == LEGAL and (len(t.text) >= 4 or not _VOWELS & set(t.text)):
            words.append(t.text)
    return (ORGANIZATION if words else None), tuple(words)


def prepare_name(text: str, schema: str | None = None, max_length: int = 300) -> PreparedName:
    """Prepare one name for comparison; raises InputError when nothing comparable is left."""
    if not isinstance(text, str):
        raise InputError("must be text", field="name")
    invisible = has_invisible(text)
    cleaned, truncated = clean_name(text, max_length)
    if not cleaned:
        raise InputError("is empty (after removing invisible and control characters)", field="name")
    mode = name_mode(schema)
    inverted = False
    if mode == PERSON_MODE:
        cleaned, inverted = _invert_person_name(cleaned)

    folded_words: set[str] = set()
    raw_words = cleaned.split()
    if not cleaned.isascii():
        out = []
        for w in raw_words:
            f, changed = fold_homoglyphs(w)
            if changed:
                folded_words.update(split_words(casefold(f)))
            out.append(f)
        raw_words = out
    folded = casefold(" ".join(raw_words))
    elided: set[str] = set()
    if mode == ORG_MODE:
        elided = {m.group(1) + m.group(2) for m in _ELISION.finditer(folded)}
        folded = _ELISION.sub(r"\1e \2", folded)
    words = split_words(folded)
    if not words:
        raise InputError("has no letters or digits", field="name")

    tokens = _phrase_tokens(words, mode)
    tokens = _numbers_combined(tokens)
    tokens = _mark_legal_forms(folded, words, tokens, mode == PERSON_MODE)
    final = [t for _, t in tokens]
    final = _titles_inside(_split_after_abd(final, mode))
    if mode != PERSON_MODE and (cleaned.rstrip().endswith(")") or "/" in cleaned):
        final = _restated_acronym(cleaned, final)
    if elided:
        final = _with_elided_forms(final, elided)
    if folded_words:
        final = [_flagged(t, HOMOGLYPH) if t.text in folded_words else t for t in final]
    if not any(t.kind < STOP for t in final):
        # A name made only of legal forms or stopwords ("The Company"): keep them as words.
        final = [with_kind(t, WORD) for t in final]
    if not final:
        raise InputError("has no letters or digits", field="name")
    scripts = tuple(sorted({t.script for t in final if t.script != LATIN}))
    return PreparedName(
        original=cleaned,
        tokens=tuple(final),
        schema=schema,
        truncated=truncated,
        invisible_removed=invisible,
        homoglyphs_folded=bool(folded_words),
        inverted=inverted,
        scripts=scripts,
    )


# French and Italian elide the article and "de" before a vowel or mute h: "l'Ouest" is "le
# Ouest", "d'Afrique" "de Afrique" (Grevisse and Goosse, Le Bon usage, on elision; Maiden and
# Robustelli, A Reference Grammar of Modern Italian; not checked against the books here).
# Written out, the word after it is a word of its own and the article a particle, as when
# lists drop the apostrophe ("Mouvement pour l Unification"). Organisation names only: a
# person's "D'Souza" is one surname.
_ELISION = re.compile(r"(?<![^\W\d_])([ld])['’ʼ]([aeiouhàâäéèêëîïôöûüù][^\W_]*)")


def _with_elided_forms(tokens: list[Token], elided: set[str]) -> list[Token]:
    """The word after a written-out elision keeps the glued spelling as another form, so that
    "LOREAL" still meets "L'OREAL" (read "le oreal")."""
    glued = {ascii_clean(w): w for w in elided}
    out = list(tokens)
    for k in range(1, len(out)):
        prev, t = out[k - 1], out[k]
        joined = prev.text[:1] + t.text
        if prev.kind == PARTICLE and joined in glued and joined not in t.forms:
            out[k] = make_token(
                t.text,
                (*t.forms[1:], joined),
                t.kind,
                t.native,
                t.script,
                t.gloss,
                t.legal,
                t.flags,
                t.number,
            )
    return out


# "NAME (ABBR)" or "NAME / ABBR" (the UN list writes both).
_TRAILING_PARENS = re.compile(r"(?:\(\s*([^()\s]{2,10})\s*\)|/\s*([^\s/()]{2,10}))\s*$")


def _restated_acronym(cleaned: str, tokens: list[Token]) -> list[Token]:
    """ "MUHAMMAD JAMAL NETWORK (MJN)", "AL-ITIHAAD AL-ISLAMIYA / AIAI": an abbreviation in
    brackets or after a slash at the end of the name restates it (lists write the short form
    so); it is set aside like a stopword, not a word to meet."""
    m = _TRAILING_PARENS.search(cleaned)
    if m is None or len(tokens) < 3:
        return tokens
    last = tokens[-1]
    if last.kind != WORD or last.text != ascii_clean(m.group(1) or m.group(2)).replace(" ", ""):
        return tokens
    if not looks_like_acronym(last) or match_acronym(last.text, tuple(tokens[:-1])) is None:
        return tokens
    return [*tokens[:-1], with_kind(last, STOP)]


def _split_after_abd(tokens: list[Token], mode: int) -> list[Token]:
    """ "عبد الحی" is Abd al-Hayy: after عبد written apart, a word of the article and two
    letters is the article and a name (alone, "النا" is Elena; see :func:`split_glued`)."""
    out: list[Token] = []
    for t in tokens:
        if (
            out
            and out[-1].native == "عبد"
            and t.script == ARABIC
            and t.kind == WORD
            and len(t.native) == 4
            and t.native.startswith("ال")
            and t.native != "الله"
        ):
            rest = t.native[2:]
            out.append(make_token("al", article_forms(rest)[1:], PARTICLE, "ال", ARABIC))
            out.append(_native_token(rest, ARABIC, mode, None, t.flags))
            continue
        out.append(t)
    return out


def _titles_inside(tokens: list[Token]) -> list[Token]:
    """An Arabic-script honorific after a name word is a name: honorifics come before the
    name ("حافظ محمد" is Hafiz Muhammad), while inside a chain the same word is a given name
    ("عبدالحليم حافظ" is Abdelhalim Hafed, "محمد سید" Mohammad Sayed)."""
    out: list[Token] = []
    named = False
    for t in tokens:
        if named and t.kind == TITLE and t.script == ARABIC:
            t = with_kind(t, WORD)
        named = named or t.kind == WORD
        out.append(t)
    return out


def _flagged(token: Token, flag: int) -> Token:
    if not token.text.isascii() or token.flags & flag:
        return token
    return make_token(
        token.text,
        token.forms[1:],
        token.kind,
        token.native,
        token.script,
        token.gloss,
        token.legal,
        token.flags | flag,
        token.number,
    )
