"""The account supervisor: drives the failover policy with real DNS, probes and REGISTERs.

It runs an asyncio loop on a thread of its own ("softdiag-control"). Everything that feeds
the policy happens on that loop, so the policy needs no lock:

- DNS: re-resolves when the answer's TTL runs out (sticky, priority), or before every
  refresh like MicroSIP does (first-ip);
- probes: as the probe budget says (:mod:`softdiag.failover.budget`): quiet while
  healthy, every server at once and fast on suspicion (a REGISTER or INVITE without
  answer, a probe timeout or ICMP error, a changed DNS answer), never before a
  rate-limit answer's Retry-After (bounded by the prober's own rate limit too);
- registrations: ``RegistrationChanged`` events from the SIP engine thread arrive through
  ``call_soon_threadsafe``.

- NAT keep-alives: pjsua keeps the NAT in front of us open towards the registrar (a CRLF
  every 15 s from the SIP socket); the supervisor sends the same CRLF to every *other*
  server of the domain, at once after each registration and then every 15 s. Behind an
  address-filtering NAT only a server we sent to can reach our Contact; with this, any
  proxy of a cluster that shares our binding can deliver a call (with a NAT whose public
  port differs per destination, a symmetric one, nothing a client sends can help). These
  are bare CRLFs, not requests: no SIP processing on the server, no answer, not probes.

Decisions become engine commands (register / modify) and ``FailoverDecision`` events. When
the policy moves away from a server that did not answer its last probe, the un-REGISTER
cannot reach it: a finding says the old binding may live on there until it expires, and
that calls routed through that proxy may fail meanwhile (CASES.md case 3).
"""

from __future__ import annotations

import asyncio
import contextlib
import threading
import time
from collections.abc import Awaitable, Callable
from typing import Any

from softdiag.commands import AccountSpec
from softdiag.dns import DnsProblem, Resolution, SipResolver
from softdiag.events import (
    CallStateChanged,
    Event,
    FailoverDecision,
    Log,
    PolicyChanged,
    ProbeResult,
    RegistrationChanged,
    ServersChanged,
    ServerSuspected,
    Target,
    TargetHealth,
)
from softdiag.findings import make_finding
from softdiag.session import Session
from softdiag.sip.engine import SipEngine
from softdiag.sip.tls import TlsPolicy

from .budget import PROFILES, ProbeBudget, ProbeProfile, Suspicion
from .policy import Decision, FailoverPolicy, Move, PolicyConfig, PolicyName, ProbeOutcome, Wakeup
from .prober import OptionsProber

__all__ = ["AccountSupervisor"]

RESTART_PACE_S = 1.0  # a control task that failed starts again after this long
MIN_RESOLVE_INTERVAL = 5.0  # never re-resolve faster than this, whatever the TTL says
MAX_RESOLVE_INTERVAL = 300.0
KEEPALIVE_S = 15.0  # the NAT keep-alive to the other servers: pjsua's own interval


