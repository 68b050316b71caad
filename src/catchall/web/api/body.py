"""Reading an API request body: JSON (or YAML) that every service can use without crashing.

Parsing alone is not enough: a body nested a thousand levels deep, a string holding a lone
UTF-16 surrogate (legal in JSON, unencodable in UTF-8 and so in the database), a NaN, or a
YAML alias bomb all parse, then break a service far away. They are refused here as HTTP 422,
naming the field, before any service sees them.
"""

from __future__ import annotations

import json
import math
import re
from typing import Any

from django.http import HttpRequest
from django.http.request import RawPostDataException

from catchall.core.errors import InputError, Problem
from catchall.core.items import load_document

MAX_DEPTH = 32
MAX_PROBLEMS = 50
_SURROGATE = re.compile("[\ud800-\udfff]")


def read_json_body(request: HttpRequest) -> Any:
    """Parse the request body as JSON (or YAML); anything a service cannot use is an InputError."""
    try:
        raw = request.body
    except RawPostDataException:
        raise InputError("the body was already read as a form; send JSON", "body") from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise InputError("request body is not UTF-8", "body") from None
    if not text.strip():
        raise InputError("request body is empty; send a JSON document", "body")
    try:
        if "yaml" in (request.content_type or ""):
            data = load_document(text, "body")
        else:
            data = _json(text)
    except InputError:
        raise
    except RecursionError:
        raise InputError(f"nested too deeply (at most {MAX_DEPTH} levels)", "body") from None
    except ValueError as exc:  # e.g. an integer literal longer than Python converts
        raise InputError(f"cannot be read: {exc}", "body") from None
    check_document(data)
    return data


def _json(text: str) -> Any:
    try:
        return json.loads(text, parse_constant=_no_constant)
    except json.JSONDecodeError as exc:
        raise InputError(
            f"malformed JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}", "body"
        ) from None


def _no_constant(name: str) -> Any:
    raise InputError(f"{name} is not a JSON number", "body")


def check_document(data: Any) -> None:
    """Refuse what parsed but no service can use; one problem per faulty field, in order.

    Walks without recursion, so its own depth is no limit; each container is visited once,
    so a YAML alias is refused instead of being expanded.
    """
    problems: list[Problem] = []
    seen: set[int] = set()
    stack: list[tuple[Any, str, int]] = [(data, "", 0)]
    while stack and len(problems) < MAX_PROBLEMS:
        value, path, depth = stack.pop()
        field = path or "body"
        if isinstance(value, str):
            if _SURROGATE.search(value):
                problems.append(Problem(field, "contains an unpaired UTF-16 surrogate"))
            continue
        if isinstance(value, float) and not math.isfinite(value):
            problems.append(Problem(field, "must be a finite number"))
            continue
        if not isinstance(value, dict | list):
            continue
        if id(value) in seen:
            problems.append(Problem(field, "repeats another part of the document (YAML alias)"))
            continue
        seen.add(id(value))
        if depth >= MAX_DEPTH:
            problems.append(Problem(field, f"nested too deeply (at most {MAX_DEPTH} levels)"))
            continue
        if isinstance(value, list):
            children = [(v, f"{path}[{i}]", depth + 1) for i, v in enumerate(value)]
        else:
            children = []
            for k, v in value.items():
                key = str(k)
                child = f"{path}.{key}" if path else key
                if _SURROGATE.search(key):
                    problems.append(Problem(child, "field name contains an unpaired surrogate"))
                    continue
                children.append((v, child, depth + 1))
        stack.extend(reversed(children))
    if problems:
        raise InputError(problems)
