"""The guided check's driver: runs the real pieces step by step and feeds the checklist.

:class:`CheckRunner` is what ``softdiag check`` and the GUI's *Guided check* run. ``run()``
blocks (the GUI calls it off its thread) and publishes every fact on the session as the
pieces always do (``Resolved``, ``ProbeResult``, ``RegistrationChanged``, ``MediaStats``,
findings…), plus a :class:`~softdiag.check.steps.CheckStep` when a step starts and when it
ends, and a :class:`~softdiag.check.steps.CheckSummary` at the end.

The steps and what they use:

- ``network``: the local address the kernel picks towards the DNS server (or the first
  nameserver of the system) and the interfaces;
- ``dns``: :class:`softdiag.dns.SipResolver` (RFC 3263), three times, for the answer order
  and the TTLs;
- ``servers``: :class:`softdiag.failover.prober.OptionsProber` to every target;
- ``register``: the :class:`softdiag.account.Softphone` with its failover supervisor, held
  through ``register_refreshes`` refreshes; what failover did is evidence;
- ``nat``: the NAT tracker's events from that registration, STUN behaviour
  (:func:`softdiag.nat.check.check_nat`) when a STUN server is given, keep-alive advice;
- ``call``: :class:`softdiag.media.testcall.TestCall` on the same registered account; every
  finding published during the call is the step's (``media.*``, ``call.*``, ``sdp.*``…);
- ``devices``: the device check (:mod:`softdiag.audio.runner`), with the user's answer only
  when an ``ask`` callback is given.

Every step reports what it can after an earlier one failed: a step that cannot run says
why (``skip.*``). :meth:`CheckRunner.cancel` stops everything started within 2 s: waits
poll a cancel flag, the call is hung up, the device check's sleep raises, the engine is
shut down, and blocking library calls without a cancel of their own run on a worker that
ends by its own timeout.

The check ends with a diagnostic bundle: the runner gives every event of the run and the
profile's ``bundle`` destination to :func:`softdiag.bundle.export.export_events`.
"""

from __future__ import annotations

import asyncio
import socket
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar

from softdiag.commands import AccountSpec, AudioSpec
from softdiag.dns import DnsProblem, Resolution, SipResolver, parse_nameserver
from softdiag.events import (
    CallStateChanged,
    DeviceInfo,
    Event,
    FailoverDecision,
    Finding,
    NatMappingChanged,
    NatStatus,
    ProbeResult,
    RegistrationChanged,
)
from softdiag.findings import make_finding
from softdiag.session import Recorder, Session

from .profile import CheckProfile
from .steps import Checklist, CheckSummary, StepOutcome

__all__ = ["BundleExporter", "CheckRunner", "find_bundle_exporter"]

T = TypeVar("T")
BundleExporter = Callable[[Sequence[Event], str | None], str]

DNS_QUERIES = 3  # answer order across several queries
REGISTER_TIMEOUT_S = 15.0
CALL_ANSWER_TIMEOUT_S = 15.0
ACCOUNT_REFUSED = frozenset(
    {"registration.credentials_rejected", "registration.not_found", "registration.failed"}
)


class Cancelled(Exception):
    """The user cancelled the check: unwinds a step."""


def find_bundle_exporter() -> BundleExporter | None:
    """The diagnostic bundle's exporter for a check's events (softdiag.bundle.export)."""
    from softdiag.bundle.export import export_events

    return export_events


@dataclass
class _Facts:
    """What earlier steps learned, for the later ones."""

    resolution: Resolution | None = None
    probes: list[ProbeResult] = field(default_factory=list)
    registered: RegistrationChanged | None = None
    network_ok: bool = True
    resolve_tried: bool = False


