"""API endpoints for denial notifications: thin, authority roles only (403 for others)."""

from __future__ import annotations

import datetime as dt

from django.http import HttpRequest, HttpResponse
from ninja import Query, Router

from catchall.core.errors import InputError
from catchall.web.api.auth import API_AUTH
from catchall.web.api.errors import read_json_body
from catchall.web.denials.permissions import require_read, require_write
from catchall.web.denials.selectors import denial_dict, denial_for, denials_for
from catchall.web.denials.services import denial_revoke, denials_export, denials_import_data

router = Router(tags=["denials"], auth=API_AUTH)
MAX_LIMIT = 1000
MAX_OFFSET = 10**9
CONTENT_TYPES = {
    "lite-csv": "text/csv; charset=utf-8",
    "csv": "text/csv; charset=utf-8",
    "json": "application/json",
}

IMPORT_BODY = {
    "type": "object",
    "required": ["notifications"],
    "properties": {
        "notifications": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["reference", "notifying_government", "parties"],
                "properties": {
                    "reference": {"type": "string"},
                    "notifying_government": {
                        "type": "string",
                        "description": "ISO alpha-2 or country name",
                    },
                    "regime_reg_ref": {"type": "string"},
                    "regime": {"enum": ["MTCR", "WA", "NSG", ""]},
                    "denial_cle": {
                        "type": "string",
                        "description": "control entries; blank for catch-all",
                    },
                    "mtcr_item": {"type": "string"},
                    "item_kind": {"type": "string"},
                    "item_description": {"type": "string"},
                    "end_use": {"type": "string"},
                    "reason_for_refusal": {"type": "string"},
                    "denied_on": {"type": "string", "format": "date"},
                    "valid_until": {"type": "string", "format": "date"},
                    "status": {"enum": ["active", "revoked"]},
                    "parties": {
                        "type": "array",
                        "minItems": 1,
                        "items": {
                            "type": "object",
                            "required": ["name"],
                            "properties": {
                                "name": {"type": "string"},
                                "address": {"type": "string"},
                                "country": {"type": "string"},
                                "entity_type": {"type": "string"},
                            },
                        },
                    },
                },
            },
        }
    },
}


def _allowed(request: HttpRequest, write: bool = False) -> None:
    """The role check comes first, so an outsider learns nothing from validation errors."""
    (require_write if write else require_read)(request.user)


def _date(value: str | None, name: str) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise InputError(f"{value!r} is not a date YYYY-MM-DD", name) from None


@router.get("/denials", summary="List denial notifications")
def list_denials(
    request: HttpRequest,
    direction: str | None = None,
    status: str | None = None,
    government: str | None = None,
    q: str | None = None,
    valid_on: str | None = None,
    limit: int = Query(100, ge=1, le=MAX_LIMIT),
    offset: int = Query(0, ge=0, le=MAX_OFFSET),
):
    """Filters: direction (incoming/outgoing), status (active/revoked), government (alpha-2 code
    or country name), q (text in reference, entry, item or party name), valid_on (in force on
    YYYY-MM-DD)."""
    _allowed(request)
    day = _date(valid_on, "valid_on")
    qs = denials_for(
        request.user,
        direction=direction,
        status=status,
        government=government,
        q=q,
        valid_on=day,
    )
    total = qs.count()
    return {"count": total, "notifications": [denial_dict(n) for n in qs[offset : offset + limit]]}


@router.get("/denials/export", summary="Export denial notifications (LITE CSV, our CSV or JSON)")
def export_denials(request: HttpRequest, format: str = "lite-csv", direction: str = "outgoing"):
    _allowed(request)
    text = denials_export(format, direction, reader=request.user)
    ext = "json" if format == "json" else "csv"
    resp = HttpResponse(text, content_type=CONTENT_TYPES[format])
    resp["Content-Disposition"] = f'attachment; filename="denials-{direction}.{ext}"'
    return resp


@router.get("/denials/{int:denial_id}", summary="One denial notification")
def get_denial(request: HttpRequest, denial_id: int):
    return denial_dict(denial_for(request.user, denial_id))


@router.post(
    "/denials/import",
    summary="Import denial notifications (our JSON format)",
    openapi_extra={
        "requestBody": {"content": {"application/json": {"schema": IMPORT_BODY}}, "required": True}
    },
)
def import_denials(request: HttpRequest):
    """Re-importing a government's reference updates it; bad records are skipped and reported."""
    _allowed(request, write=True)
    doc = read_json_body(request)
    if not isinstance(doc, dict):
        raise InputError("send an object with notifications", "body")
    outcome = denials_import_data(doc, file_name="api", actor=request.user)
    return outcome.as_dict()


@router.post("/denials/{int:denial_id}/revoke", summary="Revoke a denial notification")
def revoke_denial(request: HttpRequest, denial_id: int):
    _allowed(request, write=True)
    body = read_json_body(request)
    comment = body.get("comment") if isinstance(body, dict) else None
    if not isinstance(comment, str):
        raise InputError('send {"comment": "why it is revoked"}', "comment")
    denial_for(request.user, denial_id)
    n = denial_revoke(denial_id, comment=comment, actor=request.user)
    return denial_dict(n)
