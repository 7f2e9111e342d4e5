"""The lab as pytest fixtures: the same code as `softdiag lab`, torn down even on failure."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from softdiag.lab import Lab, LabError, LabTopology
from softdiag.lab.audio import AudioLab, AudioLabError

# The tests' lab lives on its own loopback addresses, so a developer's `softdiag lab up`
# (or a benchmark) on 127.0.0.1-5 can keep running while the suite runs. SOFTDIAG_TEST_NET
# moves it to another /24 (e.g. 127.0.12), so two checkouts can run their suites at once.
TEST_NET = os.environ.get("SOFTDIAG_TEST_NET", "127.0.1")
TEST_TOPOLOGY = LabTopology.on(TEST_NET, 1)


# The replicated cluster (Kamailio DMQ + dmq_usrloc) beside it, on .21 to .25 of the same
# /24, so both layouts can run at once; .20 is the lab caller's (softdiag.lab.caller).
CLUSTER_TOPOLOGY = LabTopology.on(TEST_NET, 21, cluster=True)
CALLER_IP = f"{TEST_NET}.20"


def registrar_names(lab: Lab) -> dict[str, str]:
    """ip:port -> registrar name, for reading events."""
    return {f"{r.ip}:{r.port}": r.name for r in lab.topology.registrars}


def _start(state_dir: Path, topology: LabTopology = TEST_TOPOLOGY) -> Lab:
    lab = Lab(topology, state_dir=state_dir)
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


@pytest.fixture(scope="session")
def cluster_session(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Lab]:
    state_dir = tmp_path_factory.mktemp("cluster")
    lab = _start(state_dir, CLUSTER_TOPOLOGY)
    try:
        yield lab
    finally:
        lab.down()


@pytest.fixture
def cluster_lab(cluster_session: Lab) -> Lab:
    """The replicated cluster, every registrar up and without a fault."""
    cluster_session.up()
    for reg in cluster_session.topology.registrars:
        cluster_session.revive(reg.name)
    return cluster_session


@pytest.fixture
def lab(lab_session: Lab) -> Lab:
    """The running lab; restarted first if an earlier test took a server down."""
    lab_session.up()
    return lab_session


@pytest.fixture
def fresh_lab(lab: Lab) -> Iterator[Lab]:
    """Every registrar up with its own certificate, no fault, the default zone; and the
    same again afterwards."""
    _reset(lab)
    yield lab
    _reset(lab)


def _reset(lab: Lab) -> None:
    if lab.zone is not None:
        lab.set_zone(None)
    lab.up()
    for reg in lab.topology.registrars:
        lab.revive(reg.name)  # also puts the good certificate back


@pytest.fixture(scope="module")
def audio_lab(tmp_path_factory: pytest.TempPathFactory) -> Iterator[AudioLab]:
    """A private PulseAudio with the virtual handset/headset/speaker and faulty mics.

    PULSE_SERVER points at it while the module runs; every device goes with it.
    """
    lab = AudioLab(tmp_path_factory.mktemp("audio-lab"))
    try:
        lab.up()
    except AudioLabError as exc:
        lab.down()
        if os.environ.get("CI"):
            raise
        pytest.skip(f"the audio lab cannot start here: {exc}")
    previous = os.environ.get("PULSE_SERVER")
    os.environ["PULSE_SERVER"] = lab.server
    try:
        yield lab
    finally:
        if previous is None:
            os.environ.pop("PULSE_SERVER", None)
        else:
            os.environ["PULSE_SERVER"] = previous
        lab.down()


def require_namespaces() -> None:
    """The NAT lab needs network namespaces (root): under CI their absence fails the run;
    on a developer's machine it skips, saying why."""
    from softdiag.lab.netns import namespaces_possible

    reason = namespaces_possible()
    if reason:
        message = f"network namespaces cannot be created here: {reason}"
        if os.environ.get("CI"):
            pytest.fail(f"NAT tests cannot run under CI: {message}", pytrace=False)
        pytest.skip(f"NAT tests skipped: {message}")
