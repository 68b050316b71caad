"""Cross-script name equivalence from rigour's name-symbol tagger (Wikidata given and family
names).

rigour tags "Alexander" and "Αλέξανδρος", "Abdullah" and "عبد الله", "Yamada" and "山田" with
the same Wikidata item. Where transliteration cannot bridge two scripts (Greek name forms,
Japanese kanji, Hebrew without vowels), a shared item says the two words are one name. The
engine uses it only between different scripts: within one script, spelling decides, because
the symbol table also links related but different names (logic-v2 over-matches there).

rigour loads its symbol tables on first use (several seconds), so symbols are looked up
lazily: only when two scripts actually meet.
"""

from __future__ import annotations

import sys
from functools import lru_cache

from rigour.names import NameTypeTag, SymbolCategory, analyze_names

from catchall.core.screening.text import GREEK, HAN, KANA, SYLLABIC
from catchall.core.screening.tokens import WORD, Token


@lru_cache(maxsize=300_000)
def name_symbols(text: str) -> tuple[str, ...]:
    """Wikidata items (QIDs) naming the whole of ``text`` as a personal name, sorted."""
    parts = len(text.split())
    found: set[str] = set()
    for name in analyze_names(NameTypeTag.PER, [text], phonetics=False, numerics=False):
        for span in name.spans:
            symbol = span.symbol
            if symbol.category == SymbolCategory.NAME and len(span.parts) == parts:
                found.add(sys.intern(str(symbol.id)))
    return tuple(sorted(found))


# Scripts whose romanisation cannot reach the Latin form of a name on its own: kanji and
# hanzi read in Japanese or Korean, Greek name forms (Αλέξανδρος, Alexander). Abjads are read
# letter by letter instead (:mod:`abjad`), Hangul syllables have their own romanisations
# (:mod:`hangul`), and the other scripts transliterate well enough.
SYMBOL_SCRIPTS = frozenset({HAN, KANA, GREEK})


def token_symbols(token: Token) -> tuple[str, ...]:
    """The name items of a word token, from its native spelling when it has one."""
    if token.kind != WORD or (token.native and token.script not in SYMBOL_SCRIPTS):
        return ()
    text = token.native or token.text
    if len(text) < 2:
        return ()  # one letter or one Han syllable names too many people
    return name_symbols(text)


def joined_symbols(tokens: list[Token]) -> tuple[str, ...]:
    """Name items of several adjacent words read as one name (山 + 田 = 山田, عبد + الله)."""
    if not tokens or any(t.kind != WORD for t in tokens):
        return ()
    if tokens[0].native and tokens[0].script not in SYMBOL_SCRIPTS:
        return ()
    glue = "" if tokens[0].script in SYLLABIC else " "
    return name_symbols(glue.join(t.native or t.text for t in tokens))
