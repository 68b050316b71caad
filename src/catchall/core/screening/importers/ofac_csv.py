"""OFAC's SDN list in its classic CSV form (``sdn.csv``, ``alt.csv``, ``add.csv``) → list entities.

OFAC's classic release is three files without header rows, ``-0-`` for an empty cell, joined
on ``ent_num``:

- ``sdn.csv``: one row per party, twelve columns (``ent_num``, name, type, programs, title,
  call sign, vessel type, tonnage, GRT, vessel flag, vessel owner, remarks). What the XML keeps
  in lists sits in the free-text remarks: ``DOB 10 Dec 1948; POB Giza, Egypt; Passport 1084010
  (Egypt); a.k.a. 'BNC'.`` The remarks are read clause by clause; a clause we do not recognise
  goes to the notes, never lost. The a.k.a.s quoted in the remarks are OFAC's weak AKAs (its
  announcement of 13 June 2012 says the delimited files carry the weak aliases there), so they
  are weak aliases, as the XML's ``category`` weak AKAs are;
- ``alt.csv``: one row per strong alias (``ent_num``, ``alt_num``, ``alt_type`` aka/fka/nka,
  ``alt_name``, ``alt_remarks``): aliases of their party, fka also a previous name;
- ``add.csv``: one row per address (``ent_num``, ``add_num``, street, city/state/postal code,
  country, remarks): the party's addresses and countries.

Alias and address rows are context records of the report; one whose ``ent_num`` is no party
here is reported and dropped. The set arrives as several files or one ZIP: see
:mod:`.ofac_csv_set`.

Ids are ``ofac-<ent_num>``, the same as the XML readers' ``ofac-<uid>``, so one party keeps
its id whichever OFAC file it came from. Individuals' names ("ABBAS, Abu") are turned to the
order the XML gives ("Abu ABBAS"). Vessels and aircraft are out of scope, as in the XML reader.
Field mapping: docs/list-formats.md.
"""

from __future__ import annotations

import csv
import re

from catchall.core.errors import InputError

from .clean import country_from_name
from .draft import Draft, admit, finish_all
from .official import add_birth_date, add_country, add_document, add_nationality, id_property
from .report import PROGRESS_EVERY, Collector, ImportReport, Progress
from .source import Source, csv_records, open_text, strip_bom

AUTHORITY = "US Office of Foreign Assets Control"
COLUMNS = 12
ALT_COLUMNS = 5
ADD_COLUMNS = 6
ALT_TYPES = frozenset({"aka", "fka", "nka"})
EMPTY = "-0-"
_SCHEMA = {"individual": "Person", "": "Organization"}
_NOT_PARTIES = {"vessel": "Vessel", "aircraft": "Aircraft"}
# Remark clauses, in OFAC's own wording ("alt." marks a further value of the same kind).
_ALT = r"(?:alt\.\s+)?"
_AKA = re.compile(r"^(a\.k\.a\.|f\.k\.a\.|n\.k\.a\.)\s+'(.+)'$", re.IGNORECASE)
_DOB = re.compile(rf"^{_ALT}DOB\s+(.+)$")
_POB = re.compile(rf"^{_ALT}POB\s+(.+)$")
_NATIONALITY = re.compile(rf"^{_ALT}(nationality|citizen)\s+(.+)$", re.IGNORECASE)
_GENDER = re.compile(r"^Gender\s+(Male|Female)$", re.IGNORECASE)
_CONTACT = re.compile(rf"^{_ALT}(Website|Email Address|Telephone|Phone Number|Fax)\s+(\S+)$")
# "Passport 1084010 (Egypt) issued 12 Jan 2001 expires 2011": the kind is the words before
# the first token holding a digit; then the number; then a country in brackets.
_DOCUMENT = re.compile(
    rf"^{_ALT}(?P<kind>[A-Za-z][A-Za-z .,'/&-]*?)\s+(?:#\s*)?(?P<number>\S*\d\S*)"
    r"(?:\s+\((?P<country>[^)]*)\))?(?P<rest>.*)$"
)
_DATE_RANGE = re.compile(r"^(\d{4})\s+to\s+(\d{4})$")


