"""RFC 5780 NAT behaviour from recorded STUN answers: the pure half of softdiag.nat.stun.

:mod:`softdiag.nat.stun` runs the Binding tests and the lifetime probes over the network
(its docstring tells which test asks what); this module judges what came back:

- :func:`classify_mapping` (RFC 5780 §4.3): tests I, II and III on one socket -> no NAT,
  endpoint-independent, address-dependent or address-and-port-dependent mapping.
- :func:`classify_filtering` (RFC 5780 §4.4): a test I, then CHANGE-REQUEST "change IP and
  port" and "change port" on fresh sockets -> the filtering class. An answer counts only
  when it came from where the test asked for (the packet's source): a server that ignores
  CHANGE-REQUEST would otherwise look like an open NAT.
- :func:`lifetime_schedule`, :func:`lifetime_done`, :func:`summarise_lifetime` (RFC 5780
  §4.6, inbound variant): the idle times to probe, when enough is seen, and the bracket
  [longest idle time a mapping survived, shortest one it did not).
- :func:`behaviour_event`, :func:`behaviour_findings`: the event and the plain-language
  findings.

Invariants:

1. Nothing here does I/O or reads a clock: every function takes recorded
   :class:`Binding` / :class:`LifetimeProbe` results and returns a class with its evidence;
   the tests feed them synthetic and recorded answers.
2. "unknown" rather than wrong: a missing answer, a server without OTHER-ADDRESS or one
   that ignores CHANGE-REQUEST / RESPONSE-PORT leaves the class unknown, and says why.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Literal

from aioice import stun

from softdiag.events import Finding, StunBehaviour
from softdiag.findings import make_finding

__all__ = [
    "Binding",
    "Change",
    "Discovery",
    "FilteringClass",
    "Lifetime",
    "LifetimeProbe",
    "MappingClass",
    "behaviour_event",
    "behaviour_findings",
    "binding_from_message",
    "classify_filtering",
    "classify_mapping",
    "hostport",
    "lifetime_done",
    "lifetime_schedule",
    "split_hostport",
    "summarise_lifetime",
]

MappingClass = Literal[
    "no-nat", "endpoint-independent", "address-dependent", "address-and-port-dependent",
    "unknown",
]  # fmt: skip
FilteringClass = Literal[
    "endpoint-independent", "address-dependent", "address-and-port-dependent", "unknown"
]
Change = Literal["", "port", "ip+port"]


def hostport(addr: tuple[str, int]) -> str:
    ip, port = addr[0], addr[1]
    return f"[{ip}]:{port}" if ":" in ip else f"{ip}:{port}"


def split_hostport(text: str) -> tuple[str, int]:
    """``ip:port`` or ``[v6]:port`` (as :func:`hostport` writes them) -> (ip, port)."""
    host, _, port = text.rpartition(":")
    return host.strip("[]"), int(port)


def _ip(hp: str) -> str:
    return split_hostport(hp)[0]


def _port(hp: str) -> int:
    return split_hostport(hp)[1]


# -- results (pure data) ----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Binding:
    """What one Binding request got back."""

    test: str  # "I", "II", "III", "filter-II", "filter-III"
    sent_to: str  # ip:port the request went to
    change: Change = ""
    mapped: str | None = None  # XOR-MAPPED-ADDRESS (MAPPED-ADDRESS from old servers)
    plain_mapped: str | None = None  # MAPPED-ADDRESS when present too (ALG check)
    other: str | None = None  # OTHER-ADDRESS (CHANGED-ADDRESS from RFC 3489 servers)
    origin: str | None = None  # where the answer really came from (packet source)
    error: str | None = None  # "timeout", "error 420 Unknown Attribute", ...

    @property
    def ok(self) -> bool:
        return self.error is None and self.mapped is not None

    def describe(self) -> str:
        what = f"test {self.test} to {self.sent_to}"
        if self.change:
            what += f" (change {self.change})"
        if not self.ok:
            return f"{what}: {self.error or 'no mapped address'}"
        return f"{what}: seen as {self.mapped}, answer from {self.origin}"


def binding_from_message(
    message: stun.Message, *, test: str, sent_to: str, origin: str, change: Change = ""
) -> Binding:
    attrs = message.attributes
    if message.message_class != stun.Class.RESPONSE:
        code = attrs.get("ERROR-CODE")
        error = f"error {code[0]} {code[1]}" if code else "error response"
        return Binding(test, sent_to, change, origin=origin, error=error)
    xor = attrs.get("XOR-MAPPED-ADDRESS")
    plain = attrs.get("MAPPED-ADDRESS")
    other = attrs.get("OTHER-ADDRESS") or attrs.get("CHANGED-ADDRESS")
    mapped = xor or plain
    return Binding(
        test,
        sent_to,
        change,
        mapped=hostport(mapped) if mapped else None,
        plain_mapped=hostport(plain) if plain else None,
        other=hostport(other) if other else None,
        origin=origin,
    )


def classify_mapping(
    local: str, test1: Binding, test2: Binding | None = None, test3: Binding | None = None
) -> tuple[MappingClass, tuple[str, ...]]:
    """RFC 5780 §4.3 from the three tests' results. ``local`` is our socket's ip:port."""
    evidence = [test1.describe()]
    if not test1.ok:
        return "unknown", (*evidence, "the server did not answer test I")
    assert test1.mapped is not None
    if test1.mapped == local:
        return "no-nat", (*evidence, f"the server sees our own address {local}: no NAT")
    if test1.other is None:
        return "unknown", (
            *evidence,
            "no OTHER-ADDRESS: this STUN server does not support RFC 5780 behaviour discovery",
        )
    if _ip(test1.other) == _ip(test1.sent_to):
        return "unknown", (*evidence, f"OTHER-ADDRESS {test1.other} has the same IP address")
    if test2 is None or not test2.ok:
        if test2 is not None:
            evidence.append(test2.describe())
        return "unknown", (*evidence, "no answer from the other address (test II)")
    evidence.append(test2.describe())
    if test2.mapped == test1.mapped:
        return "endpoint-independent", (
            *evidence,
            f"the same public address {test1.mapped} towards both server addresses",
        )
    if test3 is None or not test3.ok:
        if test3 is not None:
            evidence.append(test3.describe())
        return "unknown", (*evidence, "no answer from the other address and port (test III)")
    evidence.append(test3.describe())
    if test3.mapped == test2.mapped:
        return "address-dependent", (
            *evidence,
            "a new public port per destination address, the same for another port",
        )
    return "address-and-port-dependent", (
        *evidence,
        f"a new public port per destination address and port: {test1.mapped}, "
        f"{test2.mapped}, {test3.mapped}",
    )


def classify_filtering(
    test1: Binding, test2: Binding | None = None, test3: Binding | None = None
) -> tuple[FilteringClass, tuple[str, ...]]:
    """RFC 5780 §4.4. test2: change IP and port; test3: change port (each after a test I)."""
    evidence = [test1.describe()]
    if not test1.ok:
        return "unknown", (*evidence, "the server did not answer test I")
    if test1.other is None:
        return "unknown", (*evidence, "no OTHER-ADDRESS: the server cannot answer from elsewhere")
    primary, other = test1.sent_to, test1.other
    for test in (test2, test3):
        if test is not None and test.error and test.error.startswith("error"):
            return "unknown", (
                *evidence, test.describe(), "the server refused CHANGE-REQUEST",
            )  # fmt: skip
    if test2 is not None:
        evidence.append(test2.describe())
        if test2.ok:
            if test2.origin == other:
                return "endpoint-independent", (
                    *evidence, f"an answer from {other}, where we never sent anything, got in",
                )  # fmt: skip
            return "unknown", (
                *evidence,
                f"the answer came from {test2.origin}, not {other}: the server ignored "
                "CHANGE-REQUEST",
            )
    if test3 is None:
        return "unknown", (*evidence, "test III (change port) was not run")
    evidence.append(test3.describe())
    if test3.ok:
        expected = hostport((_ip(primary), _port(other)))
        if test3.origin == expected:
            return "address-dependent", (
                *evidence, f"an answer from another port ({expected}) of the same address got in",
            )  # fmt: skip
        return "unknown", (
            *evidence,
            f"the answer came from {test3.origin}, not {expected}: the server ignored "
            "CHANGE-REQUEST",
        )
    return "address-and-port-dependent", (
        *evidence,
        "only answers from exactly the address and port we sent to got in",
    )


# -- lifetime (pure part) ---------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class LifetimeProbe:
    idle: float  # seconds the mapping stayed idle when the server tried to reach it
    alive: bool | None  # reached / not reached / not decided (cancelled, setup failed)
    mapped: str | None = None  # the probe socket's public address
    note: str = ""


@dataclass(frozen=True, slots=True)
class Lifetime:
    lower: float | None  # longest idle time a mapping survived (None: not even the control)
    upper: float | None  # shortest idle time a mapping did not survive (None: all survived)
    evidence: tuple[str, ...] = ()
    consistent: bool = True

    @property
    def measured(self) -> bool:
        return self.lower is not None


def lifetime_schedule(
    max_idle: float, *, first: float = 1.0, ratio: float = 1.08
) -> tuple[float, ...]:
    """Idle times from ``first`` to ``max_idle``, each ``ratio`` times the one before."""
    if max_idle < first or ratio <= 1.0:
        return (round(max(first, max_idle), 2),)
    count = math.floor(math.log(max_idle / first) / math.log(ratio)) + 1
    times = [round(first * ratio**i, 2) for i in range(count)]
    if times[-1] < max_idle:
        times.append(round(max_idle, 2))
    return tuple(times)


def lifetime_done(probes: list[LifetimeProbe], *, confirm: int = 2) -> bool:
    """Enough seen: ``confirm`` consecutive expired probes (in order of idle time)."""
    decided = sorted((p for p in probes if p.alive is not None), key=lambda p: p.idle)
    run = 0
    for p in decided:
        run = run + 1 if p.alive is False else 0
        if run >= confirm:
            return True
    return False


def _probe_lines(decided: list[LifetimeProbe], keep: int = 2) -> list[str]:
    """One line per probe, the leading run of reachable ones folded into one line."""
    lead = 0
    while lead < len(decided) and decided[lead].alive:
        lead += 1
    folded = max(0, lead - keep)
    lines = []
    if folded:
        lines.append(
            f"{folded} mappings reachable after {decided[0].idle:.1f}-"
            f"{decided[folded - 1].idle:.1f} s idle"
        )
    for p in decided[folded:]:
        state = "reachable" if p.alive else "expired"
        lines.append(f"idle {p.idle:.1f} s: {state}" + (f" ({p.note})" if p.note else ""))
    return lines


def summarise_lifetime(probes: list[LifetimeProbe]) -> Lifetime:
    """The bracket [longest survived, shortest expired) and its evidence."""
    decided = sorted((p for p in probes if p.alive is not None), key=lambda p: p.idle)
    evidence = _probe_lines(decided)
    if not decided:
        return Lifetime(None, None, ("no probe could be completed",), consistent=False)
    first_dead = next((p for p in decided if not p.alive), None)
    if first_dead is decided[0]:
        return Lifetime(
            None,
            None,
            (
                *evidence,
                f"even {first_dead.idle:.1f} s idle failed: the server ignores RESPONSE-PORT, "
                "or the NAT uses several public addresses; lifetime unknown",
            ),
            consistent=False,
        )
    if first_dead is None:
        longest = decided[-1].idle
        return Lifetime(
            longest, None, (*evidence, f"every mapping survived up to {longest:.1f} s idle")
        )
    alive_before = [p.idle for p in decided if p.alive and p.idle < first_dead.idle]
    lower = max(alive_before)
    late_alive = [p.idle for p in decided if p.alive and p.idle > first_dead.idle]
    consistent = not late_alive
    if late_alive:
        evidence.append(
            f"a mapping survived {max(late_alive):.1f} s after one expired at "
            f"{first_dead.idle:.1f} s: packet loss or a NAT without a plain idle timer"
        )
    evidence.append(
        f"the NAT forgets an idle UDP mapping after {lower:.1f}-{first_dead.idle:.1f} s "
        "(fresh mappings after one request and answer; a NAT may keep busier flows longer)"
    )
    return Lifetime(lower, first_dead.idle, tuple(evidence), consistent)


# -- findings and the event ---------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Discovery:
    """Everything the behaviour discovery learnt."""

    server: str
    local: str
    mapping: MappingClass
    filtering: FilteringClass
    mapped: str | None
    mapping_tests: tuple[Binding, ...]
    filtering_tests: tuple[Binding, ...]
    mapping_evidence: tuple[str, ...] = ()
    filtering_evidence: tuple[str, ...] = ()

    @property
    def alg_suspected(self) -> bool:
        """MAPPED-ADDRESS differs from XOR-MAPPED-ADDRESS: a middlebox rewrote the packet."""
        return any(
            b.ok and b.plain_mapped is not None and b.plain_mapped != b.mapped
            for b in self.mapping_tests
        )


def behaviour_event(discovery: Discovery, lifetime: Lifetime | None = None) -> StunBehaviour:
    evidence = [
        *(f"mapping: {e}" for e in discovery.mapping_evidence),
        *(f"filtering: {e}" for e in discovery.filtering_evidence),
    ]
    if lifetime is not None:
        evidence.extend(f"lifetime: {e}" for e in lifetime.evidence)
    if discovery.alg_suspected:
        evidence.append("MAPPED-ADDRESS differs from XOR-MAPPED-ADDRESS: an ALG rewrites packets")
    return StunBehaviour(
        stun_server=discovery.server,
        local=discovery.local,
        mapped=discovery.mapped,
        mapping=discovery.mapping,
        filtering=discovery.filtering,
        lifetime_s=round(lifetime.lower, 1) if lifetime and lifetime.lower is not None else None,
        evidence=tuple(evidence),
    )


def behaviour_findings(discovery: Discovery) -> list[Finding]:
    """Plain-language findings about the NAT itself (the keep-alive one is separate)."""
    findings: list[Finding] = []
    evidence = (*discovery.mapping_evidence, *discovery.filtering_evidence)
    if discovery.mapping == "no-nat":
        findings.append(make_finding("nat.none", evidence=evidence, local=discovery.local))
    elif discovery.mapping in ("address-dependent", "address-and-port-dependent"):
        findings.append(
            make_finding(
                "nat.mapping_per_destination", evidence=evidence, mapping=discovery.mapping,
                mapped=discovery.mapped or "-",
            )
        )  # fmt: skip
    elif discovery.mapping == "endpoint-independent":
        findings.append(
            make_finding(
                "nat.mapping_stable", evidence=evidence, mapped=discovery.mapped or "-",
                filtering=discovery.filtering,
            )
        )  # fmt: skip
    else:
        findings.append(
            make_finding("nat.behaviour_unknown", evidence=evidence, server=discovery.server)
        )
    if discovery.alg_suspected:
        plain = next(b.plain_mapped for b in discovery.mapping_tests if b.plain_mapped)
        findings.append(
            make_finding("nat.alg", evidence=evidence, mapped=discovery.mapped or "-", plain=plain)
        )
    return findings
