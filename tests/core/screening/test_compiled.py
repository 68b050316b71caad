"""The compiled screening modules answer exactly as their sources, and a stale compiled
module never runs (module catchall.core.screening.compiled, scripts/compile.py)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from importlib.machinery import EXTENSION_SUFFIXES
from pathlib import Path

import pytest

from catchall.core.screening import compiled
from catchall.core.screening.compiled import (
    COMPILED,
    MANIFEST,
    PURE_ENV,
    module_status,
    source_hash,
)

ROOT = Path(__file__).resolve().parents[3]


def _run(pure: bool) -> dict:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), str(ROOT)])}
    env.pop(PURE_ENV, None)
    if pure:
        env[PURE_ENV] = "1"
    done = subprocess.run(
        [sys.executable, "-m", "tests.core.screening.compiled_run"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=True,
    )
    return json.loads(done.stdout)


def test_compiled_modules_answer_as_their_sources():
    built, source = _run(pure=False), _run(pure=True)
    assert not any(source["running"].values())  # the sources ran
    want = {m: s == COMPILED for m, s in compiled.status().items()}
    assert built["running"] == {m: want[m] for m in built["running"]}
    if os.environ.get("CATCHALL_REQUIRE_COMPILED") == "1":  # set by test.sh: setup compiles
        assert all(built["running"].values()), compiled.status()
    assert len(built["results"]) == len(source["results"]) > 30
    assert any(r["matches"] for r in built["results"])
    for a, b in zip(built["results"], source["results"], strict=True):
        assert a == b
    assert built["pairs"] == source["pairs"]


@pytest.fixture
def package(tmp_path):
    (tmp_path / "m.py").write_text("X = 1\n")
    (tmp_path / f"m{EXTENSION_SUFFIXES[0]}").write_bytes(b"")
    (tmp_path / MANIFEST).write_text(json.dumps({"m": source_hash(tmp_path / "m.py")}))
    return tmp_path


def test_a_module_compiled_from_its_current_source_runs_compiled(package, monkeypatch):
    monkeypatch.delenv(PURE_ENV, raising=False)
    assert module_status(package, ("m",)) == {"m": COMPILED}


def test_a_module_whose_source_changed_runs_from_source(package, monkeypatch):
    monkeypatch.delenv(PURE_ENV, raising=False)
    (package / "m.py").write_text("X = 2\n")
    assert "changed since it was compiled" in module_status(package, ("m",))["m"]


def test_a_module_never_compiled_or_unrecorded_runs_from_source(package, monkeypatch):
    monkeypatch.delenv(PURE_ENV, raising=False)
    (package / MANIFEST).write_text("{}")
    assert module_status(package, ("m",))["m"] != COMPILED
    (package / MANIFEST).write_text("not json")
    assert module_status(package, ("m",))["m"] != COMPILED
    (package / f"m{EXTENSION_SUFFIXES[0]}").unlink()
    assert module_status(package, ("m",)) == {"m": "source (not compiled)"}


def test_the_environment_can_ask_for_the_sources(package, monkeypatch):
    monkeypatch.setenv(PURE_ENV, "1")
    assert module_status(package, ("m",))["m"] != COMPILED


def test_the_guard_imports_the_source_of_a_stale_module(monkeypatch):
    finder = next(f for f in sys.meta_path if isinstance(f, compiled._SourceWhenStale))
    name = f"{compiled.PACKAGE}.scoring"
    monkeypatch.setattr(compiled, "status", lambda: {"scoring": "source (changed)"})
    spec = finder.find_spec(name)
    assert spec is not None and spec.origin.endswith("scoring.py")
    monkeypatch.setattr(compiled, "status", lambda: {"scoring": COMPILED})
    assert finder.find_spec(name) is None  # the usual import: the compiled file first
    assert finder.find_spec("catchall.core.model") is None
