"""Destination profiles: MTCR status, US country groups, arms embargoes and missile concern.

The licence assessment asks one question of a destination: how much does the country itself
add to the risk that an item feeds a missile program? The answer is data (``countries.yaml``:
cited, dated, replaceable by an authority's own file via :func:`use_data`) plus one documented
rule (:func:`concern_for`, see docs/reference-data.md). Every answer is for a day, because
country groups and embargoes change: Russia entered D:4 on 2020-02-24, not before.
"""

from __future__ import annotations

import difflib
from dataclasses import asdict, dataclass, field
from datetime import date, datetime
from functools import cache
from typing import Any

from catchall.core.errors import InputError
from catchall.core.vocabulary import read_packaged_yaml

CONCERN_LEVELS = ("none", "elevated", "high")
GROUPS = ("D:1", "D:2", "D:3", "D:4", "D:5", "E:1", "E:2")
SCOPES = ("whole_country", "region", "non_state_actors", "listed_persons")
# Embargoes on the destination itself raise the concern level; those aimed at non-state
# actors or listed persons there are reported but left to party screening.
COUNTRY_SCOPES = frozenset({"whole_country", "region"})
AUTHORITIES = ("UN", "EU", "US")
STATUSES = ("in_force", "lifted", "expired", "reapplied_disputed")
# Factor E: the instruments whose adherence ``treaties`` records (MTCR status comes from ``mtcr``).
TREATIES = ("NPT", "CWC", "BWC", "HCoC")
TREATY_STATUSES = {
    "NPT": ("party", "signatory", "not_party", "withdrawal_disputed"),
    "CWC": ("party", "signatory", "not_party", "withdrawal_disputed"),
    "BWC": ("party", "signatory", "not_party", "withdrawal_disputed"),
    "HCoC": ("subscribed", "not_subscribed"),
}
ADHERES = frozenset({"party", "subscribed"})
# Codes people type that ISO reserves for another meaning (UK, EL in EU usage).
_RESERVED_HINTS = {"UK": "GB", "EL": "GR", "EU": None, "XX": None}


# --------------------------------------------------------------------------- value types


@dataclass(frozen=True)
class Source:
    id: str
    title: str
    url: str | None = None
    note: str | None = None
    verified: bool = True

    def cite(self) -> str:
        if not self.url:
            return self.title
        text = f"{self.title} <{self.url}>"
        return text if self.verified else f"{text} (not confirmed in an official text)"


@dataclass(frozen=True)
class Embargo:
    """One arms embargo on one target country, with its validity and citation."""

    id: str
    target: str
    authority: str  # UN | EU | US
    legal_basis: str
    scope: str  # one of SCOPES
    since: date | None  # None: start not recorded
    until: date | None
    status: str
    missile_related: bool
    notes: str
    sources: tuple[str, ...]
    verified: bool
    renewal_due: date | None = None

    def in_force(self, at: date) -> bool:
        started = self.since is None or self.since <= at
        return started and (self.until is None or at < self.until)

    @property
    def counts_for_country(self) -> bool:
        return self.scope in COUNTRY_SCOPES

    def __str__(self) -> str:
        return self.describe()

    def describe(self) -> str:
        since = self.since.isoformat() if self.since else "a date not recorded"
        what = (
            "arms embargo and missile-related measures" if self.missile_related else "arms embargo"
        )
        scope = self.scope.replace("_", " ")
        text = f"{self.authority} {what} ({scope}), {self.legal_basis}, since {since}"
        if self.status == "reapplied_disputed":
            text += "; re-applied, legal status disputed (see notes)"
        if self.renewal_due:
            text += f"; renewal after {self.renewal_due.isoformat()} not confirmed"
        return text


@dataclass(frozen=True)
class Partner:
    code: str
    year: int
    since: date
    sources: tuple[str, ...]
    verified: bool
    note: str = ""


@dataclass(frozen=True)
class Adherent:
    code: str
    status: str  # recognised_unilateral | informal | announced_unilateral
    since: date | None
    until: date | None
    sources: tuple[str, ...]
    note: str = ""

    def at(self, day: date) -> bool:
        return (self.since is None or self.since <= day) and (
            self.until is None or day < self.until
        )


