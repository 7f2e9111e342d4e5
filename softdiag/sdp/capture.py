"""Offer/answer pairs out of SIP traffic: a pcap file, or SIP message texts.

:func:`sip_messages` reads a capture (pcap or pcapng, through dpkt) and yields the SIP
messages carried over UDP or TCP; :func:`exchanges` pairs the SDP offers and answers of
each dialog in order (RFC 3264 over RFC 3261): an INVITE's SDP and the first reliable or
provisional response with SDP to it, or, for a late offer, the 200's SDP and the ACK's.

Limits (bounded work): at most :data:`MAX_PACKETS` packets are read; a SIP message over
TCP must fit in one segment (true of every lab call and most captures, where SIP messages
are a few kB); SIP over TLS cannot be read from a capture at all.
"""

from __future__ import annotations

import re
import socket
import struct
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any, BinaryIO

import dpkt

from softdiag.sip.message import parse_head

__all__ = [
    "MAX_PACKETS",
    "CaptureError",
    "Exchange",
    "SipText",
    "exchanges",
    "sip_messages",
    "split_message",
]

MAX_PACKETS = 2_000_000
_SDP = re.compile(r"application/sdp", re.IGNORECASE)
_START = re.compile(r"^(?:[A-Z]+ \S+ SIP/2\.0|SIP/2\.0 [0-9]{3} )")


class CaptureError(Exception):
    """The file is not a capture dpkt can read (the message says why, in one line)."""


@dataclass(frozen=True, slots=True)
class SipText:
    text: str
    source: str = ""  # ip:port
    destination: str = ""


@dataclass(frozen=True, slots=True)
class Exchange:
    call_id: str
    offer: str
    answer: str
    offer_headers: tuple[tuple[str, str], ...]
    answer_headers: tuple[tuple[str, str], ...]
    offer_first_line: str
    answer_first_line: str


def split_message(text: str) -> tuple[str, tuple[tuple[str, str], ...], str] | None:
    """(start line, headers, SDP body) of a SIP message carrying SDP, else None."""
    if not _START.match(text):
        return None
    parts = re.split(r"\r?\n\r?\n", text, maxsplit=1)
    head = parse_head(parts[0])
    body = parts[1] if len(parts) > 1 else ""
    if not body.strip() or not _SDP.search(head.get("content-type") or ""):
        return head.start_line, head.headers, ""
    length = head.get("content-length")
    if length is not None and length.strip().isascii() and length.strip().isdigit():
        body = body.encode("utf-8", "surrogateescape")[: int(length.strip())].decode(
            "utf-8", "replace"
        )
    return head.start_line, head.headers, body


def exchanges(messages: Iterable[SipText]) -> list[Exchange]:
    """Every offer/answer pair, in the order the answers were seen."""
    pending: dict[tuple[str, str], tuple[str, tuple[tuple[str, str], ...], str, bool]] = {}
    out: list[Exchange] = []
    seen: set[tuple[str, str, str]] = set()  # (call-id, cseq, first line): retransmissions
    for message in messages:
        parsed = split_message(message.text)
        if parsed is None:
            continue
        start, headers, body = parsed
        values = dict(headers)
        call_id = values.get("call-id", "")
        cseq_num, _, method = (values.get("cseq") or "").strip().partition(" ")
        method = method.strip().upper()
        key = (call_id, start, cseq_num)
        if key in seen:
            continue
        seen.add(key)
        is_response = start.startswith("SIP/2.0")
        if not is_response and method == "INVITE":
            pending[(call_id, cseq_num)] = (body, headers, start, bool(body))
            continue
        offer = pending.get((call_id, cseq_num))
        if is_response and method == "INVITE" and offer is not None and body:
            status = start.split(" ", 2)[1]
            if not (status.startswith("1") or status.startswith("2")):
                continue
            if offer[3]:  # the INVITE carried the offer: this is the answer
                del pending[(call_id, cseq_num)]
                out.append(Exchange(call_id, offer[0], body, offer[1], headers, offer[2], start))
            elif status.startswith("2"):  # late offer: the 200 offers, the ACK answers
                pending[(call_id, cseq_num)] = (body, headers, start, True)
                pending[(call_id, f"ack-{cseq_num}")] = (body, headers, start, True)
        elif not is_response and method == "ACK" and body:
            late = pending.pop((call_id, f"ack-{cseq_num}"), None)
            if late is not None:
                pending.pop((call_id, cseq_num), None)
                out.append(Exchange(call_id, late[0], body, late[1], headers, late[2], start))
    return out


def _ip_payload(datalink: int, frame: bytes) -> Any:
    if datalink == dpkt.pcap.DLT_EN10MB:
        return dpkt.ethernet.Ethernet(frame).data
    if datalink in (dpkt.pcap.DLT_NULL, dpkt.pcap.DLT_LOOP):
        return dpkt.loopback.Loopback(frame).data
    if datalink == dpkt.pcap.DLT_LINUX_SLL:
        return dpkt.sll.SLL(frame).data
    if datalink == 276:  # DLT_LINUX_SLL2
        return dpkt.sll2.SLL2(frame).data
    if datalink in (dpkt.pcap.DLT_RAW, 12, 14, 101, 228, 229):  # raw IP (several numbers)
        version = frame[0] >> 4 if frame else 0
        return dpkt.ip6.IP6(frame) if version == 6 else dpkt.ip.IP(frame)
    return None


def sip_messages(stream: BinaryIO) -> Iterator[SipText]:
    """The SIP messages in a pcap/pcapng capture, in capture order. Raises CaptureError."""

    try:
        reader = dpkt.pcap.UniversalReader(stream)
    except (ValueError, dpkt.Error, OSError) as exc:
        raise CaptureError(f"not a pcap or pcapng capture ({exc})") from None
    datalink = int(reader.datalink())
    packets = iter(reader)
    for _count in range(MAX_PACKETS):
        try:
            _ts, frame = next(packets)
        except StopIteration:
            return
        except (dpkt.Error, ValueError, struct.error, OSError):
            return  # a truncated capture (the writer was killed): keep what was read
        try:
            ip = _ip_payload(datalink, bytes(frame))
            transport = getattr(ip, "data", None)
            if not isinstance(transport, dpkt.udp.UDP | dpkt.tcp.TCP):
                continue
            payload = bytes(transport.data)
            family = socket.AF_INET6 if isinstance(ip, dpkt.ip6.IP6) else socket.AF_INET
            src = socket.inet_ntop(family, ip.src)
            dst = socket.inet_ntop(family, ip.dst)
        except (dpkt.Error, ValueError, OSError, IndexError, AttributeError):
            continue  # a truncated or foreign frame: skip it, like Wireshark shows it
        if not payload or not _START.match(payload[:64].decode("latin-1")):
            continue
        yield SipText(
            payload.decode("utf-8", "replace"),
            f"{src}:{transport.sport}",
            f"{dst}:{transport.dport}",
        )
