"""HTTP Basic authentication for scripts and ERP systems (session auth serves the browser)."""

from __future__ import annotations

from django.contrib.auth import authenticate
from ninja.security import HttpBasicAuth


class BasicAuth(HttpBasicAuth):
    def authenticate(self, request, username, password):
        user = authenticate(request, username=username, password=password)
        return user if user is not None and user.is_active else None


basic_auth = BasicAuth()
