"""Django's own error pages (no route matched, a crash outside the API's handlers) for /api/.

A script calling /api/ reads JSON, so under /api/ these answer in the API's error shape; every
other path keeps Django's HTML pages, except a request too large to read (a form over
DATA_UPLOAD_MAX_MEMORY_SIZE or with too many fields), which gets a 413 page saying so in words
rather than Django's bare "Bad Request (400)". django-ninja's own 405 is wrapped likewise.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent
from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed, JsonResponse
from django.shortcuts import render
from django.views import defaults

PREFIX = "/api/"


def _is_api(request: HttpRequest) -> bool:
    return request.path_info.startswith(PREFIX)


def _json(error: str, status: int) -> JsonResponse:
    return JsonResponse({"error": error, "problems": []}, status=status)


def too_large_message(exception: Exception | None = None) -> str:
    """Why a request could not be read, in words (no setting names)."""
    if isinstance(exception, TooManyFieldsSent | TooManyFilesSent):
        return (
            f"the form has more than {settings.DATA_UPLOAD_MAX_NUMBER_FIELDS:,} fields "
            "or files, more than any page of catchall takes"
        )
    limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    size = f"{round(limit / 2**20, 1):g} MB" if limit >= 2**20 else f"{max(1, limit // 1024)} KB"
    return f"what was sent is larger than {size}, the most catchall reads in one request"


def bad_request(request: HttpRequest, exception: Exception) -> HttpResponse:
    too_large = isinstance(exception, RequestDataTooBig | TooManyFieldsSent | TooManyFilesSent)
    if _is_api(request):
        if too_large:
            return JsonResponse(
                {
                    "error": "request too large",
                    "problems": [{"field": "body", "message": too_large_message(exception)}],
                },
                status=413,
            )
        return _json("bad request", 400)
    if too_large:
        message = too_large_message(exception)
        return render(
            request,
            "core/bad_input.html",
            {"bad_input": [{"message": message[:1].upper() + message[1:]}]},
            status=413,
        )
    return defaults.bad_request(request, exception)


def permission_denied(request: HttpRequest, exception: Exception) -> HttpResponse:
    if _is_api(request):
        return _json(str(exception) or "not allowed", 403)
    return defaults.permission_denied(request, exception)


def page_not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    if _is_api(request):
        return _json(f"no API endpoint at {request.path_info}", 404)
    return defaults.page_not_found(request, exception)


def server_error(request: HttpRequest) -> HttpResponse:
    if _is_api(request):
        return _json("internal server error", 500)
    return defaults.server_error(request)


def json_method_not_allowed(view: Callable) -> Callable:
    """Wrap a django-ninja path view: its plain-text 405 becomes the API's JSON error shape."""

    @functools.wraps(view)  # keeps csrf_exempt
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        response = view(request, *args, **kwargs)
        if isinstance(response, HttpResponseNotAllowed):
            allowed = response["Allow"]
            response = _json(f"method {request.method} not allowed; use {allowed}", 405)
            response["Allow"] = allowed
        return response

    return wrapper