@dataclass(frozen=True)
class Applicant:
    code: str
    applied: date | None
    status: str  # pending | admitted
    admitted: date | None
    sources: tuple[str, ...]
    verified: bool
    note: str = ""

    def at(self, day: date) -> bool:
        if self.applied is not None and day < self.applied:
            return False
        return self.admitted is None or day < self.admitted


@dataclass(frozen=True)
class GroupChange:
    date: date
    country: str
    add: tuple[str, ...]
    remove: tuple[str, ...]
    sources: tuple[str, ...]
    note: str = ""


@dataclass(frozen=True)
class TreatyStatus:
    """One state's standing under one instrument, as recorded (``status`` None: not recorded)."""

    treaty: str
    title: str
    status: str | None
    citation: str
    verified: bool

    @property
    def adheres(self) -> bool | None:
        return None if self.status is None else self.status in ADHERES

    def describe(self) -> str:
        if self.status is None:
            return f"{self.treaty}: not recorded"
        text = f"{self.treaty}: {self.status.replace('_', ' ')} — {self.citation}"
        return text if self.verified or "not confirmed" in text else f"{text} (not confirmed)"


@dataclass(frozen=True)
class CountryData:
    """The parsed, validated content of one countries file."""

    as_of: date
    names: dict[str, str]
    sources: dict[str, Source]
    partners: dict[str, Partner]
    adherents: dict[str, Adherent]
    applicants: tuple[Applicant, ...]
    point_of_contact: str
    issue_date: date
    group_titles: dict[str, str]
    group_members: dict[str, frozenset[str]]
    group_sources: tuple[str, ...]
    group_verified: bool
    changes: tuple[GroupChange, ...]
    undated: dict[str, tuple[str, ...]]  # country -> groups whose start is not dated
    embargoes: tuple[Embargo, ...]
    # treaty -> (title, source ids); state -> treaty -> (status, verified)
    treaty_titles: dict[str, tuple[str, tuple[str, ...]]] = field(default_factory=dict)
    treaty_states: dict[str, dict[str, tuple[str, bool]]] = field(default_factory=dict)
    aka: dict[str, tuple[str, ...]] = field(default_factory=dict)  # code -> other names

    def cite(self, source_ids: tuple[str, ...]) -> str:
        return "; ".join(self.sources[s].cite() for s in source_ids)


@dataclass(frozen=True)
class DestinationProfile:
    """What the reference data says about one destination on one day, with cited reasons."""

    code: str
    name: str
    at: date
    mtcr_partner: bool
    partner_since: int | None
    adherent: str | None
    mtcr_applicant: bool
    groups: list[str]
    d4: bool
    arms_embargoes: list[Embargo]
    concern_level: str  # none | elevated | high
    evidence: list[str]
    data_as_of: date
    treaties: tuple[TreatyStatus, ...] = ()

    def as_dict(self) -> dict[str, Any]:
        out = asdict(self)
        out["at"] = self.at.isoformat()
        out["data_as_of"] = self.data_as_of.isoformat()
        out["arms_embargoes"] = [
            {"id": e.id, "authority": e.authority, "scope": e.scope, "legal_basis": e.legal_basis}
            for e in self.arms_embargoes
        ]
        return out


# --------------------------------------------------------------------------- loading


def _period_start(value: Any, where: str) -> date | None:
    """A date, or the first day of a "YYYY" / "YYYY-MM" period; None stays None."""
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = str(value).strip()
    try:
        if len(text) == 4:
            return date(int(text), 1, 1)
        if len(text) == 7:
            return date(int(text[:4]), int(text[5:]), 1)
        return date.fromisoformat(text)
    except ValueError:
        raise ValueError(
            f"countries data: {where}: {value!r} is not a date, YYYY-MM or YYYY"
        ) from None


def _code(value: Any, names: dict[str, str], where: str) -> str:
    if not isinstance(value, str) or value not in names:
        hint = ' (quote Norway as "NO": bare NO is YAML false)' if value is False else ""
        raise ValueError(f"countries data: {where}: {value!r} is not a known country code{hint}")
    return value


def _srcs(spec: dict, sources: dict[str, Source], where: str) -> tuple[str, ...]:
    ids = tuple(spec.get("sources") or ())
    if not ids:
        raise ValueError(f"countries data: {where}: cites no source")
    for s in ids:
        if s not in sources:
            raise ValueError(f"countries data: {where}: unknown source id {s!r}")
    return ids


