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
