"""One error shape for every API endpoint: ``{"error": ..., "problems": [{"field", "message"}]}``."""

from __future__ import annotations

import json
from typing import Any

from django.http import HttpRequest

from catchall.core.document_check import MAX_DEPTH, check_document, no_constant
from catchall.core.errors import InputError
from catchall.core.items import MAX_DOCUMENT_CHARS, load_document, unreadable


def read_json_body(request: HttpRequest, max_bytes: int = MAX_DOCUMENT_CHARS) -> Any:
    """Parse the request body as JSON (or YAML); malformed text is an InputError, and so is
    what parses but no service can use (see ``core.document_check``).

    A body over ``max_bytes`` (1 MB: an application, an item, an action), YAML anchors and
    aliases, and nesting too deep to parse are refused."""
    if len(request.body) > max_bytes:
        raise InputError(
            f"request body larger than {max_bytes:,} bytes; split or trim the document",
            "body",
        )
    try:
        data = _parse(request, max_bytes)
    except RecursionError:
        raise InputError(f"nested too deeply (at most {MAX_DEPTH} levels)", "body") from None
    check_document(data)
    return data


def _parse(request: HttpRequest, max_bytes: int) -> Any:
    try:
        text = request.body.decode("utf-8")
    except UnicodeDecodeError:
        raise InputError("request body is not UTF-8", "body") from None
    if not text.strip():
        raise InputError("request body is empty; send a JSON document", "body")
    content_type = request.content_type or ""
    if "yaml" in content_type:
        return load_document(text, "body", max_chars=max_bytes)  # its errors name "body"
    try:
        return json.loads(text, parse_constant=no_constant)
    except json.JSONDecodeError as exc:
        raise InputError(
            f"malformed JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}", "body"
        ) from None
    except InputError:
        raise
    except ValueError as exc:  # e.g. an integer literal longer than Python converts
        raise InputError(unreadable(exc), "body") from None


def ninja_problems(errors: list[dict[str, Any]]) -> dict[str, Any]:
    """Translate django-ninja's validation errors into our shape."""
    problems = []
    for err in errors:
        loc = [str(p) for p in err.get("loc", ()) if p not in ("body", "query", "path", "payload")]
        problems.append({"field": ".".join(loc), "message": err.get("msg", "invalid")})
    return {"error": "invalid input", "problems": problems}
