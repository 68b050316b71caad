"""Problems as a page shows them (GOV.UK error pattern): each linked to the form field it
belongs to, in words a person reads — no field paths, no command-line hints. The CLI and
the API keep the exact paths."""

from __future__ import annotations

import re

_INDEX = re.compile(r"([a-z_]+)\[(\d+)\]")
_SINGULAR = {"items": "item", "parties": "party", "red_flags": "red flag"}
_CLI_HINT = re.compile(r";?\s*see `catchall [^`]*`")


def _where(path: str) -> str:
    def one(m: re.Match) -> str:
        return f"{_SINGULAR.get(m.group(1), m.group(1))} {int(m.group(2)) + 1}"

    text = _INDEX.sub(one, path or "")
    parts = [p.replace("_", " ") for p in text.split(".") if p]
    return ", ".join(parts)


def field_words(path: str) -> str:
    """A field's path as a label a person reads ("declass_on" -> "Declass on",
    "items[0].quantity" -> "Item 1, quantity")."""
    where = _where(path)
    return where[:1].upper() + where[1:]


def plain(message: str) -> str:
    return _CLI_HINT.sub("", message or "").replace("()", "").strip()


def at_fields(errors: list[dict]) -> dict[str, str]:
    """Each field's first message, for the error shown beside its input (the summary lists
    them all)."""
    return {e["field"]: e["message"] for e in reversed(errors)}


def page_errors(problems, field_id: str, known: tuple[str, ...] = ()) -> list[dict]:
    """[{field, message}] for base.html's error summary. A problem whose field is one of the
    form's ``known`` inputs links to it; any other (a path inside an uploaded document) links
    to ``field_id`` and says where in the document it is."""
    out = []
    for p in problems:
        field = getattr(p, "field", "") or ""
        message = plain(getattr(p, "message", str(p)))
        if field in known:
            out.append({"field": field, "message": message[:1].upper() + message[1:]})
        else:
            where = _where(field)
            text = f"{where[:1].upper() + where[1:]}: {message}" if where else message
            out.append({"field": field_id, "message": text})
    return out
