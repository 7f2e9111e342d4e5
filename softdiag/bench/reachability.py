"""`softdiag bench reachability`: can the user still be called, and still call, under faults?

For every failover policy and probe profile, one run of ``minutes`` on the lab:

1. softdiag registers a user with auto-answer (in this process: one account at a time);
2. a lab caller (sipp, :mod:`softdiag.lab.caller`) calls that user at a steady rate, each
   call through the proxy DNS names first among those that answer an OPTIONS (as a
   carrier's SBC with OPTIONS pinging does); a call counts as delivered when softdiag
   answered it;
3. after a quiet, healthy stretch (which measures the probe load of a healthy client), a
   fault script runs against the server softdiag registers through: freeze (a silent
   black hole), kill (ICMP port unreachable), 503 with Retry-After, and a DNS change that
   drops it from the zone; 0.5 s after each fault softdiag places a call to the echo peer
   (the call that reveals the death), whose setup time is measured; the registration
   recovery is the time from the fault to a 200 OK from another server.

``topology="nat"`` runs the client behind the NAT lab's router (:mod:`softdiag.lab.netns`:
network namespaces, root): softdiag in the client namespace, the servers and the caller
(on the echo peer's address) in the server namespace. The router's filtering lets a
server reach the client only through a mapping the client opened towards it, so an
inbound call through any proxy but the ones softdiag sent to from its SIP socket is lost.

The figures, per policy and profile: inbound attempted/delivered, outbound placed and
their setup time (median, max; a call that never connects counts with the time it took to
fail), the median recovery, and OPTIONS probes per minute (overall and while healthy).
"""

from __future__ import annotations

import contextlib
import os
import shutil
import statistics
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from softdiag.account import Softphone
from softdiag.commands import AccountSpec
from softdiag.dns import DnsProblem, SipResolver
from softdiag.events import (
    CallStateChanged,
    Event,
    Finding,
    ProbeResult,
    RegistrationChanged,
    Target,
)
from softdiag.lab import LAB_PASSWORD, Lab, LabError, LabTopology, default_state_dir
from softdiag.lab.caller import LabCaller
from softdiag.lab.netns import NatLab, namespaces_possible
from softdiag.lab.nsenter import netns
from softdiag.session import Recorder, Session

__all__ = ["FAULTS", "ReachabilityResult", "format_reachability", "run_reachability_bench"]

FAULTS = ("freeze", "kill", "503", "dns")
FAULT_S = 12.0  # each fault lasts this long
SETTLE_S = 5.0  # then everything is restored and settles this long
CALL_EVERY_S = 3.0  # the lab caller's rate: one call every 3 s (each holds 1 s)
OUTBOUND_WAIT_S = 40.0  # longer than Timer B (32 s): first-ip's calls end by then


@dataclass
class ReachabilityResult:
    policy: str
    profile: str
    topology: str
    inbound_attempted: int = 0
    inbound_delivered: int = 0
    outbound_placed: int = 0
    outbound_connected: int = 0
    outbound_setup_s: list[float] = field(default_factory=list)
    recoveries: list[float | None] = field(default_factory=list)
    probes: int = 0
    probes_healthy: int = 0
    minutes: float = 0.0
    healthy_minutes: float = 0.0
    # Each inbound call lost: seconds into the run, the proxy it went to, what was going on.
    inbound_lost: list[str] = field(default_factory=list)
    inbound_via_stale: int = 0  # calls that reached us through a binding left on a server

    def as_json(self) -> dict[str, Any]:
        done = [r for r in self.recoveries if r is not None]
        setup = self.outbound_setup_s
        return {
            "policy": self.policy,
            "profile": self.profile,
            "topology": self.topology,
            "inbound_attempted": self.inbound_attempted,
            "inbound_delivered": self.inbound_delivered,
            "inbound_delivered_pct": round(
                100.0 * self.inbound_delivered / max(1, self.inbound_attempted), 1
            ),
            "outbound_placed": self.outbound_placed,
            "outbound_connected": self.outbound_connected,
            "outbound_setup_s_median": round(statistics.median(setup), 2) if setup else None,
            "outbound_setup_s_max": round(max(setup), 2) if setup else None,
            "recovery_s_median": round(statistics.median(done), 2) if done else None,
            "recoveries": [round(r, 2) if r is not None else None for r in self.recoveries],
            "faults": list(FAULTS[: len(self.recoveries)]),
            "probes_per_min": round(self.probes / self.minutes, 1) if self.minutes else None,
            "probes_per_min_healthy": round(self.probes_healthy / self.healthy_minutes, 1)
            if self.healthy_minutes
            else None,
            "inbound_lost": list(self.inbound_lost),
            "inbound_via_stale_binding": self.inbound_via_stale,
        }


