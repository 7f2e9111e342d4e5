"""Helpers for the GUI tests: the softphone stand-in, a realistic event story, a stall meter."""

from __future__ import annotations

import dataclasses
import threading
import time
from collections.abc import Iterable
from pathlib import Path
from typing import Any, Literal, TypedDict

from softdiag.commands import AccountSpec
from softdiag.events import (
    Event,
    FailoverDecision,
    Log,
    PolicyChanged,
    ProbeResult,
    RegistrationChanged,
    Resolved,
    ServersChanged,
    Target,
    TargetHealth,
)
from softdiag.failover.reasons import reason_text
from softdiag.findings import make_finding
from softdiag.session import Session

RegState = Literal["registering", "registered", "unregistered", "failed"]

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

    def set_probes(self, profile: str, interval: float | None = None) -> None:
        self._record("set_probes", (profile, interval))

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
            reason="no answer to OPTIONS (silent: frozen or black-holed)",
            reason_id="probe_timeout",
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


# -- failover stories: the lab's three registrars, events stamped in the past ------------

KAM = {"kam1": "127.0.0.2", "kam2": "127.0.0.3", "kam3": "127.0.0.4"}


class Stamp(TypedDict):
    mono: float
    wall: float


class StoryClock:
    """Stamps events ``ago`` seconds before one fixed moment, on both clocks."""

    def __init__(self) -> None:
        self.mono = time.monotonic()
        self.wall = time.time()

    def at(self, ago: float) -> Stamp:
        return {"mono": self.mono - ago, "wall": self.wall - ago}


def lab_targets() -> tuple[Target, ...]:
    return tuple(
        Target(
            host=f"sip{i}.voip.test",
            ip=ip,
            port=5060,
            transport="udp",
            priority=10,
            weight=10,
            ttl=30,
            source="srv",
        )
        for i, ip in enumerate(KAM.values(), start=1)
    )


def key(name: str) -> str:
    return f"{KAM[name]}:5060/udp"


def _health(
    target: Target,
    state: Literal["unknown", "up", "down"],
    *,
    why_id: str = "",
    code: int = 0,
    rtt: float | None = None,
    dirty_for: float = 0.0,
    current: bool = False,
) -> TargetHealth:
    params = (("code", str(code)),) if why_id else ()
    return TargetHealth(
        target=target,
        state=state,
        last_code=code,
        rtt_ms=rtt,
        dirty_for=dirty_for,
        why=reason_text(why_id, dict(params)) if why_id else "",
        why_id=why_id,
        why_params=params,
        current=current,
    )


def servers_changed(
    clock: StoryClock,
    ago: float,
    policy: str,
    *,
    current: str,
    registered_on: str | None,
    down: dict[str, float] | None = None,
    unknown: tuple[str, ...] = (),
) -> ServersChanged:
    """The policy's view: every server up (probe 200, 0.4-0.6 ms) unless named in
    ``down`` (probe timeout, avoided for the given seconds) or ``unknown``."""
    down = down or {}
    servers = []
    for i, target in enumerate(lab_targets()):
        name = next(n for n, ip in KAM.items() if ip == target.ip)
        if name in down:
            health = _health(target, "down", why_id="probe_timeout", dirty_for=down[name])
        elif name in unknown:
            health = _health(target, "unknown")
        else:
            health = _health(target, "up", why_id="probe_ok", code=200, rtt=0.4 + 0.1 * i)
        servers.append(dataclasses.replace(health, current=key(name) == current))
    return ServersChanged(
        policy=policy, servers=tuple(servers), registered_on=registered_on, **clock.at(ago)
    )


def _registration(
    clock: StoryClock, ago: float, name: str, state: RegState, code: int = 0, reason: str = ""
) -> RegistrationChanged:
    ok = state == "registered"
    return RegistrationChanged(
        state=state,
        aor=AOR,
        server=f"{KAM[name]}:5060",
        transport="udp",
        code=code,
        reason=reason,
        expires=60 if ok else 0,
        received="203.0.113.7" if ok else None,
        rport=40123 if ok else None,
        registrar=f"{name} {KAM[name]}" if code else None,
        **clock.at(ago),
    )