def looks_like_sdn_csv(first_line: str) -> bool:
    """True for a first line of ``sdn.csv``: a numeric ent_num and the twelve columns."""
    try:
        row = next(csv.reader([first_line]))
    except (csv.Error, StopIteration):
        return False
    return (
        len(row) == COLUMNS
        and strip_bom(row[0]).strip().isdigit()
        and any(cell.strip() == EMPTY for cell in row)
    )


def looks_like_alt_csv(first_line: str) -> bool:
    """True for a first line of ``alt.csv``: ent_num, alt_num, aka/fka/nka, name, remarks."""
    row = _first_row(first_line)
    return (
        len(row) == ALT_COLUMNS
        and row[0].strip().isdigit()
        and row[1].strip().isdigit()
        and row[2].strip().lower() in ALT_TYPES
    )


def looks_like_add_csv(first_line: str) -> bool:
    """True for a first line of ``add.csv``: ent_num, add_num and four text columns."""
    row = _first_row(first_line)
    return len(row) == ADD_COLUMNS and row[0].strip().isdigit() and row[1].strip().isdigit()


def _first_row(line: str) -> list[str]:
    try:
        return next(csv.reader([strip_bom(line)]))
    except (csv.Error, StopIteration):
        return []


def read_ofac_csv(
    source: Source,
    list_name: str,
    *,
    aliases: Source | None = None,
    addresses: Source | None = None,
    progress: Progress | None = None,
    progress_every: int = PROGRESS_EVERY,
) -> ImportReport:
    """Read ``sdn.csv`` and, when given, its ``alt.csv`` (``aliases``) and ``add.csv``
    (``addresses``)."""
    out = Collector(list_name, "ofac-csv", progress, progress_every)
    drafts: dict[str, Draft] = {}
    not_parties: set[str] = set()
    first = True
    for start, cells in _rows(out, source, ""):
        if len(cells) != COLUMNS:
            if first:
                raise InputError(
                    f"not an OFAC sdn.csv: line {start} has {len(cells)} columns, "
                    f"expected {COLUMNS}",
                    field="file",
                )
            out.skip(start, "wrong column count", f"{len(cells)} columns, expected 12")
            continue
        first = False
        kind = cells[2].lower()
        if kind in _NOT_PARTIES:
            out.out_of_scope(start, _NOT_PARTIES[kind])
            not_parties.add(f"ofac-{cells[0]}")
            continue
        admit(out, drafts, _draft(cells, start, kind), start, "ent_num")
    if aliases is not None:
        for cells, draft in _linked(out, aliases, "alt.csv", ALT_COLUMNS, drafts, not_parties):
            _add_alias(draft, cells)
    if addresses is not None:
        for cells, draft in _linked(out, addresses, "add.csv", ADD_COLUMNS, drafts, not_parties):
            _add_address(draft, cells)
    return out.report(finish_all(drafts, list_name))


def _linked(
    out: Collector,
    source: Source,
    label: str,
    columns: int,
    drafts: dict[str, Draft],
    not_parties: set[str],
):
    """(cells, draft) for each row of a companion file whose ``ent_num`` is a party read
    from ``sdn.csv``; other rows are reported (those of vessels silently dropped)."""
    for start, cells in _rows(out, source, f"{label} "):
        if len(cells) != columns:
            out.skip(
                start,
                f"wrong column count in {label}",
                f"{label}: {len(cells)} columns, expected {columns}; row skipped",
            )
            continue
        out.context()
        key = f"ofac-{cells[0]}"
        if key in not_parties:
            continue
        draft = drafts.get(key)
        if draft is None:
            out.warn(start, f"{label}: ent_num {cells[0]} is not in sdn.csv; row dropped", key)
            continue
        yield cells, draft


def _rows(out: Collector, source: Source, label: str):
    """(line, cells) for each row of one file of the release, each counted as read; an
    unreadable row is skipped with the reader's error, the DOS end-of-file mark is no row."""
    with open_text(source, newline="") as stream:
        for start, _end, row, error in csv_records(csv.reader(stream)):
            if row is None:
                out.record_read()
                out.skip(start, "unreadable row", f"{label}row skipped: {error}")
                continue
            cells = [_cell(c) for c in row]
            if len(cells) == 1 and cells[0] == "\x1a":  # the DOS end-of-file mark OFAC appends
                continue
            out.record_read()
            yield start, cells


