"""Differences between two versions of a control list, criterion by criterion, with rationale.

Licensing officers and outreach briefings need more than "2B201.a changed": they need the
threshold that moved, in which direction, against which measurement standard, and why (the
``changes:`` block of the newer version's YAML).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from catchall.core.controls.criteria import (
    OPS,
    Banded,
    Compare,
    Group,
    Leaf,
    Match,
    Node,
    _fmt,
    describe,
)
from catchall.core.controls.lists import Entry, ListVersion
from catchall.core.errors import InputError
from catchall.core.redline import changed, ops_text, redline_ops
from catchall.core.vocabulary import vocabulary

# Entry fields compared one by one; the rest (criteria, exclusions, review) get their own walk.
FIELDS = (
    "title",
    "regime",
    "reasons",
    "mtcr_item",
    "mtcr_category",
    "kinds",
    "not_in",
    "production_facility",
    "notes",
)
EDITORIAL = frozenset({"title", "notes"})


def criterion_text(leaf: Leaf) -> str:
    """A criterion in words with its threshold and measurement standard."""
    pdef = vocabulary().parameters[leaf.param]
    if isinstance(leaf, Banded):
        bdef = vocabulary().parameters[leaf.by]
        parts = []
        for b in leaf.bands:
            rng = []
            if b.lower is not None:
                rng.append(f"from {_fmt(bdef, b.lower)}")
            if b.upper is not None:
                rng.append(f"below {_fmt(bdef, b.upper)}")
            parts.append(f"{_fmt(pdef, b.threshold)} ({' '.join(rng) or 'any'})")
        text = f"{leaf.param.replace('_', ' ')} {OPS[leaf.op]} " + "; ".join(parts)
        text += f" by {leaf.by.replace('_', ' ')}"
    else:
        text = describe(leaf)
    if leaf.standard:
        text += f" ({leaf.standard})"
    return text


@dataclass(frozen=True)
class CriterionChange:
    """One criterion added, removed or changed, at a path such as ``criteria[2].any[0]``."""

    path: str
    change: str  # added | removed | changed
    param: str
    label: str
    old: str | None
    new: str | None
    old_standard: str | None = None
    new_standard: str | None = None
    # narrows | widens | restatement (the limit is restated for another edition of its
    # measurement standard, so old and new figures are not comparable) | None (not numeric)
    effect: str | None = None

    def as_dict(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "change": self.change,
            "parameter": self.param,
            "label": self.label,
            "old": self.old,
            "new": self.new,
            "old_standard": self.old_standard,
            "new_standard": self.new_standard,
            "effect": self.effect,
        }


@dataclass(frozen=True)
class FieldChange:
    field: str
    old: Any
    new: Any

    @property
    def editorial(self) -> bool:
        return self.field in EDITORIAL

    def as_dict(self) -> dict[str, Any]:
        return {
            "field": self.field,
            "old": self.old,
            "new": self.new,
            "old_text": field_text(self.old),
            "new_text": field_text(self.new),
        }


def field_text(v: Any) -> str:
    """A field value in words: lists joined, empties as "none"."""
    if isinstance(v, list | tuple):
        return ", ".join(map(str, v)) or "none"
    return "none" if v in (None, "") else str(v)


@dataclass(frozen=True)
class TextChange:
    """The entry's official wording changed: old and new text and the word-level edits.

    ``missing`` names the version that does not give the official text (a hand-written
    replacement without ``text``): then there is nothing to redline and no ``ops``."""

    old: str
    new: str
    ops: tuple[dict[str, str], ...] = ()
    missing: str | None = None

    def as_dict(self) -> dict[str, Any]:
        return {
            "old": self.old,
            "new": self.new,
            "ops": [dict(o) for o in self.ops],
            "missing": self.missing,
        }


def text_change(o: Entry, n: Entry, old_key: str, new_key: str) -> TextChange | None:
    """Word-level redline of the entry's text, or None when only whitespace differs."""
    if not changed(o.text, n.text):
        return None
    if not o.text or not n.text:
        return TextChange(o.text, n.text, missing=new_key if not n.text else old_key)
    return TextChange(o.text, n.text, tuple(redline_ops(o.text, n.text)))


