"""Security #12: HTTP Basic is checked before the session's CSRF check; anonymous callers get 401.

curl -u officer:password --data @application.json /api/assess (the README's own example) must
work without a CSRF token; a cookie session still needs one; nobody signed in gets 401 with a
Basic challenge and the JSON error body, not 403.
"""

from __future__ import annotations

import json

import pytest

from tests.web.api.conftest import basic

pytestmark = pytest.mark.django_db

ITEM = {"kind": "flow-forming machine", "description": "two rollers"}
BODY = json.dumps(
    {
        "reference": "T-1",
        "exporter": {"name": "Neckar Umformtechnik GmbH", "country": "DE"},
        "destination": "FR",
        "end_user": {"name": "Aero Composites SA", "country": "FR"},
        "end_use": "civil aircraft parts",
        "items": [ITEM],
    }
)

# One authenticated POST per router that declares auth, and one GET.
POSTS = ["/api/assess", "/api/screen", "/api/cases", "/api/denials/import"]


def test_readme_curl_basic_post_is_not_refused_for_csrf(csrf_client, officer):
    r = csrf_client.post(
        "/api/assess",
        data=BODY,
        content_type="application/json",
        HTTP_AUTHORIZATION=basic("officer"),
    )
    assert r.status_code != 403, r.content
    assert r.status_code in (200, 422), r.content


def test_basic_screen_post_works_without_csrf_token(csrf_client, officer):
    r = csrf_client.post(
        "/api/screen",
        data=json.dumps({"name": "Aero Composites SA", "country": "FR"}),
        content_type="application/json",
        HTTP_AUTHORIZATION=basic("officer"),
    )
    assert r.status_code == 200, r.content
    assert r.json()["decision"] in ("match", "possible", "clear")


def test_denials_accept_basic_auth_too(csrf_client, officer):
    r = csrf_client.get("/api/denials", HTTP_AUTHORIZATION=basic("officer"))
    assert r.status_code == 200, r.content
    r = csrf_client.post(
        "/api/denials/import",
        data=json.dumps({"notifications": []}),
        content_type="application/json",
        HTTP_AUTHORIZATION=basic("officer"),
    )
    assert r.status_code != 403 or "CSRF" not in r.json()["error"], r.content


@pytest.mark.parametrize("path", POSTS)
def test_anonymous_post_gets_401_with_basic_challenge(csrf_client, path):
    r = csrf_client.post(path, data=BODY, content_type="application/json")
    assert r.status_code == 401, r.content
    assert r["WWW-Authenticate"] == 'Basic realm="catchall"'
    assert r["Content-Type"].startswith("application/json")
    assert r.json() == {"error": "authentication required", "problems": []}


@pytest.mark.parametrize(
    "path", ["/api/cases", "/api/lists", "/api/denials", "/api/regime/proposals"]
)
def test_anonymous_get_gets_401_with_basic_challenge(csrf_client, path):
    r = csrf_client.get(path)
    assert r.status_code == 401, r.content
    assert r["WWW-Authenticate"] == 'Basic realm="catchall"'
    assert r.json()["error"] == "authentication required"


def test_wrong_password_gets_401(csrf_client, officer):
    r = csrf_client.post(
        "/api/screen",
        data=json.dumps({"name": "X"}),
        content_type="application/json",
        HTTP_AUTHORIZATION=basic("officer", "wrong"),
    )
    assert r.status_code == 401, r.content
    assert r["WWW-Authenticate"] == 'Basic realm="catchall"'


def test_cookie_session_post_without_csrf_token_is_still_refused(csrf_client, officer):
    csrf_client.force_login(officer)
    r = csrf_client.post(
        "/api/screen",
        data=json.dumps({"name": "Aero Composites SA"}),
        content_type="application/json",
    )
    assert r.status_code == 403, r.content
    assert "CSRF" in r.json()["error"]


def test_cookie_session_post_with_csrf_token_works(csrf_client, officer):
    csrf_client.force_login(officer)
    csrf_client.get("/cases/")  # any page sets the CSRF cookie
    token = csrf_client.cookies["csrftoken"].value
    r = csrf_client.post(
        "/api/screen",
        data=json.dumps({"name": "Aero Composites SA"}),
        content_type="application/json",
        HTTP_X_CSRFTOKEN=token,
    )
    assert r.status_code == 200, r.content


def test_cookie_session_get_needs_no_token(csrf_client, officer):
    csrf_client.force_login(officer)
    assert csrf_client.get("/api/cases").status_code == 200


def test_basic_from_a_cross_site_browser_form_is_refused(csrf_client, officer):
    """A browser caches Basic credentials and sends them with a forged cross-site form: the
    CSRF exemption for Basic must not reach those requests."""
    r = csrf_client.post(
        "/api/screen",
        data=json.dumps({"name": "Aero Composites SA"}),
        content_type="text/plain",
        HTTP_AUTHORIZATION=basic("officer"),
        HTTP_SEC_FETCH_SITE="cross-site",
    )
    assert r.status_code == 403, r.content
    assert r.json()["problems"] == [] and r.json()["error"]
