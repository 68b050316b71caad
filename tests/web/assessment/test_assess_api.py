"""POST /api/assess: the documented result for a signed-in user, 422 naming the field for a bad
application (nothing recorded), 401 for anyone not signed in."""

from __future__ import annotations

import base64
import json

import pytest

from tests.web.assessment.conftest import example

pytestmark = pytest.mark.django_db

KEYS = {
    "reference",
    "recommendation",
    "explanation",
    "licence_required",
    "catch_all",
    "factors",
    "decision_rules",
    "conditions",
    "consultations",
    "what_would_change",
    "items",
    "parties",
}


def post(client, body, path="/api/assess", **kw):
    data = body if isinstance(body, str) else json.dumps(body)
    return client.post(path, data=data, content_type="application/json", **kw)


def screening_records() -> int:
    from catchall.web.screening.models import ScreeningRecord

    return ScreeningRecord.objects.count()


def test_signed_in_user_gets_the_documented_result(client, officer):
    client.force_login(officer)
    r = post(client, example("flow-former-to-listed-end-user.json"))
    assert r.status_code == 200, r.content
    d = r.json()
    assert set(d) >= KEYS
    assert d["recommendation"] == "deny"
    assert d["licence_required"]["required"] is True
    assert d["jurisdiction"]["code"] == "EU"
    assert d["licence_required"]["grounds"][0]["basis"] == "EU 2021/821 Art. 3(1)"
    # a listed item: the missile end use is a ground for refusal under its entry, not catch-all
    assert d["catch_all"]["invoked"] is False
    assert d["refusal_grounds"][0]["entry"] == "2B009"
    assert list(d["factors"]) == ["A", "B", "C", "D", "E", "F"]
    assert d["parties"][0]["matches"][0]["entity_id"] == "poc-ir-sbig"


@pytest.mark.parametrize(
    "name, outcome",
    [
        ("press-to-partner.json", "approve_with_conditions"),
        ("unlisted-mill-benign.json", "approve"),
    ],
)
def test_an_exporter_gets_the_same_answer_as_an_officer(client, exporter, name, outcome):
    client.force_login(exporter)
    r = post(client, example(name))
    assert r.status_code == 200, r.content
    assert r.json()["recommendation"] == outcome


def test_http_basic_authentication_is_accepted(client, officer, password):
    token = base64.b64encode(f"officer:{password}".encode()).decode()
    r = post(client, example("press-to-partner.json"), HTTP_AUTHORIZATION=f"Basic {token}")
    assert r.status_code == 200, r.content
    assert r.json()["recommendation"] == "approve_with_conditions"


def test_anonymous_request_is_401_and_nothing_is_screened(client, db):
    before = screening_records()
    r = post(client, example("press-to-partner.json"))
    assert r.status_code == 401
    assert screening_records() == before


def test_wrong_password_is_401(client, officer):
    token = base64.b64encode(b"officer:wrong").decode()
    r = post(client, example("press-to-partner.json"), HTTP_AUTHORIZATION=f"Basic {token}")
    assert r.status_code == 401


def test_each_party_screened_is_recorded_with_the_user(client, officer):
    client.force_login(officer)
    doc = example("press-to-partner.json")
    doc["parties"].append({"role": "consignee", "name": "Busan Freight Co.", "country": "KR"})
    before = screening_records()
    assert post(client, doc).status_code == 200
    from catchall.web.screening.models import ScreeningRecord

    new = ScreeningRecord.objects.order_by("-id")[:2]
    assert screening_records() == before + 2
    assert {r.query["name"] for r in new} == {
        "Changwon Advanced Ceramics Co., Ltd.",
        "Busan Freight Co.",
    }
    assert {r.by_label for r in new} == {"officer"}


def test_invalid_application_is_422_naming_the_field_and_nothing_is_recorded(client, officer):
    client.force_login(officer)
    doc = example("unlisted-mill-benign.json")
    doc["items"][0]["parameters"]["positioning_repeatability"] = "five microns"
    doc["destination"] = "XX"
    before = screening_records()
    r = post(client, doc)
    assert r.status_code == 422
    body = r.json()
    assert body["error"] == "invalid input"
    assert [p["field"] for p in body["problems"]] == [
        "destination",
        "items[0].parameters.positioning_repeatability",
    ]
    assert body["problems"][1]["message"].startswith('"five microns" is not a length')
    assert screening_records() == before


@pytest.mark.parametrize(
    "change, field",
    [
        (lambda d: d.update(parties=[]), "parties"),
        (lambda d: d["items"][0].update(quantity=-1), "items[0].quantity"),
        (lambda d: d.update(red_flags=["cash_payment"]), "red_flags[0]"),
        (lambda d: d.update(priority="high"), "priority"),
        (lambda d: d["items"][0].update(value="a lot"), "items[0].value"),
    ],
)
def test_each_kind_of_bad_field_is_422_with_its_path(client, officer, change, field):
    client.force_login(officer)
    doc = example("press-to-partner.json")
    change(doc)
    r = post(client, doc)
    assert r.status_code == 422
    assert [p["field"] for p in r.json()["problems"]] == [field]


@pytest.mark.parametrize("body", ["{not json", "", "[1, 2]", '"an application"'])
def test_malformed_body_is_422_with_a_json_error(client, officer, body):
    client.force_login(officer)
    r = post(client, body)
    assert r.status_code == 422
    assert r.json()["error"] == "invalid input"
    assert "Traceback" not in r.content.decode()


def test_a_bad_list_date_is_422_naming_list_date(client, officer):
    client.force_login(officer)
    r = post(client, example("press-to-partner.json"), path="/api/assess?list_date=yesterday")
    assert r.status_code == 422
    assert r.json()["problems"][0]["field"] == "list_date"


def test_openapi_document_publishes_the_application_schema(client):
    from catchall.core.schemas import application_schema

    doc = client.get("/api/openapi.json").json()
    op = doc["paths"]["/api/assess"]["post"]
    assert op["requestBody"]["content"]["application/json"]["schema"] == application_schema()
    assert "422" in op["responses"]
