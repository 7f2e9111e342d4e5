"""`softdiag bench failover`: the MicroSIP-like baseline and softdiag's policy, one run.

Same lab, same fault script, same expiry, for every policy measured:

1. kill trials: a fresh client registers, its server is killed (ICMP port unreachable);
   the recovery time is from the kill until a 200 OK from another server. Each policy
   gets the same trial in turn, so exactly one server fails at a time.
2. freeze trials: the same with SIGSTOP (a silent black hole, no ICMP).
   A client that has not recovered after ``cap`` seconds counts as "never"; in the field it
   would stay unreachable until pjsip's next refresh or its 300 s retry.
3. rotation: both clients run side by side for ``refreshes`` refreshes while dnsmasq
   rotates its answers (TTL 5 s); hops between servers and binding changes are counted.
   On loopback every server sees the same source address, so a binding change is a hop;
   behind a NAT each one would also be a new public mapping (see the NAT tests).

Every column is a policy with a probe profile (``softdiag.failover.budget``): next to every
recovery time the table prints the OPTIONS probes per minute the client sent meanwhile, so
speed and load are read together.

"Registered" time share: the share of the script during which the client held a binding
on a server that was alive, over the time at least one server was alive.
"""

from __future__ import annotations

import itertools
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from softdiag.lab import Lab

from .runner import RegisterRun

__all__ = ["BenchResult", "run_failover_bench"]


@dataclass
class BenchResult:
    policy: str
    profile: str = "default"
    kill: list[float | None] = field(default_factory=list)
    freeze: list[float | None] = field(default_factory=list)
    hops: int = 0
    binding_changes: int = 0
    refreshes: int = 0
    script_time: float = 0.0
    outage_time: float = 0.0
    # OPTIONS a minute per trial, by fault
    probes: dict[str, list[float]] = field(default_factory=lambda: {"kill": [], "freeze": []})

    @property
    def label(self) -> str:
        return f"{self.policy}/{self.profile}"

    def probes_per_min(self, fault: str) -> float | None:
        values = self.probes.get(fault, [])
        return round(statistics.median(values), 1) if values else None

    @property
    def registered_share(self) -> float:
        if self.script_time <= 0:
            return 0.0
        return max(0.0, 1.0 - self.outage_time / self.script_time)


def _fmt_times(values: list[float | None], cap: float) -> tuple[str, str]:
    if not values:
        return "-", "-"
    if any(v is None for v in values):
        done = sorted(v for v in values if v is not None)
        never = len(values) - len(done)
        median = statistics.median([*done, *([cap * 10] * never)])
        med = f"{median:.2f} s" if median < cap else f"never (>{cap:.0f} s)"
        return med, f"never (>{cap:.0f} s) x{never}"
    return f"{statistics.median(values):.2f} s", f"{max(v for v in values if v is not None):.2f} s"  # type: ignore[type-var]


def _transport_args(lab: Lab, transport: str) -> tuple[str, ...]:
    """TCP and TLS runs: the transport, and the lab's CA (verification stays on)."""
    if transport == "udp":
        return ()
    return ("--transport", transport, "--ca", str(lab.ca_path))


def _names(lab: Lab, transport: str) -> dict[str, str]:
    return {
        f"{r.ip}:{r.tls_port if transport == 'tls' else r.port}": r.name
        for r in lab.topology.registrars
    }


def _trial(
    lab: Lab, policy: str, fault: str, user: str, window: float, expires: int,
    profile: str = "default", probes: list[float] | None = None, transport: str = "udp",
) -> float | None:  # fmt: skip
    """One fault on a fresh client: the recovery time, or None if none within the window.

    One client at a time, so that exactly one server fails per trial: with two clients on
    two servers, both would fail at once and the trial would measure a double fault.
    Every trial lasts ``window`` seconds from the fault, recovered or not.
    """
    run = RegisterRun(
        user, *_transport_args(lab, transport), policy=policy, expires=expires,
        duration=window + 60, dns=lab.topology.dns, probe_profile=profile,
    )  # fmt: skip
    try:
        first = run.registered(timeout=15)
        time.sleep(1.0)  # let the first probes settle, as in real use
        start = time.monotonic()
        getattr(lab, fault)(_names(lab, transport)[first["server"]])
        try:
            moved = run.registered_elsewhere(first["server"], window, after=start)
            recovery: float | None = moved["_t"] - start
        except AssertionError:
            recovery = None
        rest = start + window - time.monotonic()
        if rest > 0:
            time.sleep(rest)
        if probes is not None:  # OPTIONS a minute over the trial, fault included
            sent = [e for e in run.of_type("ProbeResult") if e["_t"] >= start]
            probes.append(60.0 * len(sent) / window)
        return recovery
    finally:
        run.stop()
        lab.up()
        for reg in lab.topology.registrars:
            lab.revive(reg.name)


