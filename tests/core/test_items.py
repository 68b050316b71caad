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


# --------------------------------------------------------------------------- per-axis figures
# Issue 10.5: repeatability and accuracy may be given per axis, each with its own travel.


def test_a_per_axis_figure_keeps_each_axis_with_its_travel():
    item = parse_item(
        {
            "kind": "machine_tool.milling",
            "parameters": {
                "positioning_repeatability": {
                    "X": {"value": "0.8 um", "travel": "1.2 m"},
                    "Y": {"value": "3.5e-5 in", "travel": "31.5 in"},
                }
            },
        }
    )
    pv = item.get("positioning_repeatability")
    assert [a.name for a in pv.axes] == ["X", "Y"]
    assert pv.axes[0].travel == pytest.approx(1200.0)
    assert pv.axes[1].value == pytest.approx(0.000889)
    assert pv.value == pytest.approx(0.0008)  # the best axis
    again = parse_item(item.as_dict())
    assert again.get("positioning_repeatability").axes == pv.axes


def test_per_axis_accuracy_with_standards_gives_the_x_axis_figures():
    item = parse_item(
        {
            "kind": "machine_tool.milling",
            "parameters": {
                "positioning_accuracy": {
                    "X": {"value": "31 um", "travel": "2.5 m", "standard": "ISO 230-2:1988"},
                    "Y": {"value": "5 um", "travel": "1 m", "standard": "ISO 230-2:1988"},
                }
            },
        }
    )
    assert item.get("positioning_accuracy").standard == "ISO 230-2:1988"
    assert item.get("x_axis_travel").value == pytest.approx(2500.0)
    assert item.get("x_axis_positioning_accuracy").value == pytest.approx(0.031)
    again = parse_item(item.as_dict())  # derived figures are not written back
    assert again.get("x_axis_travel").value == pytest.approx(2500.0)
    assert "x_axis_travel" not in item.as_dict()["parameters"]


@pytest.mark.parametrize(
    ("value", "field", "message"),
    [
        ({"X": {"value": "3 kg"}}, "parameters.positioning_repeatability.X.value", "not a length"),
        (
            {"X": {"value": "1 um", "travel": "2 s"}},
            "parameters.positioning_repeatability.X.travel",
            "not a length",
        ),
        (
            {"X": {"value": "1 um", "colour": "red"}},
            "parameters.positioning_repeatability.X",
            "unknown field",
        ),
        (
            {"X-axis!": {"value": "1 um"}},
            "parameters.positioning_repeatability.X-axis!",
            "axis name",
        ),
        ({}, "parameters.positioning_repeatability", "at least one axis"),
        ({"X": {"travel": "1 m"}}, "parameters.positioning_repeatability.X.value", "no value"),
    ],
)
def test_a_bad_per_axis_figure_names_the_axis_and_field(value, field, message):
    found = problems(
        {"kind": "machine_tool.milling", "parameters": {"positioning_repeatability": value}}
    )
    assert message in found[field], found


def test_per_axis_form_is_only_for_parameters_marked_per_axis():
    found = problems(
        {"kind": "machine_tool.milling", "parameters": {"spindle_runout": {"X": {"value": "1 um"}}}}
    )
    assert "parameters.spindle_runout" in found


def test_the_per_axis_form_is_valid_against_the_published_schema():
    import jsonschema

    from catchall.core.schemas import item_schema

    doc = {
        "kind": "machine_tool.milling",
        "parameters": {
            "positioning_repeatability": {"X": {"value": "0.8 um", "travel": "1.2 m"}},
            "positioning_accuracy": {"X": {"value": "5 um", "standard": "ISO 230-2:1988"}},
        },
    }
    jsonschema.validate(doc, item_schema())
    bad = {"kind": "machine_tool.milling", "parameters": {"positioning_repeatability": {"X": 3}}}
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(bad, item_schema())
