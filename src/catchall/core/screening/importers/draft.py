"""A mutable entity under construction, shared by all readers.

Readers pour raw values in; the draft cleans them, drops bad values with a note, and only
``finish()`` produces a :class:`ListEntity`. A row that is skipped never reaches ``finish()``,
so no half-parsed entity can leave an importer.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date

from catchall.core.model import ListEntity

from .clean import (
    MAX_NAME_LENGTH,
    MAX_TEXT_LENGTH,
    cap,
    clean_text,
    country_code,
    country_from_name,
)


@dataclass
class Draft:
    id: str
    schema: str
    line: int
    names: list[str] = field(default_factory=list)
    aliases: list[str] = field(default_factory=list)
    weak_aliases: list[str] = field(default_factory=list)
    countries: list[str] = field(default_factory=list)
    addresses: list[str] = field(default_factory=list)
    identifiers: list[str] = field(default_factory=list)
    programs: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    source_url: str | None = None
    authority: str | None = None
    listed_on: date | None = None
    # FollowTheMoney property name -> values (birthDate, nationality, passportNumber, ...).
    properties: dict[str, list[str]] = field(default_factory=dict)
    issues: list[str] = field(default_factory=list)  # fixes to report if the row is kept
    name_too_long: bool = False

    def add_names(self, values: Iterable[object], kind: str = "name") -> None:
        """Add cleaned names to ``names`` (kind "name"), ``aliases`` or ``weak_aliases``."""
        target = {"name": self.names, "alias": self.aliases, "weak alias": self.weak_aliases}[kind]
        for value in values:
            text, changed = clean_text(value)
            if not text:
                continue
            if len(text) > MAX_NAME_LENGTH:
                self.issues.append(
                    f"{kind} of {len(text):,} characters dropped (limit {MAX_NAME_LENGTH})"
                )
                if kind == "name":
                    self.name_too_long = True
                continue
            if changed:
                self.issues.append(f"control characters removed from {kind} {text!r}")
            target.append(text)

    def add_countries(self, values: Iterable[str], *, names_allowed: bool = False) -> None:
        """Add ISO alpha-2 codes; unknown codes are dropped with a note (the row stays)."""
        for value in values:
            if not value or not value.strip():
                continue
            code = country_from_name(value) if names_allowed else country_code(value)
            if code is None:
                self.issues.append(f"unknown country code {value.strip()!r} dropped")
            else:
                self.countries.append(code)

    def add_text(self, target: list[str], values: Iterable[object]) -> None:
        for value in values:
            text, _ = clean_text(value)
            if text:
                target.append(cap(text))

    def add_prop(self, prop: str, values: Iterable[object]) -> None:
        """Keep cleaned values under a FollowTheMoney property name (see docs/list-formats.md)."""
        for value in values:
            text, _ = clean_text(value)
            if text:
                self.properties.setdefault(prop, []).append(cap(text))

    def problem(self) -> str | None:
        """Why this draft cannot become an entity, or ``None``."""
        if self.names:
            return None
        if self.name_too_long:
            return f"name longer than {MAX_NAME_LENGTH} characters"
        return "no name"

    def finish(self, list_name: str) -> ListEntity:
        name = self.names[0]
        strong = _unique([*self.names[1:], *self.aliases], exclude={name})
        weak = _unique(self.weak_aliases, exclude={name, *strong})
        notes = cap(" | ".join(_unique(self.notes)), MAX_TEXT_LENGTH) or None
        return ListEntity(
            id=self.id,
            schema=self.schema,
            name=name,
            list_name=list_name,
            aliases=strong,
            weak_aliases=weak,
            countries=_unique(self.countries),
            addresses=_unique(self.addresses),
            identifiers=_unique(self.identifiers),
            programs=_unique(self.programs),
            source_url=self.source_url,
            authority=self.authority,
            listed_on=self.listed_on,
            notes=notes,
            properties={
                key: _unique(values) for key, values in sorted(self.properties.items()) if values
            },
        )


def admit(out, drafts: dict[str, Draft], draft: Draft, line: int, id_name: str) -> None:
    """Keep a finished record, or report why not: a record without a name, or one whose id
    (the list's ``id_name`` field) came earlier, is skipped with its line; warnings are kept."""
    problem = draft.problem()
    if problem:
        out.skip(line, problem, f"record skipped: {problem}", draft.id)
        return
    if draft.id in drafts:
        first = drafts[draft.id].line
        out.skip(
            line,
            "duplicate id",
            f"duplicate {id_name}, first seen at line {first}; skipped",
            draft.id,
        )
        return
    for issue in draft.issues:
        out.warn(line, issue, draft.id)
    drafts[draft.id] = draft


def pop_all(drafts: dict[str, Draft]) -> Iterator[Draft]:
    """The drafts in insertion order, each removed as it is handed out, so that a draft and
    its finished entity are not both held for a whole list."""
    for key in list(drafts):
        yield drafts.pop(key)


def finish_all(drafts: dict[str, Draft], list_name: str) -> list[ListEntity]:
    return [draft.finish(list_name) for draft in pop_all(drafts)]


def _unique(
    values: Iterable[str], exclude: set[str] | frozenset[str] = frozenset()
) -> tuple[str, ...]:
    """Values in first-seen order without repeats or excluded values."""
    seen = set(exclude)
    out = []
    for value in values:
        if value and value not in seen:
            seen.add(value)
            out.append(value)
    return tuple(out)