def _one_of(value: Any, allowed: tuple[str, ...], where: str) -> str:
    if value not in allowed:
        raise ValueError(f"countries data: {where}: {value!r} is not one of {', '.join(allowed)}")
    return value


def _verified(spec: dict, src_ids: tuple[str, ...], sources: dict[str, Source]) -> bool:
    return bool(spec.get("verified", True)) and all(sources[s].verified for s in src_ids)


def parse_countries(raw: dict) -> CountryData:
    """Validate and parse a countries file (packaged or an authority's own)."""
    if not isinstance(raw, dict) or raw.get("format") != "catchall-countries/1":
        raise ValueError("countries data: expected format: catchall-countries/1")
    sources = {
        sid: Source(sid, s["title"], s.get("url"), s.get("note"), bool(s.get("verified", True)))
        for sid, s in raw["sources"].items()
    }
    names: dict[str, str] = {}
    aka: dict[str, tuple[str, ...]] = {}
    for code, spec in raw["countries"].items():
        if not isinstance(code, str) or len(code) != 2 or not code.isupper():
            raise ValueError(f'countries data: countries: bad code {code!r} (quote "NO")')
        names[code] = spec["name"]
        if spec.get("aka"):
            aka[code] = tuple(str(a) for a in spec["aka"])

    m = raw["mtcr"]
    partners = {}
    for code, spec in m["partners"].items():
        where = f"mtcr.partners.{code}"
        ids = _srcs(spec, sources, where)
        since = _period_start(spec.get("date"), where) or date(int(spec["year"]), 1, 1)
        partners[_code(code, names, where)] = Partner(
            code, int(spec["year"]), since, ids, _verified(spec, ids, sources), spec.get("note", "")
        )
    if len(partners) != int(m.get("partners_count", len(partners))):
        raise ValueError(
            f"countries data: mtcr.partners lists {len(partners)}, partners_count says {m['partners_count']}"
        )
    adherents = {
        _code(code, names, f"mtcr.adherents.{code}"): Adherent(
            code,
            spec["status"],
            _period_start(spec.get("since"), f"mtcr.adherents.{code}.since"),
            _period_start(spec.get("until"), f"mtcr.adherents.{code}.until"),
            _srcs(spec, sources, f"mtcr.adherents.{code}"),
            spec.get("note", ""),
        )
        for code, spec in m.get("adherents", {}).items()
    }
    applicants = []
    for i, spec in enumerate(m.get("applicants", [])):
        where = f"mtcr.applicants[{i}]"
        ids = _srcs(spec, sources, where)
        applicants.append(
            Applicant(
                _code(spec["country"], names, where),
                _period_start(spec.get("applied"), where + ".applied"),
                _one_of(spec["status"], ("pending", "admitted"), where + ".status"),
                _period_start(spec.get("admitted"), where + ".admitted"),
                ids,
                _verified(spec, ids, sources),
                spec.get("note", ""),
            )
        )
    poc = _code(m["point_of_contact"]["country"], names, "mtcr.point_of_contact")

    cg = raw["country_groups"]
    group_ids = _srcs(cg, sources, "country_groups")
    titles, members = {}, {}
    for g, spec in cg["groups"].items():
        _one_of(g, GROUPS, "country_groups.groups")
        titles[g] = spec["title"]
        members[g] = frozenset(_code(c, names, f"country_groups.{g}") for c in spec["members"])
    changes = []
    for i, spec in enumerate(cg.get("changes", [])):
        where = f"country_groups.changes[{i}]"
        add = tuple(_one_of(g, GROUPS, where) for g in spec.get("add", ()))
        remove = tuple(_one_of(g, GROUPS, where) for g in spec.get("remove", ()))
        changes.append(
            GroupChange(
                _period_start(spec["date"], where),
                _code(spec["country"], names, where),
                add,
                remove,
                _srcs(spec, sources, where),
                spec.get("note", ""),
            )
        )
    undated: dict[str, tuple[str, ...]] = {}
    for i, spec in enumerate(cg.get("undated_changes", [])):
        code = _code(spec["country"], names, f"country_groups.undated_changes[{i}]")
        undated[code] = undated.get(code, ()) + tuple(spec["groups"])

    embargoes = tuple(
        _embargo(spec, i, names, sources) for i, spec in enumerate(raw["arms_embargoes"])
    )
    treaty_titles, treaty_states = _treaties(raw.get("treaties") or {}, names, sources)
    return CountryData(
        as_of=_period_start(raw["as_of"], "as_of"),
        names=names,
        sources=sources,
        partners=partners,
        adherents=adherents,
        applicants=tuple(applicants),
        point_of_contact=poc,
        issue_date=_period_start(cg["issue_date"], "country_groups.issue_date"),
        group_titles=titles,
        group_members=members,
        group_sources=group_ids,
        group_verified=_verified(cg, group_ids, sources),
        changes=tuple(sorted(changes, key=lambda c: c.date)),
        undated=undated,
        embargoes=embargoes,
        treaty_titles=treaty_titles,
        treaty_states=treaty_states,
        aka=aka,
    )


