"""SIP OPTIONS health probes, from sockets of softdiag's own (asyncio).

Why our own sockets and not pjsua2's: pjsip on UDP ignores ICMP port-unreachable and only
learns that a server is gone when Timer F fires, 32 s later (RFC 3261 §17.1.2.2: 64·T1).
A *connected* UDP socket of our own hears the ICMP error in well under a millisecond (the
server process is gone) and tells it apart from a silent timeout (the host is frozen or a
firewall drops packets). The price: the probe's source port is another NAT mapping than
the registration's; the UI says so.

Retransmissions follow RFC 3261 timer A (T1, 2·T1, …) inside the probe timeout, so one
lost datagram does not make a healthy server look dead. A global rate limit keeps the
prober from ever flooding a server, whatever the number of targets and callers.
"""

from __future__ import annotations

import asyncio
import contextlib
import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass

from softdiag.events import ProbeResult, SipMessage, Target
from softdiag.pacing import Pacer
from softdiag.sip.message import parse_head, parse_retry_after, top_via
from softdiag.sip.tls import TlsPolicy, client_context, tls_finding, tls_name

from .streamprobe import StreamProbeFailure, probe_stream

__all__ = ["OptionsProber", "build_options"]

USER_AGENT = "softdiag/0.1 probe"


def build_options(target: Target, domain: str, local: tuple[str, int], transport: str) -> bytes:
    branch = "z9hG4bK" + secrets.token_hex(8)
    host, port = local
    return (
        f"OPTIONS sip:{target.hostport};transport={transport} SIP/2.0\r\n"
        f"Via: SIP/2.0/{transport.upper()} {host}:{port};branch={branch};rport\r\n"
        "Max-Forwards: 70\r\n"
        f"From: <sip:softdiag-probe@{domain}>;tag={secrets.token_hex(4)}\r\n"
        f"To: <sip:{domain}>\r\n"
        f"Call-ID: {secrets.token_hex(10)}@softdiag\r\n"
        "CSeq: 1 OPTIONS\r\n"
        f"User-Agent: {USER_AGENT}\r\n"
        "Accept: application/sdp\r\n"
        "Content-Length: 0\r\n\r\n"
    ).encode()


@dataclass(frozen=True, slots=True)
class _Answer:
    text: str
    rtt_ms: float


class _UdpProbe(asyncio.DatagramProtocol):
    def __init__(self) -> None:
        self.answer: asyncio.Future[bytes] = asyncio.get_running_loop().create_future()

    def datagram_received(self, data: bytes, addr: tuple[str, int]) -> None:
        # A 1xx (100 Trying) is provisional: keep waiting for the final answer.
        final = data.startswith(b"SIP/2.0 ") and not data.startswith(b"SIP/2.0 1")
        if final and not self.answer.done():
            self.answer.set_result(data)

    def error_received(self, exc: Exception) -> None:
        if not self.answer.done():
            self.answer.set_exception(exc)


