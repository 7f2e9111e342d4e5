"""The pjsua2 engine thread: lifecycle, thread safety, redaction at capture time."""

from __future__ import annotations

import os
import threading
import time

import pytest

from softdiag.account import Softphone
from softdiag.commands import AccountSpec
from softdiag.events import EngineState, Log, RegistrationChanged, SipMessage, Target
from softdiag.lab import LAB_PASSWORD, Lab
from softdiag.session import Recorder, Session
from softdiag.sip.engine import SipEngine

pytestmark = pytest.mark.lab


def _fds() -> int:
    return len(os.listdir("/proc/self/fd"))


def _wait_for(recorder: Recorder, predicate: object, timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if any(predicate(e) for e in recorder.snapshot()):  # type: ignore[operator]
            return
        time.sleep(0.02)
    raise AssertionError("the expected event did not arrive")


def test_start_stop_20_times_leaks_no_thread_or_socket() -> None:
    threads_before = threading.active_count()
    fds_before = _fds()
    for _ in range(20):
        recorder = Recorder()
        engine = SipEngine(recorder)
        engine.start()
        assert engine.running
        engine.shutdown()
        assert not engine.running
        states = [e.state for e in recorder.of_type(EngineState)]
        assert states == ["starting", "running", "stopping", "stopped"]
    # Other tests' helper threads may end meanwhile: never more, and no engine thread left.
    assert threading.active_count() <= threads_before
    assert not [t for t in threading.enumerate() if t.name == "softdiag-sip"]
    assert _fds() <= fds_before + 2  # tolerance for lazily opened interpreter files


def test_shutdown_is_idempotent_and_works_without_start() -> None:
    recorder = Recorder()
    engine = SipEngine(recorder)
    engine.shutdown()  # never started: nothing happens, nothing is published
    assert not engine.running
    assert recorder.of_type(EngineState) == []
    engine.start()
    assert engine.running
    engine.shutdown()
    engine.shutdown()  # again: still stopped, no second teardown
    assert not engine.running
    states = [e.state for e in recorder.of_type(EngineState)]
    assert states == ["starting", "running", "stopping", "stopped"]
    assert not [t for t in threading.enumerate() if t.name == "softdiag-sip"]


def test_commands_from_many_threads_and_secrets_never_recorded(lab: Lab) -> None:
    planted = "Pl4nted-" + LAB_PASSWORD  # a wrong password we can search for
    session = Session()
    recorder = Recorder()
    session.subscribe(recorder)
    phone = Softphone(session)
    phone.start()
    try:
        spec = AccountSpec(domain="voip.test", user="frank", password=LAB_PASSWORD,
                           dns=lab.topology.dns, expires=30)  # fmt: skip
        threads = [threading.Thread(target=phone.register, args=(spec,)) for _ in range(4)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        _wait_for(
            recorder, lambda e: isinstance(e, RegistrationChanged) and e.state == "registered"
        )
        kam3 = lab.topology.registrars[2]
        target = Target(host="sip3.voip.test", ip=kam3.ip, port=kam3.port, transport="udp")
        phone.engine.modify(target)
        _wait_for(
            recorder,
            lambda e: (
                isinstance(e, RegistrationChanged)
                and e.state == "registered"
                and e.server == target.hostport
            ),
        )
        assert "frank" in lab.registered_aors("kam3")
        bad = AccountSpec(domain="voip.test", user="frank", password=planted, dns=lab.topology.dns)
        phone.register(bad)
        _wait_for(recorder, lambda e: isinstance(e, RegistrationChanged) and e.state == "failed")
    finally:
        phone.shutdown()
    sip = recorder.of_type(SipMessage)
    assert any("Authorization: Digest" in m.text for m in sip)
    everything = "\n".join([*(m.text for m in sip), *(x.message for x in recorder.of_type(Log))])
    assert planted not in everything
    assert LAB_PASSWORD not in everything
    assert 'response="<redacted>"' in everything
    for m in sip:
        for line in m.text.splitlines():
            if line.lower().startswith("authorization:"):
                assert 'response="<redacted>"' in line
    assert all("frank" not in lab.registered_aors(n) for n in ("kam1", "kam2", "kam3"))
