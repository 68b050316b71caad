"""Bench-only reader of official lists that publish names in two scripts (UN XML, UK ConList CSV).

Pulls, per listed entity: its id, schema, Latin names (primary and aliases), original-script
names, dates of birth, nationalities and document numbers — just enough for the native-script
benchmark (bench/screening_native.py). It is deliberately small and is not the product's
importer: once the official-format importers (catchall.core.screening.importers, UN and UK)
land, this module should be replaced by them so that the benchmark reads lists the way the
product does.

XML is parsed with lxml and entity resolution, DTD loading and network access switched off.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

# Countries named in the UN and UK files, as ISO codes (only those the benchmark needs to read
# nationalities: unknown names are kept out rather than guessed).
_COUNTRY_NAMES = {
    "afghanistan": "AF",
    "algeria": "DZ",
    "bahrain": "BH",
    "bosnia and herzegovina": "BA",
    "democratic people's republic of korea": "KP",
    "egypt": "EG",
    "france": "FR",
    "india": "IN",
    "indonesia": "ID",
    "iran": "IR",
    "iran (islamic republic of)": "IR",
    "iraq": "IQ",
    "jordan": "JO",
    "kuwait": "KW",
    "lebanon": "LB",
    "libya": "LY",
    "malaysia": "MY",
    "mali": "ML",
    "mauritania": "MR",
    "morocco": "MA",
    "niger": "NE",
    "nigeria": "NG",
    "pakistan": "PK",
    "philippines": "PH",
    "qatar": "QA",
    "russia": "RU",
    "russian federation": "RU",
    "saudi arabia": "SA",
    "somalia": "SO",
    "sudan": "SD",
    "syria": "SY",
    "syrian arab republic": "SY",
    "tunisia": "TN",
    "turkey": "TR",
    "türkiye": "TR",
    "ukraine": "UA",
    "united kingdom": "GB",
    "yemen": "YE",
    "belarus": "BY",
    "china": "CN",
    "north korea": "KP",
}

_UN_REF = re.compile(r"\(UN Ref\):\s*([A-Za-z]{2,4}\.\d+)")


@dataclass
class ListedEntity:
    id: str
    schema: str  # "Person" or "Organization"
    names: list[str] = field(default_factory=list)  # Latin: primary first, then aliases
    weak: list[str] = field(default_factory=list)  # low-quality aliases
    native: list[str] = field(default_factory=list)  # original-script names
    birth_dates: list[str] = field(default_factory=list)  # "1964-07-17", "1964", "1960..1965"
    nationalities: list[str] = field(default_factory=list)  # ISO alpha-2
    documents: list[str] = field(default_factory=list)  # passport / id numbers
    un_ref: str = ""  # the UN reference number (QDi.012): the same target on both lists


def _country(text: str) -> str | None:
    return _COUNTRY_NAMES.get(" ".join(text.lower().split()))


def _text(el, tag: str) -> str:
    child = el.find(tag)
    return " ".join((child.text or "").split()) if child is not None and child.text else ""


def read_un(path: Path) -> list[ListedEntity]:
    """Individuals and entities of the UN Security Council Consolidated List XML."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    root = etree.parse(str(path), parser).getroot()
    out: list[ListedEntity] = []
    for el in root.iter("INDIVIDUAL", "ENTITY"):
        person = el.tag == "INDIVIDUAL"
        e = ListedEntity(
            id=f"un-{_text(el, 'DATAID')}", schema="Person" if person else "Organization"
        )
        parts = [_text(el, t) for t in ("FIRST_NAME", "SECOND_NAME", "THIRD_NAME", "FOURTH_NAME")]
        primary = " ".join(p for p in parts if p)
        if not primary:
            continue
        e.names.append(primary)
        e.un_ref = _text(el, "REFERENCE_NUMBER").upper()
        for alias in el.iter("INDIVIDUAL_ALIAS", "ENTITY_ALIAS"):
            name = _text(alias, "ALIAS_NAME")
            if not name:
                continue
            (e.weak if _text(alias, "QUALITY").lower() == "low" else e.names).append(name)
        native = _text(el, "NAME_ORIGINAL_SCRIPT")
        if native:
            e.native.append(native)
        for value in el.iterfind("NATIONALITY/VALUE"):
            code = _country(value.text or "")
            if code:
                e.nationalities.append(code)
        for dob in el.iter("INDIVIDUAL_DATE_OF_BIRTH"):
            if _text(dob, "DATE"):
                e.birth_dates.append(_text(dob, "DATE")[:10])
            elif _text(dob, "YEAR"):
                e.birth_dates.append(_text(dob, "YEAR"))
            elif _text(dob, "FROM_YEAR") and _text(dob, "TO_YEAR"):
                e.birth_dates.append(f"{_text(dob, 'FROM_YEAR')}..{_text(dob, 'TO_YEAR')}")
        for doc in el.iter("INDIVIDUAL_DOCUMENT"):
            number = _text(doc, "NUMBER")
            if number:
                e.documents.append(number)
        out.append(e)
    return out


def _uk_date(text: str) -> str | None:
    """ConList DOB: dd/mm/yyyy with 00 for unknown parts, or a bare year."""
    text = text.strip()
    if len(text) == 4 and text.isdigit():
        return text
    parts = text.split("/")
    if len(parts) != 3 or not all(p.isdigit() for p in parts) or parts[2] == "0000":
        return None
    day, month, year = parts
    if day == "00" or month == "00":
        return year
    return f"{year}-{month}-{day}"


def read_uk(path: Path) -> list[ListedEntity]:
    """Groups of the UK OFSI ConList CSV (one row per name variation)."""
    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    header = rows[1]
    col = {name: i for i, name in enumerate(header)}
    groups: dict[str, ListedEntity] = {}
    for row in rows[2:]:
        if len(row) < len(header):
            continue
        gid = row[col["Group ID"]]
        schema = "Person" if row[col["Group Type"]] == "Individual" else "Organization"
        e = groups.setdefault(gid, ListedEntity(id=f"uk-{gid}", schema=schema))
        given = [row[col[f"Name {i}"]] for i in range(1, 6)]
        name = " ".join(p for p in [*given, row[col["Name 6"]]] if p.strip())
        if name:
            if row[col["Alias Quality"]].strip().lower() == "low":
                e.weak.append(name)
            elif row[col["Alias Type"]] == "Primary name":
                e.names.insert(0, name)
            else:
                e.names.append(name)
        ref = _UN_REF.search(row[col["Other Information"]])
        if ref:
            e.un_ref = ref.group(1).upper()
        native = " ".join(row[col["Name Non-Latin Script"]].split())
        if native and native not in e.native:
            e.native.append(native)
        dob = _uk_date(row[col["DOB"]])
        if dob and dob not in e.birth_dates:
            e.birth_dates.append(dob)
        for country in row[col["Nationality"]].replace(")", "").split("("):
            code = _country(country.strip(" ,.12"))
            if code and code not in e.nationalities:
                e.nationalities.append(code)
        passport = row[col["Passport Number"]].strip()
        if passport and passport not in e.documents:
            e.documents.append(passport)
    return [e for e in groups.values() if e.names]