def _add_alias(draft: Draft, cells: list[str]) -> None:
    _ent, _num, alt_type, name, remarks = cells
    if draft.schema == "Person":
        name = _natural_order(name)
    draft.add_names([name], "alias")
    if alt_type.lower() == "fka":
        draft.add_prop("previousName", [name])
    if remarks:
        draft.add_text(draft.notes, [f"{name}: {remarks}"])


def _add_address(draft: Draft, cells: list[str]) -> None:
    _ent, _num, street, place, country, remarks = cells
    address = ", ".join(part for part in (street, place, country) if part)
    draft.add_text(draft.addresses, [address])
    if country:
        add_country(draft, country)
    if remarks:
        draft.add_text(draft.notes, [f"{address or country}: {remarks}"])


def _cell(value: str) -> str:
    value = strip_bom(value).strip()
    return "" if value == EMPTY else value


def _draft(cells: list[str], line: int, kind: str) -> Draft:
    ent_num, name, _, programs, title, *_, remarks = cells
    draft = Draft(f"ofac-{ent_num or line}", _SCHEMA.get(kind, "LegalEntity"), line)
    if kind not in _SCHEMA:
        draft.issues.append(f"unknown SDN type {cells[2]!r}: imported as LegalEntity")
    draft.add_names([_natural_order(name) if kind == "individual" else name])
    draft.add_prop("programId", [ent_num])
    draft.add_prop("title", [title])
    for program in re.split(r"\]\s*\[", programs.strip("[]")):
        if program.strip():
            draft.programs.append(program.strip())
            draft.add_prop("program", [program.strip()])
    for clause in _clauses(remarks):
        _read_clause(draft, clause)
    draft.authority = AUTHORITY
    return draft


def _natural_order(name: str) -> str:
    """ "ABBAS, Abu" → "Abu ABBAS"; a name with no comma or several is left as written."""
    parts = [p.strip() for p in name.split(",")]
    if len(parts) == 2 and all(parts):
        return f"{parts[1]} {parts[0]}"
    return name


def _clauses(remarks: str) -> list[str]:
    """The remarks split at semicolons, each without its final full stop (OFAC puts no
    semicolon inside a clause; apostrophes in names rule out tracking quotes)."""
    return [c.strip().removesuffix(".").strip() for c in remarks.split(";") if c.strip()]


def _read_clause(draft: Draft, clause: str) -> None:
    if match := _AKA.match(clause):
        marker, alias = match.group(1).lower(), match.group(2).strip()
        draft.add_names([alias], "weak alias")
        if marker == "f.k.a.":
            draft.add_prop("previousName", [alias])
    elif match := _DOB.match(clause):
        value = match.group(1).strip()
        if span := _DATE_RANGE.match(value):  # "1938 to 1940": each year is a possibility
            for year in range(int(span.group(1)), int(span.group(2)) + 1):
                add_birth_date(draft, str(year))
        else:
            add_birth_date(draft, value.removeprefix("circa ").strip())
    elif match := _POB.match(clause):
        place = match.group(1).strip()
        draft.add_prop("birthPlace", [place])
        code = country_from_name(place.rsplit(",", 1)[-1].strip())
        if code:
            draft.countries.append(code)
    elif match := _NATIONALITY.match(clause):
        prop = "citizenship" if match.group(1).lower() == "citizen" else "nationality"
        add_nationality(draft, match.group(2), prop)
    elif match := _GENDER.match(clause):
        draft.add_prop("gender", [match.group(1).lower()])
    elif match := _CONTACT.match(clause):
        add_document(draft, match.group(1), match.group(2))
    elif (match := _DOCUMENT.match(clause)) and _is_document(kind := _kind(match.group("kind"))):
        country = (match.group("country") or "").strip()
        add_document(
            draft,
            kind,
            match.group("number").rstrip(",;"),
            country=country,
            details=match.group("rest").strip(" ;,"),
        )
        code = country_from_name(country) if country else None
        if code:
            draft.countries.append(code)
    else:
        draft.add_text(draft.notes, [clause])


def _kind(text: str) -> str:
    """ "R.F.C." → "RFC", "D.N.I." → "DNI": the abbreviations as the identifier table knows them."""
    return re.sub(r"\b([A-Z])\.", r"\1", text).strip()


def _is_document(kind: str) -> bool:
    return id_property(kind) is not None and not kind.lower().startswith(("linked", "additional"))
