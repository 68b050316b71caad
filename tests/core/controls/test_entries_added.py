"""Entries added for issue 10.5, each checked against the official text (Norway List II /
EU Annex I): 2B116.b-d, 2B117, 1B116, 1B117-1B119, 9B105, 9B106, 2B008, 2B001.f for turning
machines modified for deep-hole drilling, and the apogee-engine Note of MTCR 2.A.1.c. Each
threshold at, just below and just above, in two units where a unit applies."""

from __future__ import annotations

import pytest

from tests.core.controls.entry_cases import case, check, classify_dict, entry, with_

CONTROLLER = {"digital_control_bandwidth": "5.1 kHz", "designed_for_vibration_systems": True}
SHAKER = {"vibration_force": "50 kN"}
NOZZLE = {
    "designed_for_pyrolytic_deposition": True,
    "deposition_temperature": "2000 degC",
    "deposition_pressure": "1 kPa",
}
BATCH = {
    "vacuum_mixing": True,
    "mixing_temperature_control": True,
    "mixer_volume": "110 L",
    "off_centre_mixing_shafts": 1,
}
CONTINUOUS = {"vacuum_mixing": True, "mixing_temperature_control": True, "mixing_shafts": 2}
TUNNEL = {"max_mach": 0.9, "tunnel_type": "wind_tunnel", "test_section_size": "600 mm"}
CHAMBER_A = {
    "simulated_altitude": "15 km",
    "vibration_acceleration": "10 g",
    "frequency_min": "20 Hz",
    "frequency_max": "2 kHz",
    "vibration_force": "5 kN",
}
CHAMBER_B = {"sound_pressure_level": 140, "simulated_altitude": "15 km"}
TABLE = {"designed_for_machine_tools": True, "rotary_axes": 2, "rotary_contouring_axes": 2}
DEEP = {
    "nc_capable": True,
    "contouring_axes": 2,
    "positioning_repeatability": "5 um",
    "axis_travel": "6 m",
    "max_bore_depth": "5.01 m",
}

