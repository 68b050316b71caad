"""EU Financial Sanctions Files XML (the EU consolidated list, ``export`` / ``sanctionEntity``)
→ list entities.

The first strong name alias is the name; the other strong aliases are aliases and the
non-strong ones weak aliases, in whatever language the EU gives them. Field mapping:
docs/list-formats.md.
"""

from __future__ import annotations

from lxml import etree

from .clean import country_code, parse_date
from .draft import Draft, admit, finish_all
from .official import add_birth_date, add_country, add_document, add_nationality, joined
from .report import PROGRESS_EVERY, Collector, ImportReport, Progress
from .source import Source
from .xmlsource import child_text, children, iter_records, text

ROOT = "export"
NAMESPACE = "http://eu.europa.ec/fpi/fsd/export"
AUTHORITY = "European Union"
_SCHEMA = {"person": "Person", "enterprise": "Organization"}
_GENDER = {"M": "male", "F": "female"}


def read_eu(
    source: Source,
    list_name: str,
    *,
    progress: Progress | None = None,
    progress_every: int = PROGRESS_EVERY,
) -> ImportReport:
    out = Collector(list_name, "eu-fsf-xml", progress, progress_every)
    drafts: dict[str, Draft] = {}
    for line, element in iter_records(source, frozenset({"sanctionEntity"}), frozenset({ROOT})):
        out.record_read()
        code = _subject(element)
        if code not in _SCHEMA and code in ("vessel", "aircraft"):
            out.out_of_scope(line, code.title())
            continue
        draft = _draft(element, line, code)
        admit(out, drafts, draft, line, "logicalId")
    return out.report(finish_all(drafts, list_name))


def _subject(element: etree._Element) -> str:
    for subject in children(element, "subjectType"):
        return (subject.get("code") or "").strip().lower()
    return ""


def _draft(element: etree._Element, line: int, code: str) -> Draft:
    attr = lambda name: (element.get(name) or "").strip()  # noqa: E731
    draft = Draft(
        f"eu-{attr('logicalId') or attr('euReferenceNumber') or line}",
        _SCHEMA.get(code, "LegalEntity"),
        line,
    )
    if code not in _SCHEMA:
        draft.issues.append(f"unknown subject type {code!r}: imported as LegalEntity")
    _names(draft, element)
    draft.authority = AUTHORITY
    draft.listed_on = parse_date(attr("designationDate"))
    draft.add_prop("listingDate", [attr("designationDate")])
    draft.add_prop("programId", [attr("euReferenceNumber")])
    draft.add_prop("unscId", [attr("unitedNationId")])
    draft.add_text(draft.notes, [attr("designationDetails")])
    draft.add_text(draft.notes, [text(r) for r in children(element, "remark")])
    for regulation in children(element, "regulation"):
        programme = (regulation.get("programme") or "").strip()
        if programme:
            draft.programs.append(programme)
            draft.add_prop("program", [programme])
        number = (regulation.get("numberTitle") or "").strip()
        if number:
            kind = (regulation.get("regulationType") or "").strip()
            when = (regulation.get("publicationDate") or "").strip()
            draft.add_prop("provisions", [joined(number, kind, when)])
        url = child_text(regulation, "publicationUrl")
        if url:
            draft.add_prop("sourceUrl", [url])
            draft.source_url = draft.source_url or url
    for citizenship in children(element, "citizenship"):
        value = (citizenship.get("countryIso2Code") or "").strip()
        if value == "00" or not country_code(value):
            value = (citizenship.get("countryDescription") or "").strip()
        if value and value.upper() != "UNKNOWN":
            add_nationality(draft, value, "citizenship")
            region = (citizenship.get("region") or "").strip()
            if region:
                draft.add_text(draft.notes, [f"Citizenship region: {region}"])
        for remark in children(citizenship, "remark"):
            draft.add_text(draft.notes, [f"Citizenship: {text(remark)}"])
    for birth in children(element, "birthdate"):
        _birth(draft, birth)
    for ident in children(element, "identification"):
        _identification(draft, ident)
    for address in children(element, "address"):
        get = lambda name, a=address: (a.get(name) or "").strip()  # noqa: E731
        country = (
            get("countryDescription") if get("countryDescription").upper() != "UNKNOWN" else ""
        )
        text_ = joined(
            get("street"),
            get("poBox"),
            get("city"),
            get("zipCode"),
            get("region"),
            get("place"),
            country,
        )
        remarks = "; ".join(text(r) for r in children(address, "remark") if text(r))
        if text_ or remarks:
            draft.add_text(
                draft.addresses, [joined(text_, f"({remarks})" if remarks else "", sep=" ")]
            )
        iso = get("countryIso2Code")
        if iso and iso != "00":
            add_country(draft, iso)
    return draft


