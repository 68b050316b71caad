"""The documented decision table: which findings lead to which recommendation.

Every rule that fires is kept with its evidence; the recommendation is the most restrictive
outcome among them. Because outcomes only ever combine by "most restrictive", adding a red
flag, a list match or a declaration can never make the outcome more permissive.
"""

from __future__ import annotations

from dataclasses import dataclass, field

OUTCOMES = ("approve", "approve_with_conditions", "refer", "deny")
RANK = {o: i for i, o in enumerate(OUTCOMES)}

# The table, in the order it is documented (README "Decision table"). Each id names one row.
RULES: dict[str, tuple[str, str]] = {
    "cat1_production_facility": (
        "deny",
        "Category I production facilities are not transferred (MTCR Guidelines para 2).",
    ),
    "cat1_item": (
        "deny",
        "Category I items carry a strong presumption of denial; referral only with recorded "
        "government-to-government assurances (MTCR Guidelines para 2).",
    ),
    "cat1_item_with_assurances": (
        "refer",
        "Category I item with recorded government-to-government assurances: strong presumption "
        "of denial remains; refer for a decision at the highest level.",
    ),
    "listed_party_match": (
        "deny",
        "A party is a confirmed match on a denial, sanctions or programs-of-concern list.",
    ),
    "catch_all_strong": (
        "deny",
        "Catch-all invoked on strong evidence of a missile end use.",
    ),
    "catch_all": (
        "refer",
        "Catch-all invoked: a licence is required; the evidence calls for enquiries before a decision.",
    ),
    "missile_end_use_listed_strong": (
        "deny",
        "Strong evidence of a missile end use for an item that needs a licence under its entry: "
        "a ground for refusing that licence (MTCR Guidelines para 2), not a catch-all.",
    ),
    "missile_end_use_listed": (
        "refer",
        "Missile end use indicated for an item that needs a licence under its entry: a ground "
        "for refusal to weigh; make enquiries before a decision.",
    ),
    "no_undercut": (
        "refer",
        "A partner denied an essentially identical transaction: consult it before any approval (no-undercut).",
    ),
    "own_refusal": (
        "refer",
        "We refused an essentially identical transaction earlier: a new decision must address "
        "the reasons for that refusal.",
    ),
    "listed_to_concern": (
        "refer",
        "Listed item to a destination of missile-proliferation concern or under an arms embargo.",
    ),
    "military_end_use_embargo": (
        "refer",
        "Military end use declared for a destination under an arms embargo that binds the "
        "jurisdiction (military end-use control).",
    ),
    "possible_match": (
        "refer",
        "A party possibly matches a list entry: resolve the match before deciding.",
    ),
    "undetermined_item": (
        "refer",
        'An item is not rated automatically (described in words, kind "other"): the licence '
        "requirement is undetermined until a technical expert rates it.",
    ),
    "red_flags": (
        "refer",
        "Unresolved red flags: make enquiries before deciding.",
    ),
    "listed_clear": (
        "approve_with_conditions",
        "Listed item, clear screening, no indicator of concern: approve with end-use and "
        "re-export conditions.",
    ),
    "not_required": (
        "approve",
        "No licence required and no indicator of concern.",
    ),
}


@dataclass
class Firing:
    rule: str
    evidence: list[str] = field(default_factory=list)

    @property
    def outcome(self) -> str:
        return RULES[self.rule][0]

    def as_dict(self) -> dict:
        return {
            "rule": self.rule,
            "outcome": self.outcome,
            "meaning": RULES[self.rule][1],
            "evidence": self.evidence,
        }


def recommend(firings: list[Firing]) -> str:
    """The most restrictive outcome among the rules that fired (approve when none)."""
    if not firings:
        return "approve"
    return max((f.outcome for f in firings), key=RANK.__getitem__)


def stricter(a: str, b: str) -> str:
    return a if RANK[a] >= RANK[b] else b
