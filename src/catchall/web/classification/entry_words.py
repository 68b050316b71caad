"""A control entry's facts as a reader of its page needs them: the list by its title, the item
kinds it rates by their names, and its source with how far it was verified, in words (the
list files keep codes such as ``machine_tool.grinding`` and ``status: seen``)."""

from __future__ import annotations

from typing import Any

from catchall.core.vocabulary import vocabulary

# docs/control-list-format.md: source.status is seen | seen-eu | 3rd-party | unverified
CHECKED = {
    "seen": "read in the cited document",
    "seen-eu": (
        "not read in this list's own text; its figures confirmed against the EU dual-use "
        "entry of the same number"
    ),
    "3rd-party": "read only in a third-party copy; not verified in the official text",
    "unverified": "not verified: found in no source read; check it before relying on it",
}
SOURCE_LABELS = {
    "document": "Document",
    "entry": "Entry",
    "lines": "Lines in the source text",
    "date": "Dated",
    "url": "Address",
}


def list_name(version) -> str:
    """The list's title without the remark on what this file encodes of it (the page of a
    text-only nuclear entry is not "missile-relevant production equipment")."""
    return (version.title or version.list).split(" - ")[0]


def kind_names(kinds) -> list[str]:
    return [vocabulary().kind_title(k) for k in kinds]


def source_rows(source: dict[str, Any]) -> list[tuple[str, str]]:
    """(label, value) rows: the citation first, then how well it was checked."""
    rows = [(label, str(source[k])) for k, label in SOURCE_LABELS.items() if source.get(k)]
    status = source.get("status")
    rows.append(
        (
            "Verified",
            CHECKED.get(status or "", "not stated: treat it as not verified"),
        )
    )
    if source.get("notes"):
        rows.append(("Notes", str(source["notes"])))
    return rows
