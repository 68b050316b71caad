"""Control lists as data: entries, list versions, and the library of packaged lists.

Each YAML file under ``catchall/data/controls/<list>/`` is one version of one list; a version
may extend an earlier one (replace / add / remove entries). A version may have a companion
``<version>.text.json`` with the official text of every entry and sub-item of the list (made by
scripts/parse_dual_use_list.py): entries we rate by criteria gain their official text, the
others become text-only entries, which the classifier never rates. See
docs/control-list-format.md.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field, replace
from functools import cache, cached_property
from importlib import resources
from typing import Any

import yaml

from catchall.core.controls.criteria import Group, _Ids, parse_criteria
from catchall.core.errors import InputError, NotFound
from catchall.core.vocabulary import vocabulary

# WA Wassenaar, MTCR, NSG Nuclear Suppliers Group, AG Australia Group, CWC Chemical Weapons
# Convention (the last two only on text-only entries of the EU list: 3xx and 4xx numbers).
REGIMES = ("WA", "MTCR", "NSG", "AG", "CWC")
CATEGORIES = ("I", "II")


@dataclass(frozen=True)
class Exclusion:
    id: str
    text: str
    criteria: Group


@dataclass(frozen=True)
class Review:
    text: str
    when: Group


@dataclass(frozen=True)
class Pairing:
    """An MTCR item an entry carries only for some of the items it catches: 2B009 is MTCR 3.B.3
    for flow-forming machines but not for pure spin-forming ones; a 2B004 press is 6.B.3 when it
    also meets 2B104's figures. ``kinds`` (if any) and ``when`` (if any) must both hold."""

    mtcr_item: str
    mtcr_category: str | None
    when: Group
    kinds: tuple[str, ...] = ()
    basis: str = ""


@dataclass(frozen=True)
class Entry:
    id: str
    regime: str
    title: str
    kinds: tuple[str, ...]
    criteria: Group
    reasons: tuple[str, ...] = ()
    mtcr_item: str | None = None
    mtcr_category: str | None = None
    not_in: tuple[str, ...] = ()
    exclusions: tuple[Exclusion, ...] = ()
    review: tuple[Review, ...] = ()
    production_facility: bool = False
    source: dict[str, Any] = field(default_factory=dict)
    notes: str = ""
    pairings: tuple[Pairing, ...] = ()
    raw: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)
    # The official wording of the entry (its own paragraph), and what the parser of the official
    # text found about it: parent, children, notes, quoted terms, cited lines.
    text: str = ""
    official: dict[str, Any] | None = field(default=None, compare=False, repr=False)

    @property
    def rated(self) -> bool:
        """Whether the classifier can rate items against this entry (it has item kinds and
        criteria); a text-only entry carries the official wording and nothing to evaluate."""
        return bool(self.kinds)

    def applies_to(self, kinds: tuple[str, ...]) -> bool:
        return any(k == e or k.startswith(e + ".") for k in kinds for e in self.kinds)

    def as_data(self) -> dict[str, Any]:
        """The entry as data for ``controls show --json`` and the API: the list data as written,
        with the official text and its structure when the list has them."""
        out = {**self.raw, "rated": self.rated}
        if self.official is not None:
            out["official_text"] = {"text": self.text, **self.official}
        return out


@dataclass(frozen=True)
class ListVersion:
    list: str
    title: str
    version: str
    effective_date: dt.date
    entries: dict[str, Entry]
    source: dict[str, Any] = field(default_factory=dict)
    extends: str | None = None
    changes: tuple[dict[str, Any], ...] = ()

    @property
    def key(self) -> str:
        return f"{self.list}@{self.version}"

    @cached_property
    def rated_entries(self) -> tuple[Entry, ...]:
        """The entries the classifier evaluates (text-only entries left out once, here)."""
        return tuple(e for e in self.entries.values() if e.rated)


ENTRY_KEYS = {
    "id",
    "regime",
    "reasons",
    "mtcr_item",
    "mtcr_category",
    "mtcr_pairings",
    "title",
    "kinds",
    "not_in",
    "criteria",
    "exclusions",
    "review",
    "production_facility",
    "source",
    "notes",
    "text",
}
PAIRING_KEYS = {"mtcr_item", "mtcr_category", "kinds", "when", "basis"}
VERSION_KEYS = {
    "list",
    "title",
    "version",
    "effective_date",
    "source",
    "extends",
    "replace",
    "add",
    "remove",
    "entries",
    "changes",
    "notes",
}


