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
    evidence = _evidence(raw, path, problems)
    if evidence is None:
        return None
    dob, nationality, identifiers = evidence
    return ScreeningQuery(
        name=name,
        country=country or None,
        schema=schema or None,
        id=str(raw.get("id") or "") or None,
        dob=dob,
        nationality=nationality,
        identifiers=identifiers,
    )


def _evidence(
    raw: dict, path: str, problems: list[Problem]
) -> tuple[str | None, str | None, tuple[str, ...]] | None:
    """The party's date of birth, nationality and identifiers, checked (None on a problem)."""
    from catchall.core.assessment.destinations import validate_country
    from catchall.core.screening.evidence import validate_evidence

    where = path.lstrip(".")
    dob, nationality, ids = raw.get("dob"), raw.get("nationality"), raw.get("identifiers")
    before = len(problems)
    if dob is not None and not isinstance(dob, str):
        problems.append(Problem(f"{where}dob", "must be text YYYY-MM-DD, YYYY-MM or YYYY"))
    if nationality:
        try:
            nationality = validate_country(nationality)
        except InputError as exc:
            problems += exc.prefixed(f"{where}nationality").problems
    if ids is None:
        ids = []
    if not isinstance(ids, list) or not all(isinstance(i, str) for i in ids):
        problems.append(Problem(f"{where}identifiers", "must be a list of 'KIND:NUMBER' texts"))
        ids = []
    if len(problems) == before:
        try:
            validate_evidence(dob or None, None, ids)
        except InputError as exc:
            problems += exc.prefixed(where.rstrip(".")).problems if where else exc.problems
    if len(problems) > before:
        return None
    return dob or None, nationality or None, tuple(ids)