@dataclass
class EntryChange:
    entry: str
    change: str  # added | removed | changed
    title: str
    old_title: str | None = None
    fields: list[FieldChange] = field(default_factory=list)
    criteria: list[CriterionChange] = field(default_factory=list)
    exclusions: list[str] = field(default_factory=list)  # "added gear-machines", ...
    rationale: str = ""
    kinds: tuple[str, ...] = ()
    text: TextChange | None = None
    # our own caveats on the change (``internal:`` in the changes block): never for outreach
    internal: str = ""
    # the entry's official text (added and removed entries, and text-only entries)
    wording: str = ""

    @property
    def substantive(self) -> bool:
        return (
            self.change != "changed"
            or bool(self.text and self.text.ops)
            or bool(self.criteria)
            or bool(self.exclusions)
            or any(not f.editorial for f in self.fields)
        )

    def as_dict(self) -> dict[str, Any]:
        return {
            "entry": self.entry,
            "change": self.change,
            "title": self.title,
            "old_title": self.old_title,
            "kinds": list(self.kinds),
            "substantive": self.substantive,
            "fields": [f.as_dict() for f in self.fields],
            "criteria": [c.as_dict() for c in self.criteria],
            "exclusions": self.exclusions,
            "rationale": self.rationale,
            "internal": self.internal,
            "text": self.text.as_dict() if self.text else None,
            "wording": self.wording,
        }


@dataclass
class ListDiff:
    old: ListVersion
    new: ListVersion
    changes: list[EntryChange]
    general_rationale: list[str] = field(default_factory=list)
    general_internal: list[str] = field(default_factory=list)

    def by_change(self, kind: str) -> list[EntryChange]:
        return [c for c in self.changes if c.change == kind]

    def as_dict(self) -> dict[str, Any]:
        return {
            "old": _version_dict(self.old),
            "new": _version_dict(self.new),
            "summary": {k: len(self.by_change(k)) for k in ("added", "removed", "changed")},
            "changes": [c.as_dict() for c in self.changes],
            "general_rationale": self.general_rationale,
            "general_internal": self.general_internal,
        }


def _version_dict(v: ListVersion) -> dict[str, Any]:
    return {
        "list": v.list,
        "version": v.version,
        "key": v.key,
        "effective_date": v.effective_date.isoformat(),
        "title": v.title,
    }


def _rationales(version: ListVersion, key: str = "rationale") -> tuple[dict[str, str], list[str]]:
    """Per-entry and whole-version texts of the ``changes:`` block under ``key``
    (``rationale`` for everyone, ``internal`` for the authority's own caveats)."""
    per_entry: dict[str, str] = {}
    general: list[str] = []
    for c in version.changes:
        if not isinstance(c, dict):
            continue
        text = " ".join(str(c.get(key, "") or "").split())
        if c.get("entry"):
            eid = str(c["entry"])
            per_entry[eid] = f"{per_entry[eid]} {text}".strip() if eid in per_entry else text
        elif text:
            general.append(text)
    return per_entry, general


def check_order(
    old: ListVersion,
    new: ListVersion,
    old_name: str = "old",
    new_name: str = "new",
) -> None:
    """Refuse a comparison that would report changes that never happened: two lists, one
    version with itself, or the newer version given as the old one (a briefing "from 2024 to
    2022" would tell non-members that the controls added since were removed). The field names
    are the face's own (``old``/``new`` on pages, ``OLD``/``NEW`` on the command line)."""
    if old.list != new.list:
        raise InputError(
            f"compare two versions of one list, not {old.list} and {new.list}", new_name
        )
    if old.version == new.version:
        raise InputError("choose a version other than the old one", new_name)
    if old.effective_date > new.effective_date:
        raise InputError(
            f"{old.list}@{old.version} (in force from {old.effective_date:%-d %B %Y}) is newer "
            f"than {new.list}@{new.version} (from {new.effective_date:%-d %B %Y}): choose the "
            "older one as the old version",
            old_name,
        )