class OptionsProber:
    def __init__(
        self,
        domain: str,
        *,
        timeout: float = 1.0,
        t1: float = 0.25,
        max_rate: float = 20.0,
        bind_ip: str | None = None,
        tls: TlsPolicy | None = None,
    ) -> None:
        self.domain = domain
        self.tls = tls or TlsPolicy()
        self._tls_context = client_context(self.tls)
        self.timeout = timeout
        self.t1 = t1
        # Global rate limit: at most max_rate probe datagrams/connections per second.
        self._pacer = Pacer(max_rate)
        self._bind_ip = bind_ip
        # Sees every probe request and final answer as a SipMessage (the journal, the pcap).
        self.tap: Callable[[SipMessage], None] | None = None

    def _tapped(
        self, direction: str, transport: str, local: object, remote: Target, data: bytes | str
    ) -> None:
        if self.tap is not None:
            text = data if isinstance(data, str) else data.decode(errors="replace")
            host, port = local if isinstance(local, tuple) else ("", 0)
            self.tap(SipMessage(direction=direction, transport=transport, local=f"{host}:{port}",  # type: ignore[arg-type]
                                remote=remote.hostport, text=text))  # fmt: skip

    async def probe_all(self, targets: list[Target]) -> list[ProbeResult]:
        return list(await asyncio.gather(*(self.probe(t) for t in targets)))

    async def probe(self, target: Target) -> ProbeResult:
        try:
            if target.transport == "udp":
                answer = await self._probe_udp(target)
            else:
                answer = await self._probe_tcp(target)
        except StreamProbeFailure as failure:
            finding = None
            if failure.tls_problem is not None:
                finding = tls_finding(
                    failure.tls_problem, server=target.hostport,
                    name=tls_name(target, self.domain), detail=failure.detail, cert=failure.cert,
                )  # fmt: skip
            return self._result(
                target, failure.status, reason=failure.detail, failure=failure.failure,
                finding=finding,
            )  # fmt: skip
        except TimeoutError:
            return self._result(target, "timeout", reason="no answer")
        except ConnectionRefusedError:
            return self._result(target, "unreachable", reason="ICMP port unreachable")
        except asyncio.LimitOverrunError:
            return self._result(target, "error", reason="answer header over 64 KiB")
        except OSError as exc:
            return self._result(target, "unreachable", reason=exc.strerror or str(exc))
        except Exception as exc:  # supervised: a probe ends in a result, never a dead loop
            return self._result(target, "error", reason=f"softdiag error: {type(exc).__name__}")
        try:
            return self._answer_result(target, answer)
        except Exception as exc:  # parsing is tolerant; this is the last line of defence
            return self._result(target, "error", reason=f"unreadable answer: {type(exc).__name__}")

    def _answer_result(self, target: Target, answer: _Answer) -> ProbeResult:
        head = parse_head(answer.text)
        code = head.status
        via = top_via(head)
        if code is None:
            # Not a SIP status line we can read (SIP/2.0 ²00, thousands of digits, ...).
            return self._result(target, "error", code=0, reason="malformed answer",
                                rtt_ms=answer.rtt_ms)  # fmt: skip
        return self._result(
            target,
            "ok" if 200 <= code < 300 else "error",
            code=code,
            reason=head.reason[:200],
            rtt_ms=answer.rtt_ms,
            received=(via.received or "")[:100] or None if via else None,
            rport=via.rport if via else None,
            retry_after=parse_retry_after(head.get("retry-after")),
            server=(head.get("x-registrar") or head.get("server") or "")[:200] or None,
        )

    def _result(self, target: Target, status: str, **kw: object) -> ProbeResult:
        return ProbeResult(
            target=target.hostport,
            transport=target.transport,
            status=status,  # type: ignore[arg-type]
            **kw,  # type: ignore[arg-type]
        )

    async def _probe_udp(self, target: Target) -> _Answer:
        await self._pacer.wait()
        loop = asyncio.get_running_loop()
        transport, proto = await loop.create_datagram_endpoint(
            _UdpProbe,
            remote_addr=(target.ip, target.port),
            local_addr=(self._bind_ip, 0) if self._bind_ip else None,
        )
        try:
            local = transport.get_extra_info("sockname")[:2]
            message = build_options(target, self.domain, local, "udp")
            start = time.monotonic()
            deadline = start + self.timeout
            interval = self.t1
            while True:
                transport.sendto(message)
                self._tapped("out", "udp", local, target, message)
                wait = min(interval, deadline - time.monotonic())
                if wait <= 0:
                    raise TimeoutError
                with contextlib.suppress(TimeoutError):
                    data = await asyncio.wait_for(asyncio.shield(proto.answer), wait)
                    self._tapped("in", "udp", local, target, data)
                    return _Answer(data.decode(errors="replace"), (time.monotonic() - start) * 1e3)
                interval *= 2
        finally:
            transport.close()
            # An ICMP error that arrived after we stopped waiting must not be reported as
            # "exception was never retrieved" when the loop shuts down.
            if proto.answer.done():
                if not proto.answer.cancelled():
                    proto.answer.exception()
            else:
                proto.answer.cancel()

    async def _probe_tcp(self, target: Target) -> _Answer:
        """TCP or TLS (real TLS, verified like the engine): softdiag.failover.streamprobe."""
        await self._pacer.wait()
        tls = target.transport == "tls"
        sent_from: list[tuple[str, int]] = []

        def build(local: tuple[str, int]) -> bytes:
            request = build_options(target, self.domain, local, target.transport)
            sent_from.append(local)
            self._tapped("out", target.transport, local, target, request)
            return request

        answer = await probe_stream(
            target,
            build,
            timeout=self.timeout,
            tls=self._tls_context if tls else None,
            server_name=tls_name(target, self.domain) if tls else "",
            bind_ip=self._bind_ip,
        )
        self._tapped("in", target.transport, sent_from[0], target, answer.text)
        return _Answer(answer.text, answer.rtt_ms)
