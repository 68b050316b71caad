"""Whose case it is: the licensee is the organisation of the exporter who opened the case,
whatever company the document names (finding 7), and only an exporter opens a case, since a
draft belongs to its organisation and only that organisation submits it (finding 17)."""

from __future__ import annotations

import pytest

from catchall.core.workflow import NotAllowed
from catchall.web.audit.models import AuditEvent
from catchall.web.cases.models import Case
from catchall.web.cases.services import case_act, case_create
from tests.web.cases.test_api import basic, post
from tests.web.cases.test_documents import both_forms
from tests.web.cases.test_workflow import fresh

pytestmark = pytest.mark.django_db

MINE = "Neckar Umformtechnik GmbH"
THEIRS = "Other Exporter AG"


def test_an_exporter_cannot_take_out_a_licence_in_another_companys_name(
    client, users, partner_data
):
    partner_data["exporter"] = {"name": THEIRS, "country": "FR"}
    r = post(client, "/api/cases", partner_data)
    assert r.status_code == 200, r.content
    body = r.json()
    assert body["organisation"] == MINE
    assert body["application"]["exporter"] == {"name": MINE, "country": "DE"}
    case = Case.objects.get(pk=body["id"])
    assert case.current_version.data["exporter"]["name"] == MINE
    created = AuditEvent.objects.get(action="case.created", object_id=str(case.pk))
    assert created.details["exporter_replaced"] == THEIRS

    case_act(case, "submit", actor=users["exporter"])
    case_act(fresh(case), "start_review", actor=users["officer"])
    case_act(fresh(case), "confirm_classification", actor=users["expert"])
    case_act(fresh(case), "recommend", actor=users["officer"], outcome="approve", reasoning="ok")
    case_act(fresh(case), "decide", actor=users["senior"], outcome="approve", reason="ok")
    case_act(fresh(case), "issue_licence", actor=users["officer"])
    client.force_login(users["exporter"])
    for text in both_forms(client, fresh(case), "licence"):
        assert f"is granted to {MINE}" in text and THEIRS not in text
    api = client.get(f"/api/cases/{case.pk}", **basic("officer")).json()
    assert api["organisation"] == MINE and api["application"]["exporter"]["name"] == MINE


def test_an_amendment_cannot_change_the_licensee(users, partner_data):
    case = case_create(actor=users["exporter"], data=partner_data)
    partner_data["exporter"] = {"name": THEIRS, "country": "DE"}
    case_act(case, "amend", actor=users["exporter"], data=partner_data, reason="new buyer")
    assert fresh(case).current_version.data["exporter"] == {"name": MINE, "country": "DE"}
    amended = AuditEvent.objects.get(action="case.amend", object_id=str(case.pk))
    assert amended.details["exporter_replaced"] == THEIRS


def test_the_new_application_page_says_the_exporter_name_was_replaced(client, users, partner_data):
    import json

    partner_data["exporter"]["name"] = THEIRS
    client.force_login(users["exporter"])
    r = client.post("/cases/new/", {"document": json.dumps(partner_data)}, follow=True)
    case = Case.objects.get()
    assert case.organisation.name == MINE
    assert case.current_version.data["exporter"]["name"] == MINE
    page = r.content.decode()
    assert f"The exporter is your organisation, {MINE}" in page and THEIRS in page


def test_a_document_without_an_exporter_gets_the_account_organisation(users, partner_data):
    del partner_data["exporter"]
    case = case_create(actor=users["exporter"], data=partner_data)
    assert case.current_version.data["exporter"] == {"name": MINE, "country": "DE"}


@pytest.mark.parametrize("role", ["officer", "senior", "admin"])
def test_only_an_exporter_opens_a_case(client, users, partner_data, role):
    with pytest.raises(NotAllowed):
        case_create(actor=users[role], data=partner_data)
    r = post(client, "/api/cases", partner_data, role)
    assert r.status_code == 403 and "may not open a case" in r.json()["error"]
    client.force_login(users[role])
    assert client.get("/cases/new/").status_code == 403
    assert client.post("/cases/new/", {"document": "{}"}).status_code == 403
    assert not Case.objects.exists()
