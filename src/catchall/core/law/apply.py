"""The one service that applies a jurisdiction's law to an assessment's findings.

Every requirement gets a legal basis: a list entry under the profile's licensing provision, a
catch-all clause where the item is not licensable otherwise, or the intra-union rule. A missile
end use of an item that already needs a licence under its entry is a ground for refusal under
that licence, not a catch-all. Embargoes count only when decided by an authority whose
embargoes bind the jurisdiction. Pure: the engine passes facts in and reads the answer.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from catchall.core.law.profile import ListRule, Profile, Provision


def _under(child: str, parent: str) -> bool:
    c, p = child.upper(), parent.upper()
    return c == p or c.startswith(p + ".")


@dataclass(frozen=True)
class EntryRef:
    list: str
    id: str
    regime: str = ""
    reasons: tuple[str, ...] = ()
    mtcr_item: str | None = None
    mtcr_category: str | None = None

    def label(self) -> str:
        own = f"MTCR {self.id}" if self.list == "mtcr-annex" else self.id
        regime = f" ({self.regime})" if self.regime and self.list != "mtcr-annex" else ""
        mtcr = (
            f" = MTCR {self.mtcr_item} (Category {self.mtcr_category})"
            if self.mtcr_item and self.list != "mtcr-annex"
            else (f" (Category {self.mtcr_category})" if self.mtcr_category else "")
        )
        return own + regime + mtcr


@dataclass(frozen=True)
class LineFacts:
    index: int
    entries: tuple[EntryRef, ...] = ()


@dataclass(frozen=True)
class EmbargoRef:
    authority: str
    text: str
    counts_for_country: bool = True


@dataclass(frozen=True)
class Facts:
    """What the law needs to know about one application, as the engine found it."""

    exporter_country: str | None
    destination: str
    items: tuple[LineFacts, ...]
    invoked: tuple[int, ...] = ()  # items a missile end-use indication reaches
    informed: bool = False
    aware: bool = False
    indicated: bool = False  # other indications: stated end use, red flags, list matches
    military: bool = False
    embargoes: tuple[EmbargoRef, ...] = ()


@dataclass(frozen=True)
class Ground:
    kind: str  # list | intra_union | catch_all | military | refusal
    basis: str
    entry: str | None
    item: int
    text: str
    verified: bool

    def as_dict(self) -> dict[str, Any]:
        return {
            "basis": self.basis,
            "entry": self.entry,
            "item": self.item,
            "text": self.text,
            "verified": self.verified,
        }

    def sentence(self, lead: str = "Licence required under") -> str:
        return f"{lead} {self.basis}: {self.text}"


@dataclass
class LicenceRequirement:
    profile: Profile
    transfer: str  # export | intra_union | domestic
    grounds: list[Ground] = field(default_factory=list)
    refusal: list[Ground] = field(default_factory=list)
    general_authorisations: list[dict[str, Any]] = field(default_factory=list)
    licensable: list[int] = field(default_factory=list)  # items licensable under a list rule
    catch_all_items: list[int] = field(default_factory=list)
    military_embargoes: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def required(self) -> bool:
        return bool(self.grounds)

    @property
    def catch_all(self) -> list[Ground]:
        return [g for g in self.grounds if g.kind in ("catch_all", "military")]

    def as_dict(self) -> dict[str, Any]:
        return {
            "required": self.required,
            "jurisdiction": self.profile.code,
            "transfer": self.transfer,
            "grounds": [g.as_dict() for g in self.grounds],
            "general_authorisations": self.general_authorisations,
            "notes": self.notes,
        }


def _rule_for(profile: Profile, e: EntryRef) -> ListRule | None:
    for rule in profile.lists:
        if rule.list == e.list and (rule.reasons is None or set(rule.reasons) & set(e.reasons)):
            return rule
    return None


def _in_intra_annex(profile: Profile, e: EntryRef) -> Any:
    intra = profile.intra_union
    if not intra:
        return None
    for x in intra.needs_licence:
        if x.entry and e.list != "mtcr-annex" and _under(e.id, x.entry):
            return x
        mtcr = e.id if e.list == "mtcr-annex" else e.mtcr_item
        if x.mtcr_item and mtcr and (_under(mtcr, x.mtcr_item) or _under(x.mtcr_item, mtcr)):
            return x
    return None


def transfer_kind(profile: Profile, exporter: str | None, destination: str) -> str:
    if exporter and exporter == destination:
        return "domestic"
    intra = profile.intra_union
    if intra and exporter in intra.members and destination in intra.members:
        return "intra_union"
    return "export"


def apply_law(profile: Profile, facts: Facts) -> LicenceRequirement:
    """The licence requirement under ``profile`` with the legal basis of every ground."""
    p = profile
    kind = transfer_kind(p, facts.exporter_country, facts.destination)
    out = LicenceRequirement(p, kind)
    if not facts.exporter_country:
        out.notes.append(
            f"the exporter's country is not given: assessed as an export under {p.code} law"
        )
    if kind == "domestic":
        out.notes.append("no export: the destination is the exporter's own country")
        return out

    # --- listed items
    for line in facts.items:
        n = line.index + 1
        for e in line.entries:
            rule = _rule_for(p, e)
            if kind == "intra_union":
                assert p.intra_union is not None
                hit = _in_intra_annex(p, e)
                if hit is None:
                    out.notes.append(
                        f"item {n}, {e.label()}: a transfer inside the Union, not in "
                        f"{p.intra_union.annex} as recorded: no authorisation required "
                        f"({p.intra_union.basis})"
                        + (
                            ""
                            if p.intra_union.complete
                            else f"; {p.intra_union.annex} is recorded only in part, check the entry"
                        )
                    )
                    continue
                out.grounds.append(
                    Ground(
                        "intra_union",
                        p.intra_union.basis,
                        e.id,
                        line.index,
                        f"item {n}, {e.label()}: in {p.intra_union.annex}"
                        + (f" ({hit.note})" if hit.note else "")
                        + f"; {p.intra_union.text}",
                        p.verified(p.intra_union) and p.verified(hit),
                    )
                )
            elif rule is None:
                out.notes.append(
                    f"item {n}, {e.label()}: no licensing provision of {p.code} covers this entry"
                )
                continue
            elif facts.destination in rule.except_destinations:
                out.notes.append(
                    f"item {n}, {e.label()}: no licence to {facts.destination} under {rule.basis}"
                )
                continue
            else:
                out.grounds.append(
                    Ground(
                        "list",
                        rule.basis,
                        e.id,
                        line.index,
                        f"item {n}, {e.label()}: {rule.text}",
                        p.verified(rule),
                    )
                )
            if line.index not in out.licensable:
                out.licensable.append(line.index)

    # --- missile end use: refusal ground for licensable items, catch-all for the others
    ca = p.catch_all
    for i in facts.invoked:
        n = i + 1
        if i in out.licensable:
            entry = next(
                (g.entry for g in out.grounds if g.item == i and g.kind in ("list", "intra_union")),
                None,
            )
            out.refusal.append(
                Ground(
                    "refusal",
                    p.refusal.basis,
                    entry,
                    i,
                    f"item {n}, {entry}: a missile end use is indicated; {p.refusal.text}",
                    p.verified(p.refusal),
                )
            )
        elif kind == "export":
            clauses: list[Provision] = []
            if facts.informed or facts.indicated or not ca.aware:
                clauses.append(ca.informed)
            if facts.aware and ca.aware:
                clauses.append(ca.aware)
            for c in clauses:
                out.grounds.append(
                    Ground(
                        "catch_all",
                        c.basis,
                        None,
                        i,
                        f"item {n}, not licensable under the lists: {c.text}",
                        p.verified(c),
                    )
                )
            out.catch_all_items.append(i)

    # --- military end use in an embargoed destination: only binding embargoes count
    mil = ca.military
    if facts.military and mil and kind == "export":
        binding = [
            e
            for e in facts.embargoes
            if e.counts_for_country and e.authority in mil.embargo_sources
        ]
        ignored = [
            e
            for e in facts.embargoes
            if e.counts_for_country and e.authority not in mil.embargo_sources
        ]
        out.military_embargoes = [e.text for e in binding]
        for e in ignored:
            out.notes.append(
                f"{e.authority} arms embargo does not bind {p.code} ({mil.basis} counts "
                f"{', '.join(mil.embargo_sources)} embargoes only): {e.text}"
            )
        if binding:
            for line in facts.items:
                if line.index in out.licensable:
                    continue
                out.grounds.append(
                    Ground(
                        "military",
                        mil.basis,
                        None,
                        line.index,
                        f"item {line.index + 1}, not licensable under the lists: {mil.text}",
                        p.verified(mil),
                    )
                )
                if line.index not in out.catch_all_items:
                    out.catch_all_items.append(line.index)
    out.catch_all_items.sort()

    # --- general authorisations that cover the export
    if kind == "export":
        for ga in p.general_authorisations:
            if facts.destination not in ga.destinations:
                continue
            blocked = ga.not_with_catch_all and (
                facts.informed or facts.aware or out.refusal or out.catch_all_items
            )
            covered = []
            for g in out.grounds:
                if g.kind != "list" or g.item in covered:
                    continue
                line = facts.items[g.item]
                if any(
                    any(_under(e.id, x) for x in ga.excluded_entries)
                    or (ga.excludes_intra_annex and _in_intra_annex(p, e) is not None)
                    for e in line.entries
                ):
                    continue
                covered.append(g.item)
            if blocked and covered:
                out.notes.append(
                    f"{ga.code} ({ga.basis}) cannot be used: the exporter is informed or aware "
                    "of a missile or WMD end use, or catch-all applies"
                )
            elif covered:
                out.general_authorisations.append(
                    {
                        "code": ga.code,
                        "basis": ga.basis,
                        "items": covered,
                        "text": ga.text,
                        "caveat": ga.caveat,
                        "verified": p.verified(ga),
                    }
                )
    return out