def parse_entry(raw: Any, where: str) -> Entry:
    """Validate one entry of list data; errors name the entry."""
    if not isinstance(raw, dict) or "id" not in raw:
        raise InputError("an entry must be a mapping with an id", where)
    eid = str(raw["id"])
    where = f"{where}[{eid}]"
    unknown = sorted(set(raw) - ENTRY_KEYS)
    if unknown:
        raise InputError(f"unknown key(s) {', '.join(map(str, unknown))}", where)
    regime = raw.get("regime")
    if regime not in REGIMES:
        raise InputError(f"regime must be one of {', '.join(REGIMES)}", f"{where}.regime")
    cat = raw.get("mtcr_category")
    if cat is not None:
        cat = str(cat)
        if cat not in CATEGORIES:
            raise InputError("mtcr_category must be I or II", f"{where}.mtcr_category")
    kinds = tuple(raw.get("kinds") or ())
    known = vocabulary().kinds
    for k in kinds:
        if k not in known:
            raise InputError(f"unknown kind {k!r}", f"{where}.kinds")
    text = str(raw.get("text") or "").strip()
    if not kinds and not (text and not raw.get("criteria")):
        raise InputError(
            "at least one kind is required (or, for a text-only entry, text and no criteria)",
            f"{where}.kinds",
        )
    ids = _Ids()
    exclusions = tuple(
        Exclusion(
            str(x.get("id", f"exclusion-{i + 1}")),
            str(x.get("text", "")),
            parse_criteria(x.get("criteria"), f"{where}.exclusions[{i}]", ids),
        )
        for i, x in enumerate(raw.get("exclusions") or ())
    )
    review = tuple(
        Review(str(r.get("text", "")), parse_criteria(r.get("when"), f"{where}.review[{i}]", ids))
        for i, r in enumerate(raw.get("review") or ())
    )
    pairings = tuple(
        _parse_pairing(p, f"{where}.mtcr_pairings[{i}]", ids)
        for i, p in enumerate(raw.get("mtcr_pairings") or ())
    )
    if pairings and raw.get("mtcr_item"):
        raise InputError(
            "give either mtcr_item (always paired) or mtcr_pairings (paired when), not both",
            f"{where}.mtcr_pairings",
        )
    source = raw.get("source") or {}
    if not isinstance(source, dict):
        raise InputError("source must be a mapping (document, entry, date)", f"{where}.source")
    return Entry(
        id=eid,
        regime=regime,
        title=str(raw.get("title", "")).strip(),
        kinds=kinds,
        criteria=parse_criteria(raw.get("criteria"), f"{where}.criteria", ids),
        reasons=tuple(raw.get("reasons") or ()),
        mtcr_item=str(raw["mtcr_item"]) if raw.get("mtcr_item") else None,
        mtcr_category=cat,
        not_in=tuple(str(x) for x in raw.get("not_in") or ()),
        exclusions=exclusions,
        review=review,
        production_facility=bool(raw.get("production_facility", False)),
        source={k: (v.isoformat() if isinstance(v, dt.date) else v) for k, v in source.items()},
        notes=str(raw.get("notes", "") or "").strip(),
        raw=raw,
        text=text,
        pairings=pairings,
    )


def _parse_pairing(raw: Any, where: str, ids: _Ids) -> Pairing:
    if not isinstance(raw, dict) or not raw.get("mtcr_item"):
        raise InputError("a pairing must be a mapping with an mtcr_item", where)
    unknown = sorted(set(raw) - PAIRING_KEYS)
    if unknown:
        raise InputError(f"unknown key(s) {', '.join(map(str, unknown))}", where)
    cat = raw.get("mtcr_category")
    if cat is not None and str(cat) not in CATEGORIES:
        raise InputError("mtcr_category must be I or II", f"{where}.mtcr_category")
    kinds = tuple(raw.get("kinds") or ())
    for k in kinds:
        if k not in vocabulary().kinds:
            raise InputError(f"unknown kind {k!r}", f"{where}.kinds")
    return Pairing(
        mtcr_item=str(raw["mtcr_item"]),
        mtcr_category=None if cat is None else str(cat),
        when=parse_criteria(raw.get("when"), f"{where}.when", ids),
        kinds=kinds,
        basis=" ".join(str(raw.get("basis", "")).split()),
    )


