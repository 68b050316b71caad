"""Logins are throttled: after five wrong passwords for one username from one address, even the
right password is refused for a while, on the login page and on the API's HTTP Basic auth.
Demo accounts are listed on the login page only where demo data was loaded on purpose, and real
passwords must pass Django's four standard validators."""

from __future__ import annotations

import base64

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery staple"
LIMIT = 5


@pytest.fixture
def officer():
    from catchall.web.demo import AUTHORITY, _org, ensure_user

    return ensure_user("olga", "licensing_officer", _org(*AUTHORITY), "Olga Officer", PASSWORD)


def login(client, username: str, password: str, ip: str = "203.0.113.7"):
    return client.post(
        "/login/", {"username": username, "password": password}, REMOTE_ADDR=ip, follow=False
    )


def logged_in(client) -> bool:
    return "_auth_user_id" in client.session


def test_a_wrong_password_guesser_is_locked_out_even_when_the_guess_is_right(client, officer):
    for _ in range(LIMIT - 1):
        r = login(client, "olga", "wrong")
        assert r.status_code == 200 and not logged_in(client)
    assert login(client, "olga", "wrong").status_code == 429  # the fifth failure locks
    r = login(client, "olga", PASSWORD)
    assert r.status_code == 429
    assert not logged_in(client)
    page = r.content.decode()
    assert "You have been locked out" in page and "15 minutes" in page
    assert "<footer>" in page  # the site's own layout, not a bare text response
    assert int(r["Retry-After"]) == 15 * 60


def test_the_lockout_is_for_that_username_from_that_address_only(client, officer):
    from catchall.web.demo import AUTHORITY, _org, ensure_user

    ensure_user("other", "licensing_officer", _org(*AUTHORITY), "Other Officer", PASSWORD)
    for _ in range(LIMIT):
        login(client, "olga", "wrong")
    assert login(client, "olga", PASSWORD).status_code == 429
    # The same person from another address, and another user from the same address, get in.
    assert login(client, "olga", PASSWORD, ip="198.51.100.2").status_code == 302
    client.logout()
    assert login(client, "other", PASSWORD).status_code == 302


def test_fewer_failures_than_the_limit_and_a_success_start_the_count_again(client, officer):
    for _ in range(LIMIT - 1):
        login(client, "olga", "wrong")
    assert login(client, "olga", PASSWORD).status_code == 302
    client.logout()
    for _ in range(LIMIT - 1):
        login(client, "olga", "wrong")
    assert login(client, "olga", PASSWORD).status_code == 302


def test_api_basic_auth_failures_count_and_the_lockout_is_json(client, officer):
    def get(password: str):
        token = base64.b64encode(f"olga:{password}".encode()).decode()
        return client.get(
            "/api/cases", HTTP_AUTHORIZATION=f"Basic {token}", REMOTE_ADDR="203.0.113.9"
        )

    assert get(PASSWORD).status_code == 200
    for _ in range(LIMIT - 1):
        assert get("wrong").status_code == 401
    assert get("wrong").status_code == 429
    r = get(PASSWORD)
    assert r.status_code == 429
    body = r.json()
    assert body["error"] == "locked out"
    assert body["problems"][0]["field"] == "authorization"
    assert "15 minutes" in body["problems"][0]["message"]


def test_the_login_page_lists_demo_accounts_only_after_demo_data_was_loaded(client):
    from catchall.web.demo import load_demo, load_users

    # Accounts that happen to be named demo-* are not advertised with a password.
    load_users()
    page = client.get("/login/").content.decode()
    assert "Demo users" not in page and "demo-officer" not in page

    load_demo()
    page = client.get("/login/").content.decode()
    assert "Demo users" in page and "demo-officer" in page


def test_serve_loads_no_demo_data_unless_asked():
    from typer.main import get_command

    from catchall.cli import app

    serve = get_command(app).commands["serve"]
    demo = next(p for p in serve.params if p.name == "demo")
    assert demo.default is False


@pytest.mark.parametrize(
    "password, why",
    [
        ("olga-officer", "too similar to the username"),
        ("Kx7#pQ", "too short"),
        ("password123", "too common"),
        ("48151623429108", "entirely numeric"),
    ],
)
def test_passwords_must_pass_the_four_standard_validators(password, why):
    user = get_user_model()(username="olga-officer", first_name="Olga", last_name="Officer")
    with pytest.raises(ValidationError) as excinfo:
        validate_password(password, user)
    assert why.split()[-1] in " ".join(excinfo.value.messages)


def test_a_strong_password_passes_the_validators():
    user = get_user_model()(username="olga-officer")
    validate_password(PASSWORD, user)


def test_one_guess_at_each_of_many_accounts_locks_the_address(client, officer, settings):
    """Password spraying: a few guesses per username never reach the per-username limit, so
    the address is counted over every username too."""
    settings.CATCHALL_LOGIN_ADDRESS_FAILURE_LIMIT = 12
    for i in range(11):
        assert login(client, f"someone-{i}", "Winter2026!").status_code == 200
    r = login(client, f"someone-{11}", "Winter2026!")
    assert r.status_code == 429
    assert "from your network address" in r.content.decode()
    # even the right password of an account never guessed at is refused from that address
    r = login(client, "olga", PASSWORD)
    assert r.status_code == 429 and not logged_in(client)
    # another address is not affected
    assert login(client, "olga", PASSWORD, ip="198.51.100.2").status_code == 302


def test_the_address_lockout_is_json_on_the_api(client, officer, settings):
    settings.CATCHALL_LOGIN_ADDRESS_FAILURE_LIMIT = 3
    for i in range(3):
        token = base64.b64encode(f"user{i}:wrong".encode()).decode()
        client.get("/api/cases", HTTP_AUTHORIZATION=f"Basic {token}", REMOTE_ADDR="203.0.113.9")
    token = base64.b64encode(f"olga:{PASSWORD}".encode()).decode()
    r = client.get("/api/cases", HTTP_AUTHORIZATION=f"Basic {token}", REMOTE_ADDR="203.0.113.9")
    assert r.status_code == 429
    message = r.json()["problems"][0]["message"]
    assert message.startswith("too many failed logins from this address")
