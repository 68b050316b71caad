"""OFAC's SDN and Consolidated (non-SDN) lists in XML → list entities.

Two schemas, told apart by the root element:

- the classic ``sdnList`` (``sdn.xml``, ``consolidated.xml``): one ``sdnEntry`` per party with
  its AKAs (``category`` strong or weak), ids, dates and places of birth, nationalities,
  citizenships, addresses and programs;
- the advanced ``Sanctions`` schema (``sdn_advanced.xml``): see :mod:`.ofac_advanced`.

Weak AKAs ("low quality" in OFAC's words) are weak aliases: shown, scored lower. Vessels and
aircraft are not imported, as in the CSL reader. Field mapping: docs/list-formats.md.
"""

from __future__ import annotations

from lxml import etree

from .draft import Draft, admit, finish_all
from .official import add_birth_date, add_country, add_document, add_nationality, joined
from .report import PROGRESS_EVERY, Collector, ImportReport, Progress
from .source import Source
from .xmlsource import child_text, children, first_text, index, iter_records

ROOT = "sdnList"
AUTHORITY = "US Office of Foreign Assets Control"
_SCHEMA = {"individual": "Person", "entity": "Organization"}
_NOT_PARTIES = {"vessel": "Vessel", "aircraft": "Aircraft"}


def read_ofac(
    source: Source,
    list_name: str,
    *,
    progress: Progress | None = None,
    progress_every: int = PROGRESS_EVERY,
) -> ImportReport:
    from .ofac_advanced import ROOT as ADVANCED_ROOT
    from .ofac_advanced import read_ofac_advanced
    from .xmlsource import local, root_tag

    if local(root_tag(source)) == ADVANCED_ROOT:
        return read_ofac_advanced(
            source, list_name, progress=progress, progress_every=progress_every
        )
    out = Collector(list_name, "ofac-xml", progress, progress_every)
    drafts: dict[str, Draft] = {}
    for line, element in iter_records(source, frozenset({"sdnEntry"}), frozenset({ROOT})):
        out.record_read()
        kind = child_text(element, "sdnType").lower()
        if kind in _NOT_PARTIES:
            out.out_of_scope(line, _NOT_PARTIES[kind])
            continue
        draft = _draft(element, line, kind)
        admit(out, drafts, draft, line, "uid")
    return out.report(finish_all(drafts, list_name))


def _draft(element: etree._Element, line: int, kind: str) -> Draft:
    fields = index(element)
    get = lambda name: first_text(fields, name)  # noqa: E731

    def _items(_: etree._Element, group: str, item: str) -> list[etree._Element]:
        holders = fields.get(group)
        return list(children(holders[0], item)) if holders else []

    draft = Draft(f"ofac-{get('uid') or line}", _SCHEMA.get(kind, "LegalEntity"), line)
    if kind not in _SCHEMA:
        draft.issues.append(f"unknown sdnType {get('sdnType')!r}: imported as LegalEntity")
    draft.add_names([joined(get("firstName"), get("lastName"), sep=" ")])
    draft.add_prop("firstName", [get("firstName")])
    draft.add_prop("lastName", [get("lastName")])
    draft.add_prop("title", [get("title")])
    draft.add_prop("programId", [get("uid")])
    for aka in _items(element, "akaList", "aka"):
        name = joined(child_text(aka, "firstName"), child_text(aka, "lastName"), sep=" ")
        weak = child_text(aka, "category").lower() == "weak"
        draft.add_names([name], "weak alias" if weak else "alias")
        if child_text(aka, "type").lower() == "f.k.a." and name:
            draft.add_prop("previousName", [name])
    for program in _items(element, "programList", "program"):
        value = (program.text or "").strip()
        if value:
            draft.programs.append(value)
            draft.add_prop("program", [value])
    for ident in _items(element, "idList", "id"):
        details = joined(
            child_text(ident, "idCountry"),
            f"issued {child_text(ident, 'issueDate')}" if child_text(ident, "issueDate") else "",
            f"expires {child_text(ident, 'expirationDate')}"
            if child_text(ident, "expirationDate")
            else "",
        )
        add_document(
            draft, child_text(ident, "idType"), child_text(ident, "idNumber"), details=details
        )
        add_country(draft, child_text(ident, "idCountry"))
    for item in _items(element, "dateOfBirthList", "dateOfBirthItem"):
        add_birth_date(draft, child_text(item, "dateOfBirth"))
    for item in _items(element, "placeOfBirthList", "placeOfBirthItem"):
        draft.add_prop("birthPlace", [child_text(item, "placeOfBirth")])
    for item in _items(element, "nationalityList", "nationality"):
        add_nationality(draft, child_text(item, "country"))
    for item in _items(element, "citizenshipList", "citizenship"):
        add_nationality(draft, child_text(item, "country"), "citizenship")
    for address in _items(element, "addressList", "address"):
        parts = (
            "address1",
            "address2",
            "address3",
            "city",
            "stateOrProvince",
            "postalCode",
            "country",
        )
        draft.add_text(draft.addresses, [joined(*(child_text(address, p) for p in parts))])
        add_country(draft, child_text(address, "country"))
    draft.add_text(draft.notes, [get("remarks")])
    draft.authority = AUTHORITY
    return draft
