"""The pure half of RFC 3263 / RFC 2782: which records to follow, in which order.

No I/O here: the resolver feeds in the records it got; randomness is injected so that the
RFC 2782 weighted order is testable.

- NAPTR (RFC 3263 §4.1): keep records whose service matches a transport we speak, order by
  (order, preference); flags "S" point at an SRV name.
- SRV (RFC 2782): lowest priority first; within one priority, a weighted random draw where
  weight 0 records have a small chance, then the rest in draw order.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass

from softdiag.events import Transport

__all__ = [
    "NAPTR_SERVICES",
    "NaptrRecord",
    "SrvRecord",
    "default_port",
    "order_naptr",
    "order_srv",
    "srv_name",
]

# RFC 3263 §4.1 service fields -> our transport names.
NAPTR_SERVICES: dict[str, Transport] = {"SIP+D2U": "udp", "SIP+D2T": "tcp", "SIPS+D2T": "tls"}


@dataclass(frozen=True, slots=True)
class NaptrRecord:
    order: int
    preference: int
    flags: str
    service: str
    replacement: str


@dataclass(frozen=True, slots=True)
class SrvRecord:
    priority: int
    weight: int
    port: int
    target: str


def srv_name(domain: str, transport: str) -> str:
    if transport == "tls":
        return f"_sips._tcp.{domain}"
    return f"_sip._{transport}.{domain}"


def default_port(transport: str) -> int:
    return 5061 if transport == "tls" else 5060


def order_naptr(records: Sequence[NaptrRecord], transport: str | None) -> list[NaptrRecord]:
    """Usable NAPTR records (flag S, a service we speak, the transport asked for), in order."""
    usable = [
        r
        for r in records
        if r.flags.upper() == "S"
        and r.service.upper() in NAPTR_SERVICES
        and (transport is None or NAPTR_SERVICES[r.service.upper()] == transport)
    ]
    return sorted(usable, key=lambda r: (r.order, r.preference))


def order_srv(records: Sequence[SrvRecord], rng: random.Random | None = None) -> list[SrvRecord]:
    """RFC 2782 selection order: by priority, weighted-random within a priority."""
    rng = rng or random.Random()
    if len(records) == 1 and records[0].target in (".", ""):
        return []  # "service decidedly not available at this domain"
    out: list[SrvRecord] = []
    for priority in sorted({r.priority for r in records}):
        # Weight-0 records first, as RFC 2782 asks, so they keep a small chance.
        pool = sorted((r for r in records if r.priority == priority), key=lambda r: r.weight)
        while pool:
            total = sum(r.weight for r in pool)
            pick = rng.randint(0, total)
            running = 0
            for i, r in enumerate(pool):
                running += r.weight
                if running >= pick:
                    out.append(pool.pop(i))
                    break
    return out
