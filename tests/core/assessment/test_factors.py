"""The six factors, honestly (issue 10 item 6): no information is "insufficient information",
each factor weighs what the Guidelines name, factor E cites treaty and regime adherence and never
a national list, and a factor that reads against the recommendation carries a note saying why."""

from __future__ import annotations

import pytest

from catchall.core.assessment.destinations import destination_profile
from catchall.core.assessment.engine import assess
from tests.core.assessment.helpers import (
    AT,
    FLY_CUTTER,
    HIGH,
    MILL_UNLISTED,
    PARTNER,
    PRESS,
    ROCKET_ENGINE,
    application,
    match,
    screener,
)

UNRECORDED = "MX"  # not a partner or adherent, no concern, no treaty row: nothing recorded


def factors(doc, *, screened=True, hits=None):
    a = assess(doc, screen=screener(hits) if screened else None, at=AT)
    return a.recommendation, a.as_dict()["factors"]


def test_the_unrecorded_destination_is_what_the_tests_assume():
    p = destination_profile(UNRECORDED, AT)
    assert (p.mtcr_partner, p.adherent, p.concern_level) == (False, None, "none")
    assert all(t.status is None for t in p.treaties)


def test_no_information_is_insufficient_information_not_no_concern():
    _, f = factors(application(FLY_CUTTER, destination=UNRECORDED), screened=False)
    assert f["A"]["finding"] == "insufficient information"  # parties not screened
    assert f["B"]["finding"] == "insufficient information"
    assert any("not recorded" in e for e in f["B"]["evidence"])
    assert f["E"]["finding"] == "insufficient information"
    assert "NPT: not recorded" in f["E"]["evidence"]
    assert f["F"]["finding"] == "insufficient information"
    _, f = factors(application(FLY_CUTTER, destination=UNRECORDED, end_use=""))
    assert f["D"]["finding"] == "insufficient information"


def test_a_weighs_the_exporters_declarations():
    _, f = factors(application(PRESS, declarations={"aware_of_missile_or_wmd_use": True}))
    assert f["A"]["finding"] == "concern"
    assert "the exporter declares: aware of a missile or WMD end use" in f["A"]["evidence"]
    _, f = factors(application(PRESS, declarations={"military_end_use": False}))
    assert f["A"]["finding"] == "no concern"
    assert "the exporter declares not: the end use is military" in f["A"]["evidence"]


def test_b_weighs_the_recipients_programmes_where_known():
    _, f = factors(application(destination=PARTNER))
    assert f["B"]["finding"] == "no concern"
    _, f = factors(application(destination=HIGH))
    assert f["B"]["finding"] == "concern"
    _, f = factors(application(destination=UNRECORDED))
    assert f["B"]["finding"] == "insufficient information"


def test_c_weighs_the_stated_end_use_as_well_as_the_item_kind():
    _, benign = factors(application(FLY_CUTTER, end_use="Machining of pump housings"))
    _, missile = factors(application(FLY_CUTTER, end_use="Machining of rocket motor cases"))
    assert benign["C"]["finding"] != "concern"
    assert missile["C"]["finding"] == "concern"
    assert any(
        e.startswith("the stated end use points to delivery") for e in missile["C"]["evidence"]
    )


def test_d_weighs_plausibility_for_the_end_users_business():
    _, f = factors(application(PRESS, red_flags=["item_mismatch_business"]))
    assert f["D"]["finding"] == "concern"
    assert any(e.startswith("the end use does not fit the end user") for e in f["D"]["evidence"])


def test_d_names_missing_government_assurances_for_category_i():
    _, f = factors(application(ROCKET_ENGINE))
    assert f["D"]["finding"] == "concern"
    assert any(
        e.startswith("Category I without government-to-government") for e in f["D"]["evidence"]
    )
    _, f = factors(application(ROCKET_ENGINE, assurances={"government_to_government": True}))
    assert not any(e.startswith("Category I without") for e in f["D"]["evidence"])


def test_e_cites_treaty_and_regime_adherence():
    _, f = factors(application(destination="IL"))
    assert f["E"]["finding"] == "concern"  # outside the NPT and the BWC
    npt = next(e for e in f["E"]["evidence"] if e.startswith("NPT:"))
    assert npt.startswith("NPT: not party — UNODA") and "not confirmed" in npt
    _, f = factors(application(destination=PARTNER))
    assert f["E"]["finding"] == "no concern"
    assert [e.split(":")[0] for e in f["E"]["evidence"]] == ["NPT", "CWC", "BWC", "HCoC", "MTCR"]


@pytest.mark.parametrize("destination", ["SY", "CN", "LB"])
def test_e_never_calls_a_national_list_multilateral(destination):
    assert any(e.authority == "US" for e in destination_profile(destination, AT).arms_embargoes)
    _, f = factors(application(destination=destination))
    for line in f["E"]["evidence"]:
        assert not line.startswith("US ") and "Country Group" not in line, line


def test_f_weighs_un_embargoes_on_non_state_actors_in_the_destination():
    _, f = factors(application(destination="CD"))
    assert f["F"]["finding"] == "concern"
    assert any(
        e.startswith("UN embargo on non state actors in Congo") or "UNSCR 1493" in e
        for e in f["F"]["evidence"]
    )
    _, f = factors(application(destination=PARTNER))
    assert f["F"]["finding"] == "no concern"


def test_a_factor_never_contradicts_the_recommendation_without_saying_why():
    # deny on a listed party, while the partner destination leaves B with no concern
    rec, f = factors(
        application(PRESS, destination=PARTNER),
        hits={"Acme Precision Parts": [match("Acme Precision Parts", list_name="denials")]},
    )
    assert rec == "deny" and f["B"]["finding"] == "no concern"
    note = f["B"]["note"]
    assert "(refusal) rests on other findings: A party is a confirmed match" in note
    assert "listed_party_match" not in note  # what the rule says, not its code
    # approve although C sees a high missile relevance for the kind
    rec, f = factors(application(MILL_UNLISTED, destination=PARTNER))
    if f["C"]["finding"] == "concern":
        assert rec.startswith("approve") and "stands because" in f["C"]["note"]


@pytest.mark.parametrize(
    "doc",
    [
        application(PRESS, destination=PARTNER),
        application(MILL_UNLISTED, destination=HIGH, end_use="Machining of rocket motor cases"),
        application(FLY_CUTTER, destination=UNRECORDED),
        application(ROCKET_ENGINE, destination="CD"),
        application(PRESS, destination="IL", red_flags=["item_mismatch_business"]),
    ],
)
@pytest.mark.parametrize("screened", [True, False])
def test_every_factor_against_the_recommendation_carries_a_note(doc, screened):
    rec, f = factors(doc, screened=screened)
    agrees = "concern" if rec in ("deny", "refer") else "no concern"
    for code, factor in f.items():
        if factor["finding"] != agrees:
            assert factor.get("note"), (code, rec, factor["finding"])
        else:
            assert "note" not in factor, code
