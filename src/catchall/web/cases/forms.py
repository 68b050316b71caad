"""Turn a submitted action form into the service's payload (no rules here, only shapes)."""

from __future__ import annotations

from typing import Any

from catchall.core.errors import InputError
from catchall.core.items import load_document


def payload_from_post(action: str, post) -> dict[str, Any]:
    p: dict[str, Any] = {}
    for key in (
        "question",
        "answer",
        "reasoning",
        "reason",
        "text",
        "note",
        "grounds",
        "outcome",
        "team",
        "user_id",
        "consultation_id",
    ):
        if key in post:
            p[key] = post.get(key)
    if "conditions" in post:
        p["conditions"] = [
            line.strip() for line in post.get("conditions", "").splitlines() if line.strip()
        ]
    if action == "add_note":
        p["internal"] = "internal" in post
    if action == "amend":
        text = post.get("data", "")
        if not text.strip():
            raise InputError("paste the amended application", "data")
        p["data"] = load_document(text, "data")
    return p
