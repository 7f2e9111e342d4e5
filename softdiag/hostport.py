"""One value type for "host[:port]" and the one parser for it (user input and records).

``HostPort.parse("[2001:db8::1]:5060")``, ``"voip.example.com"``, ``"127.0.0.2:5080"``:
IPv6 literals in brackets (RFC 3986 §3.2.2, RFC 3261 §19.1.1), ports 1-65535 read with
:func:`softdiag.wire.wire_int` (so ``99999``, ``0`` and ``²`` are refused, never wrapped or
defaulted), host names checked with the IDNA codec (labels of 1-63 octets, at most 253 in
all; an international name becomes its ``xn--`` form). Every failure is a ``ValueError``
with one line that names what was wrong, ready for stderr (exit 2) or a form's message.

:func:`unusable_address` says why an address can never be a SIP server (0.0.0.0, broadcast,
multicast, port 0): DNS answers with such records are refused with a finding.
"""

from __future__ import annotations

import ipaddress
import re
from dataclasses import dataclass

from .wire import wire_int

__all__ = ["HostPort", "unusable_address"]

_LABEL = re.compile(r"[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?", re.ASCII)
MAX_NAME = 253


@dataclass(frozen=True, slots=True)
class HostPort:
    host: str  # an IP literal (no brackets) or a lower-case ASCII host name
    port: int | None = None

    @property
    def is_ip(self) -> bool:
        return _ip(self.host) is not None

    @property
    def host_text(self) -> str:
        """The host as it goes in a URI: IPv6 literals in brackets."""
        return f"[{self.host}]" if ":" in self.host else self.host

    def with_port(self, default: int) -> HostPort:
        return self if self.port is not None else HostPort(self.host, default)

    def __str__(self) -> str:
        return self.host_text if self.port is None else f"{self.host_text}:{self.port}"

    @classmethod
    def parse(cls, text: str, *, what: str = "address", require_ip: bool = False) -> HostPort:
        """Parse user input or a record; ValueError with a one-line reason if it is bad."""
        raw = text
        text = text.strip()
        shown = _shown(raw)
        if not text:
            raise ValueError(f"the {what} is empty")
        if any(not c.isprintable() or c.isspace() for c in text):
            raise ValueError(f"bad {what} {shown}: spaces or control characters")
        port_text: str | None = None
        if text.startswith("["):
            host, sep, rest = text[1:].partition("]")
            if not sep or (rest and not rest.startswith(":")):
                raise ValueError(f"bad {what} {shown}: expected [IPv6] or [IPv6]:PORT")
            if not isinstance(_ip(host), ipaddress.IPv6Address):
                raise ValueError(f"bad {what} {shown}: only an IPv6 address goes in brackets")
            port_text = rest[1:] if rest else None
        elif text.count(":") == 1:
            host, port_text = text.split(":")
        elif text.count(":") > 1:
            if _ip(text) is None:
                raise ValueError(f"bad {what} {shown}: write an IPv6 address as [IPv6]:PORT")
            host = text
        else:
            host = text
        port = None
        if port_text is not None:
            port = wire_int(port_text, lo=1, hi=65535, max_digits=5)
            if port is None:
                raise ValueError(f"bad {what} {shown}: the port must be a number from 1 to 65535")
        ip = _ip(host)
        if ip is not None:
            return cls(str(ip), port)
        if require_ip:
            raise ValueError(f"bad {what} {shown}: give an IP address, optionally with :PORT")
        return cls(_host_name(host, what, shown), port)


def _ip(text: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    try:
        return ipaddress.ip_address(text)
    except ValueError:
        return None


def _shown(text: str, limit: int = 80) -> str:
    """The user's text for an error message: quoted, escaped, and cut to one short line."""
    shown = ascii(text) if len(text) <= limit else ascii(text[:limit]) + "…"
    return shown


def _host_name(host: str, what: str, shown: str) -> str:
    name = host.rstrip(".")
    if not name:
        raise ValueError(f"bad {what} {shown}: no host name")
    if any(c in name for c in "@/\\?#;,\"'<>%&=+*!$()[]{}|`^~"):
        raise ValueError(f"bad {what} {shown}: not a host name (expected e.g. voip.example.com)")
    try:
        # The IDNA codec refuses empty labels and labels over 63 octets.
        ascii_name = name.encode("idna").decode("ascii").lower()
    except UnicodeError:
        raise ValueError(f"bad {what} {shown}: not a valid host name") from None
    labels = ascii_name.split(".")
    if len(ascii_name) > MAX_NAME or not all(_LABEL.fullmatch(label) for label in labels):
        raise ValueError(f"bad {what} {shown}: not a valid host name")
    if all(label.isdigit() for label in labels):
        raise ValueError(f"bad {what} {shown}: not a valid IP address")
    return ascii_name


def unusable_address(ip: str, port: int) -> str | None:
    """Why ``ip:port`` can never be a SIP server we send to, or None if it could be."""
    if not 0 < port < 65536:
        return f"port {port}"
    addr = _ip(ip)
    if addr is None:
        return "not an IP address"
    if addr.is_unspecified:
        return "the unspecified address"
    if addr.is_multicast:
        return "a multicast address"
    if isinstance(addr, ipaddress.IPv4Address) and addr == ipaddress.IPv4Address("255.255.255.255"):
        return "the broadcast address"
    return None
