"""A licensing officer and an exporter, and the worked example applications (tests/fixtures)."""

from __future__ import annotations

import json

import pytest

from catchall.web.demo import PASSWORD, ensure_user
from tests.conftest import fixture_path


@pytest.fixture
def officer(db):
    from catchall.web.accounts.models import Organisation

    org = Organisation.objects.create(
        name="Export Control Authority", kind="authority", country="DE"
    )
    return ensure_user("officer", "licensing_officer", org, "Olga Officer")


@pytest.fixture
def exporter(db):
    from catchall.web.accounts.models import Organisation

    org = Organisation.objects.create(
        name="Neckar Umformtechnik GmbH", kind="exporter", country="DE"
    )
    return ensure_user("exporter", "exporter", org, "Erik Exporter")


@pytest.fixture
def password() -> str:
    return PASSWORD


def example(name: str) -> dict:
    return json.loads(fixture_path("examples", "applications", name).read_text())