def _probes(clock: StoryClock, ago: float, dead: tuple[str, ...] = ()) -> list[Event]:
    events: list[Event] = []
    for i, (name, ip) in enumerate(KAM.items()):
        if name in dead:
            events.append(
                ProbeResult(target=f"{ip}:5060", transport="udp", status="timeout", **clock.at(ago))
            )
        else:
            events.append(
                ProbeResult(
                    target=f"{ip}:5060",
                    transport="udp",
                    status="ok",
                    code=200,
                    reason="OK",
                    rtt_ms=0.4 + 0.1 * i,
                    server=f"{name} {ip}",
                    **clock.at(ago),
                )
            )
    return events


def _register_via(clock: StoryClock, ago: float, name: str) -> list[Event]:
    """REGISTER through ``name``: in flight, then 200 OK a few milliseconds later."""
    return [
        _registration(clock, ago, name, "registering"),
        _registration(clock, ago - 0.05, name, "registered", 200, "OK"),
    ]


TIMEOUT_WHY = reason_text("probe_timeout")


def sticky_story(clock: StoryClock) -> tuple[list[Event], list[Event]]:
    """Registered on kam2 for three minutes; kam2 freezes (probe timeout); the policy moves
    to kam3 and the account registers there. Two parts: up to the move in flight, the rest."""
    targets = lab_targets()
    before: list[Event] = [
        Resolved(
            domain="voip.test",
            transport="udp",
            nameserver="127.0.0.1:5353",
            targets=targets,
            answer_order=("127.0.0.3", "127.0.0.2", "127.0.0.4"),
            **clock.at(240),
        ),
        servers_changed(
            clock,
            239.9,
            "sticky",
            current=key("kam2"),
            registered_on=None,
            unknown=("kam1", "kam2", "kam3"),
        ),
        *_register_via(clock, 239.8, "kam2"),
        servers_changed(clock, 239.7, "sticky", current=key("kam2"), registered_on=key("kam2")),
        *_probes(clock, 238),
        *_register_via(clock, 184.7, "kam2"),  # refreshes: the same registration goes on
        *_register_via(clock, 129.7, "kam2"),
        *_register_via(clock, 74.7, "kam2"),
        *_probes(clock, 61, dead=("kam2",)),
        servers_changed(
            clock,
            60.9,
            "sticky",
            current=key("kam3"),
            registered_on=key("kam2"),
            down={"kam2": 60.0},
        ),
        FailoverDecision(
            policy="sticky",
            from_target=key("kam2"),
            to_target=key("kam3"),
            reason=TIMEOUT_WHY,
            reason_id="probe_timeout",
            evidence=(f"{key('kam2')}: {TIMEOUT_WHY}",),
            **clock.at(60.9),
        ),
        _registration(clock, 60.8, "kam3", "registering"),
    ]
    after: list[Event] = [
        _registration(clock, 60.75, "kam3", "registered", 200, "OK"),
        servers_changed(
            clock,
            60.7,
            "sticky",
            current=key("kam3"),
            registered_on=key("kam3"),
            down={"kam2": 60.0},
        ),
        *_register_via(clock, 5.75, "kam3"),
        servers_changed(
            clock,
            0.5,
            "sticky",
            current=key("kam3"),
            registered_on=key("kam3"),
            down={"kam2": 30.0},
        ),
    ]
    return before, after


FIRST_IP_ORDERS = {  # the DNS answer that puts each registrar first (round robin)
    "kam1": ("127.0.0.2", "127.0.0.3", "127.0.0.4"),
    "kam2": ("127.0.0.3", "127.0.0.4", "127.0.0.2"),
    "kam3": ("127.0.0.4", "127.0.0.2", "127.0.0.3"),
}


