"""No-undercut: find denials of an essentially identical transaction (MTCR Guidelines practice).

Partners notify each other of licence denials for regime-listed items and consult the denying
partner before approving an essentially identical transaction. "Essentially identical" is read
here as: the same end user (or consignee), found by the screening engine's name scorer, with a
country that does not contradict; and the same or a closely related item (same entry, same entry
family, a shared MTCR Annex item, a classic cross-regime set, shared item kinds, or the same item
kind when the denial states one). Catch-all denials are not formally covered but are taken into
account, and the evidence says so.

Pure: denials arrive as :class:`DenialRecord` values, the name scorer is passed in, entry facts
come from the packaged control lists. No Django.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Any

from catchall.core.assessment.application import party_words
from catchall.core.controls.lists import Library, packaged_library
from catchall.core.model import ScreeningQuery

if TYPE_CHECKING:
    from catchall.core.assessment.application import Party

# A name scorer: (query name, denied name) -> (score 0..1, features with .detail).
NameScorer = Callable[[str, str], tuple[float, Sequence[Any]]]

# Application roles compared with denied parties, and the denied entity types they meet.
APPLICATION_ROLES = ("end_user", "consignee")
DENIED_TYPES = ("end_user", "ultimate_end_user", "consignee", "unknown")

# Related sets known across regimes (0xx Wassenaar, 1xx MTCR, 2xx NSG). Used when a partner's
# entry is not in our packaged lists, so the relation cannot be derived from MTCR item or kinds.
RELATED_SETS: tuple[tuple[str, frozenset[str]], ...] = (
    ("flow-forming machines", frozenset({"2B009", "2B109", "2B209"})),
    ("isostatic presses", frozenset({"2B004", "2B104", "2B204"})),
    ("filament-winding and fibre-placement machines", frozenset({"1B001", "1B101", "1B201"})),
    ("machine tools for removing metal", frozenset({"2B001", "2B201"})),
    ("coordinate measuring machines", frozenset({"2B006", "2B206"})),
)

_SPLIT = re.compile(r"[,;\s]+")
_MTCR_ITEM = re.compile(r"^\d{1,2}\.[A-E](\.\d+)?(\.[a-z](\.\d+)?)?$")


def split_entries(text: str) -> tuple[str, ...]:
    """'2B009, 2B109.a' -> ('2B009', '2B109.a'); order kept, duplicates dropped."""
    out: list[str] = []
    for part in _SPLIT.split(text or ""):
        part = part.strip().strip(".")
        if part and part.upper() not in (p.upper() for p in out):
            out.append(part)
    return tuple(out)


def stem(entry_id: str) -> str:
    """The entry family: the id up to its first dot (2B001.b.2 -> 2B001); for an MTCR Annex
    number the item and group (3.B.3 -> 3.B), since the item number alone spans systems,
    equipment and technology."""
    parts = entry_id.upper().split(".")
    return ".".join(parts[:2]) if parts[0].isdigit() else parts[0]


def _under(child: str, parent: str) -> bool:
    """True when ``child`` equals ``parent`` or sits below it in a dotted hierarchy."""
    c, p = child.upper(), parent.upper()
    return c == p or c.startswith(p + ".")


@dataclass(frozen=True)
class EntryFacts:
    """What the relation rules need to know about one control entry."""

    id: str
    mtcr_items: tuple[str, ...] = ()
    kinds: tuple[str, ...] = ()
    known: bool = False  # found in the control lists


@cache
def _library_index(lib: Library) -> dict[str, list[tuple[str, str | None, tuple[str, ...]]]]:
    """Every entry of every loaded list version, by family (a denial may cite an old version)."""
    index: dict[str, list[tuple[str, str | None, tuple[str, ...]]]] = {}
    for name in lib.list_names:
        for version in lib.versions(name):
            for e in version.entries.values():
                index.setdefault(stem(e.id), []).append((e.id, e.mtcr_item, e.kinds))
                # An entry paired with an MTCR item only for some items (2B009 = 3.B.3 for
                # flow-forming machines) may implement that item.
                for p in e.pairings:
                    index[stem(e.id)].append((e.id, p.mtcr_item, e.kinds))
    return index


def entry_facts(entry_id: str, library: Library | None = None) -> EntryFacts:
    """Facts about an entry id from the control lists; an id naming a family (2B109) takes
    the union of its sub-entries (2B109.a, ...), a sub-entry the facts of its parent."""
    rows = [
        r
        for r in _library_index(library or packaged_library()).get(stem(entry_id), [])
        if _under(r[0], entry_id) or _under(entry_id, r[0])
    ]
    mtcr_number = _MTCR_ITEM.match(entry_id)
    if not rows:
        # A partner may cite the MTCR Annex number itself (3.B.3).
        return EntryFacts(entry_id, (entry_id,) if mtcr_number else ())
    items = tuple(dict.fromkeys(r[1] for r in rows if r[1]))
    kinds = tuple(dict.fromkeys(k for r in rows for k in r[2]))
    return EntryFacts(entry_id, items, kinds, known=True)


@dataclass(frozen=True)
class DeniedParty:
    name: str
    country: str | None = None
    entity_type: str = "end_user"
    address: str = ""


@dataclass(frozen=True)
class DenialRecord:
    """One denial notification as the rules see it."""

    id: Any
    reference: str
    government: str  # ISO alpha-2 of the notifying government
    government_name: str
    denied_on: dt.date
    valid_until: dt.date
    parties: tuple[DeniedParty, ...]
    entries: tuple[EntryFacts, ...] = ()
    kind: str | None = None
    regime: str = ""
    item_description: str = ""
    direction: str = "incoming"  # incoming (a partner's) | outgoing (ours)
    active: bool = True

    def in_force(self, at: dt.date) -> bool:
        return self.active and self.denied_on <= at <= self.valid_until

    @property
    def catch_all(self) -> bool:
        """A denial of an unlisted item: it names no control entry."""
        return not self.entries

    @property
    def what(self) -> str:
        if self.entries:
            return ", ".join(e.id for e in self.entries)
        return f"unlisted {self.kind} (catch-all)" if self.kind else "unlisted item (catch-all)"


@dataclass(frozen=True)
class ItemFacts:
    """One application item: its kind and the entries that caught it."""

    index: int
    kind: str | None
    entries: tuple[EntryFacts, ...] = ()
    kind_aliases: tuple[str, ...] = ()  # kinds it is evaluated as (a mill-turn is also a mill)

    @property
    def kinds(self) -> tuple[str, ...]:
        return tuple(k for k in (self.kind, *self.kind_aliases) if k)


@dataclass(frozen=True)
class PartyHit:
    role: str
    name: str
    country: str | None
    denied: DeniedParty
    score: float
    explanation: str

    def text(self) -> str:
        c = f" ({self.country})" if self.country else ""
        dc = f" ({self.denied.country})" if self.denied.country else ""
        why = f": {self.explanation}" if self.explanation else ""
        return (
            f"{party_words(self.role, self.name)}{c} matches denied "
            f"{self.denied.entity_type.replace('_', ' ')} '{self.denied.name}'{dc} "
            f"with score {self.score:.2f}{why}"
        )


@dataclass(frozen=True)
class ItemHit:
    index: int
    relation: str

    def text(self) -> str:
        return f"item {self.index + 1}: {self.relation}"


@dataclass(frozen=True)
class Undercut:
    """A denial the application would undercut, with the evidence for it."""

    denial: DenialRecord
    parties: tuple[PartyHit, ...]
    items: tuple[ItemHit, ...]
    threshold: float
    at: dt.date

    @property
    def own(self) -> bool:
        """Our own government's refusal: nobody to consult, its reasons to address."""
        return self.denial.direction == "outgoing"

    @property
    def partner(self) -> str:
        d = self.denial
        if self.own:
            return f"our earlier refusal {d.reference} on {d.denied_on.isoformat()}"
        return f"{d.government_name} ({d.government})"

    @property
    def reason(self) -> str:
        return f"essentially identical transaction denied on {self.denial.denied_on.isoformat()}: {self.denial.what}"

    def evidence(self) -> list[str]:
        d = self.denial
        out = [p.text() + f" (consultation threshold {self.threshold:.2f})" for p in self.parties]
        out += [i.text() for i in self.items]
        regime = f"{d.regime} " if d.regime else ""
        out.append(
            f"{regime}denial {d.reference} of {d.denied_on.isoformat()} is valid until "
            f"{d.valid_until.isoformat()} (checked on {self.at.isoformat()})"
        )
        if d.catch_all:
            out.append(
                "catch-all denial: not formally covered by the no-undercut commitment, which "
                "applies to regime-listed items, but partners usually take it into account"
            )
        return out