def _treaties(raw: dict, names: dict[str, str], sources: dict[str, Source]):
    """The optional ``treaties`` section: instruments with their citation, states' standing."""
    titles = {}
    for t, spec in (raw.get("instruments") or {}).items():
        where = f"treaties.instruments.{t}"
        titles[_one_of(t, TREATIES, where)] = (spec["title"], _srcs(spec, sources, where))
    states: dict[str, dict[str, tuple[str, bool]]] = {}
    for code, spec in (raw.get("states") or {}).items():
        where = f"treaties.states.{code}"
        code = _code(code, names, where)
        row = {}
        for t, status in spec.items():
            if t == "verified":
                continue
            if t not in titles:
                raise ValueError(f"countries data: {where}: {t!r} is not an instrument listed")
            ok = bool(spec.get("verified", True)) and all(sources[s].verified for s in titles[t][1])
            row[t] = (_one_of(status, TREATY_STATUSES[t], f"{where}.{t}"), ok)
        states[code] = row
    return titles, states


def treaty_statuses(code: str) -> tuple[TreatyStatus, ...]:
    """The state's standing under each instrument recorded, "not recorded" where there is none."""
    d = data()
    row = d.treaty_states.get(code, {})
    out = []
    for t in TREATIES:
        title, ids = d.treaty_titles.get(t, (t, ()))
        status, ok = row.get(t, (None, False))
        out.append(TreatyStatus(t, title, status, d.cite(ids) if ids else "", ok))
    return tuple(out)


def _embargo(spec: dict, i: int, names: dict[str, str], sources: dict[str, Source]) -> Embargo:
    where = f"arms_embargoes[{i}] ({spec.get('id')})"
    ids = _srcs(spec, sources, where)
    return Embargo(
        id=spec["id"],
        target=_code(spec["target"], names, where),
        authority=_one_of(spec["authority"], AUTHORITIES, where),
        legal_basis=spec["legal_basis"],
        scope=_one_of(spec["scope"], SCOPES, where),
        since=_period_start(spec.get("since"), where + ".since"),
        until=_period_start(spec.get("until"), where + ".until"),
        status=_one_of(spec["status"], STATUSES, where),
        missile_related=bool(spec["missile_related"]),
        notes=" ".join(str(spec.get("notes", "")).split()),
        sources=ids,
        verified=_verified(spec, ids, sources),
        renewal_due=_period_start(spec.get("renewal_due"), where + ".renewal_due"),
    )


@cache
def _packaged() -> CountryData:
    return parse_countries(read_packaged_yaml("countries.yaml"))


_override: CountryData | None = None


def use_data(raw: dict | None) -> None:
    """Install an authority's own countries data (same format); ``None`` restores the packaged file.

    The caller (CLI, web start-up) reads the file; the core stays free of file I/O.
    """
    global _override
    _override = None if raw is None else parse_countries(raw)


def data() -> CountryData:
    return _override or _packaged()


# --------------------------------------------------------------------------- queries


def _day(at: date | str | None) -> date:
    if at is None:
        return date.today()
    if isinstance(at, datetime):
        return at.date()
    if isinstance(at, date):
        return at
    try:
        return date.fromisoformat(str(at))
    except ValueError:
        raise InputError(f"{at!r} is not an ISO date (YYYY-MM-DD)") from None


