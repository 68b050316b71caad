"""The classifier's logic on a small list written for the test (independent of packaged data)."""

import datetime as dt

import pytest
import yaml

from catchall.core.controls.classifier import classify
from catchall.core.controls.lists import Library
from catchall.core.errors import InputError

BASE = yaml.safe_load(
    """
list: demo
title: Demo list
version: "2020"
effective_date: 2020-01-01
entries:
  - id: X.mill.5ax
    regime: WA
    reasons: [NS]
    title: Precise five-axis mills
    kinds: [machine_tool.milling]
    criteria:
      - {param: nc_capable, is: true}
      - {param: contouring_axes, ge: 5}
      - param: positioning_repeatability
        le_by: axis_travel
        bands:
          - {below: "1 m", value: "0.9 um"}
          - {from: "1 m", below: "4 m", value: "1.4 um"}
          - {from: "4 m", value: "6 um"}
    exclusions:
      - id: gear
        text: Gear machines are excluded
        criteria: [{param: special_purpose, in: [gear_machining]}]
  - id: Y.mill
    regime: NSG
    reasons: [NP]
    title: Other accurate mills
    kinds: [machine_tool]
    not_in: [X.mill.5ax]
    criteria:
      - {param: contouring_axes, ge: 2}
      - any:
          - {param: positioning_accuracy, le: "6 um", standard: "ISO 230-2:1988"}
          - {param: rotary_contouring_axes, ge: 2}
  - id: Z.former
    regime: MTCR
    reasons: [MT]
    mtcr_item: "3.B.3"
    mtcr_category: "II"
    title: Flow formers usable for motor cases
    kinds: [machine_tool.flow_forming]
    criteria:
      - {param: contouring_axes, gt: 2}
      - {param: missile_propulsion_capable, is: true, assume: true}
  - id: C.cmm
    regime: WA
    title: Accurate CMMs
    kinds: [metrology.cmm]
    criteria:
      - {param: length_measurement_error, le: "1.7 um", plus: {param: measuring_length, times: 0.001}}
"""
)
LATER = yaml.safe_load(
    """
list: demo
version: "2024"
effective_date: 2024-01-01
extends: "2020"
replace:
  - id: Y.mill
    regime: NSG
    title: Other accurate mills (tighter)
    kinds: [machine_tool]
    not_in: [X.mill.5ax]
    criteria:
      - {param: contouring_axes, ge: 2}
      - {param: positioning_accuracy, le: "4.5 um", standard: "ISO 230-2:2006"}
"""
)


@pytest.fixture(scope="module")
def lib() -> Library:
    library = Library()
    library.load_mapping(BASE)
    library.load_mapping(LATER)
    return library


def run(lib, kind, at=dt.date(2021, 1, 1), **params):
    return classify({"kind": kind, "parameters": params}, at=at, library=lib).as_dict()


def ids(result) -> set[str]:
    return {e["entry"] for e in result["entries"]}


MILL = dict(nc_capable=True, contouring_axes=5, axis_travel="800 mm")


@pytest.mark.parametrize(
    ("repeatability", "travel", "controlled"),
    [
        ("0.9 um", "800 mm", True),  # at the threshold
        ("0.89 um", "800 mm", True),  # just below
        ("0.91 um", "800 mm", False),  # just above
        ("1.0 um", "999 mm", False),  # last band below 1 m
        ("1.0 um", "1 m", True),  # 1 m opens the looser band (from is inclusive)
        ("1.4 um", "3999 mm", True),
        ("1.41 um", "3999 mm", False),
        ("6 um", "4 m", True),
        ("6.01 um", "5 m", False),
    ],
)
def test_banded_threshold_follows_axis_travel_with_inclusive_lower_bounds(
    lib, repeatability, travel, controlled
):
    r = run(
        lib,
        "machine_tool.milling",
        **{**MILL, "axis_travel": travel, "positioning_repeatability": repeatability},
    )
    assert ("X.mill.5ax" in ids(r)) is controlled


def test_trace_shows_value_threshold_and_outcome_for_every_criterion(lib):
    r = run(lib, "machine_tool.milling", positioning_repeatability="0.7 um", **MILL)
    (hit,) = [e for e in r["entries"] if e["entry"] == "X.mill.5ax"]
    steps = {t["parameter"]: t for t in hit["trace"]}
    assert steps["positioning_repeatability"]["threshold"] == "0.9 µm"
    assert steps["positioning_repeatability"]["met"] is True
    assert steps["contouring_axes"]["value"] == "5"


def test_an_exclusion_takes_the_item_out_of_the_entry(lib):
    r = run(
        lib,
        "machine_tool.milling",
        positioning_repeatability="0.7 um",
        special_purpose="gear_machining",
        **MILL,
    )
    assert "X.mill.5ax" not in ids(r)


def test_an_unevaluated_exclusion_is_noted_not_assumed(lib):
    r = run(lib, "machine_tool.milling", positioning_repeatability="0.7 um", **MILL)
    (hit,) = [e for e in r["entries"] if e["entry"] == "X.mill.5ax"]
    assert any("gear" in n for n in hit["notes"])


def test_other_than_entry_gives_way_when_the_senior_entry_applies(lib):
    r = run(
        lib,
        "machine_tool.milling",
        positioning_repeatability="0.7 um",
        rotary_contouring_axes=2,
        **MILL,
    )
    assert ids(r) == {"X.mill.5ax"}