def diff_versions(old: ListVersion, new: ListVersion) -> ListDiff:
    """Entries added, removed and changed from ``old`` to ``new``, in entry order."""
    rationale, general = _rationales(new)
    internal, general_internal = _rationales(new, "internal")
    changes: list[EntryChange] = []
    ids = sorted(set(old.entries) | set(new.entries), key=_entry_sort_key)
    for eid in ids:
        o, n = old.entries.get(eid), new.entries.get(eid)
        if o is None and n is not None:
            changes.append(
                EntryChange(
                    eid,
                    "added",
                    n.title,
                    rationale=rationale.get(eid, ""),
                    kinds=n.kinds,
                    wording=n.text,
                )
            )
        elif n is None and o is not None:
            changes.append(
                EntryChange(
                    eid,
                    "removed",
                    o.title,
                    rationale=rationale.get(eid, ""),
                    kinds=o.kinds,
                    wording=o.text,
                )
            )
        elif o is not None and n is not None:
            ch = _entry_change(o, n, old.key, new.key)
            if ch is not None:
                ch.rationale = rationale.get(eid, "")
                changes.append(ch)
    for ch in changes:
        ch.internal = internal.get(ch.entry, "")
    return ListDiff(old, new, changes, general, general_internal)


def _entry_sort_key(eid: str) -> tuple:
    return tuple((0, int(p)) if p.isdigit() else (1, p) for p in eid.replace(".", " ").split())


def _entry_change(o: Entry, n: Entry, old_key: str, new_key: str) -> EntryChange | None:
    fields = [
        FieldChange(f, _plain(getattr(o, f)), _plain(getattr(n, f)))
        for f in FIELDS
        if getattr(o, f) != getattr(n, f)
    ]
    criteria = _walk(o.criteria, n.criteria, "criteria", 1)
    excl: list[str] = []
    old_x = {x.id: x for x in o.exclusions}
    new_x = {x.id: x for x in n.exclusions}
    for xid in [*old_x, *(k for k in new_x if k not in old_x)]:
        if xid not in new_x:
            excl.append(f"removed exclusion {xid}: {old_x[xid].text}")
        elif xid not in old_x:
            excl.append(f"added exclusion {xid}: {new_x[xid].text}")
        else:
            # An exclusion that catches more items narrows the entry: polarity -1.
            criteria += _walk(
                old_x[xid].criteria, new_x[xid].criteria, f"exclusions[{xid}].criteria", -1
            )
    old_r = [r.text for r in o.review]
    new_r = [r.text for r in n.review]
    if old_r != new_r:
        fields.append(FieldChange("review", old_r, new_r))
    text = text_change(o, n, old_key, new_key)
    if not (fields or criteria or excl or text):
        return None
    return EntryChange(
        n.id,
        "changed",
        n.title,
        old_title=o.title if o.title != n.title else None,
        fields=fields,
        criteria=criteria,
        exclusions=excl,
        kinds=n.kinds,
        text=text,
        wording=n.text,
    )


def _plain(v: Any) -> Any:
    return list(v) if isinstance(v, tuple) else v


def _walk(o: Node, n: Node, path: str, polarity: int) -> list[CriterionChange]:
    """Pair nodes by position; a node whose shape changed is reported removed and added."""
    if isinstance(o, Group) and isinstance(n, Group) and o.mode == n.mode:
        pol = -polarity if o.mode == "not" else polarity
        out: list[CriterionChange] = []
        for i in range(max(len(o.children), len(n.children))):
            sub = f"{path}[{i}]" if path.endswith("criteria") else f"{path}.{o.mode}[{i}]"
            oc = o.children[i] if i < len(o.children) else None
            nc = n.children[i] if i < len(n.children) else None
            if oc is None:
                out += _all_leaves(nc, sub, "added")
            elif nc is None:
                out += _all_leaves(oc, sub, "removed")
            else:
                out += _walk(oc, nc, sub, pol)
        return out
    if isinstance(o, Leaf) and isinstance(n, Leaf) and type(o) is type(n) and o.param == n.param:
        ot, nt = criterion_text(o), criterion_text(n)
        if ot == nt:  # labels are our own words; a relabelled criterion is not a change
            return []
        return [
            CriterionChange(
                path,
                "changed",
                n.param,
                n.label or o.label,
                ot,
                nt,
                o.standard,
                n.standard,
                _effect(o, n, polarity),
            )
        ]
    return _all_leaves(o, path, "removed") + _all_leaves(n, path, "added")


