"""API endpoints for screening and lists: thin."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.http import HttpRequest
from ninja import Router
from ninja.errors import HttpError

from catchall.core.errors import InputError, Problem
from catchall.core.model import SCHEMATA
from catchall.web.accounts.roles import has_role
from catchall.web.api.auth import API_AUTH, api_auth
from catchall.web.api.errors import read_json_body
from catchall.web.jobs.api import job_accepted
from catchall.web.jobs.services import submit
from catchall.web.screening.batch import submit_batch
from catchall.web.screening.index import result_to_dict
from catchall.web.screening.parties import parse_party as _party
from catchall.web.screening.selectors import list_versions, screening_lists_for
from catchall.web.screening.services import (
    LIST_IMPORTERS,
    check_import_request,
    ensure_starter_list,
    read_batch_upload,
    screen_parties,
)

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


@router.post(
    "/screen",
    auth=api_auth("screen"),
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
    if lists:
        try:  # named by this body's own key (the pages' and the batch form's field is "list")
            screening_lists_for(user, lists)
        except InputError as exc:
            raise InputError(exc.problems[0].message, "lists") from None
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


IMPORT_FORM = {
    "type": "object",
    "required": ["file"],
    "properties": {
        "file": {
            "type": "string",
            "format": "binary",
            "description": "the list file, plain or gzip; OFAC's classic CSV release as "
            "one ZIP (sdn.csv, alt.csv, add.csv)",
        },
        "format": {
            "type": "string",
            "enum": ["un", "eu", "uk", "ofac", "ftm", "csl", "csv"],
            "description": "detected from the content when omitted",
        },
        "title": {"type": "string"},
        "kind": {"type": "string"},
        "audience": {"type": "string", "enum": ["public", "authority"]},
        "version_date": {"type": "string", "format": "date"},
        "review": {
            "type": "boolean",
            "description": "true: only the import report and the changes, the list stays as it is",
        },
    },
}


@router.post(
    "/lists/{name}/import",
    summary="Import or replace a screening list from an official or supported file (a job)",
    response={202: dict},
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {"multipart/form-data": {"schema": IMPORT_FORM}},
        }
    },
)
def import_list(request: HttpRequest, name: str):
    """Starts a job that reads the file and replaces the list `name` atomically (a new name
    creates it); answers 202 with the job (poll `GET /api/jobs/{id}`, also at `Location`).
    The job's result is the import report: records read, imported and skipped with reasons,
    warnings with line numbers, and the changes against the previous version; a file that
    cannot be read fails the job with `result.problems`. With `review=true` the job only
    reports. While a job for this list runs, the same job is returned. Authority importers only."""
    if not has_role(request.auth, *LIST_IMPORTERS):
        raise HttpError(403, "your role may not import screening lists")
    form = request.POST
    upload = request.FILES.get("file")
    params = check_import_request(
        upload,
        name=name,
        kind=form.get("kind"),
        audience=form.get("audience"),
        version_date=form.get("version_date"),
    )
    params |= {"format": form.get("format") or None, "title": form.get("title", "")}
    review = (form.get("review") or "").strip().lower() in ("1", "true", "yes")
    j = submit(
        "lists.review" if review else "lists.import",
        params,
        user=request.auth,
        key=f"lists:{params['name']}",
        upload=(Path(upload.name or "upload").name, b"".join(upload.chunks())),
    )
    return job_accepted(j)


BATCH_FORM = {
    "type": "object",
    "required": ["file"],
    "properties": {
        "file": {
            "type": "string",
            "format": "binary",
            "description": "CSV: id,name,country,schema and optionally dob,nationality,"
            "identifiers (as for `catchall screen --batch`)",
        },
        "list": {"type": "array", "items": {"type": "string"}, "description": "restrict lists"},
    },
}


@router.post(
    "/screen/batch",
    auth=api_auth("screen"),
    summary="Screen a CSV of parties as a job (202); results as CSV or JSON lines",
    response={202: dict},
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {"multipart/form-data": {"schema": BATCH_FORM}},
        }
    },
)
def screen_batch(request: HttpRequest):
    """Checks the file (header, size, each row: rows that cannot be screened are skipped and
    listed in the result) and starts the job; poll `GET /api/jobs/{id}`. When done, its
    `downloads` give `GET /api/jobs/{id}/download/csv` and `.../jsonl`, in input order.
    A CSV row ends with `designations` (the best match's programme codes, as its list gives
    them) and `designations_in_words` (the same in words: name, authority, code and legal
    basis); a JSON-lines match keeps `programs` unchanged and adds `designations_in_words`.
    An undescribed code reads "programme ‘CODE’"."""
    parties, skipped = read_batch_upload(request.FILES.get("file"))
    j = submit_batch(
        parties,
        request.POST.getlist("list") or None,
        user=request.auth,
        context="api batch",
        skipped=skipped,
    )
    return job_accepted(j)
