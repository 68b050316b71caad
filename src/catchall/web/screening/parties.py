"""One party to screen, read from a JSON object or a form: shared by the API and the page, so
that each face parses the same way without importing the other."""

from __future__ import annotations

from typing import Any

from catchall.core.errors import InputError, Problem
from catchall.core.model import SCHEMATA, ScreeningQuery


def parse_party(raw: Any, path: str, problems: list[Problem]) -> ScreeningQuery | None:
    from catchall.core.assessment.destinations import validate_country

    if not isinstance(raw, dict):
        problems.append(Problem(path, "must be an object with name, country, schema"))
        return None
    name = raw.get("name")
    if not isinstance(name, str) or not name.strip():
        problems.append(Problem(f"{path}name".lstrip("."), "required, non-empty text"))
        return None
    country = raw.get("country")
    if country:
        try:
            country = validate_country(country)
        except InputError as exc:
            problems += exc.prefixed(f"{path}country".lstrip(".")).problems
            return None
    schema = raw.get("schema")
    if schema and schema not in SCHEMATA:
        problems.append(
            Problem(f"{path}schema".lstrip("."), f"{schema!r} is not one of {', '.join(SCHEMATA)}")
        )
        return None
    return ScreeningQuery(
        name=name,
        country=country or None,
        schema=schema or None,
        id=str(raw.get("id") or "") or None,
    )