def lab_addresses(net: str) -> tuple[str, int]:
    """'127.0.0' -> ('127.0.0', 1): the standard lab; '127.0.18.30' -> ('127.0.18', 30)."""
    parts = net.split(".")
    if len(parts) == 3:
        return net, 1
    return ".".join(parts[:3]), int(parts[3])


def lab_for(net: str, *, cluster: bool) -> Lab:
    """The lab from ``net``'s base address on: DNS, three registrars, echo; the caller at
    base + 19 (127.0.0 gives the standard addresses .1 to .5, caller .20)."""
    prefix, base = lab_addresses(net)
    topology = LabTopology.on(prefix, base, cluster=cluster)
    state = default_state_dir().parent / f"bench-{net}-{'cluster' if cluster else 'split'}"
    return Lab(topology, state_dir=state)


class _Caller(threading.Thread):
    """Calls ``user`` every CALL_EVERY_S through the first live proxy DNS names."""

    def __init__(self, lab: Lab, user: str, caller_ip: str, state_dir: Path,
                 namespace: str | None = None) -> None:  # fmt: skip
        super().__init__(name="bench-caller", daemon=True)
        self.lab = lab
        self.namespace = namespace  # the network namespace the caller calls from
        self.user = user
        self.caller = LabCaller(state_dir, ip=caller_ip)
        self.resolver = SipResolver(lab.topology.dns)
        self.attempted = 0
        self.delivered = 0
        self.lost: list[tuple[float, str | None, int]] = []  # when, proxy, sipp's exit code
        self._targets: tuple[Target, ...] = ()
        self.stop_at = time.monotonic() + 3600.0
        self._halt = threading.Event()

    def stop(self) -> None:
        self._halt.set()
        self.join(30)

    def _proxy(self) -> str | None:
        # A failed lookup (dnsmasq restarting) keeps the last answer, as a carrier's would.
        with contextlib.suppress(DnsProblem):
            self._targets = self.resolver.resolve(self.lab.topology.domain, "udp").targets
        for t in self._targets:
            if _options_200(t.ip, t.port):
                return t.hostport
        return None

    def run(self) -> None:
        with netns(self.namespace):  # this thread only; sipp's processes inherit it
            self._calls()

    def _calls(self) -> None:
        for _ in range(100_000):  # bounded; stops when told
            if self._halt.is_set():
                return
            start = time.monotonic()
            proxy = self._proxy()
            self.attempted += 1
            attempt = self.caller.call(self.user, proxy) if proxy is not None else None
            if attempt is not None and attempt.delivered:
                self.delivered += 1
            else:
                self.lost.append((start, proxy, attempt.exit_code if attempt else 0))
            self._halt.wait(max(0.0, CALL_EVERY_S - (time.monotonic() - start)))


def _options_200(ip: str, port: int, timeout: float = 0.3) -> bool:
    """One OPTIONS: does the proxy answer 200 (not 503)? What an SBC's pinging asks."""
    import socket

    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
        s.settimeout(timeout)
        branch = f"z9hG4bKbench{time.monotonic_ns()}"
        s.connect((ip, port))
        lport = s.getsockname()[1]
        msg = (
            f"OPTIONS sip:{ip}:{port} SIP/2.0\r\n"
            f"Via: SIP/2.0/UDP {s.getsockname()[0]}:{lport};branch={branch};rport\r\n"
            f"From: <sip:bench@{ip}>;tag=b\r\nTo: <sip:{ip}:{port}>\r\n"
            f"Call-ID: {branch}\r\nCSeq: 1 OPTIONS\r\nMax-Forwards: 70\r\n"
            "Content-Length: 0\r\n\r\n"
        )
        try:
            s.send(msg.encode())
            return s.recv(4096).startswith(b"SIP/2.0 200")
        except OSError:
            return False


