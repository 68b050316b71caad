"""Thresholds of the MTCR Annex system and propulsion entries (1.A.1, 1.A.2, 2.A.1.c, 19.A.1-3,
20.A.1.b) and the range/payload review flags."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.core.controls.entry_cases import case, check, classify_dict, entry, with_

ROCKET = {"range": "300 km", "payload": "500 kg"}
UAV = {"range": "300 km", "payload": "500 kg"}
AEROSOL_UAV = {
    "range": "100 km",
    "payload": "60 kg",
    "autonomous_or_bvr": True,
    "aerosol_capacity": "20.1 L",
}

SYSTEMS = [
    # 1.A.1 / 19.A.1 rockets
    case("1.A.1-at-300km-500kg", "system.rocket", ROCKET, ["1.A.1"], ["19.A.1"]),
    case("1.A.1-299km", "system.rocket", with_(ROCKET, range="299 km"), [], ["1.A.1", "19.A.1"]),
    case(
        "1.A.1-499kg-is-19.A.1",
        "system.rocket",
        with_(ROCKET, payload="499 kg"),
        ["19.A.1"],
        ["1.A.1"],
    ),
    case(
        "1.A.1-in-miles-and-pounds",
        "system.rocket",
        {"range": "187 mi", "payload": "1103 lb"},
        ["1.A.1"],
    ),
    case(
        "1.A.1-large",
        "system.rocket",
        {"range": "2000 km", "payload": "1 t"},
        ["1.A.1"],
        ["19.A.1"],
    ),
    case(
        "19.A.1-at-300km-light",
        "system.rocket",
        {"range": "300 km", "payload": "10 kg"},
        ["19.A.1"],
        ["1.A.1"],
    ),
    case(
        "19.A.1-299km-light",
        "system.rocket",
        {"range": "299 km", "payload": "10 kg"},
        [],
        ["19.A.1"],
    ),
    case("19.A.1-no-payload-stated", "system.rocket", {"range": "400 km"}, ["19.A.1"], ["1.A.1"]),
    # 1.A.2 / 19.A.2 / 19.A.3 UAVs
    case("1.A.2-at-300km-500kg", "system.uav", UAV, ["1.A.2"], ["19.A.2", "19.A.3"]),
    case("1.A.2-299km", "system.uav", with_(UAV, range="299 km"), [], ["1.A.2", "19.A.2"]),
    case(
        "1.A.2-499kg-is-19.A.2", "system.uav", with_(UAV, payload="499 kg"), ["19.A.2"], ["1.A.2"]
    ),
    case(
        "19.A.2-not-for-rockets",
        "system.rocket",
        {"range": "500 km", "payload": "50 kg"},
        ["19.A.1"],
        ["19.A.2"],
    ),
    case("19.A.3-aerosol-20.1L", "system.uav", AEROSOL_UAV, ["19.A.3"], ["19.A.2", "1.A.2"]),
    case(
        "19.A.3-aerosol-at-20L",
        "system.uav",
        with_(AEROSOL_UAV, aerosol_capacity="20 L"),
        [],
        ["19.A.3"],
    ),
    case(
        "19.A.3-aerosol-in-gallons",
        "system.uav",
        with_(AEROSOL_UAV, aerosol_capacity="5.5 gal"),
        ["19.A.3"],
    ),
    case(
        "19.A.3-line-of-sight-only",
        "system.uav",
        with_(AEROSOL_UAV, autonomous_or_bvr=False),
        [],
        ["19.A.3"],
    ),
    case(
        "19.A.3-long-range-is-19.A.2",
        "system.uav",
        with_(AEROSOL_UAV, range="300 km"),
        ["19.A.2"],
        ["19.A.3"],
    ),
    case(
        "19.A.3-heavy-long-range-is-1.A.2",
        "system.uav",
        with_(AEROSOL_UAV, range="300 km", payload="500 kg"),
        ["1.A.2"],
        ["19.A.2", "19.A.3"],
    ),
    # 2.A.1.c / 20.A.1.b rocket motors
    case(
        "2.A.1.c-at-1.1MNs",
        "propulsion.rocket_motor",
        {"total_impulse": "1.1e6 N*s"},
        ["2.A.1.c"],
        ["20.A.1.b"],
    ),
    case(
        "2.A.1.c-in-kN-s",
        "propulsion.rocket_motor",
        {"total_impulse": "1100 kN*s", "propellant": "solid"},
        ["2.A.1.c"],
    ),
    case(
        "2.A.1.c-just-below-is-20.A.1.b",
        "propulsion.rocket_motor",
        {"total_impulse": "1099999 N*s"},
        ["20.A.1.b"],
        ["2.A.1.c"],
    ),
    case(
        "2.A.1.c-in-lbf-s",
        "propulsion.rocket_motor",
        {"total_impulse": "250000 lbf*s"},
        ["2.A.1.c"],
    ),
    case(
        "20.A.1.b-at-0.841MNs",
        "propulsion.rocket_motor",
        {"total_impulse": "8.41e5 N*s"},
        ["20.A.1.b"],
        ["2.A.1.c"],
    ),
    case(
        "20.A.1.b-below-0.84MNs",
        "propulsion.rocket_motor",
        {"total_impulse": "8.40e5 N*s"},
        [],
        ["20.A.1.b", "2.A.1.c"],
    ),
    case(
        "20.A.1.b-hybrid",
        "propulsion.rocket_motor",
        {"total_impulse": "9e5 N*s", "propellant": "hybrid"},
        ["20.A.1.b"],
    ),
]


@pytest.mark.parametrize(("kind", "parameters", "present", "absent"), SYSTEMS)
def test_systems_and_motors(kind, parameters, present, absent):
    check(kind, parameters, present, absent)


@pytest.mark.parametrize(
    ("kind", "parameters", "entry_id", "category"),
    [
        ("system.rocket", ROCKET, "1.A.1", "I"),
        ("system.uav", UAV, "1.A.2", "I"),
        ("propulsion.rocket_motor", {"total_impulse": "2e6 N*s"}, "2.A.1.c", "I"),
        ("system.rocket", {"range": "300 km", "payload": "1 kg"}, "19.A.1", "II"),
        ("system.uav", {"range": "300 km", "payload": "1 kg"}, "19.A.2", "II"),
        ("system.uav", AEROSOL_UAV, "19.A.3", "II"),
        ("propulsion.rocket_motor", {"total_impulse": "1e6 N*s"}, "20.A.1.b", "II"),
    ],
)
def test_mtcr_category(kind, parameters, entry_id, category):
    e = entry(check(kind, parameters, [entry_id], []), entry_id)
    assert (e["regime"], e["mtcr_item"], e["mtcr_category"]) == ("MTCR", entry_id, category)
    assert e["production_facility"] is False


# --------------------------------------------------------------------------- range/payload review


def _reviews(kind: str, parameters: dict) -> list[str]:
    r = classify_dict(kind, parameters)
    return [f"{x['entry']}: {x['text']}" for x in r["expert_review"]]


@pytest.mark.parametrize("kind", ["system.rocket", "system.uav"])
@pytest.mark.parametrize(
    ("parameters", "flagged", "phrase"),
    [
        ({"range": "225 km", "payload": "600 kg"}, True, "within 25 % below 300 km"),
        ({"range": "299 km", "payload": "500 kg"}, True, "within 25 % below 300 km"),
        ({"range": "224 km", "payload": "600 kg"}, False, "within 25 % below 300 km"),
        ({"range": "250 km", "payload": "499 kg"}, False, "with a payload of 500 kg or more"),
        ({"range": "300 km", "payload": "375 kg"}, True, "payload is within 25 % below 500 kg"),
        ({"range": "800 km", "payload": "499 kg"}, True, "payload is within 25 % below 500 kg"),
        ({"range": "300 km", "payload": "374 kg"}, False, "payload is within 25 % below 500 kg"),
        ({"range": "300 km", "payload": "500 kg"}, False, "payload is within 25 % below 500 kg"),
        ({"range": "300 km"}, True, "no payload capability is stated"),
        ({"range": "299 km"}, False, "no payload capability is stated"),
    ],
)
def test_category_i_trade_off_review(kind, parameters, flagged, phrase):
    cat_i = "1.A.1" if kind == "system.rocket" else "1.A.2"
    hits = [t for t in _reviews(kind, parameters) if t.startswith(cat_i) and phrase in t]
    assert bool(hits) is flagged


@pytest.mark.parametrize(
    ("kind", "entry_id"), [("system.rocket", "19.A.1"), ("system.uav", "19.A.2")]
)
@pytest.mark.parametrize(
    ("range_", "flagged"),
    [("225 km", True), ("299 km", True), ("224 km", False), ("300 km", False)],
)
def test_category_ii_range_review(kind, entry_id, range_, flagged):
    hits = [
        t for t in _reviews(kind, {"range": range_, "payload": "20 kg"}) if t.startswith(entry_id)
    ]
    assert bool(hits) is flagged


def test_missing_payload_is_reported_and_19a1_applies_with_a_note():
    r = check("system.rocket", {"range": "400 km"}, ["19.A.1"], ["1.A.1"])
    assert {"entry": "1.A.1", "parameter": "payload"} in r["missing_parameters"]
    assert any("1.A.1" in n for n in entry(r, "19.A.1").get("notes", []))


# --------------------------------------------------------------------------- worked examples and dates


def test_example_uav_500km_50kg_is_19a2_category_ii():
    r = check("system.uav", {"range": "500 km", "payload": "50 kg"}, ["19.A.2"], ["1.A.2"], at=None)
    e = entry(r, "19.A.2")
    assert (e["mtcr_item"], e["mtcr_category"]) == ("19.A.2", "II")
    assert r["missile_relevance"]["level"] == "high"


def test_example_liquid_engine_is_2a1c_category_i():
    r = check(
        "propulsion.rocket_motor",
        {"total_impulse": "1.5e6 N*s", "propellant": "liquid"},
        ["2.A.1.c"],
        ["20.A.1.b"],
        at=None,
    )
    e = entry(r, "2.A.1.c")
    assert (e["mtcr_item"], e["mtcr_category"]) == ("2.A.1.c", "I")


def test_mtcr_annex_versions_apply_from_their_dates_without_a_gap():
    # Before the 2022 Annex version the packaged lists say nothing about complete rockets;
    # from then on a Category I rocket is caught, by the version in force on the day.
    before = classify_dict("system.rocket", ROCKET, at=dt.date(2022, 10, 20))
    assert before["entries"] == []
    in_2023 = check("system.rocket", ROCKET, ["1.A.1"], [], at=dt.date(2023, 6, 1))
    assert in_2023["entries"][0]["version"] == "2022-10"
    in_2024 = check("system.rocket", ROCKET, ["1.A.1"], [], at=dt.date(2024, 3, 14))
    assert in_2024["entries"][0]["version"] == "2024-03"
