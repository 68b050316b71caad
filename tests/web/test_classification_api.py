"""POST /api/classify: same shapes as the CLI; bad input is HTTP 422 with a JSON body."""

import json

import pytest

pytestmark = pytest.mark.django_db

PRESS = {
    "kind": "press.isostatic",
    "parameters": {
        "max_pressure": "150 MPa",
        "max_temperature": "1200 degC",
        "chamber_inner_diameter": "400 mm",
    },
}


def post(client, body, **kw):
    data = body if isinstance(body, str) else json.dumps(body)
    return client.post("/api/classify", data=data, content_type="application/json", **kw)


def test_classify_returns_the_documented_shape(client):
    r = post(client, PRESS)
    assert r.status_code == 200
    body = r.json()
    assert set(body) >= {
        "controlled",
        "entries",
        "near_misses",
        "missing_parameters",
        "missile_relevance",
    }


def test_wrong_dimension_is_422_naming_the_field(client):
    r = post(client, {"kind": "press.isostatic", "parameters": {"max_pressure": "3 kg"}})
    assert r.status_code == 422
    assert r.json()["problems"] == [
        {"field": "parameters.max_pressure", "message": '"3 kg" is not a pressure'}
    ]


@pytest.mark.parametrize("body", ["{not json", "", "[1, 2", '"just a string"'])
def test_malformed_or_wrong_body_is_422_with_json_error(client, body):
    r = post(client, body)
    assert r.status_code == 422
    assert r.json()["error"] == "invalid input"


def test_bad_list_date_is_422(client):
    r = client.post(
        "/api/classify?list_date=yesterday", data=json.dumps(PRESS), content_type="application/json"
    )
    assert r.status_code == 422
    assert r.json()["problems"][0]["field"] == "list_date"


def test_openapi_document_describes_classify(client):
    doc = client.get("/api/openapi.json").json()
    assert "/api/classify" in doc["paths"]
    schema = doc["paths"]["/api/classify"]["post"]["requestBody"]["content"]["application/json"][
        "schema"
    ]
    assert "kind" in schema["properties"]


def test_docs_page_is_served(client):
    assert client.get("/api/docs").status_code == 200


def test_unknown_control_entry_is_404_json(client):
    r = client.get("/api/controls/9Z999")
    assert r.status_code == 404 and "no control entry" in r.json()["error"]


def test_controls_api_covers_text_only_entries(client):
    rows = client.get("/api/controls").json()
    by_id = {r["entry"]: r for r in rows}
    assert by_id["0B001.b.1"]["rated"] is False and by_id["2B104"]["rated"] is True
    one = client.get("/api/controls/0B001.b.1").json()
    assert one["rated"] is False and one["official_text"]["text"] == "Gas centrifuges;"
    assert one["official_text"]["source"]["lines"][0] > 0
