"""The case page and the queue cost a fixed number of queries, however busy the case or team
(an N+1 here made the case page issue one query per officer in the 'Assign' list)."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from catchall.web.cases.services import case_act, case_create
from catchall.web.demo import ensure_user
from tests.web.cases.test_workflow import fresh

pytestmark = pytest.mark.django_db


def queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as q:
        assert client.get(url).status_code == 200
    return len(q.captured_queries)


def test_a_busy_case_and_a_large_team_cost_no_more_queries(client, users, partner_data):
    case = case_create(actor=users["exporter"], data=partner_data)
    case_act(case, "submit", actor=users["exporter"])
    case_act(fresh(case), "start_review", actor=users["officer"])
    client.force_login(users["officer"])
    page, queue = f"/cases/{case.pk}/", "/cases/"
    client.get(queue)  # the first page after signing in also renews the session: not counted
    before = queries(client, page), queries(client, queue)

    authority = users["officer"].profile.organisation
    for i in range(15):
        ensure_user(f"officer-{i}", "licensing_officer", authority)
    for i in range(3):
        case_act(
            fresh(case), "amend", actor=users["exporter"], data={**partner_data, "end_use": f"v{i}"}
        )
        case_act(fresh(case), "add_note", actor=users["officer"], text=f"note {i}")
        case_act(fresh(case), "add_note", actor=users["exporter"], text=f"exporter note {i}")
        other = case_create(actor=users["exporter"], data=partner_data)
        case_act(other, "submit", actor=users["exporter"])

    html = client.get(page).content.decode()
    assert "Version 4" in html
    assign = client.get(f"/cases/{case.pk}/act/assign/").content.decode()
    assert "officer-14 (Licensing officer)" in assign
    assert (queries(client, page), queries(client, queue)) == before
