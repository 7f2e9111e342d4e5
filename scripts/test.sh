#!/usr/bin/env bash
# Set everything up, then lint, type-check and run the whole test suite (what CI runs).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export QT_QPA_PLATFORM=offscreen
.venv/bin/ruff check .
.venv/bin/ruff format --check .
.venv/bin/mypy
.venv/bin/lint-imports
# The desktop packages, built from this checkout; tests/packaging smoke-tests the frozen app.
timeout --kill-after=30 20m bash scripts/build-dist.sh
export SOFTDIAG_DIST_DIR="$PWD/dist"
# The suite takes minutes; a hang must not take hours. SIGABRT makes Python print every
# thread's stack before it goes.
timeout --signal=ABRT --kill-after=30 45m .venv/bin/pytest "$@"
