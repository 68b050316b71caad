"""Thresholds of the composite-production entries (1B001, 1B101, 1B201) and the coordinate
measuring machine entries (2B006.a, 2B206.a)."""

from __future__ import annotations

import pytest

from tests.core.controls.entry_cases import case, check, classify_dict, entry, with_

WINDER = {
    "primary_servo_axes": 3,
    "min_workpiece_diameter": "75 mm",
    "max_workpiece_diameter": "650 mm",
    "max_workpiece_length": "300 mm",
}
WINDER2 = with_(WINDER, primary_servo_axes=2)
TAPE = {"primary_servo_axes": 5, "tape_width": "25.5 mm"}
TOW = {"primary_servo_axes": 2, "tape_width": "25.4 mm"}

COMPOSITES = [
    # 1B001.a filament winding, three primary servo axes
    case(
        "1B001.a-3-axes", "composites.filament_winding", WINDER, ["1B001.a"], ["1B101.a", "1B201.a"]
    ),
    case(
        "1B001.a-2-axes",
        "composites.filament_winding",
        WINDER2,
        ["1B201.a"],
        ["1B001.a", "1B101.a"],
    ),
    # 1B201.a: two axes, tubes with a bore between 75 and 650 mm, 300 mm long or more
    case("1B201.a-at-limits", "composites.filament_winding", WINDER2, ["1B201.a"]),
    case(
        "1B201.a-1-axis",
        "composites.filament_winding",
        with_(WINDER2, primary_servo_axes=1),
        [],
        ["1B201.a"],
    ),
    case(
        "1B201.a-smallest-bore-651mm",
        "composites.filament_winding",
        with_(WINDER2, min_workpiece_diameter="651 mm", max_workpiece_diameter="900 mm"),
        [],
        ["1B201.a"],
    ),
    case(
        "1B201.a-largest-bore-74mm",
        "composites.filament_winding",
        with_(WINDER2, min_workpiece_diameter="20 mm", max_workpiece_diameter="74 mm"),
        [],
        ["1B201.a"],
    ),
    case(
        "1B201.a-range-overlaps",
        "composites.filament_winding",
        with_(WINDER2, min_workpiece_diameter="100 mm", max_workpiece_diameter="1200 mm"),
        ["1B201.a"],
    ),
    case(
        "1B201.a-length-299mm",
        "composites.filament_winding",
        with_(WINDER2, max_workpiece_length="299 mm"),
        [],
        ["1B201.a"],
    ),
    case(
        "1B201.a-length-in-feet",
        "composites.filament_winding",
        with_(WINDER2, max_workpiece_length="22 ft"),
        ["1B201.a"],
    ),
    # 1B001.b tape laying: five axes, bands over 25.4 mm and at most 304.8 mm
    case("1B001.b-25.5mm", "composites.tape_laying", TAPE, ["1B001.b"], ["1B101.b"]),
    case(
        "1B001.b-at-25.4mm-falls-to-1B101.b",
        "composites.tape_laying",
        with_(TAPE, tape_width="25.4 mm"),
        ["1B101.b"],
        ["1B001.b"],
    ),
    case(
        "1B001.b-at-304.8mm",
        "composites.tape_laying",
        with_(TAPE, tape_width="304.8 mm"),
        ["1B001.b"],
    ),
    case("1B001.b-12in", "composites.tape_laying", with_(TAPE, tape_width="12 in"), ["1B001.b"]),
    case(
        "1B001.b-304.9mm-falls-to-1B101.b",
        "composites.tape_laying",
        with_(TAPE, tape_width="304.9 mm"),
        ["1B101.b"],
        ["1B001.b"],
    ),
    case(
        "1B001.b-4-axes-falls-to-1B101.b",
        "composites.tape_laying",
        with_(TAPE, primary_servo_axes=4),
        ["1B101.b"],
        ["1B001.b"],
    ),
    # 1B101.b: two axes
    case(
        "1B101.b-2-axes", "composites.tape_laying", with_(TAPE, primary_servo_axes=2), ["1B101.b"]
    ),
    case(
        "1B101.b-1-axis",
        "composites.tape_laying",
        with_(TAPE, primary_servo_axes=1),
        [],
        ["1B101.b", "1B001.b"],
    ),
    # 1B001.g tow placement: two axes, tows up to 25.4 mm
    case("1B001.g-at-25.4mm", "composites.fibre_placement", TOW, ["1B001.g"], ["1B101.a"]),
    case(
        "1B001.g-25.5mm",
        "composites.fibre_placement",
        with_(TOW, tape_width="25.5 mm"),
        [],
        ["1B001.g", "1B101.a"],
    ),
    case(
        "1B001.g-1-axis",
        "composites.fibre_placement",
        with_(TOW, primary_servo_axes=1),
        [],
        ["1B001.g"],
    ),
    case(
        "1B001.g-3-axes",
        "composites.fibre_placement",
        with_(TOW, primary_servo_axes=3),
        ["1B001.g"],
        ["1B101.a"],
    ),
    # 1B101.a: fibre placement outside 1B001.g with three axes
    case(
        "1B101.a-wide-tow-3-axes",
        "composites.fibre_placement",
        with_(TOW, tape_width="30 mm", primary_servo_axes=3),
        ["1B101.a"],
        ["1B001.g"],
    ),
    case(
        "1B101.a-wide-tow-2-axes",
        "composites.fibre_placement",
        with_(TOW, tape_width="30 mm"),
        [],
        ["1B101.a", "1B001.g"],
    ),
]


