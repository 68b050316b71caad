"""Security #13: property-based fuzzing of the OpenAPI document: no input makes /api/ fail.

schemathesis reads /api/openapi.json through the WSGI app and, for every operation, sends
examples that fit the schema and examples that break it, signed in as a licensing officer
with HTTP Basic. Every answer must be below 500 (``not_a_server_error``). The run is
derandomized and bounded, so CI sees the same examples each time.
"""

from __future__ import annotations

import pytest
import schemathesis
from django.core.wsgi import get_wsgi_application
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error

from catchall.web.demo import ensure_user
from tests.web.api.conftest import basic

pytestmark = pytest.mark.django_db

MAX_EXAMPLES = 25

schema = schemathesis.openapi.from_wsgi("/api/openapi.json", get_wsgi_application())


@pytest.fixture(autouse=True)
def _keep_the_test_connection():
    """The WSGI handler closes "old" database connections when a request starts and finishes;
    inside a test's transaction on PostgreSQL that closes the test's own connection. Django's
    test client disconnects the same handler for the same reason."""
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


@pytest.fixture
def officer_auth(db) -> dict[str, str]:
    from catchall.web.accounts.models import Organisation

    org = Organisation.objects.create(name="Authority", kind="authority", country="DE")
    ensure_user("fuzz-officer", "licensing_officer", org)
    return {"Authorization": basic("fuzz-officer")}


@schema.parametrize()
@settings(
    max_examples=MAX_EXAMPLES,
    derandomize=True,
    database=None,
    deadline=None,
    suppress_health_check=list(HealthCheck),
)
def test_no_input_gives_a_server_error(case, officer_auth):
    case.call_and_validate(headers=officer_auth, checks=[not_a_server_error])
