"""One error shape for every API endpoint: ``{"error": ..., "problems": [{"field", "message"}]}``."""

from __future__ import annotations

import json
from typing import Any

from django.http import HttpRequest

from catchall.core.errors import InputError
from catchall.core.items import MAX_DOCUMENT_CHARS, load_document


def read_json_body(request: HttpRequest, max_bytes: int = MAX_DOCUMENT_CHARS) -> Any:
    """Parse the request body as JSON (or YAML); malformed text is an InputError.

    A body over ``max_bytes`` (1 MB: an application, an item, an action), YAML anchors and
    aliases, and nesting too deep to parse are refused."""
    if len(request.body) > max_bytes:
        raise InputError(
            f"request body larger than {max_bytes:,} bytes; split or trim the document",
            "body",
        )
    try:
        text = request.body.decode("utf-8")
    except UnicodeDecodeError:
        raise InputError("request body is not UTF-8", "body") from None
    if not text.strip():
        raise InputError("request body is empty; send a JSON document", "body")
    content_type = request.content_type or ""
    if "yaml" in content_type:
        return load_document(text, "body", max_chars=max_bytes)
    try:
        return json.loads(text)
    except RecursionError:
        raise InputError("nested too deeply", "body") from None
    except json.JSONDecodeError as exc:
        raise InputError(
            f"malformed JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}", "body"
        ) from None


def ninja_problems(errors: list[dict[str, Any]]) -> dict[str, Any]:
    """Translate django-ninja's validation errors into our shape."""
    problems = []
    for err in errors:
        loc = [str(p) for p in err.get("loc", ()) if p not in ("body", "query", "path", "payload")]
        problems.append({"field": ".".join(loc), "message": err.get("msg", "invalid")})
    return {"error": "invalid input", "problems": problems}
