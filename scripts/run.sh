#!/usr/bin/env bash
# Set everything up and run the main job: the local lab of real servers, then the GUI with
# the lab account registered. Where there is no screen, a headless demo that registers
# against the lab and prints the live events instead.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
.venv/bin/softdiag lab up
if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
  exec .venv/bin/softdiag gui --lab
fi
echo "run: no display found: headless demo (set DISPLAY for the GUI, or use xvfb-run)"
exec .venv/bin/softdiag demo --duration "${SOFTDIAG_DEMO_SECONDS:-20}"