def _wait_for(recorder: Recorder, predicate: Callable[[Event], bool], timeout: float,
              after: float = 0.0) -> Event | None:  # fmt: skip
    deadline = time.monotonic() + timeout
    while True:
        found = next((e for e in recorder.snapshot() if e.mono >= after and predicate(e)), None)
        if found is not None or time.monotonic() >= deadline:
            return found
        time.sleep(0.02)


def _outbound(phone: Softphone, recorder: Recorder, result: ReachabilityResult) -> None:
    placed = time.monotonic()
    number = phone.engine.make_call("sip:echo@voip.test")
    result.outbound_placed += 1
    end = _wait_for(recorder, lambda e: isinstance(e, CallStateChanged) and e.call == number
                    and e.state in ("confirmed", "disconnected", "failed"), OUTBOUND_WAIT_S)  # fmt: skip
    took = (end.mono if end is not None else time.monotonic()) - placed
    result.outbound_setup_s.append(took)
    if isinstance(end, CallStateChanged) and end.state == "confirmed":
        result.outbound_connected += 1
        phone.engine.hangup(number)


def _registered_elsewhere(server: str) -> Callable[[Event], bool]:
    def moved(e: Event) -> bool:
        return isinstance(e, RegistrationChanged) and e.state == "registered" and e.server != server

    return moved


def _current(recorder: Recorder) -> str | None:
    regs = [e for e in recorder.of_type(RegistrationChanged) if e.state == "registered"]
    return regs[-1].server if regs else None


def _one_run(lab: Lab, policy: str, profile: str, minutes: float, caller_ip: str,
             say: Callable[[str], None], nat: NatLab | None = None) -> ReachabilityResult:  # fmt: skip
    t = lab.topology
    layout = "cluster" if t.cluster else "split"
    result = ReachabilityResult(policy, profile, f"nat {layout}" if nat else layout)
    session, recorder = Session(), Recorder()
    session.subscribe(recorder)
    user = f"reach-{policy}-{profile}"
    # Behind the NAT, softdiag's threads start in the client namespace (they inherit it).
    client = nat.in_client() if nat is not None else contextlib.nullcontext()
    with client:
        phone = Softphone(session, policy=policy, probe_profile=profile, answer_mode="auto")  # type: ignore[arg-type]
        phone.start()
    caller = _Caller(lab, user, caller_ip, lab.state_dir / "caller",
                     nat.server_ns if nat is not None else None)  # fmt: skip
    started = time.monotonic()
    names = {f"{r.ip}:{r.port}": r.name for r in t.registrars}
    phases: list[tuple[float, str]] = []  # (since when, what was going on)
    try:
        spec = AccountSpec(domain=t.domain, user=user, password=LAB_PASSWORD, dns=t.dns,
                           expires=60)  # fmt: skip
        with nat.in_client() if nat is not None else contextlib.nullcontext():
            phone.register(spec)  # its resolver and supervisor threads start there
        if _wait_for(recorder, lambda e: isinstance(e, RegistrationChanged)
                     and e.state == "registered", 15) is None:  # fmt: skip
            raise RuntimeError(f"{user} did not register")
        started = time.monotonic()
        end = started + minutes * 60.0
        # The faults take their time; the rest of the run is the healthy stretch first.
        fault_time = len(FAULTS) * (FAULT_S + SETTLE_S + 0.5)
        healthy_end = started + max(30.0, minutes * 60.0 - fault_time)
        caller.start()
        time.sleep(max(0.0, healthy_end - time.monotonic()))
        result.probes_healthy = len(recorder.of_type(ProbeResult))
        result.healthy_minutes = (time.monotonic() - started) / 60.0
        phases.append((started, "healthy"))
        for fault in FAULTS:
            server = _current(recorder) or f"{t.registrars[0].ip}:5060"
            name = names[server]
            t0 = time.monotonic()
            phases.append((t0, f"{fault} {name}"))
            _apply(lab, fault, name)
            time.sleep(0.5)
            _outbound(phone, recorder, result)
            moved = _wait_for(recorder, _registered_elsewhere(server),
                              max(0.0, t0 + FAULT_S - time.monotonic()), after=t0)  # fmt: skip
            recovery = moved.mono - t0 if moved is not None else None
            result.recoveries.append(recovery)
            say(f"  {policy}/{profile}: {fault} {name}: recovery "
                + (f"{recovery:.2f} s" if recovery is not None else f"none in {FAULT_S:.0f} s")
                + f", outbound call {result.outbound_setup_s[-1]:.2f} s")  # fmt: skip
            time.sleep(max(0.0, t0 + FAULT_S - time.monotonic()))
            _restore(lab, fault, name)
            phases.append((time.monotonic(), f"after {fault} {name}"))
            time.sleep(SETTLE_S)
        time.sleep(max(0.0, end - time.monotonic()))
    finally:
        caller.stop()
        result.minutes = (time.monotonic() - started) / 60.0
        result.probes = len(recorder.of_type(ProbeResult))
        result.inbound_attempted = caller.attempted
        result.inbound_delivered = caller.delivered  # sipp logged softdiag's 200
        result.inbound_lost = [_lost(when, proxy, code, started, phases, names)
                               for when, proxy, code in caller.lost]  # fmt: skip
        result.inbound_via_stale = sum(
            1 for f in recorder.of_type(Finding) if f.id == "call.inbound_stale_binding"
        )
        phone.shutdown()
        _reset(lab)
    return result


