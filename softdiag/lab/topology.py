"""What the local fault lab consists of: addresses, the DNS zone, the accounts.

Pure data: the process management lives in :mod:`softdiag.lab.lab`. Everything sits on
127.0.0.0/8, which Linux routes to the loopback interface without adding addresses.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .peers import PEER_KINDS, MediaPeer

__all__ = ["LAB_PASSWORD", "LabTopology", "Registrar", "ZoneRecords"]

LAB_PASSWORD = "softdiag-lab"  # every user of the lab domain (DESIGN.md); not a secret


@dataclass(frozen=True, slots=True)
class Registrar:
    name: str
    ip: str
    port: int = 5060

    @property
    def tls_port(self) -> int:
        """SIP over TLS listens on the next port (5061 next to 5060)."""
        return self.port + 1


@dataclass(frozen=True, slots=True)
class ZoneRecords:
    """The lab's DNS answers. Change it and restart dnsmasq to change what clients see."""

    a_records: tuple[str, ...]  # addresses of the domain itself and of sip.<domain>
    srv_hosts: tuple[tuple[str, str, int, int], ...]  # (name, ip, priority, weight)
    ttl: int = 30
    naptr: bool = True


@dataclass(frozen=True, slots=True)
class LabTopology:
    domain: str = "voip.test"
    dns_ip: str = "127.0.0.1"
    dns_port: int = 5353
    registrars: tuple[Registrar, ...] = (
        Registrar("kam1", "127.0.0.2"),
        Registrar("kam2", "127.0.0.3"),
        Registrar("kam3", "127.0.0.4"),
    )
    echo_ip: str = "127.0.0.5"
    echo_port: int = 5060
    echo_media_port: int = 6000
    password: str = LAB_PASSWORD
    zone: ZoneRecords | None = field(default=None)
    media_peers: bool = False  # also start the misbehaving call peers (softdiag.lab.peers)
    # The registrars share their location table (Kamailio DMQ + dmq_usrloc), as the access
    # layer of a real provider does; False is CASES.md case 3's split registration.
    cluster: bool = False
    dmq_port: int = 5090  # each registrar's DMQ listener (UDP), on its own address
    rtpengine: bool = False  # also start rtpengine-daemon and its echo peer (lab.rtpengine)

    @classmethod
    def on(cls, prefix: str, base: int, **options: Any) -> LabTopology:
        """The lab on ``prefix``.``base``: DNS there, the three registrars at base+1..3, the
        echo peer at base+4 (``on("127.0.0", 1)`` gives the standard addresses)."""
        return cls(
            dns_ip=f"{prefix}.{base}",
            registrars=tuple(Registrar(f"kam{i}", f"{prefix}.{base + i}") for i in (1, 2, 3)),
            echo_ip=f"{prefix}.{base + 4}",
            **options,
        )

    def peers(self) -> tuple[MediaPeer, ...]:
        """The misbehaving call peers: next to the echo peer, on .8 to .11 of its /24.

        The registrars always route to them (a route to a peer that is not running just
        fails the call); whether they run is ``media_peers``.
        """
        prefix = self.echo_ip.rsplit(".", 1)[0]
        return tuple(MediaPeer(kind, f"{prefix}.{8 + i}") for i, kind in enumerate(PEER_KINDS))

    @property
    def dns(self) -> str:
        return f"{self.dns_ip}:{self.dns_port}"

    def default_zone(self) -> ZoneRecords:
        return ZoneRecords(
            a_records=tuple(r.ip for r in self.registrars),
            srv_hosts=tuple(
                (f"sip{i}.{self.domain}", r.ip, 10, 10)
                for i, r in enumerate(self.registrars, start=1)
            ),
        )

    def dnsmasq_records(self, zone: ZoneRecords | None = None) -> list[str]:
        """dnsmasq options serving the zone: A x3, SRV for udp and tcp, NAPTR (RFC 3263)."""
        zone = zone or self.zone or self.default_zone()
        d = self.domain
        args = [f"--local-ttl={zone.ttl}", f"--auth-ttl={zone.ttl}", f"--local=/{d}/"]
        for ip in zone.a_records:
            args.append(f"--host-record={d},{ip}")
            args.append(f"--host-record=sip.{d},{ip}")
        for name, ip, _prio, _weight in zone.srv_hosts:
            args.append(f"--host-record={name},{ip}")
        for proto in ("udp", "tcp"):
            for name, _ip, prio, weight in zone.srv_hosts:
                args.append(f"--srv-host=_sip._{proto}.{d},{name},5060,{prio},{weight}")
        for name, _ip, prio, weight in zone.srv_hosts:
            args.append(f"--srv-host=_sips._tcp.{d},{name},5061,{prio},{weight}")
        if zone.naptr:
            args.append(f"--naptr-record={d},10,10,S,SIP+D2U,,_sip._udp.{d}")
            args.append(f"--naptr-record={d},20,10,S,SIP+D2T,,_sip._tcp.{d}")
            args.append(f"--naptr-record={d},30,10,S,SIPS+D2T,,_sips._tcp.{d}")
        return args
