"""Login throttling with django-axes: which address a request comes from, and the lockout answer.

Failed logins are counted per username and address (settings.AXES_*); the pair that reaches the
limit is refused until the cool-off ends, on the login page and on the API's HTTP Basic auth.
An address is also refused once its failures over every username reach a higher limit
(CATCHALL_LOGIN_ADDRESS_FAILURE_LIMIT): one guess at each of many accounts (password spraying)
never reaches the per-username limit.
"""

from __future__ import annotations

import math

from axes.handlers.database import AxesDatabaseHandler
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Sum
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils import timezone


def client_ip(request: HttpRequest) -> str:
    """The client's address: REMOTE_ADDR, or behind our proxy the address it appended last."""
    if getattr(settings, "CATCHALL_BEHIND_PROXY", False):
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        hops = [h.strip() for h in forwarded.split(",") if h.strip()]
        if hops:
            return hops[-1]
    return request.META.get("REMOTE_ADDR", "")


def address_failures(request: HttpRequest) -> int:
    """Failed logins from the request's address within the cool-off, over every username."""
    ip = getattr(request, "axes_ip_address", None) or client_ip(request)
    since = timezone.now() - settings.AXES_COOLOFF_TIME
    rows = AccessAttempt.objects.filter(ip_address=ip, attempt_time__gte=since)
    return rows.aggregate(n=Sum("failures_since_start"))["n"] or 0


class AddressAwareHandler(AxesDatabaseHandler):
    """django-axes' database handler, with the whole address locked past its own limit."""

    def _address_locked(self, request) -> bool:
        if address_failures(request) >= settings.CATCHALL_LOGIN_ADDRESS_FAILURE_LIMIT:
            request.catchall_address_locked = True
            return True
        return False

    def is_locked(self, request, credentials=None) -> bool:
        return super().is_locked(request, credentials) or self._address_locked(request)

    def user_login_failed(self, sender, credentials: dict, request=None, **kwargs):
        super().user_login_failed(sender, credentials, request, **kwargs)
        already = request is None or getattr(request, "axes_locked_out", False)
        if not already and self._address_locked(request):
            request.axes_locked_out = True
            request.axes_credentials = credentials


def cooloff_minutes() -> int:
    return max(1, math.ceil(settings.AXES_COOLOFF_TIME.total_seconds() / 60))


def lockout_response(request: HttpRequest, original_response=None, credentials=None):
    """HTTP 429 with Retry-After: our JSON error body for the API, a page for a browser."""
    minutes = cooloff_minutes()
    whom = "" if getattr(request, "catchall_address_locked", False) else "for this username "
    message = f"too many failed logins {whom}from this address; try again in {minutes} minutes"
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
            {
                "minutes": minutes,
                "failure_limit": settings.AXES_FAILURE_LIMIT,
                "address": getattr(request, "catchall_address_locked", False),
            },
            status=429,
        )
    response["Retry-After"] = str(minutes * 60)
    return response
