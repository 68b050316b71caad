"""Users for the API tests: a licensing officer and an exporter, and their Basic headers."""

from __future__ import annotations

import base64

import pytest
from django.test import Client

from catchall.web.demo import PASSWORD, ensure_user


def basic(username: str, password: str = PASSWORD) -> str:
    """The value of an HTTP Basic ``Authorization`` header, as curl -u sends it."""
    return "Basic " + base64.b64encode(f"{username}:{password}".encode()).decode()


@pytest.fixture
def officer(db):
    from catchall.web.accounts.models import Organisation

    org = Organisation.objects.create(
        name="Export Control Authority", kind="authority", country="DE"
    )
    return ensure_user("officer", "licensing_officer", org, "Olga Officer")


@pytest.fixture
def csrf_client() -> Client:
    """Django's test client skips CSRF unless told otherwise; these tests need the real check."""
    return Client(enforce_csrf_checks=True)
