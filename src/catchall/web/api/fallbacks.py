"""Django's own error pages (no route matched, a crash outside the API's handlers) for /api/.

A script calling /api/ reads JSON, so under /api/ these answer in the API's error shape; every
other path keeps Django's HTML pages. django-ninja's own 405 is wrapped likewise.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed, JsonResponse
from django.views import defaults

PREFIX = "/api/"


def _is_api(request: HttpRequest) -> bool:
    return request.path_info.startswith(PREFIX)


def _json(error: str, status: int) -> JsonResponse:
    return JsonResponse({"error": error, "problems": []}, status=status)


def bad_request(request: HttpRequest, exception: Exception) -> HttpResponse:
    if _is_api(request):
        return _json("bad request", 400)
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