def _rotation(
    lab: Lab, columns: tuple[tuple[str, str], ...], refreshes: int, say: Callable[[str], None],
    transport: str = "udp",
) -> dict[str, tuple[int, int, int]]:  # fmt: skip
    lab.set_zone(lab.zone_with([r.name for r in lab.topology.registrars], ttl=5))
    runs = {
        f"{p}/{prof}": RegisterRun(
            f"bench-rot-{p}-{prof}",
            *_transport_args(lab, transport),
            policy=p,
            expires=10,
            duration=refreshes * 6 + 60,
            dns=lab.topology.dns,
            probe_profile=prof,
        )
        for p, prof in columns
    }
    try:
        deadline = time.monotonic() + refreshes * 5 + 60
        while time.monotonic() < deadline:
            counts = {p: len(r.registrations()) for p, r in runs.items()}
            if min(counts.values()) > refreshes:
                break
            say(
                "  rotation: refreshes so far "
                + ", ".join(f"{p} {max(0, c - 1)}" for p, c in counts.items())
            )
            time.sleep(5)
        out = {}
        for p, run in runs.items():
            regs = run.registrations()[: refreshes + 1]
            servers = [e["server"] for e in regs]
            bindings = [(e["server"], e["received"], e["rport"]) for e in regs]
            hops = sum(1 for a, b in itertools.pairwise(servers) if a != b)
            changes = sum(1 for a, b in itertools.pairwise(bindings) if a != b)
            out[p] = (hops, changes, len(regs) - 1)
        return out
    finally:
        for run in runs.values():
            run.stop()
        lab.set_zone(None)


COLUMNS: tuple[tuple[str, str], ...] = (
    ("first-ip", "default"), ("sticky", "default"), ("sticky", "fast"),
)  # fmt: skip


def run_failover_bench(
    *,
    columns: tuple[tuple[str, str], ...] = COLUMNS,
    trials: int = 5,
    refreshes: int = 30,
    window: float = 60.0,
    expires: int = 60,
    say: Callable[[str], None] = print,
    transport: str = "udp",
    lab: Lab | None = None,
) -> list[BenchResult]:
    """``window``: each fault trial lasts this long (one fault a minute: already harsh).

    ``transport`` tcp or tls: the same script over connections (TLS verified with the lab's
    CA). ``lab``: the lab to run on (default: the standard one)."""
    lab = lab or Lab()
    was_up = all(s.alive for s in lab.status())
    lab.up()
    results = {f"{p}/{prof}": BenchResult(p, prof) for p, prof in columns}
    try:
        for fault in ("kill", "freeze"):
            for i in range(trials):
                recoveries = {
                    f"{p}/{prof}": _trial(lab, p, fault, f"bench-{p}-{prof}-{fault}{i}", window,
                                          expires, prof, results[f"{p}/{prof}"].probes[fault],
                                          transport)
                    for p, prof in columns
                }  # fmt: skip
                for policy, recovery in recoveries.items():
                    r = results[policy]
                    getattr(r, fault).append(recovery)
                    r.script_time += window
                    r.outage_time += recovery if recovery is not None else window
                shown = ", ".join(
                    f"{p} {v:.2f} s" if v is not None else f"{p} never (>{window:.0f} s)"
                    for p, v in recoveries.items()
                )
                say(f"  {fault} trial {i + 1}/{trials}: {shown}")
        rotation_start = time.monotonic()
        rotation = _rotation(lab, columns, refreshes, say, transport)
        for policy, (hops, changes, n) in rotation.items():
            r = results[policy]
            r.hops, r.binding_changes, r.refreshes = hops, changes, n
        for r in results.values():
            r.script_time += time.monotonic() - rotation_start
    finally:
        if not was_up:
            lab.down()
    return list(results.values())


def format_table(results: list[BenchResult], cap: float) -> str:
    rows = [("", *(r.label for r in results))]
    for label, attr in (("kill", "kill"), ("freeze", "freeze")):
        cells = [_fmt_times(getattr(r, attr), cap) for r in results]
        opm = [f"{v} OPTIONS/min" if (v := r.probes_per_min(attr)) is not None else "-"
               for r in results]  # fmt: skip
        rows.append((f"recovery after {label}: median", *(c[0] for c in cells)))
        rows.append((f"recovery after {label}: max", *(c[1] for c in cells)))
        rows.append(("  probes meanwhile, per client", *opm))
    rows.append(("trials per fault", *(str(len(r.kill)) for r in results)))
    rows.append(("refreshes with rotating DNS", *(str(r.refreshes) for r in results)))
    rows.append(("server hops", *(str(r.hops) for r in results)))
    rows.append(("binding (NAT mapping) changes", *(str(r.binding_changes) for r in results)))
    rows.append(
        (
            "registered while a server was up",
            *(f"{100 * r.registered_share:.1f} %" for r in results),
        )
    )
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = []
    for n, row in enumerate(rows):
        lines.append(
            "  ".join(
                cell.ljust(w) if i == 0 else cell.rjust(w)
                for i, (cell, w) in enumerate(zip(row, widths, strict=True))
            )
        )
        if n == 0:
            lines.append("  ".join("-" * w for w in widths))
    return "\n".join(lines)
