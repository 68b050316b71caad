"""Each role lands on its own work list after logging in, and the list shows that work: the
officer its assigned cases, the expert the cases awaiting its rating, the senior officer the
cases awaiting countersignature; an explicit ``next`` page still wins."""

from __future__ import annotations

import pytest
from django.test import Client

from catchall.web.cases.models import Case
from catchall.web.cases.services import case_act, case_create
from catchall.web.demo import PASSWORD, ensure_user
from tests.web.cases.conftest import FLOW_FORMER

pytestmark = pytest.mark.django_db

EXPECTED = {
    "exporter": "/",
    "licensing_officer": "/cases/?mine=1",
    "technical_expert": "/cases/?status=under_review",
    "senior_officer": "/cases/?status=recommended",
    "partner_liaison": "/denials/",
    "administrator": "/dashboard/",
    "delegate": "/regime/",
    "partner_delegate": "/regime/",
    "point_of_contact": "/regime/",
    "outreach_guest": "/regime/",
}


@pytest.fixture
def orgs(db):
    from catchall.web.accounts.models import Organisation

    return {
        "authority": Organisation.objects.create(name="Authority", kind="authority", country="DE"),
        "exporter": Organisation.objects.create(
            name="Neckar Umformtechnik GmbH", kind="exporter", country="DE"
        ),
    }


def log_in(username: str, **extra) -> tuple[Client, str]:
    client = Client()
    r = client.post(
        "/login/" + extra.get("query", ""), {"username": username, "password": PASSWORD}
    )
    assert r.status_code == 302, r.content
    return client, r["Location"]


@pytest.mark.parametrize("role", sorted(EXPECTED))
def test_every_role_lands_on_its_own_work_list_which_it_may_open(orgs, role):
    org = orgs["exporter" if role == "exporter" else "authority"]
    ensure_user(f"u-{role}", role, org)
    client, landing = log_in(f"u-{role}")
    assert landing == EXPECTED[role]
    assert client.get(landing).status_code == 200


def test_a_next_page_wins_over_the_landing(orgs):
    ensure_user("officer", "licensing_officer", orgs["authority"])
    _, landing = log_in("officer", query="?next=/screen/")
    assert landing == "/screen/"


def test_the_landing_lists_hold_the_work_each_role_has_to_do(orgs):
    exporter = ensure_user("exporter", "exporter", orgs["exporter"])
    officer = ensure_user("officer", "licensing_officer", orgs["authority"])
    ensure_user("expert", "technical_expert", orgs["authority"])
    ensure_user("senior", "senior_officer", orgs["authority"])
    waiting = case_create(actor=exporter, data={**FLOW_FORMER, "reference": "WAITING"})
    case_act(waiting, "submit", actor=exporter)
    rating = case_create(actor=exporter, data={**FLOW_FORMER, "reference": "RATING"})
    case_act(rating, "submit", actor=exporter)
    case_act(Case.objects.get(pk=rating.pk), "start_review", actor=officer)
    Case.objects.filter(pk=rating.pk).update(assigned_to=officer)
    Case.objects.filter(pk=waiting.pk).update(status="recommended")

    def listed(username):
        client, landing = log_in(username)
        html = client.get(landing).content.decode()
        return {c.reference for c in Case.objects.all() if f">{c.reference}<" in html}

    assert listed("officer") == {Case.objects.get(pk=rating.pk).reference}
    assert listed("expert") == {Case.objects.get(pk=rating.pk).reference}
    assert listed("senior") == {Case.objects.get(pk=waiting.pk).reference}


def test_the_exporters_home_lists_an_unsubmitted_case_as_started_not_submitted(orgs):
    """A case opened from a file and not yet submitted was listed under "Submitted
    applications" (as "Not submitted yet"), while "Applications you have started" said None."""
    exporter = ensure_user("exporter", "exporter", orgs["exporter"])
    draft = case_create(actor=exporter, data={**FLOW_FORMER, "reference": "DRAFT"})
    sent = case_create(actor=exporter, data={**FLOW_FORMER, "reference": "SENT"})
    case_act(sent, "submit", actor=exporter)
    client, landing = log_in("exporter")
    html = client.get(landing).content.decode()
    started, rest = html.split("Applications you have started", 1)[1].split(
        "Submitted applications", 1
    )
    submitted = rest.split("Decisions and letters", 1)[0]
    draft_ref = Case.objects.get(pk=draft.pk).reference
    sent_ref = Case.objects.get(pk=sent.pk).reference
    assert draft_ref in started and draft_ref not in submitted
    assert sent_ref in submitted and sent_ref not in started


def test_the_exporters_dashboard_offers_no_assigned_to_me(orgs):
    """Cases are assigned to the authority's officers: an exporter's "Assigned to me" card
    always said 0 and led to an empty queue."""
    ensure_user("exporter", "exporter", orgs["exporter"])
    ensure_user("officer", "licensing_officer", orgs["authority"])
    exporter, _ = log_in("exporter")
    officer, _ = log_in("officer")
    assert "Assigned to me" not in exporter.get("/dashboard/").content.decode()
    assert "Assigned to me" in officer.get("/dashboard/").content.decode()
