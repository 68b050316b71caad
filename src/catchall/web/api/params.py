"""Query and path parameters refused before any endpoint sees them.

A NUL character is legal in a URL but not in PostgreSQL text, so a ``?q=%00`` would reach the
database and fail there (HTTP 500). It is refused here as 422 naming the parameter.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from django.http import HttpRequest, HttpResponse, JsonResponse


def bad_parameters(request: HttpRequest, path_params: dict[str, Any]) -> list[dict[str, str]]:
    """One problem per query or path parameter holding a NUL character."""
    problems = []
    for name, value in path_params.items():
        if isinstance(value, str) and "\x00" in value:
            problems.append({"field": name, "message": "contains a NUL character"})
    for name, values in request.GET.lists():
        if "\x00" in name or any("\x00" in v for v in values):
            problems.append(
                {"field": name.replace("\x00", ""), "message": "contains a NUL character"}
            )
    return problems


def refuse_bad_parameters(view: Callable) -> Callable:
    """Wrap a django-ninja path view so bad parameters never reach it."""

    @functools.wraps(view)  # keeps csrf_exempt
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        problems = bad_parameters(request, kwargs)
        if problems:
            return JsonResponse({"error": "invalid input", "problems": problems}, status=422)
        return view(request, *args, **kwargs)

    return wrapper