def entry_relation(denied: EntryFacts, ours: EntryFacts) -> str | None:
    """Why two entries are the same or closely related, or None when they are not."""
    if denied.id.upper() == ours.id.upper():
        return f"same entry {ours.id}"
    if _under(ours.id, denied.id) or _under(denied.id, ours.id):
        return f"same entry {denied.id} ({ours.id})"
    if stem(denied.id) == stem(ours.id):
        return f"{ours.id} is in the same entry family {stem(ours.id)} as the denied {denied.id}"
    shared = [a for a in ours.mtcr_items for b in denied.mtcr_items if _under(a, b) or _under(b, a)]
    if shared:
        return f"{ours.id} and the denied {denied.id} both implement MTCR Annex item {shared[0]}"
    kinds = [k for k in ours.kinds if any(_under(k, d) or _under(d, k) for d in denied.kinds)]
    if kinds:
        return f"{ours.id} and the denied {denied.id} both control {kinds[0]}"
    for label, members in RELATED_SETS:
        if stem(denied.id) in members and stem(ours.id) in members:
            return f"{ours.id} and the denied {denied.id} are in the related set of {label} ({'/'.join(sorted(members))})"
    return None


def item_relation(denial: DenialRecord, item: ItemFacts) -> str | None:
    """The closest relation between a denial's item and one application item."""
    for d in denial.entries:
        for e in item.entries:
            rel = entry_relation(d, e)
            if rel:
                return rel
    if denial.kind:
        for k in item.kinds:
            if _under(k, denial.kind):
                return f"same item kind {k} as the denial states ({denial.kind})"
    for d in denial.entries:
        for k in item.kinds:
            if any(_under(k, dk) for dk in d.kinds):
                controlled = "unlisted " if not item.entries else ""
                return f"the {controlled}{k} is the kind of item the denied {d.id} controls"
    return None