def first_ip_story(clock: StoryClock, hops: int, *, dead_end: bool = False) -> list[Event]:
    """MicroSIP's way: the user switches to first-ip; every refresh resolves again, DNS
    rotates its answer and the account hops to whichever address comes first. With
    ``dead_end`` the last hop lands on a frozen kam3: REGISTER times out, no failover."""
    names = list(KAM)
    targets = lab_targets()
    period = 55.0
    # The last hop is 20 s ago; a dead end's is 40 s ago, its Timer F (32 s) ran out 8 s ago.
    start = 20 + period * hops + (period + 20 if dead_end else 0)

    def resolved(ago: float, name: str) -> Resolved:
        return Resolved(
            domain="voip.test",
            transport="udp",
            nameserver="127.0.0.1:5353",
            targets=targets,
            answer_order=FIRST_IP_ORDERS[name],
            **clock.at(ago),
        )

    events: list[Event] = [
        servers_changed(
            clock,
            start + 10,
            "sticky",
            current=key("kam1"),
            registered_on=None,
            unknown=tuple(names),
        ),
        PolicyChanged(
            policy="first-ip",
            previous="sticky",
            **clock.at(start + 5),
        ),
        resolved(start, "kam1"),
        FailoverDecision(
            policy="first-ip",
            from_target=None,
            to_target=key("kam1"),
            reason=reason_text("initial_first_ip", {"ip": KAM["kam1"]}),
            reason_id="initial_first_ip",
            params=(("ip", KAM["kam1"]),),
            **clock.at(start),
        ),
        *_register_via(clock, start - 0.1, "kam1"),
        servers_changed(
            clock, start - 0.2, "first-ip", current=key("kam1"), registered_on=key("kam1")
        ),
        *_probes(clock, start - 2),
    ]
    previous = "kam1"
    steps = hops + (1 if dead_end else 0)
    for hop in range(1, steps + 1):
        name = names[hop % len(names)]
        ago = start - period * hop
        ip = KAM[name]
        events += [
            resolved(ago, name),
            FailoverDecision(
                policy="first-ip",
                from_target=key(previous),
                to_target=key(name),
                reason=reason_text("dns_order_changed", {"ip": ip}),
                reason_id="dns_order_changed",
                params=(("ip", ip),),
                **clock.at(ago - 0.01),
            ),
        ]
        if dead_end and hop == steps:
            events += [
                _registration(clock, ago - 0.02, name, "registering"),
                _registration(clock, ago - 32.02, name, "failed", 408, "Request Timeout"),
                servers_changed(
                    clock,
                    ago - 32.1,
                    "first-ip",
                    current=key(name),
                    registered_on=key(previous),
                    down={name: 2.0},
                ),
            ]
        else:
            events += [
                *_register_via(clock, ago - 0.02, name),
                servers_changed(
                    clock, ago - 0.1, "first-ip", current=key(name), registered_on=key(name)
                ),
            ]
        previous = name
    return events


def flood(
    qtbot: Any, window: Any, session: Any, events: list[Any], *, pace: int, settle_ms: int = 100
) -> tuple[StallWatchdog, float]:
    """Publish ``events`` from another thread, like the engine does, while a watchdog runs.

    ``pace`` 0: all at once (the biggest batches); N: a 5 ms pause after every N events.
    Returns the watchdog and the seconds until every event was in the log (plus settle).
    """
    baseline = window.log_panel.model.rowCount()
    watchdog = StallWatchdog(interval_ms=10)
    watchdog.start()
    qtbot.wait(50)

    def publish() -> None:
        for i, event in enumerate(events, 1):
            session.publish(event)
            if pace and i % pace == 0:
                time.sleep(0.005)

    started = time.perf_counter()
    publisher = threading.Thread(target=publish, name="test-flood")
    publisher.start()
    total = baseline + len(events)
    qtbot.waitUntil(lambda: window.log_panel.model.rowCount() == total, timeout=10000)
    publisher.join(5)
    qtbot.wait(settle_ms)
    elapsed = time.perf_counter() - started
    watchdog.stop()
    return watchdog, elapsed
