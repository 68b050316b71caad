"""The demo accounts let a newcomer try every journey the README describes, API tokens too."""

from __future__ import annotations

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


def test_one_demo_exporter_administers_its_organisations_api_tokens(client):
    from django.contrib.auth import get_user_model

    from catchall.web.demo import load_demo

    load_demo()
    admin, plain = Client(), Client()
    users = get_user_model().objects
    admin.force_login(users.get(username="demo-exporter"))
    plain.force_login(users.get(username="demo-exporter2"))
    page = admin.get("/account/tokens/")
    assert page.status_code == 200
    assert 'href="/account/tokens/"' in admin.get("/").content.decode()  # in the navigation
    assert plain.get("/account/tokens/").status_code == 403
    login = client.get("/login/").content.decode()
    assert "its organisation&#x27;s administrator" in login
