"""`catchall denials ...` through the installed entry point, each run on a fresh SQLite."""

from __future__ import annotations

import json

import pytest

from tests.conftest import run_cli

from .conftest import LITE_HEADER, LITE_ROWS


@pytest.fixture
def home(tmp_path):
    d = tmp_path / "home"
    d.mkdir()
    return {"CATCHALL_HOME": str(d), "CATCHALL_GOVERNMENT": "GB", "DATABASE_URL": ""}


def test_import_prints_counts_and_warnings_with_line_numbers_then_list_and_export(tmp_path, home):
    f = tmp_path / "uk.csv"
    f.write_text(
        LITE_HEADER + LITE_ROWS + "GB-9,,GB,2B009,M,,,,Tehran,IR,end_user\n", encoding="utf-8"
    )
    r = run_cli("denials", "import", str(f), env=home)
    assert r.returncode == 0, r.stderr
    assert "read 4, imported 3, skipped 1" in r.stdout
    assert "line 5 [GB-9]: name of the denied party is required" in r.stdout

    r = run_cli("denials", "list", "--json", env=home)
    rows = json.loads(r.stdout)
    assert {(n["notifying_government"], n["direction"]) for n in rows} == {
        ("GB", "outgoing"),
        ("FR", "incoming"),
    }

    out = tmp_path / "ours.csv"
    r = run_cli("denials", "export", "--format", "lite-csv", "--out", str(out), env=home)
    assert r.returncode == 0, r.stderr
    text = out.read_text(encoding="utf-8")
    assert text.splitlines()[0] == LITE_HEADER.strip()
    assert "GB-2024-017" in text and "FR-2023-101" not in text

    r = run_cli("denials", "import", str(out), "--json", env=home)
    report = json.loads(r.stdout)
    assert (report["format"], report["created"], report["unchanged"]) == ("lite-csv", [], 1)


def test_bad_input_exits_2_and_writes_nothing(tmp_path, home):
    bad = tmp_path / "bad.csv"
    bad.write_text("reference,name\nX,Y\n", encoding="utf-8")
    r = run_cli("denials", "import", str(bad), env=home)
    assert r.returncode == 2
    assert "wrong header for lite-csv" in r.stderr and "missing regime_reg_ref" in r.stderr
    r = run_cli("denials", "import", str(tmp_path / "missing.csv"), env=home)
    assert r.returncode == 2 and "no such file" in r.stderr
    r = run_cli("denials", "import", str(bad), "--format", "xml", env=home)
    assert r.returncode == 2 and "'xml' is not one of" in r.stderr
    r = run_cli("denials", "list", "--json", env=home)
    assert r.returncode == 0 and json.loads(r.stdout) == []


def test_export_refuses_an_unknown_format(home):
    r = run_cli("denials", "export", "--format", "pdf", env=home)
    assert r.returncode == 2 and "'pdf' is not one of" in r.stderr
