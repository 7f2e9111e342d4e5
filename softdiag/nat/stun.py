"""NAT behaviour discovery (RFC 5780) and idle UDP mapping lifetime, over STUN.

Theory of operation
-------------------
An RFC 5780 STUN server listens on two IP addresses and two ports and says so in its
``OTHER-ADDRESS`` attribute; it can answer from the other address or port when a request
carries ``CHANGE-REQUEST``. softdiag asks it (messages are encoded and decoded by
``aioice.stun``; only RESPONSE-PORT, which aioice lacks, is appended by hand):

Mapping (RFC 5780 §4.3), one socket:

- test I: Binding to the primary address -> mapped address M1. M1 equal to our own local
  address: no NAT. No OTHER-ADDRESS: not an RFC 5780 server, the behaviour stays unknown.
- test II: Binding to (other IP, primary port) -> M2. M2 == M1: endpoint-independent.
- test III: Binding to (other IP, other port) -> M3. M3 == M2: address-dependent,
  otherwise address-and-port-dependent (what RFC 3489 called a symmetric NAT).

Filtering (RFC 5780 §4.4), on fresh sockets so the mapping tests' packets to the other
address have not opened the filter already: after a test I each,

- test II: CHANGE-REQUEST "change IP and port" -> an answer from the other IP and port
  means endpoint-independent filtering;
- test III: CHANGE-REQUEST "change port" -> an answer from the primary IP, other port,
  means address-dependent filtering; no answer to either: address-and-port-dependent.

An answer must come from where the test asked for (the packet's source): a server that
ignores CHANGE-REQUEST would otherwise look like an open NAT.

Mapping lifetime (RFC 5780 §4.6, inbound variant): what incoming calls depend on is whether
the *server* can still reach an idle mapping. For each idle time T of a geometric schedule
(ratio 1.08 by default, from 1 s to ``max_idle``), a fresh socket X sends one Binding and
learns its mapping; it then stays silent. T seconds after X's answer, a second socket Y sends
a Binding with ``RESPONSE-PORT`` = X's public port: the server answers to our public address
and that port, from the primary address X talked to, and the NAT lets it through only while
X's mapping lives. Every probe has its own X, so all run in parallel and the measurement
takes about one lifetime, not a sum of waits; it stops after two consecutive expired probes
or at ``max_idle``. The result is a bracket: the longest idle time a mapping survived (the
lower bound softdiag reports) and the shortest one it did not. The first probe (1 s) is the
control: if it fails, the server does not honour RESPONSE-PORT, or the NAT uses several
public addresses, and the lifetime stays unknown rather than wrong.

Invariants:

1. The classification functions are pure: they take recorded :class:`Binding` results
   and return a class with its evidence; the tests feed them synthetic and recorded answers.
2. Every wait is bounded: a transaction by ``rto * (2**attempts - 1)`` (RFC 5389 §7.2.1
   retransmission doubling, 0.5 s initial RTO -> 3.5 s for 3 attempts), the lifetime run by
   ``max_idle`` plus one transaction.
3. Requests are paced (``max_rate`` per second) so that a public STUN server is never
   flooded, whatever the schedule.
"""

from __future__ import annotations

import asyncio
import contextlib
import math
import socket
import struct
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Literal

from aioice import stun

from softdiag.events import Finding, StunBehaviour
from softdiag.findings import make_finding
from softdiag.hostport import HostPort
from softdiag.pacing import Pacer

