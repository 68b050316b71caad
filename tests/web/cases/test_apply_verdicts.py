"""Verdicts that never mislead: a match is unmistakable, missing facts are never green, and
a Type filter that hid a candidate says so."""

from __future__ import annotations

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


def _officer(users) -> Client:
    c = Client()
    c.force_login(users["officer"])
    return c


def test_an_empty_classification_form_cannot_determine_and_is_not_green(client):
    html = client.post("/classify/", {"kind": "machine_tool.milling"}).content.decode()
    assert "Cannot determine:" in html and "facts missing" in html
    assert "badge not_listed" not in html and "badge clear" not in html


def test_a_screening_match_says_do_not_proceed(users):
    html = _officer(users).post("/screen/", {"name": "KOMID"}).content.decode()
    assert '<span class="badge match">Match — do not proceed without review</span>' in html


def test_a_type_filter_that_hid_a_match_says_so(users):
    html = _officer(users).post("/screen/", {"name": "KOMID", "schema": "Person"}).content.decode()
    assert "badge clear" not in html
    assert "Clear among people only" in html
    assert "The type filter hid 1 match of another type" in html


def test_the_footer_shows_catchalls_version_not_the_pages_object(users, app_data):
    from catchall import __version__
    from catchall.web.cases.services import case_act, case_create

    case = case_create(actor=users["exporter"], data=app_data)
    case_act(case, "submit", actor=users["exporter"])
    html = _officer(users).get(f"/cases/{case.pk}/").content.decode()
    footer = html.split("<footer>")[1]
    assert f"catchall {__version__} —" in footer and "ApplicationVersion" not in footer


def test_error_pages_have_the_navigation_and_a_way_back(users):
    c = Client()
    c.force_login(users["exporter"])
    resp = c.get("/no-such-page/")
    html = resp.content.decode()
    assert resp.status_code == 404
    assert 'aria-label="Main"' in html and 'href="/">Go to your home page' in html
    resp = c.get("/lists/")
    assert resp.status_code == 403 and "Go to your home page" in resp.content.decode()


def test_the_exporters_home_is_its_work(users, app_data):
    from catchall.web.cases.services import case_act, case_create

    case = case_create(actor=users["exporter"], data=app_data)
    case_act(case, "submit", actor=users["exporter"])
    c = Client()
    c.force_login(users["exporter"])
    html = c.get("/").content.decode()
    assert "Apply for a licence" in html and case.reference in html
    assert "Received: waiting for an officer" in html
    assert "Classify an item" not in html  # not the public cards