def _lost(when: float, proxy: str | None, code: int, started: float,
          phases: list[tuple[float, str]], names: dict[str, str]) -> str:  # fmt: skip
    """One lost inbound call, readable: '63.0 s via kam2 (sipp 1) during freeze kam2'."""
    phase = next((what for at, what in reversed(phases) if at <= when), "registering")
    via = names.get(proxy, proxy) if proxy is not None else "none (no proxy answered OPTIONS)"
    return f"{when - started:.1f} s via {via} (sipp {code}) during {phase}"


def _apply(lab: Lab, fault: str, name: str) -> None:
    if fault == "freeze":
        lab.freeze(name)
    elif fault == "kill":
        lab.kill(name)
    elif fault == "503":
        lab.answer_503(name, 30)
    elif fault == "dns":
        lab.set_zone(lab.zone_with([r.name for r in lab.topology.registrars if r.name != name],
                                   ttl=5))  # fmt: skip


def _restore(lab: Lab, fault: str, name: str) -> None:
    if fault == "dns":
        lab.set_zone(None)
    else:
        lab.revive(name)


def _reset(lab: Lab) -> None:
    if lab.zone is not None:
        lab.set_zone(None)
    lab.up()
    for reg in lab.topology.registrars:
        lab.revive(reg.name)


def run_reachability_bench(
    *,
    minutes: float = 2.0,
    net: str = "127.0.0",
    policies: tuple[str, ...] = ("sticky", "priority", "first-ip"),
    profiles: tuple[str, ...] = ("default", "fast"),
    cluster: bool = True,
    topology: str = "loopback",
    say: Callable[[str], None] = print,
) -> list[ReachabilityResult]:
    """``topology``: ``loopback`` (the lab on ``net``) or ``nat`` (behind the NAT lab)."""
    nat: NatLab | None = None
    if topology == "nat":
        reason = namespaces_possible()
        if reason:
            raise LabError(f"the NAT topology needs network namespaces: {reason}")
        # Its own namespaces and state (tagged with our PID): two runs can go side by side.
        state = default_state_dir().parent / "bench-nat" / str(os.getpid())
        nat = NatLab(state, stun=False, cluster=cluster)
        nat.up()
        lab, was_up, caller = nat.lab, True, nat.addresses.echo  # the caller: its own ports
    else:
        lab = lab_for(net, cluster=cluster)
        was_up = all(s.alive for s in lab.status())
        lab.up()
        prefix, base = lab_addresses(net)
        caller = f"{prefix}.{base + 19}"
    results: list[ReachabilityResult] = []
    try:
        for profile in profiles:
            for policy in policies:
                say(f"  {policy}/{profile}: {minutes:g} min")
                results.append(_one_run(lab, policy, profile, minutes, caller, say, nat))
    finally:
        if nat is not None:
            nat.down()
            shutil.rmtree(nat.state_dir, ignore_errors=True)
        elif not was_up:
            lab.down()
    return results


