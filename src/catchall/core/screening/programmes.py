"""Sanctions programme codes in words (data/screening/programmes.yaml).

List entries carry the codes their publisher uses ("NPWMD", "DPRK", "PRK", "Iran (Nuclear)",
"topic:sanction"); an officer needs the programme's name, its legal basis and whether it is
about weapons of mass destruction or missiles. The same code can mean different programmes
under different authorities (OFAC's "DPRK" tag and the UN's "DPRK" list), so a code is looked
up under the authority its list or entry names first. A code nobody described is shown as it
is, never dropped.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache, cached_property
from importlib import resources
from pathlib import Path
from typing import Any, NamedTuple

from catchall.core.errors import InputError
from catchall.core.yaml_limits import load_bounded_yaml

FORMAT = "catchall-programmes/1"
_RESOURCE = ("data", "screening", "programmes.yaml")
_FIELDS = ("name", "basis", "proliferation", "source", "verified", "checked_in", "aliases", "note")


class ProgrammeFileError(ValueError):
    """The programmes file cannot be used; the message names the entry and the problem."""


class Programme(NamedTuple):
    """What a code means: the first five fields answer the officer's questions."""

    name: str
    basis: str
    source: str  # the defining page's title and address, "" for an unknown code
    verified: bool
    proliferation: bool
    code: str  # the code as the data file spells it (or as given, when unknown)
    authority: str  # the authority's short label, "" when unknown
    known: bool = True
    quote_code: bool = False

    @property
    def words(self) -> str:
        """ "Non-proliferation of weapons of mass destruction (US OFAC NPWMD, Executive Order
        13382)"; an unknown code: "programme ‘XYZ’"."""
        if not self.known:
            return f"programme ‘{self.code}’"
        code = f"‘{self.code}’" if self.quote_code else self.code
        return f"{self.name} ({self.authority} {code}, {self.basis})"


@dataclass(frozen=True)
class _Authority:
    key: str
    label: str
    quote_code: bool
    words: tuple[str, ...]


@dataclass(frozen=True)
class ProgrammeTable:
    authorities: dict[str, _Authority]
    lists: dict[str, tuple[str, ...]]
    # (authority, code or alias with single spaces) → Programme, and the same case-folded
    exact: dict[tuple[str, str], Programme]
    entries: dict[tuple[str, str], Programme]

    def authorities_named(self, context: str) -> list[str]:
        """The authorities a list name, list title or entry's authority text names, in the
        order they appear (a packaged list's declared order first)."""
        text = f" {_words(context)} "
        found: list[str] = []
        for name, order in self.lists.items():
            if f" {_words(name)} " in text:
                found.extend(order)
        positions = []
        for key, authority in self.authorities.items():
            hits = [text.find(f" {w} ") for w in authority.words if f" {w} " in text]
            if hits:
                positions.append((min(hits), key))
        found.extend(key for _, key in sorted(positions))
        return list(dict.fromkeys(found))

    @cached_property
    def _unique(self) -> dict[str, Programme]:
        """Codes (case-folded) that one programme alone answers to, whatever the authority:
        worked out once, not by a pass over every entry for each code looked up."""
        seen: dict[str, set[Programme]] = {}
        for (_, key), programme in self.entries.items():
            seen.setdefault(key, set()).add(programme)
        return {key: next(iter(found)) for key, found in seen.items() if len(found) == 1}

    def lookup(self, code: str, context: str = "") -> Programme:
        return self.lookup_under(code, self.authorities_named(context))

    def lookup_under(self, code: str, named: list[str]) -> Programme:
        """:meth:`lookup` with the authorities the context names already worked out."""
        spaced, key = " ".join(code.split()), _normal(code)
        # The spelling as written first: the UN's "Iran" list is not OFAC's "IRAN" tag.
        for table, wanted in ((self.exact, spaced), (self.entries, key)):
            for authority in named:
                hit = table.get((authority, wanted))
                if hit:
                    return hit
        # A code only one authority uses needs no context (NPWMD, "topic:sanction").
        only = self._unique.get(key)
        if only is not None:
            return only
        return Programme(code, "", "", False, False, code, "", known=False)


def programme_words(code: str, list_name_or_authority: str = "") -> Programme:
    """What a programme code means, looked up under the authority the second argument names
    (a list name or title, or an entry's authority such as "US Office of Foreign Assets
    Control"). Unpack ``name, basis, source, verified, proliferation = result[:5]``; an
    unknown code comes back with ``known`` false and its words "programme ‘XYZ’"."""
    return _table().lookup(code, list_name_or_authority)


def programmes_in_words(codes: Iterable[str], context: str = "") -> list[Programme]:
    """Each code in words, a programme named twice (its code and its basis) shown once."""
    table = _table()
    named = table.authorities_named(context)  # once for all the codes of one entry
    out: dict[Any, Programme] = {}
    for code in codes:
        found = table.lookup_under(code, named)
        out.setdefault(found if found.known else ("?", code), found)
    return list(out.values())


