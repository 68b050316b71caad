"""Thresholds of the machine-tool entries: Wassenaar 2B001 and NSG 2B201 (both list versions).

Each case sits at, just inside or just outside one threshold, or tests one exclusion.
"""

from __future__ import annotations

import datetime as dt

import pytest

from tests.core.controls.entry_cases import (
    BEFORE_2B201_CHANGE,
    case,
    check,
    classify_dict,
    entry,
    with_,
)

SPECIAL_PURPOSES_2B001 = [
    "gear_machining",
    "crankshaft_camshaft",
    "tool_or_cutter",
    "extruder_worm",
    "jewellery",
    "dental",
]

# --------------------------------------------------------------------------- 2B001.a turning

LATHE = {
    "nc_capable": True,
    "contouring_axes": 2,
    "positioning_repeatability": "0.9 um",
    "axis_travel": "600 mm",
    "special_purpose": "none",
}
SWISS = with_(LATHE, swiss_type=True, max_bar_diameter="42 mm", has_chuck=False)
LENS = with_(
    LATHE, special_purpose="contact_lens", ophthalmic_software_only=True, vacuum_chucking=False
)

TURNING = [
    case("a-at-0.9um-short-travel", "machine_tool.turning", LATHE, ["2B001.a"]),
    case(
        "a-below-0.89um",
        "machine_tool.turning",
        with_(LATHE, positioning_repeatability="0.89 um"),
        ["2B001.a"],
    ),
    case(
        "a-above-0.91um-short-travel",
        "machine_tool.turning",
        with_(LATHE, positioning_repeatability="0.91 um"),
        [],
        ["2B001.a"],
    ),
    case(
        "a-1.0um-travel-999mm",
        "machine_tool.turning",
        with_(LATHE, positioning_repeatability="1.0 um", axis_travel="999 mm"),
        [],
        ["2B001.a"],
    ),
    case(
        "a-1.0um-travel-1m",
        "machine_tool.turning",
        with_(LATHE, positioning_repeatability="1.0 um", axis_travel="1 m"),
        ["2B001.a"],
    ),
    case(
        "a-at-1.1um-long-travel",
        "machine_tool.turning",
        with_(LATHE, positioning_repeatability="1.1 um", axis_travel="1.5 m"),
        ["2B001.a"],
    ),
    case(
        "a-above-1.11um-long-travel",
        "machine_tool.turning",
        with_(LATHE, positioning_repeatability="1.11 um", axis_travel="1.5 m"),
        [],
        ["2B001.a"],
    ),
    case(
        "a-imperial-units",
        "machine_tool.turning",
        with_(LATHE, positioning_repeatability="3.5e-5 in", axis_travel="20 in"),
        ["2B001.a"],
    ),
    case(
        "a-one-contouring-axis",
        "machine_tool.turning",
        with_(LATHE, contouring_axes=1),
        [],
        ["2B001.a"],
    ),
    case(
        "a-not-nc-capable", "machine_tool.turning", with_(LATHE, nc_capable=False), [], ["2B001.a"]
    ),
    case("a-excl-contact-lens", "machine_tool.turning", LENS, [], ["2B001.a"]),
    case(
        "a-contact-lens-with-vacuum-chuck",
        "machine_tool.turning",
        with_(LENS, vacuum_chucking=True),
        ["2B001.a"],
    ),
    case(
        "a-contact-lens-general-software",
        "machine_tool.turning",
        with_(LENS, ophthalmic_software_only=False),
        ["2B001.a"],
    ),
    case("a-excl-swiss-42mm-no-chuck", "machine_tool.turning", SWISS, [], ["2B001.a"]),
    case(
        "a-swiss-42.1mm-bar",
        "machine_tool.turning",
        with_(SWISS, max_bar_diameter="42.1 mm"),
        ["2B001.a"],
    ),
    case("a-swiss-with-chuck", "machine_tool.turning", with_(SWISS, has_chuck=True), ["2B001.a"]),
    *[
        case(
            f"a-excl-{sp}",
            "machine_tool.turning",
            with_(LATHE, special_purpose=sp),
            [],
            ["2B001.a"],
        )
        for sp in SPECIAL_PURPOSES_2B001
    ],
]

# --------------------------------------------------------------------------- 2B001.b milling