@pytest.mark.parametrize(("kind", "parameters", "present", "absent"), COMPOSITES)
def test_composites(kind, parameters, present, absent):
    check(kind, parameters, present, absent)


@pytest.mark.parametrize(
    ("kind", "parameters", "entry_id", "mtcr_item"),
    [
        ("composites.filament_winding", WINDER, "1B001.a", "6.B.1.a"),
        ("composites.tape_laying", TAPE, "1B001.b", "6.B.1.b"),
        ("composites.tape_laying", with_(TAPE, primary_servo_axes=2), "1B101.b", "6.B.1.b"),
        (
            "composites.fibre_placement",
            with_(TOW, tape_width="30 mm", primary_servo_axes=3),
            "1B101.a",
            "6.B.1.a",
        ),
    ],
)
def test_composite_entries_carry_mtcr_6b1(kind, parameters, entry_id, mtcr_item):
    e = entry(check(kind, parameters, [entry_id], []), entry_id)
    assert (e["mtcr_item"], e["mtcr_category"]) == (mtcr_item, "II")


# Issue 10.5: a 1B001.g tow-placement machine with three or more axes meets 1B101.a and so
# carries MTCR 6.B.1.a as a real pairing (was only a review note); with two axes it is WA-only.
@pytest.mark.parametrize(
    ("axes", "width", "mtcr_item"),
    [
        (3, "25.4 mm", "6.B.1.a"),  # at the threshold
        (4, "1 in", "6.B.1.a"),  # above, width in inches (25.4 mm)
        (2, "25.4 mm", None),  # just below
        (2, "0.5 in", None),
    ],
    ids=["3-axes-at", "4-axes-above-inches", "2-axes-below", "2-axes-below-inches"],
)
def test_tow_placement_carries_6b1a_from_three_axes(axes, width, mtcr_item):
    params = with_(TOW, primary_servo_axes=axes, tape_width=width)
    r = check("composites.fibre_placement", params, ["1B001.g"], ["1B101.a"])
    e = entry(r, "1B001.g")
    assert e["mtcr_item"] == mtcr_item
    assert e["mtcr_category"] == ("II" if mtcr_item else None)
    assert ("MT" in e["reasons"]) == bool(mtcr_item)
    assert not any(x["entry"] == "1B001.g" for x in r["expert_review"])
    if mtcr_item:
        assert any("1B101.a" in n for n in e["notes"])


def test_winder_without_dimensions_asks_for_them():
    r = classify_dict("composites.filament_winding", {"primary_servo_axes": 2})
    wanted = {p["parameter"] for p in r["missing_parameters"] if p["entry"] == "1B201.a"}
    assert wanted == {"min_workpiece_diameter", "max_workpiece_diameter", "max_workpiece_length"}