def with_official_text(
    entries: dict[str, Entry], records: list[dict[str, Any]], source: dict[str, Any]
) -> dict[str, Entry]:
    """Entries plus the official text: rated entries keep everything they have and gain the
    text; every other record becomes a text-only entry (no kinds, no criteria). Rated entries
    keep their order (classification output lists them in that order); text-only ones follow
    in the order of the official document."""
    out = dict(entries)
    document = source.get("document", "")
    for rec in records:
        eid = rec["id"]
        official = {k: v for k, v in rec.items() if k not in ("id", "text", "title", "regime")}
        cited = {"document": document, "entry": eid, "lines": rec["lines"]}
        if eid in out:
            out[eid] = replace(out[eid], text=rec["text"], official={**official, "source": cited})
            continue
        raw = {
            "id": eid,
            "regime": rec["regime"],
            "title": rec["title"],
            "text": rec["text"],
            "source": {**cited, "date": source.get("date"), "status": source.get("status")},
        }
        out[eid] = Entry(
            id=eid,
            regime=rec["regime"],
            title=rec["title"],
            kinds=(),
            criteria=parse_criteria(None, eid, _Ids()),
            source=raw["source"],
            raw=raw,
            text=rec["text"],
            official={**official, "source": cited},
        )
    return out


def _as_date(v: Any, where: str) -> dt.date:
    if isinstance(v, dt.date):
        return v
    try:
        return dt.date.fromisoformat(str(v))
    except ValueError:
        raise InputError(f"{v!r} is not a date (YYYY-MM-DD)", where) from None


def parse_version(
    raw: Any,
    where: str,
    base: ListVersion | None = None,
    official: dict[str, Any] | None = None,
) -> ListVersion:
    """Build a list version from its YAML mapping, applying ``extends`` on ``base``;
    ``official`` is the parsed official text of the version (``<version>.text.json``)."""
    if not isinstance(raw, dict):
        raise InputError("a list version must be a mapping", where)
    for key in ("list", "version", "effective_date"):
        if key not in raw:
            raise InputError(f"missing {key}", where)
    unknown = sorted(set(raw) - VERSION_KEYS)
    if unknown:
        raise InputError(f"unknown key(s) {', '.join(map(str, unknown))}", where)
    entries: dict[str, Entry] = {}
    if raw.get("extends"):
        if base is None:
            raise InputError(f"extends {raw['extends']!r}, which is not loaded", where)
        entries = dict(base.entries)
        for rid in raw.get("remove") or ():
            if rid not in entries:
                raise InputError(f"remove: no entry {rid!r} in {base.key}", where)
            del entries[rid]
        for e in raw.get("replace") or ():
            entry = parse_entry(e, f"{where}.replace")
            if entry.id not in entries:
                raise InputError(f"replace: no entry {entry.id!r} in {base.key}", where)
            entries[entry.id] = entry
        for e in raw.get("add") or ():
            entry = parse_entry(e, f"{where}.add")
            if entry.id in entries:
                raise InputError(f"add: entry {entry.id!r} already exists", where)
            entries[entry.id] = entry
    else:
        for e in raw.get("entries") or ():
            entry = parse_entry(e, f"{where}.entries")
            if entry.id in entries:
                raise InputError(f"duplicate entry {entry.id!r}", where)
            entries[entry.id] = entry
    if official is not None:
        entries = with_official_text(
            entries, official.get("entries") or [], official.get("source") or {}
        )
    source = raw.get("source") or {}
    return ListVersion(
        list=str(raw["list"]),
        title=str(raw.get("title", raw["list"])),
        version=str(raw["version"]),
        effective_date=_as_date(raw["effective_date"], f"{where}.effective_date"),
        entries=entries,
        source={k: (v.isoformat() if isinstance(v, dt.date) else v) for k, v in source.items()},
        extends=str(raw["extends"]) if raw.get("extends") else None,
        changes=tuple(raw.get("changes") or ()),
    )


