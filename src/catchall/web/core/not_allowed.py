"""The pages' one mapping of "not allowed": a service's NotAllowed that no form handled becomes
the 403 page, as Django's own PermissionDenied does (the API maps it in api/urls.py)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.core.handlers.exception import response_for_exception

from catchall.core.errors import NotAllowed


class NotAllowedMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, NotAllowed):
            return response_for_exception(request, PermissionDenied(str(exception)))
        return None
