"""The lock files that scripts/setup.sh installs from agree with pyproject.toml: every dependency
named there is pinned, within its range, with hashes; the dev lock keeps the runtime pins."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parents[2]
PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)(?:\[[^\]]*\])?==([^\s\\;]+)")


def pins(lock: str) -> dict[str, tuple[str, int]]:
    """{name: (version, number of hashes)} of a pip requirements file in hash-checking form."""
    out: dict[str, tuple[str, int]] = {}
    name = None
    for line in (ROOT / lock).read_text(encoding="utf-8").splitlines():
        if m := PIN.match(line):
            name = canonicalize_name(m.group(1))
            assert name not in out, f"{lock}: {name} pinned twice"
            out[name] = (m.group(2), 0)
        elif line.strip().startswith("--hash=sha256:") and name:
            version, hashes = out[name]
            out[name] = (version, hashes + 1)
        elif line.strip() and not line.lstrip().startswith("#") and not line.startswith("    "):
            pytest.fail(f"{lock}: not a pin: {line!r}")
    return out


def project() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]


def assert_pinned(requirements: list[str], locked: dict, lock: str) -> None:
    for text in requirements:
        req = Requirement(text)
        name = canonicalize_name(req.name)
        assert name in locked, f"{req.name} (pyproject.toml) is not pinned in {lock}"
        version, _ = locked[name]
        assert req.specifier.contains(version, prereleases=True), (
            f"{lock} pins {req.name}=={version}, outside pyproject's {req.specifier}"
        )


def test_every_runtime_dependency_is_pinned_in_the_lock_with_hashes():
    locked = pins("requirements.lock")
    assert_pinned(project()["dependencies"], locked, "requirements.lock")
    unhashed = [n for n, (_, hashes) in locked.items() if hashes == 0]
    assert not unhashed, f"pins without --hash: {unhashed}"


def test_the_dev_lock_pins_the_dev_extra_and_keeps_the_runtime_versions():
    runtime, dev = pins("requirements.lock"), pins("requirements-dev.lock")
    assert_pinned(project()["optional-dependencies"]["dev"], dev, "requirements-dev.lock")
    moved = {n: (v, dev[n][0]) for n, (v, _) in runtime.items() if n in dev and dev[n][0] != v}
    assert not moved, f"the dev lock moves runtime pins: {moved}"
    unhashed = [n for n, (_, hashes) in dev.items() if hashes == 0]
    assert not unhashed, f"pins without --hash: {unhashed}"


def test_setup_installs_from_the_locks_with_hashes_required():
    setup = (ROOT / "scripts" / "setup.sh").read_text(encoding="utf-8")
    assert "--require-hashes" in setup and "requirements.lock" in setup
    assert "requirements-dev.lock" in setup
    assert re.search(r"pip install -q --no-deps -e \.", setup)
