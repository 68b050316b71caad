"""Thresholds of the test and inertial-instrument entries: 2B116.a, 2B119.a, 2B120, 2B121, 2B122
and 9B117 (MTCR 15.B.1, 9.B.2 and 15.B.3)."""

from __future__ import annotations

import pytest

from tests.core.controls.entry_cases import case, check, classify_dict, entry, with_

SHAKER = {
    "closed_loop_digital_control": True,
    "vibration_acceleration": "10 g",
    "frequency_min": "20 Hz",
    "frequency_max": "2 kHz",
    "vibration_force": "50 kN",
}
BALANCER = {
    "rotor_mass": "3 kg",
    "rotor_speed": "12501 rpm",
    "correction_planes": 2,
    "residual_unbalance": "0.2 g*mm/kg",
}
RATE = {
    "axes": 2,
    "slip_rings": True,
    "max_rate": "400 deg/s",
    "min_rate": "31 deg/s",
    "rate_resolution": "6 deg/s",
    "rate_accuracy": "0.6 deg/s",
}
RATE_POSITION_ONLY = with_(RATE, max_rate="100 deg/s", angular_positioning_accuracy="5 arcsec")
POSITIONER = {"axes": 2, "angular_positioning_accuracy": "5 arcsec"}
CENTRIFUGE = {"acceleration": "100.1 g", "slip_rings": True}

