"""The regime API: one error shape (422 by field, 403, 404 alike for hidden and absent), auth."""

import json

import pytest

from catchall.web.audit.models import AuditEvent
from catchall.web.regime.models import Proposal

from .helpers import AMENDMENT, circulated, draft

pytestmark = pytest.mark.django_db


def post(client, url, body):
    return client.post(url, data=json.dumps(body), content_type="application/json")


def test_anonymous_callers_get_401(client):
    r = client.get("/api/regime/proposals")
    assert r.status_code == 401 and r.json()["error"] == "authentication required"


def test_a_bad_proposal_is_422_with_every_problem_by_field_and_nothing_written(client, people):
    client.force_login(people["us-delegate"])
    n = AuditEvent.objects.count()
    r = post(
        client,
        "/api/regime/proposals",
        {"type": "wish", "title": "x", "body": "(C) y", "plenary_date": "Nov"},
    )
    assert r.status_code == 422
    fields = {p["field"] for p in r.json()["problems"]}
    assert "plenary_date" in fields
    r = post(client, "/api/regime/proposals", {"type": "wish", "title": "x", "body": "(C) y"})
    fields = {p["field"] for p in r.json()["problems"]}
    assert {"type", "title"} <= fields
    assert AuditEvent.objects.count() == n and not Proposal.objects.exists()
    assert post(client, "/api/regime/proposals", ["not", "an", "object"]).status_code == 422
    bad = client.post("/api/regime/proposals", data="{oops", content_type="application/json")
    assert bad.status_code == 422 and bad.json()["problems"][0]["field"] == "body"


def test_the_workflow_runs_through_the_api(client, people):
    client.force_login(people["us-delegate"])
    r = post(
        client,
        "/api/regime/proposals",
        {
            "type": "annex_amendment",
            "title": "(U) Mills",
            "body": "(U) Catch 6 um mills.",
            "amendment_yaml": AMENDMENT,
            "dated": "2008-09-10",
        },
    )
    assert r.status_code == 200, r.content
    pk = r.json()["id"]
    r = post(
        client,
        f"/api/regime/proposals/{pk}/actions/preview",
        {"release_list": ["BRA"], "feedback_deadline": "2999-01-01"},
    )
    assert r.json()["state"] == "preview"
    client.force_login(people["br-partner"])
    assert (
        post(
            client, f"/api/regime/proposals/{pk}/actions/feedback", {"body": "(U) Agreed."}
        ).status_code
        == 200
    )
    assert post(client, f"/api/regime/proposals/{pk}/actions/circulate", {}).status_code == 403
    assert post(client, f"/api/regime/proposals/{pk}/actions/fly", {}).status_code == 422


def test_hidden_documents_are_404_like_absent_ones_and_lists_leave_them_out(client, people):
    p = draft(people, body="(C//NF) Ours only.")
    from catchall.web.regime.services.proposals import proposal_revise

    proposal_revise(
        actor=people["us-delegate"],
        proposal=p,
        title="(S//NF) Ours",
        body="(S//NF) Ours only.",
        declass_on=p.document.dated.replace(year=2040),
        declass_reason="1.4(b)",
    )
    client.force_login(people["br-partner"])
    assert client.get(f"/api/regime/proposals/{p.pk}").status_code == 404
    assert client.get("/api/regime/proposals/98765").status_code == 404
    assert client.get("/api/regime/proposals").json() == []


def test_a_circulated_proposal_via_api_shows_withheld_placeholders_without_levels(client, people):
    p = circulated(people)
    client.force_login(people["kz-guest"])
    d = client.get(f"/api/regime/proposals/{p.pk}").json()
    paras = d["document"]["paragraphs"]
    assert paras[0]["withheld"] is False and paras[1] == {"position": 2, "withheld": True}
    assert d["banner"] == "UNCLASSIFIED" and d["amendment_yaml"] is None


def test_control_list_endpoints(client, people):
    client.force_login(people["us-expert"])
    d = client.get("/api/control-lists/diff?new=eu-dual-use@2023-12").json()
    assert d["summary"]["changed"] == 3
    r = client.get("/api/control-lists/diff?old=eu-dual-use@1999&new=eu-dual-use@2023-12")
    assert r.status_code == 422 and r.json()["problems"][0]["field"] == "old"
    r = client.post("/api/control-lists/versions", data="list: [", content_type="application/yaml")
    assert r.status_code == 422
    r = client.post("/api/control-lists/versions", data=AMENDMENT, content_type="application/yaml")
    assert r.status_code == 200 and r.json()["key"] == "eu-dual-use@2030-01"
    keys = [v["key"] for v in client.get("/api/control-lists/versions").json()]
    assert "eu-dual-use@2030-01" in keys


def test_search_and_taxonomy_endpoints_validate_input(client, people):
    client.force_login(people["us-expert"])
    assert client.get("/api/regime/search?q=a").status_code == 422
    r = post(
        client,
        "/api/regime/taxonomy/machine_tool.turning",
        {"level": "extreme", "rationale": "", "note": ""},
    )
    assert r.status_code == 422
    assert {p["field"] for p in r.json()["problems"]} == {"level", "uses", "rationale", "note"}
    r = post(
        client,
        "/api/regime/taxonomy/machine_tool.turning",
        {"level": "high", "uses": ["gyro rotors"], "rationale": "TEM", "note": "raised"},
    )
    assert r.status_code == 200 and r.json()["level"] == "high"
    assert client.get("/api/regime/reminders?within_days=999").status_code == 422


def test_a_control_list_alias_bomb_is_refused_and_nothing_is_stored(client, people):
    from tests.core.test_yaml_limits import BOMB

    client.force_login(people["us-expert"])
    before = len(client.get("/api/control-lists/versions").json())
    r = client.post("/api/control-lists/versions", data=BOMB, content_type="application/yaml")
    assert r.status_code == 422 and "expand" in r.json()["problems"][0]["message"]
    assert len(client.get("/api/control-lists/versions").json()) == before
