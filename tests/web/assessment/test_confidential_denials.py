"""Security #9, finding 2: a partner's confidential denial, and the authority's confidential
lists, reach licensing-authority staff only.

An exporter, a regime or partner delegate or an outreach guest who assesses an application
naming a denied party learns nothing of the denial: no consultation, no match, no "deny",
nothing in the explanation or in what would change the outcome."""

from __future__ import annotations

import json

import pytest

from catchall.web.demo import ensure_user
from tests.web.confidential import (
    CONFIDENTIAL_LIST,
    GOVERNMENT,
    OUTSIDERS,
    REFERENCE,
    REGIME_REF,
    WATCHED,
    application,
    import_confidential_list,
    import_partner_denial,
    without_country_pickers,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(db, tmp_path):
    from catchall.web.accounts.models import Organisation

    authority = Organisation.objects.create(name="Authority", kind="authority", country="DE")
    orgs = {
        "exporter": Organisation.objects.create(name="Neckar", kind="exporter", country="DE"),
        "delegate": Organisation.objects.create(
            name="US delegation", kind="partner_government", country="US"
        ),
        "partner_delegate": Organisation.objects.create(
            name="BR delegation", kind="partner_government", country="BR"
        ),
        "point_of_contact": Organisation.objects.create(
            name="PoC", kind="point_of_contact", country="FR"
        ),
        "outreach_guest": Organisation.objects.create(
            name="KZ MFA", kind="non_partner_government", country="KZ"
        ),
    }
    out = {role: ensure_user(f"u-{role}", role, org) for role, org in orgs.items()}
    out["licensing_officer"] = ensure_user("u-officer", "licensing_officer", authority)
    out["partner_liaison"] = ensure_user("u-liaison", "partner_liaison", authority)
    import_partner_denial(out["partner_liaison"])
    import_confidential_list(out["partner_liaison"], tmp_path)
    return out


def _assess(client, user):
    client.force_login(user)
    r = client.post("/api/assess", json.dumps(application()), content_type="application/json")
    assert r.status_code == 200, r.content
    return r


def test_the_licensing_officer_gets_the_consultation_and_the_match(client, people):
    body = _assess(client, people["licensing_officer"]).json()
    assert body["consultations"][0]["reference"] == REFERENCE
    assert GOVERNMENT in body["consultations"][0]["partner"]
    assert body["recommendation"] == "deny"
    assert {m["list"] for p in body["parties"] for m in p["matches"]} == {CONFIDENTIAL_LIST}


@pytest.mark.parametrize("role", OUTSIDERS)
def test_outsiders_assessing_a_denied_party_learn_nothing_of_the_denial(client, people, role):
    r = _assess(client, people[role])
    body = r.json()
    assert body["consultations"] == []
    assert all(p["matches"] == [] for p in body["parties"])
    assert body["recommendation"] != "deny"
    text = r.content.decode()
    for secret in (REFERENCE, REGIME_REF, GOVERNMENT, CONFIDENTIAL_LIST, "denied end user"):
        assert secret not in text, secret
    assert "partner were consulted" not in text  # what_would_change


@pytest.mark.parametrize("role", ["exporter", "outreach_guest", "partner_delegate"])
def test_the_assessment_page_shows_outsiders_no_consultation(client, people, role):
    client.force_login(people[role])
    r = client.post("/assess/", {"document": json.dumps(application())})
    assert r.status_code == 200
    page = without_country_pickers(r.content.decode())
    assert "Consult before approving" not in page
    for secret in (REFERENCE, GOVERNMENT, CONFIDENTIAL_LIST):
        assert secret not in page, secret


@pytest.mark.parametrize("role", OUTSIDERS)
def test_outsiders_cannot_screen_against_or_see_confidential_lists(client, people, role):
    client.force_login(people[role])
    shown = client.get("/api/lists").json()
    assert CONFIDENTIAL_LIST not in {x["name"] for x in shown}
    assert {x["audience"] for x in shown} == {"public"}
    r = client.post("/api/screen", {"name": WATCHED}, content_type="application/json")
    assert r.status_code == 200 and r.json()["matches"] == []
    asked = client.post(
        "/api/screen",
        {"name": WATCHED, "lists": [CONFIDENTIAL_LIST]},
        content_type="application/json",
    )
    assert asked.status_code == 422
    assert asked.json()["problems"][0]["field"] == "lists"  # the body's own key
    assert CONFIDENTIAL_LIST not in client.get("/screen/").content.decode()
    assert client.get("/lists/").status_code == 403


def test_the_officer_screens_against_the_confidential_list(client, people):
    client.force_login(people["licensing_officer"])
    assert CONFIDENTIAL_LIST in {x["name"] for x in client.get("/api/lists").json()}
    r = client.post("/api/screen", {"name": WATCHED}, content_type="application/json")
    assert [m["list"] for m in r.json()["matches"]] == [CONFIDENTIAL_LIST]
    assert CONFIDENTIAL_LIST in client.get("/screen/").content.decode()
