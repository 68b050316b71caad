"""The case API as an ERP system uses it: list, open, act with lock_version; every refusal
is JSON with a status a client can branch on (401, 403, 404, 409, 422)."""

from __future__ import annotations

import base64
import json

import pytest

from catchall.web.cases.models import Case
from catchall.web.cases.services import case_act, case_create
from tests.web.cases.test_workflow import fresh

pytestmark = pytest.mark.django_db


def basic(username: str, password: str = "demo") -> dict:
    token = base64.b64encode(f"{username}:{password}".encode()).decode()
    return {"HTTP_AUTHORIZATION": f"Basic {token}"}


def post(client, url: str, body, user: str = "exporter", raw: bool = False):
    data = body if raw else json.dumps(body)
    return client.post(url, data=data, content_type="application/json", **basic(user))


def get(client, url: str, user: str = "exporter", **params):
    return client.get(url, params, **basic(user))


@pytest.fixture
def submitted(users, partner_data):
    case = case_create(actor=users["exporter"], data=partner_data)
    case_act(case, "submit", actor=users["exporter"])
    return fresh(case)


def test_an_erp_system_opens_submits_and_lists_a_case_with_basic_auth(client, users, partner_data):
    r = post(client, "/api/cases", partner_data)
    assert r.status_code == 200, r.content
    body = r.json()
    assert (body["status"], body["version"], body["organisation"]) == (
        "draft",
        1,
        "Neckar Umformtechnik GmbH",
    )
    assert "submit" in body["actions"] and body["application"] == partner_data

    r = post(
        client, f"/api/cases/{body['id']}/actions/submit", {"lock_version": body["lock_version"]}
    )
    assert r.status_code == 200 and r.json()["status"] == "submitted"
    assert r.json()["lock_version"] == body["lock_version"] + 1

    listing = get(client, "/api/cases", "officer").json()
    assert listing["count"] == 1 and listing["results"][0]["reference"] == body["reference"]
    detail = get(client, f"/api/cases/{body['id']}", "officer").json()
    assert "start_review" in detail["actions"]


def test_without_valid_credentials_the_api_answers_401(client, users, submitted):
    assert client.get("/api/cases").status_code == 401
    r = client.get(f"/api/cases/{submitted.pk}", **basic("officer", "wrong"))
    assert r.status_code == 401 and r.json()["error"] == "authentication required"


def test_a_stale_lock_version_gets_409_and_changes_nothing(client, users, submitted):
    seen = submitted.lock_version
    case_act(submitted, "add_note", actor=users["exporter"], text="Delivery in May.")
    r = post(
        client, f"/api/cases/{submitted.pk}/actions/start_review", {"lock_version": seen}, "officer"
    )
    assert r.status_code == 409
    assert (
        "changed by someone else" in r.json()["error"]
        and "add note by exporter" in r.json()["error"]
    )
    assert fresh(submitted).status == "submitted" and not fresh(submitted).assessments.exists()


def test_an_action_from_the_wrong_state_gets_409_naming_the_state(client, users, submitted):
    r = post(client, f"/api/cases/{submitted.pk}/actions/confirm_classification", {}, "expert")
    assert r.status_code == 409
    assert (
        r.json()["problems"][0]["message"]
        == "cannot confirm the classification when the case is submitted"
    )


@pytest.mark.parametrize(
    ("user", "action"),
    [
        ("exporter", "start_review"),
        ("expert", "start_review"),
        ("liaison", "start_review"),
        ("officer", "submit"),
    ],
)
def test_a_role_that_may_not_act_gets_403(client, users, submitted, user, action):
    r = post(
        client,
        f"/api/cases/{submitted.pk}/actions/{action}",
        {"lock_version": submitted.lock_version},
        user,
    )
    assert r.status_code == 403 and r.json()["error"].startswith("a ")
    assert fresh(submitted).lock_version == submitted.lock_version


def test_a_case_of_another_organisation_is_404_to_read_and_to_act_on(client, users, submitted):
    assert get(client, f"/api/cases/{submitted.pk}", "other").status_code == 404
    r = post(
        client,
        f"/api/cases/{submitted.pk}/actions/withdraw",
        {"lock_version": submitted.lock_version},
        "other",
    )
    assert r.status_code == 404 and r.json() == {"error": "no such case", "problems": []}
    assert get(client, "/api/cases", "other").json() == {"count": 0, "results": []}
    assert fresh(submitted).status == "submitted"


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"outcome": "maybe", "reasoning": "x"}, "outcome"),
        ({"outcome": "deny"}, "reasoning"),
        ({"outcome": "deny", "reasoning": "x", "conditions": "none"}, "conditions"),
        ({"outcome": "deny", "reasoning": "x", "lock_version": "7"}, "lock_version"),
        ({"outcome": "deny", "reasoning": "x", "actor": "senior"}, "actor"),
        ('{"outcome": "deny",', "body"),
    ],
    ids=[
        "unknown-outcome",
        "missing-reasoning",
        "conditions-not-a-list",
        "lock-version-not-int",
        "actor-in-body",
        "malformed-json",
    ],
)
def test_bad_action_input_gets_422_naming_the_field(client, users, partner_data, body, field):
    case = case_create(actor=users["exporter"], data=partner_data)
    case_act(case, "submit", actor=users["exporter"])
    case_act(fresh(case), "start_review", actor=users["officer"])
    case_act(fresh(case), "confirm_classification", actor=users["expert"])
    before = fresh(case).lock_version
    r = post(
        client,
        f"/api/cases/{case.pk}/actions/recommend",
        body,
        "officer",
        raw=isinstance(body, str),
    )
    assert r.status_code == 422, r.content
    assert r.json()["error"] == "invalid input"
    assert [p["field"] for p in r.json()["problems"]] == [field]
    assert fresh(case).status == "classification_confirmed" and fresh(case).lock_version == before


def test_an_invalid_application_gets_422_naming_each_field_and_opens_no_case(
    client, users, partner_data
):
    partner_data["destination"] = "ZZ"
    partner_data["items"][0]["parameters"]["max_pressure"] = "150 kg"
    r = post(client, "/api/cases", partner_data)
    assert r.status_code == 422
    fields = {p["field"] for p in r.json()["problems"]}
    assert "destination" in fields and "items[0].parameters.max_pressure" in fields
    assert not Case.objects.exists()


def test_an_unknown_action_is_404(client, users, submitted):
    r = post(client, f"/api/cases/{submitted.pk}/actions/approve_everything", {}, "officer")
    assert r.status_code == 404 and "approve_everything" in r.json()["error"]


def test_an_unknown_status_filter_is_422_naming_it_not_an_empty_list(client, users, submitted):
    """A misspelt status used to answer ``{"count": 0}``, as if there were no such cases."""
    r = get(client, "/api/cases", user="officer", status="under-review")
    assert r.status_code == 422
    problem = r.json()["problems"][0]
    assert problem["field"] == "status" and "under_review" in problem["message"]
    found = get(client, "/api/cases", user="officer", status="submitted").json()
    assert [c["reference"] for c in found["results"]] == [submitted.reference]
