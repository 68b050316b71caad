"""The texts of a scored name pair's features: how two words met, what the glossary said,
which legal forms were set aside. Kept apart from the arithmetic in :mod:`scoring`."""

from __future__ import annotations

from catchall.core.model import Feature
from catchall.core.screening.similarity import TokenMatch
from catchall.core.screening.text import ARABIC, HAN
from catchall.core.screening.tokens import LEGAL, Token
from catchall.core.screening.wordlists import GlossEntry, glossary

FEATURE_NAMES = {
    "exact": "token_match",
    "transliteration": "transliteration",
    "spelling": "alternative_spelling",
    "glossary": "glossary_translation",
    "fuzzy": "fuzzy_token_match",
    "phonetic": "phonetic_match",
    "skeleton": "consonant_skeleton_match",
    "initial": "initial_match",
    "initials": "initials_match",
    "merged": "merged_tokens",
    "equivalent": "name_equivalent",
}


def shown(t: Token) -> str:
    return t.native or t.text


def side(tokens: list[Token]) -> str:
    text = " ".join(shown(t) for t in tokens)
    scripts = {t.script for t in tokens if t.native}
    if scripts:
        latin = " ".join(t.text for t in tokens)
        return f"'{text}' ({'/'.join(sorted(scripts))} script, read '{latin}')"
    return f"'{text}'"


def gloss_entry(token: Token) -> GlossEntry | None:
    g = glossary()
    found = g.words.get(token.native.replace(" ", "")) or g.phrases.get(tuple(token.native.split()))
    if found is None and token.script == HAN:
        from catchall.core.screening.translit import simplified_han

        found = g.words.get(simplified_han(token.native))
    if found is None and token.script == ARABIC and " " not in token.native:
        from catchall.core.screening.prepare import arabic_gloss

        found = arabic_gloss(token.native)  # through the article, prefixes and endings
    return found


def gloss_language(token: Token) -> str:
    entry = gloss_entry(token)
    return entry.language if entry else ""


def gloss_sources(tokens: list[Token]) -> tuple[Feature, ...]:
    """One feature per glossary language used, citing its dictionary."""
    entries = {e.language: e for t in tokens if t.gloss for e in [gloss_entry(t)] if e}
    return tuple(
        Feature("glossary_source", 0.0, f"glossary {lang}: {e.source}")
        for lang, e in sorted(entries.items())
    )


def pair_detail(m: TokenMatch, qs: list[Token], cs: list[Token]) -> str:
    left, right = side(qs), side(cs)
    if m.how == "fuzzy":
        return f"{left} ~ {right} ({m.edits} edit{'s' if m.edits != 1 else ''})"
    if m.how == "phonetic":
        return f"{left} sounds like {right} (metaphone {qs[0].phonetic})"
    if m.how == "skeleton":
        return f"{left} and {right}: the written letters agree, short vowels aside"
    if m.how == "initial":
        return f"{left} and {right}: an initial"
    if m.how == "initials":
        return f"{left} = initials of {right}"
    if m.how == "merged":
        return f"{left} = {right} written together"
    if m.how == "glossary":
        native = next((t for t in (*qs, *cs) if t.gloss and m.left in t.gloss), None)
        language = gloss_language(native) if native else ""
        native_text = f"'{native.native}'" if native else left
        other = right if native in qs else left
        return f"{native_text} means {other} (glossary {language})"
    if m.how == "equivalent":
        return (
            f"{left} and {right} are one name in two scripts "
            f"(Wikidata {m.symbol}, via rigour's name symbols)"
        )
    if m.how == "spelling":
        return f"{left} = {right} (spelling '{m.left}')"
    if m.how == "transliteration":
        return f"{left} = {right} by transliteration"
    return f"{left} = {right}"


def legal_features(q_tokens: tuple[Token, ...], c_tokens: tuple[Token, ...]) -> tuple[Feature, ...]:
    out = []
    for side, tokens in (("query", q_tokens), ("list name", c_tokens)):
        legal = [shown(t) for t in tokens if t.kind == LEGAL]
        if legal:
            out.append(
                Feature(
                    "legal_form_ignored", 0.0, f"'{' '.join(legal)}' in the {side} does not count"
                )
            )
    return tuple(out)
