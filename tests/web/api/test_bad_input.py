"""Security #13: every bad input to /api/ gets a 4xx JSON error naming the field, never an HTML
500 page; an unexpected bug still answers JSON 500 without a traceback.

The client does not re-raise server errors, so a crash shows up as the 500 a caller would see.
"""

from __future__ import annotations

import json

import pytest
from django.test import Client

from catchall.web.cases.models import Case, Consultation
from catchall.web.cases.services import case_act, case_create
from catchall.web.demo import ensure_user
from tests.web.api.conftest import basic

pytestmark = pytest.mark.django_db

BODY_ENDPOINTS = [
    "/api/assess",
    "/api/classify",
    "/api/screen",
    "/api/cases",
    "/api/denials/import",
    "/api/regime/proposals",
]
APPLICATION = {
    "reference": "T-2",
    "exporter": {"name": "Neckar Umformtechnik GmbH", "country": "DE"},
    "destination": "KR",
    "parties": [
        {"role": "end_user", "name": "Changwon Advanced Ceramics Co., Ltd.", "country": "KR"}
    ],
    "end_use": "Densification of ceramic turbine parts",
    "items": [
        {
            "description": "Hot isostatic press",
            "kind": "press.isostatic",
            "parameters": {"max_pressure": "150 MPa", "chamber_inner_diameter": "400 mm"},
            "quantity": 1,
        }
    ],
}


@pytest.fixture
def api(officer) -> Client:
    """A client that returns server errors as responses and signs in as the officer."""
    return Client(raise_request_exception=False, HTTP_AUTHORIZATION=basic("officer"))


def assert_json_error(r, status: int, field: str | None = None) -> dict:
    assert r.status_code == status, r.content[:300]
    assert r["Content-Type"].startswith("application/json"), r.content[:300]
    body = r.json()
    assert set(body) == {"error", "problems"}, body
    if field is not None:
        assert field in [p["field"] for p in body["problems"]], body
    return body


def post(api, path, text, content_type="application/json"):
    return api.post(path, data=text, content_type=content_type)


@pytest.mark.parametrize("path", BODY_ENDPOINTS)
def test_deeply_nested_json_is_422(api, path):
    deep = "[" * 100_000 + "]" * 100_000
    body = assert_json_error(post(api, path, deep), 422, "body")
    assert "nested too deeply" in body["problems"][0]["message"]


@pytest.mark.parametrize("path", BODY_ENDPOINTS)
def test_deeply_nested_yaml_is_422(api, path):
    assert_json_error(post(api, path, "a: " + "[" * 5000, "application/yaml"), 422, "body")


def test_moderately_nested_object_names_the_field_where_it_is_too_deep(api):
    nested: dict = {"x": 1}
    for _ in range(40):
        nested = {"n": nested}
    body = assert_json_error(post(api, "/api/screen", json.dumps({"name": "A", "id": nested})), 422)
    assert body["problems"][0]["field"].startswith("id.n.n")


@pytest.mark.parametrize(
    "path, text, field",
    [
        ("/api/screen", '{"name": "Acme \\ud800 Ltd"}', "name"),
        ("/api/screen", '{"parties": [{"name": "ok"}, {"name": "\\udfff"}]}', "parties[1].name"),
        (
            "/api/denials/import",
            '{"notifications": [{"reference": "\\ud83d"}]}',
            "notifications[0].reference",
        ),
        ("/api/cases", '{"reference": "\\ud800", "items": []}', "reference"),
        ("/api/classify", '{"kind": "press.isostatic", "description": "\\udc80"}', "description"),
    ],
)
def test_lone_surrogate_is_422_naming_the_field(api, path, text, field):
    body = assert_json_error(post(api, path, text), 422, field)
    assert "surrogate" in body["problems"][0]["message"]


def test_nan_and_huge_integers_are_422(api):
    assert_json_error(post(api, "/api/screen", '{"name": "A", "id": NaN}'), 422, "body")
    assert_json_error(post(api, "/api/screen", '{"name": "A", "id": ' + "9" * 5000 + "}"), 422)


def test_yaml_alias_bomb_is_refused_not_expanded(api):
    bomb = 'a: &a ["x","x","x","x","x","x","x","x","x"]\n' + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)},*{chr(97 + i)},*{chr(97 + i)},*{chr(97 + i)}]\n"
        for i in range(20)
    )
    assert_json_error(post(api, "/api/screen", bomb, "application/yaml"), 422)


@pytest.mark.parametrize(
    "query, field",
    [
        ("limit=-1", "limit"),
        ("limit=0", "limit"),
        ("limit=100000", "limit"),
        ("offset=-1", "offset"),
        ("limit=abc", "limit"),
        ("offset=99999999999999999999999", "offset"),
    ],
)
@pytest.mark.parametrize("path", ["/api/cases", "/api/denials"])
def test_list_bounds_are_422(api, path, query, field):
    assert_json_error(api.get(f"{path}?{query}"), 422, field)


@pytest.mark.parametrize("path", ["/api/denials/abc", "/api/nothing-here", "/api/cases/1/x"])
def test_unknown_api_path_is_json_404(api, path):
    assert_json_error(api.get(path), 404)


def test_unknown_page_path_keeps_html_404(api):
    r = api.get("/no-such-page/")
    assert r.status_code == 404
    assert r["Content-Type"].startswith("text/html")


