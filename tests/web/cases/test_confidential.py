"""Security #9, finding 2, in case work: the authority's assessment of an exporter's case uses
partners' denials and confidential lists, and none of it reaches the exporter (queue, case
page, API, dashboard, letters), while the officers see it all."""

from __future__ import annotations

import json

import pytest

from catchall.web.cases.services import case_act, case_create
from tests.web.cases.test_documents import both_forms
from tests.web.cases.test_workflow import fresh
from tests.web.confidential import (
    CONFIDENTIAL_LIST,
    GOVERNMENT,
    REFERENCE,
    WATCHED,
    application,
    import_confidential_list,
    import_partner_denial,
    with_unlisted,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def case(users, tmp_path):
    import_partner_denial(users["liaison"])
    import_confidential_list(users["liaison"], tmp_path)
    c = case_create(actor=users["exporter"], data=with_unlisted(application()))
    case_act(c, "submit", actor=users["exporter"])
    case_act(fresh(c), "start_review", actor=users["officer"])
    return fresh(c)


def test_the_case_assessment_is_the_authoritys_whoever_ran_it(client, users, case):
    case.consultations.all().delete()
    # the exporter's amendment re-runs the assessment: the run is still the authority's
    case_act(case, "amend", actor=users["exporter"], data=application(), reason="same again")
    case = fresh(case)
    assert case.assessments.order_by("-id").first().run_by_label == "exporter"
    assert case.auto_recommendation == "deny"
    assert case.consultations.get().reference == REFERENCE
    client.force_login(users["officer"])
    page = client.get(f"/cases/{case.pk}/").content.decode()
    assert REFERENCE in page and CONFIDENTIAL_LIST in page
    assert client.get(f"/api/cases/{case.pk}").json()["automatic_recommendation"] == "deny"


def test_the_exporter_sees_no_recommendation_hits_or_consultation_anywhere(client, users, case):
    case.new_screening_hits = 2
    case.save(update_fields=["new_screening_hits"])
    client.force_login(users["exporter"])
    queue = client.get("/cases/").content.decode()
    assert case.reference in queue
    assert 'class="badge deny"' not in queue and "new hit" not in queue
    assert "New screening hits" not in client.get("/dashboard/").content.decode()
    listed = client.get("/api/cases").json()["results"][0]
    assert "new_screening_hits" not in listed and "automatic_recommendation" not in listed
    detail = client.get(f"/api/cases/{case.pk}").json()
    assert "new_screening_hits" not in detail and "assessment" not in detail
    page = client.get(f"/cases/{case.pk}/").content.decode()
    for secret in (REFERENCE, GOVERNMENT, CONFIDENTIAL_LIST):
        assert secret not in page, secret


def test_the_inform_letter_does_not_cite_a_confidential_list(client, users, case):
    case_act(case, "issue_inform_letter", actor=users["officer"], reason="Missile use.")
    run = fresh(case).assessments.order_by("-id").first()
    # the authority's result names the confidential list (the listed flow-former's missile use is
    # a ground for refusal under its entry, the party's hit on the list is evidence) ...
    assert CONFIDENTIAL_LIST in json.dumps(run.result)
    # ... and the letter built from it for the exporter must not
    client.force_login(users["exporter"])
    for text in both_forms(client, fresh(case), "inform_letter"):
        assert "Missile use." in text
        for secret in (CONFIDENTIAL_LIST, WATCHED, REFERENCE, GOVERNMENT):
            assert secret not in text, secret
