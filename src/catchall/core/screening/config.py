"""Screening configuration: thresholds and limits, all in one replaceable value.

The thresholds were calibrated on the name-pairs benchmark (bench/screening_pairs.py), not on
single cases; an authority may set its own (a lower match threshold finds more and asks more
of reviewers).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class ScreeningConfig:
    """Decision thresholds, candidate limits and the size of the score qualifiers."""

    # Decision bands on the calibrated 0..1 score.
    match_threshold: float = 0.80
    possible_threshold: float = 0.64

    # Candidate retrieval: at most this many name rows are scored for one query.
    max_candidates: int = 40
    # Matches returned per query.
    limit: int = 10
    # Longer input is cut here (and the explanation says so).
    max_name_length: int = 300

    # A weak alias (OFAC "weak AKA") counts only when met exactly, and then only this much:
    # enough for review, never a match on its own.
    weak_alias_score: float = 0.70

    # Qualifiers added to the name score.
    country_match_bonus: float = 0.03
    country_mismatch_penalty: float = 0.07
    schema_mismatch_penalty: float = 0.60
    legal_form_mismatch_penalty: float = 0.08
    word_order_penalty: float = 0.03
    patronymic_swap_penalty: float = 0.25
    # An Arabic name chain without its first given name names the father (or a child).
    given_name_missing_penalty: float = 0.12

    # Evidence beyond the name (core/screening/evidence.py). A matching identifier decides;
    # a contradicting date of birth alone holds a strong name match in the review band.
    identifier_match_score: float = 0.99
    dob_exact_bonus: float = 0.08
    dob_year_bonus: float = 0.04
    dob_range_bonus: float = 0.02
    dob_mismatch_penalty: float = 0.15
    nationality_match_bonus: float = 0.03
    nationality_mismatch_penalty: float = 0.05

    def __post_init__(self) -> None:
        if not 0.0 < self.possible_threshold <= self.match_threshold <= 1.0:
            raise ValueError("need 0 < possible_threshold <= match_threshold <= 1")
        if self.max_candidates < 1 or self.limit < 1 or self.max_name_length < 10:
            raise ValueError("max_candidates and limit must be >= 1, max_name_length >= 10")

    def decide(self, score: float) -> str:
        """The decision band a score falls in."""
        if score >= self.match_threshold:
            return "match"
        if score >= self.possible_threshold:
            return "possible"
        return "clear"