@pytest.fixture
def review_case(officer):
    """A case under review with one open partner consultation."""
    from catchall.web.accounts.models import Organisation

    org = Organisation.objects.create(
        name="Neckar Umformtechnik GmbH", kind="exporter", country="DE"
    )
    exporter = ensure_user("exporter", "exporter", org)
    case = case_create(actor=exporter, data=json.loads(json.dumps(APPLICATION)))
    case_act(case, "submit", actor=exporter)
    case_act(Case.objects.get(pk=case.pk), "start_review", actor=officer)
    Consultation.objects.create(
        case=case,
        partner="France (FR)",
        reference="FR-1",
        reason="denied",
        opened_at=case.created_at,
    )
    return Case.objects.get(pk=case.pk)


@pytest.mark.parametrize("value", ["abc", "1.5", [1], {"a": 1}, True, "²"])
def test_non_integer_user_id_is_422(api, review_case, value):
    r = post(api, f"/api/cases/{review_case.pk}/actions/assign", json.dumps({"user_id": value}))
    assert_json_error(r, 422, "user_id")


@pytest.mark.parametrize("value", ["abc", "1e3", [1], 2**80])
def test_non_integer_consultation_id_is_422(api, review_case, value):
    r = post(
        api,
        f"/api/cases/{review_case.pk}/actions/resolve_consultation",
        json.dumps({"consultation_id": value, "outcome": "no objection", "note": "ok"}),
    )
    assert_json_error(r, 422, "consultation_id")


def test_ids_as_text_from_forms_still_work(api, review_case, officer):
    c = review_case.consultations.get()
    r = post(
        api,
        f"/api/cases/{review_case.pk}/actions/resolve_consultation",
        json.dumps({"consultation_id": str(c.pk), "outcome": "no objection", "note": "ok"}),
    )
    assert r.status_code == 200, r.content
    r = post(
        api, f"/api/cases/{review_case.pk}/actions/assign", json.dumps({"user_id": officer.pk})
    )
    assert r.status_code == 200, r.content


def test_a_bug_answers_json_500_without_traceback(api, monkeypatch, caplog):
    """Any unexpected exception inside an endpoint: logged with its traceback, JSON 500 out."""
    import catchall.web.screening.api as screening_api

    def boom():
        raise ZeroDivisionError("secret detail")

    monkeypatch.setattr(screening_api, "ensure_starter_list", boom)
    r = api.get("/api/lists")
    body = assert_json_error(r, 500)
    assert body == {"error": "internal server error", "problems": []}
    assert b"Traceback" not in r.content and b"secret detail" not in r.content
    assert any(rec.exc_info and rec.exc_info[0] is ZeroDivisionError for rec in caplog.records)


def test_django_server_error_handler_answers_json_under_api_only(rf):
    from django.urls import get_resolver

    server_error = get_resolver().resolve_error_handler(500)
    r = server_error(rf.get("/api/anything"))
    assert r.status_code == 500 and json.loads(r.content)["error"] == "internal server error"
    r = server_error(rf.get("/cases/"))
    assert r.status_code == 500 and r["Content-Type"].startswith("text/html")


@pytest.mark.parametrize("method", ["delete", "put", "patch"])
def test_wrong_method_is_json_405(api, method):
    r = getattr(api, method)("/api/screen")
    body = assert_json_error(r, 405)
    assert "POST" in r["Allow"] and "not allowed" in body["error"]


@pytest.mark.parametrize("text", ["[]", "[1, 2]", '"id,name"', "7"])
def test_denials_import_of_a_non_object_is_422(api, text):
    assert_json_error(post(api, "/api/denials/import", text), 422, "body")


@pytest.mark.parametrize(
    "url, field",
    [
        ("/api/cases?status=%00", "status"),
        ("/api/denials?q=a%00b", "q"),
        ("/api/control-lists/diff?new=x%00", "new"),
        ("/api/controls/2B%00109", "entry_id"),
    ],
)
def test_nul_in_a_parameter_is_422_naming_it(api, url, field):
    """PostgreSQL text cannot hold NUL: refused before any query, on every database."""
    body = assert_json_error(api.get(url), 422, field)
    assert "NUL" in body["problems"][0]["message"]


def test_nul_in_a_body_string_is_422_naming_the_field(api):
    body = assert_json_error(post(api, "/api/screen", '{"name": "Acme\\u0000"}'), 422, "name")
    assert "NUL" in body["problems"][0]["message"]


def test_body_over_the_upload_limit_is_json_413(api, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 100
    r = post(api, "/api/screen", '{"name": "' + "A" * 200 + '"}')
    body = assert_json_error(r, 413, "body")
    # in words, not the name of a Django setting
    assert body["problems"][0]["message"].startswith("what was sent is larger than")
    assert "settings" not in json.dumps(body)


@pytest.mark.parametrize("path", ["/api/assess", "/api/cases"])
def test_an_application_with_thousands_of_parties_is_422_not_minutes_of_screening(api, path):
    from catchall.web.accounts.models import Organisation

    org = Organisation.objects.create(name="Neckar GmbH", kind="exporter", country="DE")
    ensure_user("exporter", "exporter", org)
    client = Client(raise_request_exception=False, HTTP_AUTHORIZATION=basic("exporter"))
    doc = json.loads(json.dumps(APPLICATION))
    doc["parties"] += [
        {"role": "consignee", "name": f"Trading Company {i}", "country": "AE"} for i in range(2000)
    ]
    body = assert_json_error(post(client, path, json.dumps(doc)), 422, "parties")
    assert "at most 50" in json.dumps(body)
    assert not Case.objects.exists()


def test_an_unknown_list_in_a_screening_body_is_named_by_the_bodys_own_key(api):
    """The body's key is ``lists``; the problem named ``list`` (the pages' form field)."""
    r = post(api, "/api/screen", json.dumps({"name": "Acme", "lists": ["no-such-list"]}))
    body = assert_json_error(r, 422, "lists")
    assert "no screening list named no-such-list" in body["problems"][0]["message"]
