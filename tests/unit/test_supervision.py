"""The control thread survives what a probe can throw at it, and uses answers first-come.

Before: one exception out of a probe (a malformed OPTIONS answer raised in
``sip/message.py``; a TCP header over 64 KiB raised ``LimitOverrunError``) killed the
control thread — probing, re-resolution and failover stopped for the session. And with
many targets, every one was probed (at the prober's 20/s) before any result was used.

The prober is replaced by a scripted one (the sockets are the only thing faked); the SIP
engine by a recorder of the commands the supervisor sends it.
"""

from __future__ import annotations

import asyncio
import threading
import time

from softdiag.commands import AccountSpec
from softdiag.dns import Resolution
from softdiag.events import Event, FailoverDecision, Finding, ProbeResult, Target
from softdiag.failover.budget import ProbeProfile
from softdiag.failover.supervisor import AccountSupervisor
from softdiag.session import Session


class Engine:
    def __init__(self) -> None:
        self.commands: list[tuple[str, str]] = []

    def register(self, spec: AccountSpec, target: Target) -> None:
        self.commands.append(("register", target.key))

    def modify(self, target: Target) -> None:
        self.commands.append(("modify", target.key))


class Events:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.seen: list[Event] = []

    def __call__(self, event: Event) -> None:
        with self.lock:
            self.seen.append(event)

    def of(self, kind: type) -> list:  # type: ignore[type-arg]
        with self.lock:
            return [e for e in self.seen if isinstance(e, kind)]


def _targets(n: int) -> tuple[Target, ...]:
    return tuple(
        Target(host="x.test", ip=f"127.0.99.{i + 1}", port=5060, transport="udp", ttl=300)
        for i in range(n)
    )


def _supervisor(targets: tuple[Target, ...], probe, events: Events, engine: Engine):  # type: ignore[no-untyped-def]
    session = Session()
    session.subscribe(events)
    spec = AccountSpec(domain="x.test", user="alice", password="p", dns="127.0.0.1:9")
    quick = ProbeProfile("fast", current_interval=0.05, other_interval=0.5,
                         suspect_interval=0.05, suspect_for=0.0, min_gap=0.01)  # fmt: skip
    sup = AccountSupervisor(session, engine, spec, probe_profile=quick)  # type: ignore[arg-type]
    sup._prober.probe = probe  # type: ignore[method-assign]
    resolution = Resolution("x.test", "udp", "127.0.0.1:9", targets, tuple(t.ip for t in targets))
    sup.start(resolution)
    return sup


def _wait(predicate, timeout: float = 10.0) -> bool:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.02)
    return False


def test_an_exception_in_a_probe_is_a_finding_and_probing_goes_on() -> None:
    calls = {"n": 0}

    async def probe(target: Target) -> ProbeResult:
        calls["n"] += 1
        if calls["n"] <= 3:
            raise ValueError("invalid literal for int() with base 10: '²'")
        return ProbeResult(target=target.hostport, transport="udp", status="ok", code=200)

    events, engine = Events(), Engine()
    sup = _supervisor(_targets(2), probe, events, engine)
    try:
        assert _wait(lambda: len(events.of(ProbeResult)) >= 5), "probing stopped"
        findings = [f for f in events.of(Finding) if f.id == "probe.internal_error"]
        assert findings and "ValueError" in findings[0].evidence[0]
        assert sup._thread is not None and sup._thread.is_alive()
    finally:
        sup.stop()
    assert sup._thread is not None and not sup._thread.is_alive()


def test_with_many_targets_a_dead_current_server_is_left_at_its_first_answer() -> None:
    targets = _targets(200)

    async def probe(target: Target) -> ProbeResult:
        if target == targets[0]:  # the current server: dead, says so at once
            return ProbeResult(target=target.hostport, transport="udp", status="unreachable")
        await asyncio.sleep(0.02 * targets.index(target))  # the others: 20/s, like the pace
        return ProbeResult(target=target.hostport, transport="udp", status="ok", code=200)

    events, engine = Events(), Engine()
    sup = _supervisor(targets, probe, events, engine)
    try:
        started = time.monotonic()
        assert _wait(lambda: any(d.from_target == targets[0].key
                                 for d in events.of(FailoverDecision)), timeout=8.0)  # fmt: skip
        moved_after = time.monotonic() - started
        # Moved long before the sweep of 200 targets (4 s at 20/s) could have completed.
        assert moved_after < 2.0, moved_after
        assert ("modify", targets[0].key) not in engine.commands
    finally:
        sup.stop()
