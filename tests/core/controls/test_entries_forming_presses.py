"""Thresholds of the forming, press and furnace entries: 2B009, 2B109.a, 2B209.a, 2B004, 2B104,
2B204.a and 2B105, with their 'other than' precedence."""

from __future__ import annotations

import pytest

from tests.core.controls.entry_cases import case, check, classify_dict, entry, with_

FORMER = {"nc_capable": True, "contouring_axes": 3, "roller_force": "60.1 kN", "rollers": 3}
FORMER_BELOW = with_(FORMER, roller_force="60 kN")

FORMING = [
    # 2B009: NC, three contouring axes AND roller force over 60 kN
    case("2B009-60.1kN", "machine_tool.flow_forming", FORMER, ["2B009"], ["2B109.a", "2B209.a"]),
    case(
        "2B009-at-60kN-falls-to-2B109",
        "machine_tool.flow_forming",
        FORMER_BELOW,
        ["2B109.a"],
        ["2B009", "2B209.a"],
    ),
    case(
        "2B009-force-in-lbf",
        "machine_tool.flow_forming",
        with_(FORMER, roller_force="13600 lbf"),
        ["2B009"],
    ),
    case(
        "2B009-2-axes",
        "machine_tool.flow_forming",
        with_(FORMER, contouring_axes=2),
        ["2B209.a"],
        ["2B009", "2B109.a"],
    ),
    case(
        "2B009-not-nc",
        "machine_tool.flow_forming",
        with_(FORMER, nc_capable=False),
        [],
        ["2B009", "2B109.a", "2B209.a"],
    ),
    case("2B009-spin-former", "machine_tool.spin_forming", FORMER, ["2B009"]),
    case(
        "2B009-spin-former-below",
        "machine_tool.spin_forming",
        FORMER_BELOW,
        [],
        ["2B009", "2B109.a", "2B209.a"],
    ),
    # 2B109.a: NC, more than two contouring axes, usable for propulsion parts (assumed)
    case(
        "2B109-3-axes-assumed-usable",
        "machine_tool.flow_forming",
        with_(FORMER_BELOW, rollers=None),
        ["2B109.a"],
    ),
    case(
        "2B109-stated-usable",
        "machine_tool.flow_forming",
        with_(FORMER_BELOW, missile_propulsion_capable=True),
        ["2B109.a"],
    ),
    case(
        "2B109-stated-not-usable",
        "machine_tool.flow_forming",
        with_(FORMER_BELOW, missile_propulsion_capable=False),
        ["2B209.a"],
        ["2B109.a"],
    ),
    case(
        "2B109-2-axes",
        "machine_tool.flow_forming",
        with_(FORMER_BELOW, contouring_axes=2, rollers=2),
        [],
        ["2B109.a"],
    ),
    # 2B209.a: three rollers (active or guiding), NC
    case(
        "2B209-3-rollers",
        "machine_tool.flow_forming",
        with_(FORMER_BELOW, contouring_axes=2),
        ["2B209.a"],
    ),
    case(
        "2B209-4-rollers",
        "machine_tool.flow_forming",
        with_(FORMER_BELOW, contouring_axes=2, rollers=4),
        ["2B209.a"],
    ),
    case(
        "2B209-2-rollers",
        "machine_tool.flow_forming",
        with_(FORMER_BELOW, contouring_axes=2, rollers=2),
        [],
        ["2B209.a"],
    ),
    case(
        "2B209-not-nc",
        "machine_tool.flow_forming",
        with_(FORMER_BELOW, contouring_axes=2, nc_capable=False),
        [],
        ["2B209.a"],
    ),
]


@pytest.mark.parametrize(("kind", "parameters", "present", "absent"), FORMING)
def test_forming(kind, parameters, present, absent):
    check(kind, parameters, present, absent)


def test_example_flow_former_is_2b009_and_mtcr_3b3():
    r = check(
        "machine_tool.flow_forming",
        {"rollers": 4, "contouring_axes": 3, "nc_capable": True, "roller_force": "120 kN"},
        ["2B009"],
        ["2B109.a", "2B209.a"],
        at=None,
    )
    e = entry(r, "2B009")
    assert (e["regime"], e["mtcr_item"], e["mtcr_category"]) == ("WA", "3.B.3", "II")
    assert "MT" in e["reasons"]
    assert r["missile_relevance"]["level"] == "high"
    assert any("motor case" in u for u in r["missile_relevance"]["uses"])


def test_2b109_says_the_usability_was_assumed():
    r = check("machine_tool.flow_forming", with_(FORMER_BELOW, rollers=None), ["2B109.a"], [])
    trace = entry(r, "2B109.a")["trace"]
    assumed = [t for t in trace if t["parameter"] == "missile_propulsion_capable"]
    assert assumed and assumed[0].get("assumed") is True


def test_2b209_reports_missing_nc_capability():
    r = classify_dict("machine_tool.flow_forming", {"rollers": 3, "contouring_axes": 2})
    assert {"entry": "2B209.a", "parameter": "nc_capable"} in r["missing_parameters"]


# --------------------------------------------------------------------------- presses and furnaces