MILL4 = {
    "nc_capable": True,
    "linear_axes": 3,
    "rotary_axes": 1,
    "contouring_axes": 4,
    "rotary_contouring_axes": 1,
    "positioning_repeatability": "0.9 um",
    "axis_travel": "800 mm",
    "special_purpose": "none",
}
MILL5 = with_(MILL4, rotary_axes=2, contouring_axes=5, rotary_contouring_axes=2)
MILLING = [
    # b.1: three linear plus one rotary contouring axis
    case("b1-at-0.9um", "machine_tool.milling", MILL4, ["2B001.b.1"], ["2B001.b.2"]),
    case(
        "b1-above-0.91um",
        "machine_tool.milling",
        with_(MILL4, positioning_repeatability="0.91 um"),
        [],
        ["2B001.b.1"],
    ),
    case(
        "b1-1.05um-travel-999mm",
        "machine_tool.milling",
        with_(MILL4, positioning_repeatability="1.05 um", axis_travel="999 mm"),
        [],
        ["2B001.b.1"],
    ),
    case(
        "b1-at-1.1um-travel-1m",
        "machine_tool.milling",
        with_(MILL4, positioning_repeatability="1.1 um", axis_travel="1 m"),
        ["2B001.b.1"],
    ),
    case(
        "b1-above-1.11um-travel-2m",
        "machine_tool.milling",
        with_(MILL4, positioning_repeatability="1.11 um", axis_travel="2 m"),
        [],
        ["2B001.b.1"],
    ),
    case(
        "b1-no-rotary-contouring",
        "machine_tool.milling",
        with_(MILL4, linear_axes=4, rotary_axes=0, rotary_contouring_axes=0),
        [],
        ["2B001.b.1"],
    ),
    # Issue 10.5: b.1 needs three linear axes plus one rotary contouring axis (2B001.b.1).
    case(
        "b1-two-linear-two-rotary",
        "machine_tool.milling",
        with_(MILL4, linear_axes=2, rotary_axes=2, rotary_contouring_axes=2),
        [],
        ["2B001.b.1", "2B001.b.2"],
    ),
    case(
        "b1-three-linear-one-rotary-in-inches",
        "machine_tool.milling",
        with_(MILL4, positioning_repeatability="3.5e-5 in", axis_travel="30 in"),
        ["2B001.b.1"],
    ),
    case(
        "b1-two-linear-axes-stated",
        "machine_tool.milling",
        with_(MILL4, linear_axes=2, rotary_axes=2),
        [],
        ["2B001.b.1"],
    ),
    case(
        "b1-three-axes",
        "machine_tool.milling",
        with_(MILL4, contouring_axes=3, rotary_contouring_axes=0),
        [],
        ["2B001.b.1", "2B001.b.2"],
    ),
    # b.2: five or more contouring axes, three travel bands
    case("b2-at-0.9um", "machine_tool.milling", MILL5, ["2B001.b.2"], ["2B001.b.1"]),
    case(
        "b2-below-0.89um",
        "machine_tool.milling",
        with_(MILL5, positioning_repeatability="0.89 um"),
        ["2B001.b.2"],
    ),
    case(
        "b2-above-0.91um",
        "machine_tool.milling",
        with_(MILL5, positioning_repeatability="0.91 um"),
        [],
        ["2B001.b.2"],
    ),
    case(
        "b2-1.2um-travel-999mm",
        "machine_tool.milling",
        with_(MILL5, positioning_repeatability="1.2 um", axis_travel="999 mm"),
        [],
        ["2B001.b.2"],
    ),
    case(
        "b2-1.2um-travel-1m",
        "machine_tool.milling",
        with_(MILL5, positioning_repeatability="1.2 um", axis_travel="1 m"),
        ["2B001.b.2"],
    ),
    case(
        "b2-at-1.4um-travel-3m",
        "machine_tool.milling",
        with_(MILL5, positioning_repeatability="1.4 um", axis_travel="3 m"),
        ["2B001.b.2"],
    ),
    case(
        "b2-above-1.41um-travel-3m",
        "machine_tool.milling",
        with_(MILL5, positioning_repeatability="1.41 um", axis_travel="3 m"),
        [],
        ["2B001.b.2"],
    ),
    case(
        "b2-2um-travel-3.999m",
        "machine_tool.milling",
        with_(MILL5, positioning_repeatability="2 um", axis_travel="3.999 m"),
        [],
        ["2B001.b.2"],
    ),
    case(
        "b2-2um-travel-4m",
        "machine_tool.milling",
        with_(MILL5, positioning_repeatability="2 um", axis_travel="4 m"),
        ["2B001.b.2"],
    ),
    case(
        "b2-at-6.0um-travel-6m",
        "machine_tool.milling",
        with_(MILL5, positioning_repeatability="6.0 um", axis_travel="6 m"),
        ["2B001.b.2"],
    ),
    case(
        "b2-above-6.01um-travel-6m",
        "machine_tool.milling",
        with_(MILL5, positioning_repeatability="6.01 um", axis_travel="6 m"),
        [],
        ["2B001.b.2"],
    ),
    case(
        "b2-four-axes-1.2um-1.5m",
        "machine_tool.milling",
        with_(MILL4, positioning_repeatability="1.2 um", axis_travel="1.5 m"),
        [],
        ["2B001.b.1", "2B001.b.2"],
    ),
    case(
        "b2-six-axes",
        "machine_tool.milling",
        with_(MILL5, rotary_axes=3, contouring_axes=6, rotary_contouring_axes=3),
        ["2B001.b.2"],
    ),
    case(
        "b2-not-nc-capable",
        "machine_tool.milling",
        with_(MILL5, nc_capable=False),
        [],
        ["2B001.b.2"],
    ),
    case("b2-jig-boring-kind", "machine_tool.jig_boring", MILL5, ["2B001.b.2"]),
    *[
        case(
            f"b2-excl-{sp}",
            "machine_tool.milling",
            with_(MILL5, special_purpose=sp),
            [],
            ["2B001.b.2"],
        )
        for sp in SPECIAL_PURPOSES_2B001
    ],
    # b.3 jig boring
    case(
        "b3-at-1.1um",
        "machine_tool.jig_boring",
        {"nc_capable": True, "positioning_repeatability": "1.1 um"},
        ["2B001.b.3"],
    ),
    case(
        "b3-below-1.09um",
        "machine_tool.jig_boring",
        {"nc_capable": True, "positioning_repeatability": "1.09 um"},
        ["2B001.b.3"],
    ),
    case(
        "b3-above-1.11um",
        "machine_tool.jig_boring",
        {"nc_capable": True, "positioning_repeatability": "1.11 um"},
        [],
        ["2B001.b.3"],
    ),
    case(
        "b3-not-nc",
        "machine_tool.jig_boring",
        {"nc_capable": False, "positioning_repeatability": "1.0 um"},
        [],
        ["2B001.b.3"],
    ),
    case(
        "b3-excl-gear",
        "machine_tool.jig_boring",
        {
            "nc_capable": True,
            "positioning_repeatability": "1.0 um",
            "special_purpose": "gear_machining",
        },
        [],
        ["2B001.b.3"],
    ),
    case(
        "b3-not-for-milling-kind",
        "machine_tool.milling",
        {"nc_capable": True, "positioning_repeatability": "1.0 um", "contouring_axes": 3},
        [],
        ["2B001.b.3"],
    ),
    # b.4 fly cutting
    case(
        "b4-inside",
        "machine_tool.fly_cutting",
        {
            "nc_capable": True,
            "spindle_runout": "0.00039 mm",
            "slide_angular_deviation": "1.9 arcsec",
        },
        ["2B001.b.4"],
    ),
    case(
        "b4-runout-at-limit",
        "machine_tool.fly_cutting",
        {
            "nc_capable": True,
            "spindle_runout": "0.0004 mm",
            "slide_angular_deviation": "1.9 arcsec",
        },
        [],
        ["2B001.b.4"],
    ),
    case(
        "b4-runout-in-um",
        "machine_tool.fly_cutting",
        {"nc_capable": True, "spindle_runout": "0.39 um", "slide_angular_deviation": "1.9 arcsec"},
        ["2B001.b.4"],
    ),
    case(
        "b4-angle-at-limit",
        "machine_tool.fly_cutting",
        {"nc_capable": True, "spindle_runout": "0.0003 mm", "slide_angular_deviation": "2 arcsec"},
        [],
        ["2B001.b.4"],
    ),
    case(
        "b4-angle-2.1arcsec",
        "machine_tool.fly_cutting",
        {
            "nc_capable": True,
            "spindle_runout": "0.0003 mm",
            "slide_angular_deviation": "2.1 arcsec",
        },
        [],
        ["2B001.b.4"],
    ),
]

