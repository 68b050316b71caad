"""Thresholds of the test-facility entries: aerodynamic test facilities (9B105), environmental
and acoustic chambers (9B106.a, .b) and aerothermodynamic test facilities (9B107)
(MTCR 15.B.2, 15.B.4, 15.B.6). 2B116-2B122 and 9B117 are in test_entries_test_inertial.py."""

from __future__ import annotations

import pytest

from tests.core.controls.entry_cases import case, check, with_
from tests.core.controls.missile_cases import edges

TUNNEL, CHAMBER, PLASMA = "test.wind_tunnel", "test.environmental_chamber", "test.aerothermodynamic"
SHAKER_CHAMBER = {
    "simulated_altitude": "15 km",
    "vibration_acceleration": "10 g",
    "frequency_min": "20 Hz",
    "frequency_max": "2 kHz",
    "vibration_force": "5 kN",
}
HOT_COLD = {"min_test_temperature": "-55 degC", "max_test_temperature": "130 degC"}
ACOUSTIC = {"sound_pressure_level": "140 dB", "simulated_altitude": "15 km"}

CASES = [
    # 9B105: Mach 0.9 or more; tunnels up to Mach 3 with 250 mm or less excluded
    *edges(
        "9B105",
        TUNNEL,
        {},
        "max_mach",
        ["0.9 Mach", "0.91 Mach", "0.9 mach"],
        ["0.89 Mach", "0.5 Mach"],
    ),
    *edges(
        "9B105",
        TUNNEL,
        {"max_mach": "3 Mach"},
        "test_cross_section",
        ["251 mm", "9.9 in"],
        ["250 mm", "249 mm", "9.84 in"],
    ),
    case(
        "9B105-mach-3.01-small",
        TUNNEL,
        {"max_mach": "3.01 Mach", "test_cross_section": "200 mm"},
        ["9B105"],
    ),
    # 9B106.a: 15 km or -50/+125 degC, with 10 g rms over 20 Hz-2 kHz at 5 kN
    *edges(
        "9B106.a",
        CHAMBER,
        SHAKER_CHAMBER,
        "simulated_altitude",
        ["15 km", "15.1 km", "49213 ft"],
        ["14.9 km", "49200 ft"],
    ),
    *edges(
        "9B106.a",
        CHAMBER,
        with_(SHAKER_CHAMBER, simulated_altitude=None, **HOT_COLD),
        "min_test_temperature",
        ["222.9 K", "-50.2 degC", "-58.4 degF"],
        ["223 K", "223.1 K", "-50 degC", "-58 degF"],
    ),
    *edges(
        "9B106.a",
        CHAMBER,
        with_(SHAKER_CHAMBER, simulated_altitude=None, **HOT_COLD),
        "max_test_temperature",
        ["398.1 K", "125 degC", "257.2 degF"],
        ["398 K", "397.9 K", "124.8 degC", "256.6 degF"],
    ),
    *edges(
        "9B106.a",
        CHAMBER,
        SHAKER_CHAMBER,
        "vibration_acceleration",
        ["10 g", "10.1 g", "98.1 m/s**2"],
        ["9.9 g", "98 m/s**2"],
    ),
    *edges(
        "9B106.a",
        CHAMBER,
        SHAKER_CHAMBER,
        "vibration_force",
        ["5 kN", "5.1 kN", "1125 lbf"],
        ["4.9 kN", "1120 lbf"],
    ),
    *edges(
        "9B106.a",
        CHAMBER,
        SHAKER_CHAMBER,
        "frequency_min",
        ["20 Hz", "19 Hz", "0.02 kHz"],
        ["21 Hz", "0.021 kHz"],
    ),
    *edges(
        "9B106.a",
        CHAMBER,
        SHAKER_CHAMBER,
        "frequency_max",
        ["2 kHz", "2001 Hz"],
        ["1999 Hz", "1.99 kHz"],
    ),
    # 9B106.b: 140 dB or 4 kW, and 15 km or -50/+125 degC
    *edges(
        "9B106.b",
        CHAMBER,
        ACOUSTIC,
        "sound_pressure_level",
        ["140 dB", "140.1 dB"],
        ["139.9 dB", "120 dB"],
    ),
    *edges(
        "9B106.b",
        CHAMBER,
        {"simulated_altitude": "15 km"},
        "acoustic_power",
        ["4 kW", "4.1 kW", "5.37 hp"],
        ["3.99 kW", "5.3 hp"],
    ),
    *edges(
        "9B106.b",
        CHAMBER,
        {"sound_pressure_level": "150 dB"},
        "simulated_altitude",
        ["15 km", "49213 ft"],
        ["14.9 km", "49200 ft"],
    ),
    case(
        "9B106.b-acoustic-and-temperature",
        CHAMBER,
        {"sound_pressure_level": "145 dB", **HOT_COLD},
        ["9B106.b"],
    ),
    # 9B107: 5 MW electrical supply or 3 MPa gas supply
    *edges(
        "9B107",
        PLASMA,
        {},
        "electrical_power_supply",
        ["5 MW", "5.1 MW", "5000 kW"],
        ["4.99 MW", "4999 kW"],
    ),
    *edges(
        "9B107",
        PLASMA,
        {},
        "gas_supply_pressure",
        ["3 MPa", "3.1 MPa", "30 bar"],
        ["2.99 MPa", "29.9 bar"],
    ),
]


@pytest.mark.parametrize(("kind", "parameters", "present", "absent"), CASES)
def test_test_facility_thresholds(kind, parameters, present, absent) -> None:
    check(kind, parameters, present, absent)


def test_bare_number_for_mach_is_an_error_naming_the_field() -> None:
    from catchall.core.errors import InputError
    from catchall.core.items import parse_item

    with pytest.raises(InputError) as err:
        parse_item({"kind": TUNNEL, "parameters": {"max_mach": "0.9"}})
    assert err.value.problems[0].field == "parameters.max_mach"
    assert "Mach" in err.value.problems[0].message


def test_percent_is_no_sound_level() -> None:
    from catchall.core.errors import InputError
    from catchall.core.items import parse_item

    with pytest.raises(InputError) as err:
        parse_item({"kind": CHAMBER, "parameters": {"sound_pressure_level": "140 percent"}})
    assert err.value.problems[0].field == "parameters.sound_pressure_level"
