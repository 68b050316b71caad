"""The installed ``catchall`` command: exit codes and messages a user sees."""

import json

from tests.conftest import fixture_path, run_cli

MILL = {
    "description": "5-axis machining centre",
    "kind": "machine_tool.milling",
    "parameters": {
        "nc_capable": True,
        "linear_axes": 3,
        "rotary_axes": 2,
        "contouring_axes": 5,
        "rotary_contouring_axes": 2,
        "positioning_repeatability": "0.7 um",
        "axis_travel": "600 mm",
    },
}


def test_classify_json_from_stdin_has_the_documented_shape():
    r = run_cli("classify", "-", "--json", input=json.dumps(MILL))
    assert r.returncode == 0, r.stderr
    out = json.loads(r.stdout)
    assert set(out) >= {
        "controlled",
        "entries",
        "near_misses",
        "missing_parameters",
        "missile_relevance",
    }
    for e in out["entries"]:
        assert set(e) >= {
            "entry",
            "regime",
            "mtcr_item",
            "mtcr_category",
            "reasons",
            "title",
            "trace",
        }


def test_classify_prints_a_readable_table_without_json():
    r = run_cli("classify", "-", input=json.dumps(MILL))
    assert r.returncode == 0, r.stderr
    assert "Missile relevance" in r.stdout


def test_classify_accepts_yaml():
    r = run_cli(
        "classify",
        "-",
        "--json",
        input="kind: press.isostatic\nparameters:\n  max_pressure: 150 MPa\n",
    )
    assert r.returncode == 0, r.stderr


def test_bad_units_example_exits_2_naming_the_field():
    path = fixture_path("examples", "items", "bad-units.json")
    r = run_cli("classify", str(path))
    assert r.returncode == 2
    assert "parameters.positioning_repeatability" in r.stderr
    assert "is not a length" in r.stderr
    assert "Traceback" not in r.stderr and r.stdout == ""


def test_malformed_json_exits_2_without_traceback():
    r = run_cli("classify", "-", input='{"kind": ')
    assert r.returncode == 2
    assert "malformed JSON" in r.stderr and "Traceback" not in r.stderr


def test_missing_file_exits_2():
    r = run_cli("classify", "/nonexistent/item.json")
    assert r.returncode == 2 and "no such file" in r.stderr


def test_bad_list_date_exits_2():
    r = run_cli("classify", "-", "--list-date", "2021-13-40", input=json.dumps(MILL))
    assert r.returncode == 2 and "--list-date" in r.stderr


def test_a_list_of_items_reports_the_index_of_the_bad_one():
    bad = {"kind": "machine_tool.milling", "parameters": {"axis_travel": "3 kg"}}
    r = run_cli("classify", "-", input=json.dumps([MILL, bad]))
    assert r.returncode == 2 and "[1].parameters.axis_travel" in r.stderr


def test_unknown_option_is_a_usage_error_with_exit_2():
    r = run_cli("classify", "--frobnicate")
    assert r.returncode == 2 and "Traceback" not in r.stderr


def test_controls_show_unknown_entry_exits_2():
    r = run_cli("controls", "show", "9Z999")
    assert r.returncode == 2 and "no control entry" in r.stderr


def test_controls_list_rejects_an_unknown_regime():
    r = run_cli("controls", "list", "--regime", "XYZ")
    assert r.returncode == 2 and "--regime" in r.stderr


def test_schema_item_prints_a_json_schema():
    r = run_cli("schema", "item")
    assert r.returncode == 0
    assert json.loads(r.stdout)["properties"]["kind"]["enum"]
