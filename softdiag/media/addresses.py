"""Which media addresses can reach which: private ranges, and ip:port strings.

A far end that announces an address of its own private network in SDP (a phone behind a
NAT without STUN, an SBC missing its public address) gets no audio: our RTP goes to an
address that means nothing on our side of the internet. Whether such an address *can* be
reached depends on where we sit: from inside the same private block it may well work, so
the verdict compares both ends.
"""

from __future__ import annotations

import ipaddress

__all__ = ["host_of", "private_block", "split_hostport", "unreachable_private"]

# Address blocks that only mean something inside one network (and a NAT hides).
_PRIVATE_BLOCKS = tuple(
    ipaddress.ip_network(n)
    for n in (
        "10.0.0.0/8",  # RFC 1918
        "172.16.0.0/12",  # RFC 1918
        "192.168.0.0/16",  # RFC 1918
        "100.64.0.0/10",  # RFC 6598 carrier-grade NAT
        "169.254.0.0/16",  # RFC 3927 link-local
        "fc00::/7",  # RFC 4193 unique local
        "fe80::/10",  # RFC 4291 link-local
    )
)


def split_hostport(hostport: str) -> tuple[str, int | None]:
    """'1.2.3.4:5', '[::1]:5' or a bare host -> (host, port)."""
    text = hostport.strip()
    if text.startswith("["):
        host, _, rest = text[1:].partition("]")
        return host, int(rest[1:]) if rest.startswith(":") and rest[1:].isdigit() else None
    if text.count(":") == 1:
        host, _, port = text.partition(":")
        return host, int(port) if port.isdigit() else None
    return text, None


def host_of(hostport: str | None) -> str | None:
    return split_hostport(hostport)[0] if hostport else None


def private_block(ip: str) -> ipaddress.IPv4Network | ipaddress.IPv6Network | None:
    """The private block ``ip`` belongs to, or None for a public or special address."""
    try:
        addr = ipaddress.ip_address(ip)
    except ValueError:
        return None
    for block in _PRIVATE_BLOCKS:
        if addr.version == block.version and addr in block:
            return block
    return None


def unreachable_private(remote_ip: str | None, local_ip: str | None) -> bool:
    """The far end's media address is private and we are not inside the same private block.

    From a public address, from loopback, or from another private block, packets to it go
    to whatever that address means on *our* network: not to the far end.
    """
    if not remote_ip:
        return False
    block = private_block(remote_ip)
    if block is None:
        return False
    if not local_ip:
        return True
    try:
        local = ipaddress.ip_address(local_ip)
    except ValueError:
        return True
    return not (local.version == block.version and local in block)