def validate_country(code: Any) -> str:
    """The upper-case ISO 3166 alpha-2 code, or an InputError saying why not."""
    if not isinstance(code, str) or not code.strip():
        raise InputError("a country code (ISO 3166 alpha-2) is required")
    norm = code.strip().upper()
    names = data().names
    if norm in names:
        return norm
    hint = ""
    if norm in _RESERVED_HINTS and _RESERVED_HINTS[norm]:
        hint = f"; did you mean {_RESERVED_HINTS[norm]}?"
    elif len(norm) > 2:
        by_name = {n.casefold(): c for c, n in names.items()}
        close = difflib.get_close_matches(code.strip().casefold(), list(by_name), n=1, cutoff=0.8)
        if close:
            hint = f"; did you mean {by_name[close[0]]} ({names[by_name[close[0]]]})?"
    raise InputError(f"{code!r} is not an ISO 3166 alpha-2 country code{hint}")


def country_name(code: str) -> str:
    return data().names[validate_country(code)]


def countries_matching(text: str) -> list[str]:
    """Codes of the countries a search for ``text`` means: the code itself ("ir", any case), or
    every country whose name or other name contains it ("iran", "korea", "Islamic Republic").
    Two letters are taken only as a code: as a fragment of a name they would match half the
    world."""
    t = " ".join(text.split()).casefold()
    d = data()
    if len(t) == 2:
        return [t.upper()] if t.upper() in d.names else []
    if len(t) < 3:
        return []
    return [
        c
        for c, name in d.names.items()
        if t in name.casefold() or any(t in a.casefold() for a in d.aka.get(c, ()))
    ]


def country_code_for(text: str) -> str:
    """The one country ``text`` names, as a code or a name ("GB", "United Kingdom", "Iran");
    an InputError saying why not (no country or several) otherwise."""
    t = " ".join(str(text or "").split())
    d = data()
    if t.upper() in d.names:
        return t.upper()
    exact = [
        c
        for c, name in d.names.items()
        if t.casefold() in (name.casefold(), *(a.casefold() for a in d.aka.get(c, ())))
    ]
    found = exact or countries_matching(t)
    if len(found) == 1:
        return found[0]
    if len(found) > 1:
        shown = ", ".join(f"{d.names[c]} ({c})" for c in found[:5])
        raise InputError(f"{t!r} names more than one country: {shown}; give the code or full name")
    return validate_country(t)  # no such country: its message, with a suggestion if one is close


def mtcr_partners(at: date | str | None = None) -> dict[str, int]:
    """Partners on the day (default today) with the year each joined."""
    day = _day(at)
    return {c: p.year for c, p in sorted(data().partners.items()) if p.since <= day}


def groups_on(code: str, at: date | str | None = None) -> list[str]:
    """US country groups the country is in on the day, reconstructed from the dated changes."""
    d, day, code = data(), _day(at), validate_country(code)
    groups = {g for g, members in d.group_members.items() if code in members}
    if day >= d.issue_date:
        for ch in d.changes:
            if ch.country == code and d.issue_date < ch.date <= day:
                groups = (groups | set(ch.add)) - set(ch.remove)
    else:
        for ch in reversed(d.changes):
            if ch.country == code and day < ch.date <= d.issue_date:
                groups = (groups - set(ch.add)) | set(ch.remove)
    return sorted(groups)


def in_group(code: str, group: str, at: date | str | None = None) -> bool:
    return group in groups_on(code, at)


def embargoes_on(code: str, at: date | str | None = None) -> list[Embargo]:
    day, code = _day(at), validate_country(code)
    return [e for e in data().embargoes if e.target == code and e.in_force(day)]


def concern_for(groups: list[str], embargoes: list[Embargo]) -> str:
    """The concern rule (docs/reference-data.md), on facts already filtered to one day.

    high: target of UN missile-related measures, or in D:4 and E:1;
    elevated: in D:4, or under an arms embargo on the country or a region of it;
    none: otherwise.
    """
    if any(e.authority == "UN" and e.missile_related for e in embargoes):
        return "high"
    if "D:4" in groups and "E:1" in groups:
        return "high"
    if "D:4" in groups or any(e.counts_for_country for e in embargoes):
        return "elevated"
    return "none"


