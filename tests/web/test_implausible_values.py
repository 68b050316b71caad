"""A value far outside what its parameter measures ("4 furlongs" for a positioning
repeatability) is questioned, not silently classified — and every face asks the same question:
the core check, ``POST /api/classify``, ``catchall classify`` (JSON and text) and the page."""

from __future__ import annotations

import json

import pytest

from catchall.core.controls.classifier import classify
from catchall.core.items import parse_item
from catchall.core.plausibility import questioned_values
from tests.conftest import run_cli

MILL = {
    "description": "5-axis machining centre",
    "kind": "machine_tool.milling",
    "parameters": {
        "nc_capable": True,
        "contouring_axes": 5,
        "positioning_repeatability": "4 furlongs",
        "axis_travel": "600 mm",
    },
}
FINE = {**MILL, "parameters": {**MILL["parameters"], "positioning_repeatability": "0.7 um"}}


def test_the_core_check_questions_the_furlongs_and_nothing_plausible():
    questions = questioned_values(parse_item(MILL))
    assert [q["parameter"] for q in questions] == ["positioning_repeatability"]
    assert questions[0]["value"] == "4 furlongs"
    assert "check the number and the unit" in questions[0]["question"]
    assert "804" in questions[0]["question"]  # 4 furlongs shown in the canonical unit (mm)
    assert questioned_values(parse_item(FINE)) == []
    # axis travel is a length too, but more of it is not "less plausible": never questioned
    big = {**FINE, "parameters": {**FINE["parameters"], "axis_travel": "40 m"}}
    assert questioned_values(parse_item(big)) == []


def test_the_classification_carries_the_question():
    assert classify(MILL).as_dict()["questioned_values"] == questioned_values(parse_item(MILL))
    assert classify(FINE).as_dict()["questioned_values"] == []


@pytest.mark.django_db
def test_the_api_and_the_cli_ask_the_same_question(client):
    expected = questioned_values(parse_item(MILL))
    r = client.post("/api/classify", data=json.dumps(MILL), content_type="application/json")
    assert r.status_code == 200 and r.json()["questioned_values"] == expected
    cli = run_cli("classify", "-", "--json", input=json.dumps(MILL))
    assert cli.returncode == 0, cli.stderr
    assert json.loads(cli.stdout)["questioned_values"] == expected
    text = run_cli("classify", "-", input=json.dumps(MILL)).stdout
    assert "CHECK THESE VALUES" in text and expected[0]["question"] in text
    assert "CHECK THESE VALUES" not in run_cli("classify", "-", input=json.dumps(FINE)).stdout


@pytest.mark.django_db
def test_the_classification_page_shows_the_question_above_the_result(client):
    form = {
        "kind": "machine_tool.milling",
        "p_nc_capable": "yes",
        "p_contouring_axes": "5",
        "p_positioning_repeatability": "4 furlongs",
    }
    html = client.post("/classify/", form).content.decode()
    question = questioned_values(parse_item(MILL))[0]["question"]
    assert question in html
    assert html.index(question) < html.index("Missile relevance")
