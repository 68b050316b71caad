"""API endpoints for classification: thin, they parse, call the core, return its dict."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest
from ninja import Router

from catchall.core.errors import InputError
from catchall.core.items import parse_item
from catchall.core.schemas import item_schema
from catchall.web.api.auth import public_auth
from catchall.web.api.errors import read_json_body
from catchall.web.classification import library as in_force
from catchall.web.classification.schemas import ClassificationOut, EntrySummary, SearchHitOut
from catchall.web.classification.search import search_controls

router = Router(tags=["classification"])


def _list_date(value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise InputError(f"{value!r} is not a date in the form YYYY-MM-DD", "list_date") from None


@router.post(
    "/classify",
    auth=public_auth("classify"),
    response={200: ClassificationOut},
    summary="Classify an item against the control lists in force",
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {"application/json": {"schema": item_schema()}},
        },
        "responses": {422: {"description": "Invalid item: one problem per field"}},
        # public: a token is optional (but must have the classify scope when sent)
        "security": [{"BearerAuth": []}, {}],
    },
)
def classify_item(request: HttpRequest, list_date: str | None = None) -> dict[str, Any]:
    """Entries that catch the item with a criterion-by-criterion trace, near misses, missing
    facts and the missile relevance of its kind. `list_date` picks the list versions in force
    on that day."""
    item = parse_item(read_json_body(request))
    return in_force.classify_item(item, _list_date(list_date)).as_dict()


@router.get(
    "/controls",
    response=list[SearchHitOut] | list[EntrySummary],
    summary="Control entries in force, or those that answer a search",
    openapi_extra={"responses": {422: {"description": "Bad q, regime, limit or list_date"}}},
)
def controls(
    request: HttpRequest,
    q: str | None = None,
    regime: str | None = None,
    limit: str | None = None,
    list_date: str | None = None,
):
    """Without `q`: every entry in force (of `regime`). With `q`: which entry is my product?
    Full-text search over titles, official text and notes with stemming, trade synonyms (FOG,
    CNC lathe, flow former) and entry numbers (2B001, 2b1, 3.B.3), best first, at most `limit`
    (default 10, at most 100)."""
    if q is not None:
        if list_date is not None:
            raise InputError(
                "a search covers the entries in force today; leave it out", "list_date"
            )
        return [h.as_dict() for h in search_controls(q, regime, limit)]
    return in_force.control_rows(_list_date(list_date), regime)


@router.get("/controls/{entry_id}", summary="One control entry as data")
def control_entry(
    request: HttpRequest, entry_id: str, list_date: str | None = None
) -> dict[str, Any]:
    version, e = in_force.control_entry(entry_id, _list_date(list_date))
    return {"list": version.list, "version": version.version, **e.as_data()}


@router.get("/schemas/item", summary="JSON Schema of the item format")
def schema_item(request: HttpRequest) -> dict[str, Any]:
    return item_schema()
