"""`catchall audit verify` and `audit head` as an authority runs them: the exit code reaches the
shell (issue 9, findings 3 and 4)."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from tests.conftest import run_cli


@pytest.fixture
def home(tmp_path):
    env = {"CATCHALL_HOME": str(tmp_path / "home"), "DATABASE_URL": "", "CATCHALL_AUDIT_KEY": ""}
    r = run_cli("lists", "show", env=env)  # loads the starter list: audit events
    assert r.returncode == 0, r.stderr
    return env


def _db(env) -> sqlite3.Connection:
    con = sqlite3.connect(Path(env["CATCHALL_HOME"]) / "catchall.sqlite3")
    con.execute("DROP TRIGGER IF EXISTS audit_event_no_update")
    con.execute("DROP TRIGGER IF EXISTS audit_event_no_delete")
    return con


def test_an_intact_chain_exits_0(home):
    r = run_cli("audit", "verify", env=home)
    assert r.returncode == 0, r.stdout + r.stderr
    assert "intact" in r.stdout


def test_tampering_exits_1(home):
    with _db(home) as con:
        con.execute("UPDATE audit_auditevent SET actor_label = 'mallory' WHERE seq = 1")
    r = run_cli("audit", "verify", env=home)
    assert r.returncode == 1
    assert "TAMPERING DETECTED" in r.stdout
    r = run_cli("audit", "verify", "--json", env=home)
    assert r.returncode == 1 and json.loads(r.stdout)["ok"] is False


def test_a_head_kept_elsewhere_catches_deleted_newest_events(home):
    r = run_cli("audit", "head", "--json", env=home)
    assert r.returncode == 0, r.stderr
    head = json.loads(r.stdout)
    assert head["events"] >= 1 and len(head["hash"]) == 64
    assert run_cli("audit", "verify", "--expect", head["anchor"], env=home).returncode == 0
    with _db(home) as con:
        last = head["events"]
        con.execute("DELETE FROM audit_auditevent WHERE seq = ?", (last,))
        if last > 1:
            prev = con.execute(
                "SELECT hash FROM audit_auditevent WHERE seq = ?", (last - 1,)
            ).fetchone()[0]
        else:
            prev = "0" * 64
        con.execute("UPDATE audit_auditchainhead SET seq = ?, hash = ?", (last - 1, prev))
    r = run_cli("audit", "verify", "--expect", head["anchor"], env=home)
    assert r.returncode == 1, r.stdout
    assert "kept outside the database" in r.stdout


def test_a_malformed_expect_exits_2_naming_the_option(home):
    r = run_cli("audit", "verify", "--expect", "not-a-hash", env=home)
    assert r.returncode == 2
    assert r.stderr.startswith("error: --expect:") and "Traceback" not in r.stderr


def test_an_unknown_command_exits_2(home):
    r = run_cli("audit", "nonsense", env=home)
    assert r.returncode == 2