__all__ = [
    "Binding",
    "Discovery",
    "FilteringClass",
    "Lifetime",
    "LifetimeProbe",
    "MappingClass",
    "StunError",
    "behaviour_event",
    "behaviour_findings",
    "binding_from_message",
    "classify_filtering",
    "classify_mapping",
    "discover",
    "lifetime_done",
    "lifetime_schedule",
    "measure_lifetime",
    "parse_server",
    "response_port_request",
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

CHANGE_IP = 0x04  # RFC 5780 §7.2 CHANGE-REQUEST flags
CHANGE_PORT = 0x02
RESPONSE_PORT = 0x0027  # RFC 5780 §7.5; not in aioice's attribute table
RTO = 0.5  # RFC 5389 §7.2.1 initial retransmission timeout
ATTEMPTS = 3  # sends at 0, 0.5, 1.5 s; gives up at 3.5 s
DEFAULT_STUN_PORT = 3478  # RFC 5389 §9
IP_RECVERR = getattr(socket, "IP_RECVERR", 11)  # <linux/in.h>; Python 3.11 lacks the name


class StunError(Exception):
    """The STUN server cannot be used: a one-line reason plus the evidence."""

    def __init__(self, message: str, evidence: tuple[str, ...] = ()) -> None:
        super().__init__(message)
        self.evidence = evidence


def hostport(addr: tuple[str, int]) -> str:
    ip, port = addr[0], addr[1]
    return f"[{ip}]:{port}" if ":" in ip else f"{ip}:{port}"


def _split(text: str) -> tuple[str, int]:
    host, _, port = text.rpartition(":")
    return host.strip("[]"), int(port)


def parse_server(text: str) -> tuple[str, int]:
    """``HOST[:PORT]`` (``[v6]:PORT`` for IPv6) -> (host, port). ValueError on bad input."""
    hp = HostPort.parse(text, what="STUN server")
    return hp.host, hp.port or DEFAULT_STUN_PORT


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


def _ip(hp: str) -> str:
    return _split(hp)[0]


def _port(hp: str) -> int:
    return _split(hp)[1]


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


# -- I/O: asyncio UDP ---------------------------------------------------------------------


def response_port_request(port: int) -> tuple[stun.Message, bytes]:
    """A Binding request asking for the answer on ``port`` (RFC 5780 §7.5 RESPONSE-PORT).

    aioice has no RESPONSE-PORT, so the attribute (a 16-bit port and 2 bytes of padding) is
    appended to aioice's encoding and the header length fixed up.
    """
    message = stun.Message(stun.Method.BINDING, stun.Class.REQUEST)
    data = bytes(message)
    tlv = struct.pack("!HHHH", RESPONSE_PORT, 4, port, 0)
    return message, data[:2] + struct.pack("!H", len(data) - 20 + len(tlv)) + data[4:] + tlv


@dataclass(slots=True)
class _Answer:
    message: stun.Message
    origin: tuple[str, int]
    endpoint: _Endpoint
    at: float


class _Endpoint(asyncio.DatagramProtocol):
    """One UDP socket; answers go to the shared transaction table by transaction id."""

    def __init__(self, table: dict[bytes, asyncio.Future[_Answer]]) -> None:
        self.table = table
        self.transport: asyncio.DatagramTransport | None = None
        self.local = ""
        self.in_flight: set[bytes] = set()  # transaction ids sent from this socket

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        self.transport = transport  # type: ignore[assignment]  # a datagram transport
        self.local = hostport(transport.get_extra_info("sockname"))

    def datagram_received(self, data: bytes, addr: tuple[str, int]) -> None:
        try:
            message = stun.parse_message(data)
        except (ValueError, struct.error, IndexError, KeyError):
            return  # not STUN, or damaged (anyone can send us a datagram): ignore
        future = self.table.get(message.transaction_id)
        if future is not None and not future.done():
            future.set_result(_Answer(message, addr, self, time.monotonic()))

    def error_received(self, exc: Exception) -> None:
        # With IP_RECVERR an ICMP error (port unreachable) reaches this unconnected socket:
        # fail what is in flight from it now instead of waiting for the last timeout.
        for tid in self.in_flight:
            future = self.table.get(tid)
            if future is not None and not future.done():
                future.set_exception(ConnectionRefusedError(str(exc)))


@dataclass
class _Client:
    """Sockets, a transaction table and a pace, for one STUN server."""

    server: tuple[str, int]
    local_ip: str
    family: int
    rto: float = RTO
    attempts: int = ATTEMPTS
    max_rate: float = 50.0
    table: dict[bytes, asyncio.Future[_Answer]] = field(default_factory=dict)
    endpoints: list[_Endpoint] = field(default_factory=list)
    pacer: Pacer = field(init=False)

    def __post_init__(self) -> None:
        self.pacer = Pacer(self.max_rate)

    async def endpoint(self) -> _Endpoint:
        loop = asyncio.get_running_loop()
        transport, proto = await loop.create_datagram_endpoint(
            lambda: _Endpoint(self.table), local_addr=(self.local_ip, 0), family=self.family
        )
        sock = transport.get_extra_info("socket")
        if self.family == socket.AF_INET and sock is not None:
            with contextlib.suppress(OSError):  # Linux: ICMP errors on unconnected sockets
                sock.setsockopt(socket.IPPROTO_IP, IP_RECVERR, 1)
        self.endpoints.append(proto)
        return proto

    def close(self) -> None:
        for ep in self.endpoints:
            if ep.transport is not None:
                ep.transport.close()
        self.endpoints.clear()

    async def transact(
        self,
        ep: _Endpoint,
        dest: tuple[str, int],
        message: stun.Message,
        data: bytes | None = None,
        *,
        attempts: int | None = None,
    ) -> _Answer | None:
        """Send with RFC 5389 retransmissions; the answer, or None after the last wait.

        Raises ConnectionRefusedError when ICMP says nothing listens there.
        """
        loop = asyncio.get_running_loop()
        future: asyncio.Future[_Answer] = loop.create_future()
        tid = message.transaction_id
        self.table[tid] = future
        ep.in_flight.add(tid)
        payload = data if data is not None else bytes(message)
        wait = self.rto
        try:
            for _ in range(attempts or self.attempts):
                await self.pacer.wait()
                assert ep.transport is not None
                ep.transport.sendto(payload, dest)
                with contextlib.suppress(TimeoutError):
                    return await asyncio.wait_for(asyncio.shield(future), wait)
                wait *= 2
            return None
        finally:
            self.table.pop(tid, None)
            ep.in_flight.discard(tid)
            future.cancel()

    async def binding(
        self, ep: _Endpoint, dest: tuple[str, int], *, test: str, change: Change = ""
    ) -> Binding:
        attrs = {}
        if change:
            attrs["CHANGE-REQUEST"] = CHANGE_PORT | (CHANGE_IP if change == "ip+port" else 0)
        message = stun.Message(stun.Method.BINDING, stun.Class.REQUEST, attributes=attrs)
        sent_to = hostport(dest)
        try:
            answer = await self.transact(ep, dest, message)
        except ConnectionRefusedError:
            return Binding(test, sent_to, change, error="ICMP port unreachable")
        if answer is None:
            return Binding(test, sent_to, change, error="timeout")
        return binding_from_message(
            answer.message, test=test, sent_to=sent_to, origin=hostport(answer.origin),
            change=change,
        )  # fmt: skip


def _resolve(server: str | tuple[str, int]) -> tuple[tuple[str, int], int]:
    host, port = parse_server(server) if isinstance(server, str) else server
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_DGRAM)
    except socket.gaierror as exc:
        raise StunError(f"cannot resolve the STUN server {host}: {exc.strerror}") from None
    family, _, _, _, sockaddr = infos[0]
    return (str(sockaddr[0]), int(sockaddr[1])), family


