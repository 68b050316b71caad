#!/usr/bin/env bash
# Regenerate the hash-pinned lock files from pyproject.toml (run after changing dependencies):
#   requirements.lock      runtime dependencies ([project].dependencies)
#   requirements-dev.lock  the dev extra, constrained to the runtime pins
# uv runs from a throwaway virtual environment; the project's .venv is not touched.
#   scripts/lock.sh            keep current pins where pyproject still allows them
#   scripts/lock.sh --upgrade  move every pin to the newest allowed release
set -euo pipefail
cd "$(dirname "$0")/.."

tools=$(mktemp -d)
trap 'rm -rf "$tools"' EXIT
python3 -m venv "$tools/venv"
"$tools/venv/bin/python" -m pip install -q uv
uv=("$tools/venv/bin/uv" pip compile --quiet --generate-hashes --python-version 3.11
    --python-platform x86_64-manylinux_2_28 --custom-compile-command "bash scripts/lock.sh")
[ "${1:-}" = "--upgrade" ] && uv+=(--upgrade)

"${uv[@]}" pyproject.toml -o requirements.lock
"${uv[@]}" pyproject.toml --extra dev --constraint requirements.lock -o requirements-dev.lock
echo "lock: wrote requirements.lock and requirements-dev.lock"
