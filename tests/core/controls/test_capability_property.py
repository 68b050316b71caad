"""Property: a strictly more capable item never escapes control.

Each seed is a controlled item; hypothesis makes it more capable along parameters whose
direction the vocabulary declares (more axes, better accuracy, more force, ...). The item must
stay controlled, and an item that corresponded to an MTCR Annex item must still do so.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from catchall.core.controls.classifier import classify
from catchall.core.units import canonical_unit
from catchall.core.vocabulary import vocabulary

SEEDS = [
    (
        "machine_tool.milling",
        {
            "nc_capable": True,
            "linear_axes": 3,
            "rotary_axes": 2,
            "contouring_axes": 5,
            "rotary_contouring_axes": 2,
            "positioning_repeatability": "0.8 um",
            "axis_travel": "800 mm",
        },
    ),
    (
        "machine_tool.milling",
        {
            "nc_capable": True,
            "linear_axes": 3,
            "rotary_axes": 0,
            "contouring_axes": 3,
            "positioning_accuracy": "4 um",
            "positioning_repeatability": "3 um",
            "axis_travel": "500 mm",
        },
    ),
    (
        "machine_tool.turning",
        {
            "nc_capable": True,
            "contouring_axes": 2,
            "positioning_repeatability": "0.8 um",
            "axis_travel": "500 mm",
            "max_workpiece_diameter": "300 mm",
        },
    ),
    (
        "machine_tool.flow_forming",
        {"rollers": 3, "contouring_axes": 3, "nc_capable": True, "roller_force": "120 kN"},
    ),
    (
        "machine_tool.flow_forming",
        {"rollers": 3, "contouring_axes": 3, "nc_capable": True, "roller_force": "40 kN"},
    ),
    (
        "press.isostatic",
        {
            "max_pressure": "150 MPa",
            "max_temperature": "1200 degC",
            "chamber_inner_diameter": "400 mm",
        },
    ),
    ("press.isostatic", {"max_pressure": "100 MPa", "chamber_inner_diameter": "200 mm"}),
    ("composites.filament_winding", {"primary_servo_axes": 3, "nc_capable": True}),
    (
        "test.vibration",
        {
            "closed_loop_digital_control": True,
            "vibration_acceleration": "12 g",
            "vibration_force": "60 kN",
            "frequency_min": "20 Hz",
            "frequency_max": "2 kHz",
        },
    ),
    ("test.rocket_test_stand", {"thrust": "100 kN"}),
    ("inertial.centrifuge", {"acceleration": "150 g", "slip_rings": True}),
    ("propulsion.rocket_motor", {"total_impulse": "9e5 N*s", "propellant": "solid"}),
    ("propulsion.rocket_motor", {"total_impulse": "1.5e6 N*s", "propellant": "liquid"}),
    ("system.uav", {"range": "500 km", "payload": "50 kg"}),
    ("system.rocket", {"range": "350 km", "payload": "600 kg"}),
]

FACTORS = st.sampled_from([1.05, 1.25, 2.0, 10.0])


def _improve(params: dict, name: str, factor: float, bump: int) -> dict:
    pdef = vocabulary().parameters[name]
    out = dict(params)
    if pdef.type == "bool":
        out[name] = True if pdef.more_capable == "higher" else out.get(name, False)
    elif pdef.type == "count":
        out[name] = int(out.get(name, 0)) + bump
        # keep the axis counts consistent, as the item format requires
        if name in ("contouring_axes", "rotary_contouring_axes"):
            out["rotary_axes"] = max(
                int(out.get("rotary_axes", 0)), int(out.get("rotary_contouring_axes", 0))
            )
            out["linear_axes"] = max(
                int(out.get("linear_axes", 0)),
                int(out.get("contouring_axes", 0)) - int(out.get("rotary_axes", 0)),
            )
            if int(out.get("rotary_contouring_axes", 0)) > int(out.get("contouring_axes", 0)):
                out["contouring_axes"] = out["rotary_contouring_axes"]
    elif pdef.type == "quantity" and name in out:
        from catchall.core.units import parse_quantity, to_canonical

        v = to_canonical(parse_quantity(out[name], pdef.dimension), pdef.dimension)
        v = v * factor if pdef.more_capable == "higher" else v / factor
        out[name] = f"{v:.9g} {canonical_unit(pdef.dimension)}"
    return out


def _summary(kind: str, params: dict) -> tuple[bool, bool]:
    r = classify({"kind": kind, "parameters": params})
    return r.controlled, any(h.entry.mtcr_item for h in r.entries)


@pytest.mark.parametrize(
    ("kind", "params"), SEEDS, ids=[f"{k}-{i}" for i, (k, _) in enumerate(SEEDS)]
)
def test_seed_is_controlled(kind, params):
    assert _summary(kind, params)[0]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    seed=st.sampled_from(range(len(SEEDS))),
    steps=st.lists(
        st.tuples(
            st.sampled_from(
                [
                    p.name
                    for p in vocabulary().parameters.values()
                    if p.more_capable in ("higher", "lower")
                ]
            ),
            FACTORS,
            st.integers(min_value=1, max_value=3),
        ),
        min_size=1,
        max_size=4,
    ),
)
def test_a_more_capable_item_never_escapes_control(seed, steps):
    kind, params = SEEDS[seed]
    controlled, mtcr = _summary(kind, params)
    better = dict(params)
    for name, factor, bump in steps:
        if vocabulary().parameters[name].type == "quantity" and name not in better:
            continue
        better = _improve(better, name, factor, bump)
    still_controlled, still_mtcr = _summary(kind, better)
    assert still_controlled, f"{kind} {better} escaped control"
    if mtcr:
        assert still_mtcr, f"{kind} {better} lost its MTCR correlation"
