"""Calls placed through a server that just went silent, and calls whose server dies."""

from __future__ import annotations

import time
from collections.abc import Callable

import pytest

from softdiag.account import Softphone
from softdiag.commands import AccountSpec
from softdiag.events import CallStateChanged, Event, Finding, MediaStats, RegistrationChanged
from softdiag.lab import LAB_PASSWORD, Lab
from softdiag.session import Recorder, Session

pytestmark = pytest.mark.lab


def _wait(recorder: Recorder, predicate: Callable[[Event], bool], timeout: float = 10.0) -> Event:
    deadline = time.monotonic() + timeout
    while True:
        found = next((e for e in recorder.snapshot() if predicate(e)), None)
        if found is not None:
            return found
        if time.monotonic() >= deadline:
            raise AssertionError("the expected event did not arrive")
        time.sleep(0.01)


def _name(lab: Lab, server: str) -> str:
    return lab.registrar_by_ip(server.split(":", maxsplit=1)[0]).name


def test_a_call_placed_after_a_freeze_connects_through_the_next_server(lab: Lab) -> None:
    session, recorder = Session(), Recorder()
    session.subscribe(recorder)
    phone = Softphone(session)
    phone.start()
    frozen = ""
    try:
        spec = AccountSpec(domain="voip.test", user="outbound", password=LAB_PASSWORD,
                           dns=lab.topology.dns, expires=30)  # fmt: skip
        phone.register(spec)
        registered = _wait(recorder, lambda e: isinstance(e, RegistrationChanged)
                           and e.state == "registered")  # fmt: skip
        assert isinstance(registered, RegistrationChanged)
        time.sleep(1.0)  # probes settle, as in real use
        frozen = _name(lab, registered.server)
        lab.freeze(frozen)
        time.sleep(0.5)
        placed = time.monotonic()
        number = phone.engine.make_call("sip:echo@voip.test")
        confirmed = _wait(recorder, lambda e: isinstance(e, CallStateChanged) and e.call == number
                          and e.state == "confirmed", timeout=10)  # fmt: skip
        setup = confirmed.mono - placed
        print(f"\ncall placed 0.5 s after {frozen} froze: connected in {setup:.2f} s")
        assert setup <= 3.0
        _wait(recorder, lambda e: isinstance(e, MediaStats) and e.call == number
              and e.rx.packets > 0)  # fmt: skip
        # One call for the user: one number, no disconnect or failure of the first attempt.
        states = [e.state for e in recorder.of_type(CallStateChanged) if e.call == number]
        assert states[0] == "calling" and states.count("calling") == 1
        assert "disconnected" not in states and "failed" not in states
        # The reason, as a finding naming both servers.
        [retried] = [f for f in recorder.of_type(Finding) if f.id == "call.retried_elsewhere"]
        params = dict(retried.params)
        assert params["old"] == registered.server
        assert params["new"] != registered.server
        assert not [f for f in recorder.of_type(Finding) if f.id == "call.failed"]
        phone.engine.hangup(number)
        _wait(recorder, lambda e: isinstance(e, CallStateChanged) and e.call == number
              and e.state == "disconnected")  # fmt: skip
    finally:
        if frozen:
            lab.thaw(frozen)
        phone.shutdown()


def test_a_call_keeps_its_media_when_its_server_dies(lab: Lab) -> None:
    session, recorder = Session(), Recorder()
    session.subscribe(recorder)
    phone = Softphone(session)
    phone.start()
    frozen = ""
    try:
        spec = AccountSpec(domain="voip.test", user="midcall", password=LAB_PASSWORD,
                           dns=lab.topology.dns, expires=30)  # fmt: skip
        phone.register(spec)
        registered = _wait(recorder, lambda e: isinstance(e, RegistrationChanged)
                           and e.state == "registered")  # fmt: skip
        assert isinstance(registered, RegistrationChanged)
        number = phone.engine.make_call("sip:echo@voip.test")
        _wait(recorder, lambda e: isinstance(e, MediaStats) and e.call == number
              and e.rx.packets > 0)  # fmt: skip
        frozen = _name(lab, registered.server)
        lab.freeze(frozen)
        lost = _wait(recorder, lambda e: isinstance(e, Finding)
                     and e.id == "call.signalling_lost", timeout=10)  # fmt: skip
        assert registered.server in lost.title  # type: ignore[attr-defined]
        # The media goes on: packets keep arriving after the finding.
        before = [e for e in recorder.of_type(MediaStats) if e.call == number][-1].rx.packets
        _wait(recorder, lambda e: isinstance(e, MediaStats) and e.call == number
              and e.rx.packets >= before + 50, timeout=5)  # fmt: skip
        states = [e.state for e in recorder.of_type(CallStateChanged) if e.call == number]
        assert "disconnected" not in states
    finally:
        if frozen:
            lab.thaw(frozen)
        phone.shutdown()


def test_a_call_refused_503_by_its_server_is_placed_through_another(lab: Lab) -> None:
    session, recorder = Session(), Recorder()
    session.subscribe(recorder)
    phone = Softphone(session)
    phone.start()
    refusing = ""
    try:
        spec = AccountSpec(domain="voip.test", user="outbound503", password=LAB_PASSWORD,
                           dns=lab.topology.dns, expires=30)  # fmt: skip
        phone.register(spec)
        registered = _wait(recorder, lambda e: isinstance(e, RegistrationChanged)
                           and e.state == "registered")  # fmt: skip
        assert isinstance(registered, RegistrationChanged)
        refusing = _name(lab, registered.server)
        lab.answer_503(refusing, 20)
        placed = time.monotonic()
        number = phone.engine.make_call("sip:echo@voip.test")
        confirmed = _wait(recorder, lambda e: isinstance(e, CallStateChanged) and e.call == number
                          and e.state == "confirmed", timeout=10)  # fmt: skip
        print(f"\ncall refused 503 by {refusing}: connected in {confirmed.mono - placed:.2f} s")
        assert confirmed.mono - placed <= 3.0
        states = [e.state for e in recorder.of_type(CallStateChanged) if e.call == number]
        assert "disconnected" not in states and "failed" not in states
        [retried] = [f for f in recorder.of_type(Finding) if f.id == "call.retried_elsewhere"]
        assert dict(retried.params)["why"].startswith("503")
        assert not [f for f in recorder.of_type(Finding) if f.id == "call.failed"]
        phone.engine.hangup(number)
    finally:
        if refusing:
            lab.clear_fault(refusing)
        phone.shutdown()