class AccountSupervisor:
    def __init__(
        self,
        session: Session,
        engine: SipEngine,
        spec: AccountSpec,
        policy: PolicyName = "sticky",
        *,
        config: PolicyConfig | None = None,
        probe_profile: ProbeProfile | None = None,
        probe_timeout: float | None = None,  # None: the probe profile's
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.session = session
        self.engine = engine
        self.spec = spec
        self.policy = FailoverPolicy(policy, config)
        self.budget = ProbeBudget(probe_profile or PROFILES["default"])
        self._calls_up: set[int] = set()
        self._clock = clock
        self._resolver = SipResolver(spec.dns or None)
        self._prober = OptionsProber(
            spec.domain,
            timeout=probe_timeout or self.budget.profile.timeout,
            tls=TlsPolicy(verify=spec.tls_verify, ca_file=spec.ca_file),
        )
        self._tls_reported: dict[str, str] = {}  # target key -> TLS finding id reported
        self._prober.tap = self.session.publish  # probes' messages in the journal and the pcap
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None
        self._stopped = threading.Event()
        self._wakeup: asyncio.TimerHandle | None = None
        self._registered_on: str | None = None  # target key of the last 2xx
        self._last_expires = 0
        self._unsubscribe: Callable[[], None] | None = None
        self._dns_problem_reported = False
        self._resolve_now: asyncio.Event | None = None
        self._probe_now: asyncio.Event | None = None
        self._last_servers: object = None

    # -- any thread ----------------------------------------------------------------------

    def start(self, initial: Resolution) -> None:
        ready = threading.Event()

        def run() -> None:
            loop = asyncio.new_event_loop()
            self._loop = loop
            asyncio.set_event_loop(loop)
            loop.set_exception_handler(self._on_loop_exception)
            try:
                loop.run_until_complete(self._main(initial, ready))
            finally:
                _cancel_remaining(loop)
                loop.close()
                self._stopped.set()

        self._thread = threading.Thread(target=run, name="softdiag-control", daemon=True)
        self._thread.start()
        ready.wait(5.0)

    def stop(self, timeout: float = 5.0) -> None:
        if self._unsubscribe is not None:
            self._unsubscribe()
        loop, thread = self._loop, self._thread
        if loop is not None and not loop.is_closed():
            with contextlib.suppress(RuntimeError):
                loop.call_soon_threadsafe(self._cancel_all)
        if thread is not None and thread is not threading.current_thread():
            thread.join(timeout)

    def set_policy(self, name: PolicyName) -> None:
        """Switch policy live: the new policy starts from the current target and health."""
        self._call(lambda: self._switch_policy(name))

    def set_probe_profile(self, profile: ProbeProfile) -> None:
        """Probe by another profile from now on (what was sent and learnt is kept)."""

        def switch() -> None:
            self.budget.profile = profile
            self._prober.timeout = profile.timeout
            if self._probe_now is not None:
                self._probe_now.set()  # the next due time changed

        self._call(switch)

    def probe_now(self) -> None:
        self._call(lambda: self._suspect("manual"))

    def _call(self, fn: Callable[[], object]) -> None:
        loop = self._loop
        if loop is not None and not loop.is_closed():
            with contextlib.suppress(RuntimeError):
                loop.call_soon_threadsafe(fn)

    # -- the control loop -----------------------------------------------------------------

    def _now(self) -> float:
        return self._clock()

    def _stamp(self, now: float | None = None) -> dict[str, float]:
        """The time of an event the control loop causes, from its own (injected) clock."""
        return {"mono": self._clock() if now is None else now, "wall": time.time()}

    def _cancel_all(self) -> None:
        for task in asyncio.all_tasks():
            task.cancel()

    async def _main(self, initial: Resolution, ready: threading.Event) -> None:
        loop = asyncio.get_running_loop()
        self._resolve_now = asyncio.Event()
        self._probe_now = asyncio.Event()
        self._unsubscribe = self.session.subscribe(lambda e: self._on_any_thread(loop, e))
        ready.set()
        self._apply(self.policy.resolved(initial.targets, initial.answer_order, self._now()))
        tasks = [
            asyncio.create_task(self._supervised("probing", self._probe_loop)),
            asyncio.create_task(self._supervised("DNS", lambda: self._resolve_loop(initial))),
            asyncio.create_task(self._supervised("NAT keep-alive", self._keepalive_loop)),
        ]
        with contextlib.suppress(asyncio.CancelledError):
            await asyncio.gather(*tasks)

    async def _supervised(self, what: str, body: Callable[[], Awaitable[None]]) -> None:
        """Run one control task for ever: an exception becomes a finding, then a restart.

        Failover must outlive any answer a server can send; restarts are paced (one a
        second at most), so a fault that repeats cannot spin the thread.
        """
        while True:
            try:
                await body()
                return
            except Exception as exc:  # CancelledError is a BaseException: it ends the task
                self._report_internal(what, exc)
                await asyncio.sleep(RESTART_PACE_S)

    def _report_internal(self, what: str, exc: BaseException) -> None:
        self.session.publish(
            make_finding(
                "probe.internal_error",
                evidence=(f"{what}: {type(exc).__name__}: {exc}"[:300],),
                target=what,
                error=type(exc).__name__,
            )
        )

    def _on_loop_exception(self, loop: asyncio.AbstractEventLoop, context: dict[str, Any]) -> None:
        """A callback or a forgotten task failed: a finding, never a traceback on stderr."""
        exc = context.get("exception")
        if isinstance(exc, BaseException):
            self._report_internal("control", exc)
        else:
            self.session.publish(
                Log(level="warning", source="failover", message=str(context.get("message")))
            )

    def _on_any_thread(self, loop: asyncio.AbstractEventLoop, event: Event) -> None:
        if isinstance(event, RegistrationChanged) and event.aor == self.spec.aor:
            with contextlib.suppress(RuntimeError):  # loop closed at shutdown
                loop.call_soon_threadsafe(self._on_registration, event)
        elif isinstance(event, ServerSuspected):
            with contextlib.suppress(RuntimeError):
                loop.call_soon_threadsafe(self._on_suspicion, event)
        elif isinstance(event, CallStateChanged):
            with contextlib.suppress(RuntimeError):
                loop.call_soon_threadsafe(self._on_call, event)

    def _on_suspicion(self, event: ServerSuspected) -> None:
        """A request went unanswered: probe every server now, not at the next interval."""
        self._suspect(event.why)

    def _on_call(self, event: CallStateChanged) -> None:
        """Calls up: the budget watches their signalling path more closely."""
        if event.state == "confirmed":
            self._calls_up.add(event.call)
        elif event.state in ("disconnected", "failed"):
            self._calls_up.discard(event.call)
        if not self._calls_up:
            self.budget.call_since = None
        elif self.budget.call_since is None:
            self.budget.call_since = self._now()
            if self._probe_now is not None:
                self._probe_now.set()  # the loop learns when the in-call rule starts

    def _suspect(self, why: Suspicion) -> None:
        self.budget.suspect(why, self._now())
        if self._probe_now is not None:
            self._probe_now.set()

    def _on_registration(self, event: RegistrationChanged) -> None:
        if event.state not in ("registered", "failed"):
            return
        key = event.target_key
        if event.state == "registered":
            self.budget.heard(key, self._now())  # a refresh answered: alive, no probe due
            moved = key != self._registered_on
            self._registered_on = key
            if moved:
                self._keep_nat_open()  # the other servers can reach the new Contact now
            self._last_expires = event.expires
            if self.policy.name == "first-ip":
                # MicroSIP (pjsip's resolver) resolves again for every REGISTER: do it just
                # before pjsua's refresh, which comes 5 s before expiry.
                loop = asyncio.get_running_loop()
                loop.call_later(max(0.0, event.expires - 5.5), self._trigger_resolve)
        if event.state == "failed" and (event.code in (0, 408) or event.code >= 500):
            self._suspect("register")
        self._apply(self.policy.registration(key, event.code, self._now(), event.retry_after))

    async def _probe_loop(self) -> None:
        """Probe what the budget says is due; sleep until the next is (or a suspicion)."""
        assert self._probe_now is not None
        while True:
            self._probe_now.clear()
            targets = {t.key: t for t in self.policy.targets}
            current = self.policy.current.key if self.policy.current else None
            now = self._now()
            due = [targets[k] for k in self.budget.due(targets, current, now)]
            for target in due:
                self.budget.sent(target.key, now)
            await self._probe_first_come(due)
            if due:
                continue  # the outcomes may have changed what is due (a suspicion)
            now = self._now()
            current = self.policy.current.key if self.policy.current else None
            wait = self.budget.next_at(targets, current, now) - now
            with contextlib.suppress(TimeoutError):
                # Bounded: the targets and the current one change with DNS and moves.
                await asyncio.wait_for(self._probe_now.wait(), min(max(wait, 0.02), 30.0))

    async def _probe_first_come(self, targets: list[Target]) -> None:
        """Probe ``targets`` (the current one first) and use each answer as it arrives.

        With hundreds of targets the prober's rate limit spreads the sweep over seconds;
        waiting for all of them would keep a dead current server for that long.
        """
        current = self.policy.current
        if current is not None and current in targets:
            targets = [current, *(t for t in targets if t != current)]

        async def one(target: Target) -> tuple[Target, ProbeResult]:
            return target, await self._prober.probe(target)

        tasks = [asyncio.create_task(one(t)) for t in targets]
        try:
            for next_done in asyncio.as_completed(tasks):
                target, result = await next_done
                self.session.publish(result)
                self._report_tls(target, result)
                self.budget.result(target.key, result.status, self._now(), code=result.code,
                                   retry_after=result.retry_after)  # fmt: skip
                self._apply(self.policy.probe(target.key, _outcome(result), self._now()))
        finally:
            for task in tasks:
                task.cancel()

    def _report_tls(self, target: Target, result: ProbeResult) -> None:
        """A TLS finding once per server and problem (probes repeat every second)."""
        finding = result.finding
        if finding is None:
            if result.status == "ok":
                self._tls_reported.pop(target.key, None)
            return
        if self._tls_reported.get(target.key) != finding.id:
            self._tls_reported[target.key] = finding.id
            self.session.publish(finding)

    async def _keepalive_loop(self) -> None:
        while True:
            await asyncio.sleep(KEEPALIVE_S)
            self._keep_nat_open()

    def _keep_nat_open(self) -> None:
        """A CRLF from the SIP socket to every UDP server but the registrar (pjsua's)."""
        registered = self._registered_on
        if registered is None or not registered.endswith("/udp"):
            return
        others = tuple(t for t in self.policy.targets
                       if t.key != registered and t.transport == "udp")  # fmt: skip
        if others:
            self.engine.keepalive(others)

    def _trigger_resolve(self) -> None:
        if self._resolve_now is not None:
            self._resolve_now.set()

    async def _resolve_loop(self, initial: Resolution) -> None:
        assert self._resolve_now is not None
        ttl = initial.min_ttl
        while True:
            # first-ip resolves only when a REGISTER is due; the others when the TTL ends.
            interval = min(MAX_RESOLVE_INTERVAL, max(MIN_RESOLVE_INTERVAL, float(ttl)))
            timeout = None if self.policy.name == "first-ip" else interval
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._resolve_now.wait(), timeout)
            self._resolve_now.clear()
            try:
                resolution = await asyncio.to_thread(
                    self._resolver.resolve, self.spec.domain, self.spec.transport
                )
            except DnsProblem as problem:
                self.session.publish(
                    Log(level="warning", source="failover",
                        message=f"re-resolution failed, keeping the last answer: {problem}")
                )  # fmt: skip
                continue
            ttl = resolution.min_ttl
            self.session.publish(resolution.event())
            known = {t.key for t in self.policy.targets}
            if {t.key for t in resolution.targets} != known:
                self._suspect("dns")  # servers came or went: learn their health now
            self._apply(
                self.policy.resolved(resolution.targets, resolution.answer_order, self._now())
            )

    def _switch_policy(self, name: PolicyName) -> None:
        old = self.policy
        if name == old.name:
            return
        new = FailoverPolicy(name, old.config)
        new.targets, new.answer_order = old.targets, old.answer_order
        new.current, new.health = old.current, old.health
        self.policy = new
        self.session.publish(PolicyChanged(policy=name, previous=old.name, **self._stamp()))
        self._apply(new.tick(self._now()))

    # -- decisions out -----------------------------------------------------------------

    def _apply(self, decisions: list[Decision]) -> None:
        for decision in decisions:
            if isinstance(decision, Wakeup):
                self._arm(decision.at)
            elif isinstance(decision, Move):
                self._apply_move(decision)
        self._publish_servers()

    def _publish_servers(self) -> None:
        """Publish the policy's view when it changed (RTT jitter alone does not count).

        ``dirty_for`` is sent as seconds from the event's ``mono``: a view counts down
        itself, no periodic re-publication is needed.
        """
        now = self._now()
        policy = self.policy
        current = policy.current.key if policy.current else None
        servers = tuple(
            TargetHealth(
                target=t,
                state=h.state,
                last_code=h.last_code,
                rtt_ms=round(h.rtt_ms, 1) if h.rtt_ms is not None else None,
                dirty_for=round(max(0.0, h.dirty_until - now), 1),
                why=h.why,
                why_id=h.why_id,
                why_params=h.why_params,
                current=t.key == current,
            )
            for t in policy.targets
            for h in (policy.health[t.key],)
        )
        signature = (
            policy.name,
            self._registered_on,
            tuple((s.target.key, s.state, s.last_code, s.dirty_for > 0, s.current, s.why)
                  for s in servers),
        )  # fmt: skip
        if signature == self._last_servers:
            return  # RTTs alone are in the ProbeResult events
        self._last_servers = signature
        self.session.publish(
            ServersChanged(
                policy=policy.name, servers=servers, registered_on=self._registered_on,
                **self._stamp(now),
            )
        )  # fmt: skip

    def _arm(self, at: float) -> None:
        loop = asyncio.get_running_loop()
        if self._wakeup is not None:
            self._wakeup.cancel()
        delay = max(0.0, at - self._now())
        self._wakeup = loop.call_later(delay, lambda: self._apply(self.policy.tick(self._now())))

    def _apply_move(self, move: Move) -> None:
        old, new = move.from_target, move.to_target
        self.session.publish(
            FailoverDecision(
                policy=self.policy.name,
                from_target=old.key if old else None,
                to_target=new.key if new else None,
                reason=move.reason,
                reason_id=move.reason_id,
                params=move.params,
                evidence=move.evidence,
                **self._stamp(),
            )
        )
        if new is None:
            self.session.publish(
                make_finding("failover.all_down", evidence=move.evidence, domain=self.spec.domain)
            )
            return
        if old is None or old.key == new.key:
            self.engine.register(self.spec, new)  # first registration, or a retry
        else:
            self.engine.modify(new)
        if old is not None and old.key != new.key and self._registered_on == old.key:
            self._warn_stale_binding(old)

    def _warn_stale_binding(self, old: Target) -> None:
        h = self.policy.health.get(old.key)
        if h is not None and h.state == "down":
            self.session.publish(
                make_finding(
                    "failover.stale_binding",
                    evidence=(f"{old.key}: {h.why}",),
                    server=old.hostport,
                    expires=self._last_expires,
                )
            )


def _cancel_remaining(loop: asyncio.AbstractEventLoop) -> None:
    """Cancel what is left on ``loop`` and let it finish (what ``asyncio.run`` does)."""
    pending = [t for t in asyncio.all_tasks(loop) if not t.done()]
    for task in pending:
        task.cancel()
    if pending:
        loop.run_until_complete(asyncio.gather(*pending, return_exceptions=True))
    with contextlib.suppress(RuntimeError):
        loop.run_until_complete(loop.shutdown_asyncgens())


def _outcome(result: ProbeResult) -> ProbeOutcome:
    return ProbeOutcome(
        status=result.status,
        code=result.code,
        rtt_ms=result.rtt_ms,
        retry_after=float(result.retry_after) if result.retry_after is not None else None,
        failure=result.failure,
    )
