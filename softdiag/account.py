"""One SIP account, end to end: resolve the domain, pick a target, register through the engine.

``Softphone`` is what the GUI and the CLI drive. It owns the :class:`SipEngine` and a
resolver; every step it takes becomes an event on the session. ``register`` never blocks the
caller (DNS runs on a worker thread); ``resolve`` is the blocking step for callers that want
the answer themselves (the CLI, to exit with the right code).
"""

from __future__ import annotations

import threading
from collections.abc import Callable

from .commands import AccountSpec, AnswerMode
from .dns import DnsProblem, Resolution, SipResolver
from .dns.resolver import impossible_targets_finding
from .events import Finding
from .failover import POLICIES, PolicyConfig, PolicyName
from .failover.budget import ProfileName
from .failover.budget import profile as budget_profile
from .failover.supervisor import AccountSupervisor
from .findings import make_finding
from .nat.watch import follow_nat
from .session import Session
from .sip.engine import EngineError, SipEngine
from .userinput import normalise_account

__all__ = ["AccountSpec", "EngineError", "Softphone", "validate_spec"]

# Timer F safety net under the health probes: a REGISTER that a dead server never answers
# fails after 8 s instead of 32 s even if every probe were lost (FACTS.md).
SAFETY_TIMER_F_MS = 8000


def validate_spec(spec: AccountSpec) -> str | None:
    """A one-line reason why the account cannot be used, or None (see softdiag.userinput)."""
    try:
        normalise_account(spec)
    except ValueError as exc:
        return str(exc)
    return None


def dns_finding(problem: DnsProblem, domain: str, nameserver: str) -> Finding:
    finding_id = {
        "nxdomain": "dns.nxdomain",
        "timeout": "dns.timeout",
        "servfail": "dns.servfail",
        "refused": "dns.refused",
        "no_records": "dns.no_records",
        "no_usable": "dns.impossible_target",
    }.get(problem.kind, "dns.servfail")
    if finding_id == "dns.impossible_target":
        targets = ", ".join(problem.evidence[-3:])
        return make_finding(finding_id, evidence=problem.evidence, domain=domain, targets=targets)
    return make_finding(finding_id, evidence=problem.evidence, domain=domain, nameserver=nameserver)


class Softphone:
    """One account with DNS failover. ``policy`` is sticky, priority or first-ip."""

    def __init__(
        self,
        session: Session,
        *,
        policy: PolicyName = "sticky",
        config: PolicyConfig | None = None,
        bind_ip: str | None = None,
        probe_profile: ProfileName = "default",
        probe_interval: float | None = None,
        answer_mode: AnswerMode = "ring",
    ) -> None:
        """``probe_profile``: ``default`` probes quietly (the current server every 30 s,
        or ``probe_interval``) and fast on suspicion; ``fast`` probes the current server
        every 0.25 s (a death known within 0.25 s, a silence within 1 s), for the lab and the
        benchmark."""
        if policy not in POLICIES:
            raise ValueError(f"unknown policy {policy!r} (choose {', '.join(POLICIES)})")
        self.session = session
        self.policy: PolicyName = policy
        self.config = config
        self.probe_profile = budget_profile(probe_profile, probe_interval)  # ValueError
        # The baseline keeps pjsip's own 32 s Timer F: that is what MicroSIP users get.
        timer_f = None if policy == "first-ip" else SAFETY_TIMER_F_MS
        self.engine = SipEngine(
            session.publish, bind_ip=bind_ip, timer_f_ms=timer_f, answer_mode=answer_mode,
            call_failover=policy != "first-ip",
        )  # fmt: skip
        self._lock = threading.Lock()
        self._generation = 0  # a newer register() supersedes a resolution still running
        self._supervisor: AccountSupervisor | None = None
        self._stop_nat: Callable[[], None] | None = None

    def start(self, timeout: float = 10.0) -> None:
        """Start the SIP engine thread (blocks until it runs, about 0.1 s)."""
        self.engine.start(timeout)

    def resolve(self, spec: AccountSpec) -> Resolution:
        """Resolve the account's domain (blocking). Publishes Resolved, or a Finding and raises."""
        resolver = SipResolver(spec.dns or None)
        try:
            resolution = resolver.resolve(spec.domain, spec.transport)
        except DnsProblem as problem:
            self.session.publish(dns_finding(problem, spec.domain, resolver.nameserver))
            raise
        self.session.publish(resolution.event())
        if resolution.rejected:
            self.session.publish(impossible_targets_finding(resolution))
        return resolution

    def register_resolved(self, spec: AccountSpec, resolution: Resolution) -> None:
        """Start the failover supervisor, which registers where the policy says, and the
        NAT watch on its answers."""
        self._stop_supervisor()
        stop_nat = follow_nat(self.session, spec.aor)
        supervisor = AccountSupervisor(
            self.session, self.engine, spec, self.policy,
            config=self.config, probe_profile=self.probe_profile,
        )  # fmt: skip
        with self._lock:
            self._supervisor, self._stop_nat = supervisor, stop_nat
        supervisor.start(resolution)

    def set_policy(self, policy: PolicyName) -> None:
        """Apply another failover policy live, without re-registering."""
        if policy not in POLICIES:
            raise ValueError(f"unknown policy {policy!r}")
        self.policy = policy
        with self._lock:
            supervisor = self._supervisor
        if supervisor is not None:
            supervisor.set_policy(policy)

    def set_probes(self, profile: ProfileName, interval: float | None = None) -> None:
        """Another probe profile or quiet interval; it applies live to the running account
        (the next probe follows it) and to every registration after."""
        self.probe_profile = budget_profile(profile, interval)  # ValueError
        with self._lock:
            supervisor = self._supervisor
        if supervisor is not None:
            supervisor.set_probe_profile(self.probe_profile)

    def probe_now(self) -> None:
        with self._lock:
            supervisor = self._supervisor
        if supervisor is not None:
            supervisor.probe_now()

    def _stop_supervisor(self) -> None:
        with self._lock:
            supervisor, self._supervisor = self._supervisor, None
            stop_nat, self._stop_nat = self._stop_nat, None
        if supervisor is not None:
            supervisor.stop()
        if stop_nat is not None:
            stop_nat()

    def register(self, spec: AccountSpec) -> None:
        """Resolve and register without blocking; every outcome arrives as an event."""
        spec = normalise_account(spec)  # ValueError: one line for the form
        with self._lock:
            self._generation += 1
            generation = self._generation

        def work() -> None:
            try:
                resolution = self.resolve(spec)
            except DnsProblem:
                return  # already published as a finding
            with self._lock:
                if generation != self._generation:
                    return  # the user changed the account meanwhile
            self.register_resolved(spec, resolution)

        threading.Thread(target=work, name="softdiag-resolve", daemon=True).start()

    def unregister(self) -> None:
        with self._lock:
            self._generation += 1
        self._stop_supervisor()
        self.engine.unregister()

    def shutdown(self, timeout: float = 10.0) -> None:
        """Un-register and stop the engine (blocking, idempotent)."""
        with self._lock:
            self._generation += 1
        self._stop_supervisor()
        self.engine.shutdown(timeout)
