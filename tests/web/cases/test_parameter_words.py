"""Per-axis figures and figures with their standard read as words on the case page and on the
application's check page, never as Python dict reprs."""

from __future__ import annotations

import copy
import re

import pytest
from django.test import Client

from catchall.web.cases.services import case_act, case_create

pytestmark = pytest.mark.django_db

PER_AXIS = {
    "positioning_repeatability": {
        "X": {"value": "0.8 um", "travel": "1.2 m"},
        "Y": {"value": "0.9 um", "travel": "800 mm"},
    },
    "positioning_accuracy": {"value": "5 um", "standard": "ISO 230-2:1988"},
    "contouring_axes": 5,
    "nc_capable": True,
}
REPR = re.compile(r"\{'|'\}|\[\{|&#x27;value&#x27;")


def _mill(app_data) -> dict:
    data = copy.deepcopy(app_data)
    data["items"] = [
        {"description": "5-axis mill", "kind": "machine_tool.milling", "parameters": PER_AXIS}
    ]
    return data


def test_the_case_page_shows_per_axis_figures_in_words(users, app_data):
    case = case_create(actor=users["exporter"], data=_mill(app_data))
    case_act(case, "submit", actor=users["exporter"])
    for who in ("exporter", "officer"):
        c = Client()
        c.force_login(users[who])
        html = c.get(f"/cases/{case.pk}/").content.decode()
        assert not REPR.search(html), REPR.search(html)
        assert "X: 0.8 um (over a travel of 1.2 m); Y: 0.9 um (over a travel of 800 mm)" in html
        assert "5 um (ISO 230-2:1988)" in html
        assert "Nc capable" not in html


def test_the_check_page_shows_per_axis_figures_in_words(users, app_data):
    from catchall.web.cases.apply.services import draft_start

    draft = draft_start(actor=users["exporter"])
    draft.data = {"destination": "IN", "items": _mill(app_data)["items"]}
    draft.save()
    c = Client()
    c.force_login(users["exporter"])
    html = c.get(f"/apply/{draft.pk}/check/").content.decode()
    assert not REPR.search(html), REPR.search(html)
    assert "X: 0.8" in html and "ISO 230-2:1988" in html


def test_the_rating_page_shows_the_standard_a_figure_was_measured_to(users, app_data):
    from tests.web.cases.test_workflow import fresh

    case = case_create(actor=users["exporter"], data=_mill(app_data))
    case_act(case, "submit", actor=users["exporter"])
    case_act(fresh(case), "start_review", actor=users["officer"])
    case_act(fresh(case), "assign", actor=users["officer"], user_id=users["expert"].pk)
    c = Client()
    c.force_login(users["expert"])
    html = c.get(f"/cases/{case.pk}/rate/").content.decode()
    assert "5 um (ISO 230-2:1988)" in html
    assert "X 0.8 um, travel 1.2 m; Y 0.9 um, travel 800 mm" in html