# --------------------------------------------------------------------------- 2B001.c grinding

GRINDER = {
    "nc_capable": True,
    "contouring_axes": 3,
    "positioning_repeatability": "1.1 um",
    "axis_travel": "500 mm",
    "grinder_type": "profile",
    "special_purpose": "none",
}
GRINDER5 = with_(GRINDER, contouring_axes=5, rotary_contouring_axes=2)
SMALL_CYL = with_(
    GRINDER,
    grinder_type="cylindrical_external",
    max_workpiece_diameter="150 mm",
    max_workpiece_length="150 mm",
)
JIG_GRINDER = with_(
    GRINDER, grinder_type="jig", has_z_or_w_axis=False, positioning_repeatability="1.0 um"
)
GRINDING = [
    case("c1-at-1.1um-3-axes", "machine_tool.grinding", GRINDER, ["2B001.c.1"]),
    case("c1-4-axes", "machine_tool.grinding", with_(GRINDER, contouring_axes=4), ["2B001.c.1"]),
    case(
        "c1-2-axes", "machine_tool.grinding", with_(GRINDER, contouring_axes=2), [], ["2B001.c.1"]
    ),
    case(
        "c1-5-axes-not-c1",
        "machine_tool.grinding",
        with_(GRINDER, contouring_axes=5),
        ["2B001.c.2"],
        ["2B001.c.1"],
    ),
    case(
        "c1-below-1.09um",
        "machine_tool.grinding",
        with_(GRINDER, positioning_repeatability="1.09 um"),
        ["2B001.c.1"],
    ),
    case(
        "c1-above-1.11um",
        "machine_tool.grinding",
        with_(GRINDER, positioning_repeatability="1.11 um"),
        [],
        ["2B001.c.1"],
    ),
    case(
        "c1-long-travel-no-band",
        "machine_tool.grinding",
        with_(GRINDER, positioning_repeatability="1.2 um", axis_travel="3 m"),
        [],
        ["2B001.c.1"],
    ),
    case("c2-at-1.1um-short", "machine_tool.grinding", GRINDER5, ["2B001.c.2"]),
    case(
        "c2-above-1.11um-short",
        "machine_tool.grinding",
        with_(GRINDER5, positioning_repeatability="1.11 um"),
        [],
        ["2B001.c.2"],
    ),
    case(
        "c2-1.3um-travel-999mm",
        "machine_tool.grinding",
        with_(GRINDER5, positioning_repeatability="1.3 um", axis_travel="999 mm"),
        [],
        ["2B001.c.2"],
    ),
    case(
        "c2-1.3um-travel-1m",
        "machine_tool.grinding",
        with_(GRINDER5, positioning_repeatability="1.3 um", axis_travel="1 m"),
        ["2B001.c.2"],
    ),
    case(
        "c2-at-1.4um-travel-2m",
        "machine_tool.grinding",
        with_(GRINDER5, positioning_repeatability="1.4 um", axis_travel="2 m"),
        ["2B001.c.2"],
    ),
    case(
        "c2-above-1.41um-travel-2m",
        "machine_tool.grinding",
        with_(GRINDER5, positioning_repeatability="1.41 um", axis_travel="2 m"),
        [],
        ["2B001.c.2"],
    ),
    case(
        "c2-at-6.0um-travel-4m",
        "machine_tool.grinding",
        with_(GRINDER5, positioning_repeatability="6.0 um", axis_travel="4 m"),
        ["2B001.c.2"],
    ),
    case(
        "c2-above-6.01um-travel-4m",
        "machine_tool.grinding",
        with_(GRINDER5, positioning_repeatability="6.01 um", axis_travel="4 m"),
        [],
        ["2B001.c.2"],
    ),
    case(
        "c-excl-surface-grinder",
        "machine_tool.grinding",
        with_(GRINDER, grinder_type="surface"),
        [],
        ["2B001.c.1"],
    ),
    case(
        "c-excl-surface-grinder-5ax",
        "machine_tool.grinding",
        with_(GRINDER5, grinder_type="surface"),
        [],
        ["2B001.c.2"],
    ),
    case("c-excl-small-cylindrical", "machine_tool.grinding", SMALL_CYL, [], ["2B001.c.1"]),
    case(
        "c-small-cylindrical-long-work",
        "machine_tool.grinding",
        with_(SMALL_CYL, max_workpiece_length="151 mm"),
        ["2B001.c.1"],
    ),
    case(
        "c-small-cylindrical-large-dia",
        "machine_tool.grinding",
        with_(SMALL_CYL, max_workpiece_diameter="151 mm"),
        ["2B001.c.1"],
    ),
    case("c-excl-jig-grinder-no-z-w", "machine_tool.grinding", JIG_GRINDER, [], ["2B001.c.1"]),
    case(
        "c-jig-grinder-with-z",
        "machine_tool.grinding",
        with_(JIG_GRINDER, has_z_or_w_axis=True),
        ["2B001.c.1"],
    ),
    case(
        "c-jig-grinder-at-1.1um-not-excluded",
        "machine_tool.grinding",
        with_(JIG_GRINDER, positioning_repeatability="1.1 um"),
        ["2B001.c.1"],
    ),
    *[
        case(
            f"c-excl-{sp}",
            "machine_tool.grinding",
            with_(GRINDER, special_purpose=sp),
            [],
            ["2B001.c.1"],
        )
        for sp in SPECIAL_PURPOSES_2B001
    ],
]

