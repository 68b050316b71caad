#!/usr/bin/env bash
# Set up .venv with the test tools (first run only), then lint and run every test,
# including the browser tests in Debian's Chromium. PostgreSQL is used when DATABASE_URL is set.
set -euo pipefail
cd "$(dirname "$0")"
bash scripts/setup.sh --dev
.venv/bin/ruff check src tests bench
.venv/bin/ruff format --check src tests bench
# setup compiled the screening modules: tests/core/screening/test_compiled.py insists
export CATCHALL_REQUIRE_COMPILED=1
exec .venv/bin/python -m pytest "$@"
