"""`catchall assess`: what a user sees on the command line, through the installed entry point.

Each run uses a fresh data folder (CATCHALL_HOME), so the screening list is the starter list the
project ships. Exit 0 on success, 2 on invalid input with the field named and no traceback.
"""

from __future__ import annotations

import json
import shutil

import pytest
import yaml

from tests.conftest import fixture_path, run_cli

EXPECTED = {
    "EX-1": "deny",  # flow former to Shahid Bakeri Industrial Group
    "EX-2": ("refer", "deny"),  # unlisted mill, missile end use, Syria
    "EX-3": "approve",  # unlisted mill, ship fittings, Norway
    "EX-4": "approve_with_conditions",  # isostatic press to South Korea
}


@pytest.fixture(scope="module")
def env(tmp_path_factory):
    return {"CATCHALL_HOME": str(tmp_path_factory.mktemp("catchall-home"))}


def example(name: str) -> str:
    return str(fixture_path("examples", "applications", name))


def read_example(name: str) -> dict:
    return json.loads(fixture_path("examples", "applications", name).read_text())


def assert_clean_failure(r, *expected: str) -> None:
    assert r.returncode == 2, (r.stdout, r.stderr)
    assert "Traceback" not in r.stderr + r.stdout
    for text in expected:
        assert text in r.stderr, r.stderr


def test_text_output_leads_with_the_recommendation(env):
    r = run_cli("assess", example("press-to-partner.json"), env=env)
    assert r.returncode == 0, r.stderr
    lines = r.stdout.splitlines()
    assert lines[0] == "Application EX-4: recommendation APPROVE WITH CONDITIONS"
    out = r.stdout
    assert out.index("Licence required: yes") < out.index("MTCR Guidelines factors:")
    assert out.index("MTCR Guidelines factors:") < out.index("Items:") < out.index("Parties:")
    assert "No re-export, retransfer or replication" in out
    assert "end_user: Changwon Advanced Ceramics Co., Ltd. (KR) -> clear" in out


def test_json_output_has_the_documented_shape_and_the_listed_end_user_is_denied(env):
    r = run_cli("assess", example("flow-former-to-listed-end-user.json"), "--json", env=env)
    assert r.returncode == 0, r.stderr
    d = json.loads(r.stdout)
    assert set(d) >= {
        "reference",
        "recommendation",
        "explanation",
        "licence_required",
        "catch_all",
        "factors",
        "decision_rules",
        "conditions",
        "consultations",
        "what_would_change",
        "items",
        "parties",
    }
    assert d["recommendation"] == "deny"
    assert d["jurisdiction"]["code"] == "EU"
    assert set(d["licence_required"]) == {
        "required",
        "jurisdiction",
        "transfer",
        "grounds",
        "general_authorisations",
        "notes",
    }
    assert set(d["licence_required"]["grounds"][0]) == {
        "basis",
        "entry",
        "item",
        "text",
        "verified",
    }
    assert set(d["catch_all"]) >= {"invoked", "basis", "grounds", "items"}
    assert d["refusal_grounds"][0]["entry"] == "2B009"
    assert list(d["factors"]) == ["A", "B", "C", "D", "E", "F"]
    assert d["parties"][0]["matches"][0]["entity_id"] == "poc-ir-sbig"
    assert d["items"][0]["entries"][0]["entry"] == "2B009"


def test_text_output_names_the_legal_basis_of_each_ground(env):
    r = run_cli("assess", example("press-to-partner.json"), env=env)
    assert r.returncode == 0, r.stderr
    assert "Jurisdiction: EU (European Union - Regulation (EU) 2021/821" in r.stdout
    assert "  - under EU 2021/821 Art. 3(1): item 1, 2B104" in r.stdout


def test_jurisdiction_option_changes_whose_law_applies(env):
    r = run_cli(
        "assess", example("press-to-partner.json"), "--json", "--jurisdiction", "US", env=env
    )
    assert r.returncode == 0, r.stderr
    d = json.loads(r.stdout)
    assert d["jurisdiction"]["code"] == d["licence_required"]["jurisdiction"] == "US"
    assert d["licence_required"]["grounds"][0]["basis"].startswith("15 CFR 742.5(a)")


def test_jurisdiction_from_the_environment_and_from_an_authoritys_file(env, tmp_path):
    r = run_cli(
        "assess",
        example("press-to-partner.json"),
        "--json",
        env={**env, "CATCHALL_JURISDICTION": "MTCR"},
    )
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout)["jurisdiction"]["code"] == "MTCR"
    from catchall.core.vocabulary import read_packaged_yaml

    raw = read_packaged_yaml("jurisdictions", "uk.yaml")
    raw["code"] = "XA"
    own = tmp_path / "ours.yaml"
    own.write_text(yaml.safe_dump(raw), encoding="utf-8")
    r = run_cli(
        "assess", example("press-to-partner.json"), "--json", "--jurisdiction", str(own), env=env
    )
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout)["jurisdiction"]["code"] == "XA"


def test_an_unknown_jurisdiction_exits_2_naming_the_option(env, tmp_path):
    r = run_cli("assess", example("press-to-partner.json"), "--jurisdiction", "FR", env=env)
    assert_clean_failure(r, "--jurisdiction", "EU, UK, US, MTCR")
    bad = tmp_path / "bad.yaml"
    bad.write_text("format: catchall-jurisdiction/1\ncode: XA\n", encoding="utf-8")
    r = run_cli("assess", example("press-to-partner.json"), "--jurisdiction", str(bad), env=env)
    assert_clean_failure(r, "--jurisdiction: jurisdiction.title")


