"""API endpoint for assessment: thin."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Router

from catchall.core.schemas import application_schema
from catchall.web.api.auth import API_AUTH, api_auth
from catchall.web.api.errors import read_json_body
from catchall.web.assessment.services import assess_application
from catchall.web.classification.api import _list_date

router = Router(tags=["assessment"], auth=API_AUTH)


@router.post(
    "/assess",
    auth=api_auth("screen", "classify"),
    summary="Assess a licence application",
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {"application/json": {"schema": application_schema()}},
        },
        "responses": {422: {"description": "Invalid application: one problem per field"}},
    },
)
def assess_endpoint(request: HttpRequest, list_date: str | None = None) -> dict[str, Any]:
    """Licence requirement and grounds, catch-all, the six MTCR Guidelines factors, the
    recommendation with its decision rules, conditions, consultations, what would change it,
    each item's classification and each party's screening."""
    data = read_json_body(request)
    user = request.auth
    return assess_application(data, actor=user, context="api", at=_list_date(list_date)).as_dict()
