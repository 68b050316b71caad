"""An item described in words (kind "other") is never assessed as "no licence needed": the
requirement is undetermined and the case is referred to the technical expert (issue 11)."""

from catchall.core.assessment.engine import assess

AT = "2026-01-01"


def _application(items):
    return {
        "reference": "U-1",
        "exporter": {"name": "Neckar Umformtechnik GmbH", "country": "DE"},
        "destination": "CH",
        "parties": [{"role": "end_user", "name": "Zurich Pump Works AG", "country": "CH"}],
        "end_use": "Pumps for waterworks",
        "items": items,
    }


def test_an_other_item_is_referred_with_the_requirement_undetermined():
    a = assess(_application([{"kind": "other", "description": "Custom gyroscope test rig"}]))
    d = a.as_dict()
    assert a.recommendation == "refer"
    assert "undetermined_item" in [r["rule"] for r in d["decision_rules"]]
    assert d["licence_required"]["required"] is None
    assert d["licence_required"]["undetermined_items"] == [0]
    assert any("technical expert rated" in w for w in d["what_would_change"])


def test_a_rated_unlisted_item_alone_is_still_approved():
    item = {
        "kind": "machine_tool.milling",
        "parameters": {
            "contouring_axes": 3,
            "positioning_repeatability": "20 um",
            "axis_travel": "0.5 m",
            "nc_capable": True,
        },
    }
    d = assess(_application([item])).as_dict()
    assert "undetermined_item" not in [r["rule"] for r in d["decision_rules"]]
    assert d["licence_required"]["required"] is False


def test_a_listed_item_beside_an_other_item_keeps_its_licence_requirement():
    listed = {
        "kind": "machine_tool.flow_forming",
        "parameters": {"contouring_axes": 3, "roller_force": "90 kN", "nc_capable": True},
    }
    other = {"kind": "other", "description": "Spare rollers"}
    d = assess(_application([listed, other])).as_dict()
    assert d["licence_required"]["required"] is True
    assert d["licence_required"]["undetermined_items"] == [1]
    assert d["recommendation"] in ("refer", "deny")