CASES = [
    # 2B116.b: controller bandwidth greater than 5 kHz
    case("2B116.b-5.1kHz", "test.vibration_controller", CONTROLLER, ["2B116.b"]),
    case(
        "2B116.b-at-5kHz",
        "test.vibration_controller",
        with_(CONTROLLER, digital_control_bandwidth="5 kHz"),
        [],
        ["2B116.b"],
    ),
    case(
        "2B116.b-5001Hz",
        "test.vibration_controller",
        with_(CONTROLLER, digital_control_bandwidth="5001 Hz"),
        ["2B116.b"],
    ),
    case(
        "2B116.b-4999Hz",
        "test.vibration_controller",
        with_(CONTROLLER, digital_control_bandwidth="4999 Hz"),
        [],
        ["2B116.b"],
    ),
    case(
        "2B116.b-not-for-2B116.a",
        "test.vibration_controller",
        with_(CONTROLLER, designed_for_vibration_systems=False),
        [],
        ["2B116.b"],
    ),
    # 2B116.c: shaker units of 50 kN or more
    case("2B116.c-at-50kN", "test.vibration_shaker", SHAKER, ["2B116.c"]),
    case(
        "2B116.c-49.9kN",
        "test.vibration_shaker",
        {"vibration_force": "49.9 kN"},
        [],
        ["2B116.c"],
    ),
    case(
        "2B116.c-11241lbf", "test.vibration_shaker", {"vibration_force": "11241 lbf"}, ["2B116.c"]
    ),
    case(
        "2B116.c-11240lbf",
        "test.vibration_shaker",
        {"vibration_force": "11240 lbf"},
        [],
        ["2B116.c"],
    ),
    # 2B116.d: combined force of 50 kN or more
    case("2B116.d-at-50kN", "test.multi_shaker_unit", SHAKER, ["2B116.d"]),
    case("2B116.d-50.1kN", "test.multi_shaker_unit", {"vibration_force": "50.1 kN"}, ["2B116.d"]),
    case(
        "2B116.d-49.9kN",
        "test.multi_shaker_unit",
        {"vibration_force": "49.9 kN"},
        [],
        ["2B116.d"],
    ),
    # 2B117
    case(
        "2B117-designed",
        "furnace.densification",
        {"designed_for_nozzle_densification": True},
        ["2B117"],
    ),
    case(
        "2B117-not-designed",
        "furnace.densification",
        {"designed_for_nozzle_densification": False},
        [],
        ["2B117"],
    ),
    # 1B116: 1 300-2 900 C and 130 Pa-20 kPa
    case("1B116-inside", "furnace.pyrolytic_deposition_nozzle", NOZZLE, ["1B116"]),
    case(
        "1B116-at-1300C",
        "furnace.pyrolytic_deposition_nozzle",
        with_(NOZZLE, deposition_temperature="1300 degC"),
        ["1B116"],
    ),
    case(
        "1B116-1299C",
        "furnace.pyrolytic_deposition_nozzle",
        with_(NOZZLE, deposition_temperature="1299 degC"),
        [],
        ["1B116"],
    ),
    case(
        "1B116-at-1573K",
        "furnace.pyrolytic_deposition_nozzle",
        with_(NOZZLE, deposition_temperature="1573.15 K"),
        ["1B116"],
    ),
    case(
        "1B116-at-2900C",
        "furnace.pyrolytic_deposition_nozzle",
        with_(NOZZLE, deposition_temperature="2900 degC"),
        ["1B116"],
    ),
    case(
        "1B116-3174K-above",
        "furnace.pyrolytic_deposition_nozzle",
        with_(NOZZLE, deposition_temperature="3174.15 K"),
        [],
        ["1B116"],
    ),
    case(
        "1B116-at-130Pa",
        "furnace.pyrolytic_deposition_nozzle",
        with_(NOZZLE, deposition_pressure="130 Pa"),
        ["1B116"],
    ),
    case(
        "1B116-129Pa",
        "furnace.pyrolytic_deposition_nozzle",
        with_(NOZZLE, deposition_pressure="129 Pa"),
        [],
        ["1B116"],
    ),
    case(
        "1B116-at-20kPa",
        "furnace.pyrolytic_deposition_nozzle",
        with_(NOZZLE, deposition_pressure="20 kPa"),
        ["1B116"],
    ),
    case(
        "1B116-2.91psi-above",
        "furnace.pyrolytic_deposition_nozzle",
        with_(NOZZLE, deposition_pressure="2.91 psi"),
        [],
        ["1B116"],  # 20.06 kPa
    ),
    # 1B117: 110 litres or more, vacuum, temperature control, off-centre shaft
    case("1B117-at-110L", "propellant_production.batch_mixer", BATCH, ["1B117"]),
    case(
        "1B117-109L",
        "propellant_production.batch_mixer",
        with_(BATCH, mixer_volume="109 L"),
        [],
        ["1B117"],
    ),
    case(
        "1B117-29.1gal",
        "propellant_production.batch_mixer",
        with_(BATCH, mixer_volume="29.1 gallon"),
        ["1B117"],  # 110.2 L
    ),
    case(
        "1B117-29gal",
        "propellant_production.batch_mixer",
        with_(BATCH, mixer_volume="29 gallon"),
        [],
        ["1B117"],  # 109.8 L
    ),
    case(
        "1B117-no-off-centre-shaft",
        "propellant_production.batch_mixer",
        with_(BATCH, off_centre_mixing_shafts=0),
        [],
        ["1B117"],
    ),
    case(
        "1B117-no-vacuum",
        "propellant_production.batch_mixer",
        with_(BATCH, vacuum_mixing=False),
        [],
        ["1B117"],
    ),
    # 1B118: two shafts, or one oscillating shaft with pins in the casing
    case("1B118-two-shafts", "propellant_production.continuous_mixer", CONTINUOUS, ["1B118"]),
    case(
        "1B118-one-shaft",
        "propellant_production.continuous_mixer",
        with_(CONTINUOUS, mixing_shafts=1),
        [],
        ["1B118"],
    ),
    case(
        "1B118-oscillating-kneader",
        "propellant_production.continuous_mixer",
        with_(
            CONTINUOUS,
            mixing_shafts=1,
            oscillating_kneading_shaft=True,
            kneading_pins_in_casing=True,
        ),
        ["1B118"],
    ),
    case(
        "1B118-oscillating-without-casing-pins",
        "propellant_production.continuous_mixer",
        with_(
            CONTINUOUS,
            mixing_shafts=1,
            oscillating_kneading_shaft=True,
            kneading_pins_in_casing=False,
        ),
        [],
        ["1B118"],
    ),
    case(
        "1B118-no-temperature-control",
        "propellant_production.continuous_mixer",
        with_(CONTINUOUS, mixing_temperature_control=False),
        [],
        ["1B118"],
    ),
    # 1B119: usable (assumed) unless stated otherwise
    case("1B119-assumed-usable", "propellant_production.fluid_energy_mill", {}, ["1B119"]),
    case(
        "1B119-not-usable",
        "propellant_production.fluid_energy_mill",
        {"usable_for_propellant_substances": False},
        [],
        ["1B119"],
    ),
    # 9B105: Mach 0.9 or more; Note excludes wind tunnels of Mach 3 or less and 250 mm or less
    case("9B105-at-Mach-0.9", "test.wind_tunnel", TUNNEL, ["9B105"]),
    case("9B105-Mach-0.89", "test.wind_tunnel", with_(TUNNEL, max_mach=0.89), [], ["9B105"]),
    case(
        "9B105-small-at-250mm-excluded",
        "test.wind_tunnel",
        with_(TUNNEL, test_section_size="250 mm"),
        [],
        ["9B105"],
    ),
    case(
        "9B105-small-251mm-listed",
        "test.wind_tunnel",
        with_(TUNNEL, test_section_size="251 mm"),
        ["9B105"],
    ),
    case(
        "9B105-small-9.8in-excluded",
        "test.wind_tunnel",
        with_(TUNNEL, test_section_size="9.8 in"),
        [],
        ["9B105"],  # 248.9 mm
    ),
    case(
        "9B105-small-10in-listed",
        "test.wind_tunnel",
        with_(TUNNEL, test_section_size="10 in"),
        ["9B105"],  # 254 mm
    ),
    case(
        "9B105-small-at-Mach-3-excluded",
        "test.wind_tunnel",
        with_(TUNNEL, max_mach=3, test_section_size="200 mm"),
        [],
        ["9B105"],
    ),
    case(
        "9B105-small-Mach-3.1-listed",
        "test.wind_tunnel",
        with_(TUNNEL, max_mach=3.1, test_section_size="200 mm"),
        ["9B105"],
    ),
    case(
        "9B105-small-shock-tunnel-listed",
        "test.wind_tunnel",
        with_(TUNNEL, tunnel_type="shock_tunnel", test_section_size="200 mm"),
        ["9B105"],
    ),
    # 9B106.a: 15 km (or -50/+125 C) and a 10 g, 20 Hz-2 kHz, 5 kN shaker
    case("9B106.a-at-limits", "test.environmental_chamber", CHAMBER_A, ["9B106.a"]),
    case(
        "9B106.a-14.9km",
        "test.environmental_chamber",
        with_(CHAMBER_A, simulated_altitude="14.9 km"),
        [],
        ["9B106.a"],
    ),
    case(
        "9B106.a-49213ft",
        "test.environmental_chamber",
        with_(CHAMBER_A, simulated_altitude="49213 ft"),
        ["9B106.a"],  # 15.0001 km
    ),
    case(
        "9B106.a-49212ft",
        "test.environmental_chamber",
        with_(CHAMBER_A, simulated_altitude="49212 ft"),
        [],
        ["9B106.a"],  # 14.9998 km
    ),
    case(
        "9B106.a-temperature-range",
        "test.environmental_chamber",
        with_(
            CHAMBER_A,
            simulated_altitude=None,
            min_temperature="-51 degC",
            max_temperature="126 degC",
        ),
        ["9B106.a"],
    ),
    case(
        "9B106.a-at-minus-50C",
        "test.environmental_chamber",
        with_(
            CHAMBER_A,
            simulated_altitude=None,
            min_temperature="223.15 K",
            max_temperature="126 degC",
        ),
        [],
        ["9B106.a"],
    ),
    case(
        "9B106.a-at-125C",
        "test.environmental_chamber",
        with_(
            CHAMBER_A,
            simulated_altitude=None,
            min_temperature="-58 degF",
            max_temperature="257 degF",
        ),
        [],
        ["9B106.a"],  # -50 C is not below -50 C; 257 F = 125 C is not above
    ),
    case(
        "9B106.a-4.9kN",
        "test.environmental_chamber",
        with_(CHAMBER_A, vibration_force="4.9 kN"),
        [],
        ["9B106.a"],
    ),
    case(
        "9B106.a-1125lbf",
        "test.environmental_chamber",
        with_(CHAMBER_A, vibration_force="1125 lbf"),
        ["9B106.a"],  # 5.004 kN
    ),
    case(
        "9B106.a-9.9g",
        "test.environmental_chamber",
        with_(CHAMBER_A, vibration_acceleration="9.9 g"),
        [],
        ["9B106.a"],
    ),
    # 9B106.b: 140 dB or 4 kW, with 15 km or the temperature range
    case("9B106.b-at-140dB", "test.environmental_chamber", CHAMBER_B, ["9B106.b"]),
    case(
        "9B106.b-139.9dB",
        "test.environmental_chamber",
        with_(CHAMBER_B, sound_pressure_level=139.9),
        [],
        ["9B106.b"],
    ),
    case(
        "9B106.b-at-4kW",
        "test.environmental_chamber",
        with_(CHAMBER_B, sound_pressure_level=None, acoustic_power="4 kW"),
        ["9B106.b"],
    ),
    case(
        "9B106.b-5.36hp",
        "test.environmental_chamber",
        with_(CHAMBER_B, sound_pressure_level=None, acoustic_power="5.37 hp"),
        ["9B106.b"],  # 4.004 kW
    ),
    case(
        "9B106.b-3.99kW",
        "test.environmental_chamber",
        with_(CHAMBER_B, sound_pressure_level=None, acoustic_power="3.99 kW"),
        [],
        ["9B106.b"],
    ),
    case(
        "9B106.b-acoustic-only",
        "test.environmental_chamber",
        with_(CHAMBER_B, simulated_altitude="10 km"),
        [],
        ["9B106.b"],
    ),
    # 2B008.c/.d
    case("2B008.c-two-rotary", "machine_tool.compound_rotary_table", TABLE, ["2B008.c"]),
    case(
        "2B008.c-one-rotary",
        "machine_tool.compound_rotary_table",
        with_(TABLE, rotary_contouring_axes=1),
        [],
        ["2B008.c"],
    ),
    case(
        "2B008.c-not-for-machine-tools",
        "machine_tool.compound_rotary_table",
        with_(TABLE, designed_for_machine_tools=False),
        [],
        ["2B008.c"],
    ),
    case(
        "2B008.d-contouring",
        "machine_tool.tilting_spindle",
        {"designed_for_machine_tools": True, "contouring_capable": True},
        ["2B008.d"],
    ),
    case(
        "2B008.d-not-contouring",
        "machine_tool.tilting_spindle",
        {"designed_for_machine_tools": True, "contouring_capable": False},
        [],
        ["2B008.d"],
    ),
    # 2B001.f: turning machines modified for deep-hole drilling, bore depth exceeding 5 m
    case("2B001.f-lathe-5.01m", "machine_tool.turning_deep_hole", DEEP, ["2B001.f"]),
    case(
        "2B001.f-lathe-at-5m",
        "machine_tool.turning_deep_hole",
        with_(DEEP, max_bore_depth="5 m"),
        [],
        ["2B001.f"],
    ),
    case(
        "2B001.f-lathe-16.5ft",
        "machine_tool.turning_deep_hole",
        with_(DEEP, max_bore_depth="16.5 ft"),
        ["2B001.f"],  # 5.029 m
    ),
    case(
        "2B001.f-lathe-16.4ft",
        "machine_tool.turning_deep_hole",
        with_(DEEP, max_bore_depth="16.4 ft"),
        [],
        ["2B001.f"],  # 4.999 m
    ),
    case(
        "2B001.f-lathe-also-2B001.a",
        "machine_tool.turning_deep_hole",
        with_(DEEP, positioning_repeatability="1.1 um"),
        ["2B001.f", "2B001.a"],
    ),
]


