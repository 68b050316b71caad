"""Test-wide fixtures: an isolated CATCHALL_HOME, the test fixtures (tests/fixtures), the CLI runner."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

# Never touch a developer's real data folder from the tests.
os.environ.setdefault("CATCHALL_HOME", tempfile.mkdtemp(prefix="catchall-test-home-"))


FIXTURES = ROOT / "tests" / "fixtures"


def fixture_path(*parts: str) -> Path:
    """A test fixture under tests/fixtures (copies of ../shared files, sources in its README)."""
    path = FIXTURES.joinpath(*parts)
    assert path.exists(), f"missing test fixture {path}"
    return path


CLI = Path(sys.executable).parent / "catchall"


def run_cli(
    *args: str, input: str | None = None, env: dict | None = None
) -> subprocess.CompletedProcess:
    """Run the installed ``catchall`` entry point, as a user would.

    The command gets its own SQLite in CATCHALL_HOME unless a test passes DATABASE_URL: a CLI
    process is not inside the test's database and must never write to the server's real one."""
    full_env = {**os.environ, "DATABASE_URL": "", **(env or {})}
    return subprocess.run(
        [str(CLI), *args], input=input, capture_output=True, text=True, env=full_env, timeout=300
    )


def run_python(code: str, env: dict) -> str:
    """Run ``code`` in a fresh Python with Django's settings and ``env`` (a CLI test's own
    CATCHALL_HOME), as the CLI would find things; fails the test with its stderr, else
    returns what it printed."""
    r = subprocess.run(
        [sys.executable, "-c", code],
        env={**os.environ, **env, "DJANGO_SETTINGS_MODULE": "catchall.web.settings"},
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert r.returncode == 0, r.stderr
    return r.stdout.strip()


def cli_home(tmp_path: Path) -> dict:
    """The environment of a CLI test with its own data folder and SQLite database."""
    return {"CATCHALL_HOME": str(tmp_path / "home"), "DATABASE_URL": "", "CATCHALL_AUDIT_KEY": ""}


@pytest.fixture(scope="session", autouse=True)
def _flush_lifts_audit_triggers():
    """Transactional tests empty every table afterwards; lift the append-only triggers for that."""
    from django.core.management.commands import flush
    from django.db import connections

    original = flush.Command.handle

    def handle(self, **options):
        from catchall.web.audit.triggers import lifted

        with lifted(connections[options.get("database") or "default"]):
            return original(self, **options)

    flush.Command.handle = handle
    yield
    flush.Command.handle = original