@cache
def _table() -> ProgrammeTable:
    text = resources.files("catchall").joinpath(*_RESOURCE).read_text(encoding="utf-8")
    return parse_programmes(text, "/".join(_RESOURCE))


def load_programmes(path: str | Path) -> ProgrammeTable:
    """Read and check a programmes file (for tests and for an authority's own copy)."""
    return parse_programmes(Path(path).read_text(encoding="utf-8"), str(path))


def parse_programmes(text: str, where: str = "programmes file") -> ProgrammeTable:
    """Check the whole file and build the table; the first fault raises ProgrammeFileError
    naming the entry (``programmes.ofac.NPWMD``) and what is wrong with it."""
    try:
        raw = load_bounded_yaml(text, where)
    except InputError as e:
        raise ProgrammeFileError(f"{where}: not valid YAML ({e.problems[0].message})") from e
    if not isinstance(raw, dict) or raw.get("format") != FORMAT:
        raise ProgrammeFileError(f"{where}: 'format' must be {FORMAT!r}")
    sources = _mapping(raw, "sources", where)
    titles = {}
    for key, source in sources.items():
        if not isinstance(source, dict) or not _text(source.get("title")):
            raise ProgrammeFileError(f"{where}: sources.{key} needs a 'title'")
        url = source.get("url") or ""
        titles[key] = f"{source['title']} ({url})" if url else str(source["title"])
    authorities = {}
    for key, a in _mapping(raw, "authorities", where).items():
        if not isinstance(a, dict) or not _text(a.get("label")):
            raise ProgrammeFileError(f"{where}: authorities.{key} needs a 'label'")
        words = tuple(_words(w) for w in a.get("words") or ())
        authorities[key] = _Authority(key, a["label"], bool(a.get("quote_code")), words)
    lists = {}
    for name, order in (raw.get("lists") or {}).items():
        unknown = [a for a in order or () if a not in authorities]
        if unknown:
            raise ProgrammeFileError(
                f"{where}: lists.{name} names unknown authority {unknown[0]!r}"
            )
        lists[str(name)] = tuple(order)
    entries: dict[tuple[str, str], Programme] = {}
    exact: dict[tuple[str, str], Programme] = {}
    for authority, codes in _mapping(raw, "programmes", where).items():
        if authority not in authorities:
            raise ProgrammeFileError(f"{where}: programmes.{authority} is not an authority")
        if not isinstance(codes, dict):
            raise ProgrammeFileError(f"{where}: programmes.{authority} must map codes to entries")
        for code, entry in codes.items():
            programme = _entry(f"{where}: programmes.{authority}.{code}", str(code), entry,
                               authorities[authority], titles)  # fmt: skip
            for name in (str(code), *(entry.get("aliases") or ())):
                key = (authority, _normal(str(name)))
                if key in entries:
                    raise ProgrammeFileError(
                        f"{where}: programmes.{authority}: {name!r} is given twice"
                    )
                entries[key] = programme
                exact[(authority, " ".join(str(name).split()))] = programme
    return ProgrammeTable(authorities, lists, exact, entries)


def _entry(
    at: str, code: str, entry: Any, authority: _Authority, titles: dict[str, str]
) -> Programme:
    if not isinstance(entry, dict):
        raise ProgrammeFileError(f"{at}: must be a mapping with name, basis, source, ...")
    # An unquoted comma in a one-line entry makes a stray key: say so rather than cut a name.
    stray = sorted(str(k) for k in entry if k not in _FIELDS)
    if stray:
        raise ProgrammeFileError(
            f"{at}: unknown field {stray[0]!r} (fields: {', '.join(_FIELDS)}; quote text "
            "that holds a comma)"
        )
    for field in ("name", "basis"):
        if not _text(entry.get(field)):
            raise ProgrammeFileError(f"{at}: '{field}' is missing or empty")
    for field in ("verified", "proliferation"):
        if not isinstance(entry.get(field), bool):
            raise ProgrammeFileError(f"{at}: '{field}' must be true or false")
    if entry.get("source") not in titles:
        raise ProgrammeFileError(f"{at}: 'source' must be one of the keys under 'sources'")
    if entry["verified"] and not _text(entry.get("checked_in")):
        raise ProgrammeFileError(f"{at}: verified entries must say where ('checked_in')")
    return Programme(
        name=entry["name"],
        basis=entry["basis"],
        source=titles[entry["source"]],
        verified=entry["verified"],
        proliferation=entry["proliferation"],
        code=code,
        authority=authority.label,
        quote_code=authority.quote_code,
    )


def _mapping(raw: dict, key: str, where: str) -> dict:
    value = raw.get(key)
    if not isinstance(value, dict) or not value:
        raise ProgrammeFileError(f"{where}: '{key}' must be a non-empty mapping")
    return value


def _text(value: Any) -> bool:
    return isinstance(value, str) and bool(value.strip())


def _normal(code: str) -> str:
    return " ".join(code.split()).casefold()


def _words(text: str) -> str:
    """Lower-case words separated by single spaces ("un-sc-consolidated" → "un sc
    consolidated"), so an authority's word is found whole."""
    return " ".join(re.findall(r"[^\W_]+", text.casefold()))