def test_other_than_entry_applies_when_the_senior_entry_does_not(lib):
    r = run(
        lib,
        "machine_tool.milling",
        positioning_repeatability="2 um",
        rotary_contouring_axes=2,
        **MILL,
    )
    assert ids(r) == {"Y.mill"}


def test_single_failed_criterion_is_a_near_miss_with_its_gap(lib):
    r = run(lib, "machine_tool.milling", positioning_repeatability="1.0 um", **MILL)
    near = {n["entry"]: n for n in r["near_misses"]}
    assert "X.mill.5ax" in near
    (failed,) = near["X.mill.5ax"]["failed"]
    assert failed["parameter"] == "positioning_repeatability"
    assert failed["gap_percent"] == pytest.approx(11.1, abs=0.1)


def test_several_failed_criteria_far_from_thresholds_are_not_a_near_miss(lib):
    r = run(
        lib,
        "machine_tool.milling",
        nc_capable=True,
        contouring_axes=3,
        positioning_repeatability="15 um",
        axis_travel="500 mm",
    )
    assert "X.mill.5ax" not in {n["entry"] for n in r["near_misses"]}


def test_missing_parameter_that_decides_an_entry_is_reported(lib):
    r = run(lib, "machine_tool.milling", nc_capable=True, contouring_axes=5, axis_travel="500 mm")
    assert {"entry": "X.mill.5ax", "parameter": "positioning_repeatability"} in r[
        "missing_parameters"
    ]
    assert r["controlled"] is False or "Y.mill" in ids(r)


def test_missing_parameter_that_cannot_change_the_outcome_is_not_reported(lib):
    # Two contouring axes already fail "≥ 5": repeatability cannot decide X.mill.5ax.
    r = run(lib, "machine_tool.milling", nc_capable=True, contouring_axes=2, axis_travel="500 mm")
    assert {"entry": "X.mill.5ax", "parameter": "positioning_repeatability"} not in r[
        "missing_parameters"
    ]


def test_capability_wording_is_assumed_and_says_so(lib):
    r = run(lib, "machine_tool.flow_forming", contouring_axes=3)
    (hit,) = r["entries"]
    assert hit["mtcr_item"] == "3.B.3" and hit["mtcr_category"] == "II"
    assert any(t.get("assumed") for t in hit["trace"])


def test_stated_fact_overrides_an_assumption(lib):
    r = run(lib, "machine_tool.flow_forming", contouring_axes=3, missile_propulsion_capable=False)
    assert r["controlled"] is False


def test_linear_threshold_adds_the_length_term(lib):
    # 1.7 µm + 500 mm / 1000 = 2.2 µm
    assert run(lib, "metrology.cmm", length_measurement_error="2.2 um", measuring_length="500 mm")[
        "controlled"
    ]
    assert not run(
        lib, "metrology.cmm", length_measurement_error="2.3 um", measuring_length="500 mm"
    )["controlled"]


def test_list_date_picks_the_version_in_force(lib):
    params = dict(contouring_axes=3, positioning_accuracy="5 um", rotary_contouring_axes=0)
    old = run(lib, "machine_tool.milling", at=dt.date(2023, 12, 31), **params)
    new = run(lib, "machine_tool.milling", at=dt.date(2024, 1, 1), **params)
    assert "Y.mill" in ids(old)
    assert "Y.mill" not in ids(new)
    assert new["lists"][0]["version"] == "2024"


def test_a_date_before_any_version_is_an_input_error(lib):
    with pytest.raises(InputError, match="no control list was in force"):
        run(lib, "machine_tool.milling", at=dt.date(1990, 1, 1))


def test_a_value_measured_per_another_standard_is_flagged(lib):
    r = classify(
        {
            "kind": "machine_tool.milling",
            "parameters": {
                "contouring_axes": 3,
                "positioning_accuracy": {"value": "5 um", "standard": "ISO 230-2:2014"},
            },
        },
        at=dt.date(2021, 1, 1),
        library=lib,
    ).as_dict()
    assert any("not directly comparable" in w for w in r["warnings"])


def test_an_entry_for_another_kind_is_never_considered(lib):
    r = run(lib, "press.isostatic", max_pressure="500 MPa")
    assert r["entries"] == [] and r["near_misses"] == [] and r["missing_parameters"] == []


def test_a_broken_authority_list_is_refused_with_the_entry_named():
    bad = {
        "list": "mine",
        "version": "1",
        "effective_date": "2024-01-01",
        "entries": [
            {
                "id": "A1",
                "regime": "WA",
                "kinds": ["press.isostatic"],
                "criteria": [{"param": "max_pressure", "ge": "3 kg"}],
            }
        ],
    }
    with pytest.raises(InputError) as err:
        Library().load_mapping(bad)
    assert "A1" in str(err.value) and "not a pressure" in str(err.value)


def test_a_misspelt_key_in_an_authority_list_is_refused_not_ignored():
    bad = {
        "list": "mine",
        "version": "1",
        "effective_date": "2024-01-01",
        "entries": [
            {
                "id": "A1",
                "regime": "WA",
                "kinds": ["press.isostatic"],
                "criteria": [{"param": "max_pressure", "ge": "100 MPa", "asume": True}],
            }
        ],
    }
    with pytest.raises(InputError, match="unknown key"):
        Library().load_mapping(bad)
    bad["entries"][0]["criteria"][0].pop("asume")
    bad["entries"][0]["not-in"] = ["X"]
    with pytest.raises(InputError, match="unknown key"):
        Library().load_mapping(bad)