class CheckRunner:
    """One guided check. ``run()`` blocks; ``cancel()`` may come from any thread."""

    def __init__(
        self,
        session: Session,
        profile: CheckProfile,
        password: str,
        *,
        ask: Callable[[DeviceInfo, str | None], str | None] | None = None,
        bundle_exporter: BundleExporter | None = None,
        phone: Any = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        """``phone``: a started Softphone to use (the GUI's: pjsua2 has one endpoint per
        process); None: the check starts its own and shuts it down at the end."""
        self.session = session
        self.profile = profile
        self._password = password
        self.ask = ask
        self.bundle_exporter = bundle_exporter
        self._clock = clock
        self._cancel = threading.Event()
        self.checklist = Checklist(profile.steps)
        self.recorder = Recorder()
        self._facts = _Facts()
        self._phone: Any = None  # softdiag.account.Softphone, imported lazily (pjsua2)
        self._given_phone: Any = phone
        self._test_call: Any = None
        self._lock = threading.Lock()

    # -- control -----------------------------------------------------------------------

    def cancel(self) -> None:
        self._cancel.set()
        with self._lock:
            call = self._test_call
        if call is not None:
            call.cancel()

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def _check_cancel(self) -> None:
        if self._cancel.is_set():
            raise Cancelled

    def _sleep(self, seconds: float) -> None:
        if self._cancel.wait(seconds):
            raise Cancelled

    def _off_thread(self, fn: Callable[[], T], limit: float) -> T:
        """Run a blocking call without a cancel of its own; give up on cancel or ``limit``.

        The worker is a daemon that ends by the call's own timeout.
        """
        box: list[Any] = []
        done = threading.Event()

        def work() -> None:
            try:
                box.append(fn())
            except BaseException as exc:  # handed back to the caller's thread
                box.append(exc)
            done.set()

        threading.Thread(target=work, name="softdiag-check-work", daemon=True).start()
        deadline = self._clock() + limit
        while not done.wait(0.05):
            self._check_cancel()
            if self._clock() > deadline:
                raise TimeoutError(f"no answer within {limit:.0f} s")
        result = box[0]
        if isinstance(result, BaseException):
            raise result
        return result  # type: ignore[no-any-return]

    def _spec(self) -> AccountSpec:
        p = self.profile
        return AccountSpec(domain=p.domain, user=p.user, password=self._password,
                           transport=p.transport, dns=p.dns, expires=p.expires)  # fmt: skip

    # -- the run -----------------------------------------------------------------------

    def run(self) -> CheckSummary:
        unsubscribe = self.session.subscribe(self.recorder)
        steps = {
            "network": self._network, "dns": self._dns, "servers": self._servers,
            "register": self._register, "nat": self._nat, "call": self._call,
            "devices": self._devices,
        }  # fmt: skip
        try:
            for name in self.checklist.steps:
                if self._cancel.is_set():
                    break
                self.session.publish(self.checklist.start(name, self._clock()))
                try:
                    outcome = steps[name]()
                except Cancelled:
                    break
                except Exception as exc:  # a bug or a library surprise: the step fails, not the run
                    outcome = StepOutcome(summary_id="step.error", params={"error": exc},
                                          evidence=[repr(exc)], status="fail")  # fmt: skip
                if outcome.summary_id.startswith("skip."):
                    event = self.checklist.skip(name, outcome.summary_id, self._clock(),
                                                outcome.evidence)  # fmt: skip
                else:
                    event = self.checklist.finish(name, outcome, self._clock())
                self.session.publish(event)
        finally:
            self._stop_phone()
            for event in self.checklist.cancel(self._clock()):
                self.session.publish(event)
        bundle = self._bundle()
        summary = self.checklist.summary(self._clock(), bundle=bundle,
                                         cancelled=self._cancel.is_set())  # fmt: skip
        self.session.publish(summary)
        unsubscribe()
        return summary

    def _bundle(self) -> str:
        if self.bundle_exporter is None or self._cancel.is_set():
            return ""
        try:
            return str(self.bundle_exporter(self.recorder.snapshot(), self.profile.bundle))
        except Exception as exc:  # the check's verdict stands without its bundle
            from softdiag.events import Log

            self.session.publish(Log(level="error", source="check", message=f"bundle: {exc}"))
            return ""

    def _stop_phone(self) -> None:
        with self._lock:
            phone, self._phone = self._phone, None
        if phone is None:
            return
        if phone is self._given_phone:
            phone.unregister()  # not ours to stop: only the registration the check made
        else:
            phone.shutdown(timeout=5.0)

    # -- network -----------------------------------------------------------------------

    def _network(self) -> StepOutcome:
        if self.profile.dns:
            ip, port = parse_nameserver(self.profile.dns)
        else:
            import dns.resolver

            try:
                servers = dns.resolver.Resolver().nameservers
            except Exception:
                servers = []
            ip, port = (str(servers[0]), 53) if servers else ("198.51.100.1", 53)
        destination = f"[{ip}]:{port}" if ":" in ip else f"{ip}:{port}"
        evidence = [f"host name {socket.gethostname()}"]
        try:
            names = [name for _, name in socket.if_nameindex()]
            evidence.append(f"interfaces: {', '.join(names)}")
        except OSError:
            pass
        family = socket.AF_INET6 if ":" in ip else socket.AF_INET
        try:
            with socket.socket(family, socket.SOCK_DGRAM) as probe:
                probe.connect((ip, port))  # sends nothing: asks the kernel for a route
                local = str(probe.getsockname()[0])
        except OSError as exc:
            self._facts.network_ok = False
            evidence.append(f"route to {ip}: {exc.strerror or exc}")
            finding = make_finding("check.no_route", evidence=tuple(evidence),
                                   destination=destination)  # fmt: skip
            return StepOutcome(summary_id="network.no_route", params={"destination": destination},
                               findings=[finding], evidence=evidence)  # fmt: skip
        evidence.append(f"route to {ip}: from local address {local}")
        return StepOutcome(summary_id="network.ok",
                           params={"destination": destination, "local": local},
                           evidence=evidence)  # fmt: skip

    # -- dns -----------------------------------------------------------------------------

    def _dns(self) -> StepOutcome:
        from softdiag.account import dns_finding

        p = self.profile
        resolver = SipResolver(p.dns or None, timeout=2.0)
        answers: list[Resolution] = []
        evidence: list[str] = []
        for _ in range(DNS_QUERIES):
            self._check_cancel()
            try:
                answers.append(
                    self._off_thread(lambda: resolver.resolve(p.domain, p.transport), 10.0)
                )
            except DnsProblem as problem:
                if answers:
                    evidence.append(f"a later query failed: {problem.message}")
                    break
                finding = dns_finding(problem, p.domain, resolver.nameserver)
                self.session.publish(finding)
                return StepOutcome(
                    summary_id="dns.failed",
                    params={"domain": p.domain, "nameserver": resolver.nameserver},
                    findings=[finding], evidence=[problem.message, *problem.evidence],
                )  # fmt: skip
        first = answers[0]
        self._facts.resolution = first
        self.session.publish(first.event())
        evidence.extend(first.trail)
        for t in first.targets:
            evidence.append(f"{t.hostport} {t.transport} from {t.source} {t.host} "
                            f"priority {t.priority} weight {t.weight} TTL {t.ttl} s")  # fmt: skip
        orders = [a.answer_order for a in answers]
        for i, order in enumerate(orders, 1):
            evidence.append(f"query {i}: answer order {', '.join(order)}")
        findings: list[Finding] = []
        if len(set(orders)) > 1:
            findings.append(make_finding("check.dns_order_rotates", evidence=tuple(evidence[-len(orders):]),
                                         count=len(first.targets), domain=p.domain))  # fmt: skip
        return StepOutcome(
            summary_id="dns.ok",
            params={"domain": p.domain, "count": len(first.targets),
                    "nameserver": first.nameserver, "ttl": first.min_ttl},
            findings=findings, evidence=evidence,
        )  # fmt: skip

    def _resolution(self) -> Resolution | None:
        """The DNS step's answer; without a DNS step, one resolution of our own."""
        facts = self._facts
        if (
            facts.resolution is None
            and "dns" not in self.checklist.steps
            and not facts.resolve_tried
        ):
            from softdiag.account import dns_finding

            facts.resolve_tried = True
            p = self.profile
            resolver = SipResolver(p.dns or None, timeout=2.0)
            try:
                facts.resolution = self._off_thread(
                    lambda: resolver.resolve(p.domain, p.transport),
                    10.0,
                )
            except DnsProblem as problem:
                self.session.publish(dns_finding(problem, p.domain, resolver.nameserver))
                return None
            self.session.publish(facts.resolution.event())
        return facts.resolution

    # -- servers -------------------------------------------------------------------------

    def _servers(self) -> StepOutcome:
        from softdiag.failover.prober import OptionsProber

        res = self._resolution()
        if res is None or not res.targets:
            return StepOutcome(summary_id="skip.no_dns")
        prober = OptionsProber(self.profile.domain.split(":")[0], timeout=1.0)
        results = self._off_thread(lambda: asyncio.run(prober.probe_all(list(res.targets))), 10.0)
        self._facts.probes = list(results)
        evidence: list[str] = []
        for r in results:
            self.session.publish(r)
            rtt = f"{r.rtt_ms:.1f} ms" if r.rtt_ms is not None else "-"
            seen = f", sees us as {r.received}:{r.rport}" if r.received else ""
            evidence.append(f"{r.target} {r.transport}: {r.status} {r.code or ''} {r.reason} "
                            f"{rtt}{seen}{' (' + r.server + ')' if r.server else ''}")  # fmt: skip
        up = [r for r in results if r.status == "ok"]
        down = [r for r in results if r.status != "ok"]
        total = len(results)
        if not up:
            finding = make_finding("failover.all_down", evidence=tuple(evidence),
                                   domain=self.profile.domain)  # fmt: skip
            return StepOutcome(summary_id="servers.all_down", params={"total": total},
                               findings=[finding], evidence=evidence)  # fmt: skip
        rtts = [r.rtt_ms for r in up if r.rtt_ms is not None]
        if down:
            finding = make_finding(
                "check.servers_partly_down", evidence=tuple(evidence), down=len(down), total=total,
                domain=self.profile.domain, servers=", ".join(f"{r.target} ({r.status})" for r in down),
            )  # fmt: skip
            return StepOutcome(summary_id="servers.some_down",
                               params={"up": len(up), "down": len(down), "total": total},
                               findings=[finding], evidence=evidence)  # fmt: skip
        return StepOutcome(
            summary_id="servers.ok",
            params={"total": total, "rtt_min": f"{min(rtts, default=0):.1f}",
                    "rtt_max": f"{max(rtts, default=0):.1f}"},
            evidence=evidence,
        )  # fmt: skip

    # -- register ------------------------------------------------------------------------

    def _register(self) -> StepOutcome:
        from softdiag.account import EngineError, Softphone

        res = self._resolution()
        if res is None or not res.targets:
            return StepOutcome(summary_id="skip.no_servers")
        p = self.profile
        spec = self._spec()
        cond = threading.Condition()
        events: list[Event] = []

        def watch(event: Event) -> None:
            if isinstance(event, RegistrationChanged | FailoverDecision | Finding |
                          NatMappingChanged | NatStatus):  # fmt: skip
                with cond:
                    events.append(event)
                    cond.notify_all()

        unsubscribe = self.session.subscribe(watch)
        try:
            phone = self._given_phone or Softphone(self.session, policy=p.policy)  # type: ignore[arg-type]
            with self._lock:
                self._phone = phone
            try:
                if phone is not self._given_phone:
                    phone.start()
            except EngineError as exc:
                finding = make_finding("engine.failed", error=str(exc))
                return StepOutcome(summary_id="register.failed", findings=[finding])
            phone.register_resolved(spec, res)
            wanted = p.register_refreshes

            def registered() -> list[RegistrationChanged]:
                return [e for e in events
                        if isinstance(e, RegistrationChanged) and e.state == "registered"]  # fmt: skip

            def refused() -> list[Finding]:
                return [e for e in events if isinstance(e, Finding) and e.id in ACCOUNT_REFUSED]

            # First the registration, then ``wanted`` refreshes (pjsua refreshes 5 s before
            # expiry), bounded by the expiry: a refresh that does not come in time is short.
            first_deadline = self._clock() + REGISTER_TIMEOUT_S
            hold_deadline: float | None = None
            while True:
                self._check_cancel()
                with cond:
                    regs, ref = registered(), refused()
                    if ref:
                        break
                    if regs and hold_deadline is None:
                        # pjsua refreshes 5 s before the expiry the server granted (which a
                        # 423 Min-Expires may have raised above the one asked for).
                        granted = regs[0].expires or p.expires
                        hold_deadline = self._clock() + wanted * max(5.0, granted - 4.0) + 3.0
                    if regs and len(regs) - 1 >= wanted:
                        break
                    now = self._clock()
                    if hold_deadline is None and now > first_deadline:
                        break
                    if hold_deadline is not None and now > hold_deadline:
                        break
                    cond.wait(0.1)
            with cond:
                seen = list(events)
        finally:
            unsubscribe()
        return self._register_outcome(seen, wanted)

    def _register_outcome(self, seen: list[Event], wanted: int) -> StepOutcome:
        aor = f"{self.profile.user}@{self.profile.domain}"
        regs = [e for e in seen if isinstance(e, RegistrationChanged)]
        ok = [e for e in regs if e.state == "registered"]
        findings = [e for e in seen if isinstance(e, Finding)
                    and e.id.startswith(("registration.", "failover.", "engine."))]  # fmt: skip
        evidence: list[str] = []
        for e in regs:
            seen_as = f", sees us as {e.received}:{e.rport}" if e.received else ""
            who = f" ({e.registrar})" if e.registrar else ""
            answer = f": {e.code} {e.reason}" if e.code else ""
            expires = f", expires {e.expires} s" if e.expires else ""
            evidence.append(f"{e.state} {e.server}{who}{answer}{expires}{seen_as}")
        for d in (e for e in seen if isinstance(e, FailoverDecision)):
            evidence.append(f"failover ({d.policy}): {d.from_target or '-'} -> "
                            f"{d.to_target or 'nowhere'}: {d.reason}")  # fmt: skip
        refused = [f for f in findings if f.id in ACCOUNT_REFUSED]
        if refused:
            code = next((str(e.code) for e in regs if e.state == "failed"), "")
            reason = next((e.reason for e in regs if e.state == "failed"), "")
            return StepOutcome(summary_id="register.refused",
                               params={"reason": f"{code} {reason}".strip()},
                               findings=refused[:1], evidence=evidence)  # fmt: skip
        if not ok:
            if not any(f.severity == "error" for f in findings):
                findings.append(make_finding("check.not_registered", evidence=tuple(evidence[-5:]),
                                             aor=aor, seconds=f"{REGISTER_TIMEOUT_S:.0f}"))  # fmt: skip
            return StepOutcome(summary_id="register.failed", findings=_unique(findings),
                               evidence=evidence, status="fail")  # fmt: skip
        first, last = ok[0], ok[-1]
        self._facts.registered = last
        # Failures before the first registration are failover doing its job, not faults;
        # errors after it that failover recovered from (the account ends registered) are
        # the move's evidence, not a failed step.
        later = [f for f in findings if f.mono > first.mono]
        recovered = [f for f in later if f.severity == "error"]
        evidence.extend(f"recovered from: {f.title}" for f in recovered)
        later = [f for f in later if f.severity != "error"]
        held = len(ok) - 1
        evidence.append(f"registered on {first.server} first, on {last.server} at the end; "
                        f"{held} refreshes seen, {wanted} asked for")  # fmt: skip
        if last.server != first.server:
            move = next((d for d in seen if isinstance(d, FailoverDecision)
                         and d.mono > first.mono and d.to_target), None)  # fmt: skip
            reason = move.reason if move else "the server stopped answering"
            moved = make_finding("check.registration_moved", evidence=tuple(evidence[-6:]),
                                 old=first.server, new=last.server, reason=reason)  # fmt: skip
            return StepOutcome(summary_id="register.moved",
                               params={"old": first.server, "new": last.server},
                               findings=_unique([moved, *later]), evidence=evidence)  # fmt: skip
        if held < wanted:
            short = make_finding("check.refreshes_short", evidence=tuple(evidence[-4:]),
                                 held=held, wanted=wanted)  # fmt: skip
            return StepOutcome(summary_id="register.short",
                               params={"server": last.server, "held": held, "wanted": wanted},
                               findings=_unique([short, *later]), evidence=evidence)  # fmt: skip
        # What failover did before the first registration: the servers it passed over.
        skipped = [d.from_target.split("/")[0] for d in seen if isinstance(d, FailoverDecision)
                   and d.mono <= first.mono and d.from_target and d.reason_id != "initial"]  # fmt: skip
        if skipped:
            return StepOutcome(summary_id="register.failover",
                               params={"server": _named(last), "held": held,
                                       "skipped": ", ".join(dict.fromkeys(skipped))},
                               findings=_unique(later), evidence=evidence)  # fmt: skip
        return StepOutcome(summary_id="register.ok",
                           params={"server": _named(last), "held": held},
                           findings=_unique(later), evidence=evidence)  # fmt: skip

    # -- nat -----------------------------------------------------------------------------

    def _nat(self) -> StepOutcome:
        from softdiag.nat.keepalive import KeepAliveSettings, keepalive_advice

        reg = self._facts.registered
        p = self.profile
        if reg is None:
            return self._nat_from_probes()
        # The supervisor publishes its NAT status right after the registration: wait for it.
        deadline = self._clock() + 1.0
        while not any(isinstance(e, NatStatus) for e in self.recorder.snapshot()):
            if self._clock() > deadline:
                break
            self._sleep(0.05)
        events = self.recorder.snapshot()
        regs = [e for e in events if isinstance(e, RegistrationChanged)
                and e.state == "registered" and e.received]  # fmt: skip
        changes = [e for e in events if isinstance(e, NatMappingChanged)
                   and e.likely_cause != "first_seen"]  # fmt: skip
        statuses = [e for e in events if isinstance(e, NatStatus)]
        evidence: list[str] = []
        per_server: dict[str, str] = {}
        for e in regs:
            per_server[e.server] = f"{e.received}:{e.rport}"
        for server, public in per_server.items():
            evidence.append(f"registration socket {reg.local or '-'}: {server} sees us as {public}")
        for r in self._facts.probes:
            if r.received:
                evidence.append(f"probe socket: {r.target} sees us as {r.received}:{r.rport}")
        publics = [f"{e.received}:{e.rport}" for e in regs]
        evidence.append(f"{len(publics)} registration answers, {len(set(publics))} public "
                        f"address(es): {', '.join(sorted(set(publics))) or '-'}")  # fmt: skip
        for c in changes:
            evidence.append(f"mapping changed: {c.explanation}")
        findings: list[Finding] = []
        if changes:
            findings.append(make_finding("check.nat_mapping_changed", evidence=tuple(evidence[-len(changes):]),
                                         count=len(changes), cause=changes[-1].explanation))  # fmt: skip
        granted = reg.expires or p.expires
        settings = KeepAliveSettings(transport=p.transport, expires=granted)
        lifetime: float | None = None
        if p.stun:
            from softdiag.nat.check import check_nat
            from softdiag.nat.stun import StunError

            server = p.stun
            try:
                nat = self._off_thread(lambda: check_nat(server, settings=settings), 20.0)
            except (StunError, OSError, TimeoutError) as exc:
                evidence.append(f"STUN {server}: {exc}")
                findings.append(make_finding("nat.behaviour_unknown", evidence=(str(exc),),
                                             server=server))  # fmt: skip
            else:
                self.session.publish(nat.behaviour)
                evidence.extend(nat.behaviour.evidence)
                findings.extend(nat.findings)
                if nat.lifetime is not None:
                    lifetime = nat.lifetime.lower
        if not any(f.id.startswith("nat.keepalive") or f.id == "nat.lifetime_unknown"
                   for f in findings):  # fmt: skip
            findings.append(keepalive_advice(settings, lifetime))
        interval, mechanism = settings.silences()[0]
        evidence.append(f"keep-alive: {mechanism} every {interval:.0f} s")
        if (
            p.nat_keepalive_max_s is not None
            and p.transport == "udp"
            and interval > p.nat_keepalive_max_s
        ):
            findings.append(make_finding(
                "check.keepalive_slower_than_needed", evidence=(evidence[-1],),
                interval=f"{interval:.0f}", mechanism=mechanism, needed=f"{p.nat_keepalive_max_s:.0f}",
            ))  # fmt: skip
        classification = statuses[-1].classification if statuses else "unknown"
        public = publics[-1] if publics else "-"
        summary_id = {
            "no_nat": "nat.none", "stable": "nat.stable", "address_dependent": "nat.per_server",
        }.get(classification, "nat.unknown")  # fmt: skip
        if changes:
            summary_id = "nat.changed"
        return StepOutcome(summary_id=summary_id, params={"public": public},
                           findings=findings, evidence=evidence)  # fmt: skip

    def _nat_from_probes(self) -> StepOutcome:
        """Not registered: what the probes' answers say about the address servers see."""
        seen = [r for r in self._facts.probes if r.received]
        if not seen:
            return StepOutcome(summary_id="skip.not_registered")
        evidence = [f"probe socket: {r.target} sees us as {r.received}:{r.rport}" for r in seen]
        evidence.append("each probe leaves from a socket of its own: another NAT mapping than "
                        "a registration would get")  # fmt: skip
        return StepOutcome(summary_id="nat.probes_only",
                           params={"public": ", ".join(sorted({str(r.received) for r in seen}))},
                           evidence=evidence)  # fmt: skip

    # -- call ----------------------------------------------------------------------------

    def _call(self) -> StepOutcome:
        from softdiag.media.testcall import TestCall
        from softdiag.sip.calls import normalise_uri

        p = self.profile
        if not p.call:
            return StepOutcome(summary_id="skip.no_call_target")
        with self._lock:
            phone = self._phone
        if self._facts.registered is None or phone is None:
            return StepOutcome(summary_id="skip.not_registered")
        uri = normalise_uri(p.call, p.domain)
        findings: list[Finding] = []
        states: list[CallStateChanged] = []

        def watch(event: Event) -> None:
            if isinstance(event, Finding) and not event.id.startswith(
                ("registration.", "failover.", "nat.")
            ):
                findings.append(event)
            elif isinstance(event, CallStateChanged):
                states.append(event)

        test = TestCall(phone, self.session, uri, duration=p.call_duration_s,
                        audio=AudioSpec(), answer_timeout=CALL_ANSWER_TIMEOUT_S)  # fmt: skip
        with self._lock:
            self._test_call = test
        unsubscribe = self.session.subscribe(watch)
        try:
            result = test.run(None, registered=True)
        finally:
            unsubscribe()
            with self._lock:
                self._test_call = None
        self._check_cancel()
        started = next((s.mono for s in states if s.state == "calling"), None)
        confirmed = next((s.mono for s in states if s.state == "confirmed"), None)
        setup = (
            f"{(confirmed - started) * 1000:.0f}"
            if started is not None and confirmed is not None
            else "-"
        )
        s = result.stats
        evidence = [f"call to {uri}: {'connected' if result.connected else 'not connected'}, "
                    f"{result.code} {result.reason}".rstrip(), f"setup time {setup} ms"]  # fmt: skip
        evidence.append(f"levels TX {_db(result.tx_rms_dbfs)} RX {_db(result.rx_rms_dbfs)} "
                        f"(RMS, median over the call)")  # fmt: skip
        if s is not None:
            evidence.append(f"{s.codec}/{s.clock_rate}: RX {s.rx.packets} packets, lost "
                            f"{_n(s.rx.loss_pct, ' %')}, jitter {_n(s.rx.jitter_ms, ' ms')}; "
                            f"TX {s.tx.packets} packets; MOS {_n(s.mos, '', 2)}")  # fmt: skip
            evidence.append(f"media: ours {s.local_rtp or '-'}, theirs (SDP) {s.remote_rtp or '-'}, "
                            f"RTP from {s.rtp_source or 'nowhere'}")  # fmt: skip
        findings = _unique([*findings, *result.findings])
        if not result.connected:
            if not any(f.severity == "error" for f in findings):
                findings.append(make_finding("check.call_not_connected", uri=uri,
                                             problem=result.problem or "no answer"))  # fmt: skip
            return StepOutcome(summary_id="call.failed",
                               params={"problem": result.problem or "no answer"},
                               findings=findings, evidence=evidence, status="fail")  # fmt: skip
        params = {
            "setup": setup,
            "codec": s.codec if s else "-",
            "mos": _n(s.mos if s else None, "", 2),
        }
        bad = [f for f in findings if f.severity in ("error", "warning")]
        if bad:
            return StepOutcome(summary_id="call.problem", params={**params, "problem": bad[0].title},
                               findings=findings, evidence=evidence)  # fmt: skip
        return StepOutcome(summary_id="call.ok", params=params, findings=findings,
                           evidence=evidence)  # fmt: skip

    # -- devices -------------------------------------------------------------------------

    def _devices(self) -> StepOutcome:
        from softdiag.audio.check import CheckFacts, DeviceCheck, UserAnswers
        from softdiag.audio.devices import find_device, take_inventory
        from softdiag.audio.runner import conclude, run_check

        p = self.profile
        expect = p.expect_output
        inventory = take_inventory()

        def pick(spec: str | None, direction: str) -> DeviceInfo | None:
            if spec is not None:
                return find_device(inventory.devices, spec, direction)
            kind = [d for d in inventory.devices if d.direction == direction]
            if expect is not None:
                match = next((d for d in kind if d.form_factor == expect), None)
                if match is not None:
                    return match
            return inventory.default(direction) or (kind[0] if kind else None)

        output = pick(p.output_device, "output")
        input_ = pick(p.input_device, "input")
        evidence = [f"{inventory.provider}: {len(inventory.outputs())} outputs, "
                    f"{len(inventory.inputs())} inputs"]  # fmt: skip
        for label, d in (("output", output), ("input", input_)):
            if d is not None:
                evidence.append(f"{label}: {d.name} ({d.form_factor}, {d.bus}"
                                f"{', default' if d.is_default else ''})")  # fmt: skip
        if expect:
            evidence.append(f"the customer listens on: {expect}")
        if output is None or input_ is None:
            verdicts = DeviceCheck().verdicts(CheckFacts(output=output, input=input_))
        else:
            from softdiag.audio.streams import SoundDeviceBackend

            def present(device: DeviceInfo) -> bool:
                return take_inventory(include_monitors=True).get(device.key) is not None

            outcome = run_check(SoundDeviceBackend(), output, input_, present=present,
                                sleep=self._sleep)  # fmt: skip
            heard = self.ask(output, expect) if self.ask is not None else None
            answers = UserAnswers(expected=expect, heard=heard)  # type: ignore[arg-type]
            result = conclude(outcome, outputs=inventory.outputs(), answers=answers)
            self.session.publish(result)
            verdicts = result.verdicts
            if result.figures is not None:
                f = result.figures
                evidence.append(f"captured {f.seconds:.1f} s at {f.rms_dbfs:.1f} dBFS RMS")
            if heard:
                evidence.append(f"heard the tone: {heard}")
        findings = [v for v in verdicts if isinstance(v, Finding)]
        names = {"output": output.name if output else "-", "input": input_.name if input_ else "-"}
        bad = [f for f in findings if f.severity in ("error", "warning")]
        if bad and (output is None or input_ is None):
            return StepOutcome(summary_id="devices.missing", params={"problem": bad[0].title},
                               findings=findings, evidence=evidence)  # fmt: skip
        if bad:
            return StepOutcome(summary_id="devices.problem", params={**names, "problem": bad[0].title},
                               findings=findings, evidence=evidence)  # fmt: skip
        return StepOutcome(summary_id="devices.ok", params=names, findings=findings,
                           evidence=evidence)  # fmt: skip


def _unique(findings: Sequence[Finding]) -> list[Finding]:
    out: list[Finding] = []
    for f in findings:
        if all(o.id != f.id for o in out):
            out.append(f)
    return out


def _named(reg: RegistrationChanged) -> str:
    return f"{reg.server} ({reg.registrar})" if reg.registrar else reg.server


def _n(value: float | None, unit: str = "", digits: int = 1) -> str:
    return "-" if value is None else f"{value:.{digits}f}{unit}"


def _db(value: float | None) -> str:
    return "-" if value is None else f"{value:.1f} dBFS"
