"""What changed between two versions of one list, for the replace-list confirmation and audit."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, fields

from catchall.core.model import ListEntity

# Fields whose order carries no meaning: a reordered alias list is not a change.
_UNORDERED = frozenset(
    {"aliases", "weak_aliases", "countries", "addresses", "identifiers", "programs"}
)
_COMPARED = tuple(f.name for f in fields(ListEntity) if f.name not in ("id", "list_name"))


@dataclass(frozen=True)
class EntityDiff:
    added: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    changed: list[tuple[str, tuple[str, ...]]] = field(default_factory=list)  # (id, fields)

    @property
    def unchanged(self) -> bool:
        return not (self.added or self.removed or self.changed)

    def summary(self) -> str:
        return f"{len(self.added)} added, {len(self.removed)} removed, {len(self.changed)} changed"


def diff_entities(old: Iterable[ListEntity], new: Iterable[ListEntity]) -> EntityDiff:
    """Compare by id; ids are sorted so the result is stable for audit records."""
    before = _by_id(old)
    after = _by_id(new)
    changed = []
    for entity_id in sorted(before.keys() & after.keys()):
        fields_changed = _changed_fields(before[entity_id], after[entity_id])
        if fields_changed:
            changed.append((entity_id, fields_changed))
    return EntityDiff(
        added=sorted(after.keys() - before.keys()),
        removed=sorted(before.keys() - after.keys()),
        changed=changed,
    )


def _by_id(entities: Iterable[ListEntity]) -> dict[str, ListEntity]:
    out: dict[str, ListEntity] = {}
    for entity in entities:
        out.setdefault(entity.id, entity)  # the first wins, as in the importers
    return out


def _changed_fields(a: ListEntity, b: ListEntity) -> tuple[str, ...]:
    changed = []
    for name in _COMPARED:
        x, y = getattr(a, name), getattr(b, name)
        if name in _UNORDERED:
            x, y = sorted(x), sorted(y)
        if x != y:
            changed.append(name)
    return tuple(changed)
