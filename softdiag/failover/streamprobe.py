"""One OPTIONS probe over TCP or TLS, phase by phase, so every failure has its name.

A connection-oriented probe can fail in four places, and each means something else to the
user and to the failover policy:

==================  =================================================================
``connect_refused``  the TCP connection was refused (RST): nothing listens on the port
``connect_timeout``  no answer to the TCP SYN: the host is down, frozen or filtered
``tls_handshake_timeout``  connected, but the TLS handshake got no answer (a frozen
                     server, or a port that does not speak TLS)
``tls_<problem>``    the TLS handshake failed: unknown CA, name mismatch, expired
                     certificate, old protocol or another handshake failure
                     (:mod:`softdiag.sip.tls`); the certificate is kept as evidence
``no_sip_answer``    connected (and TLS verified) but no SIP answer in time
``closed``           the server closed the connection before answering
==================  =================================================================

Each phase gets what is left of one overall timeout, so a probe never outlives it. The
TLS handshake uses the same policy as the engine (system store plus ``--ca``, TLS 1.2+,
SNI and checked name = the SRV target's host name, whatever address the policy pinned).
When verification fails, a second handshake that checks nothing reads the server's
certificate for the evidence; no SIP is sent over it.
"""

from __future__ import annotations

import asyncio
import contextlib
import ssl
import time
from collections.abc import Callable
from dataclasses import dataclass

from softdiag.events import Target
from softdiag.sip.tls import (
    CertFacts,
    TlsProblem,
    cert_facts,
    classify_ssl_error,
    evidence_context,
)

__all__ = ["StreamAnswer", "StreamProbeFailure", "probe_stream"]

MAX_HEAD = 65536  # a SIP answer's head larger than this is not an answer


@dataclass(frozen=True, slots=True)
class StreamAnswer:
    text: str
    rtt_ms: float
    cert: CertFacts | None = None


class StreamProbeFailure(Exception):
    """A probe failed in one named phase (see the module's table)."""

    def __init__(
        self,
        failure: str,
        status: str,
        detail: str,
        *,
        tls_problem: TlsProblem | None = None,
        cert: CertFacts | None = None,
    ) -> None:
        super().__init__(detail)
        self.failure = failure
        self.status = status  # ProbeResult.status: "timeout" or "unreachable"
        self.detail = detail
        self.tls_problem = tls_problem
        self.cert = cert


async def _close(writer: asyncio.StreamWriter) -> None:
    writer.close()
    with contextlib.suppress(OSError, ssl.SSLError, TimeoutError):
        async with asyncio.timeout(0.2):
            await writer.wait_closed()


async def _read_cert(
    target: Target, name: str, deadline: float, bind_ip: str | None
) -> CertFacts | None:
    """The certificate the server shows, read without checking it (evidence only)."""
    remaining = deadline - time.monotonic()
    if remaining <= 0.05:
        return None
    try:
        async with asyncio.timeout(remaining):
            _reader, writer = await asyncio.open_connection(
                target.ip, target.port, ssl=evidence_context(), server_hostname=name,
                local_addr=(bind_ip, 0) if bind_ip else None,
            )  # fmt: skip
    except (OSError, ssl.SSLError, TimeoutError):
        return None
    try:
        ssl_object = writer.get_extra_info("ssl_object")
        der = ssl_object.getpeercert(binary_form=True) if ssl_object else None
        return cert_facts(der) if der else None
    finally:
        await _close(writer)


async def probe_stream(
    target: Target,
    build: Callable[[tuple[str, int]], bytes],
    *,
    timeout: float,
    tls: ssl.SSLContext | None = None,
    server_name: str = "",
    bind_ip: str | None = None,
) -> StreamAnswer:
    """Connect, (TLS handshake,) send ``build(local address)``, wait for the final answer's
    head. Raises :class:`StreamProbeFailure` naming the phase that failed."""
    start = time.monotonic()
    deadline = start + timeout
    where = f"{target.hostport}/{target.transport}"
    # 1. TCP connect.
    try:
        async with asyncio.timeout(timeout):
            reader, writer = await asyncio.open_connection(
                target.ip, target.port, local_addr=(bind_ip, 0) if bind_ip else None
            )
    except TimeoutError:
        raise StreamProbeFailure(
            "connect_timeout", "timeout", f"no answer to the TCP connection to {where}"
        ) from None
    except ConnectionRefusedError:
        raise StreamProbeFailure(
            "connect_refused", "unreachable", f"TCP connection to {where} refused"
        ) from None
    except OSError as exc:
        raise StreamProbeFailure("connect_error", "unreachable", exc.strerror or str(exc)) from None
    cert: CertFacts | None = None
    try:
        # 2. TLS handshake, with what is left of the time.
        if tls is not None:
            try:
                async with asyncio.timeout(max(0.01, deadline - time.monotonic())):
                    await writer.start_tls(tls, server_hostname=server_name or None)
            except TimeoutError:
                # A frozen server looks the same (its kernel still accepts connections):
                # no TLS finding, the policy sees a timeout.
                raise StreamProbeFailure(
                    "tls_handshake_timeout", "timeout",
                    "connected, but no answer to the TLS handshake (a frozen server, or the "
                    "port does not speak TLS)",
                ) from None  # fmt: skip
            except (ssl.SSLError, OSError, EOFError) as exc:
                problem, detail = classify_ssl_error(exc)
                seen = await _read_cert(target, server_name, deadline, bind_ip)
                raise StreamProbeFailure(
                    f"tls_{problem}", "unreachable", detail, tls_problem=problem, cert=seen
                ) from None
            ssl_object = writer.get_extra_info("ssl_object")
            der = ssl_object.getpeercert(binary_form=True) if ssl_object else None
            cert = cert_facts(der) if der else None
        # 3. Send OPTIONS, read until the final answer's head.
        local = writer.get_extra_info("sockname")[:2]
        message = build((str(local[0]), int(local[1])))
        try:
            async with asyncio.timeout(max(0.01, deadline - time.monotonic())):
                writer.write(message)
                await writer.drain()
                while True:
                    head = await reader.readuntil(b"\r\n\r\n")
                    if not head.startswith(b"SIP/2.0 1"):
                        break
        except TimeoutError:
            raise StreamProbeFailure(
                "no_sip_answer", "timeout", f"connected to {where} but no SIP answer in time"
            ) from None
        except asyncio.LimitOverrunError:
            raise StreamProbeFailure(
                "no_sip_answer", "unreachable", f"{where} sent something that is not SIP"
            ) from None
        except (asyncio.IncompleteReadError, ConnectionError, ssl.SSLError) as exc:
            raise StreamProbeFailure(
                "closed", "unreachable",
                f"{where} closed the connection before answering ({type(exc).__name__})",
            ) from None  # fmt: skip
        if not head.startswith(b"SIP/2.0 "):
            raise StreamProbeFailure(
                "no_sip_answer", "unreachable", f"{where} answered something that is not SIP"
            )
        return StreamAnswer(head.decode(errors="replace"), (time.monotonic() - start) * 1e3, cert)
    finally:
        await _close(writer)
