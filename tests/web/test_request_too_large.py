"""A form too large to read gets a 413 page in the GOV.UK error pattern saying why, not
Django's bare "Bad Request (400)"; under /api/ the same is JSON naming the body."""

from __future__ import annotations

import pytest
from django.test import Client

from catchall.web.demo import ensure_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def exporter(db):
    from catchall.web.accounts.models import Organisation

    org = Organisation.objects.create(name="Neckar Umformtechnik", kind="exporter", country="DE")
    c = Client()
    c.force_login(ensure_user("big-sender", "exporter", org))
    return c


def test_a_form_over_the_size_limit_gets_a_413_page_in_words(exporter, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
    r = exporter.post("/classify/", {"document": "a" * (3 * 1024 * 1024)})
    assert r.status_code == 413
    html = r.content.decode()
    assert "<title>Error:" in html and "govuk-error-summary" in html
    assert "larger than 2 MB" in html and "Bad Request" not in html


def test_a_form_with_too_many_fields_gets_a_413_page_in_words(exporter, settings):
    settings.DATA_UPLOAD_MAX_NUMBER_FIELDS = 10
    r = exporter.post("/screen/", {f"f{i}": "x" for i in range(20)})
    assert r.status_code == 413
    assert "more than 10 fields" in r.content.decode()


def test_the_api_says_the_same_in_json(exporter, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1024
    r = Client().post(
        "/api/classify", '{"description": "' + "a" * 4000 + '"}', content_type="application/json"
    )
    assert r.status_code == 413
    problem = r.json()["problems"][0]
    assert problem["field"] == "body" and "larger than 1 KB" in problem["message"]
