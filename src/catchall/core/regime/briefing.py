"""Plain words for an outreach briefing: what changed in a list, why, and what it means.

Non-partner officials harmonising their controls need sentences, not YAML: the parameter,
the old and new threshold, the measurement standard, the direction of the change, the
partners' rationale, and the effect on licensing reviews.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from catchall.core.controls.diff import CriterionChange, EntryChange, ListDiff, field_text
from catchall.core.controls.impact import ImpactReport
from catchall.core.vocabulary import vocabulary


def _kinds(kinds: tuple[str, ...]) -> str:
    return ", ".join(vocabulary().kind_title(k) for k in kinds)


def criterion_sentence(c: CriterionChange) -> str:
    what = c.label or c.param.replace("_", " ")
    where = (
        ""
        if c.path.startswith("criteria")
        else " in the exclusion " + c.path.split("[")[1].split("]")[0]
    )
    if c.change == "added":
        return f"New condition{where}: {c.new}."
    if c.change == "removed":
        return f"Condition dropped{where}: {c.old}."
    text = f"{what.capitalize()}{where}: was {c.old}, now {c.new}."
    if c.old_standard != c.new_standard and (c.old_standard or c.new_standard):
        text += (
            f" The measurement standard changes ({c.old_standard or 'none stated'} to "
            f"{c.new_standard or 'none stated'}): compare a machine's figure with the limit of "
            "the edition it was measured to; the numbers are not directly comparable."
        )
    if c.effect == "narrows":
        text += " On the figures alone, fewer items are caught."
    elif c.effect == "widens":
        text += " On the figures alone, more items are caught."
    return text


def change_sentences(ch: EntryChange) -> list[str]:
    if ch.change == "added":
        if not ch.kinds:  # a text-only entry: its wording is its scope
            return [
                f"New entry {ch.entry}: {ch.title}. Items it describes now need a licence; "
                f"its text: {ch.wording or ch.title}"
            ]
        return [
            f"New entry {ch.entry}: {ch.title}. It applies to {_kinds(ch.kinds)}; items meeting "
            "its criteria now need a licence."
        ]
    if ch.change == "removed":
        return [
            f"Entry {ch.entry} ({ch.title}) is removed: items it covered no longer need a "
            "licence under this list unless another entry or catch-all applies."
        ]
    out = []
    if ch.text and ch.text.ops:
        out.append(
            "The wording of the entry changes (redline below)"
            + ("; for this entry the wording is the test of control." if not ch.kinds else ".")
        )
    out += [criterion_sentence(c) for c in ch.criteria]
    out += [x[0].upper() + x[1:] + "." for x in ch.exclusions]
    for f in ch.fields:
        if f.field in ("notes", "title"):
            continue
        out.append(
            f"{f.field.replace('_', ' ').capitalize()}: was {field_text(f.old)}, now {field_text(f.new)}."
        )
    if not out:
        out.append("Wording only; the scope is unchanged.")
    return out


@dataclass
class BriefingSection:
    entry: str
    change: str
    title: str
    old_title: str | None
    what: list[str]
    why: str
    kinds: str
    impact: dict[str, int] = field(default_factory=dict)
    # word-level edits of the entry's text (see core.redline), empty when the text is unchanged
    redline: list[dict[str, str]] = field(default_factory=list)
    # our own caveats; empty in an outreach pack (see briefing_sections)
    internal: str = ""

    def as_dict(self) -> dict[str, Any]:
        return {
            "entry": self.entry,
            "change": self.change,
            "title": self.title,
            "old_title": self.old_title,
            "what": self.what,
            "why": self.why,
            "kinds": self.kinds,
            "impact": self.impact,
            "redline": self.redline,
            **({"internal": self.internal} if self.internal else {}),
        }


def briefing_sections(
    diff: ListDiff, impact: ImpactReport | None = None, *, internal: bool = False
) -> list[BriefingSection]:
    """One section per substantive change, with its items' licensing outcomes counted.

    ``internal`` keeps the authority's own caveats (the ``internal:`` notes of the version);
    an outreach pack for non-partners is built without them and without ``impact``."""
    out = []
    for ch in diff.changes:
        if not ch.substantive:
            continue
        counts: dict[str, int] = {}
        if impact is not None:
            for i in impact.affected:
                if ch.entry in i.old_entries or ch.entry in i.new_entries:
                    label = i.outcome.replace("_", " ")
                    counts[label] = counts.get(label, 0) + 1
        out.append(
            BriefingSection(
                ch.entry,
                ch.change,
                ch.title,
                ch.old_title,
                change_sentences(ch),
                ch.rationale or "No rationale recorded with this version.",
                _kinds(ch.kinds) or "items described by the entry's text",
                counts,
                list(ch.text.ops) if ch.text else [],
                ch.internal if internal else "",
            )
        )
    return out


def impact_sentence(impact: ImpactReport, *, internal: bool = True) -> str:
    """The counts in words; the open cases to review are the authority's own work list and
    stay out of the outreach pack (``internal=False``)."""
    c = impact.counts()
    checked = len(impact.items) - c["invalid"]
    if not impact.items:
        return "No stored items were available to re-classify for this period."
    text = (
        f"Of {checked} stored item(s) re-classified under both versions, "
        f"{c['became_controlled']} become controlled, {c['decontrolled']} are decontrolled and "
        f"{c['entry_changed']} change entry."
    )
    if internal and impact.open_cases_affected:
        text += f" Open cases to review: {len(impact.open_cases_affected)}."
    return text
