"""The regime forms' fields in the words of their labels, for the GOV.UK error summary: a
person reads "Declassify on: required", never the form's internal name."""

from __future__ import annotations

import re

from catchall.core.errors import Problem
from catchall.web.core.page_errors import plain

FIELD_WORDS = {
    "action": "Action",
    "amendment_yaml": "Amended list version",
    "body": "Text",
    "circulated_on": "Circulated on",
    "country": "From",
    "date": "Date",
    "declassify_on": "Declassify on",
    "declassify_reason": "Declassification reason",
    "document": "Document",
    "feedback": "Feedback",
    "feedback_deadline": "Feedback deadline",
    "file": "YAML file",
    "format": "Format",
    "hold_another": "Hold another",
    "host_country": "Host country",
    "host_office": "Host office",
    "invitation": "Invitation",
    "kind": "Kind",
    "level": "Marking",
    "meeting": "Meeting",
    "new": "New version",
    "new_version": "New version",
    "note": "What changed",
    "old": "Old version",
    "old_version": "Old version",
    "outcome": "Outcome",
    "place": "Place",
    "position": "Position",
    "post": "Post",
    "proposals": "Proposals",
    "q": "Search words",
    "rationale": "Rationale",
    "received_on": "Received on",
    "release_list": "Partners to preview with",
    "reply_by": "Reply by",
    "state": "State",
    "tag_entries": "Entries",
    "tag_kinds": "Machine-tool kinds",
    "title": "Title",
    "type": "Type",
    "uses": "Uses",
    "within_days": "Within days",
    "yaml_text": "YAML",
}


def field_words(field: str) -> str:
    """``declassify_on`` -> "Declassify on"; ``body.paragraph[2]`` -> "Text, paragraph 2"
    (paragraphs are counted from 1 where they are named)."""
    head, *rest = (field or "").split(".")
    name = FIELD_WORDS.get(head.split("[")[0], head.replace("_", " ").capitalize())
    places = [re.sub(r"\[(\d+)\]", r" \1", r).replace("_", " ") for r in rest if r]
    return ", ".join([name, *places])


def summary_errors(problems: list[Problem]) -> list[dict[str, str]]:
    """[{field, message}] for base.html's error summary, each message starting with the field."""
    out = []
    for p in problems:
        message = plain(p.message)
        field = (p.field or "").split(".")[0].split("[")[0]
        text = f"{field_words(p.field)}: {message}" if p.field else message
        out.append({"field": field or "main", "message": text[:1].upper() + text[1:]})
    return out