# --------------------------------------------------------------------------- 2B001.d/.e/.f

EDM = {
    "nc_capable": True,
    "edm_type": "non_wire",
    "rotary_contouring_axes": 2,
    "special_purpose": "none",
}
BEAM = {
    "nc_capable": True,
    "beam_type": "laser",
    "rotary_contouring_axes": 2,
    "rotary_axis_positioning_accuracy": "0.0029 deg",
    "special_purpose": "none",
}
DRILL = {"nc_capable": True, "max_bore_depth": "5.01 m", "special_purpose": "none"}
OTHER = [
    case("d-non-wire-2-rotary", "machine_tool.edm", EDM, ["2B001.d"]),
    case(
        "d-non-wire-1-rotary",
        "machine_tool.edm",
        with_(EDM, rotary_contouring_axes=1),
        [],
        ["2B001.d"],
    ),
    case("d-wire-edm", "machine_tool.edm", with_(EDM, edm_type="wire"), [], ["2B001.d"]),
    case(
        "d-excl-tool-cutter",
        "machine_tool.edm",
        with_(EDM, special_purpose="tool_or_cutter"),
        [],
        ["2B001.d"],
    ),
    case("e-laser-inside", "machine_tool.beam_cutting", BEAM, ["2B001.e"]),
    case(
        "e-water-jet", "machine_tool.beam_cutting", with_(BEAM, beam_type="water_jet"), ["2B001.e"]
    ),
    case(
        "e-electron-beam",
        "machine_tool.beam_cutting",
        with_(BEAM, beam_type="electron_beam"),
        ["2B001.e"],
    ),
    case(
        "e-other-beam", "machine_tool.beam_cutting", with_(BEAM, beam_type="other"), [], ["2B001.e"]
    ),
    case(
        "e-accuracy-at-0.003deg",
        "machine_tool.beam_cutting",
        with_(BEAM, rotary_axis_positioning_accuracy="0.003 deg"),
        [],
        ["2B001.e"],
    ),
    case(
        "e-accuracy-in-arcsec",
        "machine_tool.beam_cutting",
        with_(BEAM, rotary_axis_positioning_accuracy="10 arcsec"),
        ["2B001.e"],
    ),
    case(
        "e-1-rotary-axis",
        "machine_tool.beam_cutting",
        with_(BEAM, rotary_contouring_axes=1),
        [],
        ["2B001.e"],
    ),
    case("f-above-5m", "machine_tool.deep_hole_drilling", DRILL, ["2B001.f"]),
    case(
        "f-at-5m",
        "machine_tool.deep_hole_drilling",
        with_(DRILL, max_bore_depth="5 m"),
        [],
        ["2B001.f"],
    ),
    case(
        "f-not-nc",
        "machine_tool.deep_hole_drilling",
        with_(DRILL, nc_capable=False),
        [],
        ["2B001.f"],
    ),
    case(
        "f-excl-crankshaft",
        "machine_tool.deep_hole_drilling",
        with_(DRILL, special_purpose="crankshaft_camshaft"),
        [],
        ["2B001.f"],
    ),
    # multi-process machines are assessed as lathes and as mills (2B001 Note 3)
    case(
        "mill-turn-both",
        "machine_tool.mill_turn",
        with_(MILL5, positioning_repeatability="0.8 um"),
        ["2B001.a", "2B001.b.2"],
    ),
    case(
        "mill-turn-none",
        "machine_tool.mill_turn",
        with_(MILL5, positioning_repeatability="2 um"),
        [],
        ["2B001.a", "2B001.b.2"],
    ),
]