def test_an_application_can_come_from_stdin_as_yaml(env):
    doc = yaml.safe_dump(read_example("unlisted-mill-benign.json"))
    r = run_cli("assess", "-", "--json", input=doc, env=env)
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout)["recommendation"] == "approve"


def test_a_bad_unit_exits_2_naming_the_field_and_writes_nothing(tmp_path):
    home = tmp_path / "home"
    home.mkdir()
    doc = read_example("unlisted-mill-benign.json")
    doc["items"][0]["parameters"]["positioning_repeatability"] = "five microns"
    r = run_cli("assess", "-", input=json.dumps(doc), env={"CATCHALL_HOME": str(home)})
    assert_clean_failure(
        r, 'error: items[0].parameters.positioning_repeatability: "five microns" is not a length'
    )
    assert r.stdout == ""
    assert list(home.iterdir()) == [], (
        "an invalid application must not create or touch the database"
    )


def test_every_problem_is_printed_on_its_own_line(env):
    doc = read_example("press-to-partner.json")
    doc["destination"] = "XX"
    doc["parties"] = []
    doc["items"][0]["quantity"] = -3
    r = run_cli("assess", "-", input=json.dumps(doc), env=env)
    assert_clean_failure(r)
    assert r.stderr.splitlines() == [
        "error: destination: 'XX' is not an ISO 3166 alpha-2 country code",
        "error: parties: at least one party (the end user) is required",
        "error: items[0].quantity: must be positive (got -3)",
    ]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("{not json", "error:"),
        ("[1, 2]", "an application must be an object"),
        ("", "error:"),
    ],
    ids=["malformed", "not an object", "empty"],
)
def test_unreadable_documents_exit_2_without_traceback(env, text, expected):
    assert_clean_failure(run_cli("assess", "-", input=text, env=env), expected)


def test_a_missing_file_exits_2(env, tmp_path):
    assert_clean_failure(
        run_cli("assess", str(tmp_path / "nowhere.json"), env=env), "FILE: no such file"
    )


@pytest.mark.parametrize("args", [(), ("x.json", "--batch", "dir")], ids=["neither", "both"])
def test_file_and_batch_are_mutually_exclusive(env, args):
    assert_clean_failure(run_cli("assess", *args, env=env), "give an application FILE or --batch")


def test_a_malformed_list_date_exits_2(env):
    r = run_cli("assess", example("press-to-partner.json"), "--list-date", "yesterday", env=env)
    assert_clean_failure(r, "--list-date: 'yesterday' is not a date")


def test_batch_over_a_directory_assesses_every_file(env, tmp_path):
    folder = tmp_path / "apps"
    shutil.copytree(fixture_path("examples", "applications"), folder)
    (folder / "notes.txt").write_text("not an application")
    r = run_cli("assess", "--batch", str(folder), "--json", env=env)
    assert r.returncode == 0, r.stderr
    results = [json.loads(line) for line in r.stdout.splitlines() if line.strip()]
    got = {d["reference"]: d["recommendation"] for d in results}
    assert set(got) == set(EXPECTED)
    for ref, outcome in got.items():
        assert outcome in (EXPECTED[ref] if isinstance(EXPECTED[ref], tuple) else (EXPECTED[ref],))


def test_batch_text_output_heads_each_application_with_its_file(env, tmp_path):
    folder = tmp_path / "apps"
    folder.mkdir()
    for name in ("press-to-partner.json", "unlisted-mill-benign.json"):
        shutil.copy(fixture_path("examples", "applications", name), folder / name)
    r = run_cli("assess", "--batch", str(folder), env=env)
    assert r.returncode == 0, r.stderr
    assert "== press-to-partner.json\nApplication EX-4: recommendation" in r.stdout
    assert "== unlisted-mill-benign.json\nApplication EX-3: recommendation APPROVE" in r.stdout


def test_batch_over_a_json_lines_file_prints_one_result_per_line(env, tmp_path):
    path = tmp_path / "apps.jsonl"
    docs = [read_example("press-to-partner.json"), read_example("unlisted-mill-benign.json")]
    path.write_text("\n".join(json.dumps(d) for d in docs) + "\n\n")
    r = run_cli("assess", "--batch", str(path), "--json", env=env)
    assert r.returncode == 0, r.stderr
    lines = r.stdout.splitlines()
    assert [json.loads(line)["reference"] for line in lines] == ["EX-4", "EX-3"]


def test_batch_names_each_bad_line_and_exits_2(env, tmp_path):
    good = read_example("press-to-partner.json")
    bad = read_example("press-to-partner.json")
    bad["items"][0]["quantity"] = -1
    path = tmp_path / "apps.jsonl"
    path.write_text(json.dumps(good) + "\n" + json.dumps(bad) + "\n{not json\n")
    r = run_cli("assess", "--batch", str(path), "--json", env=env)
    assert_clean_failure(
        r,
        "error: line 2: items[0].quantity: must be positive (got -1)",
        "error: line 3: malformed JSON",
    )
    # the valid application is still assessed and printed
    assert [json.loads(line)["reference"] for line in r.stdout.splitlines()] == ["EX-4"]


def test_batch_over_a_folder_without_applications_exits_2(env, tmp_path):
    assert_clean_failure(
        run_cli("assess", "--batch", str(tmp_path), env=env), "no .json or .yaml files"
    )
