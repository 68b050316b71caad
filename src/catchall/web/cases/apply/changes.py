"""What an amendment changes, in words: the version it started from against the draft.

The exporter checks the amendment by reading these sentences (country names, people's and
organisations' names, item descriptions; never ids or field paths), and the task list and
check-your-answers page mark the sections, parties and items that changed."""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from catchall.web.cases.apply.questions import (
    DECLARATIONS,
    ROLE_BY_CODE,
    country_name,
    kind_title,
    red_flag_groups,
)


@dataclass
class Changes:
    lines: list[str] = field(default_factory=list)  # one sentence per change
    pages: set[str] = field(default_factory=set)  # task-list pages with a change
    parties: dict[str, str] = field(default_factory=dict)  # role -> added/changed/removed
    removed_parties: dict[str, dict] = field(default_factory=dict)  # role -> the party it was
    items: dict[int, str] = field(default_factory=dict)  # draft item index -> added/changed
    removed_items: list[dict] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.lines)


def _who(p: dict) -> str:
    country = country_name(p.get("country"))
    return f"{p.get('name', '')}, {country}" if country else str(p.get("name", ""))


def _role_title(role: str) -> str:
    r = ROLE_BY_CODE.get(role)
    return r.title if r else role.replace("_", " ").capitalize()


def _parties(before: dict, after: dict, out: Changes) -> None:
    """Parties compared role by role, in their order within the role (the pages edit the
    first of a role in its place)."""

    def by_role(d: dict) -> dict[str, list[dict]]:
        roles: dict[str, list[dict]] = {}
        for p in d.get("parties") or []:
            if isinstance(p, dict):
                roles.setdefault(p.get("role", ""), []).append(p)
        return roles

    old, new = by_role(before), by_role(after)
    for role in [*ROLE_BY_CODE, *sorted((old.keys() | new.keys()) - ROLE_BY_CODE.keys())]:
        was, now = old.get(role, []), new.get(role, [])
        if was == now:
            continue
        out.pages.add(f"party-{role}")
        for k in range(max(len(was), len(now))):
            a = was[k] if k < len(was) else None
            b = now[k] if k < len(now) else None
            if a == b:
                continue
            title = _role_title(role) + (f" {k + 1}" if k else "")
            if a is None:
                out.lines.append(f"{title} added: {_who(b)}")
            elif b is None:
                out.lines.append(f"{title} removed: {_who(a)}")
            elif (a.get("name"), a.get("country")) != (b.get("name"), b.get("country")):
                out.lines.append(f"{title} changed from {_who(a)} to {_who(b)}")
            else:
                out.lines.append(f"{title}'s address changed ({_who(b)})")
            if k == 0:  # the one the check-your-answers row shows
                out.parties[role] = "added" if a is None else "removed" if b is None else "changed"
                if b is None:
                    out.removed_parties[role] = a


def _canon(item: dict) -> str:
    return json.dumps(item, sort_keys=True, default=str)


def _match(old: list[dict], new: list[dict]) -> dict[int, int]:
    """Draft item index -> the version's item it stands for: the same item first, then one
    with the same description, then one of the same kind in the same place."""
    pairs: dict[int, int] = {}
    free = list(range(len(old)))
    keys = (_canon, lambda i: i.get("description") or None)
    for key in keys:
        for n, it in enumerate(new):
            k = key(it)
            if n in pairs or k is None:
                continue
            m = next((m for m in free if key(old[m]) == k), None)
            if m is not None:
                pairs[n] = m
                free.remove(m)
    for n in range(len(new)):
        if n not in pairs and n in free and new[n].get("kind") == old[n].get("kind"):
            pairs[n] = n
            free.remove(n)
    return pairs


def _parameter_words(value) -> str:
    from catchall.web.cases.parameter_words import parameter_value

    if isinstance(value, bool):
        return "Yes" if value else "No"
    return parameter_value(value) if value is not None else "not given"


def _item_differences(a: dict, b: dict) -> list[str]:
    from catchall.core.vocabulary import vocabulary

    vocab = vocabulary()
    out = []
    if a.get("description") != b.get("description"):
        out.append(f"described as “{b.get('description', '')}”")
    if a.get("kind") != b.get("kind"):
        out.append(f"now {kind_title(b.get('kind'))}, was {kind_title(a.get('kind'))}")
    pa, pb = a.get("parameters") or {}, b.get("parameters") or {}
    for name in sorted(pa.keys() | pb.keys()):
        if pa.get(name) != pb.get(name):
            label = vocab.parameters[name].label if name in vocab.parameters else name
            out.append(
                f"{label} {_parameter_words(pb.get(name))}, was {_parameter_words(pa.get(name))}"
            )
    for key, words in (("quantity", "quantity"), ("value", "value")):
        if a.get(key) != b.get(key):
            out.append(f"{words} {b.get(key, 'not given')}, was {a.get(key, 'not given')}")
    return out


def _items(before: dict, after: dict, out: Changes) -> None:
    old = [i for i in before.get("items") or [] if isinstance(i, dict)]
    new = [i for i in after.get("items") or [] if isinstance(i, dict)]
    pairs = _match(old, new)
    for n, it in enumerate(new):
        if n not in pairs:
            out.items[n] = "added"
            out.lines.append(f"Item added: {it.get('description', '')}")
        elif _canon(old[pairs[n]]) != _canon(it):
            out.items[n] = "changed"
            what = "; ".join(_item_differences(old[pairs[n]], it))
            out.lines.append(f"Item changed: {old[pairs[n]].get('description', '')} ({what})")
    for m, it in enumerate(old):
        if m not in pairs.values():
            out.removed_items.append(it)
            out.lines.append(f"Item removed: {it.get('description', '')}")
    if out.items or out.removed_items:
        out.pages.add("items")


def changes(before: dict, after: dict) -> Changes:
    """Every difference between the version (``before``) and the draft (``after``)."""
    out = Changes()
    if before.get("destination") != after.get("destination"):
        out.pages.add("destination")
        out.lines.append(
            f"Destination changed from {country_name(before.get('destination')) or 'none'} "
            f"to {country_name(after.get('destination'))}"
        )
    _parties(before, after, out)
    if (before.get("end_use") or "") != (after.get("end_use") or ""):
        out.pages.add("end-use")
        out.lines.append("End use changed")
    da, db = before.get("declarations") or {}, after.get("declarations") or {}
    for key, question, _hint in DECLARATIONS:
        if da.get(key) != db.get(key):
            out.pages.add("declarations")
            answer = "Yes" if db.get(key) else "No"
            out.lines.append(f"Answer changed to {answer}: {question}")
    titles = {c: t for _g, flags in red_flag_groups() for c, t in flags}
    fa, fb = set(before.get("red_flags") or []), set(after.get("red_flags") or [])
    for code in sorted(fb - fa):
        out.lines.append(f"Warning sign added: {titles.get(code, code)}")
    for code in sorted(fa - fb):
        out.lines.append(f"Warning sign removed: {titles.get(code, code)}")
    if fa != fb:
        out.pages.add("red-flags")
    _items(before, after, out)
    return out
