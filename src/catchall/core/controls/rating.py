"""The technical expert's rating of one item, and how it overrides the classifier's answer.

The classifier rates what its criteria cover; an item it cannot rate (kind ``other``) is
undetermined, and any other answer may still be wrong. The expert confirms the entries found,
changes them (entries picked by number from the lists in force) or rates the item not listed,
always with reasoning. The rating is plain data passed in by the face that stored it, so the
assessment stays pure: a rated item is decided by the rating, with the expert's name and
reasoning as its evidence.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from catchall.core.errors import InputError, NotFound

if TYPE_CHECKING:
    import datetime as dt

    from catchall.core.controls.classifier import Classification
    from catchall.core.controls.lists import Entry, Library, ListVersion

# outcome -> what it means, in words (pages, API documentation, audit)
OUTCOMES: dict[str, str] = {
    "confirm": "confirmed the classifier's entries",
    "change": "changed the entries",
    "not_listed": "rated not listed",
}


@dataclass(frozen=True)
class ExpertRating:
    outcome: str  # one of OUTCOMES
    reasoning: str
    entries: tuple[str, ...] = ()  # the entries chosen ("change"); empty otherwise
    by: str = ""  # the expert's name as people read it
    at: str = ""  # when (ISO 8601)

    def sentence(self) -> str:
        """ "rated not listed by the technical expert Tom Tech: <reasoning>"."""
        what = OUTCOMES.get(self.outcome, self.outcome)
        if self.outcome == "change":
            what = "rated " + ", ".join(self.entries)
        who = f" by the technical expert {self.by}" if self.by else " by the technical expert"
        return f"{what}{who}: {self.reasoning}"

    def as_dict(self) -> dict[str, Any]:
        return {
            "outcome": self.outcome,
            "entries": list(self.entries),
            "reasoning": self.reasoning,
            "by": self.by,
            "at": self.at,
        }


def resolve_entry(number: str, library: Library, at: dt.date | None = None):
    """The (version, entry) of the lists in force that an entry number names, written as
    people write it (``2B001``, ``2b1``, ``3.B.3``); NotFound naming the number otherwise."""
    from catchall.core.controls.search import entry_number_candidates

    token = number.strip()
    for candidate in dict.fromkeys([token, *entry_number_candidates(token)]):
        try:
            return library.find_entry(candidate, at)
        except NotFound:
            continue
    raise NotFound(f"no entry {token!r} in the control lists in force")


def check_rating(
    outcome: str, entries: list[str], determined: bool, library: Library, at: dt.date | None
) -> list[tuple[ListVersion, Entry]]:
    """The entries a rating names, resolved; InputError naming the field when the rating does
    not fit the item (entries without "change", "confirm" of an item the classifier could not
    rate, an entry number no list in force has)."""
    if outcome not in OUTCOMES:
        raise InputError(f"one of {', '.join(OUTCOMES)}", "outcome")
    if outcome != "change":
        if entries:
            raise InputError("give entries only when you change them", "entries")
        if outcome == "confirm" and not determined:
            raise InputError(
                "the classifier could not rate this item, so there is nothing to confirm: "
                "choose its entries or rate it not listed",
                "outcome",
            )
        return []
    if not entries:
        raise InputError("give at least one entry number", "entries")
    found, unknown = [], []
    for number in entries:
        try:
            found.append(resolve_entry(number, library, at))
        except NotFound:
            unknown.append(number)
    if unknown:
        raise InputError(
            "not an entry of the control lists in force: " + ", ".join(unknown), "entries"
        )
    return list({e.id: (v, e) for v, e in found}.values())


def rate(c: Classification, rating: ExpertRating, library: Library) -> Classification:
    """``c`` as the expert rated it: the engine's entries kept ("confirm"), replaced by the
    chosen ones ("change": an entry the engine also found keeps its trace) or removed
    ("not_listed")."""
    from catchall.core.controls.classifier import EntryHit

    chosen = check_rating(
        rating.outcome, list(rating.entries), c.controlled is not None, library, c.at
    )
    if rating.outcome == "confirm":
        return replace(c, expert=rating)
    note = rating.sentence()
    if rating.outcome == "not_listed":
        return replace(c, entries=[], expert=rating)
    found = {h.entry.id: h for h in c.entries}
    hits = [
        replace(found[e.id], notes=[*found[e.id].notes, note])
        if e.id in found
        else EntryHit(v, e, [], [note])
        for v, e in chosen
    ]
    return replace(c, entries=hits, expert=rating)