HIP = {
    "controlled_thermal_environment": True,
    "chamber_inner_diameter": "406 mm",
    "max_pressure": "207.1 MPa",
    "max_temperature": "1400 degC",
}
PRESS_2B104 = {
    "max_pressure": "69 MPa",
    "max_temperature": "600 degC",
    "chamber_inner_diameter": "254 mm",
}
COLD = {
    "max_pressure": "69 MPa",
    "max_temperature": "20 degC",
    "chamber_inner_diameter": "152.1 mm",
}

PRESSES = [
    # 2B004: 406 mm chamber with a controlled thermal environment, and one of three extremes
    case("2B004-pressure-207.1MPa", "press.isostatic", HIP, ["2B004"], ["2B104", "2B204.a"]),
    case(
        "2B004-pressure-at-207MPa",
        "press.isostatic",
        with_(HIP, max_pressure="207 MPa"),
        ["2B104"],
        ["2B004"],
    ),
    case(
        "2B004-temperature-1500.1C",
        "press.isostatic",
        with_(HIP, max_pressure="150 MPa", max_temperature="1500.1 degC"),
        ["2B004"],
    ),
    case(
        "2B004-temperature-at-1500C",
        "press.isostatic",
        with_(HIP, max_pressure="150 MPa", max_temperature="1500 degC"),
        ["2B104"],
        ["2B004"],
    ),
    case(
        "2B004-temperature-in-kelvin",
        "press.isostatic",
        with_(HIP, max_pressure="150 MPa", max_temperature="1774 K"),
        ["2B004"],
    ),
    case(
        "2B004-hydrocarbon-impregnation",
        "press.isostatic",
        with_(HIP, max_pressure="150 MPa", hydrocarbon_impregnation=True),
        ["2B004"],
    ),
    case(
        "2B004-chamber-405mm",
        "press.isostatic",
        with_(HIP, chamber_inner_diameter="405 mm"),
        ["2B104"],
        ["2B004"],
    ),
    case(
        "2B004-chamber-16in",
        "press.isostatic",
        with_(HIP, chamber_inner_diameter="16 in"),
        ["2B004"],
    ),
    case(
        "2B004-no-thermal-environment",
        "press.isostatic",
        with_(HIP, controlled_thermal_environment=False),
        ["2B104"],
        ["2B004"],
    ),
    # 2B104: 69 MPa, 600 C (873 K), 254 mm, all inclusive
    case("2B104-at-all-limits", "press.isostatic", PRESS_2B104, ["2B104"], ["2B004", "2B204.a"]),
    case(
        "2B104-68.9MPa",
        "press.isostatic",
        with_(PRESS_2B104, max_pressure="68.9 MPa"),
        [],
        ["2B104", "2B204.a"],
    ),
    case(
        "2B104-599C",
        "press.isostatic",
        with_(PRESS_2B104, max_temperature="599 degC"),
        ["2B204.a"],
        ["2B104"],
    ),
    case(
        "2B104-873K", "press.isostatic", with_(PRESS_2B104, max_temperature="873.15 K"), ["2B104"]
    ),
    case(
        "2B104-253mm",
        "press.isostatic",
        with_(PRESS_2B104, chamber_inner_diameter="253 mm"),
        ["2B204.a"],
        ["2B104"],
    ),
    case(
        "2B104-10000psi", "press.isostatic", with_(PRESS_2B104, max_pressure="10008 psi"), ["2B104"]
    ),
    # 2B204.a: 69 MPa and a chamber over 152 mm, no temperature condition
    case("2B204-cold-152.1mm", "press.isostatic", COLD, ["2B204.a"], ["2B104", "2B004"]),
    case(
        "2B204-cold-at-152mm",
        "press.isostatic",
        with_(COLD, chamber_inner_diameter="152 mm"),
        [],
        ["2B204.a"],
    ),
    case(
        "2B204-cold-68.9MPa",
        "press.isostatic",
        with_(COLD, max_pressure="68.9 MPa"),
        [],
        ["2B204.a"],
    ),
    case(
        "2B204-no-temperature-given",
        "press.isostatic",
        with_(COLD, max_temperature=None, chamber_inner_diameter="200 mm"),
        ["2B204.a"],
    ),
    # 2B105: CVD furnaces designed for carbon-carbon densification
    case("2B105-designed", "furnace.cvd", {"designed_for_cc_densification": True}, ["2B105"]),
    case(
        "2B105-not-designed", "furnace.cvd", {"designed_for_cc_densification": False}, [], ["2B105"]
    ),
    case(
        "2B105-not-for-other-furnaces",
        "furnace",
        {"designed_for_cc_densification": True},
        [],
        ["2B105"],
    ),
]


@pytest.mark.parametrize(("kind", "parameters", "present", "absent"), PRESSES)
def test_presses_and_furnaces(kind, parameters, present, absent):
    check(kind, parameters, present, absent)


