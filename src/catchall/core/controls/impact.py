"""Licensing impact of a list change: re-classify stored items under the old and new version.

Briefings must say what a change does to real licensing work: which items become controlled,
which are decontrolled, which move to another entry, and which open cases need a second look.
Each version is classified on its own (a one-list library at the version's effective date), so
the comparison isolates the change and does not depend on what else is in force.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from catchall.core.controls.classifier import classify
from catchall.core.controls.lists import Library, ListVersion
from catchall.core.errors import InputError
from catchall.core.items import parse_item

OUTCOMES = ("became_controlled", "decontrolled", "entry_changed", "unchanged", "invalid")


@dataclass
class ItemImpact:
    source: str  # e.g. "case 2008-014, line 1" (never paragraph text)
    description: str
    kind: str
    outcome: str  # one of OUTCOMES
    old_entries: list[str]
    new_entries: list[str]
    open_case: bool
    warnings: list[str] = field(default_factory=list)
    problem: str = ""

    def as_dict(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "description": self.description,
            "kind": self.kind,
            "outcome": self.outcome,
            "old_entries": self.old_entries,
            "new_entries": self.new_entries,
            "open_case": self.open_case,
            "warnings": self.warnings,
            "problem": self.problem,
        }


@dataclass
class ImpactReport:
    old_key: str
    new_key: str
    items: list[ItemImpact]

    def of(self, outcome: str) -> list[ItemImpact]:
        return [i for i in self.items if i.outcome == outcome]

    @property
    def affected(self) -> list[ItemImpact]:
        return [i for i in self.items if i.outcome in OUTCOMES[:3]]

    @property
    def open_cases_affected(self) -> list[str]:
        return sorted({i.source for i in self.affected if i.open_case})

    def counts(self) -> dict[str, int]:
        return {o: len(self.of(o)) for o in OUTCOMES}

    def as_dict(self) -> dict[str, Any]:
        return {
            "old": self.old_key,
            "new": self.new_key,
            "counts": self.counts(),
            "open_cases_affected": self.open_cases_affected,
            "items": [i.as_dict() for i in self.items],
        }


def _entries(version: ListVersion, item) -> tuple[list[str], list[str]]:
    c = classify(item, at=version.effective_date, library=Library([version]))
    return sorted(h.entry.id for h in c.entries), c.warnings


def outcome_of(old: list[str], new: list[str]) -> str:
    if not old and new:
        return "became_controlled"
    if old and not new:
        return "decontrolled"
    if old != new:
        return "entry_changed"
    return "unchanged"


def licensing_impact(
    old: ListVersion,
    new: ListVersion,
    items: Iterable[tuple[str, dict[str, Any], bool]],
) -> ImpactReport:
    """Classify every (source label, item document, is open case) under both versions.

    An item that no longer parses (the vocabulary moved on) is reported as ``invalid`` with
    its problem instead of aborting the whole report.
    """
    if old.list != new.list:
        raise InputError(
            f"compare two versions of one list, not {old.list} and {new.list}", "versions"
        )
    out: list[ItemImpact] = []
    for source, doc, open_case in items:
        try:
            item = parse_item(doc)
        except InputError as exc:
            desc = doc.get("description", "") if isinstance(doc, dict) else ""
            kind = doc.get("kind", "") if isinstance(doc, dict) else ""
            out.append(
                ItemImpact(
                    source, str(desc), str(kind), "invalid", [], [], open_case, problem=str(exc)
                )
            )
            continue
        before, w1 = _entries(old, item)
        after, w2 = _entries(new, item)
        out.append(
            ItemImpact(
                source,
                item.description,
                item.kind,
                outcome_of(before, after),
                before,
                after,
                open_case,
                sorted(set(w1) | set(w2)),
            )
        )
    return ImpactReport(old.key, new.key, out)
