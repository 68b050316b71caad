"""The worked examples (a copy of ../shared/examples/applications in tests/fixtures/examples)
assess as their README says, under the jurisdiction it names, with the starter
programs-of-concern list as the screening list (what a fresh installation has)."""

from __future__ import annotations

import json

import pytest

from catchall.core.assessment.engine import assess
from catchall.core.law.profile import packaged_profile
from tests.conftest import ROOT
from tests.core.assessment.helpers import AT

FIXTURES = ROOT / "tests" / "fixtures" / "examples"
# The jurisdiction each example expects (tests/fixtures/examples/README.md).
JURISDICTION = {
    "flow-former-to-listed-end-user.json": "EU",
    "press-to-partner.json": "EU",
    "unlisted-mill-benign.json": "EU",
    "unlisted-mill-missile-end-use.json": "EU",
}


def example(name: str) -> dict:
    return json.loads((FIXTURES / "applications" / name).read_text())


@pytest.fixture
def assessed(starter_index):
    def run(name: str) -> dict:
        code = JURISDICTION[name]
        d = assess(
            example(name), screen=starter_index.screen, at=AT, jurisdiction=packaged_profile(code)
        ).as_dict()
        assert d["jurisdiction"]["code"] == d["licence_required"]["jurisdiction"] == code
        return d

    return run


def rule_ids(d: dict) -> list[str]:
    return [r["rule"] for r in d["decision_rules"]]


def test_flow_former_to_a_listed_missile_entity_is_denied(assessed):
    d = assessed("flow-former-to-listed-end-user.json")
    assert d["recommendation"] == "deny"
    assert d["licence_required"]["required"]
    assert [(g["basis"], g["entry"], g["item"]) for g in d["licence_required"]["grounds"]] == [
        ("EU 2021/821 Art. 3(1)", "2B009", 0)
    ]
    assert "MTCR 3.B.3" in d["licence_required"]["grounds"][0]["text"]
    assert "listed_party_match" in rule_ids(d)
    (end_user,) = d["parties"]
    assert end_user["decision"] == "match"
    assert end_user["matches"][0]["entity_id"] == "poc-ir-sbig"
    assert end_user["matches"][0]["list"] == "programs-of-concern"
    # the item is listed: the missile end use is a ground for refusal under the entry, not catch-all
    assert not d["catch_all"]["invoked"]
    assert [(g["entry"], g["item"]) for g in d["refusal_grounds"]] == [("2B009", 0)]
    assert "missile_end_use_listed_strong" in rule_ids(d)
    assert d["factors"]["B"]["finding"] == "concern"


def test_unlisted_mill_with_a_missile_end_use_invokes_catch_all(assessed):
    d = assessed("unlisted-mill-missile-end-use.json")
    assert d["items"][0]["controlled"] is False
    assert d["catch_all"]["invoked"]
    assert any(
        g.startswith("stated end use indicates missile work") for g in d["catch_all"]["grounds"]
    )
    assert d["licence_required"]["required"]
    assert [(g["basis"], g["entry"], g["item"]) for g in d["licence_required"]["grounds"]] == [
        ("EU 2021/821 Art. 4(1)(a)", None, 0)
    ]
    assert d["catch_all"]["basis"] == d["licence_required"]["grounds"]
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
    assert [(g["basis"], g["entry"], g["item"]) for g in d["licence_required"]["grounds"]] == [
        ("EU 2021/821 Art. 3(1)", "2B104", 0)
    ]
    assert d["licence_required"]["general_authorisations"] == [], "KR is not an EU001 destination"
    assert d["parties"][0]["decision"] == "clear"
    conditions = " ".join(d["conditions"])
    assert "End-user statement" in conditions
    assert "No re-export" in conditions and "prior written consent" in conditions
    assert not any("Government-to-government" in c for c in d["conditions"]), "KR is a partner"


def test_every_example_application_is_covered_here():
    folder = FIXTURES / "applications"
    readme = (FIXTURES / "README.md").read_text()
    names = sorted(p.name for p in folder.glob("*.json"))
    assert names == sorted(JURISDICTION)
    assert names == [
        "flow-former-to-listed-end-user.json",
        "press-to-partner.json",
        "unlisted-mill-benign.json",
        "unlisted-mill-missile-end-use.json",
    ]
    for name in names:
        assert f"| applications/{name} | {JURISDICTION[name]} |" in readme
