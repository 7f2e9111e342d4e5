"""Shared pytest setup: hypothesis profiles, paths to shared data."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
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

# Journals of the runs the tests start (softdiag.bundle.journal) stay out of the user's state
# directory; subprocesses inherit it.
os.environ.setdefault("SOFTDIAG_STATE_DIR", tempfile.mkdtemp(prefix="softdiag-test-state-"))


@pytest.fixture(autouse=True)
def _gc_on_the_gui_thread(request: pytest.FixtureRequest) -> Iterator[None]:
    """Qt tests collect cyclic garbage on the GUI thread only, as the app does (ui/threads.py).

    Set up before and torn down after the test's own fixtures, so the last collection sees
    the windows they closed.
    """
    if "qapp" not in request.fixturenames:  # qtbot and the GUI fixtures build on qapp
        yield
        return
    request.getfixturevalue("qapp")
    from ui.threads import GuiThreadCollector

    collector = GuiThreadCollector()
    collector.start()
    yield
    collector.stop()
