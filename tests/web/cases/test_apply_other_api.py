"""The API classifies an item of kind "other" as undetermined, not as a server error."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db


def test_the_api_answers_controlled_null_with_the_reason_for_an_other_item(client):
    resp = client.post(
        "/api/classify",
        {"description": "Gyroscope test rig", "kind": "other"},
        content_type="application/json",
    )
    assert resp.status_code == 200
    body = resp.json()
    assert body["controlled"] is None
    assert body["reason"] == "not rated automatically: the technical expert rates it"
