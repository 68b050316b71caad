"""UK sanctions lists → list entities, in the three forms the UK has published them:

- OFSI's Consolidated List of Targets as CSV (``ConList.csv``: a "Last Updated" row, a
  header, then one row per name variation; the rows of one target share a ``Group ID``);
- the same list as XML (``ArrayOfFinancialSanctionsTarget`` / ``FinancialSanctionsTarget``,
  one element per row with the CSV's columns as elements);
- the FCDO's UK Sanctions List XML (``Designations`` / ``Designation``: one element per target
  with its names, non-Latin names, addresses and individual or entity details).

A row per name variation means a target's rows may be anywhere in the file: drafts are kept by
group and completed row by row (values repeated on each row are kept once); the first row of a group counts as the record, later rows as
context (name variations merged into it). Field mapping: docs/list-formats.md.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from itertools import chain

from lxml import etree

from catchall.core.errors import InputError, Problem

from .clean import clean_text
from .draft import Draft, admit, finish_all, pop_all
from .official import (
    add_birth_date,
    add_country,
    add_document,
    add_nationality,
    iso_partial_date,
    joined,
)
from .report import PROGRESS_EVERY, Collector, ImportReport, Progress
from .source import Source, csv_records, open_text, strip_bom
from .xmlsource import iter_records, local, root_tag, text

AUTHORITY = "UK Office of Financial Sanctions Implementation"
FCDO_AUTHORITY = "UK Foreign, Commonwealth and Development Office"
CONLIST_XML_ROOT = "ArrayOfFinancialSanctionsTarget"
FCDO_XML_ROOT = "Designations"
ROOTS = frozenset({CONLIST_XML_ROOT, FCDO_XML_ROOT})
_SCHEMA = {"individual": "Person", "entity": "Organization"}
_NOT_PARTIES = {"ship": "Vessel", "vessel": "Vessel", "aircraft": "Aircraft"}
# ConList columns (normalised: lower case, letters and digits only) and their other spellings.
_SYNONYMS = {
    "grouptypedescription": "grouptype",
    "aliastypename": "aliastype",
    "individualdateofbirth": "dob",
    "individualtownofbirth": "townofbirth",
    "individualcountryofbirth": "countryofbirth",
    "individualnationality": "nationality",
    "individualpassportnumber": "passportnumber",
    "individualpassportdetails": "passportdetails",
    "individualninumber": "nationalidentificationnumber",
    "individualnidetails": "nationalidentificationdetails",
    "individualposition": "position",
    "regimename": "regime",
    "datelisted": "listedon",
    "postcode": "postzipcode",
    "ninumber": "nationalidentificationnumber",
    "nationalidentifiernumber": "nationalidentificationnumber",
    "datedesignated": "uksanctionslistdatedesignated",
    "nonlatinname": "namenonlatinscript",
}
REQUIRED_COLUMNS = ("name6", "grouptype", "groupid")
_DATE = re.compile(r"\d{1,2}/\d{1,2}/\d{4}")
_NUMBERED = re.compile(r"\(?\b\d{1,2}\)\s*")
_REF = re.compile(r"\(UK Sanctions List Ref\)\s*:\s*([A-Z]{2,4}\d{3,5})", re.IGNORECASE)
_UN_REF = re.compile(r"\bUN Ref\)?\.?\s*:?\s*([A-Z]{2,3}[a-z]?\.\d{3,4})")
_GENDER = re.compile(r"\(Gender\)\s*:\s*(Male|Female)", re.IGNORECASE)
_PASSPORT_NO = re.compile(
    r"(?:passport\s*)?(?:no\.?|number)\s*:?\s*([A-Z]{0,3}\d[A-Z0-9-]{3,})", re.I
)


def key(column: str) -> str:
    normal = re.sub(r"[^a-z0-9]", "", column.lower())
    return _SYNONYMS.get(normal, normal)


def read_uk(
    source: Source,
    list_name: str,
    *,
    progress: Progress | None = None,
    progress_every: int = PROGRESS_EVERY,
) -> ImportReport:
    """Read the UK list in any of its forms; CSV or XML is told by the first character."""
    with open_text(source, newline="") as stream:
        first = strip_bom(stream.readline())
        while first and not first.strip():
            first = stream.readline()
        if not first:
            raise InputError("the file is empty: no UK sanctions list records", field="file")
        if first.lstrip().startswith("<"):
            is_xml = True
        else:
            is_xml = False
            out = Collector(list_name, "uk-conlist-csv", progress, progress_every)
            groups: dict[str, Draft] = {}
            for line, row in _csv_rows(chain([first], stream)):
                _row(row, line, groups, out)
    if is_xml:
        if local(root_tag(source)) == FCDO_XML_ROOT:
            return _read_fcdo(source, list_name, progress, progress_every)
        out = Collector(list_name, "uk-conlist-xml", progress, progress_every)
        groups = {}
        for line, element in iter_records(source, frozenset({"FinancialSanctionsTarget"}), ROOTS):
            _row(_leaves(element), line, groups, out)
    return _finish(groups, out, list_name)


def _leaves(element: etree._Element) -> dict[str, str]:
    """A ConList XML target as a row: its leaf elements by normalised name (repeated leaves,
    such as several address lines under one name, are joined)."""
    row: dict[str, str] = {}
    for sub in element.iter():
        if len(sub) == 0 and sub is not element and text(sub):
            name = key(local(sub.tag))
            row[name] = f"{row[name]}, {text(sub)}" if name in row else text(sub)
    return row


def _csv_rows(lines: Iterator[str]) -> Iterator[tuple[int, dict[str, str]]]:
    reader = csv.reader(lines)
    header: list[str] | None = None
    for start, _end, row, error in csv_records(reader):
        if row is None:
            raise InputError(f"line {start}: the CSV cannot be read ({error})", field="file")
        if header is None:
            if key(row[0]) == "lastupdated" and "groupid" not in {key(c) for c in row}:
                continue  # the "Last Updated,dd/mm/yyyy" line above the header
            header = [key(c) for c in row]
            missing = [c for c in REQUIRED_COLUMNS if c not in header]
            if missing:
                raise InputError(
                    Problem(
                        "columns",
                        f"missing column(s) {', '.join(missing)} — not the UK Consolidated "
                        f"List of Targets (found: {', '.join(c for c in row if c)})",
                    )
                )
            continue
        yield start, dict(zip(header, row, strict=False))


def _row(row: dict[str, str], line: int, groups: dict[str, Draft], out: Collector) -> None:
    out.record_read()
    get = lambda name: clean_text(row.get(name, ""))[0]  # noqa: E731
    group = get("groupid")
    kind = get("grouptype").lower()
    draft_id = f"uk-{group}" if group else f"uk-line-{line}"
    draft = groups.get(draft_id)
    if draft is None:
        if kind in _NOT_PARTIES:
            out.out_of_scope(line, _NOT_PARTIES[kind])
            groups[draft_id] = Draft(draft_id, "Vessel", line)  # later rows are context
            return
        draft = groups[draft_id] = Draft(draft_id, _SCHEMA.get(kind, "LegalEntity"), line)
        if kind not in _SCHEMA:
            draft.issues.append(f"unknown group type {get('grouptype')!r}: imported as LegalEntity")
        draft.authority = AUTHORITY
    else:
        out.context()
        if draft.schema == "Vessel":
            return
    _name_row(draft, get)
    _shared(draft, get)  # repeated on every row of a group, usually; a row may add to it


def _name_row(draft: Draft, get) -> None:
    """What differs from row to row: the name variation."""
    name = joined(*(get(f"name{i}") for i in (1, 2, 3, 4, 5, 6)), sep=" ")
    alias_type = get("aliastype").lower()
    quality = get("aliasquality").lower()
    primary = alias_type.startswith(("primary name", "prime alias"))
    if primary and "variation" not in alias_type and not draft.names:
        draft.add_names([name])
    else:
        draft.add_names([name], "weak alias" if "low" in quality else "alias")
    non_latin = get("namenonlatinscript")
    if non_latin:  # the same name in its own script: as good or as weak as the row says
        draft.add_names([non_latin], "weak alias" if "low" in quality else "alias")
        label = joined(get("nonlatinscripttype"), get("nonlatinscriptlanguage"))
        draft.add_text(draft.notes, [f"Name in {label or 'non-Latin script'}: {non_latin}"])


def _shared(draft: Draft, get) -> None:
    """What the rows of a group share: dates, places, documents, regime, addresses."""
    draft.add_prop("title", [get("title")])
    draft.add_prop("position", [get("position")])
    for value in _DATE.findall(get("dob")) or [get("dob")]:
        add_birth_date(draft, value)
    draft.add_prop("birthPlace", [joined(get("townofbirth"), get("countryofbirth"))])
    add_country(draft, get("countryofbirth"), "birthCountry")
    for nationality in _split_numbered(get("nationality")):
        add_nationality(draft, nationality)
    passport, details = get("passportnumber"), get("passportdetails")
    if passport:
        for number in _split_numbered(passport):
            add_document(draft, "Passport", number, details=details)
    elif details:
        numbers = _PASSPORT_NO.findall(details)
        for number in numbers:
            add_document(draft, "Passport", number, details=details)
        if not numbers:
            draft.add_text(draft.notes, [f"Passport: {details}"])
    national_id = get("nationalidentificationnumber")
    if national_id:
        for number in _split_numbered(national_id):
            add_document(
                draft,
                "National identification number",
                number,
                details=get("nationalidentificationdetails"),
            )
    elif get("nationalidentificationdetails"):
        draft.add_text(
            draft.notes, [f"National identification: {get('nationalidentificationdetails')}"]
        )
    address = joined(
        *(get(f"address{i}") for i in (1, 2, 3, 4, 5, 6)), get("postzipcode"), get("country")
    )
    draft.add_text(draft.addresses, [address])
    add_country(draft, get("country"))
    regime = get("regime")
    if regime:
        draft.programs.append(regime)
        draft.add_prop("program", [regime])
    group = get("groupid")
    draft.add_prop("programId", [group])
    listed = iso_partial_date(get("listedon"))
    draft.add_prop("listingDate", [listed or ""])
    if listed and len(listed) == 10:
        from datetime import date

        draft.listed_on = date.fromisoformat(listed)
    draft.add_prop("startDate", [iso_partial_date(get("uksanctionslistdatedesignated")) or ""])
    draft.add_prop("modifiedAt", [iso_partial_date(get("lastupdated")) or ""])
    info = get("otherinformation")
    draft.add_text(draft.notes, [info])
    draft.add_prop("authorityId", [get("uksanctionslistref"), *_REF.findall(info)])
    draft.add_prop("unscId", _UN_REF.findall(info))
    draft.add_prop("gender", [g.lower() for g in _GENDER.findall(info)])


def _split_numbered(value: str) -> list[str]:
    """ "(1) Saudi Arabia (2) Qatar" or "1) Saudi Arabia 2) Qatar" → the parts."""
    parts = [p.strip(" ,;") for p in _NUMBERED.split(value)]
    return [p for p in parts if p]


def _finish(groups: dict[str, Draft], out: Collector, list_name: str) -> ImportReport:
    entities = []
    for draft in pop_all(groups):
        if draft.schema == "Vessel":
            continue
        if not draft.names and draft.aliases:  # no row marked primary: the first name leads
            draft.names.append(draft.aliases.pop(0))
        problem = draft.problem()
        if problem:
            out.skip(draft.line, problem, f"record skipped: {problem}", draft.id)
            continue
        for issue in draft.issues:
            out.warn(draft.line, issue, draft.id)
        entities.append(draft.finish(list_name))
    return out.report(entities)


def _read_fcdo(
    source: Source, list_name: str, progress: Progress | None, progress_every: int
) -> ImportReport:
    out = Collector(list_name, "uk-fcdo-xml", progress, progress_every)
    drafts: dict[str, Draft] = {}
    for line, element in iter_records(source, frozenset({"Designation"}), ROOTS):
        out.record_read()
        found = _descendants(element)
        kind = (found.get("IndividualEntityShip") or [""])[0].lower()
        if kind in _NOT_PARTIES:
            out.out_of_scope(line, _NOT_PARTIES[kind])
            continue
        unique = (found.get("UniqueID") or [""])[0]
        draft = Draft(f"uk-{unique or line}", _SCHEMA.get(kind, "LegalEntity"), line)
        _fcdo(draft, element, found)
        admit(out, drafts, draft, line, "UniqueID")
    return out.report(finish_all(drafts, list_name))


def _descendants(element: etree._Element) -> dict[str, list[str]]:
    """Texts of every leaf below ``element`` by local name (FCDO leaves have unique names)."""
    found: dict[str, list[str]] = {}
    for sub in element.iter():
        if len(sub) == 0 and text(sub):
            found.setdefault(local(sub.tag), []).append(text(sub))
    return found


def _fcdo(draft: Draft, element: etree._Element, found: dict[str, list[str]]) -> None:
    first = lambda name: (found.get(name) or [""])[0]  # noqa: E731
    every = lambda name: found.get(name, [])  # noqa: E731
    for name_el in element.iter("{*}Name"):
        if len(name_el) == 0:
            continue
        parts = {local(s.tag): text(s) for s in name_el}
        full = joined(*(parts.get(f"Name{i}", "") for i in (1, 2, 3, 4, 5, 6)), sep=" ")
        name_type = parts.get("NameType", "").lower()
        if name_type.startswith("primary") and "variation" not in name_type and not draft.names:
            draft.add_names([full])
        else:
            weak = "low" in parts.get("AliasStrength", "").lower()
            draft.add_names([full], "weak alias" if weak else "alias")
    for name_el in element.iter("{*}NonLatinName"):
        parts = {local(s.tag): text(s) for s in name_el}
        value = parts.get("NameNonLatinScript", "")
        draft.add_names([value], "alias")
        label = joined(parts.get("NonLatinScriptType", ""), parts.get("NonLatinScriptLanguage", ""))
        if value:
            draft.add_text(draft.notes, [f"Name in {label or 'non-Latin script'}: {value}"])
    if not draft.names and draft.aliases:
        draft.names.append(draft.aliases.pop(0))
    draft.authority = FCDO_AUTHORITY
    for regime in every("RegimeName"):
        draft.programs.append(regime)
        draft.add_prop("program", [regime])
    draft.add_prop("authorityId", [first("UniqueID")])
    draft.add_prop("programId", [first("UniqueID"), first("OFSIGroupID")])
    draft.add_prop("unscId", every("UNReferenceNumber"))
    designated = iso_partial_date(first("DateDesignated"))
    draft.add_prop("listingDate", [designated or ""])
    if designated and len(designated) == 10:
        from datetime import date

        draft.listed_on = date.fromisoformat(designated)
    draft.add_prop("modifiedAt", [iso_partial_date(v) or "" for v in every("LastUpdated")])
    draft.add_prop("authority", every("DesignationSource"))
    draft.add_prop(
        "provisions", [p.strip() for v in every("SanctionsImposed") for p in v.split("|")]
    )
    draft.add_text(draft.notes, every("OtherInformation"))
    draft.add_text(
        draft.notes, [f"Statement of reasons: {v}" for v in every("UKStatementofReasons")]
    )
    for value in every("DOB"):
        for part in _DATE.findall(value) or [value]:
            add_birth_date(draft, part)
    for location in element.iter("{*}Location"):
        parts = {local(s.tag): text(s) for s in location}
        draft.add_prop(
            "birthPlace", [joined(parts.get("TownOfBirth", ""), parts.get("CountryOfBirth", ""))]
        )
        add_country(draft, parts.get("CountryOfBirth", ""), "birthCountry")
    for nationality in every("Nationality"):
        add_nationality(draft, nationality)
    for group, number, details, kind in (
        ("PassportDetail", "PassportNumber", "PassportAdditionalInformation", "Passport"),
        (
            "NationalIdentifier",
            "NationalIdentifierNumber",
            "NationalIdentifierAdditionalInformation",
            "National identification number",
        ),
    ):
        for doc in element.iter(f"{{*}}{group}"):
            parts = {local(s.tag): text(s) for s in doc}
            add_document(draft, kind, parts.get(number, ""), details=parts.get(details, ""))
    for number in every("BusinessRegistrationNumber"):
        add_document(draft, "Business registration number", number)
    draft.add_prop("title", every("Title"))
    draft.add_prop("position", every("Position"))
    draft.add_prop("gender", [g.lower() for g in every("Gender")])
    draft.add_prop("phone", every("PhoneNumber"))
    draft.add_prop("email", every("EmailAddress"))
    draft.add_prop("website", every("Website"))
    for address in element.iter("{*}Address"):
        parts = {local(s.tag): text(s) for s in address}
        lines = [parts.get(f"AddressLine{i}", "") for i in range(1, 7)]
        draft.add_text(
            draft.addresses,
            [joined(*lines, parts.get("AddressPostalCode", ""), parts.get("AddressCountry", ""))],
        )
        add_country(draft, parts.get("AddressCountry", ""))
