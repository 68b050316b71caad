"""Turn a submitted action form into the service's payload (no rules here, only shapes).

Only the fields the action accepts are read (core/workflow_payloads.py); the service checks
their types and sizes."""

from __future__ import annotations

import re
from typing import Any

from catchall.core.errors import InputError
from catchall.core.items import load_document
from catchall.core.workflow_payloads import payload_fields

_SPLIT = re.compile(r"[\s,;]+")


def entry_numbers(text: str) -> list[str]:
    """ "2B001, 2B201.a" -> ["2B001", "2B201.a"] (commas, semicolons, spaces or lines)."""
    return [t for t in _SPLIT.split(text or "") if t]


def payload_from_post(action: str, post) -> dict[str, Any]:
    p: dict[str, Any] = {}
    for key in payload_fields(action):
        if key == "items":
            continue  # the page confirms the entries as assessed
        if key == "internal":
            p["internal"] = "internal" in post
        elif key == "conditions":
            if key in post:
                p[key] = [line.strip() for line in post.get(key, "").splitlines() if line.strip()]
        elif key == "entries":
            if post.get(key, "").strip():
                p[key] = entry_numbers(post[key])
        elif key == "data":
            text = post.get("data", "")
            if not text.strip():
                raise InputError("paste the amended application", "data")
            p["data"] = load_document(text, "data")
        elif key in post and not (key.endswith("_id") and not post.get(key)):
            p[key] = post.get(key)
    return p
