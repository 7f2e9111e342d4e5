"""Print a line in the test run's output even while pytest captures it (counts that CI
logs must show, e.g. how many fuzz inputs ran)."""

from __future__ import annotations

import contextlib

import pytest


def report_line(config: pytest.Config, line: str) -> None:
    capture = config.pluginmanager.getplugin("capturemanager")
    reporter = config.pluginmanager.getplugin("terminalreporter")
    guard = capture.global_and_fixture_disabled() if capture else contextlib.nullcontext()
    with guard:
        if reporter is not None:
            reporter.write_line(line)
        else:
            print(line)
