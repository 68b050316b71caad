"""UN Security Council Consolidated List (``CONSOLIDATED_LIST`` XML) → list entities.

Individuals become Persons, entities Organizations. Aliases of quality "Good", "a.k.a." and
"f.k.a." are aliases, "Low" ones weak aliases; the name in original script
(``NAME_ORIGINAL_SCRIPT``) is an alias. Field mapping: docs/list-formats.md.
"""

from __future__ import annotations

from lxml import etree

from .clean import parse_date
from .draft import Draft, admit, finish_all
from .official import (
    add_birth_date,
    add_country,
    add_document,
    add_nationality,
    iso_partial_date,
    joined,
)
from .report import PROGRESS_EVERY, Collector, ImportReport, Progress
from .source import Source
from .xmlsource import child_text, first_text, index, iter_records, local, values

ROOT = "CONSOLIDATED_LIST"
_WEAK_QUALITIES = frozenset({"low"})
_SCHEMA = {"INDIVIDUAL": "Person", "ENTITY": "Organization"}
AUTHORITY = "United Nations Security Council"


def read_un(
    source: Source,
    list_name: str,
    *,
    progress: Progress | None = None,
    progress_every: int = PROGRESS_EVERY,
) -> ImportReport:
    out = Collector(list_name, "un-xml", progress, progress_every)
    drafts: dict[str, Draft] = {}
    for line, element in iter_records(source, frozenset(_SCHEMA), frozenset({ROOT})):
        out.record_read()
        draft = _draft(element, line)
        admit(out, drafts, draft, line, "DATAID")
    return out.report(finish_all(drafts, list_name))


def _draft(element: etree._Element, line: int) -> Draft:
    kind = local(element.tag)
    fields = index(element)
    get = lambda name: first_text(fields, name)  # noqa: E731
    group = lambda name: fields.get(name, [])  # noqa: E731
    data_id = get("DATAID") or get("REFERENCE_NUMBER") or f"line-{line}"
    draft = Draft(f"un-{data_id}", _SCHEMA[kind], line)
    parts = [get(n) for n in ("FIRST_NAME", "SECOND_NAME", "THIRD_NAME", "FOURTH_NAME")]
    draft.add_names([joined(*parts, sep=" ")])
    draft.add_names([get("NAME_ORIGINAL_SCRIPT")], "alias")
    for alias in group(f"{kind}_ALIAS"):
        name = child_text(alias, "ALIAS_NAME")
        quality = child_text(alias, "QUALITY").lower()
        draft.add_names([name], "weak alias" if quality in _WEAK_QUALITIES else "alias")
        if name:
            when = iso_partial_date(child_text(alias, "DATE_OF_BIRTH"))
            if when:
                draft.add_prop("birthDate", [when])
            place = joined(
                child_text(alias, "CITY_OF_BIRTH"), child_text(alias, "COUNTRY_OF_BIRTH")
            )
            if place:
                draft.add_prop("birthPlace", [place])
            extra = joined(
                child_text(alias, "NOTE"),
                f"born {child_text(alias, 'DATE_OF_BIRTH')}"
                if child_text(alias, "DATE_OF_BIRTH")
                else "",
                f"in {place}" if place else "",
                sep="; ",
            )
            if extra:
                draft.add_text(draft.notes, [f"Alias {name}: {extra}"])
    list_type = get("UN_LIST_TYPE")
    if list_type:
        draft.programs.append(list_type)
        draft.add_prop("program", [list_type])
    reference = get("REFERENCE_NUMBER")
    draft.add_prop("unscId", [reference])
    draft.add_prop("programId", [reference])
    draft.authority = AUTHORITY
    draft.listed_on = parse_date(get("LISTED_ON"))
    draft.add_prop("listingDate", [get("LISTED_ON")])
    draft.add_prop("modifiedAt", values(element, "LAST_DAY_UPDATED"))
    draft.add_prop("gender", [get("GENDER").lower()])
    draft.add_prop("title", values(element, "TITLE"))
    draft.add_prop("position", values(element, "DESIGNATION"))
    draft.add_prop("topics", values(element, "LIST_TYPE"))
    for nationality in values(element, "NATIONALITY"):
        add_nationality(draft, nationality)
    for address in group(f"{kind}_ADDRESS"):
        parts = [
            child_text(address, n)
            for n in ("STREET", "CITY", "STATE_PROVINCE", "ZIP_CODE", "COUNTRY")
        ]
        text = joined(*parts)
        note = child_text(address, "NOTE")
        if text or note:
            draft.add_text(draft.addresses, [joined(text, f"({note})" if note else "", sep=" ")])
        add_country(draft, child_text(address, "COUNTRY"))
    for birth in group(f"{kind}_DATE_OF_BIRTH"):
        _birth_date(draft, birth)
    for place in group(f"{kind}_PLACE_OF_BIRTH"):
        parts = [child_text(place, n) for n in ("STREET", "CITY", "STATE_PROVINCE", "COUNTRY")]
        text = joined(*parts)
        if text:
            draft.add_prop("birthPlace", [text])
        add_country(draft, child_text(place, "COUNTRY"), "birthCountry")
        if child_text(place, "NOTE"):
            draft.add_text(draft.notes, [f"Place of birth {text}: {child_text(place, 'NOTE')}"])
    for doc in group(f"{kind}_DOCUMENT"):
        kind_text = joined(
            child_text(doc, "TYPE_OF_DOCUMENT"), child_text(doc, "TYPE_OF_DOCUMENT2"), sep=" / "
        )
        issued = child_text(doc, "DATE_OF_ISSUE")
        details = joined(
            child_text(doc, "ISSUING_COUNTRY"),
            child_text(doc, "COUNTRY_OF_ISSUE"),
            child_text(doc, "CITY_OF_ISSUE"),
            f"issued {issued}" if issued else "",
            child_text(doc, "NOTE"),
        )
        add_document(draft, kind_text, child_text(doc, "NUMBER"), details=details)
    draft.add_text(draft.notes, [get("COMMENTS1")])
    return draft


def _birth_date(draft: Draft, birth: etree._Element) -> None:
    kind = child_text(birth, "TYPE_OF_DATE").upper()
    note = child_text(birth, "NOTE")
    start, end = child_text(birth, "FROM_YEAR"), child_text(birth, "TO_YEAR")
    if kind == "BETWEEN" or (start and end):
        if start and end and start.isdigit() and end.isdigit() and int(end) - int(start) <= 20:
            draft.add_prop("birthDate", [str(y) for y in range(int(start), int(end) + 1)])
        draft.add_text(
            draft.notes, [f"Born between {start} and {end}" + (f" ({note})" if note else "")]
        )
        return
    value = child_text(birth, "DATE") or child_text(birth, "YEAR")
    add_birth_date(draft, value)
    if kind == "APPROXIMATELY" and value:
        draft.add_text(
            draft.notes, [f"Born approximately {value}" + (f" ({note})" if note else "")]
        )
    elif note:
        draft.add_text(draft.notes, [f"Date of birth {value}: {note}"])