CASES = [
    # 2B116.a vibration test systems
    case("2B116-at-all-limits", "test.vibration", SHAKER, ["2B116.a"]),
    case(
        "2B116-9.9g",
        "test.vibration",
        with_(SHAKER, vibration_acceleration="9.9 g"),
        [],
        ["2B116.a"],
    ),
    case(
        "2B116-acceleration-si",
        "test.vibration",
        with_(SHAKER, vibration_acceleration="98.1 m/s**2"),
        ["2B116.a"],
    ),
    case(
        "2B116-band-starts-21Hz",
        "test.vibration",
        with_(SHAKER, frequency_min="21 Hz"),
        [],
        ["2B116.a"],
    ),
    case(
        "2B116-band-ends-1999Hz",
        "test.vibration",
        with_(SHAKER, frequency_max="1999 Hz"),
        [],
        ["2B116.a"],
    ),
    case(
        "2B116-wider-band",
        "test.vibration",
        with_(SHAKER, frequency_min="5 Hz", frequency_max="3 kHz"),
        ["2B116.a"],
    ),
    case(
        "2B116-49.9kN", "test.vibration", with_(SHAKER, vibration_force="49.9 kN"), [], ["2B116.a"]
    ),
    case(
        "2B116-force-in-lbf",
        "test.vibration",
        with_(SHAKER, vibration_force="11250 lbf"),
        ["2B116.a"],
    ),
    case(
        "2B116-analogue-open-loop",
        "test.vibration",
        with_(SHAKER, closed_loop_digital_control=False),
        [],
        ["2B116.a"],
    ),
    # 2B119.a balancing machines
    case("2B119-at-limits", "inertial.balancing_machine", BALANCER, ["2B119.a"]),
    case(
        "2B119-rotor-3.01kg",
        "inertial.balancing_machine",
        with_(BALANCER, rotor_mass="3.01 kg"),
        [],
        ["2B119.a"],
    ),
    case(
        "2B119-at-12500rpm",
        "inertial.balancing_machine",
        with_(BALANCER, rotor_speed="12500 rpm"),
        [],
        ["2B119.a"],
    ),
    # Issue 10.5: a speed in Hz is revolutions per second (12 500 rpm = 208.33 Hz).
    case(
        "2B119-speed-208.34Hz-above",
        "inertial.balancing_machine",
        with_(BALANCER, rotor_speed="208.34 Hz"),
        ["2B119.a"],
    ),
    case(
        "2B119-speed-208.33Hz-below",
        "inertial.balancing_machine",
        with_(BALANCER, rotor_speed="208.33 Hz"),
        [],
        ["2B119.a"],
    ),
    case(
        "2B119-speed-210Hz-is-12600rpm",
        "inertial.balancing_machine",
        with_(BALANCER, rotor_speed="210 Hz"),
        ["2B119.a"],
    ),
    case(
        "2B119-one-plane",
        "inertial.balancing_machine",
        with_(BALANCER, correction_planes=1),
        [],
        ["2B119.a"],
    ),
    case(
        "2B119-0.21-unbalance",
        "inertial.balancing_machine",
        with_(BALANCER, residual_unbalance="0.21 g*mm/kg"),
        [],
        ["2B119.a"],
    ),
    case(
        "2B119-0.19-unbalance",
        "inertial.balancing_machine",
        with_(BALANCER, residual_unbalance="0.19 g*mm/kg"),
        ["2B119.a"],
    ),
    case(
        "2B119-excl-medical",
        "inertial.balancing_machine",
        with_(BALANCER, special_purpose="medical"),
        [],
        ["2B119.a"],
    ),
    case(
        "2B119-excl-dental",
        "inertial.balancing_machine",
        with_(BALANCER, special_purpose="dental"),
        [],
        ["2B119.a"],
    ),
    # 2B120 motion simulators and rate tables
    case("2B120-400deg-s", "inertial.rate_table", RATE, ["2B120"], ["2B121"]),
    case("2B120-399deg-s", "inertial.rate_table", with_(RATE, max_rate="399 deg/s"), [], ["2B120"]),
    case(
        "2B120-slow-30deg-s",
        "inertial.rate_table",
        with_(RATE, max_rate="100 deg/s", min_rate="30 deg/s"),
        ["2B120"],
    ),
    case(
        "2B120-slow-31deg-s",
        "inertial.rate_table",
        with_(RATE, max_rate="100 deg/s", min_rate="31 deg/s"),
        [],
        ["2B120"],
    ),
    case(
        "2B120-resolution-6.1",
        "inertial.rate_table",
        with_(RATE, rate_resolution="6.1 deg/s"),
        [],
        ["2B120"],
    ),
    case(
        "2B120-accuracy-0.61",
        "inertial.rate_table",
        with_(RATE, rate_accuracy="0.61 deg/s"),
        [],
        ["2B120"],
    ),
    case("2B120-rate-in-rpm", "inertial.rate_table", with_(RATE, max_rate="66.7 rpm"), ["2B120"]),
    case("2B120-position-5arcsec", "inertial.rate_table", RATE_POSITION_ONLY, ["2B120"], ["2B121"]),
    case(
        "2B120-position-5.1arcsec",
        "inertial.rate_table",
        with_(RATE_POSITION_ONLY, angular_positioning_accuracy="5.1 arcsec"),
        [],
        ["2B120", "2B121"],
    ),
    case("2B120-one-axis", "inertial.rate_table", with_(RATE, axes=1), [], ["2B120"]),
    case(
        "2B120-no-slip-rings-falls-to-2B121",
        "inertial.rate_table",
        with_(RATE_POSITION_ONLY, slip_rings=False),
        ["2B121"],
        ["2B120"],
    ),
    case(
        "2B120-excl-machine-tool-table",
        "inertial.rate_table",
        with_(RATE, special_purpose="machine_tool_rotary_table"),
        [],
        ["2B120"],
    ),
    case(
        "2B120-excl-medical",
        "inertial.rate_table",
        with_(RATE, special_purpose="medical"),
        [],
        ["2B120"],
    ),
    # 2B121 positioning tables
    case("2B121-at-5arcsec", "inertial.positioning_table", POSITIONER, ["2B121"]),
    case(
        "2B121-5.1arcsec",
        "inertial.positioning_table",
        with_(POSITIONER, angular_positioning_accuracy="5.1 arcsec"),
        [],
        ["2B121"],
    ),
    case(
        "2B121-in-degrees",
        "inertial.positioning_table",
        with_(POSITIONER, angular_positioning_accuracy="0.0013 deg"),
        ["2B121"],
    ),
    case("2B121-one-axis", "inertial.positioning_table", with_(POSITIONER, axes=1), [], ["2B121"]),
    case(
        "2B121-excl-machine-tool-table",
        "inertial.positioning_table",
        with_(POSITIONER, special_purpose="machine_tool_rotary_table"),
        [],
        ["2B121"],
    ),
    # 2B122 centrifuges
    case("2B122-100.1g", "inertial.centrifuge", CENTRIFUGE, ["2B122"]),
    case(
        "2B122-at-100g",
        "inertial.centrifuge",
        with_(CENTRIFUGE, acceleration="100 g"),
        [],
        ["2B122"],
    ),
    case(
        "2B122-no-slip-rings",
        "inertial.centrifuge",
        with_(CENTRIFUGE, slip_rings=False),
        [],
        ["2B122"],
    ),
    # 9B117 rocket motor test stands
    case(
        "9B117-68.1kN", "test.rocket_test_stand", {"thrust": "68.1 kN", "thrust_axes": 1}, ["9B117"]
    ),
    case(
        "9B117-at-68kN",
        "test.rocket_test_stand",
        {"thrust": "68 kN", "thrust_axes": 1},
        [],
        ["9B117"],
    ),
    case(
        "9B117-three-components",
        "test.rocket_test_stand",
        {"thrust": "10 kN", "thrust_axes": 3},
        ["9B117"],
    ),
    case(
        "9B117-two-components",
        "test.rocket_test_stand",
        {"thrust": "10 kN", "thrust_axes": 2},
        [],
        ["9B117"],
    ),
    case("9B117-thrust-only-in-lbf", "test.rocket_test_stand", {"thrust": "20000 lbf"}, ["9B117"]),
]