def format_reachability(results: list[ReachabilityResult]) -> str:
    rows = [("", *(f"{r.policy}/{r.profile}" for r in results))]

    def cell(fn: Callable[[dict[str, Any]], str]) -> list[str]:
        return [fn(r.as_json()) for r in results]

    def secs(v: object) -> str:
        return "-" if v is None else f"{v:.2f} s"

    rows += [
        ("topology", *cell(lambda j: str(j["topology"]))),
        ("inbound delivered / attempted",
         *cell(lambda j: f"{j['inbound_delivered']}/{j['inbound_attempted']} "
                         f"({j['inbound_delivered_pct']:.1f} %)")),
        ("inbound through a stale binding", *cell(lambda j: str(j["inbound_via_stale_binding"]))),
        ("outbound connected / placed",
         *cell(lambda j: f"{j['outbound_connected']}/{j['outbound_placed']}")),
        ("outbound setup: median", *cell(lambda j: secs(j["outbound_setup_s_median"]))),
        ("outbound setup: max", *cell(lambda j: secs(j["outbound_setup_s_max"]))),
        ("recovery: median", *cell(lambda j: secs(j["recovery_s_median"]))),
        ("recoveries (" + ", ".join(FAULTS) + ")",
         *cell(lambda j: " ".join("-" if r is None else f"{r:.1f}" for r in j["recoveries"]))),
        ("OPTIONS per minute", *cell(lambda j: f"{j['probes_per_min']}")),
        ("OPTIONS per minute, healthy", *cell(lambda j: f"{j['probes_per_min_healthy']}")),
    ]  # fmt: skip
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = []
    for n, row in enumerate(rows):
        lines.append("  ".join(c.ljust(w) if i == 0 else c.rjust(w)
                               for i, (c, w) in enumerate(zip(row, widths, strict=True))))  # fmt: skip
        if n == 0:
            lines.append("  ".join("-" * w for w in widths))
    return "\n".join(lines)


def cmd_reachability(args: Any, say: Callable[[str], None]) -> int:
    """The CLI's ``bench reachability`` (bad options: exit 2, lab problems: exit 1)."""
    import json
    import re
    import sys

    if not 0.5 <= args.minutes <= 120:
        print("softdiag: --minutes must be between 0.5 and 120", file=sys.stderr)
        return 2
    m = re.fullmatch(r"127\.\d{1,3}\.\d{1,3}(?:\.(\d{1,3}))?", args.lab_net)
    if m is None or (m.group(1) is not None and not 1 <= int(m.group(1)) <= 230):
        print("softdiag: --lab-net must be a loopback /24 like 127.0.18, or a base address "
              "in it like 127.0.18.30", file=sys.stderr)  # fmt: skip
        return 2
    topology = getattr(args, "topology", "loopback")
    profile = getattr(args, "probe_profile", None)
    where = "behind the NAT lab's router" if topology == "nat" else f"on {args.lab_net}.0/24"
    say(f"softdiag bench reachability: {args.minutes:g} min per policy and profile, "
        f"{'split' if args.split else 'DMQ cluster'} {where}")  # fmt: skip
    try:
        results = run_reachability_bench(
            minutes=args.minutes, net=args.lab_net, cluster=not args.split, say=say,
            topology=topology, profiles=(profile,) if profile else ("default", "fast"),
        )  # fmt: skip
    except LabError as exc:
        print(f"softdiag: {exc}", file=sys.stderr)
        return 1
    if args.json:
        for r in results:
            print(json.dumps(r.as_json()), flush=True)
    else:
        print(format_reachability(results))
    return 0
