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
    """Qt tests collect cyclic garbage on the GUI thread only, as the app does (ui/plumbing/threads.py).

    Set up before and torn down after the test's own fixtures, so the last collection sees
    the windows they closed.
    """
    if "qapp" not in request.fixturenames:  # qtbot and the GUI fixtures build on qapp
        yield
        return
    request.getfixturevalue("qapp")
    from ui.plumbing.threads import GuiThreadCollector

    collector = GuiThreadCollector()
    collector.start()
    yield
    collector.stop()


# -- a suite that cannot go green by skipping ------------------------------------------------
# The least number of tests that must *run* (pass or fail, not skip) in each folder when the
# whole suite runs. Under CI a folder below its minimum fails the run: a fixture that skips,
# a folder dropped from collection or a prerequisite gone missing can no longer hide behind
# a green result. Raise a number when you add tests; never lower it to make a run pass.
MINIMUM_RAN = {
    "unit": 802, "integration": 145, "gui": 136, "hostile": 215, "benchmarks": 3, "packaging": 29,
}  # fmt: skip
_RAN: dict[str, int] = dict.fromkeys(MINIMUM_RAN, 0)
_SKIPPED: dict[str, int] = dict.fromkeys(MINIMUM_RAN, 0)


def _folder(nodeid: str) -> str | None:
    parts = nodeid.split("/")
    return parts[1] if len(parts) > 2 and parts[0] == "tests" else None


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    folder = _folder(report.nodeid)
    if folder not in MINIMUM_RAN:
        return
    if report.skipped and report.when in ("setup", "call"):
        _SKIPPED[folder] += 1
    elif report.when == "call":
        _RAN[folder] += 1


def _whole_suite(config: pytest.Config) -> bool:
    """Only a run of everything can be held to the minimums (not `pytest tests/unit -k x`)."""
    args = [a.rstrip("/") for a in config.args]
    selected = bool(config.getoption("keyword", "") or config.getoption("markexpr", ""))
    return not selected and args in ([], ["tests"], [str(ROOT / "tests")], [str(ROOT)])


def shortfalls() -> list[str]:
    return [
        f"{folder}: {_RAN[folder]} ran ({_SKIPPED[folder]} skipped), at least {least} must"
        for folder, least in MINIMUM_RAN.items()
        if _RAN[folder] < least
    ]


# -- tests leave the checkout as they found it -------------------------------------------------
# A command run with the checkout as its current folder writes there (a check's bundle, say);
# such files once got committed by accident. Anything new at the top fails the run.
_TOP_BEFORE: set[str] = set()


def _top_level() -> set[str]:
    made_by_tools = {"artifacts", "build", "dist"}  # screenshots, the desktop packages
    return {p.name for p in ROOT.iterdir() if not p.name.startswith(".")} - made_by_tools


def pytest_sessionstart(session: pytest.Session) -> None:
    _TOP_BEFORE.update(_top_level())


def left_in_checkout() -> list[str]:
    return sorted(_top_level() - _TOP_BEFORE)


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    if left_in_checkout():
        session.exitstatus = pytest.ExitCode.TESTS_FAILED
    if not _whole_suite(session.config) or session.config.getoption("collectonly", False):
        return
    missing = shortfalls()
    if missing and os.environ.get("CI"):
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    for name in left_in_checkout():
        terminalreporter.write_line(f"a test left {name} in the checkout: FAILS the run", red=True)
    if not _whole_suite(terminalreporter.config):
        return
    ran = ", ".join(f"{f} {_RAN[f]}/{MINIMUM_RAN[f]}" for f in MINIMUM_RAN)
    terminalreporter.write_line(f"tests that ran per folder (ran/minimum): {ran}")
    for line in shortfalls():
        verdict = "FAILS the run under CI" if os.environ.get("CI") else "would fail under CI"
        terminalreporter.write_line(f"too few tests ran: {line} — {verdict}", red=True)
