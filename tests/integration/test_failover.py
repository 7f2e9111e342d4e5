"""DNS multi-IP failover against the real lab: Kamailio x3 behind a rotating dnsmasq."""

from __future__ import annotations

import functools
import itertools
import time

import pytest

from softdiag.bench.runner import RegisterRun as _RegisterRun
from softdiag.lab import Lab
from tests.labfixtures import TEST_TOPOLOGY

pytestmark = pytest.mark.lab

NAMES = {f"{r.ip}:{r.port}": r.name for r in TEST_TOPOLOGY.registrars}
DNS = TEST_TOPOLOGY.dns
# Every run asks the tests' DNS and probes fast: these tests are about the policy's moves,
# the probe budget's quiet mode has its own (test_probe_budget, test_outbound_failover).
RegisterRun = functools.partial(_RegisterRun, dns=DNS, probe_profile="fast")


def _holds(lab: Lab, name: str, user: str) -> bool:
    return user in lab.registered_aors(name)


def _hops(run: RegisterRun) -> int:
    servers = [e["server"] for e in run.registrations()]
    return sum(1 for a, b in itertools.pairwise(servers) if a != b)


def test_rotating_dns_sticky_stays_first_ip_hops(fresh_lab: Lab) -> None:
    # TTL 5 s: sticky re-resolves often, and each answer comes in another order.
    fresh_lab.set_zone(fresh_lab.zone_with(["kam1", "kam2", "kam3"], ttl=5))
    # pjsip refreshes 5 s before expiry, and never more often than every 5 s: 20 refreshes
    # take 100 s whatever the expiry. Both policies run side by side meanwhile.
    sticky = RegisterRun("rot-sticky", policy="sticky", expires=10)
    first_ip = RegisterRun("rot-firstip", policy="first-ip", expires=10)
    try:
        deadline = time.monotonic() + 130
        while time.monotonic() < deadline and (
            len(sticky.registrations()) < 21 or len(first_ip.registrations()) < 21
        ):
            time.sleep(0.5)
        assert len(sticky.registrations()) >= 21, "fewer than 20 refreshes"
        assert len(first_ip.registrations()) >= 21
        assert len(sticky.of_type("Resolved")) >= 5  # it did see re-ordered answers
        assert _hops(sticky) == 0
        assert _hops(first_ip) > 0
        moves = [d for d in first_ip.of_type("FailoverDecision") if d["from_target"]]
        assert all("DNS answer order changed" in d["reason"] for d in moves)
    finally:
        assert sticky.stop() in (0, 130)
        first_ip.stop()


@pytest.mark.parametrize("fault", ["kill", "freeze"])
def test_sticky_moves_off_a_dead_server_within_seconds(fresh_lab: Lab, fault: str) -> None:
    run = RegisterRun(f"{fault}-sticky", expires=30)
    try:
        first = run.registered()
        victim = NAMES[first["server"]]
        t0 = time.monotonic()
        getattr(fresh_lab, fault)(victim)
        moved = run.registered_elsewhere(first["server"], 10, after=t0)
        recovery = moved["_t"] - t0
        assert recovery < 5.0, f"took {recovery:.1f} s"
        decision = run.wait_for(lambda e: e["type"] == "FailoverDecision" and e["from_target"], 1)
        assert decision["from_target"].startswith(first["server"])
        expected = "ICMP" if fault == "kill" else "no answer"
        assert expected in decision["reason"]
        # The dead server could not be told: softdiag says so.
        run.wait_for(lambda e: e["type"] == "Finding" and e["id"] == "failover.stale_binding", 2)
        assert _holds(fresh_lab, NAMES[moved["server"]], run.user)
    finally:
        assert run.stop() in (0, 130)


def test_first_ip_never_moves_off_a_dead_server(fresh_lab: Lab) -> None:
    run = RegisterRun("kill-firstip", policy="first-ip", expires=30)
    try:
        first = run.registered()
        t0 = time.monotonic()
        fresh_lab.kill(NAMES[first["server"]])
        time.sleep(8)
        assert all(e["server"] == first["server"] for e in run.registrations())
        assert not [d for d in run.of_type("FailoverDecision") if d["_t"] > t0]
    finally:
        run.stop()


def test_503_retry_after_is_honoured(fresh_lab: Lab) -> None:
    run = RegisterRun("ra-sticky", expires=30)
    try:
        first = run.registered()
        busy = NAMES[first["server"]]
        retry_after = 6
        t0 = time.monotonic()
        fresh_lab.answer_503(busy, retry_after)
        moved = run.registered_elsewhere(first["server"], 8, after=t0)
        # Now every other server dies: the busy one is the only way back, after its 6 s.
        for name in NAMES.values():
            if name != busy:
                fresh_lab.kill(name)
        fresh_lab.clear_fault(busy)
        back = run.registered(timeout=20, after=moved["_t"], server=first["server"])
        assert back["_t"] - t0 >= retry_after - 0.2
        early = [
            d for d in run.of_type("FailoverDecision")
            if d["to_target"] and d["to_target"].startswith(first["server"])
            and t0 < d["_t"] < t0 + retry_after - 0.2
        ]  # fmt: skip
        assert early == []
    finally:
        run.stop()


def test_all_dead_then_one_back(fresh_lab: Lab) -> None:
    run = RegisterRun("alldead-sticky", expires=30)
    try:
        run.registered()
        t0 = time.monotonic()
        for name in NAMES.values():
            fresh_lab.kill(name)
        run.wait_for(
            lambda e: e["type"] == "Finding" and e["id"] == "failover.all_down", 10, after=t0
        )
        t1 = time.monotonic()
        fresh_lab.up()  # every registrar comes back; then check one alone, too
        back = run.registered(timeout=15, after=t1)
        assert back["_t"] - t1 < 8
    finally:
        assert run.stop() in (0, 130)


def test_old_server_loses_the_contact_after_a_move_it_could_hear(fresh_lab: Lab) -> None:
    fresh_lab.set_zone(fresh_lab.zone_with(list(NAMES.values()), ttl=5))  # re-resolve often
    run = RegisterRun("dns-remove", expires=30)
    try:
        first = run.registered()
        old = NAMES[first["server"]]
        assert _holds(fresh_lab, old, run.user)
        others = [n for n in NAMES.values() if n != old]
        t0 = time.monotonic()
        fresh_lab.set_zone(fresh_lab.zone_with(others, ttl=5))
        moved = run.registered_elsewhere(first["server"], 15, after=t0)
        decision = [d for d in run.of_type("FailoverDecision") if d["from_target"]][-1]
        assert "no longer in the DNS answer" in decision["reason"]
        time.sleep(0.5)
        assert not _holds(fresh_lab, old, run.user)
        assert _holds(fresh_lab, NAMES[moved["server"]], run.user)
        assert not [f for f in run.of_type("Finding") if f["id"] == "failover.stale_binding"]
    finally:
        assert run.stop() in (0, 130)
