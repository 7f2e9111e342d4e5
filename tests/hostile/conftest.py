"""The hostile lab for the table: started once, on <SOFTDIAG_TEST_NET>.100-103."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest

from softdiag.lab.hostile import HostileLab

from .cases import NET, build_table

TOTALS: dict[str, int] = {}


@pytest.fixture(scope="session")
def hostile_lab() -> Iterator[HostileLab]:
    lab = HostileLab(net=NET)
    ports = tuple(c.stun_port for c in build_table() if c.stun_port)
    try:
        lab.start(stun_ports=ports)
    except OSError as exc:
        if os.environ.get("CI"):
            raise
        pytest.skip(f"the hostile lab cannot start here: {exc}")
    try:
        yield lab
    finally:
        lab.stop()


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if TOTALS:
        parts = ", ".join(f"{k} {v}" for k, v in TOTALS.items())
        terminalreporter.write_line(f"hostile-input table: {parts}")
