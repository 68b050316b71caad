"""Trade abbreviations in organisation names (issue 14, part 4)."""

from __future__ import annotations

import pytest

from catchall.core.screening import normalize_name, score_pair

FULL = "China Precision Machinery Import-Export Corporation"


@pytest.mark.parametrize(
    "short",
    [
        "China Precision Machinery Imp/Exp Corp",
        "China Precision Machinery I/E Corp",
        "China Precision Machinery Imp. & Exp. Corp",
    ],
)
def test_import_export_abbreviations_meet_the_full_name(short):
    assert score_pair(short, FULL, "Organization")[0] >= 0.9


def test_other_trade_abbreviations():
    assert (
        score_pair(
            "Shenyang Mfg Eng'g Ind. Tech. Co",
            "Shenyang Manufacturing Engineering Industries Technology Co",
            "Organization",
        )[0]
        >= 0.9
    )
    assert score_pair("Dalian Int'l Trdg Co", "Dalian International Trading Company")[0] >= 0.9


def test_trade_abbreviations_are_not_applied_to_persons():
    assert normalize_name("Ind Kumar", "Person") == "ind kumar"
    assert "industries" in normalize_name("Ind Kumar", "Organization")
