"""Sliding session expiry without a database write on every request.

A session ends after ``SESSION_COOKIE_AGE`` without a request. Django's
``SESSION_SAVE_EVERY_REQUEST`` keeps that promise by rewriting the session row (and resending
the cookie) on every page: one write per page view, which on SQLite takes the database's one
write lock and waits for the disk. Here the session is saved again only when its last renewal
is older than ``CATCHALL_SESSION_RENEW_SECONDS`` (default 300): the expiry still slides with
every request, to within that many seconds, and an ordinary page view writes nothing.
"""

from __future__ import annotations

import time

from django.conf import settings

RENEWED = "_catchall_renewed"  # when this session's expiry was last pushed back (epoch seconds)


class SessionRenewalMiddleware:
    """Sits after SessionMiddleware: marks a signed-in session modified when it is due for
    renewal, so SessionMiddleware saves it and sends its cookie with a fresh expiry."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        session = getattr(request, "session", None)
        # An empty session (a visitor who never signed in, a cookie naming no session) is
        # never created here; reading the session loads it, so ask again after the read.
        if session is None or session.is_empty():
            return response
        last = session.get(RENEWED)
        if session.is_empty():
            return response
        now = int(time.time())
        every = int(getattr(settings, "CATCHALL_SESSION_RENEW_SECONDS", 300))
        if not isinstance(last, int) or now - last >= every or last > now:
            session[RENEWED] = now  # modified: saved, and the cookie's expiry renewed
        return response
