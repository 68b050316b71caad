"""Who is calling the API: HTTP Basic for scripts and ERP systems, the session for the browser.

Basic is tried first and needs no CSRF token (a script has no cookie to forge); the session is
tried second and checks CSRF itself on unsafe methods, but only once it knows the caller is
signed in, so an anonymous caller gets 401 with a Basic challenge rather than a CSRF 403.
Every router that needs a caller declares ``auth=API_AUTH``.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import authenticate
from django.http import HttpRequest
from ninja.errors import HttpError
from ninja.security import APIKeyCookie, HttpBasicAuth
from ninja.utils import check_csrf

REALM = "catchall"
UNSAFE = frozenset({"POST", "PUT", "PATCH", "DELETE"})
# Sec-Fetch-Site values a browser sends when another site made it send the request.
FOREIGN_SITES = frozenset({"cross-site", "same-site"})


class BasicAuth(HttpBasicAuth):
    """``Authorization: Basic``; the user is also set on ``request.user`` for the services."""

    def authenticate(self, request: HttpRequest, username: str, password: str):
        if request.method in UNSAFE and request.headers.get("Sec-Fetch-Site") in FOREIGN_SITES:
            # A browser replays cached Basic credentials on a forged cross-site form: no
            # CSRF exemption for that.
            raise HttpError(403, "cross-site request refused")
        user = authenticate(request, username=username, password=password)
        if user is None or not user.is_active:
            return None
        request.user = user
        return user


class SessionAuth(APIKeyCookie):
    """Django's session cookie; CSRF is checked on unsafe methods for a signed-in user only."""

    param_name = settings.SESSION_COOKIE_NAME

    def __call__(self, request: HttpRequest):
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return None
        return super().__call__(request)  # _get_key runs the CSRF check

    def authenticate(self, request: HttpRequest, key: str | None):
        return request.user

    def _get_key(self, request: HttpRequest) -> str | None:
        exempt = getattr(request, "_ninja_csrf_exempt", False)
        if request.method in UNSAFE and not exempt and check_csrf(request) is not None:
            raise HttpError(403, "CSRF check failed: send the X-CSRFToken header")
        return request.COOKIES.get(self.param_name)


basic_auth = BasicAuth()
session_auth = SessionAuth()
API_AUTH = [basic_auth, session_auth]
