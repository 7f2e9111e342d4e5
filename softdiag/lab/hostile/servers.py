"""The hostile servers: asyncio DNS (answers built with dnspython), SIP and STUN.

Invariants
1. Every socket is bound to a loopback address the lab was given; nothing else is opened.
2. Every script runs on the lab's loop; a script that raises answers nothing (the test
   then sees a silent server) and the error is kept in :attr:`HostileLab.errors`.
3. Floods and delays are bounded: at most ``MAX_DATAGRAMS`` datagrams per request, delays
   of at most ``MAX_DELAY`` seconds.
4. :meth:`HostileLab.stop` closes every transport and joins the thread (bounded).
"""

from __future__ import annotations

import asyncio
import re
import threading
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field

import dns.message
import dns.name

__all__ = [
    "Answer",
    "DnsScript",
    "HostileLab",
    "SipRequest",
    "SipScript",
    "StunScript",
    "digest_values",
]

MAX_DATAGRAMS = 2000
MAX_DELAY = 30.0
DOMAIN = "hostile.test"


@dataclass(frozen=True, slots=True)
class Answer:
    """What a server sends back: ``data`` after ``delay`` seconds (``close``: TCP only)."""

    data: bytes = b""
    delay: float = 0.0
    close: bool = False


@dataclass(frozen=True, slots=True)
class SipRequest:
    text: str
    transport: str  # "udp" or "tcp"
    source: tuple[str, int]

    @property
    def method(self) -> str:
        return self.text.split(" ", 1)[0]

    def header(self, name: str) -> str | None:
        m = re.search(rf"^{re.escape(name)}[ \t]*:[ \t]*(.*)$", self.text, re.I | re.M)
        return m.group(1).strip() if m else None


# Scripts: what to answer (a list, possibly empty: silence).
DnsScript = Callable[[dns.message.Message], list[Answer]]
SipScript = Callable[[SipRequest], list[Answer]]
StunScript = Callable[[bytes], list[Answer]]

_DIGEST = re.compile(r'\b(response|cnonce)\s*=\s*"?([^",\s]+)', re.I)


def digest_values(requests: list[SipRequest]) -> set[str]:
    """Every digest ``response``/``cnonce`` value the server received: what must never leak."""
    return {m.group(2) for r in requests for m in _DIGEST.finditer(r.text)}


def case_of_name(qname: str) -> str | None:
    """``c042.hostile.test`` and ``_sip._udp.c042.hostile.test`` -> ``c042``."""
    labels = qname.lower().rstrip(".").split(".")
    if labels[-2:] != DOMAIN.split("."):
        return None
    rest = [label for label in labels[:-2] if not label.startswith("_")]
    return rest[-1] if rest else None


