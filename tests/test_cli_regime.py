"""``catchall controls diff|import`` and ``catchall regime``: output, JSON, exit code 2 on bad input."""

import json
import os

from tests.conftest import run_cli

AMENDMENT = """list: eu-dual-use
title: EU dual-use list, authority amendment
version: "2025-01"
effective_date: 2025-01-01
extends: "2023-12"
remove: [2B201.c]
changes:
  - entry: 2B201.c
    rationale: the authority dropped turning machines from 2B201
"""
MILL_5UM = {
    "source": "case 2008-014",
    "open_case": True,
    "kind": "machine_tool.milling",
    "parameters": {"nc_capable": True, "contouring_axes": 3, "positioning_accuracy": "5 um"},
}


def test_diff_of_the_packaged_2b201_versions_names_thresholds_standards_and_rationale():
    r = run_cli("controls", "diff", "eu-dual-use@2022-10", "eu-dual-use@2023-12")
    assert r.returncode == 0, r.stderr
    assert (
        "positioning accuracy ≤ 6 µm (ISO 230-2:1988) -> positioning accuracy ≤ 4.5 µm (ISO 230-2:2006)"
        in r.stdout
    )
    assert "why: The NSG restated" in r.stdout
    j = json.loads(
        run_cli("controls", "diff", "eu-dual-use@2022-10", "eu-dual-use@2023-12", "--json").stdout
    )
    assert j["summary"] == {"added": 0, "removed": 0, "changed": 3}


def test_diff_with_unknown_versions_or_two_lists_exits_2_naming_the_argument():
    r = run_cli("controls", "diff", "eu-dual-use@1999", "nope@1")
    assert r.returncode == 2
    assert "OLD: no version '1999'" in r.stderr and "NEW: no control list 'nope'" in r.stderr
    r = run_cli("controls", "diff", "eu-dual-use@2022-10", "mtcr-annex@2024-03")
    assert r.returncode == 2 and "one list" in r.stderr


def test_a_reversed_or_empty_diff_exits_2_as_the_pages_refuse_it():
    r = run_cli("controls", "diff", "eu-dual-use@2023-12", "eu-dual-use@2022-10")
    assert r.returncode == 2 and "OLD: eu-dual-use@2023-12" in r.stderr
    assert "is newer than eu-dual-use@2022-10" in r.stderr and not r.stdout
    r = run_cli("controls", "diff", "eu-dual-use@2023-12", "eu-dual-use@2023-12")
    assert r.returncode == 2 and "NEW: choose a version other than the old one" in r.stderr


def test_diff_against_a_file_needs_no_import(tmp_path):
    f = tmp_path / "amend.yaml"
    f.write_text(AMENDMENT)
    r = run_cli(
        "controls",
        "diff",
        "eu-dual-use@2023-12",
        str(f),
        env={"CATCHALL_HOME": str(tmp_path / "h")},
    )
    assert r.returncode == 0, r.stderr
    assert "- 2B201.c" in r.stdout and "the authority dropped" in r.stdout


REWORDED = """list: eu-dual-use
title: EU dual-use list with a reworded thrust vector control entry
version: "2024-06"
effective_date: 2024-06-01
extends: "2023-12"
replace:
  - id: 9A106.c
    regime: MTCR
    title: Thrust vector control sub-systems, usable in "missiles"
    text: Thrust vector control sub-systems, usable in "missiles" or unmanned aerial vehicles;
"""


def test_a_reworded_entry_is_a_word_redline_on_the_terminal_and_ops_in_json(tmp_path):
    """9A106.c is a text-only entry: the diff of the whole list shows its wording change."""
    f = tmp_path / "reworded.yaml"
    f.write_text(REWORDED)
    env = {"CATCHALL_HOME": str(tmp_path / "h")}
    r = run_cli("controls", "diff", "eu-dual-use@2023-12", str(f), env=env)
    assert r.returncode == 0, r.stderr
    assert "~ 9A106.c" in r.stdout
    assert (
        'text: Thrust vector control sub-systems, usable in "missiles"'
        "{+ or unmanned aerial vehicles+};" in r.stdout
    )
    r = run_cli("controls", "diff", "eu-dual-use@2023-12", str(f), "--json", env=env)
    change = next(c for c in json.loads(r.stdout)["changes"] if c["entry"] == "9A106.c")
    assert change["text"]["ops"] == [
        {"op": "equal", "text": 'Thrust vector control sub-systems, usable in "missiles"'},
        {"op": "insert", "text": " or unmanned aerial vehicles"},
        {"op": "equal", "text": ";"},
    ]


def test_import_stores_once_then_refuses_the_same_label_and_diff_sees_it(tmp_path):
    env = {"CATCHALL_HOME": str(tmp_path / "home")}
    f = tmp_path / "amend.yaml"
    f.write_text(AMENDMENT)
    r = run_cli("controls", "import", str(f), "--json", env=env)
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout)["key"] == "eu-dual-use@2025-01"
    again = run_cli("controls", "import", str(f), env=env)
    assert again.returncode == 2 and "already exists" in again.stderr
    d = run_cli("controls", "diff", "eu-dual-use@2023-12", "eu-dual-use@2025-01", env=env)
    assert d.returncode == 0 and "- 2B201.c" in d.stdout
    bad = tmp_path / "bad.yaml"
    bad.write_text("list: eu-dual-use\nversion: x\n")
    r = run_cli("controls", "import", str(bad), env=env)
    assert r.returncode == 2 and "missing effective_date" in r.stderr
    assert run_cli("controls", "import", str(tmp_path / "none.yaml"), env=env).returncode == 2
    assert run_cli("regime", "reminders", "--today", "2008-13-01", env=env).returncode == 2
    r = run_cli("regime", "reminders", "--json", env=env)
    assert r.returncode == 0 and json.loads(r.stdout) == []


def test_impact_of_the_2b201_change_on_an_items_file(tmp_path):
    f = tmp_path / "items.json"
    f.write_text(json.dumps([MILL_5UM]))
    r = run_cli(
        "regime",
        "impact",
        "eu-dual-use@2022-10",
        "eu-dual-use@2023-12",
        "--items",
        str(f),
        "--json",
    )
    assert r.returncode == 0, r.stderr
    out = json.loads(r.stdout)
    assert out["counts"]["decontrolled"] == 1 and out["open_cases_affected"] == ["case 2008-014"]
    f.write_text("{not json")
    assert (
        run_cli(
            "regime", "impact", "eu-dual-use@2022-10", "eu-dual-use@2023-12", "--items", str(f)
        ).returncode
        == 2
    )


def test_the_cli_still_takes_yaml_files_relative_ones_and_for_impact_too(tmp_path):
    """Security #1 closed file paths on the web only; the operator's CLI keeps reading files."""
    f = tmp_path / "amend.yaml"
    f.write_text(AMENDMENT)
    env = {"CATCHALL_HOME": str(tmp_path / "h")}
    rel = os.path.relpath(f, os.getcwd())
    r = run_cli("controls", "diff", "eu-dual-use@2023-12", rel, "--json", env=env)
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout)["new"]["key"] == "eu-dual-use@2025-01"
    r = run_cli("regime", "impact", "eu-dual-use@2023-12", str(f), "--items", "-", input="[]")
    assert r.returncode == 0, r.stderr
    r = run_cli("controls", "diff", "eu-dual-use@2023-12", str(tmp_path / "none.yaml"), env=env)
    assert r.returncode == 2 and "nor a YAML file" in r.stderr