class Library:
    """All versions of all control lists known to the classifier."""

    def __init__(self, versions: list[ListVersion] | None = None):
        self._lists: dict[str, list[ListVersion]] = {}
        for v in versions or ():
            self.add(v)

    def add(self, version: ListVersion) -> None:
        versions = self._lists.setdefault(version.list, [])
        if any(v.version == version.version for v in versions):
            raise InputError(f"{version.key} is already loaded", "version")
        versions.append(version)
        versions.sort(key=lambda v: v.effective_date)

    def load_mapping(
        self, raw: dict, where: str = "file", official: dict[str, Any] | None = None
    ) -> ListVersion:
        base = None
        if isinstance(raw, dict) and raw.get("extends"):
            base = self.version(str(raw.get("list")), str(raw["extends"]))
        version = parse_version(raw, where, base, official)
        self.add(version)
        return version

    @property
    def list_names(self) -> list[str]:
        return sorted(self._lists)

    def versions(self, list_name: str) -> list[ListVersion]:
        if list_name not in self._lists:
            raise NotFound(f"no control list {list_name!r}")
        return list(self._lists[list_name])

    def version(self, list_name: str, version: str) -> ListVersion:
        for v in self.versions(list_name):
            if v.version == version:
                return v
        raise NotFound(f"no version {version!r} of list {list_name!r}")

    def in_force(self, at: dt.date | None = None) -> list[ListVersion]:
        """The version of every list in force on ``at`` (today when None)."""
        at = at or dt.date.today()
        if not self._lists:
            raise InputError("no control lists are loaded", "lists")
        out = []
        for name in self.list_names:
            current = [v for v in self._lists[name] if v.effective_date <= at]
            if current:
                out.append(current[-1])
        if not out:
            earliest = min(v.effective_date for vs in self._lists.values() for v in vs)
            raise InputError(
                f"no control list was in force on {at.isoformat()} (earliest version {earliest.isoformat()})",
                "list_date",
            )
        return out

    def entry_rows(
        self, at: dt.date | None = None, regime: str | None = None
    ) -> list[dict[str, Any]]:
        """One summary row per entry in force (for listings in the CLI, API and pages)."""
        if regime is not None and regime.upper() not in REGIMES:
            raise InputError(f"{regime!r} is not one of {', '.join(REGIMES)}", "regime")
        return [
            {
                "entry": e.id,
                "list": v.list,
                "version": v.version,
                "regime": e.regime,
                "mtcr_item": e.mtcr_item,
                "mtcr_category": e.mtcr_category,
                "title": e.title,
                "rated": e.rated,
            }
            for v in self.in_force(at)
            for e in v.entries.values()
            if regime is None or e.regime == regime.upper()
        ]

    def find_entry(self, entry_id: str, at: dt.date | None = None) -> tuple[ListVersion, Entry]:
        for version in self.in_force(at):
            if entry_id in version.entries:
                return version, version.entries[entry_id]
        raise NotFound(f"no control entry {entry_id!r}")


def _packaged_files() -> list[tuple[str, str, str | None]]:
    """(name, YAML text, official-text JSON or None) for every packaged list version."""
    root = resources.files("catchall") / "data" / "controls"
    found = []
    for d in sorted(root.iterdir(), key=lambda p: p.name):
        if not d.is_dir():
            continue
        for f in sorted(d.iterdir(), key=lambda p: p.name):
            if f.name.endswith((".yaml", ".yml")):
                companion = d / (f.name.rsplit(".", 1)[0] + ".text.json")
                found.append(
                    (
                        f"controls/{d.name}/{f.name}",
                        f.read_text(encoding="utf-8"),
                        companion.read_text(encoding="utf-8") if companion.is_file() else None,
                    )
                )
    return found


@cache
def packaged_library() -> Library:
    """The lists shipped with catchall (versions loaded in date order so ``extends`` resolves)."""
    raws = [
        (name, yaml.safe_load(text), json.loads(official) if official else None)
        for name, text, official in _packaged_files()
    ]
    raws.sort(key=lambda nr: (str(nr[1].get("effective_date")), nr[0]))
    lib = Library()
    for name, raw, official in raws:
        lib.load_mapping(raw, name, official)
    return lib


@cache
def mtcr_items() -> dict[str, dict[str, Any]]:
    """The MTCR Annex item catalogue: number -> {category, title, production_facility}."""
    path = resources.files("catchall") / "data" / "controls" / "mtcr-items.yaml"
    if not path.is_file():
        return {}
    raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return {str(k): v for k, v in (raw.get("items") or {}).items()}
