"""Thresholds of the aerothermodynamic test facilities (9B107, MTCR 15.B.6). 9B105 and 9B106
are in test_entries_added.py; 2B116-2B122 and 9B117 in test_entries_test_inertial.py."""

from __future__ import annotations

import pytest

from tests.core.controls.entry_cases import check
from tests.core.controls.missile_cases import edges

PLASMA = "test.aerothermodynamic"

CASES = [
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