def _all_leaves(node: Node | None, path: str, change: str) -> list[CriterionChange]:
    from catchall.core.controls.criteria import leaves

    if node is None:
        return []
    out = []
    for leaf in leaves(node):
        text = criterion_text(leaf)
        out.append(
            CriterionChange(
                path,
                change,
                leaf.param,
                leaf.label,
                text if change == "removed" else None,
                text if change == "added" else None,
                leaf.standard if change == "removed" else None,
                leaf.standard if change == "added" else None,
            )
        )
    return out


RESTATEMENT = "restatement"


def _std_key(s: str) -> str:
    return "".join(s.lower().split()).replace("/", "-")


def _effect(o: Leaf, n: Leaf, polarity: int) -> str | None:
    """Does the new criterion match fewer items (narrows) or more (widens) than the old one?

    A limit moved to another edition of its measurement standard (ISO 230-2:1988 to :2006) is a
    restatement: the two figures are computed differently, so comparing the numbers says
    nothing about which machines are caught."""
    if o.standard and n.standard and _std_key(o.standard) != _std_key(n.standard):
        return RESTATEMENT
    if isinstance(o, Compare) and isinstance(n, Compare):
        if o.op != n.op or o.plus_param or n.plus_param or o.threshold == n.threshold:
            return None
        matches_more = n.threshold > o.threshold if o.op in ("le", "lt") else None
        if o.op in ("ge", "gt"):
            matches_more = n.threshold < o.threshold
        if matches_more is None:
            return None
    elif isinstance(o, Match) and isinstance(n, Match):
        a, b = set(o.allowed), set(n.allowed)
        if a < b:
            matches_more = True
        elif b < a:
            matches_more = False
        else:
            return None
    else:
        return None
    if polarity < 0:
        matches_more = not matches_more
    return "widens" if matches_more else "narrows"


def diff_text(d: dict[str, Any]) -> str:
    """The diff as plain text for the terminal (from :meth:`ListDiff.as_dict`)."""
    o, n, s = d["old"], d["new"], d["summary"]
    lines = [
        f"{o['key']} (from {o['effective_date']}) -> {n['key']} (from {n['effective_date']})",
        f"{s['added']} added, {s['removed']} removed, {s['changed']} changed",
        "",
    ]
    for c in d["changes"]:
        mark = {"added": "+", "removed": "-", "changed": "~"}[c["change"]]
        lines.append(f"{mark} {c['entry']}  {c['title']}")
        if c.get("old_title"):
            lines.append(f"    title was: {c['old_title']}")
        for cc in c["criteria"]:
            where = cc["label"] or cc["parameter"].replace("_", " ")
            if cc["change"] == "changed":
                effect = f"  [{cc['effect']}]" if cc["effect"] else ""
                lines.append(f"    {where}: {cc['old']} -> {cc['new']}{effect}")
            else:
                lines.append(f"    {cc['change']} criterion: {cc['old'] or cc['new']}")
        t = c.get("text")
        if t and t["ops"]:
            lines.append(f"    text: {ops_text(t['ops'])}")
        elif t and t["missing"]:
            lines.append(f"    text: not given in {t['missing']}, so not compared")
        for x in c["exclusions"]:
            lines.append(f"    {x}")
        for f in c["fields"]:
            if f["field"] not in ("title", "notes"):
                lines.append(f"    {f['field']}: {f['old']} -> {f['new']}")
        if c["rationale"]:
            lines.append(f"    why: {c['rationale']}")
        if c.get("internal"):
            lines.append(f"    internal note: {c['internal']}")
        lines.append("")
    for g in d["general_rationale"]:
        lines.append(f"why (whole version): {g}")
    for g in d.get("general_internal", ()):
        lines.append(f"internal note (whole version): {g}")
    return "\n".join(lines).rstrip() + "\n"
