"""`catchall tokens`: an administrator of the server lists, creates and revokes exporters'
API tokens; the secret is printed once and works as a Bearer token."""

from __future__ import annotations

import json

import pytest

from tests.conftest import cli_home, run_cli, run_python

MAKE_ADMIN = """
from catchall.web.bootstrap import prepare_database
prepare_database()
from catchall.web.accounts.models import Organisation
from catchall.web.demo import ensure_user
org = Organisation.objects.create(name="Neckar Umformtechnik GmbH", kind="exporter", country="DE")
admin = ensure_user("erp-admin", "exporter", org)
admin.profile.org_admin = True
admin.profile.save()
ensure_user("plain", "exporter", org)
"""


@pytest.fixture
def home(tmp_path):
    env = cli_home(tmp_path)
    run_python(MAKE_ADMIN, env)
    return env


def test_create_list_revoke(home):
    r = run_cli(
        "tokens",
        "create",
        "--user",
        "erp-admin",
        "--name",
        "SAP",
        "--scope",
        "read",
        "--scope",
        "screen",
        "--days",
        "30",
        env=home,
    )
    assert r.returncode == 0, r.stderr
    secret = r.stdout.strip()
    assert secret.startswith("ca_") and "not shown again" in r.stderr
    rows = json.loads(run_cli("tokens", "list", "--json", env=home).stdout)
    assert (
        len(rows) == 1 and rows[0]["scopes"] == ["read", "screen"] and rows[0]["status"] == "active"
    )
    assert secret not in json.dumps(rows) and secret.startswith(rows[0]["prefix"] + "_")
    r = run_cli("tokens", "revoke", rows[0]["prefix"], env=home)
    assert r.returncode == 0, r.stderr
    assert (
        json.loads(run_cli("tokens", "list", "--json", env=home).stdout)[0]["status"] == "revoked"
    )


def test_bad_input_exits_2_naming_the_field(home):
    r = run_cli("tokens", "create", "--user", "nobody", "--name", "x", "--scope", "read", env=home)
    assert r.returncode == 2 and "--user" in r.stderr
    r = run_cli(
        "tokens", "create", "--user", "erp-admin", "--name", "x", "--scope", "write", env=home
    )
    assert r.returncode == 2 and "scopes" in r.stderr
    r = run_cli("tokens", "create", "--user", "plain", "--name", "x", "--scope", "read", env=home)
    assert r.returncode == 2 and "administrator" in r.stderr
    r = run_cli("tokens", "revoke", "ca_00000000", env=home)
    assert r.returncode == 2
    assert json.loads(run_cli("tokens", "list", "--json", env=home).stdout) == []
