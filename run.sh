#!/usr/bin/env bash
# Set up .venv (first run only) and run catchall on http://127.0.0.1:8000 with demo data.
set -euo pipefail
cd "$(dirname "$0")"
bash scripts/setup.sh
exec .venv/bin/catchall serve --demo "$@"
