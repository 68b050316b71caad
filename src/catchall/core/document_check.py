"""Checks on a parsed document (an API request body, an uploaded or pasted application or
item, a file given to the CLI), so that every service can use it without crashing.

Parsing alone is not enough: a body nested a thousand levels deep, a string holding a lone
UTF-16 surrogate (legal in JSON, unencodable in UTF-8 and so in the database) or a NUL
(which PostgreSQL text cannot hold), a NaN, or a YAML alias bomb all parse, then break a service far away. They are refused here as an InputError
naming the field (HTTP 422, a page's error summary, exit code 2), before any service sees them.
"""

from __future__ import annotations

import math
import re
from typing import Any

from catchall.core.errors import InputError, Problem

MAX_DEPTH = 32
MAX_PROBLEMS = 50
_SURROGATE = re.compile("[\ud800-\udfff]")
_NUL = "\x00"


def no_constant(name: str) -> Any:
    """For ``json.loads(parse_constant=...)``: NaN and Infinity are not JSON numbers."""
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
            elif _NUL in value:
                problems.append(Problem(field, "contains a NUL character"))
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
                if _SURROGATE.search(key) or _NUL in key:
                    problems.append(
                        Problem(child, "field name contains a NUL or an unpaired surrogate")
                    )
                    continue
                children.append((v, child, depth + 1))
        stack.extend(reversed(children))
    if problems:
        raise InputError(problems)
