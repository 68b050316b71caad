"""The item format: every problem is reported with its field, and nothing invalid gets through."""

import pytest

from catchall.core.errors import InputError
from catchall.core.items import load_document, parse_item


def problems(data) -> dict[str, str]:
    with pytest.raises(InputError) as err:
        parse_item(data)
    return {p.field: p.message for p in err.value.problems}


def test_a_valid_item_keeps_canonical_values_and_what_the_user_wrote():
    item = parse_item(
        {
            "description": "5-axis machining centre",
            "kind": "machine_tool.milling",
            "parameters": {
                "contouring_axes": 5,
                "positioning_repeatability": "0.8 um",
                "nc_capable": True,
            },
        }
    )
    pv = item.get("positioning_repeatability")
    assert pv.value == pytest.approx(0.0008)
    assert pv.text == "0.8 um"
    assert item.get("contouring_axes").value == 5


def test_all_problems_are_reported_at_once_each_naming_its_field():
    found = problems(
        {
            "kind": "machine_tool.milling",
            "parameters": {
                "positioning_repeatability": "3 kg",
                "contouring_axes": -1,
                "axis_travel": "five microns",
                "colour": "red",
            },
        }
    )
    assert found["parameters.positioning_repeatability"] == '"3 kg" is not a length'
    assert "must not be negative" in found["parameters.contouring_axes"]
    assert "is not a length" in found["parameters.axis_travel"]
    assert found["parameters.colour"].startswith("unknown parameter")


def test_unknown_kind_is_refused_and_lists_valid_kinds():
    assert "unknown kind" in problems({"kind": "machine_tool.laser_sword"})["kind"]


def test_missing_kind_is_refused():
    assert "required" in problems({"parameters": {}})["kind"]


def test_unknown_top_level_field_is_refused():
    assert problems({"kind": "press.isostatic", "colour": "red"})["colour"] == "unknown field"


def test_contradictory_axis_counts_are_an_input_error():
    found = problems(
        {
            "kind": "machine_tool.milling",
            "parameters": {
                "linear_axes": 3,
                "rotary_axes": 1,
                "contouring_axes": 5,
                "rotary_contouring_axes": 2,
            },
        }
    )
    assert "rotary_contouring_axes" in " ".join(found)
    assert "parameters.contouring_axes" in found


def test_a_machine_without_rotary_axes_has_no_rotary_contouring_axes():
    item = parse_item(
        {"kind": "machine_tool.milling", "parameters": {"rotary_axes": 0, "contouring_axes": 3}}
    )
    assert item.get("rotary_contouring_axes").value == 0
    assert "derived" in item.get("rotary_contouring_axes").text


def test_accuracy_may_state_its_measurement_standard():
    item = parse_item(
        {
            "kind": "machine_tool.milling",
            "parameters": {"positioning_accuracy": {"value": "5 um", "standard": "ISO 230-2:1988"}},
        }
    )
    assert item.get("positioning_accuracy").standard == "ISO 230-2:1988"


@pytest.mark.parametrize("raw", [1.5, "three", True])
def test_counts_must_be_whole_numbers(raw):
    assert "parameters.rollers" in problems(
        {"kind": "machine_tool.flow_forming", "parameters": {"rollers": raw}}
    )


def test_malformed_json_names_line_and_column():
    with pytest.raises(InputError) as err:
        load_document('{"kind": "press.isostatic",\n  "parameters": {,}}')
    assert "malformed JSON at line 2" in str(err.value)


def test_malformed_yaml_names_line():
    with pytest.raises(InputError) as err:
        load_document("kind: press.isostatic\nparameters: [unclosed\n")
    assert "malformed YAML" in str(err.value)
