"""The login page in the GOV.UK error pattern: an empty field is named at its input, a wrong
pair is one message at the username; the username typed is kept, the password never is."""

from __future__ import annotations

import re

import pytest

from catchall.web.demo import PASSWORD, ensure_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def olga(db):
    from catchall.web.accounts.models import Organisation

    org = Organisation.objects.create(name="Authority", kind="authority", country="DE")
    return ensure_user("olga", "licensing_officer", org, "Olga Officer")


def summary_links(html: str) -> list[tuple[str, str]]:
    summary = html.split('class="govuk-error-summary"')[1].split("</ul>")[0]
    return re.findall(r'<a href="#([a-z_]+)"[^>]*>([^<]+)</a>', summary)


def test_a_wrong_password_is_one_message_at_the_username_and_keeps_it(client, olga):
    r = client.post("/login/", {"username": "olga", "password": "not it"})
    html = r.content.decode()
    assert r.status_code == 200 and "_auth_user_id" not in client.session
    assert "<title>Error: Log in" in html
    assert summary_links(html) == [("id_username", "Enter a correct username and password")]
    assert 'id="id_username-error"' in html and 'value="olga"' in html
    assert "not it" not in html  # the password is never sent back


def test_empty_fields_are_named_each_at_its_input(client, olga):
    html = client.post("/login/", {"username": "", "password": ""}).content.decode()
    assert summary_links(html) == [
        ("id_username", "Enter your username"),
        ("id_password", "Enter your password"),
    ]
    assert html.count("govuk-form-group--error") == 2
    assert 'aria-describedby="id_password-error"' in html


def test_the_right_pair_logs_in(client, olga):
    r = client.post("/login/", {"username": "olga", "password": PASSWORD})
    assert r.status_code == 302 and client.session.get("_auth_user_id") == str(olga.pk)
