"""Structure-aware SDP mutations for fuzzing the parser and the rules.

Real SDP bodies (seeds) are split into lines; each mutation keeps the shape of SDP
(``<letter>=<value>`` lines, real attribute names) and changes what parsers trip on: numbers
(ports, payload types, clock rates, ptime) replaced by edge values, tokens by odd ones,
lines dropped, duplicated, swapped, cut short, or new attribute lines with hostile values
inserted. A ``random.Random`` drives every choice, so a seed reproduces an input, and
hypothesis can drive it too (``st.randoms()``).

Used by ``softdiag sdp fuzz`` and by the property tests; no I/O.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable, Sequence

__all__ = ["mutate_pair", "mutate_sdp"]

_NUMBER = re.compile(r"[0-9]+")
_TOKEN = re.compile(r"[A-Za-z][A-Za-z0-9_./+-]*")

NUMBERS = (
    "0", "1", "-1", "8000", "65535", "65536", "99999999999999999999", "4294967296", "127",
    "128", "00", "1e9", "nan", "inf", "٣", "²", "", " ", "0x10", "20.5", "-0",
)  # fmt: skip
TOKENS = (
    "", "IN", "IP4", "IP6", "IP5", "RTP/AVP", "RTP/SAVP", "RTP/SAVPF", "UDP/TLS/RTP/SAVPF",
    "PCMU", "telephone-event", "opus", "actpass", "active", "passive", "holdconn", "sha-256",
    "sha-999", "typ", "host", "relay", "srflx", "0.0.0.0", "::", "10.0.0.1", "127.0.0.1",
    "203.0.113.5", "2001:db8::1", "fe80::1%eth0", "a" * 300, "\x00", "é", "\u202e", "=", ":",
    ";", "/", "//", "abc=no", "inline:", "sendonly", "inactive",
)  # fmt: skip


def _n(r: random.Random) -> str:
    return r.choice(NUMBERS) if r.random() < 0.6 else str(r.randint(-5, 70000))


def _t(r: random.Random) -> str:
    return r.choice(TOKENS)


def _hex(r: random.Random) -> str:
    return ":".join(f"{r.randrange(256):02X}" for _ in range(r.choice((0, 1, 16, 20, 31, 32, 64))))


# Attribute lines with hostile values: the shapes real offers and answers carry.
TEMPLATES: tuple[Callable[[random.Random], str], ...] = (
    lambda r: (
        f"m={r.choice(('audio', 'video', 'application', _t(r)))} {_n(r)} {_t(r)} "
        + " ".join(_n(r) for _ in range(r.randint(0, 6)))
    ),
    lambda r: f"c=IN {r.choice(('IP4', 'IP6', _t(r)))} {_t(r)}",
    lambda r: f"a=rtpmap:{_n(r)} {_t(r)}/{_n(r)}" + (f"/{_n(r)}" if r.random() < 0.3 else ""),
    lambda r: f"a=fmtp:{_n(r)} {_t(r)}={_t(r)};{_t(r)}",
    lambda r: f"a=ptime:{_n(r)}",
    lambda r: f"a=maxptime:{_n(r)}",
    lambda r: f"a={r.choice(('sendrecv', 'sendonly', 'recvonly', 'inactive'))}",
    lambda r: f"a=setup:{_t(r)}",
    lambda r: f"a=fingerprint:{_t(r)} {_hex(r)}",
    lambda r: f"a=ice-ufrag:{_t(r)}",
    lambda r: f"a=ice-pwd:{_t(r)}",
    lambda r: "a=ice-lite",
    lambda r: "a=end-of-candidates",
    lambda r: (
        f"a=candidate:{_n(r)} {_n(r)} {r.choice(('UDP', 'TCP', _t(r)))} {_n(r)} {_t(r)} "
        f"{_n(r)} typ {_t(r)}"
    ),
    lambda r: f"a=crypto:{_n(r)} {_t(r)} inline:{_t(r)}",
    lambda r: r.choice(("a=rtcp-mux", "a=rtcp-mux-only", f"a=rtcp:{_n(r)}")),
    lambda r: f"{r.choice('vostcmabkz')}={_t(r)}",
    _t,  # not an SDP line at all
)


def _mutate_line(r: random.Random, line: str) -> str:
    choice = r.randrange(5)
    if choice == 0:
        return _NUMBER.sub(lambda _m: _n(r) if r.random() < 0.5 else _m.group(0), line)
    if choice == 1:
        return _TOKEN.sub(lambda _m: _t(r) if r.random() < 0.3 else _m.group(0), line)
    if choice == 2:
        return line[: r.randint(0, len(line))]
    if choice == 3:
        cut = r.randint(0, len(line))
        return (
            line[:cut] + r.choice(("\x00", " ", "\t", "\r", ":", "=", "é", "\u2028")) + line[cut:]
        )
    return line.replace(" ", r.choice(("  ", "", "\t")), 1)


def mutate_sdp(r: random.Random, seed: str, *, max_mutations: int = 8) -> str:
    """One mutated body from a seed body."""
    lines = seed.replace("\r\n", "\n").rstrip("\n").split("\n")
    for _ in range(r.randint(0, max_mutations)):
        op = r.randrange(7)
        at = r.randrange(len(lines)) if lines else 0
        if op <= 1 and lines:
            lines[at] = _mutate_line(r, lines[at])
        elif op == 2:
            lines.insert(at, r.choice(TEMPLATES)(r))
        elif op == 3 and lines:
            del lines[at]
        elif op == 4 and lines:
            lines.insert(at, lines[at])
        elif op == 5 and len(lines) > 1:
            other = r.randrange(len(lines))
            lines[at], lines[other] = lines[other], lines[at]
        elif op == 6 and lines:
            lines = lines[: at + 1]
    ending = r.choice(("\r\n", "\n", "\r\n", "\r"))
    return ending.join(lines) + (ending if r.random() < 0.8 else "")


def mutate_pair(r: random.Random, seeds: Sequence[str]) -> tuple[str, str]:
    """A mutated (offer, answer): usually from two seeds, sometimes one left intact."""
    offer, answer = r.choice(seeds), r.choice(seeds)
    if r.random() < 0.8:
        offer = mutate_sdp(r, offer)
    if r.random() < 0.8:
        answer = mutate_sdp(r, answer)
    return offer, answer
