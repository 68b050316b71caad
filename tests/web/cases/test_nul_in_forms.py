"""A NUL character in a page's form field or query parameter is refused with a 422 page naming
the field, and nothing is written (PostgreSQL text cannot hold it: stored, it would be a 500
there). The CSRF check still comes first; the API keeps its own JSON answer."""

from __future__ import annotations

import pytest
from django.test import Client

from catchall.web.audit.models import AuditEvent
from catchall.web.cases.models import CaseNote
from catchall.web.cases.services import case_act, case_create
from catchall.web.tokens.models import ApiToken

pytestmark = pytest.mark.django_db


def _client(user, **kw) -> Client:
    c = Client(**kw)
    c.force_login(user)
    return c


@pytest.fixture
def submitted(users, app_data):
    case = case_create(actor=users["exporter"], data=app_data)
    case_act(case, "submit", actor=users["exporter"])
    case.refresh_from_db()
    return case


def test_a_note_with_a_nul_is_refused_naming_the_field_and_nothing_is_written(users, submitted):
    exporter = _client(users["exporter"])
    before = CaseNote.objects.count(), AuditEvent.objects.count()
    r = exporter.post(
        f"/cases/{submitted.pk}/act/add_note/",
        {"lock_version": submitted.lock_version, "text": "shipped\x00 on Monday"},
    )
    assert r.status_code == 422
    page = r.content.decode()
    assert "There is a problem" in page and "Text contains a NUL character" in page
    assert (CaseNote.objects.count(), AuditEvent.objects.count()) == before
    # the same note without the NUL is taken
    r = exporter.post(
        f"/cases/{submitted.pk}/act/add_note/",
        {"lock_version": submitted.lock_version, "text": "shipped on Monday"},
    )
    assert r.status_code == 302 and CaseNote.objects.count() == before[0] + 1


def test_a_token_name_with_a_nul_creates_no_token(users):
    users["exporter"].profile.org_admin = True
    users["exporter"].profile.save()
    r = _client(users["exporter"]).post(
        "/account/tokens/", {"name": "SAP\x00", "scopes": ["read"], "lifetime": "30"}
    )
    assert r.status_code == 422 and "Name contains a NUL character" in r.content.decode()
    assert not ApiToken.objects.exists()


def test_a_query_parameter_with_a_nul_is_refused(users):
    r = _client(users["admin"]).get("/audit/", {"who": "a\x00b"})
    assert r.status_code == 422 and "Who contains a NUL character" in r.content.decode()
    r = _client(users["officer"]).get("/cases/", {"q": "a\x00b"})
    assert r.status_code == 422 and "The search contains a NUL character" in r.content.decode()


def test_the_csrf_check_comes_first_and_the_api_keeps_its_json_answer(users, submitted):
    strict = _client(users["exporter"], enforce_csrf_checks=True)
    r = strict.post(f"/cases/{submitted.pk}/act/add_note/", {"text": "a\x00"})
    assert r.status_code == 403
    r = _client(users["officer"]).get("/api/cases", {"status": "\x00"})
    assert r.status_code == 422 and r.json()["problems"][0]["field"] == "status"