@pytest.mark.parametrize(("kind", "parameters", "present", "absent"), CASES)
def test_added_entries(kind, parameters, present, absent):
    check(kind, parameters, present, absent)


@pytest.mark.parametrize(
    ("kind", "parameters", "entry_id", "mtcr_item"),
    [
        ("test.vibration_controller", CONTROLLER, "2B116.b", "15.B.1"),
        ("test.vibration_shaker", SHAKER, "2B116.c", "15.B.1"),
        ("test.multi_shaker_unit", SHAKER, "2B116.d", "15.B.1"),
        ("furnace.densification", {"designed_for_nozzle_densification": True}, "2B117", "6.B.5"),
        ("furnace.pyrolytic_deposition_nozzle", NOZZLE, "1B116", "6.B.2"),
        ("propellant_production.batch_mixer", BATCH, "1B117", "4.B.3"),
        ("propellant_production.continuous_mixer", CONTINUOUS, "1B118", "4.B.3"),
        ("propellant_production.fluid_energy_mill", {}, "1B119", "4.B.3"),
        ("test.wind_tunnel", TUNNEL, "9B105", "15.B.2"),
        ("test.environmental_chamber", CHAMBER_A, "9B106.a", "15.B.4"),
        ("machine_tool.compound_rotary_table", TABLE, "2B008.c", None),
    ],
)
def test_added_entries_carry_their_mtcr_item_and_official_text(
    kind, parameters, entry_id, mtcr_item
):
    r = check(kind, parameters, [entry_id], [])
    e = entry(r, entry_id)
    assert e["mtcr_item"] == mtcr_item
    assert ("MT" in e["reasons"]) == bool(mtcr_item)


