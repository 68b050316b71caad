"""Who is calling the API: a Bearer token or HTTP Basic for scripts and ERP systems, the
session for the browser.

A Bearer token (web/tokens) acts as the user who created it, limited to the token's scopes:
a GET needs ``read``; an unsafe method needs the scopes its endpoint declares with
:func:`api_auth` (``screen``, ``classify``, ``apply``), and an endpoint that declares none
refuses tokens (403). The user's role is checked by the endpoint as for any caller, so a token
never does more than its user may. An unknown, expired or revoked token, or one whose user is
no longer an administrator of its organisation, gets 401, never a
fall-through to another method.

Basic is tried next and needs no CSRF token (a script has no cookie to forge); the session is
tried second and checks CSRF itself on unsafe methods, but only once it knows the caller is
signed in, so an anonymous caller gets 401 with a Basic challenge rather than a CSRF 403.
Every router that needs a caller declares ``auth=API_AUTH``.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import authenticate
from django.http import HttpRequest
from ninja.errors import AuthenticationError, HttpError
from ninja.security import APIKeyCookie, HttpBasicAuth, HttpBearer
from ninja.utils import check_csrf

REALM = "catchall"
SAFE = frozenset({"GET", "HEAD", "OPTIONS"})
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


class TokenRefused(AuthenticationError):
    """A Bearer token that is unknown, expired or revoked: 401 with a Bearer challenge."""

    def __init__(self, message: str = "the API token is invalid, expired or revoked"):
        super().__init__(401, message)


class BearerAuth(HttpBearer):
    """``Authorization: Bearer <token>``; ``scopes`` are those the endpoint needs (none: a GET
    needs ``read`` and any other method is refused to tokens)."""

    # ninja builds the OpenAPI security scheme from the openapi_* attributes
    openapi_bearerFormat = "catchall API token (ca_...)"  # noqa: N815
    openapi_description = (
        "An API token created by an exporter's administrator on /account/tokens/, acting as "
        "that person within the token's scopes: read (GET), screen (POST /api/screen), "
        "classify (POST /api/classify), screen and classify (POST /api/assess), apply "
        "(POST /api/cases and case actions). Other POSTs refuse tokens (403); an unknown, "
        "expired or revoked token gets 401."
    )

    def __init__(self, scopes: frozenset[str] = frozenset()) -> None:
        super().__init__()
        self.scopes = frozenset(scopes)

    def authenticate(self, request: HttpRequest, token: str):
        from catchall.web.tokens.services import token_authenticate

        found = token_authenticate(token.strip(), path=request.path)
        if found is None:
            raise TokenRefused()
        needed = self.scopes or ({"read"} if request.method in SAFE else None)
        if needed is None:
            raise HttpError(403, "API tokens may not call this endpoint: sign in as a person")
        missing = sorted(needed - set(found.scopes))
        if missing:
            raise HttpError(403, f"this API token lacks the scope: {', '.join(missing)}")
        request.user = found.user
        request.api_token = found
        return found.user


class Anonymous:
    """The last resort of a public endpoint: anyone may call it (``request.auth`` is None's
    stand-in, an anonymous marker)."""

    def __call__(self, request: HttpRequest):
        return "anonymous"


basic_auth = BasicAuth()
session_auth = SessionAuth()
bearer_auth = BearerAuth()
API_AUTH = [bearer_auth, basic_auth, session_auth]


def api_auth(*scopes: str) -> list:
    """The authentication of an endpoint that tokens with ``scopes`` may call."""
    return [BearerAuth(frozenset(scopes)), basic_auth, session_auth]


def public_auth(*scopes: str) -> list:
    """A public endpoint: anyone may call it, but a Bearer token presented must be valid and
    have ``scopes`` (a system learns at once that its token is wrong)."""
    return [BearerAuth(frozenset(scopes)), Anonymous()]
