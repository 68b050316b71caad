"""Which screening modules run compiled, and a guard that never runs a stale compiled one.

``scripts/compile.py`` (run by the README's setup command) compiles the modules named in
:data:`MODULES` with Cython, unchanged: the same Python code, run as C, about a third faster
per query (bench/screening_speed.py prints which modules ran compiled). Python imports a
compiled module before its source, so a compiled module left behind after its source was
edited would silently run the old code. The build records the SHA-256 of each source it
compiled (:data:`MANIFEST`); :func:`install` puts a finder first on ``sys.meta_path`` that
imports the source instead whenever the two differ, the compiled file is missing, or
``CATCHALL_PURE_PYTHON=1`` asks for the source (tests compare the two that way).
"""

from __future__ import annotations

import hashlib
import importlib.abc
import importlib.machinery
import importlib.util
import json
import os
import sys
from functools import cache
from pathlib import Path

PACKAGE = "catchall.core.screening"
HERE = Path(__file__).resolve().parent
MANIFEST = "compiled-sources.json"
# The modules a query spends its time in: name preparation and transliteration, token
# similarity, the index's retrieval and candidate stage, the pair scorer and the explanation.
MODULES = (
    "text",
    "tokens",
    "translit",
    "abjad",
    "symbols",
    "memo",
    "similarity",
    "acronym",
    "prepare",
    "features",
    "evidence",
    "explain",
    "scoring",
    "ranking",
    "index",
)
COMPILED = "compiled"
PURE_ENV = "CATCHALL_PURE_PYTHON"


def source_hash(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def compiled_file(directory: Path, module: str) -> Path | None:
    """The compiled extension of ``module`` in ``directory`` for this interpreter, if built."""
    for suffix in importlib.machinery.EXTENSION_SUFFIXES:
        path = directory / f"{module}{suffix}"
        if path.exists():
            return path
    return None


def read_manifest(directory: Path) -> dict[str, str]:
    """Each compiled module's source hash as the build recorded it ({} when none was)."""
    try:
        return json.loads((directory / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def module_status(directory: Path, modules: tuple[str, ...] = MODULES) -> dict[str, str]:
    """For each module: ``compiled``, or why its source runs instead."""
    if os.environ.get(PURE_ENV) == "1":
        return {m: f"source ({PURE_ENV}=1)" for m in modules}
    built = read_manifest(directory)
    out = {}
    for m in modules:
        if compiled_file(directory, m) is None:
            out[m] = "source (not compiled)"
        elif built.get(m) != source_hash(directory / f"{m}.py"):
            out[m] = "source (changed since it was compiled: run scripts/compile.py)"
        else:
            out[m] = COMPILED
    return out


@cache
def status() -> dict[str, str]:
    """:func:`module_status` of this package, read once per process."""
    return module_status(HERE)


def running() -> dict[str, bool]:
    """Which of :data:`MODULES` imported so far are running compiled (for benchmarks)."""
    out = {}
    for m in MODULES:
        module = sys.modules.get(f"{PACKAGE}.{m}")
        if module is not None:
            out[m] = not str(getattr(module, "__file__", "")).endswith(".py")
    return out


class _SourceWhenStale(importlib.abc.MetaPathFinder):
    """Imports a module's source when its compiled file is stale, missing or not wanted."""

    def find_spec(self, fullname, path=None, target=None):
        package, _, module = fullname.rpartition(".")
        if package != PACKAGE or module not in MODULES or status()[module] == COMPILED:
            return None
        return importlib.util.spec_from_file_location(fullname, HERE / f"{module}.py")


def install() -> None:
    """Put the guard first on ``sys.meta_path`` (once per process)."""
    if not any(isinstance(f, _SourceWhenStale) for f in sys.meta_path):
        sys.meta_path.insert(0, _SourceWhenStale())
