"""`catchall lists ...`, `catchall screen` and `catchall audit verify` as a user runs them."""

from __future__ import annotations

import json

import pytest

from tests.conftest import fixture_path, run_cli


@pytest.fixture(scope="module")
def shared_home(tmp_path_factory):
    """One data folder for the tests that only read (the CLI makes its SQLite there)."""
    return {"CATCHALL_HOME": str(tmp_path_factory.mktemp("home")), "DATABASE_URL": ""}


@pytest.fixture
def home(tmp_path):
    """A fresh data folder for tests that import or replace lists."""
    return {"CATCHALL_HOME": str(tmp_path / "home"), "DATABASE_URL": ""}


def test_the_starter_list_is_there_on_first_use(shared_home):
    r = run_cli("lists", "show", "--json", env=shared_home)
    assert r.returncode == 0, r.stderr
    lists = {x["name"]: x for x in json.loads(r.stdout)}
    assert lists["programs-of-concern"]["entities"] > 50


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("Shahid Bakeri Industrial Group", "SHAHID BAGHERI INDUSTRIAL GROUP"),
        ("KOMID", "KOREA MINING DEVELOPMENT TRADING CORPORATION"),
        ("Shаhid Hеmmat Industrial Group", "SHAHID HEMMAT INDUSTRIAL GROUP"),  # Cyrillic а and е
        ("گروه صنعتی شهید همت", "SHAHID HEMMAT INDUSTRIAL GROUP"),
    ],
)
def test_screen_finds_starter_entities_from_variants_with_an_explanation(
    shared_home, query, expected
):
    r = run_cli("screen", query, "--json", env=shared_home)
    assert r.returncode == 0, r.stderr
    out = json.loads(r.stdout)
    assert out["decision"] in ("match", "possible")
    names = [m["name"].upper() for m in out["matches"]]
    assert expected in names, names
    assert all(m["explanation"] for m in out["matches"])


def test_screen_clear_for_an_unrelated_company(shared_home):
    r = run_cli("screen", "Bergen Marine Fittings AS", "--country", "NO", "--json", env=shared_home)
    assert r.returncode == 0 and json.loads(r.stdout)["decision"] == "clear"


@pytest.mark.parametrize(
    ("args", "field"),
    [
        (["   "], "name"),
        (["Acme", "--country", "XQ"], "country"),
        (["Acme", "--schema", "Ship"], "schema"),
        ([], "NAME"),
        (["Acme", "--dob", "17/07/1964"], "dob"),
        (["Acme", "--dob", "1964-02-30"], "dob"),
        (["Acme", "--nationality", "XQ"], "nationality"),
        (["Acme", "--id", "visa:12345"], "identifiers[0]"),
    ],
)
def test_bad_screen_input_exits_2_naming_the_field(shared_home, args, field):
    r = run_cli("screen", *args, env=shared_home)
    assert r.returncode == 2 and field in r.stderr and "Traceback" not in r.stderr


def test_screen_restricted_to_an_unknown_list_exits_2(shared_home):
    r = run_cli("screen", "KOMID", "--list", "no-such-list", env=shared_home)
    assert r.returncode == 2 and "no-such-list" in r.stderr


def test_batch_screening_writes_json_lines_with_ids(shared_home, tmp_path):
    f = tmp_path / "parties.csv"
    f.write_text(
        "id,name,country,schema\n1,KOMID,KP,Organization\n2,Bergen Marine Fittings AS,NO,Company\n3,,IR,\n"
    )
    r = run_cli("screen", "--batch", str(f), "--json", env=shared_home)
    assert r.returncode == 0, r.stderr
    lines = [json.loads(x) for x in r.stdout.splitlines()]
    assert [x["id"] for x in lines] == ["1", "2"]
    assert lines[0]["decision"] == "match" and lines[1]["decision"] == "clear"
    assert "line 4" in r.stderr  # the row without a name is reported and skipped