@pytest.mark.parametrize(("kind", "parameters", "present", "absent"), CASES)
def test_test_and_inertial(kind, parameters, present, absent):
    check(kind, parameters, present, absent)


@pytest.mark.parametrize(
    ("kind", "parameters", "entry_id", "mtcr_item"),
    [
        ("test.vibration", SHAKER, "2B116.a", "15.B.1"),
        ("inertial.balancing_machine", BALANCER, "2B119.a", "9.B.2"),
        ("inertial.rate_table", RATE, "2B120", "9.B.2"),
        ("inertial.positioning_table", POSITIONER, "2B121", "9.B.2"),
        ("inertial.centrifuge", CENTRIFUGE, "2B122", "9.B.2"),
        ("test.rocket_test_stand", {"thrust": "100 kN"}, "9B117", "15.B.3"),
    ],
)
def test_mtcr_items_of_test_and_inertial_entries(kind, parameters, entry_id, mtcr_item):
    r = check(kind, parameters, [entry_id], [])
    e = entry(r, entry_id)
    assert (e["regime"], e["mtcr_item"], e["mtcr_category"]) == ("MTCR", mtcr_item, "II")
    assert r["missile_relevance"]["level"] == "high"


def test_test_stand_missing_thrust_facts():
    r = classify_dict("test.rocket_test_stand", {"thrust": "50 kN"})
    assert {"entry": "9B117", "parameter": "thrust_axes"} in r["missing_parameters"]


def test_2b120_rate_stability_alternative():
    rate_stability_only = with_(RATE, max_rate="100 deg/s", rate_stability="0.05 percent")
    check("inertial.rate_table", rate_stability_only, ["2B120"], [])
    worse = with_(rate_stability_only, rate_stability="0.051 percent")
    check("inertial.rate_table", worse, [], ["2B120"])
    check(
        "inertial.rate_table", with_(rate_stability_only, rate_stability="500 ppm"), ["2B120"], []
    )
