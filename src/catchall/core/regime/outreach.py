"""Who to invite to an outreach meeting, from data: pending applicants and agreed destinations.

Invitation lists are argued over; drawing them from cited data (countries.yaml for
applicants, data/regime/outreach.yaml for agreed destinations) lets the evaluation at the
next Plenary say why each country was asked.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from catchall.core.errors import InputError
from catchall.core.regime.codes import country_name
from catchall.core.vocabulary import read_packaged_yaml

BASES = ("pending_applicant", "agreed_destination")


@dataclass(frozen=True)
class Destination:
    country: str
    since: dt.date
    basis: str
    sources: tuple[str, ...]
    verified: bool


@dataclass(frozen=True)
class OutreachData:
    destinations: tuple[Destination, ...]
    sources: dict[str, dict[str, Any]]
    meeting_defaults: dict[str, Any]

    def cite(self, ids: tuple[str, ...]) -> str:
        return "; ".join(
            f"{self.sources[s]['title']} <{self.sources[s].get('url', '')}>" for s in ids
        )


def parse_outreach(raw: Any) -> OutreachData:
    """Validate an outreach file (packaged or an authority's own, same format)."""
    if not isinstance(raw, dict) or raw.get("format") != "catchall-outreach/1":
        raise InputError("expected format: catchall-outreach/1", "format")
    sources = raw.get("sources") or {}
    out = []
    for i, d in enumerate(raw.get("destinations") or ()):
        where = f"destinations[{i}]"
        ids = tuple(d.get("sources") or ())
        for s in ids:
            if s not in sources:
                raise InputError(f"unknown source {s!r}", f"{where}.sources")
        since = d.get("since")
        if not isinstance(since, dt.date):
            raise InputError("since must be a date (YYYY-MM-DD)", f"{where}.since")
        out.append(
            Destination(
                str(d["country"]),
                since,
                str(d.get("basis", "")),
                ids,
                bool(d.get("verified", True)),
            )
        )
    return OutreachData(tuple(out), sources, dict(raw.get("meeting_defaults") or {}))


@cache
def outreach_data() -> OutreachData:
    return parse_outreach(read_packaged_yaml("regime", "outreach.yaml"))


@dataclass
class Invitee:
    country: str
    name: str
    bases: list[str] = field(default_factory=list)  # values of BASES
    reasons: list[str] = field(default_factory=list)
    citations: list[str] = field(default_factory=list)
    verified: bool = True

    def as_dict(self) -> dict[str, Any]:
        return {
            "country": self.country,
            "name": self.name,
            "bases": self.bases,
            "reasons": self.reasons,
            "citations": self.citations,
            "verified": self.verified,
        }


def invitees(at: dt.date, data: OutreachData | None = None) -> list[Invitee]:
    """Countries to invite on ``at``: pending applicants, then agreed destinations; no partners."""
    from catchall.core.assessment import destinations as countries

    data = data or outreach_data()
    cd = countries.data()
    partners = {c for c, p in cd.partners.items() if p.since <= at}
    found: dict[str, Invitee] = {}

    def add(code: str, basis: str, reason: str, citation: str, verified: bool) -> None:
        if code in partners:
            return
        inv = found.setdefault(code, Invitee(code, country_name(code)))
        if basis not in inv.bases:
            inv.bases.append(basis)
        inv.reasons.append(reason)
        inv.citations.append(citation)
        inv.verified = inv.verified and verified

    for a in cd.applicants:
        if a.status == "pending" or (a.admitted and a.admitted > at):
            if a.applied is not None and a.applied > at:
                continue
            when = f"applied {a.applied.year}" if a.applied else "application date not recorded"
            add(
                a.code,
                "pending_applicant",
                f"membership application pending ({when})",
                cd.cite(a.sources),
                a.verified,
            )
    for d in data.destinations:
        if d.since <= at:
            add(d.country, "agreed_destination", d.basis, data.cite(d.sources), d.verified)
    return sorted(found.values(), key=lambda i: (BASES.index(i.bases[0]), i.name))