@pytest.mark.parametrize(
    ("kind", "parameters", "present", "absent"), TURNING + MILLING + GRINDING + OTHER
)
def test_2b001(kind, parameters, present, absent):
    check(kind, parameters, present, absent)


# --------------------------------------------------------------------------- 2B201 (NSG), 2022 text

MILL3 = {
    "nc_capable": True,
    "linear_axes": 3,
    "rotary_axes": 0,
    "contouring_axes": 3,
    "positioning_repeatability": "3 um",
    "axis_travel": "800 mm",
    "positioning_accuracy": {"value": "6 um", "standard": "ISO 230-2:1988"},
    "special_purpose": "none",
}
MILL_ROT2 = with_(
    MILL3, rotary_axes=2, contouring_axes=4, rotary_contouring_axes=2, positioning_accuracy="20 um"
)
LONG_X = with_(MILL_ROT2, x_axis_travel="2.01 m", x_axis_positioning_accuracy="30.1 um")
GRIND_NSG = {
    "nc_capable": True,
    "contouring_axes": 2,
    "positioning_repeatability": "2 um",
    "axis_travel": "500 mm",
    "positioning_accuracy": {"value": "4 um", "standard": "ISO 230-2:1988"},
    "grinder_type": "profile",
    "special_purpose": "none",
}
XZC = with_(
    GRIND_NSG,
    grinder_type="cylindrical_external",
    max_workpiece_diameter="150 mm",
    max_workpiece_length="150 mm",
    linear_axes=2,
    rotary_axes=1,
)
LATHE_NSG = {
    "nc_capable": True,
    "contouring_axes": 2,
    "positioning_repeatability": "2 um",
    "axis_travel": "600 mm",
    "positioning_accuracy": {"value": "5.99 um", "standard": "ISO 230-2:1988"},
    "max_workpiece_diameter": "36 mm",
    "special_purpose": "none",
}
NSG_2022 = [
    case("2022-a-at-6um", "machine_tool.milling", MILL3, ["2B201.a"]),
    case(
        "2022-a-above-6.01um",
        "machine_tool.milling",
        with_(MILL3, positioning_accuracy="6.01 um"),
        [],
        ["2B201.a"],
    ),
    case(
        "2022-a-below-5.9um",
        "machine_tool.milling",
        with_(MILL3, positioning_accuracy="5.9 um"),
        ["2B201.a"],
    ),
    case("2022-a-2-rotary-contouring", "machine_tool.milling", MILL_ROT2, ["2B201.a"]),
    case(
        "2022-a-1-rotary-contouring",
        "machine_tool.milling",
        with_(MILL_ROT2, rotary_axes=1, rotary_contouring_axes=1),
        [],
        ["2B201.a"],
    ),
    case(
        "2022-a-5-axes-outside-2B001",
        "machine_tool.milling",
        with_(MILL5, positioning_repeatability="2 um", positioning_accuracy="20 um"),
        ["2B201.a"],
        ["2B001.b.2"],
    ),
    case("2022-a-not-when-2B001", "machine_tool.milling", MILL5, ["2B001.b.2"], ["2B201.a"]),
    case(
        "2022-a-one-contouring-axis",
        "machine_tool.milling",
        with_(MILL3, contouring_axes=1),
        [],
        ["2B201.a"],
    ),
    case("2022-a-excl-long-x-inaccurate", "machine_tool.milling", LONG_X, [], ["2B201.a"]),
    case(
        "2022-a-long-x-at-2m",
        "machine_tool.milling",
        with_(LONG_X, x_axis_travel="2 m"),
        ["2B201.a"],
    ),
    case(
        "2022-a-long-x-at-30um",
        "machine_tool.milling",
        with_(LONG_X, x_axis_positioning_accuracy="30 um"),
        ["2B201.a"],
    ),
    case(
        "2022-a-excl-gear",
        "machine_tool.milling",
        with_(MILL3, special_purpose="gear_machining"),
        [],
        ["2B201.a"],
    ),
    case(
        "2022-a-excl-extruder-worm",
        "machine_tool.milling",
        with_(MILL3, special_purpose="extruder_worm"),
        [],
        ["2B201.a"],
    ),
    # 2B201 has no jewellery exclusion: a five-axis jewellery mill leaves 2B001 but lands in 2B201
    case(
        "2022-a-jewellery-mill-is-nsg",
        "machine_tool.milling",
        with_(MILL5, special_purpose="jewellery"),
        ["2B201.a"],
        ["2B001.b.2"],
    ),
    case("2022-b-at-4um", "machine_tool.grinding", GRIND_NSG, ["2B201.b"]),
    case(
        "2022-b-above-4.01um",
        "machine_tool.grinding",
        with_(GRIND_NSG, positioning_accuracy="4.01 um"),
        [],
        ["2B201.b"],
    ),
    case(
        "2022-b-2-rotary",
        "machine_tool.grinding",
        with_(GRIND_NSG, positioning_accuracy="10 um", rotary_contouring_axes=2),
        ["2B201.b"],
    ),
    case(
        "2022-b-5-axes",
        "machine_tool.grinding",
        with_(GRIND_NSG, positioning_accuracy="10 um", contouring_axes=5),
        ["2B201.b"],
    ),
    case(
        "2022-b-not-when-2B001.c.1",
        "machine_tool.grinding",
        with_(GRIND_NSG, contouring_axes=3, positioning_repeatability="1.0 um"),
        ["2B001.c.1"],
        ["2B201.b"],
    ),
    case("2022-b-excl-small-cylindrical-xzc", "machine_tool.grinding", XZC, [], ["2B201.b"]),
    case(
        "2022-b-cylindrical-with-y-axis",
        "machine_tool.grinding",
        with_(XZC, linear_axes=3),
        ["2B201.b"],
    ),
    case(
        "2022-b-cylindrical-160mm",
        "machine_tool.grinding",
        with_(XZC, max_workpiece_diameter="160 mm"),
        ["2B201.b"],
    ),
    case(
        "2022-b-excl-jig-grinder-3.9um",
        "machine_tool.grinding",
        with_(GRIND_NSG, grinder_type="jig", has_z_or_w_axis=False, positioning_accuracy="3.9 um"),
        [],
        ["2B201.b"],
    ),
    case(
        "2022-b-jig-grinder-at-4um",
        "machine_tool.grinding",
        with_(GRIND_NSG, grinder_type="jig", has_z_or_w_axis=False),
        ["2B201.b"],
    ),
    case(
        "2022-b-excl-tool-cutter",
        "machine_tool.grinding",
        with_(GRIND_NSG, special_purpose="tool_or_cutter"),
        [],
        ["2B201.b"],
    ),
    case("2022-c-below-6um-36mm", "machine_tool.turning", LATHE_NSG, ["2B201.c"]),
    case(
        "2022-c-at-6um-strict",
        "machine_tool.turning",
        with_(LATHE_NSG, positioning_accuracy="6 um"),
        [],
        ["2B201.c"],
    ),
    case(
        "2022-c-35mm-diameter",
        "machine_tool.turning",
        with_(LATHE_NSG, max_workpiece_diameter="35 mm"),
        [],
        ["2B201.c"],
    ),
    case(
        "2022-c-excl-swiss",
        "machine_tool.turning",
        with_(LATHE_NSG, swiss_type=True, max_bar_diameter="42 mm", has_chuck=False),
        [],
        ["2B201.c"],
    ),
    case(
        "2022-c-swiss-with-chuck",
        "machine_tool.turning",
        with_(LATHE_NSG, swiss_type=True, max_bar_diameter="42 mm", has_chuck=True),
        ["2B201.c"],
    ),
    case(
        "2022-c-excl-crankshaft",
        "machine_tool.turning",
        with_(LATHE_NSG, special_purpose="crankshaft_camshaft"),
        [],
        ["2B201.c"],
    ),
    case(
        "2022-c-not-when-2B001.a",
        "machine_tool.turning",
        with_(LATHE_NSG, positioning_repeatability="0.8 um"),
        ["2B001.a"],
        ["2B201.c"],
    ),
]


