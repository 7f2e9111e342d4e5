"""Helpers for the GUI tests: the softphone stand-in, a realistic event story, a stall meter."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterable
from pathlib import Path
from typing import Literal

from softdiag.commands import AccountSpec
from softdiag.events import Event
from softdiag.findings import make_finding
from softdiag.session import Session

ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = ROOT / "artifacts" / "screenshots"


class StubSoftphone:
    """Records what the window asks of the engine; does no I/O."""

    def __init__(self, start_delay: float = 0.0) -> None:
        self.calls: list[tuple[str, object]] = []
        self.start_delay = start_delay
        self.start_thread: str | None = None
        self.shutdown_thread: str | None = None
        self._lock = threading.Lock()

    def _record(self, name: str, arg: object = None) -> None:
        with self._lock:
            self.calls.append((name, arg))

    def start(self) -> None:
        self.start_thread = threading.current_thread().name
        time.sleep(self.start_delay)  # the real one blocks 0.1-1 s
        self._record("start")

    def register(self, spec: AccountSpec) -> None:
        self._record("register", spec)

    def unregister(self) -> None:
        self._record("unregister")

    def set_policy(self, policy: str) -> None:
        self._record("set_policy", policy)

    def shutdown(self, timeout: float = 10.0) -> None:
        self.shutdown_thread = threading.current_thread().name
        self._record("shutdown", timeout)

    def names(self) -> list[str]:
        with self._lock:
            return [name for name, _ in self.calls]

    def last(self, name: str) -> object:
        with self._lock:
            return next(arg for n, arg in reversed(self.calls) if n == name)


def publish_from_thread(session: Session, events: Iterable[Event], pause: float = 0.0) -> None:
    """Publish like the engine does: from another thread, in order; waits until done."""
    items = list(events)

    def work() -> None:
        for event in items:
            session.publish(event)
            if pause:
                time.sleep(pause)

    thread = threading.Thread(target=work, name="test-publisher")
    thread.start()
    thread.join(30)
    assert not thread.is_alive()


# -- a registration as the engine reports it -------------------------------------------

LOCAL = "127.0.0.1:40312"
SERVER = "127.0.0.3:5060"
AOR = "sip:alice@voip.test"


def _register(cseq: int, auth: bool) -> str:
    lines = [
        "REGISTER sip:voip.test SIP/2.0",
        f"Via: SIP/2.0/UDP {LOCAL};rport;branch=z9hG4bKPj{cseq:04d}",
        "Max-Forwards: 70",
        f"From: <{AOR}>;tag=a1b2c3",
        f"To: <{AOR}>",
        "Call-ID: 6f1d2c0e-softdiag",
        f"CSeq: {cseq} REGISTER",
        "User-Agent: softdiag/0.1",
        f"Contact: <sip:alice@{LOCAL};ob>",
        "Expires: 300",
    ]
    if auth:
        lines.append(
            'Authorization: Digest username="alice", realm="voip.test", nonce="ZqK3", '
            'uri="sip:voip.test", response="<redacted>", algorithm=MD5'
        )
    lines.append("Content-Length: 0")
    return "\r\n".join(lines) + "\r\n\r\n"


def _response(cseq: int, status: str, extra: list[str]) -> str:
    lines = [
        f"SIP/2.0 {status}",
        f"Via: SIP/2.0/UDP {LOCAL};rport=40123;received=203.0.113.7;branch=z9hG4bKPj{cseq:04d}",
        f"From: <{AOR}>;tag=a1b2c3",
        f"To: <{AOR}>;tag=srv{cseq}",
        "Call-ID: 6f1d2c0e-softdiag",
        f"CSeq: {cseq} REGISTER",
        *extra,
        "X-Registrar: kamailio-2",
        "Content-Length: 0",
    ]
    return "\r\n".join(lines) + "\r\n\r\n"


def registration_story() -> list[Event]:
    """A failover from a silent server, a digest challenge, a 200 OK and a finding about the
    binding left behind: what the lab shows when kam1 freezes."""
    from softdiag.events import (
        EngineState,
        FailoverDecision,
        Log,
        ProbeResult,
        RegistrationChanged,
        Resolved,
        SipMessage,
        Target,
    )

    targets = tuple(
        Target(
            host=f"sip{i}.voip.test",
            ip=f"127.0.0.{i + 1}",
            port=5060,
            transport="udp",
            priority=10,
            weight=w,
            ttl=30,
            source="srv",
        )
        for i, w in ((1, 50), (2, 30), (3, 20))
    )

    def sip(direction: Literal["in", "out"], text: str) -> SipMessage:
        return SipMessage(
            direction=direction, transport="udp", local=LOCAL, remote=SERVER, text=text
        )

    return [
        EngineState(state="running"),
        Resolved(
            domain="voip.test",
            transport="udp",
            nameserver="127.0.0.1:5353",
            targets=targets,
            answer_order=("127.0.0.3", "127.0.0.2", "127.0.0.4"),
        ),
        ProbeResult(target="127.0.0.2:5060", transport="udp", status="timeout"),
        ProbeResult(
            target="127.0.0.3:5060",
            transport="udp",
            status="ok",
            code=200,
            reason="OK",
            rtt_ms=0.38,
            server="kamailio-2",
        ),
        ProbeResult(
            target="127.0.0.4:5060",
            transport="udp",
            status="ok",
            code=200,
            reason="OK",
            rtt_ms=0.41,
            server="kamailio-3",
        ),
        FailoverDecision(
            policy="sticky",
            from_target="127.0.0.2:5060/udp",
            to_target=f"{SERVER}/udp",
            reason="no answer to 3 probes",
            evidence=("OPTIONS 127.0.0.2:5060/udp: timeout x3",),
        ),
        RegistrationChanged(state="registering", aor=AOR, server=SERVER, transport="udp"),
        sip("out", _register(1, auth=False)),
        sip("in", _response(1, "401 Unauthorized", ['WWW-Authenticate: Digest realm="voip.test"'])),
        sip("out", _register(2, auth=True)),
        sip("in", _response(2, "200 OK", [f"Contact: <sip:alice@{LOCAL};ob>;expires=300"])),
        RegistrationChanged(
            state="registered",
            aor=AOR,
            server=SERVER,
            transport="udp",
            code=200,
            reason="OK",
            expires=300,
            received="203.0.113.7",
            rport=40123,
            registrar="kamailio-2",
        ),
        Log(level="info", source="pjsip", message="registration success, status=200 (OK)"),
        make_finding(
            "failover.stale_binding",
            evidence=("un-REGISTER to 127.0.0.2:5060/udp: no answer",),
            server="127.0.0.2:5060",
            expires=300,
        ),
    ]


# -- event-loop stall meter --------------------------------------------------------------


class StallWatchdog:
    """Measures how long the GUI thread went without running its event loop.

    A 10 ms QTimer records the time between its ticks; a gap much longer than 10 ms means
    something blocked the GUI thread for that long.
    """

    def __init__(self, interval_ms: int = 10) -> None:
        from PySide6.QtCore import Qt, QTimer

        self.gaps: list[float] = []
        self._last: float | None = None
        self._timer = QTimer()
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self._tick)

    def _tick(self) -> None:
        now = time.perf_counter()
        if self._last is not None:
            self.gaps.append(now - self._last)
        self._last = now

    def start(self) -> None:
        self._last = None
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()

    @property
    def max_gap(self) -> float:
        return max(self.gaps, default=0.0)