def _names(draft: Draft, element: etree._Element) -> None:
    aliases = list(children(element, "nameAlias"))
    strong = [a for a in aliases if (a.get("strong") or "true").strip().lower() != "false"]
    primary = next(
        (a for a in strong if _whole(a) and not (a.get("nameLanguage") or "").strip()), None
    )
    if primary is None:
        primary = next((a for a in strong if _whole(a)), None) or next(
            (a for a in aliases if _whole(a)), None
        )
    if primary is not None:
        draft.add_names([_whole(primary)])
    for alias in aliases:
        if alias is primary:
            continue
        is_strong = any(alias is a for a in strong)
        draft.add_names([_whole(alias)], "alias" if is_strong else "weak alias")
        language = (alias.get("nameLanguage") or "").strip()
        if language and _whole(alias):
            draft.add_text(draft.notes, [f"Name in {language}: {_whole(alias)}"])
    for alias in aliases:
        get = lambda name, a=alias: (a.get(name) or "").strip()  # noqa: E731
        draft.add_prop("position", [get("function")])
        draft.add_prop("title", [get("title")])
        if get("gender"):
            draft.add_prop("gender", [_GENDER.get(get("gender").upper(), get("gender").lower())])
        for remark in children(alias, "remark"):
            draft.add_text(draft.notes, [text(remark)])


def _whole(alias: etree._Element) -> str:
    get = lambda name: (alias.get(name) or "").strip()  # noqa: E731
    return get("wholeName") or joined(get("firstName"), get("middleName"), get("lastName"), sep=" ")


def _birth(draft: Draft, birth: etree._Element) -> None:
    get = lambda name: (birth.get(name) or "").strip()  # noqa: E731
    if get("birthdate"):
        add_birth_date(draft, get("birthdate"))
    elif get("year"):
        month, day = get("monthOfYear"), get("dayOfMonth")
        value = get("year") + (f"-{int(month):02d}" if month.isdigit() else "")
        value += f"-{int(day):02d}" if month.isdigit() and day.isdigit() else ""
        add_birth_date(draft, value)
    elif get("yearRangeFrom") and get("yearRangeTo"):
        start, end = get("yearRangeFrom"), get("yearRangeTo")
        if start.isdigit() and end.isdigit() and 0 <= int(end) - int(start) <= 20:
            draft.add_prop("birthDate", [str(y) for y in range(int(start), int(end) + 1)])
        draft.add_text(draft.notes, [f"Born between {start} and {end}"])
    if get("circa").lower() == "true":
        draft.add_text(draft.notes, [f"Born circa {get('birthdate') or get('year')}"])
    country = get("countryDescription") if get("countryDescription").upper() != "UNKNOWN" else ""
    place = joined(get("city"), get("place"), get("region"), country)
    if place:
        draft.add_prop("birthPlace", [place])
    iso = get("countryIso2Code")
    if iso and iso != "00":
        add_country(draft, iso, "birthCountry")
    for remark in children(birth, "remark"):
        draft.add_text(draft.notes, [f"Birth: {text(remark)}"])


def _identification(draft: Draft, ident: etree._Element) -> None:
    get = lambda name: (ident.get(name) or "").strip()  # noqa: E731
    kind = get("identificationTypeDescription") or get("identificationTypeCode")
    flags = [
        label
        for attr, label in (
            ("diplomatic", "diplomatic"),
            ("knownExpired", "known expired"),
            ("knownFalse", "known false"),
            ("reportedLost", "reported lost"),
            ("revokedByIssuer", "revoked"),
        )
        if get(attr).lower() == "true"
    ]
    remarks = [text(r) for r in children(ident, "remark") if text(r)]
    details = joined(
        get("countryDescription") if get("countryDescription").upper() != "UNKNOWN" else "",
        get("issuedBy"),
        f"issued {get('issueDate')}" if get("issueDate") else "",
        f"name on document {get('nameOnDocument')}" if get("nameOnDocument") else "",
        *flags,
        *remarks,
    )
    add_document(draft, kind, get("number"), details=details)
    if get("latinNumber") and get("latinNumber") != get("number"):
        add_document(draft, kind, get("latinNumber"), details=details)