@pytest.mark.parametrize(("kind", "parameters", "present", "absent"), NSG_2022)
def test_2b201_2022_text(kind, parameters, present, absent):
    check(kind, parameters, present, absent, at=BEFORE_2B201_CHANGE)


# --------------------------------------------------------------------------- 2B201 after ISO 230-2:2006

MILL3_06 = with_(MILL3, positioning_accuracy={"value": "4.5 um", "standard": "ISO 230-2:2006"})
GRIND_06 = with_(GRIND_NSG, positioning_accuracy={"value": "3 um", "standard": "ISO 230-2:2006"})
LATHE_06 = with_(LATHE_NSG, positioning_accuracy={"value": "4.49 um", "standard": "ISO 230-2:2006"})
LONG_X_06 = with_(MILL_ROT2, x_axis_travel="2.01 m", x_axis_positioning_accuracy="22.6 um")
NSG_2006 = [
    case("2006-a-at-4.5um", "machine_tool.milling", MILL3_06, ["2B201.a"]),
    case(
        "2006-a-above-4.51um",
        "machine_tool.milling",
        with_(MILL3_06, positioning_accuracy="4.51 um"),
        [],
        ["2B201.a"],
    ),
    case(
        "2006-a-6um-no-longer",
        "machine_tool.milling",
        with_(MILL3_06, positioning_accuracy="6 um"),
        [],
        ["2B201.a"],
    ),
    case("2006-a-2-rotary", "machine_tool.milling", MILL_ROT2, ["2B201.a"]),
    case("2006-a-excl-long-x-22.6um", "machine_tool.milling", LONG_X_06, [], ["2B201.a"]),
    case(
        "2006-a-long-x-at-22.5um",
        "machine_tool.milling",
        with_(LONG_X_06, x_axis_positioning_accuracy="22.5 um"),
        ["2B201.a"],
    ),
    case(
        "2006-a-long-x-25um-now-excluded",
        "machine_tool.milling",
        with_(LONG_X_06, x_axis_positioning_accuracy="25 um"),
        [],
        ["2B201.a"],
    ),
    case(
        "2006-a-excl-gear",
        "machine_tool.milling",
        with_(MILL3_06, special_purpose="gear_machining"),
        [],
        ["2B201.a"],
    ),
    case("2006-b-at-3um", "machine_tool.grinding", GRIND_06, ["2B201.b"]),
    case(
        "2006-b-above-3.01um",
        "machine_tool.grinding",
        with_(GRIND_06, positioning_accuracy="3.01 um"),
        [],
        ["2B201.b"],
    ),
    case(
        "2006-b-4um-no-longer",
        "machine_tool.grinding",
        with_(GRIND_06, positioning_accuracy="4 um"),
        [],
        ["2B201.b"],
    ),
    case(
        "2006-b-excl-jig-grinder-2.9um",
        "machine_tool.grinding",
        with_(GRIND_06, grinder_type="jig", has_z_or_w_axis=False, positioning_accuracy="2.9 um"),
        [],
        ["2B201.b"],
    ),
    case(
        "2006-b-jig-grinder-at-3um",
        "machine_tool.grinding",
        with_(GRIND_06, grinder_type="jig", has_z_or_w_axis=False),
        ["2B201.b"],
    ),
    case(
        "2006-b-excl-small-cylindrical-xzc",
        "machine_tool.grinding",
        with_(XZC, positioning_accuracy="3 um"),
        [],
        ["2B201.b"],
    ),
    case("2006-c-below-4.5um", "machine_tool.turning", LATHE_06, ["2B201.c"]),
    case(
        "2006-c-at-4.5um-strict",
        "machine_tool.turning",
        with_(LATHE_06, positioning_accuracy="4.5 um"),
        [],
        ["2B201.c"],
    ),
    case(
        "2006-c-35mm",
        "machine_tool.turning",
        with_(LATHE_06, max_workpiece_diameter="35 mm"),
        [],
        ["2B201.c"],
    ),
    case(
        "2006-c-excl-swiss",
        "machine_tool.turning",
        with_(LATHE_06, swiss_type=True, max_bar_diameter="40 mm", has_chuck=False),
        [],
        ["2B201.c"],
    ),
]