def _local_ip(server: tuple[str, int], family: int) -> str:
    """The address this host sends from towards the server (routing decides)."""
    with socket.socket(family, socket.SOCK_DGRAM) as s:
        try:
            s.connect(server)
        except OSError as exc:
            raise StunError(f"no route to the STUN server {hostport(server)}: {exc}") from None
        return str(s.getsockname()[0])


async def _client(
    server: str | tuple[str, int], local_ip: str | None, rto: float, attempts: int
) -> _Client:
    addr, family = await asyncio.to_thread(_resolve, server)
    return _Client(addr, local_ip or _local_ip(addr, family), family, rto=rto, attempts=attempts)


async def discover(
    server: str | tuple[str, int],
    *,
    local_ip: str | None = None,
    rto: float = RTO,
    attempts: int = ATTEMPTS,
) -> Discovery:
    """Run the RFC 5780 mapping and filtering tests. Raises StunError if test I fails."""
    client = await _client(server, local_ip, rto, attempts)
    try:
        return await _discover(client)
    finally:
        client.close()


async def _discover(client: _Client) -> Discovery:
    primary = client.server
    mapping_ep = await client.endpoint()
    t1 = await client.binding(mapping_ep, primary, test="I")
    if not t1.ok:
        raise StunError(
            f"the STUN server {hostport(primary)} does not answer"
            + (f" ({t1.error})" if t1.error else ""),
            (t1.describe(),),
        )
    other = _split(t1.other) if t1.other else None

    async def mapping_tests() -> tuple[Binding, ...]:
        if other is None or t1.mapped == mapping_ep.local or other[0] == primary[0]:
            return (t1,)
        t2 = await client.binding(mapping_ep, (other[0], primary[1]), test="II")
        if not t2.ok or t2.mapped == t1.mapped:
            return (t1, t2)
        t3 = await client.binding(mapping_ep, other, test="III")
        return (t1, t2, t3)

    async def filtering_test(change: Change, name: str) -> tuple[Binding, Binding]:
        ep = await client.endpoint()  # a fresh socket: nothing opened the filter yet
        first = await client.binding(ep, primary, test="I")
        if not first.ok:
            return first, Binding(name, hostport(primary), change, error="test I failed")
        return first, await client.binding(ep, primary, test=name, change=change)

    if other is None:
        mapping_results: tuple[Binding, ...] = (t1,)
        filtering: list[tuple[Binding, Binding]] = []
    else:
        mapping_results, *filtering = await asyncio.gather(
            mapping_tests(),
            filtering_test("ip+port", "filter-II"),
            filtering_test("port", "filter-III"),
        )
    mapping, mapping_evidence = classify_mapping(mapping_ep.local, *mapping_results)
    if filtering:
        (f1, f2), (_, f3) = filtering
        filtering_class, filtering_evidence = classify_filtering(f1, f2, f3)
    else:
        filtering_class, filtering_evidence = classify_filtering(t1)
    return Discovery(
        server=hostport(primary),
        local=mapping_ep.local,
        mapping=mapping,
        filtering=filtering_class,
        mapped=t1.mapped,
        mapping_tests=mapping_results,
        filtering_tests=tuple(b for pair in filtering for b in pair),
        mapping_evidence=mapping_evidence,
        filtering_evidence=filtering_evidence,
    )


