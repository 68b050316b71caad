#!/usr/bin/env bash
# Prepare a fresh Debian machine with Python 3.11 for catchall: the few apt packages that
# cannot come from PyPI, then a virtual environment at .venv with catchall installed.
#   scripts/setup.sh          runtime only (the web application and the CLI)
#   scripts/setup.sh --dev    also the test tools and Debian's Chromium for browser tests
set -euo pipefail
cd "$(dirname "$0")/.."

dev=0
[ "${1:-}" = "--dev" ] && dev=1

# PyICU builds against libicu; WeasyPrint renders PDFs with Pango; venv needs python3-venv.
apt_packages=(libicu-dev pkg-config g++ python3-dev python3-venv libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core)
[ "$dev" = 1 ] && apt_packages+=(chromium postgresql-client)

missing=()
for p in "${apt_packages[@]}"; do
  dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
if [ "${#missing[@]}" -gt 0 ]; then
  echo "setup: installing Debian packages: ${missing[*]}"
  if [ "$(id -u)" = 0 ]; then sudo=""; elif command -v sudo >/dev/null; then sudo="sudo"; else
    echo "setup: please install as root: apt-get install ${missing[*]}" >&2; exit 1; fi
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
fi

python=${PYTHON:-}
if [ -z "$python" ]; then
  for candidate in python3.11 python3; do
    if command -v "$candidate" >/dev/null && "$candidate" -c 'import sys; sys.exit(sys.version_info[:2] != (3, 11))'; then
      python=$candidate; break
    fi
  done
fi
[ -n "$python" ] || { echo "setup: Python 3.11 is required" >&2; exit 1; }

if [ ! -x .venv/bin/python ]; then
  echo "setup: creating .venv with $python"
  "$python" -m venv .venv
fi

# Runtime dependencies come from requirements.lock (every package pinned with its hashes, so an
# install is reproducible and auditable), the dev tools from requirements-dev.lock (pinned to
# the same runtime versions); catchall itself is installed without resolving anything.
# scripts/lock.sh regenerates both after a change to pyproject.toml.
locks=(requirements.lock)
extras=""
[ "$dev" = 1 ] && { locks+=(requirements-dev.lock); extras="[dev]"; }
stamp=".venv/.catchall-installed$extras"
want=$(cat pyproject.toml "${locks[@]}" | sha256sum | cut -d' ' -f1)
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
  echo "setup: installing catchall$extras into .venv (first run takes a few minutes: PyICU compiles)"
  .venv/bin/python -m pip install -q --upgrade pip
  for lock in "${locks[@]}"; do
    .venv/bin/python -m pip install -q --require-hashes -r "$lock"
  done
  .venv/bin/python -m pip install -q --no-deps -e .
  echo "$want" > "$stamp"
fi

# The screening engine's hot modules compiled with Cython (the same code, about a third faster
# per query); again only when their sources changed. A stale or missing build runs the sources.
.venv/bin/python scripts/compile.py
