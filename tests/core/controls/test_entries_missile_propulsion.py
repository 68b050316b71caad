"""Thresholds of the propulsion entries: 9A101 turbojets and turbofans, 9A102 turboprops,
9A105/9A107/9A109 rocket motors by propellant and total impulse, 9A106.d propellant control
(MTCR 3.A.1, 3.A.9, 2.A.1.c, 20.A.1.b, 3.A.5)."""

from __future__ import annotations

import pytest

from tests.core.controls.entry_cases import case, check, with_
from tests.core.controls.missile_cases import edges

TURBOJET = {
    "thrust": "1 kN",
    "specific_fuel_consumption": "0.1 kg/N/h",
    "dry_weight": "100 kg",
    "first_stage_rotor_diameter": "0.5 m",
}
TURBOPROP = {"designed_for_missiles": True, "max_power": "50 kW"}
SERVO = {
    "vibration_environment": "10.1 g",
    "propellant_control_component": "servo_valve",
    "flow_rate": "24 L/min",
    "absolute_pressure": "7 MPa",
    "response_time": "99 ms",
}
PUMP = {"vibration_environment": "12 g", "propellant_control_component": "pump"}
TE, TP, RM, PC = (
    "propulsion.turbine_engine",
    "propulsion.turboprop",
    "propulsion.rocket_motor",
    "propulsion.propellant_control",
)

