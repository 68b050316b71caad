"""The official lists that publish names in two scripts (UN XML, UK ConList CSV), read by the
product's own importers (catchall.core.screening.importers) and split for the native-script
benchmark (bench/screening_native.py): Latin names on one side, original-script names on the
other, so the benchmark can index the first and query with the second.

A name is "native" when it holds no Latin letter (the importers keep original-script names as
aliases of their entity). The UN reference number links a UN entry to the UK's entry for the
same target (the UK list cites it as "(UN Ref):QDi.012").
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from catchall.core.model import ListEntity
from catchall.core.screening.importers import read_list

_UN_REF = re.compile(r"\(UN Ref\):\s*([A-Za-z]{2,4}\.\d+)")


@dataclass
class ListedEntity:
    id: str
    schema: str  # "Person" or "Organization"
    names: list[str] = field(default_factory=list)  # Latin: primary first, then aliases
    weak: list[str] = field(default_factory=list)  # low-quality aliases
    native: list[str] = field(default_factory=list)  # original-script names
    native_weak: list[str] = field(default_factory=list)  # ... the list's low-quality ones
    birth_dates: list[str] = field(default_factory=list)  # "1964-07-17", "1964", "1960..1965"
    nationalities: list[str] = field(default_factory=list)  # ISO alpha-2
    documents: list[str] = field(default_factory=list)  # passport / id numbers
    un_ref: str = ""  # the UN reference number (QDi.012): the same target on both lists


def is_latin(name: str) -> bool:
    """True if any letter of the name is in the Latin script (é, ł and ş included)."""
    return any(ch.isalpha() and unicodedata.name(ch, "").startswith("LATIN") for ch in name)


def listed(entity: ListEntity) -> ListedEntity:
    """An imported entity split into Latin and original-script names."""
    props = entity.properties
    names = [n for n in (entity.name, *entity.aliases) if is_latin(n)]
    native = [n for n in (entity.name, *entity.aliases) if not is_latin(n)]
    ref = (props.get("unscId") or ("",))[0]
    if not ref and (found := _UN_REF.search(entity.notes or "")):
        ref = found.group(1)
    return ListedEntity(
        id=entity.id,
        schema="Person" if entity.schema == "Person" else "Organization",
        names=names,
        weak=[n for n in entity.weak_aliases if is_latin(n)],
        native=native,
        native_weak=[n for n in entity.weak_aliases if not is_latin(n)],
        birth_dates=list(props.get("birthDate", ())),
        nationalities=list(props.get("nationality", ())),
        documents=list(entity.identifiers),
        un_ref=ref.upper(),
    )


def read_official(path: Path, list_name: str) -> list[ListedEntity]:
    """Every party of an official list file with at least one Latin name."""
    report = read_list(path, None, list_name)
    return [e for e in (listed(x) for x in report.entities) if e.names]


def read_un(path: Path) -> list[ListedEntity]:
    return read_official(path, "un")


def read_uk(path: Path) -> list[ListedEntity]:
    return read_official(path, "uk")
