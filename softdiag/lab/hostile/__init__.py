"""A hostile lab: DNS, SIP (UDP and TCP) and STUN servers whose every answer a test scripts.

The real lab (Kamailio, dnsmasq, coturn) behaves like good servers; this one sends what a
broken or malicious server can send — malformed, oversized, slow, silent, flooding,
echoing our Authorization, lying — so that tests can check that softdiag never crashes,
hangs, leaks a secret or prints what it should not. It runs on its own loopback addresses
(``<net>.100`` and up, ``<net>`` from ``SOFTDIAG_TEST_NET``), on one asyncio thread, and
stops every socket it opened.

Scripts are plain functions keyed by the *case* a request belongs to: the DNS server by
the first label of the query name (``c042.hostile.test``), the SIP server by the host of
the request's To URI, the STUN server by the port it was sent to.
"""

from .servers import (
    Answer,
    DnsScript,
    HostileLab,
    SipRequest,
    SipScript,
    StunScript,
    digest_values,
)

__all__ = [
    "Answer",
    "DnsScript",
    "HostileLab",
    "SipRequest",
    "SipScript",
    "StunScript",
    "digest_values",
]