# --------------------------------------------------------------------------- CMMs

# At L = 1000 mm: 2B006.a allows 1.7 + 1 = 2.7 um; 2B206.a.2 allows 1.7 + 1.25 = 2.95 um;
# 2B206.a.1 (two axes) allows 1.25 + 1 = 2.25 um.
CMM = {
    "nc_capable": True,
    "linear_axes": 3,
    "length_measurement_error": "2.7 um",
    "measuring_length": "1000 mm",
}
CMM2 = with_(CMM, linear_axes=2, length_measurement_error="2.25 um")

METROLOGY = [
    case("2B006.a-at-2.7um", "metrology.cmm", CMM, ["2B006.a"], ["2B206.a.2"]),
    case(
        "2B006.a-below-2.69um",
        "metrology.cmm",
        with_(CMM, length_measurement_error="2.69 um"),
        ["2B006.a"],
    ),
    case(
        "2B006.a-above-2.71um-falls-to-2B206",
        "metrology.cmm",
        with_(CMM, length_measurement_error="2.71 um"),
        ["2B206.a.2"],
        ["2B006.a"],
    ),
    case(
        "2B006.a-L-zero",
        "metrology.cmm",
        with_(CMM, length_measurement_error="1.7 um", measuring_length="0 mm"),
        ["2B006.a"],
    ),
    case(
        "2B006.a-L-zero-above",
        "metrology.cmm",
        with_(CMM, length_measurement_error="1.71 um", measuring_length="0 mm"),
        [],
        ["2B006.a", "2B206.a.2"],
    ),
    case("2B006.a-L-in-metres", "metrology.cmm", with_(CMM, measuring_length="1 m"), ["2B006.a"]),
    case(
        "2B006.a-L-500mm",
        "metrology.cmm",
        with_(CMM, length_measurement_error="2.2 um", measuring_length="500 mm"),
        ["2B006.a"],
    ),
    case(
        "2B006.a-L-500mm-above",
        "metrology.cmm",
        with_(CMM, length_measurement_error="2.21 um", measuring_length="500 mm"),
        ["2B206.a.2"],
        ["2B006.a"],
    ),
    case(
        "2B006.a-not-computer-controlled",
        "metrology.cmm",
        with_(CMM, nc_capable=False),
        [],
        ["2B006.a", "2B206.a.2"],
    ),
    case(
        "2B206.a.2-at-2.95um",
        "metrology.cmm",
        with_(CMM, length_measurement_error="2.95 um"),
        ["2B206.a.2"],
        ["2B006.a"],
    ),
    case(
        "2B206.a.2-above-2.96um",
        "metrology.cmm",
        with_(CMM, length_measurement_error="2.96 um"),
        [],
        ["2B206.a.2", "2B006.a"],
    ),
    case(
        "2B206.a.2-5-axes",
        "metrology.cmm",
        with_(CMM, linear_axes=5, length_measurement_error="2.9 um"),
        ["2B206.a.2"],
    ),
    case("2B206.a.1-at-2.25um", "metrology.cmm", CMM2, ["2B206.a.1"], ["2B006.a", "2B206.a.2"]),
    case(
        "2B206.a.1-above-2.26um",
        "metrology.cmm",
        with_(CMM2, length_measurement_error="2.26 um"),
        [],
        ["2B206.a.1"],
    ),
    case(
        "2B206.a.1-not-for-3-axes",
        "metrology.cmm",
        with_(CMM2, linear_axes=3, length_measurement_error="3 um"),
        [],
        ["2B206.a.1"],
    ),
]


@pytest.mark.parametrize(("kind", "parameters", "present", "absent"), METROLOGY)
def test_cmms(kind, parameters, present, absent):
    check(kind, parameters, present, absent)


def test_cmm_trace_shows_the_length_dependent_threshold():
    r = check("metrology.cmm", CMM, ["2B006.a"], [])
    row = next(
        t for t in entry(r, "2B006.a")["trace"] if t["parameter"] == "length_measurement_error"
    )
    assert row["met"] is True and "2.7" in row["threshold"]
