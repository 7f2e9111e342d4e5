"""HEPv3 mirror: every SIP message, live, to a Homer / heplify-server collector over UDP.

HEP (Homer Encapsulation Protocol) version 3 is a flat list of chunks, each
``vendor id (2) | type id (2) | length (2, with these 6 bytes) | value``, after a
``"HEP3" | total length (2)`` header. Chunk types follow the HEP3 specification
(sipcapture/HEP, ``docs/HEP3_Network_Protocol_Specification_REV_36``): 1 address family,
2 IP protocol, 3/4 IPv4 source/destination, 5/6 IPv6, 7/8 ports, 9/10 time (s, µs),
11 protocol type (1 = SIP), 12 capture agent id, 14 auth key, 15 payload, 17 correlation id
(we send the Call-ID, as Kamailio's ``siptrace`` does). Hand-written: the encoder is thirty
lines of ``struct``, and no maintained Python HEP library exists on PyPI.

A collector that is down must never slow or break the phone: the subscriber only puts the
message into a bounded queue (``put_nowait``; full means dropped and counted), and one
daemon thread sends from a non-blocking UDP socket, counting send errors.
"""

from __future__ import annotations

import contextlib
import ipaddress
import queue
import socket
import struct
import threading
from dataclasses import dataclass

from softdiag.events import Event, SipMessage

from .pcap import parse_endpoint
from .secrets import scrub

__all__ = ["HepMirror", "HepStats", "encode_hep", "parse_hep_address"]

_HEADER = struct.Struct("!4sH")
_CHUNK = struct.Struct("!HHH")
PROTO_SIP = 1


def _chunk(kind: int, value: bytes) -> bytes:
    return _CHUNK.pack(0, kind, _CHUNK.size + len(value)) + value


def _call_id(text: str) -> str | None:
    for line in text.split("\r\n", 40)[1:40]:
        name, sep, value = line.partition(":")
        if sep and name.strip().lower() in ("call-id", "i"):
            return value.strip()
        if not line:
            break
    return None


def encode_hep(message: SipMessage, *, capture_id: int = 0, auth_key: str = "") -> bytes:
    """One HEPv3 packet carrying the message with its real addresses, ports and time."""
    local, remote = parse_endpoint(message.local), parse_endpoint(message.remote)
    src, dst = (local, remote) if message.direction == "out" else (remote, local)
    src_ip, dst_ip = ipaddress.ip_address(src.ip), ipaddress.ip_address(dst.ip)
    if src_ip.version != dst_ip.version:
        src_ip = ipaddress.ip_address("0.0.0.0" if dst_ip.version == 4 else "::")
    v6 = dst_ip.version == 6
    seconds = int(message.wall)
    micros = min(round((message.wall - seconds) * 1_000_000), 999_999)
    proto = 17 if message.transport.lower() == "udp" else 6
    chunks = [
        _chunk(1, bytes([10 if v6 else 2])),
        _chunk(2, bytes([proto])),
        _chunk(5 if v6 else 3, src_ip.packed),
        _chunk(6 if v6 else 4, dst_ip.packed),
        _chunk(7, struct.pack("!H", src.port)),
        _chunk(8, struct.pack("!H", dst.port)),
        _chunk(9, struct.pack("!I", seconds & 0xFFFFFFFF)),
        _chunk(10, struct.pack("!I", micros)),
        _chunk(11, bytes([PROTO_SIP])),
        _chunk(12, struct.pack("!I", capture_id & 0xFFFFFFFF)),
    ]
    if auth_key:
        chunks.append(_chunk(14, auth_key.encode()))
    call_id = _call_id(message.text)
    if call_id:
        chunks.append(_chunk(17, call_id.encode("utf-8", "replace")))
    chunks.append(_chunk(15, message.text.encode("utf-8", "replace")))
    body = b"".join(chunks)
    return _HEADER.pack(b"HEP3", _HEADER.size + len(body)) + body


def parse_hep_address(text: str) -> tuple[str, int]:
    """``HOST:PORT`` (``[v6]:PORT``) resolved to one address; ValueError with a reason."""
    host, sep, port = text.rpartition(":")
    host = host.strip("[]")
    if not sep or not host or not (port.isascii() and port.isdigit()) or not 0 < int(port) < 65536:
        raise ValueError(f"--hep needs HOST:PORT, got {text!r}")
    try:
        infos = socket.getaddrinfo(host, int(port), type=socket.SOCK_DGRAM)
    except socket.gaierror as exc:
        raise ValueError(f"--hep: cannot resolve {host!r}: {exc.strerror}") from None
    address = infos[0][4]
    return str(address[0]), int(address[1])


@dataclass(frozen=True, slots=True)
class HepStats:
    sent: int
    dropped: int  # the queue was full (the collector cannot keep up, or we are flooded)
    errors: int  # the socket refused (collector unreachable, ICMP errors)


class HepMirror:
    """A session subscriber that mirrors ``SipMessage`` events to a HEP collector."""

    def __init__(self, host: str, port: int, *, capture_id: int = 0, auth_key: str = "",
                 queue_size: int = 4096, secrets: tuple[str, ...] = ()) -> None:  # fmt: skip
        self.address = (host, port)
        self.capture_id = capture_id
        self._auth_key = auth_key
        self._secrets = secrets
        self._queue: queue.Queue[SipMessage] = queue.Queue(maxsize=queue_size)
        self._stop = threading.Event()
        family = socket.AF_INET6 if ":" in host else socket.AF_INET
        self._socket = socket.socket(family, socket.SOCK_DGRAM)
        self._socket.setblocking(False)
        self._thread = threading.Thread(target=self._sender, name="softdiag-hep", daemon=True)
        self.sent = self.dropped = self.errors = 0

    def start(self) -> HepMirror:
        self._thread.start()
        return self

    def __call__(self, event: Event) -> None:
        if not isinstance(event, SipMessage):
            return
        try:
            self._queue.put_nowait(event)
        except queue.Full:
            self.dropped += 1

    def _sender(self) -> None:
        while not self._stop.is_set() or not self._queue.empty():
            try:
                message = self._queue.get(timeout=0.2)
            except queue.Empty:
                continue
            clean = scrub(message, self._secrets)
            assert isinstance(clean, SipMessage)
            packet = encode_hep(clean, capture_id=self.capture_id, auth_key=self._auth_key)
            try:
                self._socket.sendto(packet, self.address)
                self.sent += 1
            except OSError:  # refused, unreachable, buffer full: count and go on
                self.errors += 1

    def close(self, timeout: float = 1.0) -> HepStats:
        """Stop after sending what is queued (at most ``timeout`` seconds)."""
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join(timeout)
        if self._thread.is_alive():  # still draining: what is left is dropped
            with contextlib.suppress(Exception):
                while True:
                    self._queue.get_nowait()
                    self.dropped += 1
        self._socket.close()
        return HepStats(self.sent, self.dropped, self.errors)
