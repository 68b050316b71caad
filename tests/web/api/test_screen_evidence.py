"""POST /api/screen takes a party's date of birth, nationality and identifiers (issue 14 #3)."""

from __future__ import annotations

import json

import pytest
from django.test import Client

from tests.web.api.conftest import basic

pytestmark = pytest.mark.django_db


@pytest.fixture
def api(officer) -> Client:
    return Client(raise_request_exception=False, HTTP_AUTHORIZATION=basic("officer"))


def _post(api, body):
    return api.post("/api/screen", data=json.dumps(body), content_type="application/json")


def test_evidence_fields_are_accepted(api):
    r = _post(
        api,
        {
            "name": "KOMID",
            "dob": "1964",
            "nationality": "KP",
            "identifiers": ["registration:12345"],
        },
    )
    assert r.status_code == 200, r.content[:300]
    assert r.json()["decision"] == "match"


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"name": "KOMID", "dob": "17/07/1964"}, "dob"),
        ({"name": "KOMID", "dob": 1964}, "dob"),
        ({"name": "KOMID", "nationality": "XQ"}, "nationality"),
        ({"name": "KOMID", "identifiers": "passport:A1"}, "identifiers"),
        ({"name": "KOMID", "identifiers": ["visa:123456"]}, "identifiers[0]"),
        ({"parties": [{"name": "KOMID", "dob": "1964-13"}]}, "parties[0].dob"),
    ],
)
def test_bad_evidence_is_422_naming_the_field(api, body, field):
    r = _post(api, body)
    assert r.status_code == 422, r.content[:300]
    assert field in [p["field"] for p in r.json()["problems"]], r.json()