def test_9b105_small_wind_tunnel_is_reported_as_excluded_by_its_note():
    r = check("test.wind_tunnel", with_(TUNNEL, test_section_size="200 mm"), [], ["9B105"])
    (x,) = [x for x in r["excluded"] if x["entry"] == "9B105"]
    assert "9B105 Note" in x["excluded_by"]["text"]


def test_a_mach_number_must_be_a_number():
    from catchall.core.errors import InputError
    from catchall.core.items import parse_item

    with pytest.raises(InputError) as err:
        parse_item({"kind": "test.wind_tunnel", "parameters": {"max_mach": "fast"}})
    assert err.value.problems[0].field == "parameters.max_mach"


# --------------------------------------------------------------------------- 2.A.1.c apogee Note

ENGINE = {
    "total_impulse": "1.2e6 N*s",
    "propellant": "liquid",
    "satellite_apogee_or_station_keeping": True,
    "thrust": "1 kN",
}


@pytest.mark.parametrize(
    ("changes", "noted"),
    [
        ({}, True),  # at 1 kN
        ({"thrust": "0.99 kN"}, True),
        ({"thrust": "224.8 lbf"}, True),  # 0.99997 kN
        ({"thrust": "1.01 kN"}, False),
        ({"thrust": "225 lbf"}, False),  # 1.0009 kN
        ({"propellant": "solid"}, False),
        ({"satellite_apogee_or_station_keeping": False}, False),
    ],
    ids=["at-1kN", "0.99kN", "224.8lbf", "1.01kN", "225lbf", "solid", "not-satellite"],
)
def test_2a1c_apogee_engine_note_is_raised_for_review(changes, noted):
    r = check("propulsion.rocket_motor", with_(ENGINE, **changes), ["2.A.1.c"], [])
    assert entry(r, "2.A.1.c")["mtcr_category"] == "I"  # the Note is the officer's decision
    notes = [x for x in r["expert_review"] if x["entry"] == "2.A.1.c"]
    assert bool(notes) == noted
    if noted:
        assert "Category II" in notes[0]["text"] and "1 kN" in notes[0]["text"]


def test_apogee_note_needs_the_engine_to_be_2a1c():
    r = classify_dict("propulsion.rocket_motor", with_(ENGINE, total_impulse="5e5 N*s"))
    assert not any(x["entry"] == "2.A.1.c" for x in r["expert_review"])