CASES = [
    # 9A101.a: thrust > 400 N, SFC <= 0.15 kg/N/h, dry weight < 750 kg, rotor < 1 m
    *edges(
        "9A101.a", TE, TURBOJET, "thrust", ["400.1 N", "90 lbf"], ["400 N", "399.9 N", "89.9 lbf"]
    ),
    *edges(
        "9A101.a",
        TE,
        TURBOJET,
        "specific_fuel_consumption",
        ["0.15 kg/N/h", "0.1499 kg/N/h", "1.47 lb/(lbf*h)"],
        ["0.1501 kg/N/h", "1.472 lb/(lbf*h)"],
    ),
    *edges(
        "9A101.a",
        TE,
        TURBOJET,
        "dry_weight",
        ["749.9 kg", "1653 lb"],
        ["750 kg", "750.1 kg", "1654 lb"],
    ),
    *edges(
        "9A101.a",
        TE,
        TURBOJET,
        "first_stage_rotor_diameter",
        ["999 mm", "39.3 in"],
        ["1 m", "1001 mm", "39.4 in"],
    ),
    # civil certified engines over 8 890 N are excluded; at 8 890 N they are not
    case(
        "9A101.a-civil-at-8890N",
        TE,
        with_(TURBOJET, civil_certified=True, thrust="8890 N"),
        ["9A101.a"],
    ),
    case(
        "9A101.a-civil-8891N",
        TE,
        with_(TURBOJET, civil_certified=True, thrust="8891 N"),
        [],
        ["9A101.a"],
    ),
    case(
        "9A101.a-civil-2000lbf",
        TE,
        with_(TURBOJET, civil_certified=True, thrust="2000 lbf"),
        [],
        ["9A101.a"],
    ),
    case("9A101.a-military-9kN", TE, with_(TURBOJET, thrust="9 kN"), ["9A101.a"]),
    case("9A101.b-designed", TE, {"designed_for_missiles": True}, ["9A101.b"]),
    case("9A101.b-not-designed", TE, {"designed_for_missiles": False}, [], ["9A101.b"]),
    # 9A102: maximum power > 10 kW, civil certified engines excluded
    *edges(
        "9A102", TP, TURBOPROP, "max_power", ["10.1 kW", "13.6 hp"], ["10 kW", "9.9 kW", "13.4 hp"]
    ),
    case("9A102-civil", TP, with_(TURBOPROP, civil_certified=True), [], ["9A102"]),
    case("9A102-not-for-uav", TP, with_(TURBOPROP, designed_for_missiles=False), [], ["9A102"]),
    # 9A105.a: liquid or gel, >= 1.1 MN s
    *edges(
        "9A105.a",
        RM,
        {"propellant": "liquid"},
        "total_impulse",
        ["1.1 MN*s", "1100001 N*s", "247300 lbf*s"],
        ["1.0999 MN*s", "247200 lbf*s"],
    ),
    case("9A105.a-gel", RM, {"propellant": "gel", "total_impulse": "2 MN*s"}, ["9A105.a"]),
    case("9A105.a-solid", RM, {"propellant": "solid", "total_impulse": "2 MN*s"}, [], ["9A105.a"]),
    # 9A105.b: liquid or gel, >= 0.841 MN s, other than 9A105.a
    *edges(
        "9A105.b",
        RM,
        {"propellant": "liquid"},
        "total_impulse",
        ["0.841 MN*s", "0.8411 MN*s", "189100 lbf*s"],
        ["0.8409 MN*s", "189000 lbf*s"],
    ),
    case(
        "9A105.b-above-1.1-is-9A105.a",
        RM,
        {"propellant": "gel", "total_impulse": "1.1 MN*s"},
        ["9A105.a"],
        ["9A105.b"],
    ),
    # 9A107 solid and 9A109.a hybrid: >= 0.841 MN s
    *edges(
        "9A107",
        RM,
        {"propellant": "solid"},
        "total_impulse",
        ["0.841 MN*s", "0.8411 MN*s", "189100 lbf*s"],
        ["0.8409 MN*s", "189000 lbf*s"],
    ),
    case("9A107-liquid", RM, {"propellant": "liquid", "total_impulse": "1 MN*s"}, [], ["9A107"]),
    *edges(
        "9A109.a",
        RM,
        {"propellant": "hybrid"},
        "total_impulse",
        ["841000 N*s", "0.8411 MN*s", "189100 lbf*s"],
        ["840900 N*s", "189000 lbf*s"],
    ),
    # 9A106.d: vibration > 10 g rms; servo valves 24 L/min at 7 MPa under 100 ms
    *edges(
        "9A106.d",
        PC,
        SERVO,
        "vibration_environment",
        ["10.1 g", "99.1 m/s**2"],
        ["10 g", "9.9 g", "98 m/s**2"],
    ),
    *edges(
        "9A106.d",
        PC,
        SERVO,
        "flow_rate",
        ["24 L/min", "24.1 L/min", "0.4 L/s", "6.35 gal/min"],
        ["23.9 L/min", "6.34 gal/min"],
    ),
    *edges(
        "9A106.d",
        PC,
        SERVO,
        "absolute_pressure",
        ["7 MPa", "7.01 MPa", "1016 psi"],
        ["6.99 MPa", "1015 psi"],
    ),
    *edges(
        "9A106.d",
        PC,
        SERVO,
        "response_time",
        ["99 ms", "0.099 s"],
        ["100 ms", "101 ms", "0.1 s"],
    ),
    # pumps: 8 000 rpm or 7 MPa discharge pressure; gas turbines: 8 000 rpm
    *edges(
        "9A106.d",
        PC,
        PUMP,
        "shaft_speed",
        ["8000 rpm", "8001 rpm", "8 krpm", "133.34 revolution/s"],
        ["7999 rpm", "133.3 revolution/s"],
    ),
    *edges(
        "9A106.d",
        PC,
        with_(PUMP, shaft_speed="5000 rpm"),
        "discharge_pressure",
        ["7 MPa", "7.1 MPa", "70 bar"],
        ["6.9 MPa", "69.9 bar"],
    ),
    *edges(
        "9A106.d",
        PC,
        with_(PUMP, propellant_control_component="gas_turbine"),
        "shaft_speed",
        ["8000 rpm", "8 krpm", "8001 rpm"],
        ["7999 rpm"],
    ),
    case(
        "9A106.d-turbine-pressure-does-not-count",
        PC,
        {**PUMP, "propellant_control_component": "gas_turbine", "discharge_pressure": "10 MPa"},
        [],
        ["9A106.d"],
    ),
    case(
        "9A106.d-other-component-on-vibration",
        PC,
        {"vibration_environment": "10.1 g", "propellant_control_component": "other"},
        ["9A106.d"],
    ),
]


@pytest.mark.parametrize(("kind", "parameters", "present", "absent"), CASES)
def test_propulsion_thresholds(kind, parameters, present, absent) -> None:
    check(kind, parameters, present, absent)


def test_turbojet_trace_names_the_sub_item_and_converts_units() -> None:
    result = check(
        TE, with_(TURBOJET, specific_fuel_consumption="1.47 lb/(lbf*h)"), ("9A101.a",), ()
    )
    entry = next(e for e in result["entries"] if e["entry"] == "9A101.a")
    sfc = next(t for t in entry["trace"] if t["parameter"] == "specific_fuel_consumption")
    assert "9A101.a.2" in sfc["criterion"]
    assert sfc["threshold"] == "0.15 kg/N/h"
    assert entry["mtcr_item"] == "3.A.1"


def test_liquid_engine_of_category_one_size_is_category_one() -> None:
    result = check(RM, {"propellant": "liquid", "total_impulse": "1.2 MN*s"}, ("9A105.a",), ())
    entry = next(e for e in result["entries"] if e["entry"] == "9A105.a")
    assert entry["mtcr_category"] == "I"
