"""Explanations: one readable sentence per match, built from the features that moved the score.

The sentence names the query name, the list name or alias it met, the strongest reasons, the
penalties and the threshold the score was held against, so that a reviewer can check the
engine's reading without opening the features.
"""

from __future__ import annotations

from catchall.core.model import Feature, ListEntity
from catchall.core.screening.config import ScreeningConfig
from catchall.core.screening.prepare import PreparedName
from catchall.core.screening.translit import display_latin

_QUERY_NOTES = ("input_truncated", "invisible_removed", "homoglyph_folded", "name_inverted")
# Evidence beyond the name: always shown, whatever its weight.
EVIDENCE_FEATURES = frozenset(
    {
        "identifier_match",
        "dob_match",
        "dob_year_match",
        "dob_range_match",
        "dob_near",
        "dob_mismatch",
        "dob_held_for_review",
        "nationality_match",
        "nationality_mismatch",
    }
)


def query_features(prepared: PreparedName) -> list[Feature]:
    """What was done to the query name before comparing (weight 0: nothing was scored yet)."""
    out = []
    if prepared.truncated:
        out.append(
            Feature(
                "input_truncated",
                0.0,
                f"the name was longer than allowed and was cut to {len(prepared.original)} characters",
            )
        )
    if prepared.invisible_removed:
        out.append(
            Feature("invisible_removed", 0.0, "zero-width, bidi or control characters were removed")
        )
    if prepared.homoglyphs_folded:
        out.append(
            Feature(
                "homoglyph_folded",
                0.0,
                "look-alike Cyrillic/Greek letters inside Latin words were read as Latin",
            )
        )
    if prepared.inverted:
        out.append(Feature("name_inverted", 0.0, "'Last, First' was read as 'First Last'"))
    if prepared.scripts:
        out.append(
            Feature(
                "transliteration",
                0.0,
                f"the query is written in {', '.join(prepared.scripts)} script, read as "
                f"'{display_latin(prepared.original)}'",
            )
        )
    return out


def explanation(
    query_name: str,
    entity: ListEntity,
    matched_name: str,
    score: float,
    decision: str,
    features: list[Feature],
    config: ScreeningConfig,
) -> str:
    """'<query>' met '<alias>' (alias of '<name>', list L): reasons; penalties; score vs threshold."""
    met = f"'{matched_name}'"
    if matched_name != entity.name:
        met += f" (alias of '{entity.name}')"
    where = f" on {entity.list_name}" if entity.list_name else ""
    evidence = [f for f in features if f.name in EVIDENCE_FEATURES]
    features = [f for f in features if f.name not in EVIDENCE_FEATURES]
    positive = sorted(
        (f for f in features if f.weight > 0 and f.name not in _QUERY_NOTES),
        key=lambda f: -f.weight,
    )
    negative = sorted((f for f in features if f.weight < 0), key=lambda f: f.weight)
    notes = [f for f in features if f.weight == 0 and f.name not in ("extra_token",)]
    parts = []
    if evidence:
        parts.append("evidence: " + "; ".join(f.detail for f in evidence))
    if positive:
        parts.append("; ".join(f.detail for f in positive[:4]))
    if negative:
        parts.append("against: " + "; ".join(f.detail for f in negative[:3]))
    if notes:
        parts.append("note: " + "; ".join(f.detail for f in notes[:3]))
    threshold = config.match_threshold if decision == "match" else config.possible_threshold
    band = "match" if decision == "match" else "possible-match"
    verdict = f"score {score:.2f} >= {band} threshold {threshold:.2f}"
    reasons = (" — " + " | ".join(parts)) if parts else ""
    return f"'{query_name}' met {met}{where}{reasons}. {verdict.capitalize()}."
