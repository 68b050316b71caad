"""The house rules on imports hold (pyproject.toml [tool.importlinter]): core imports no Django,
web or CLI; the web faces do not import the command line; the API and the pages do not import
each other. Checked with import-linter on every test run."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_the_import_contracts_are_kept():
    lint = Path(sys.executable).parent / "lint-imports"
    r = subprocess.run(
        [str(lint), "--config", str(ROOT / "pyproject.toml"), "--no-cache"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT / "src")},  # this checkout's code
        timeout=300,
    )
    assert r.returncode == 0, r.stdout[-4000:] + r.stderr[-2000:]
    assert "Contracts: 4 kept, 0 broken." in r.stdout


def test_no_checkout_path_is_hard_coded():
    """Benchmarks find ../shared relative to the checkout; nothing names a machine's folders."""
    offenders = [
        f"{p.relative_to(ROOT)}:{n}"
        for folder in ("bench", "tests", "src", "scripts")
        for p in (ROOT / folder).rglob("*.py")
        for n, line in enumerate(p.read_text(encoding="utf-8").splitlines(), start=1)
        if "/work/" in line and "offenders" not in line
    ]
    assert offenders == []


def test_one_exception_says_not_allowed():
    """Services raise core.errors.NotAllowed, never Django's PermissionDenied or an exception
    of their own; each face maps it once (API handler, page middleware, CLI main)."""
    raising = [
        f"{p.relative_to(ROOT)}:{n}"
        for p in (ROOT / "src" / "catchall").rglob("*.py")
        for n, line in enumerate(p.read_text(encoding="utf-8").splitlines(), start=1)
        if "raise PermissionDenied" in line
        or ("class " in line and "(PermissionError)" in line and p.name != "errors.py")
    ]
    assert raising == []
