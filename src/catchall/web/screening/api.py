"""API endpoints for screening and lists: thin."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Router

from catchall.core.errors import InputError, Problem
from catchall.core.model import SCHEMATA, ScreeningQuery
from catchall.web.api.auth import API_AUTH
from catchall.web.api.errors import read_json_body
from catchall.web.screening.index import result_to_dict
from catchall.web.screening.selectors import list_versions
from catchall.web.screening.services import ensure_starter_list, screen_parties

router = Router(tags=["screening"], auth=API_AUTH)
MAX_BATCH = 1000

PARTY = {
    "type": "object",
    "properties": {
        "id": {"type": "string"},
        "name": {"type": "string", "minLength": 1, "maxLength": 1000},
        "country": {"type": "string", "description": "ISO 3166 alpha-2"},
        "schema": {"enum": list(SCHEMATA)},
        "dob": {
            "type": "string",
            "description": "date of birth: YYYY-MM-DD, YYYY-MM or YYYY",
        },
        "nationality": {"type": "string", "description": "ISO 3166 alpha-2"},
        "identifiers": {
            "type": "array",
            "items": {"type": "string"},
            "description": "KIND:NUMBER (passport, national_id, registration, tax, imo, lei, "
            "swift, duns, other); a matching identifier decides",
        },
    },
    "required": ["name"],
}
SCREEN_BODY = {
    "oneOf": [
        {
            **PARTY,
            "properties": {
                **PARTY["properties"],
                "lists": {"type": "array", "items": {"type": "string"}},
            },
        },
        {
            "type": "object",
            "properties": {
                "parties": {"type": "array", "items": PARTY, "minItems": 1, "maxItems": MAX_BATCH},
                "lists": {"type": "array", "items": {"type": "string"}},
            },
            "required": ["parties"],
        },
    ]
}


def _party(raw: Any, path: str, problems: list[Problem]) -> ScreeningQuery | None:
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


@router.post(
    "/screen",
    summary="Screen one party or many against the screening lists",
    openapi_extra={
        "requestBody": {"required": True, "content": {"application/json": {"schema": SCREEN_BODY}}}
    },
)
def screen(request: HttpRequest) -> dict[str, Any]:
    """One party (`name`, `country`, `schema`) or `parties: [...]`; `lists` restricts the lists.
    Each result: decision (match / possible / clear) and matches with score and explanation."""
    body = read_json_body(request)
    if not isinstance(body, dict):
        raise InputError("send an object with a name, or with parties", "body")
    lists = body.get("lists")
    if lists is not None and (
        not isinstance(lists, list) or not all(isinstance(x, str) for x in lists)
    ):
        raise InputError("must be a list of list names", "lists")
    problems: list[Problem] = []
    many = "parties" in body
    if many:
        raw = body["parties"]
        if not isinstance(raw, list) or not raw:
            raise InputError("must be a non-empty list", "parties")
        if len(raw) > MAX_BATCH:
            raise InputError(f"at most {MAX_BATCH} parties per request", "parties")
        queries = [_party(p, f"parties[{i}].", problems) for i, p in enumerate(raw)]
    else:
        queries = [_party(body, "", problems)]
    if problems:
        raise InputError(problems)
    user = request.auth
    results = [
        result_to_dict(r) for r in screen_parties(queries, lists=lists, actor=user, context="api")
    ]
    return {"results": results} if many else results[0]


@router.get(
    "/lists", summary="Screening lists the caller may screen against, and their current versions"
)
def lists(request: HttpRequest) -> list[dict[str, Any]]:
    ensure_starter_list()
    return list_versions(reader=request.auth)