async def measure_lifetime(
    server: str | tuple[str, int],
    *,
    max_idle: float = 120.0,
    first: float = 1.0,
    ratio: float = 1.08,
    confirm: int = 2,
    local_ip: str | None = None,
    rto: float = RTO,
    attempts: int = ATTEMPTS,
    on_probe: Callable[[LifetimeProbe], None] | None = None,
) -> Lifetime:
    """Idle UDP mapping lifetime, inbound (RESPONSE-PORT), bounded by ``max_idle``.

    Takes about min(lifetime * ratio, max_idle) plus a few transaction timeouts.
    """
    client = await _client(server, local_ip, rto, attempts)
    try:
        return await _measure(client, lifetime_schedule(max_idle, first=first, ratio=ratio),
                              confirm, on_probe)  # fmt: skip
    finally:
        client.close()


async def _measure(
    client: _Client,
    schedule: tuple[float, ...],
    confirm: int,
    on_probe: Callable[[LifetimeProbe], None] | None,
) -> Lifetime:
    primary = client.server
    checker = await client.endpoint()  # socket Y: asks the server to reach the X sockets
    check = await client.binding(checker, primary, test="I")
    if not check.ok:
        raise StunError(
            f"the STUN server {hostport(primary)} does not answer"
            + (f" ({check.error})" if check.error else "")
        )
    probes: list[LifetimeProbe] = []
    finished = asyncio.Event()

    def record(probe: LifetimeProbe) -> None:
        probes.append(probe)
        if on_probe is not None:
            on_probe(probe)
        if lifetime_done(probes, confirm=confirm):
            finished.set()

    async def probe(idle: float) -> None:
        ep = await client.endpoint()  # socket X: a fresh mapping
        request = stun.Message(stun.Method.BINDING, stun.Class.REQUEST)
        try:
            start = await client.transact(ep, primary, request)
        except ConnectionRefusedError:
            start = None
        mapped = start.message.attributes.get("XOR-MAPPED-ADDRESS") if start else None
        if start is None or mapped is None:
            record(LifetimeProbe(idle, None, note="no answer when the mapping was made"))
            return
        public = hostport(mapped)
        if check.mapped and _ip(check.mapped) != mapped[0]:
            record(LifetimeProbe(idle, None, public, note="another public address than Y"))
            return
        await asyncio.sleep(max(0.0, start.at + idle - time.monotonic()))
        sent = time.monotonic()
        message, data = response_port_request(mapped[1])
        try:
            answer = await client.transact(checker, primary, message, data)
        except ConnectionRefusedError:
            record(LifetimeProbe(idle, None, public, note="the STUN server stopped answering"))
            return
        if answer is None:
            record(LifetimeProbe(round(sent - start.at, 2), False, public))
        elif answer.endpoint is not ep:
            record(LifetimeProbe(round(answer.at - start.at, 2), None, public,
                                 note="answered to the asking socket: RESPONSE-PORT ignored"))  # fmt: skip
            finished.set()
        else:
            record(LifetimeProbe(round(answer.at - start.at, 2), True, public))
        if ep.transport is not None:
            ep.transport.close()

    tasks = [asyncio.create_task(probe(idle)) for idle in schedule]
    waiter = asyncio.create_task(finished.wait())
    pending: set[asyncio.Task[None] | asyncio.Task[bool]] = {waiter, *tasks}
    try:
        while not finished.is_set() and not all(t.done() for t in tasks):
            _, pending = await asyncio.wait(pending, return_when=asyncio.FIRST_COMPLETED)
    finally:
        for task in (*tasks, waiter):
            task.cancel()
        await asyncio.gather(*tasks, waiter, return_exceptions=True)
    if any("RESPONSE-PORT ignored" in p.note for p in probes):
        return Lifetime(
            None, None,
            ("the server answered to the asking socket: it ignores RESPONSE-PORT "
             "(RFC 5780 §7.5), so the lifetime cannot be measured with it",),
            consistent=False,
        )  # fmt: skip
    return summarise_lifetime(probes)
