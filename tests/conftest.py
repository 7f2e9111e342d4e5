"""Shared pytest setup: hypothesis profiles, paths to shared data."""

from __future__ import annotations

import os
from pathlib import Path

from hypothesis import HealthCheck, settings

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
CORPUS = SHARED / "corpus" / "pjproject-fuzz-seeds"

# Fast by default; SOFTDIAG_HYPOTHESIS=deep for a long run.
settings.register_profile("fast", max_examples=150, deadline=None)
settings.register_profile(
    "deep", max_examples=5000, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.load_profile(os.environ.get("SOFTDIAG_HYPOTHESIS", "fast"))

pytest_plugins = ["tests.labfixtures"]
