"""The lab as pytest fixtures: the same code as `softdiag lab`, torn down even on failure."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from softdiag.lab import Lab, LabError


def _start(state_dir: Path) -> Lab:
    lab = Lab(state_dir=state_dir)
    try:
        lab.up()
    except LabError as exc:
        lab.down()
        if os.environ.get("CI"):
            raise
        pytest.skip(f"the lab cannot start here: {exc}")
    return lab


@pytest.fixture(scope="session")
def lab_session(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Lab]:
    state_dir = tmp_path_factory.mktemp("lab")
    lab = _start(state_dir)
    try:
        yield lab
    finally:
        lab.down()


@pytest.fixture
def lab(lab_session: Lab) -> Lab:
    """The running lab; restarted first if an earlier test took a server down."""
    lab_session.up()
    return lab_session