@pytest.mark.parametrize(("kind", "parameters", "present", "absent"), NSG_2006)
def test_2b201_iso_230_2_2006_text(kind, parameters, present, absent):
    check(kind, parameters, present, absent)


def test_2b201_version_switches_on_its_effective_date():
    item = with_(MILL3, positioning_accuracy="5 um")
    check("machine_tool.milling", item, ["2B201.a"], [], at=dt.date(2023, 12, 15))
    check("machine_tool.milling", item, [], ["2B201.a"], at=dt.date(2023, 12, 16))


def test_2b201_warns_when_the_measurement_standard_differs():
    r = check(
        "machine_tool.milling",
        with_(MILL3, positioning_accuracy={"value": "5 um", "standard": "ISO 230-2:2006"}),
        ["2B201.a"],
        [],
        at=BEFORE_2B201_CHANGE,
    )
    assert any(w.startswith("2B201.a") and "ISO 230-2:1988" in w for w in r["warnings"])


def test_2b001_hit_names_the_open_exclusions():
    r = check("machine_tool.milling", with_(MILL5, special_purpose=None), ["2B001.b.2"], [])
    notes = " ".join(entry(r, "2B001.b.2").get("notes", []))
    assert "gear-machines" in notes and "dental-prosthesis-machines" in notes


def test_missing_travel_is_reported_for_banded_thresholds():
    r = classify_dict("machine_tool.milling", with_(MILL5, axis_travel=None))
    assert {"entry": "2B001.b.2", "parameter": "axis_travel"} in r["missing_parameters"]


