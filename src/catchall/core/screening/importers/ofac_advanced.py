"""OFAC's advanced XML (``sdn_advanced.xml``, root ``Sanctions``) → list entities.

The advanced schema normalises everything through reference tables: a party's type, name
parts, features (birth date, nationality, gender...), document types and programs are ids into
``ReferenceValueSets``, places are ids into ``Locations``, documents and sanctions entries sit
in their own sections and point back at the identity or profile. The file is streamed section
by section; the small tables are kept, parties become drafts, and documents and sanctions
entries are attached to their drafts when the file has been read.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from lxml import etree

from catchall.core.errors import InputError

from .clean import parse_date
from .draft import Draft, pop_all
from .official import add_birth_date, add_country, add_document, add_nationality, joined
from .report import PROGRESS_EVERY, Collector, ImportReport, Progress
from .source import Source
from .xmlsource import child, child_text, children, iter_records, local, text

ROOT = "Sanctions"
AUTHORITY = "US Office of Foreign Assets Control"
_SCHEMA = {"individual": "Person", "entity": "Organization"}
_NOT_PARTIES = {"vessel": "Vessel", "aircraft": "Aircraft"}
_SECTIONS = frozenset(
    {"ReferenceValueSets", "Location", "IDRegDocument", "DistinctParty", "SanctionsEntry"}
)
# Name part order when a documented name is written out.
_PART_ORDER = (
    "Nickname",
    "First Name",
    "Middle Name",
    "Patronymic",
    "Matronymic",
    "Maiden Name",
    "Last Name",
    "Entity Name",
    "Vessel Name",
    "Aircraft Name",
)
# Feature types → FollowTheMoney property (countries and dates are handled by kind below).
_FEATURE_PROPS = {
    "Place of Birth": "birthPlace",
    "Gender": "gender",
    "Title": "title",
    "Website": "website",
    "Email Address": "email",
    "Phone Number": "phone",
    "Organization Established Date": "incorporationDate",
    "Organization Type:": "legalForm",
}


@dataclass
class _State:
    refs: dict[str, dict[str, tuple[str, dict[str, str]]]] = field(default_factory=dict)
    locations: dict[str, tuple[str, str]] = field(default_factory=dict)  # id → (text, country)
    drafts: dict[str, Draft] = field(default_factory=dict)  # by profile id
    identity_profile: dict[str, str] = field(default_factory=dict)
    documents: dict[str, list[tuple[str, str, str]]] = field(
        default_factory=lambda: defaultdict(list)
    )
    pending_locations: list[tuple[str, str, str]] = field(
        default_factory=list
    )  # (profile, label, id)

    def ref(self, table: str, ref_id: str | None) -> str:
        return self.refs.get(table, {}).get(ref_id or "", ("", {}))[0]

    def ref_attr(self, table: str, ref_id: str | None, attr: str) -> str:
        return self.refs.get(table, {}).get(ref_id or "", ("", {}))[1].get(attr, "")


def read_ofac_advanced(
    source: Source,
    list_name: str,
    *,
    progress: Progress | None = None,
    progress_every: int = PROGRESS_EVERY,
) -> ImportReport:
    out = Collector(list_name, "ofac-advanced-xml", progress, progress_every)
    state = _State()
    for line, element in iter_records(source, _SECTIONS, frozenset({ROOT})):
        name = local(element.tag)
        if name == "ReferenceValueSets":
            _references(element, state)
        elif name == "Location":
            _location(element, state)
        elif name == "IDRegDocument":
            _document(element, state)
        elif name == "SanctionsEntry":
            _sanctions_entry(element, state)
        else:
            out.record_read()
            if not state.refs:
                raise InputError(
                    f"line {line}: a DistinctParty comes before the ReferenceValueSets; "
                    "not an OFAC advanced XML file as published",
                    field="file",
                )
            _party(element, line, state, out)
    for profile, label, location_id in state.pending_locations:
        draft = state.drafts.get(profile)
        if draft is not None:
            _apply_location(draft, label, state.locations.get(location_id, ("", "")))
    for identity, docs in state.documents.items():
        draft = state.drafts.get(state.identity_profile.get(identity, ""))
        if draft is None:
            continue
        for kind, number, details in docs:
            add_document(draft, kind, number, details=details)
    entities = []
    for draft in pop_all(state.drafts):
        for issue in draft.issues:
            out.warn(draft.line, issue, draft.id)
        entities.append(draft.finish(list_name))
    return out.report(entities)


def _references(element: etree._Element, state: _State) -> None:
    for table in element:
        for value in table:
            ref_id = value.get("ID")
            if ref_id is not None:
                state.refs.setdefault(local(value.tag), {})[ref_id] = (
                    text(value),
                    dict(value.attrib),
                )


def _location(element: etree._Element, state: _State) -> None:
    parts = []
    for part in children(element, "LocationPart"):
        value = child(part, "LocationPartValue")
        if value is not None:
            parts.append(child_text(value, "Value"))
    country = ""
    for loc_country in children(element, "LocationCountry"):
        country = state.ref("Country", loc_country.get("CountryID")) or country
    for area in children(element, "LocationAreaCode"):
        country = country or state.ref_attr("AreaCode", area.get("AreaCodeID"), "Description")
    state.locations[element.get("ID") or ""] = (joined(*parts, country), country)


def _document(element: etree._Element, state: _State) -> None:
    kind = state.ref("IDRegDocType", element.get("IDRegDocTypeID"))
    country = state.ref("Country", element.get("IssuedBy-CountryID"))
    dates = []
    for when in children(element, "DocumentDate"):
        label = state.ref("IDRegDocDateType", when.get("IDRegDocDateTypeID"))
        values = _period(child(when, "DatePeriod"))
        if values:
            dates.append(f"{label or 'date'} {' to '.join(values)}")
    details = joined(
        country,
        child_text(element, "IssuingAuthority"),
        *dates,
        child_text(element, "Comment"),
    )
    number = child_text(element, "IDRegistrationNo")
    state.documents[element.get("IdentityID") or ""].append((kind, number, details))


def _sanctions_entry(element: etree._Element, state: _State) -> None:
    draft = state.drafts.get(element.get("ProfileID") or "")
    if draft is None:
        return
    listed = state.ref("List", element.get("ListID"))
    if listed:
        draft.add_prop("topics", [listed])
    for event in children(element, "EntryEvent"):
        when = _date(child(event, "Date"))
        if when:
            draft.add_prop("listingDate", [when])
            draft.listed_on = draft.listed_on or parse_date(when)
        draft.add_prop("provisions", [state.ref("LegalBasis", event.get("LegalBasisID"))])
        draft.add_text(draft.notes, [child_text(event, "Comment")])
    for measure in children(element, "SanctionsMeasure"):
        kind = state.ref("SanctionsType", measure.get("SanctionsTypeID"))
        comment = child_text(measure, "Comment")
        if kind == "Program" and comment:
            draft.programs.append(comment)
            draft.add_prop("program", [comment])
        elif kind:
            draft.add_prop("provisions", [joined(kind, comment, sep=": ")])


def _party(element: etree._Element, line: int, state: _State, out: Collector) -> None:
    profile = child(element, "Profile")
    if profile is None:
        out.skip(line, "no profile", "record skipped: DistinctParty without a Profile")
        return
    profile_id = profile.get("ID") or element.get("FixedRef") or str(line)
    sub_type = profile.get("PartySubTypeID")
    kind = state.ref("PartySubType", sub_type)
    if kind in ("", "Unknown"):
        kind = state.ref("PartyType", state.ref_attr("PartySubType", sub_type, "PartyTypeID"))
    kind = kind.lower()
    if kind in _NOT_PARTIES:
        out.out_of_scope(line, _NOT_PARTIES[kind])
        return
    draft = Draft(f"ofac-{profile_id}", _SCHEMA.get(kind, "LegalEntity"), line)
    if kind not in _SCHEMA:
        draft.issues.append(f"unknown party type {kind!r}: imported as LegalEntity")
    draft.authority = AUTHORITY
    draft.add_prop("programId", [profile_id])
    draft.add_text(draft.notes, [child_text(element, "Comment")])
    for identity in children(profile, "Identity"):
        state.identity_profile[identity.get("ID") or ""] = profile_id
        _names(draft, identity, state)
    for feature in children(profile, "Feature"):
        _feature(draft, feature, profile_id, state)
    problem = draft.problem()
    if problem:
        out.skip(line, problem, f"record skipped: {problem}", draft.id)
        return
    if profile_id in state.drafts:
        out.skip(line, "duplicate id", "duplicate profile id; skipped", draft.id)
        return
    state.drafts[profile_id] = draft


def _names(draft: Draft, identity: etree._Element, state: _State) -> None:
    groups: dict[str, str] = {}
    holder = child(identity, "NamePartGroups")
    if holder is not None:
        for group in holder.iter("{*}NamePartGroup"):
            groups[group.get("ID") or ""] = state.ref("NamePartType", group.get("NamePartTypeID"))
    for alias in children(identity, "Alias"):
        alias_type = state.ref("AliasType", alias.get("AliasTypeID"))
        primary = (alias.get("Primary") or "").lower() == "true"
        weak = (alias.get("LowQuality") or "").lower() == "true"
        for documented in children(alias, "DocumentedName"):
            parts: dict[str, list[str]] = defaultdict(list)
            for part in children(documented, "DocumentedNamePart"):
                for value in children(part, "NamePartValue"):
                    parts[groups.get(value.get("NamePartGroupID") or "", "")].append(text(value))
            ordered = [t for kind in _PART_ORDER for t in parts.pop(kind, [])]
            ordered += [t for rest in parts.values() for t in rest]
            name = joined(*ordered, sep=" ")
            if primary and not draft.names:
                draft.add_names([name])
            else:
                draft.add_names([name], "weak alias" if weak else "alias")
            if alias_type == "F.K.A." and name:
                draft.add_prop("previousName", [name])


def _feature(draft: Draft, feature: etree._Element, profile_id: str, state: _State) -> None:
    label = state.ref("FeatureType", feature.get("FeatureTypeID")).strip()
    for version in children(feature, "FeatureVersion"):
        for place in version.iter("{*}VersionLocation"):
            state.pending_locations.append((profile_id, label, place.get("LocationID") or ""))
        period = next(version.iter("{*}DatePeriod"), None)
        dates = _period(period) if period is not None else []
        value = ""
        detail = next(version.iter("{*}VersionDetail"), None)
        if detail is not None:
            value = state.ref("DetailReference", detail.get("DetailReferenceID")) or text(detail)
        if label == "Birthdate":
            for when in dates:
                add_birth_date(draft, when)
        elif label in _FEATURE_PROPS and (value or dates):
            prop = _FEATURE_PROPS[label]
            draft.add_prop(prop, [value.lower() if prop == "gender" else value] if value else dates)
        elif value or dates:
            draft.add_text(draft.notes, [f"{label.rstrip(':- ')}: {value or ' to '.join(dates)}"])


def _apply_location(draft: Draft, label: str, location: tuple[str, str]) -> None:
    place, country = location
    if label in ("Nationality Country", "Citizenship Country"):
        add_nationality(
            draft, country, "citizenship" if label.startswith("Citizenship") else "nationality"
        )
    elif label == "Place of Birth":
        draft.add_prop("birthPlace", [place])
        add_country(draft, country, "birthCountry")
    elif label == "Nationality of Registration":
        add_country(draft, country, "jurisdiction")
    elif label == "Location":
        draft.add_text(draft.addresses, [place])
        add_country(draft, country)
    elif place:
        draft.add_text(draft.notes, [f"{label}: {place}"])


def _date(element: etree._Element | None) -> str:
    """<Year>, <Month>, <Day> → ISO text, as precise as given."""
    if element is None:
        return ""
    year, month, day = (child_text(element, n) for n in ("Year", "Month", "Day"))
    if not year.isdigit():
        return ""
    out = f"{int(year):04d}"
    if month.isdigit():
        out += f"-{int(month):02d}"
        if day.isdigit():
            out += f"-{int(day):02d}"
    return out


def _side(low: str, high: str) -> str:
    """One end of a period, given as a From/To range: the common year when the range is
    that whole year (OFAC's way to say "some time in 1962"), else its first day."""
    if not high or low == high:
        return low
    if low[:4] == high[:4] and low[4:] in ("", "-01-01") and high[4:] in ("", "-12-31"):
        return low[:4]
    return low or high


def _period(period: etree._Element | None) -> list[str]:
    """A DatePeriod as dates: one when start and end agree (or span exactly one year),
    else its start and end."""
    if period is None:
        return []
    ends = []
    for name in ("Start", "End"):
        holder = child(period, name)
        if holder is None:
            continue
        ends.append(_side(_date(child(holder, "From")), _date(child(holder, "To"))))
    ends = [e for e in ends if e]
    if not ends:
        return []
    if (
        len(ends) == 2
        and ends[0][:4] == ends[1][:4]
        and ends[0][4:] in ("", "-01-01")
        and ends[1][4:] in ("", "-12-31")
    ):
        return [ends[0][:4]]
    return list(dict.fromkeys(ends))
