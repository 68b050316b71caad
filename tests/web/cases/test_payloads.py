"""Every action payload is checked against its schema (types and size caps) before anything is
written, and YAML anchors and aliases are refused wherever a user's YAML is read: a few
hundred bytes of nested aliases must not become megabytes in the case and the audit log."""

from __future__ import annotations

import json

import pytest

from catchall.web.audit.models import AuditEvent
from catchall.web.cases.models import Case, ClassificationConfirmation, Decision
from catchall.web.cases.services import case_act, case_create
from tests.web.cases.test_api import basic, post
from tests.web.cases.test_workflow import fresh, to_recommended

pytestmark = pytest.mark.django_db

# Nested anchors: each line repeats the one above ten times (the finding's 358-byte body grew
# to 2.1 MB in the case and in the audit log).
YAML_BOMB = """\
a: &a ["2B104", "2B104", "2B104", "2B104", "2B104", "2B104", "2B104", "2B104"]
b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]
c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]
d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]
items: [{index: 0, entries: *d, note: confirmed}]
note: *d
"""


def events(case) -> int:
    return AuditEvent.objects.filter(object_type="case", object_id=str(case.pk)).count()


@pytest.fixture
def reviewed(users, partner_data):
    case = case_create(actor=users["exporter"], data=partner_data)
    case_act(case, "submit", actor=users["exporter"])
    case_act(fresh(case), "start_review", actor=users["officer"])
    return fresh(case)


def test_yaml_anchors_sent_to_an_action_are_refused_and_nothing_is_written(client, users, reviewed):
    before = events(reviewed)
    r = client.post(
        f"/api/cases/{reviewed.pk}/actions/confirm_classification",
        data=YAML_BOMB,
        content_type="application/yaml",
        **basic("expert"),
    )
    assert r.status_code == 422, r.content[:300]
    [problem] = r.json()["problems"]
    assert problem["field"] == "body"
    assert problem["message"].startswith("YAML anchors and aliases are not accepted")
    assert not ClassificationConfirmation.objects.exists()
    assert events(reviewed) == before and fresh(reviewed).status == "under_review"


def test_plain_yaml_without_anchors_is_still_accepted(client, users, reviewed):
    r = client.post(
        f"/api/cases/{reviewed.pk}/actions/confirm_classification",
        data="note: entries as assessed\n",
        content_type="application/yaml",
        **basic("expert"),
    )
    assert r.status_code == 200, r.content
    assert ClassificationConfirmation.objects.get().note == "entries as assessed"


@pytest.mark.parametrize(
    ("body", "field", "message"),
    [
        ({"items": [{"index": 0, "entries": [{"x": 1}]}]}, "items[0].entries[0]", "must be text"),
        ({"items": [{"index": 0, "entries": ["2B104"]}] * 201}, "items", "more than 200 items"),
        ({"items": [{"index": 7, "entries": ["2B104"]}]}, "items[0].index", "no item"),
        ({"note": "x" * 10_001}, "note", "longer than 10,000 characters"),
        ({"note": {"nested": "object"}}, "note", "must be text"),
        ({"notes": "typo"}, "notes", "not a field of this action"),
    ],
    ids=["object-as-entry", "too-many-items", "unknown-item", "long-note", "object-note", "extra"],
)
def test_a_bad_classification_payload_names_the_field_and_writes_nothing(
    client, users, reviewed, body, field, message
):
    before = events(reviewed)
    r = post(client, f"/api/cases/{reviewed.pk}/actions/confirm_classification", body, "expert")
    assert r.status_code == 422, r.content[:300]
    problems = r.json()["problems"]
    assert [p["field"] for p in problems] == [field]
    assert problems[0]["message"].startswith(message)
    assert not ClassificationConfirmation.objects.exists() and events(reviewed) == before


@pytest.mark.parametrize(
    ("conditions", "field", "message"),
    [
        ([{"text": "a dict printed on the licence"}], "conditions[0]", "must be text"),
        (["fine", 42], "conditions[1]", "must be text"),
        (["x" * 2_001], "conditions[0]", "longer than 2,000 characters"),
        ([f"condition {n}" for n in range(51)], "conditions", "more than 50 items"),
    ],
    ids=["dict", "number", "long", "too-many"],
)
def test_decide_takes_conditions_only_as_a_short_list_of_text(
    client, users, app_data, conditions, field, message
):
    case = to_recommended(users, app_data)
    before = events(case)
    r = post(
        client,
        f"/api/cases/{case.pk}/actions/decide",
        {"outcome": "deny", "reason": "Listed end user.", "conditions": conditions},
        "senior",
    )
    assert r.status_code == 422, r.content[:300]
    assert [(p["field"], p["message"][: len(message)]) for p in r.json()["problems"]] == [
        (field, message)
    ]
    assert not Decision.objects.exists() and events(case) == before


def test_an_over_long_note_on_the_page_is_shown_with_its_field(client, users, reviewed):
    client.force_login(users["officer"])
    r = client.post(
        f"/cases/{reviewed.pk}/act/add_note/",
        {"lock_version": reviewed.lock_version, "text": "x" * 10_001, "internal": "1"},
    )
    assert r.status_code == 422
    page = r.content.decode()
    assert '<a href="#text" autofocus>The note must be 10,000 characters or fewer</a>' in page
    assert 'id="text-error"' in page and "<title>Error: " in page
    assert not reviewed.notes.exists()


def test_an_amendment_with_yaml_anchors_is_refused_on_the_page(client, users, partner_data):
    case = case_create(actor=users["exporter"], data=partner_data)
    client.force_login(users["exporter"])
    text = "exporter: &e {name: X}\nnotes: *e\n"
    r = client.post(
        f"/cases/{case.pk}/act/amend/", {"lock_version": case.lock_version, "data": text}
    )
    assert r.status_code == 422
    page = r.content.decode()
    assert '<a href="#data" autofocus>YAML anchors and aliases are not accepted' in page
    assert fresh(case).versions.count() == 1


def test_a_new_application_with_yaml_anchors_or_over_a_megabyte_is_refused(
    client, users, partner_data
):
    client.force_login(users["exporter"])
    r = client.post("/cases/new/", {"document": "a: &a [1, 2]\nb: [*a, *a]\n"})
    assert r.status_code == 422
    assert '<a href="#document" autofocus>YAML anchors and aliases are not accepted' in (
        r.content.decode()
    )
    partner_data["notes"] = "x" * 1_000_001
    r = client.post("/cases/new/", {"document": json.dumps(partner_data)})
    assert (
        r.status_code == 422 and '<a href="#document" autofocus>Longer than' in r.content.decode()
    )
    assert not Case.objects.exists()


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("[" * 100_000 + "]" * 100_000, "nested too deeply"),
        (json.dumps({"notes": "x" * 1_000_001}), "request body larger than"),
    ],
    ids=["deep", "large"],
)
def test_an_application_body_that_is_too_deep_or_too_large_gets_422(client, users, body, message):
    r = post(client, "/api/cases", body, raw=True)
    assert r.status_code == 422
    assert r.json()["problems"][0]["field"] == "body"
    assert r.json()["problems"][0]["message"].startswith(message)
    assert not Case.objects.exists()
