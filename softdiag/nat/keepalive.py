"""Keep-alive advice from a NAT's measured idle UDP mapping lifetime (pure).

Theory of operation
-------------------
A UDP NAT mapping lives while packets flow; after ``lifetime`` seconds of silence the NAT
forgets it. The registrar keeps sending incoming INVITEs to the public address:port it saw
in the last REGISTER, and once the mapping is gone the NAT drops them: incoming calls are
lost until our next packet makes a new mapping (and, when the new mapping has another
port, until the next REGISTER tells the registrar).

What keeps the registration's socket busy, whichever is shortest:

- the UDP keep-alive: pjsua sends a CRLF to the registrar every ``udpKaIntervalSec``
  (default 15 s);
- an OPTIONS keep-alive, where a phone pings its registrar;
- the registration refresh: pjsua re-registers ``delayBeforeRefreshSec`` (5 s) before the
  registration expires.

Rules (UDP), ``interval`` being that shortest silence:

1. lifetime unknown -> ``nat.lifetime_unknown``;
2. no mapping expired within the measurement (``lifetime`` is only a lower bound):
   ``interval <= lifetime`` -> ``nat.keepalive_ok``, else ``nat.keepalive_untested``;
3. ``interval <= lifetime / 2`` -> ``nat.keepalive_ok``: even one lost keep-alive leaves
   the mapping alive;
4. ``lifetime / 2 < interval < lifetime`` -> ``nat.keepalive_marginal``: it works as long as
   no keep-alive is lost;
5. ``interval >= lifetime`` -> ``nat.keepalive_too_slow``.

The advice is half the lifetime (rounded down to whole seconds), so one lost keep-alive is
survivable. Over TCP or TLS the connection carries incoming requests and the UDP lifetime
does not apply (``nat.keepalive_connection``); pjsua's TCP/TLS keep-alive is 90 s.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from softdiag.events import Finding, Transport
from softdiag.findings import make_finding

__all__ = [
    "PJSUA_REFRESH_MARGIN",
    "PJSUA_TCP_KEEPALIVE",
    "PJSUA_UDP_KEEPALIVE",
    "KeepAliveSettings",
    "keepalive_advice",
    "suggested_interval",
]

PJSUA_UDP_KEEPALIVE = 15.0  # pjsua AccountNatConfig.udpKaIntervalSec default
PJSUA_TCP_KEEPALIVE = 90.0  # PJSIP_TCP_KEEP_ALIVE_INTERVAL / PJSIP_TLS_KEEP_ALIVE_INTERVAL
PJSUA_REFRESH_MARGIN = 5.0  # AccountRegConfig.delayBeforeRefreshSec default


@dataclass(frozen=True, slots=True, kw_only=True)
class KeepAliveSettings:
    """What the account does to keep its NAT mapping alive."""

    transport: Transport = "udp"
    udp_keepalive: float | None = PJSUA_UDP_KEEPALIVE  # None or 0: switched off
    options_keepalive: float | None = None  # OPTIONS pings to the registrar, if any
    expires: int = 300  # registration expiry the server granted
    refresh_margin: float = PJSUA_REFRESH_MARGIN
    tcp_keepalive: float | None = PJSUA_TCP_KEEPALIVE

    def silences(self) -> list[tuple[float, str]]:
        """(interval, mechanism) of everything that sends on the socket, shortest first."""
        out: list[tuple[float, str]] = []
        if self.udp_keepalive:
            out.append((float(self.udp_keepalive), "UDP keep-alive"))
        if self.options_keepalive:
            out.append((float(self.options_keepalive), "OPTIONS keep-alive"))
        refresh = max(1.0, self.expires - self.refresh_margin)
        out.append((refresh, "registration refresh"))
        return sorted(out)


def suggested_interval(lifetime: float) -> float:
    """Half the lifetime, rounded down to whole seconds (tenths below 2 s)."""
    if lifetime >= 2:
        return float(math.floor(lifetime / 2))
    return max(0.1, math.floor(lifetime * 5) / 10)


def _n(value: float) -> str:
    return f"{value:.0f}" if value >= 10 else f"{value:.1f}".removesuffix(".0")


def keepalive_advice(
    settings: KeepAliveSettings, lifetime: float | None, *, expired_at: float | None = None
) -> Finding:
    """The finding for this account behind this NAT.

    ``lifetime``: the longest idle time a mapping survived (a lower bound; None: unknown).
    ``expired_at``: the shortest idle time a mapping did not survive (None: none expired
    during the measurement, so ``lifetime`` is only "at least").
    """
    interval, mechanism = settings.silences()[0]
    evidence = tuple(f"{m} every {_n(i)} s" for i, m in settings.silences())
    if lifetime is not None:
        bracket = f"{_n(lifetime)}-{_n(expired_at)} s" if expired_at else f">= {_n(lifetime)} s"
        evidence += (f"idle UDP mapping lifetime {bracket}",)
    if settings.transport != "udp":
        return make_finding(
            "nat.keepalive_connection", evidence=evidence, transport=settings.transport.upper(),
            tcp_keepalive=_n(settings.tcp_keepalive or 0),
        )  # fmt: skip
    if lifetime is None:
        return make_finding(
            "nat.lifetime_unknown", evidence=evidence, interval=_n(interval), mechanism=mechanism
        )
    params = {
        "lifetime": _n(lifetime),
        "interval": _n(interval),
        "mechanism": mechanism,
        "suggested": _n(suggested_interval(lifetime)),
    }
    if expired_at is None:
        finding_id = "nat.keepalive_ok" if interval <= lifetime else "nat.keepalive_untested"
    elif interval <= lifetime / 2:
        finding_id = "nat.keepalive_ok"
    elif interval < lifetime:
        finding_id = "nat.keepalive_marginal"
    else:
        finding_id = "nat.keepalive_too_slow"
    return make_finding(finding_id, evidence=evidence, **params)
