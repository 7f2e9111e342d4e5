"""STUN transactions on aioice's Transaction: retransmission schedule, answer matching across
sockets, error answers, ICMP fail-fast and pacing. No network: the sockets' transports are
recorders and the answers are handed to the receiving endpoint as the event loop would."""

from __future__ import annotations

import asyncio
import itertools
import socket
from collections.abc import Callable, Coroutine
from typing import Any

import pytest
from aioice import stun

from softdiag.nat import stun as nat_stun
from softdiag.nat.stun import _Client, _Endpoint
from softdiag.pacing import Pacer

SERVER = ("203.0.113.1", 3478)
RTO = 0.02  # aioice's 0.5 s initial RTO, scaled down so the schedule takes 140 ms


class Wire:
    """A datagram transport that records what is sent, and when."""

    def __init__(self, local: tuple[str, int]) -> None:
        self.local = local
        self.sent: list[tuple[float, bytes, tuple[str, int]]] = []
        self.closed = False

    def sendto(self, data: bytes, addr: tuple[str, int]) -> None:
        self.sent.append((asyncio.get_running_loop().time(), data, addr))

    def get_extra_info(self, name: str, default: object = None) -> object:
        return self.local if name == "sockname" else default

    def is_closing(self) -> bool:
        return self.closed

    def close(self) -> None:
        self.closed = True


def _endpoint(client: _Client, port: int) -> tuple[_Endpoint, Wire]:
    ep = _Endpoint(client.table, client.pacer)
    wire = Wire(("192.0.2.10", port))
    ep.connection_made(wire)  # type: ignore[arg-type]
    client.endpoints.append(ep)
    return ep, wire


def _run(
    monkeypatch: pytest.MonkeyPatch, body: Callable[[_Client], Coroutine[Any, Any, None]]
) -> None:
    monkeypatch.setattr(stun, "RETRY_RTO", RTO)

    async def main() -> None:
        await body(_Client(SERVER, "192.0.2.10", socket.AF_INET, max_rate=1000.0))

    asyncio.run(main())


def _answer(request: bytes, *, ok: bool = True) -> bytes:
    message = stun.parse_message(request)
    cls = stun.Class.RESPONSE if ok else stun.Class.ERROR
    attrs: dict[str, Any] = (
        {"XOR-MAPPED-ADDRESS": ("198.51.100.7", 40000)} if ok else {"ERROR-CODE": (420, "No")}
    )
    return bytes(stun.Message(stun.Method.BINDING, cls, message.transaction_id, attrs))


def test_a_silent_server_gets_three_sends_at_0_1_3_rto_and_the_end_at_7(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    async def body(client: _Client) -> None:
        ep, wire = _endpoint(client, 40000)
        loop = asyncio.get_running_loop()
        start = loop.time()
        request = stun.Message(stun.Method.BINDING, stun.Class.REQUEST)
        assert await client.transact(ep, SERVER, request) is None
        ended = loop.time() - start
        times = [t - wire.sent[0][0] for t, _, _ in wire.sent]
        assert len(times) == nat_stun.ATTEMPTS == 3
        assert times[1] == pytest.approx(RTO, abs=0.015)
        assert times[2] == pytest.approx(3 * RTO, abs=0.015)
        assert ended == pytest.approx(7 * RTO, abs=0.03)  # RTO * (2**attempts - 1)
        assert {data for _, data, _ in wire.sent} == {bytes(request)}
        assert not client.table and not ep.in_flight  # nothing left behind

    _run(monkeypatch, body)


def test_an_answer_on_another_socket_ends_the_transaction_and_says_where(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    async def body(client: _Client) -> None:
        asking, wire = _endpoint(client, 40000)
        other, _ = _endpoint(client, 40002)
        request, data = nat_stun.response_port_request(40002)
        task = asyncio.ensure_future(client.transact(asking, SERVER, request, data))
        await asyncio.sleep(RTO / 2)
        assert wire.sent[0][1] == data  # the RESPONSE-PORT bytes, not aioice's encoding
        other.datagram_received(b"\x00\x01junk", SERVER)  # not STUN: ignored
        other.datagram_received(_answer(data), SERVER)
        answer = await task
        assert answer is not None and answer.endpoint is other and answer.origin == SERVER
        assert answer.message.attributes["XOR-MAPPED-ADDRESS"] == ("198.51.100.7", 40000)
        assert len(wire.sent) == 1  # no retransmission after the answer

    _run(monkeypatch, body)


def test_an_error_answer_is_an_answer(monkeypatch: pytest.MonkeyPatch) -> None:
    async def body(client: _Client) -> None:
        ep, wire = _endpoint(client, 40000)
        task = asyncio.ensure_future(client.binding(ep, SERVER, test="filter-III", change="port"))
        await asyncio.sleep(RTO / 2)
        ep.datagram_received(_answer(wire.sent[0][1], ok=False), SERVER)
        binding = await task
        assert binding.error == "error 420 No" and not binding.ok
        sent = stun.parse_message(wire.sent[0][1])
        assert sent.attributes["CHANGE-REQUEST"] == nat_stun.CHANGE_PORT
        assert len(wire.sent) == 1

    _run(monkeypatch, body)


def test_icmp_port_unreachable_ends_the_transaction_at_once(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    async def body(client: _Client) -> None:
        ep, wire = _endpoint(client, 40000)
        loop = asyncio.get_running_loop()
        start = loop.time()
        task = asyncio.ensure_future(client.binding(ep, SERVER, test="I"))
        await asyncio.sleep(RTO / 2)
        ep.error_received(ConnectionRefusedError(111, "Connection refused"))
        binding = await task
        assert binding.error == "ICMP port unreachable"
        assert loop.time() - start < RTO  # before the first retransmission
        assert len(wire.sent) == 1 and not client.table

    _run(monkeypatch, body)


def test_transactions_started_together_leave_one_pacing_gap_apart(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    async def body(client: _Client) -> None:
        client.pacer = Pacer(100.0)  # 10 ms apart
        ep, wire = _endpoint(client, 40000)
        ep.pacer = client.pacer
        requests = [stun.Message(stun.Method.BINDING, stun.Class.REQUEST) for _ in range(4)]
        tasks = [asyncio.ensure_future(client.transact(ep, SERVER, r, attempts=1))
                 for r in requests]  # fmt: skip
        await asyncio.gather(*tasks)
        firsts = sorted(t for t, _, _ in wire.sent)
        assert len(firsts) == 4
        assert all(b - a >= 0.009 for a, b in itertools.pairwise(firsts))

    _run(monkeypatch, body)
