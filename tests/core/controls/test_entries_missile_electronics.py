"""Electronics and computers where a parameter decides: bremsstrahlung accelerators (3A101.b,
2 MeV), ruggedized analogue-to-digital converters (3A101.a), thermal batteries (3A102) and
ruggedized computers for space launchers and sounding rockets (4A101)."""

from __future__ import annotations

import pytest

from tests.core.controls.entry_cases import case, check, with_
from tests.core.controls.missile_cases import edges

CASES = [
    *edges(
        "3A101.b",
        "test.accelerator",
        {},
        "electron_energy",
        ["2 MeV", "2.01 MeV", "2000 keV"],
        ["1.99 MeV", "1999 keV"],
    ),
    case(
        "3A101.b-medical",
        "test.accelerator",
        {"electron_energy": "6 MeV", "medical_purpose": True},
        [],
        ["3A101.b"],
    ),
    case("3A101.a-ruggedized", "electronics.adc", {"ruggedized": True}, ["3A101.a"]),
    case("3A101.a-commercial", "electronics.adc", {"ruggedized": False}, [], ["3A101.a"]),
    case(
        "3A102-for-missiles",
        "electronics.thermal_battery",
        {"designed_for_missiles": True},
        ["3A102"],
    ),
    case(
        "3A102-other",
        "electronics.thermal_battery",
        {"designed_for_missiles": False},
        [],
        ["3A102"],
    ),
    case(
        "4A101-rugged-launcher",
        "electronics.computer",
        {"ruggedized": True, "designed_for_missiles": True},
        ["4A101"],
    ),
    case(
        "4A101-not-rugged",
        "electronics.computer",
        {"ruggedized": False, "designed_for_missiles": True},
        [],
        ["4A101"],
    ),
]


@pytest.mark.parametrize(("kind", "parameters", "present", "absent"), CASES)
def test_electronics_thresholds(kind, parameters, present, absent) -> None:
    check(kind, parameters, present, absent)


def test_missing_design_intent_is_a_missing_parameter_not_a_match() -> None:
    result = check("electronics.computer", {"ruggedized": True}, (), ("4A101",))
    missing = {m["entry"]: m for m in result["missing_parameters"]}
    assert "4A101" in missing
    assert "designed_for_missiles" in str(missing["4A101"])


def test_accelerator_in_kev_shows_the_threshold_in_mev() -> None:
    result = check("test.accelerator", with_({}, electron_energy="2500 keV"), ("3A101.b",), ())
    trace = next(e for e in result["entries"] if e["entry"] == "3A101.b")["trace"][0]
    assert trace["threshold"] == "2 MeV" and trace["value"] == "2500 keV"