# --------------------------------------------------------------------------- worked examples

FIVE_AXIS_EXAMPLE = {
    "nc_capable": True,
    "linear_axes": 3,
    "rotary_axes": 2,
    "contouring_axes": 5,
    "rotary_contouring_axes": 2,
    "positioning_repeatability": "0.7 um",
    "axis_travel": "600 mm",
}
THREE_AXIS_EXAMPLE = {
    "nc_capable": True,
    "linear_axes": 3,
    "rotary_axes": 0,
    "contouring_axes": 3,
    "positioning_repeatability": "15 um",
    "positioning_accuracy": "20 um",
    "axis_travel": "500 mm",
}


def test_example_five_axis_mill_is_2b001_b_2():
    r = check(
        "machine_tool.milling", FIVE_AXIS_EXAMPLE, ["2B001.b.2"], ["2B001.b.1", "2B201.a"], at=None
    )
    e = entry(r, "2B001.b.2")
    assert e["regime"] == "WA" and e["mtcr_item"] is None
    assert r["missile_relevance"]["level"] == "high"


def test_example_three_axis_mill_is_not_listed():
    r = classify_dict("machine_tool.milling", THREE_AXIS_EXAMPLE, at=None)
    assert r["controlled"] is False and r["entries"] == []
    assert r["missile_relevance"]["uses"], "catch-all needs the missile uses of a milling machine"


# --------------------------------------------------------------------------- per-axis figures
# Issue 10.5: repeatability may be given per axis, each with its travel; 2B001 reads "along one
# or more linear axis with a travel length ...", so each axis is tested in its own travel band.


def _axes(x: str, x_travel: str, y: str, y_travel: str) -> dict:
    return {"X": {"value": x, "travel": x_travel}, "Y": {"value": y, "travel": y_travel}}


MILL5_AXES = with_(MILL5, axis_travel=None)
PER_AXIS = [
    # X is long (1.2 m: limit 1.4 um), Y short (0.8 m: limit 0.9 um)
    case(
        "b2-long-axis-at-1.4um",
        "machine_tool.milling",
        with_(MILL5_AXES, positioning_repeatability=_axes("1.4 um", "1.2 m", "2 um", "800 mm")),
        ["2B001.b.2"],
    ),
    case(
        "b2-long-axis-1.41um-above",
        "machine_tool.milling",
        with_(MILL5_AXES, positioning_repeatability=_axes("1.41 um", "1.2 m", "2 um", "800 mm")),
        [],
        ["2B001.b.2"],
    ),
    case(
        "b2-long-axis-in-inches-below",
        "machine_tool.milling",
        with_(MILL5_AXES, positioning_repeatability=_axes("5.5e-5 in", "47 in", "2 um", "800 mm")),
        ["2B001.b.2"],  # 1.397 um over 1.19 m
    ),
    case(
        "b2-short-axis-at-0.9um",
        "machine_tool.milling",
        with_(MILL5_AXES, positioning_repeatability=_axes("2 um", "1.2 m", "0.9 um", "999 mm")),
        ["2B001.b.2"],
    ),
    case(
        "b2-short-axis-1.0um-above-its-band",
        # 1.0 um would pass the 1.4 um band, but the Y axis is short (0.9 um band)
        "machine_tool.milling",
        with_(MILL5_AXES, positioning_repeatability=_axes("2 um", "1.2 m", "1.0 um", "999 mm")),
        [],
        ["2B001.b.2"],
    ),
    case(
        "b2-short-axis-in-inches-above",
        "machine_tool.milling",
        with_(MILL5_AXES, positioning_repeatability=_axes("2 um", "1.2 m", "3.6e-5 in", "39 in")),
        [],
        ["2B001.b.2"],  # 0.914 um over 0.99 m
    ),
]


@pytest.mark.parametrize(("kind", "parameters", "present", "absent"), PER_AXIS)
def test_per_axis_repeatability(kind, parameters, present, absent):
    check(kind, parameters, present, absent)


def test_per_axis_trace_shows_each_axis_limit():
    r = check(
        "machine_tool.milling",
        with_(MILL5_AXES, positioning_repeatability=_axes("1.4 um", "1.2 m", "2 um", "800 mm")),
        ["2B001.b.2"],
        [],
    )
    step = next(
        t for t in entry(r, "2B001.b.2")["trace"] if t["parameter"] == "positioning_repeatability"
    )
    assert "X: 1.4 µm" in step["threshold"] and "Y: 0.9 µm" in step["threshold"]
    assert step["met"] is True


def test_an_axis_without_travel_takes_the_item_axis_travel_or_is_unknown():
    axes = {"X": {"value": "1.2 um"}}
    r = check(
        "machine_tool.milling",
        with_(MILL5, axis_travel="1.5 m", positioning_repeatability=axes),
        ["2B001.b.2"],
        [],
    )
    r = classify_dict("machine_tool.milling", with_(MILL5_AXES, positioning_repeatability=axes))
    assert {"entry": "2B001.b.2", "parameter": "axis_travel"} in r["missing_parameters"]