def destination_profile(code: str, at: date | str | None = None) -> DestinationProfile:
    """Everything the reference data says about a destination on a day, with cited evidence."""
    d, day, code = data(), _day(at), validate_country(code)
    groups = groups_on(code, day)
    embargoes = embargoes_on(code, day)
    partner = d.partners.get(code)
    is_partner = partner is not None and partner.since <= day
    adherent = d.adherents.get(code)
    adherent_status = adherent.status if adherent and adherent.at(day) and not is_partner else None
    applicant = any(a.code == code and a.at(day) for a in d.applicants) and not is_partner
    level = concern_for(groups, embargoes)
    evidence = _evidence(d, code, day, groups, embargoes, level)
    evidence += _mtcr_evidence(d, code, day, is_partner, adherent_status, applicant)
    return DestinationProfile(
        code=code,
        name=d.names[code],
        at=day,
        mtcr_partner=is_partner,
        partner_since=partner.year if is_partner else None,
        adherent=adherent_status,
        mtcr_applicant=applicant,
        groups=groups,
        d4="D:4" in groups,
        arms_embargoes=embargoes,
        concern_level=level,
        evidence=evidence,
        data_as_of=d.as_of,
        treaties=treaty_statuses(code),
    )


def concern_levels(at: date | str | None = None) -> dict[str, str]:
    """Every destination whose concern level is not "none" on the day."""
    day = _day(at)
    out = {}
    for code in data().names:
        level = concern_for(groups_on(code, day), embargoes_on(code, day))
        if level != "none":
            out[code] = level
    return out


# --------------------------------------------------------------------------- evidence


def _evidence(
    d: CountryData, code: str, day: date, groups: list[str], embargoes: list[Embargo], level: str
) -> list[str]:
    out = []
    groups_cite = d.cite(d.group_sources)
    for e in embargoes:
        if e.authority == "UN" and e.missile_related:
            out.append(
                f"Target of UN missile-related measures: {e.describe()} — {d.cite(e.sources)}"
            )
    if "D:4" in groups:
        both = " and E:1 (terrorist supporting)" if "E:1" in groups else ""
        out.append(
            f"In US Country Group D:4 (missile technology){both} on {day.isoformat()} — {groups_cite}"
        )
    for ch in d.changes:
        if ch.country == code and "D:4" in ch.add + ch.remove:
            verb = "added to" if "D:4" in ch.add else "removed from"
            out.append(
                f"{d.names[code]} {verb} D:4 on {ch.date.isoformat()} — {d.cite(ch.sources)}"
            )
    for e in embargoes:
        if e.authority == "UN" and e.missile_related:
            continue
        effect = (
            ""
            if e.counts_for_country
            else " (aimed at parties, not the country: left to party screening)"
        )
        out.append(f"{e.describe()}{effect} — {d.cite(e.sources)}")
    other = [g for g in groups if g != "D:4"]
    if other:
        out.append(f"Other US country groups: {', '.join(other)} — {groups_cite}")
    if day < d.issue_date:
        for g in d.undated.get(code, ()):
            if g in groups:
                out.append(
                    f"{g} membership before {d.issue_date.isoformat()} is assumed: its start date is not recorded"
                )
    if day > d.as_of:
        out.append(f"Reference data as of {d.as_of.isoformat()}; later changes are not reflected")
    if level == "none":
        out.insert(
            0,
            f"No D:4 membership, UN missile measures or country-wide arms embargo recorded on {day.isoformat()}",
        )
    else:
        out.insert(0, f"Missile concern {level} under the rule in docs/reference-data.md")
    return out


def _mtcr_evidence(
    d: CountryData, code: str, day: date, is_partner: bool, adherent: str | None, applicant: bool
) -> list[str]:
    out = []
    partner = d.partners.get(code)
    if is_partner and partner:
        out.append(f"MTCR partner since {partner.year} — {d.cite(partner.sources)}")
    elif partner:
        out.append(
            f"Not yet an MTCR partner on {day.isoformat()} (joined {partner.since.isoformat()}) — {d.cite(partner.sources)}"
        )
    if adherent:
        out.append(
            f"MTCR adherent ({adherent.replace('_', ' ')}) — {d.cite(d.adherents[code].sources)}"
        )
    if applicant:
        ids = tuple(s for a in d.applicants if a.code == code for s in a.sources)
        out.append(f"MTCR membership applicant — {d.cite(tuple(dict.fromkeys(ids)))}")
    return out