@dataclass(frozen=True)
class ApplicationParty:
    role: str
    name: str
    country: str | None = None
    # What the party is screened with (name, country and its evidence); None: name and country.
    query: ScreeningQuery | None = None

    @classmethod
    def of(cls, party: Party) -> ApplicationParty:
        """An application's party with the screening query the assessment and the re-screening
        of cases ask (``Party.query()``: date of birth, nationality, identifiers), so the
        denials' index is asked the same question."""
        return cls(party.role, party.name, party.country, party.query())

    def screening_query(self) -> ScreeningQuery:
        return self.query or ScreeningQuery(name=self.name, country=self.country)


def _explain(features: Sequence[Any]) -> str:
    parts = [getattr(f, "detail", str(f)) for f in features if getattr(f, "weight", 1) != 0]
    return "; ".join(p for p in parts[:4] if p)


def party_hits(
    denial: DenialRecord,
    parties: Iterable[ApplicationParty],
    *,
    scorer: NameScorer,
    threshold: float,
) -> list[PartyHit]:
    """Application end users and consignees that the scorer finds among the denied parties."""
    hits: list[PartyHit] = []
    for p in parties:
        if p.role not in APPLICATION_ROLES or not p.name.strip():
            continue
        best: PartyHit | None = None
        for dp in denial.parties:
            if dp.entity_type not in DENIED_TYPES:
                continue
            if p.country and dp.country and p.country.upper() != dp.country.upper():
                continue  # the countries contradict: a namesake elsewhere
            score, features = scorer(p.name, dp.name)
            if score >= threshold and (best is None or score > best.score):
                best = PartyHit(p.role, p.name, p.country, dp, float(score), _explain(features))
        if best:
            hits.append(best)
    return hits


def find_undercuts(
    denials: Iterable[DenialRecord],
    parties: Sequence[ApplicationParty],
    items: Sequence[ItemFacts],
    *,
    at: dt.date,
    scorer: NameScorer,
    threshold: float,
    candidates: Collection[Any] | None = None,
) -> list[Undercut]:
    """Denials in force on ``at`` whose party and item the application meets again.

    ``candidates`` (denial ids) narrows the denials scored, when a screening index has already
    retrieved the ones whose parties resemble the application's; None scores them all.
    """
    out: list[Undercut] = []
    for d in denials:
        if not d.in_force(at) or (candidates is not None and d.id not in candidates):
            continue
        related = []
        for it in items:
            rel = item_relation(d, it)
            if rel:
                related.append(ItemHit(it.index, rel))
        if not related:
            continue
        hits = party_hits(d, parties, scorer=scorer, threshold=threshold)
        if hits:
            out.append(Undercut(d, tuple(hits), tuple(related), threshold, at))
    out.sort(
        key=lambda u: (-max(p.score for p in u.parties), u.denial.denied_on, u.denial.reference)
    )
    return out


@cache
def kind_aliases(kind: str | None) -> tuple[str, ...]:
    """The kinds an item kind is also evaluated as (from the item vocabulary)."""
    if not kind:
        return ()
    from catchall.core.vocabulary import vocabulary

    k = vocabulary().kinds.get(kind)
    return tuple(k.evaluate_as) if k else ()


def items_from_classifications(classifications: Sequence[Any]) -> list[ItemFacts]:
    """ItemFacts from the classifier's results (``.item.kind``, ``.entries[].entry``)."""
    out = []
    for i, c in enumerate(classifications):
        entries = tuple(
            EntryFacts(
                h.entry.id,
                (h.entry.mtcr_item,) if h.entry.mtcr_item else (),
                tuple(h.entry.kinds),
                known=True,
            )
            for h in c.entries
        )
        kind = getattr(c.item, "kind", None)
        out.append(ItemFacts(i, kind, entries, kind_aliases(kind)))
    return out
