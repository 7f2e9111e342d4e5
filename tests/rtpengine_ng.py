"""A minimal client of rtpengine's ng control protocol (bencode over UDP), for tests.

Each request is ``<cookie> <bencoded dict>``; the reply echoes the cookie. Bounded: one
datagram out, one in, a timeout, three tries.

Bencode by hand: rtpengine 10.5 replies with dictionary keys out of order ("sdp" before
"result"), which strict libraries (fastbencode: "dict keys disordered") reject; the format
is four rules and this reader accepts any key order.
"""

from __future__ import annotations

import os
import socket
from typing import Any

MAX_DEPTH = 32


def bencode(value: Any) -> bytes:
    if isinstance(value, str):
        value = value.encode()
    if isinstance(value, bytes):
        return str(len(value)).encode() + b":" + value
    if isinstance(value, int):
        return b"i%de" % value
    if isinstance(value, list | tuple):
        return b"l" + b"".join(bencode(v) for v in value) + b"e"
    if isinstance(value, dict):
        items = sorted((k.encode() if isinstance(k, str) else k, v) for k, v in value.items())
        return b"d" + b"".join(bencode(k) + bencode(v) for k, v in items) + b"e"
    raise TypeError(f"cannot bencode {type(value).__name__}")


def bdecode(data: bytes, at: int = 0, depth: int = 0) -> tuple[Any, int]:
    """(value, next offset); strings come back as text. Raises ValueError when malformed."""
    if depth > MAX_DEPTH or at >= len(data):
        raise ValueError("bencode too deep or truncated")
    kind = data[at : at + 1]
    if kind == b"i":
        end = data.index(b"e", at)
        return int(data[at + 1 : end]), end + 1
    if kind in (b"l", b"d"):
        at += 1
        items: list[Any] = []
        while data[at : at + 1] != b"e":
            item, at = bdecode(data, at, depth + 1)
            items.append(item)
        if kind == b"l":
            return items, at + 1
        return dict(zip(items[::2], items[1::2], strict=True)), at + 1
    colon = data.index(b":", at)
    length = int(data[at:colon])
    start = colon + 1
    if start + length > len(data):
        raise ValueError("bencode string truncated")
    return data[start : start + length].decode("utf-8", "replace"), start + length


def ng(control: str, command: dict[str, Any], *, timeout: float = 2.0) -> dict[str, Any]:
    ip, port = control.rsplit(":", 1)
    cookie = os.urandom(6).hex().encode()
    data = cookie + b" " + bencode(command)
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sock:
        sock.settimeout(timeout)
        for _attempt in range(3):
            sock.sendto(data, (ip, int(port)))
            try:
                reply = sock.recv(65535)
            except TimeoutError:
                continue
            got_cookie, _, body = reply.partition(b" ")
            if got_cookie == cookie:
                result, _end = bdecode(body)
                assert isinstance(result, dict)
                return result
    raise TimeoutError(f"rtpengine at {control} did not answer {command.get('command')!r}")
