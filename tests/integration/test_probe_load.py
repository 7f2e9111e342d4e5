"""The probe budget against the real lab: what a quiet client sends, and the setting live."""

from __future__ import annotations

import time

import pytest

from softdiag.account import Softphone
from softdiag.commands import AccountSpec
from softdiag.events import ProbeResult, RegistrationChanged
from softdiag.lab import LAB_PASSWORD, Lab
from softdiag.session import Recorder, Session

pytestmark = pytest.mark.lab


def test_refreshes_spare_the_current_servers_probes_and_the_profile_applies_live(
    lab: Lab,
) -> None:
    session, recorder = Session(), Recorder()
    session.subscribe(recorder)
    # Quiet probes every 8 s; pjsua refreshes a 10 s registration every 5 s.
    phone = Softphone(session, probe_profile="default", probe_interval=8.0)
    phone.start()
    try:
        spec = AccountSpec(domain="voip.test", user="quiet-probes", password=LAB_PASSWORD,
                           dns=lab.topology.dns, expires=10)  # fmt: skip
        phone.register(spec)
        deadline = time.monotonic() + 15
        while not any(e.state == "registered" for e in recorder.of_type(RegistrationChanged)):
            assert time.monotonic() < deadline, "no registration"
            time.sleep(0.05)
        t0 = time.monotonic()
        time.sleep(20.0)
        regs = [e for e in recorder.of_type(RegistrationChanged) if e.state == "registered"]
        current = regs[-1].server
        assert {e.server for e in regs} == {current}  # no move: a healthy stretch
        assert len([e for e in regs if e.mono >= t0]) >= 3  # refreshes came meanwhile
        quiet = [e for e in recorder.of_type(ProbeResult) if e.mono >= t0]
        # Every refresh answered was a sign of life: the current server's probe never fell
        # due; the two others once each, 32 s after the first round at the most.
        assert [e for e in quiet if e.target == current] == []
        assert len(quiet) <= 2, [(round(e.mono - t0, 1), e.target) for e in quiet]

        t1 = time.monotonic()
        phone.set_probes("fast")  # the GUI's setting: applies to the running account
        time.sleep(2.0)
        fast = [e for e in recorder.of_type(ProbeResult) if e.mono >= t1 and e.target == current]
        assert len(fast) >= 3  # every 0.5 s
    finally:
        phone.shutdown()
