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

1. The classification is pure and lives in :mod:`softdiag.nat.behaviour`: it takes the
   recorded :class:`Binding` results this module collects; the tests feed it synthetic
   and recorded answers.
2. Every wait is bounded: a transaction by ``RTO * (2**attempts - 1)`` (RFC 5389 §7.2.1
   retransmission doubling, 0.5 s initial RTO -> 3.5 s for 3 attempts), the lifetime run by
   ``max_idle`` plus one transaction. The request, its retransmissions and the matching of
   the answer are aioice's :class:`aioice.stun.Transaction`; this module is the protocol
   that sends for it and hands it what arrives.
3. Requests are paced (``max_rate`` per second, :class:`softdiag.pacing.Pacer`) so that a
   public STUN server is never flooded, whatever the schedule: a transaction starts in its
   slot, and a retransmission that falls inside another's gap leaves that much later (its
   place in the 0, 0.5, 1.5, 3.5 s schedule does not move).
"""

from __future__ import annotations

import asyncio
import contextlib
import socket
import struct
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from aioice import stun

from softdiag.hostport import HostPort
from softdiag.pacing import Pacer

from .behaviour import (
    Binding,
    Change,
    Discovery,
    FilteringClass,
    Lifetime,
    LifetimeProbe,
    MappingClass,
    behaviour_event,
    behaviour_findings,
    binding_from_message,
    classify_filtering,
    classify_mapping,
    hostport,
    lifetime_done,
    lifetime_schedule,
    split_hostport,
    summarise_lifetime,
)

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

CHANGE_IP = 0x04  # RFC 5780 §7.2 CHANGE-REQUEST flags
CHANGE_PORT = 0x02
RESPONSE_PORT = 0x0027  # RFC 5780 §7.5; not in aioice's attribute table
RTO = stun.RETRY_RTO  # RFC 5389 §7.2.1 initial retransmission timeout (0.5 s), aioice's
ATTEMPTS = 3  # sends at 0, 0.5, 1.5 s; gives up at 3.5 s
DEFAULT_STUN_PORT = 3478  # RFC 5389 §9
IP_RECVERR = getattr(socket, "IP_RECVERR", 11)  # <linux/in.h>; Python 3.11 lacks the name


class StunError(Exception):
    """The STUN server cannot be used: a one-line reason plus the evidence."""

    def __init__(self, message: str, evidence: tuple[str, ...] = ()) -> None:
        super().__init__(message)
        self.evidence = evidence


def parse_server(text: str) -> tuple[str, int]:
    """``HOST[:PORT]`` (``[v6]:PORT`` for IPv6) -> (host, port). ValueError on bad input."""
    hp = HostPort.parse(text, what="STUN server")
    return hp.host, hp.port or DEFAULT_STUN_PORT


# -- I/O: asyncio UDP, transactions by aioice ------------------------------------------------


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


@dataclass(slots=True)
class _Pending:
    """One transaction in flight: aioice's Transaction plus what it does not keep."""

    transaction: stun.Transaction
    wire: bytes  # what goes out (aioice's encoding, or with RESPONSE-PORT appended)
    refused: asyncio.Future[None]  # set by an ICMP error on the sending socket
    sends: int = 0
    first: _Answer | None = None  # the answer the transaction took: socket and arrival time


class _Endpoint(asyncio.DatagramProtocol):
    """One UDP socket: sends for aioice's transactions (its ``send_stun``) and hands what
    arrives to the transaction of that id in the table shared by all the client's sockets
    (the lifetime probe asks from one socket and is answered on another)."""

    def __init__(self, table: dict[bytes, _Pending], pacer: Pacer | None = None) -> None:
        self.table = table
        self.pacer = pacer
        self.transport: asyncio.DatagramTransport | None = None
        self.local = ""
        self.in_flight: set[bytes] = set()  # transaction ids sent from this socket

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        self.transport = transport  # type: ignore[assignment]  # a datagram transport
        self.local = hostport(transport.get_extra_info("sockname"))

    def send_stun(self, message: stun.Message, addr: tuple[str, int]) -> None:
        """aioice's TransactionSender: the first send was paced before the transaction
        started; a retransmission takes the next free slot."""
        pending = self.table.get(message.transaction_id)
        data = pending.wire if pending is not None else bytes(message)
        delay = 0.0
        if pending is not None:
            pending.sends += 1
            if pending.sends > 1 and self.pacer is not None:
                delay = self.pacer.delay(time.monotonic())
        if delay > 0:
            asyncio.get_running_loop().call_later(delay, self._send, data, addr)
        else:
            self._send(data, addr)

    def _send(self, data: bytes, addr: tuple[str, int]) -> None:
        if self.transport is not None and not self.transport.is_closing():
            self.transport.sendto(data, addr)

    def datagram_received(self, data: bytes, addr: tuple[str, int]) -> None:
        try:
            message = stun.parse_message(data)
        except (ValueError, struct.error, IndexError, KeyError):
            return  # not STUN, or damaged (anyone can send us a datagram): ignore
        pending = self.table.get(message.transaction_id)
        if pending is None:
            return
        if pending.first is None:
            pending.first = _Answer(message, addr, self, time.monotonic())
        pending.transaction.response_received(message, addr)

    def error_received(self, exc: Exception) -> None:
        # With IP_RECVERR an ICMP error (port unreachable) reaches this unconnected socket:
        # fail what is in flight from it now instead of waiting for the last timeout.
        for tid in self.in_flight:
            pending = self.table.get(tid)
            if pending is not None and not pending.refused.done():
                pending.refused.set_exception(ConnectionRefusedError(str(exc)))


