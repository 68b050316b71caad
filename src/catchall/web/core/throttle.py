"""Login throttling with django-axes: which address a request comes from, and the lockout answer.

Failed logins are counted per username and address (settings.AXES_*); the pair that reaches the
limit is refused until the cool-off ends, on the login page and on the API's HTTP Basic auth.
"""

from __future__ import annotations

import math

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render


def client_ip(request: HttpRequest) -> str:
    """The client's address: REMOTE_ADDR, or behind our proxy the address it appended last."""
    if getattr(settings, "CATCHALL_BEHIND_PROXY", False):
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        hops = [h.strip() for h in forwarded.split(",") if h.strip()]
        if hops:
            return hops[-1]
    return request.META.get("REMOTE_ADDR", "")


def cooloff_minutes() -> int:
    return max(1, math.ceil(settings.AXES_COOLOFF_TIME.total_seconds() / 60))


def lockout_response(request: HttpRequest, original_response=None, credentials=None):
    """HTTP 429 with Retry-After: our JSON error body for the API, a page for a browser."""
    minutes = cooloff_minutes()
    message = (
        f"too many failed logins for this username from this address; "
        f"try again in {minutes} minutes"
    )
    if request.path.startswith("/api/"):
        response: HttpResponse = JsonResponse(
            {
                "error": "locked out",
                "problems": [{"field": "authorization", "message": message}],
            },
            status=429,
        )
    else:
        response = render(
            request,
            "registration/locked_out.html",
            {"minutes": minutes, "failure_limit": settings.AXES_FAILURE_LIMIT},
            status=429,
        )
    response["Retry-After"] = str(minutes * 60)
    return response
