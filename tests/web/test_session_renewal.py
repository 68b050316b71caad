"""A session slides: each request pushes its expiry back, but the session row is rewritten
only when its last renewal is older than CATCHALL_SESSION_RENEW_SECONDS (no write per page)."""

from __future__ import annotations

import pytest
from django.contrib.sessions.models import Session
from django.test import Client

from catchall.web.accounts.models import Organisation
from catchall.web.core.session_renewal import RENEWED
from catchall.web.demo import ensure_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def signed_in():
    org = Organisation.objects.create(name="Authority", kind="authority", country="DE")
    user = ensure_user("lena", "licensing_officer", org, "Lena Licensing")
    c = Client()
    c.force_login(user)
    c.get("/cases/")  # the first page after signing in renews (stamps) the session
    return c


def _row(client) -> Session:
    return Session.objects.get(session_key=client.cookies["sessionid"].value)


def test_a_page_view_within_the_window_writes_nothing(signed_in):
    before = _row(signed_in).expire_date
    response = signed_in.get("/cases/")
    assert response.status_code == 200
    assert "sessionid" not in response.cookies  # no fresh cookie either
    assert _row(signed_in).expire_date == before


def test_a_request_after_the_window_pushes_the_expiry_back(signed_in):
    session = signed_in.session
    session[RENEWED] = session[RENEWED] - 301  # renewed more than 5 minutes ago
    session.save()
    before = _row(signed_in).expire_date
    response = signed_in.get("/cases/")
    assert response.status_code == 200
    assert response.cookies["sessionid"]["max-age"] == 8 * 60 * 60
    assert _row(signed_in).expire_date > before


def test_a_visitor_gets_no_session_and_a_stale_cookie_makes_none():
    c = Client()
    assert c.get("/login/").status_code == 200
    c.cookies["sessionid"] = "no-such-session-key-0123456789abcdef"
    assert c.get("/login/").status_code == 200
    assert not Session.objects.exists()
