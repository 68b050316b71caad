"""The worked examples in ../shared/examples/applications assess as their README says, with the
starter programs-of-concern list as the screening list (what a fresh installation has)."""

from __future__ import annotations

import json

import pytest

from catchall.core.assessment.engine import assess
from tests.conftest import shared_path
from tests.core.assessment.helpers import AT


def example(name: str) -> dict:
    return json.loads(shared_path("examples", "applications", name).read_text())


@pytest.fixture
def assessed(starter_index):
    def run(name: str) -> dict:
        return assess(example(name), screen=starter_index.screen, at=AT).as_dict()

    return run


def rule_ids(d: dict) -> list[str]:
    return [r["rule"] for r in d["decision_rules"]]


def test_flow_former_to_a_listed_missile_entity_is_denied(assessed):
    d = assessed("flow-former-to-listed-end-user.json")
    assert d["recommendation"] == "deny"
    assert d["licence_required"]["required"]
    assert any("2B009" in g and "MTCR 3.B.3" in g for g in d["licence_required"]["grounds"])
    assert "listed_party_match" in rule_ids(d)
    (end_user,) = d["parties"]
    assert end_user["decision"] == "match"
    assert end_user["matches"][0]["entity_id"] == "poc-ir-sbig"
    assert end_user["matches"][0]["list"] == "programs-of-concern"
    assert d["catch_all"]["invoked"]
    assert d["factors"]["B"]["finding"] == "concern"


def test_unlisted_mill_with_a_missile_end_use_invokes_catch_all(assessed):
    d = assessed("unlisted-mill-missile-end-use.json")
    assert d["items"][0]["controlled"] is False
    assert d["catch_all"]["invoked"]
    assert any(
        g.startswith("stated end use indicates missile work") for g in d["catch_all"]["grounds"]
    )
    assert d["licence_required"]["required"]
    assert d["licence_required"]["grounds"] == [
        "item 1: catch-all (unlisted, missile relevance high)"
    ]
    assert d["recommendation"] in ("refer", "deny")


def test_benign_unlisted_mill_is_approved(assessed):
    d = assessed("unlisted-mill-benign.json")
    assert d["recommendation"] == "approve"
    assert not d["licence_required"]["required"]
    assert not d["catch_all"]["invoked"]
    assert d["parties"][0]["decision"] == "clear"


def test_press_to_a_partner_is_approved_with_end_use_and_re_export_conditions(assessed):
    d = assessed("press-to-partner.json")
    assert d["recommendation"] == "approve_with_conditions"
    assert d["licence_required"]["grounds"] == [
        "item 1: listed 2B104 (MTCR) = MTCR 6.B.3 (Category II)"
    ]
    assert d["parties"][0]["decision"] == "clear"
    conditions = " ".join(d["conditions"])
    assert "End-user statement" in conditions
    assert "No re-export" in conditions and "prior written consent" in conditions
    assert not any("Government-to-government" in c for c in d["conditions"]), "KR is a partner"


def test_every_example_application_is_covered_here():
    folder = shared_path("examples", "applications")
    readme = shared_path("examples", "README.md").read_text()
    names = sorted(p.name for p in folder.glob("*.json"))
    assert names == [
        "flow-former-to-listed-end-user.json",
        "press-to-partner.json",
        "unlisted-mill-benign.json",
        "unlisted-mill-missile-end-use.json",
    ]
    for name in names:
        assert f"applications/{name}" in readme