def test_batch_with_wrong_headers_exits_2(shared_home, tmp_path):
    f = tmp_path / "parties.csv"
    f.write_text("firm,land\nKOMID,KP\n")
    r = run_cli("screen", "--batch", str(f), env=shared_home)
    assert r.returncode == 2 and "id,name,country,schema" in r.stderr


def test_import_the_shared_samples_and_screen_against_them(home):
    csl = fixture_path("lists", "us-csl-sample.csv")
    zala = fixture_path("lists", "zala-uav-cluster.ftm.json")
    r = run_cli(
        "lists", "import", str(csl), "--format", "csl", "--name", "us-csl", "--json", env=home
    )
    assert r.returncode == 0, r.stderr
    summary = json.loads(r.stdout)
    assert summary["imported"] + summary["skipped"] == summary["read"]
    r = run_cli("lists", "import", str(zala), "--name", "zala", "--kind", "sanctions", env=home)
    assert r.returncode == 0 and "imported" in r.stdout
    r = run_cli("screen", "Zala Aero Group", "--list", "zala", "--json", env=home)
    assert json.loads(r.stdout)["decision"] == "match"
    r = run_cli("lists", "show", "zala", env=home)
    assert "import" in r.stdout


def test_reimport_reports_the_difference_and_lists_diff_shows_it(home, tmp_path):
    v1 = tmp_path / "v1.csv"
    v2 = tmp_path / "v2.csv"
    v1.write_text("id,name,countries\na,Alpha Trading,IR\nb,Beta Works,SY\n")
    v2.write_text("id,name,countries\na,Alpha Trading,IR\nc,Gamma Tools,KP\n")
    assert (
        run_cli(
            "lists", "import", str(v1), "--format", "csv", "--name", "mine", env=home
        ).returncode
        == 0
    )
    r = run_cli("lists", "import", str(v2), "--format", "csv", "--name", "mine", env=home)
    assert "1 added, 1 removed" in r.stdout
    d = json.loads(run_cli("lists", "diff", "mine", "--json", env=home).stdout)
    assert d["added"] == ["c"] and d["removed"] == ["b"]


def test_importing_a_file_with_wrong_headers_exits_2_and_keeps_the_list(home, tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("foo,bar\n1,2\n")
    r = run_cli("lists", "import", str(bad), "--format", "csv", "--name", "mine", env=home)
    assert r.returncode == 2 and "Traceback" not in r.stderr


def test_audit_verify_reports_an_intact_chain(shared_home):
    run_cli("lists", "show", env=shared_home)  # loads the starter list: one audit event
    r = run_cli("audit", "verify", "--json", env=shared_home)
    assert r.returncode == 0 and json.loads(r.stdout)["ok"] is True


def test_screen_with_evidence_explains_it_and_an_identifier_decides(home, tmp_path):
    zala = fixture_path("lists", "zala-uav-cluster.ftm.json")
    r = run_cli("lists", "import", str(zala), "--name", "zala", "--kind", "sanctions", env=home)
    assert r.returncode == 0, r.stderr
    # the name alone finds nothing; the registration number (OGRN) on the list decides
    r = run_cli(
        "screen", "Unrelated Name LLC", "--id", "registration:1021801671462", "--json", env=home
    )
    assert r.returncode == 0, r.stderr
    out = json.loads(r.stdout)
    assert out["decision"] == "match"
    assert (
        "registration number 1021801671462 is on the list entry" in out["matches"][0]["explanation"]
    )
    f = tmp_path / "parties.csv"
    f.write_text(
        "id,name,dob,nationality,identifiers\n"
        "1,Unrelated Name LLC,,RU,registration:1021801671462;tax:0000000\n"
        "2,Bergen Marine Fittings AS,1964-07-17,NO,\n"
    )
    r = run_cli("screen", "--batch", str(f), "--json", env=home)
    assert r.returncode == 0, r.stderr
    lines = [json.loads(x) for x in r.stdout.splitlines()]
    assert [x["decision"] for x in lines] == ["match", "clear"]