@dataclass
class _Client:
    """Sockets, a transaction table and a pace, for one STUN server."""

    server: tuple[str, int]
    local_ip: str
    family: int
    attempts: int = ATTEMPTS
    max_rate: float = 50.0
    table: dict[bytes, _Pending] = field(default_factory=dict)
    endpoints: list[_Endpoint] = field(default_factory=list)
    pacer: Pacer = field(init=False)

    def __post_init__(self) -> None:
        self.pacer = Pacer(self.max_rate)

    async def endpoint(self) -> _Endpoint:
        loop = asyncio.get_running_loop()
        transport, proto = await loop.create_datagram_endpoint(
            lambda: _Endpoint(self.table, self.pacer),
            local_addr=(self.local_ip, 0),
            family=self.family,
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
        tid = message.transaction_id
        transaction = stun.Transaction(
            message, dest, ep, retransmissions=(attempts or self.attempts) - 1
        )
        loop = asyncio.get_running_loop()
        pending = _Pending(
            transaction, data if data is not None else bytes(message), loop.create_future()
        )
        await self.pacer.wait()
        self.table[tid] = pending
        ep.in_flight.add(tid)
        # aioice's Transaction ends on an answer or on its last timeout; it has no way to be
        # told that the destination port is closed (its own ICE protocol only logs
        # error_received). The ICMP fail-fast is therefore a race against the transaction.
        run = asyncio.ensure_future(transaction.run())
        try:
            waits: tuple[asyncio.Future[Any], ...] = (run, pending.refused)
            await asyncio.wait(waits, return_when=asyncio.FIRST_COMPLETED)
            if not run.done():
                pending.refused.result()  # raises ConnectionRefusedError
            try:
                run.result()
            except stun.TransactionTimeout:
                return None
            except stun.TransactionFailed:
                pass  # an error response: an answer all the same (ERROR-CODE is evidence)
            assert pending.first is not None
            return pending.first
        finally:
            self.table.pop(tid, None)
            ep.in_flight.discard(tid)
            run.cancel()
            if pending.refused.done() and not pending.refused.cancelled():
                pending.refused.exception()  # an ICMP error after the answer: seen, not raised
            pending.refused.cancel()
            with contextlib.suppress(asyncio.CancelledError, stun.TransactionError):
                await run

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


async def _client(server: str | tuple[str, int], local_ip: str | None, attempts: int) -> _Client:
    addr, family = await asyncio.to_thread(_resolve, server)
    return _Client(addr, local_ip or _local_ip(addr, family), family, attempts=attempts)


async def discover(
    server: str | tuple[str, int],
    *,
    local_ip: str | None = None,
    attempts: int = ATTEMPTS,
) -> Discovery:
    """Run the RFC 5780 mapping and filtering tests. Raises StunError if test I fails."""
    client = await _client(server, local_ip, attempts)
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
    other = split_hostport(t1.other) if t1.other else None

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
    attempts: int = ATTEMPTS,
    on_probe: Callable[[LifetimeProbe], None] | None = None,
) -> Lifetime:
    """Idle UDP mapping lifetime, inbound (RESPONSE-PORT), bounded by ``max_idle``.

    Takes about min(lifetime * ratio, max_idle) plus a few transaction timeouts.
    """
    client = await _client(server, local_ip, attempts)
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
        if check.mapped and split_hostport(check.mapped)[0] != mapped[0]:
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