@dataclass
class HostileLab:
    """The servers, on ``<net>.100`` (DNS :5353), ``.101`` (SIP :5060 udp+tcp), ``.102`` (STUN)."""

    net: str = "127.0.1"
    first: int = 100  # the servers use <net>.<first>, .<first+1>, .<first+2>
    dns_scripts: dict[str, DnsScript] = field(default_factory=dict)
    sip_scripts: dict[str, SipScript] = field(default_factory=dict)
    stun_scripts: dict[int, StunScript] = field(default_factory=dict)
    received: dict[str, list[SipRequest]] = field(default_factory=lambda: defaultdict(list))
    errors: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.dns_ip, self.sip_ip, self.stun_ip = (f"{self.net}.{self.first + n}" for n in range(3))
        self.dns_port, self.sip_port = 5353, 5060
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None
        self._closers: list[Callable[[], None]] = []
        self._tasks: set[asyncio.Task[None]] = set()

    @property
    def dns(self) -> str:
        return f"{self.dns_ip}:{self.dns_port}"

    # -- life cycle ------------------------------------------------------------------------

    def start(self, stun_ports: tuple[int, ...] = ()) -> None:
        loop = asyncio.new_event_loop()
        self._loop = loop
        started: list[BaseException | None] = []
        ready = threading.Event()

        def run() -> None:
            asyncio.set_event_loop(loop)
            try:
                loop.run_until_complete(self._open(stun_ports))
                started.append(None)
            except BaseException as exc:
                started.append(exc)
                ready.set()
                return
            ready.set()
            loop.run_forever()
            loop.run_until_complete(loop.shutdown_asyncgens())
            loop.close()

        self._thread = threading.Thread(target=run, name="hostile-lab", daemon=True)
        self._thread.start()
        if not ready.wait(10) or started[0] is not None:
            self.stop()
            raise OSError(f"the hostile lab cannot start on {self.net}.100-102: {started[:1]}")

    def stop(self) -> None:
        loop, thread = self._loop, self._thread
        if loop is None or thread is None:
            return

        def close_all() -> None:
            for close in self._closers:
                close()
            for task in self._tasks:
                task.cancel()
            loop.call_later(0.05, loop.stop)

        if loop.is_running():
            loop.call_soon_threadsafe(close_all)
        thread.join(10)
        self._loop = self._thread = None

    async def _open(self, stun_ports: tuple[int, ...]) -> None:
        loop = asyncio.get_running_loop()
        udp, _ = await loop.create_datagram_endpoint(
            lambda: _Udp(self, self._dns_answers), local_addr=(self.dns_ip, self.dns_port)
        )
        self._closers.append(udp.close)
        tcp = await asyncio.start_server(self._dns_tcp, self.dns_ip, self.dns_port)
        self._closers.append(tcp.close)
        udp, _ = await loop.create_datagram_endpoint(
            lambda: _Udp(self, self._sip_answers_udp), local_addr=(self.sip_ip, self.sip_port)
        )
        self._closers.append(udp.close)
        tcp = await asyncio.start_server(self._sip_tcp, self.sip_ip, self.sip_port, limit=1 << 20)
        self._closers.append(tcp.close)
        for port in stun_ports:
            udp, _ = await loop.create_datagram_endpoint(
                lambda p=port: _Udp(self, lambda data, src, p=p: self._stun_answers(p, data)),  # type: ignore[misc]
                local_addr=(self.stun_ip, port),
            )
            self._closers.append(udp.close)

    # -- scripts ---------------------------------------------------------------------------

    def _run_script(self, what: str, fn: Callable[[], list[Answer]]) -> list[Answer]:
        try:
            return list(fn())[:MAX_DATAGRAMS]
        except Exception as exc:  # invariant 2
            self.errors.append(f"{what}: {exc!r}")
            return []

    def _dns_answers(self, data: bytes, source: tuple[str, int]) -> list[Answer]:
        try:
            query = dns.message.from_wire(data)
        except Exception:
            return []
        case = case_of_name(query.question[0].name.to_text()) if query.question else None
        script = self.dns_scripts.get(case or "")
        if script is None:
            return []
        return self._run_script(f"dns {case}", lambda: script(query))

    async def _dns_tcp(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            size = int.from_bytes(await asyncio.wait_for(reader.readexactly(2), 5), "big")
            data = await asyncio.wait_for(reader.readexactly(size), 5)
            for answer in self._dns_answers(data, ("", 0)):
                await asyncio.sleep(min(answer.delay, MAX_DELAY))
                writer.write(len(answer.data).to_bytes(2, "big") + answer.data)
                await writer.drain()
        except (OSError, asyncio.IncompleteReadError, TimeoutError):
            pass
        finally:
            writer.close()

    def _sip_case(self, request: SipRequest) -> str | None:
        to = request.header("To") or request.header("t") or ""
        m = re.search(r"sips?:(?:[^@>;]*@)?([^>;:\s]+)", to)
        return case_of_name(m.group(1)) if m else None

    def _sip_answers(self, request: SipRequest) -> list[Answer]:
        # Requests for other domains (e.g. the real lab's, in a soak) go to the "*" script.
        case = self._sip_case(request) or "*"
        self.received[case].append(request)
        script = self.sip_scripts.get(case)
        if script is None:
            return []
        return self._run_script(f"sip {case}", lambda: script(request))

    def _sip_answers_udp(self, data: bytes, source: tuple[str, int]) -> list[Answer]:
        if data.strip() == b"":  # keep-alive CRLFs
            return []
        text = data.decode("utf-8", errors="replace")
        return self._sip_answers(SipRequest(text, "udp", source))

    async def _sip_tcp(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        source = writer.get_extra_info("peername")[:2]
        try:
            for _ in range(20):  # requests per connection: bounded
                head = await asyncio.wait_for(reader.readuntil(b"\r\n\r\n"), 10)
                m = re.search(rb"(?im)^(?:content-length|l)[ \t]*:[ \t]*([0-9]{1,6})", head)
                body = await reader.readexactly(int(m.group(1))) if m else b""
                text = (head + body).decode("utf-8", errors="replace")
                for answer in self._sip_answers(SipRequest(text, "tcp", source)):
                    await asyncio.sleep(min(answer.delay, MAX_DELAY))
                    if answer.data:
                        writer.write(answer.data)
                        await writer.drain()
                    if answer.close:
                        return
        except (OSError, asyncio.IncompleteReadError, asyncio.LimitOverrunError, TimeoutError):
            pass
        finally:
            writer.close()

    def _stun_answers(self, port: int, data: bytes) -> list[Answer]:
        script = self.stun_scripts.get(port)
        return [] if script is None else self._run_script(f"stun {port}", lambda: script(data))

    def track(self, task: asyncio.Task[None]) -> None:
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)


class _Udp(asyncio.DatagramProtocol):
    def __init__(
        self, lab: HostileLab, answers: Callable[[bytes, tuple[str, int]], list[Answer]]
    ) -> None:
        self.lab = lab
        self.answers = answers
        self.transport: asyncio.DatagramTransport | None = None

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        self.transport = transport  # type: ignore[assignment]  # a datagram endpoint's

    def datagram_received(self, data: bytes, addr: tuple[str, int]) -> None:
        answers = self.answers(data, addr)
        if not answers:
            return
        if all(a.delay == 0 for a in answers):
            for a in answers:
                self._send(a.data, addr)
            return
        self.lab.track(asyncio.ensure_future(self._later(answers, addr)))

    async def _later(self, answers: list[Answer], addr: tuple[str, int]) -> None:
        for a in answers:
            await asyncio.sleep(min(a.delay, MAX_DELAY))
            self._send(a.data, addr)

    def _send(self, data: bytes, addr: tuple[str, int]) -> None:
        if self.transport is not None and not self.transport.is_closing() and data:
            self.transport.sendto(data, addr)
