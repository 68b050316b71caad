"""Compile the screening engine's hot modules with Cython, in place (run by scripts/setup.sh).

    .venv/bin/python scripts/compile.py [--force]

The modules of ``catchall.core.screening.compiled.MODULES`` are compiled unchanged (the same
Python code; type annotations are not read as C types, so every value behaves as in Python)
and written next to their sources, with the SHA-256 of each compiled source in
``compiled-sources.json``; the package imports a source instead of a compiled module whose
source has changed since. Nothing is compiled again while the sources are unchanged. A module
that fails to compile keeps running from its source (a warning names it): slower, the same
answers.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from catchall.core.screening.compiled import (  # noqa: E402
    COMPILED,
    HERE,
    MANIFEST,
    MODULES,
    PACKAGE,
    module_status,
    read_manifest,
    source_hash,
)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--force", action="store_true", help="compile even if up to date")
    args = parser.parse_args(argv)
    todo = [m for m, s in module_status(HERE).items() if args.force or s != COMPILED]
    if not todo:
        print(f"compile: {len(MODULES)} screening modules up to date")
        return 0
    try:
        from Cython.Build import cythonize
        from setuptools import Distribution, Extension
        from setuptools.command.build_ext import build_ext
    except ImportError as exc:
        print(f"compile: skipped, {exc.name} is not installed (the sources run instead)")
        return 0
    hashes = {m: source_hash(HERE / f"{m}.py") for m in todo}
    extensions = cythonize(
        [Extension(f"{PACKAGE}.{m}", [str(HERE / f"{m}.py")], optional=True) for m in todo],
        build_dir=str(ROOT / "build" / "cython"),
        compiler_directives={"language_level": 3, "annotation_typing": False, "binding": True},
        quiet=True,
    )
    dist = Distribution({"ext_modules": extensions, "package_dir": {"": "src"}})
    command = build_ext(dist)
    command.inplace = True
    command.parallel = 2
    command.build_temp = str(ROOT / "build" / "temp")
    command.ensure_finalized()
    print(f"compile: compiling {len(todo)} screening modules with Cython (about a minute)")
    command.run()
    manifest = {**read_manifest(HERE), **hashes}
    (HERE / MANIFEST).write_text(json.dumps(manifest, indent=1, sort_keys=True) + "\n", "utf-8")
    failed = [m for m, s in module_status(HERE).items() if s != COMPILED]
    if failed:
        print(f"compile: warning: not compiled, running from source: {', '.join(failed)}")
    else:
        print(f"compile: {len(MODULES)} screening modules compiled")
    return 0


if __name__ == "__main__":
    sys.exit(main())