def test_example_isostatic_press_is_2b104_and_mtcr_6b3():
    r = check(
        "press.isostatic",
        {
            "max_pressure": "150 MPa",
            "max_temperature": "1200 degC",
            "chamber_inner_diameter": "400 mm",
        },
        ["2B104"],
        ["2B004", "2B204.a"],
        at=None,
    )
    e = entry(r, "2B104")
    assert (e["regime"], e["mtcr_item"], e["mtcr_category"]) == ("MTCR", "6.B.3", "II")


# Issue 10.5: a press caught by 2B004 that meets 2B104's figures carries MTCR 6.B.3 as a real
# pairing (was only a review note); at, just below and just above each 2B104 figure, two units.
@pytest.mark.parametrize(
    ("changes", "mtcr_item"),
    [
        ({}, "6.B.3"),  # HIP: 207.1 MPa, 1400 C, 406 mm
        ({"max_pressure": "150 MPa", "hydrocarbon_impregnation": True}, "6.B.3"),
        (
            {
                "max_pressure": "69 MPa",
                "max_temperature": "600 degC",
                "hydrocarbon_impregnation": True,
            },
            "6.B.3",
        ),
        (
            {
                "max_pressure": "68.9 MPa",
                "max_temperature": "600 degC",
                "hydrocarbon_impregnation": True,
            },
            None,
        ),
        (
            {
                "max_pressure": "9993 psi",
                "max_temperature": "873.15 K",
                "hydrocarbon_impregnation": True,
            },
            None,  # 9993 psi = 68.90 MPa
        ),
        (
            {
                "max_pressure": "10008 psi",
                "max_temperature": "1112 degF",
                "hydrocarbon_impregnation": True,
            },
            "6.B.3",  # 69.00 MPa and 600 C
        ),
        (
            {
                "max_pressure": "69.1 MPa",
                "max_temperature": "599 degC",
                "hydrocarbon_impregnation": True,
            },
            None,
        ),
        (
            {
                "max_pressure": "69.1 MPa",
                "max_temperature": "872 K",
                "hydrocarbon_impregnation": True,
            },
            None,
        ),
    ],
    ids=[
        "hip",
        "150MPa-impregnation",
        "at-69MPa-600C",
        "68.9MPa-below",
        "psi-below",
        "psi-degF-at",
        "599C-below",
        "872K-below",
    ],
)
def test_2b004_press_carries_6b3_when_it_meets_2b104(changes, mtcr_item):
    r = check("press.isostatic", with_(HIP, **changes), ["2B004"], ["2B104"])
    e = entry(r, "2B004")
    assert e["mtcr_item"] == mtcr_item
    assert e["mtcr_category"] == ("II" if mtcr_item else None)
    assert ("MT" in e["reasons"]) == bool(mtcr_item)
    assert not any(x["entry"] == "2B004" for x in r["expert_review"])


def test_2b004_pairing_undecided_without_a_temperature_says_so():
    r = check(
        "press.isostatic",
        with_(HIP, max_temperature=None, hydrocarbon_impregnation=True),
        ["2B004"],
        [],
    )
    e = entry(r, "2B004")
    assert e["mtcr_item"] is None
    assert any("6.B.3" in n and "max_temperature" in n for n in e["notes"])


# Issue 10.5: 2B009 is MTCR 3.B.3 only for flow-forming and combined spin/flow-forming machines
# (2B109 and its Technical Note); a pure spin-forming machine is Wassenaar-only.
@pytest.mark.parametrize(
    ("kind", "force", "present", "mtcr_item"),
    [
        ("machine_tool.flow_forming", "60.1 kN", True, "3.B.3"),
        ("machine_tool.flow_forming", "13600 lbf", True, "3.B.3"),  # 60.5 kN
        ("machine_tool.spin_forming", "60.1 kN", True, None),
        ("machine_tool.spin_forming", "13600 lbf", True, None),
        ("machine_tool.spin_forming", "60 kN", False, None),
        ("machine_tool.spin_forming", "13488 lbf", False, None),  # 59.998 kN
    ],
    ids=[
        "flow-above",
        "flow-above-lbf",
        "spin-above",
        "spin-above-lbf",
        "spin-at-60kN",
        "spin-below-lbf",
    ],
)
def test_2b009_is_3b3_only_for_flow_forming(kind, force, present, mtcr_item):
    params = with_(FORMER, roller_force=force)
    r = check(kind, params, ["2B009"] if present else [], [] if present else ["2B009"])
    if present:
        e = entry(r, "2B009")
        assert e["mtcr_item"] == mtcr_item
        assert ("MT" in e["reasons"]) == bool(mtcr_item)


def test_2b104_applies_with_a_note_while_2b004_is_undecided():
    # Without the thermal-environment fact 2B004 cannot be decided; 2B104 applies unless 2B004 does.
    r = check(
        "press.isostatic", with_(HIP, controlled_thermal_environment=None), ["2B104"], ["2B004"]
    )
    assert any("2B004" in n for n in entry(r, "2B104").get("notes", []))
    assert {"entry": "2B004", "parameter": "controlled_thermal_environment"} in r[
        "missing_parameters"
    ]


def test_2b105_missing_fact_is_reported():
    r = classify_dict("furnace.cvd", {})
    assert {"entry": "2B105", "parameter": "designed_for_cc_densification"} in r[
        "missing_parameters"
    ]
