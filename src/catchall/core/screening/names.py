"""What the engine makes of a name, for people: the normalised form and every variant compared.

``normalize_name`` gives the one comparable string; ``name_variants`` lists the readings the
engine compares (transliterations, other romanisations, glossary translations, the name
without legal forms), each labelled, for explanations and the web UI.
"""

from __future__ import annotations

from dataclasses import dataclass

from catchall.core.screening.prepare import prepare_name
from catchall.core.screening.tokens import LEGAL, STOP
from catchall.core.screening.wordlists import GlossEntry, glossary


@dataclass(frozen=True, slots=True)
class NameVariant:
    """One reading of a name: its text, what kind of reading it is, and where it came from."""

    text: str
    kind: str  # original | normalized | transliteration | spelling | glossary | without legal forms
    detail: str = ""


def _gloss_entry(native: str) -> GlossEntry | None:
    g = glossary()
    return g.words.get(native.replace(" ", "")) or g.phrases.get(tuple(native.split()))


def normalize_name(text: str, schema: str | None = None) -> str:
    """The comparable form of a name: cleaned, case-folded, transliterated to ASCII.

    Raises :class:`~catchall.core.errors.InputError` when nothing comparable is left.
    """
    return prepare_name(text, schema).normalized


def name_variants(text: str, schema: str | None = None) -> list[NameVariant]:
    """Every reading of ``text`` the engine compares, the original first."""
    prepared = prepare_name(text, schema)
    tokens = prepared.tokens
    out = [NameVariant(prepared.original, "original")]
    normalized = prepared.normalized
    if prepared.scripts:
        out.append(
            NameVariant(
                normalized,
                "transliteration",
                f"from {', '.join(prepared.scripts)} script",
            )
        )
    else:
        out.append(NameVariant(normalized, "normalized"))
    alternative = " ".join(
        t.forms[1] if len(t.forms) > 1 and not t.gloss else t.text for t in tokens
    )
    if alternative != normalized:
        out.append(
            NameVariant(alternative, "spelling", "another romanisation or spelling of some words")
        )
    entries = {t.native: _gloss_entry(t.native) for t in tokens if t.gloss}
    if entries:
        glossed = " ".join(
            entries[t.native].english[0] if t.native in entries and entries[t.native] else t.text
            for t in tokens
        )
        sources = sorted({f"{e.language}: {e.source}" for e in entries.values() if e is not None})
        out.append(NameVariant(glossed, "glossary", "; ".join(sources)))
    core = " ".join(t.text for t in tokens if t.kind not in (LEGAL, STOP))
    if core != normalized and any(t.kind == LEGAL for t in tokens):
        legal = " ".join(t.native or t.text for t in tokens if t.kind == LEGAL)
        out.append(NameVariant(core, "without legal forms", f"ignored: {legal}"))
    return out
