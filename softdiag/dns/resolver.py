"""RFC 3263 resolution with dnspython: the I/O half.

``SipResolver.resolve("voip.test", "udp")`` walks NAPTR -> SRV -> A/AAAA (or goes straight
to A/AAAA for an explicit ``host:port`` or an IP literal) and returns every target with its
TTL, in the order RFC 3263/2782 says to try them, plus the raw order in which the DNS server
listed the addresses (the order MicroSIP would blindly use).

Failures raise :class:`DnsProblem` with a kind (nxdomain, servfail, refused, timeout,
no_records) and the trail of queries as evidence, ready to become a finding.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

import dns.exception
import dns.inet
import dns.message
import dns.name
import dns.rcode
import dns.rdatatype
import dns.resolver

from softdiag.events import Finding, Resolved, Target, Transport
from softdiag.hostport import HostPort, unusable_address

from .rfc3263 import (
    NAPTR_SERVICES,
    NaptrRecord,
    SrvRecord,
    default_port,
    order_naptr,
    order_srv,
    srv_name,
)

__all__ = [
    "DnsProblem", "Resolution", "SipResolver", "impossible_targets_finding", "parse_nameserver",
]  # fmt: skip


class DnsProblem(Exception):
    """Resolution failed; ``kind`` is a stable key, ``args[0]`` a one-line explanation."""

    def __init__(self, kind: str, message: str, evidence: tuple[str, ...] = ()) -> None:
        super().__init__(message)
        self.kind = kind
        self.message = message
        self.evidence = evidence


@dataclass(frozen=True, slots=True)
class Resolution:
    domain: str
    transport: Transport
    nameserver: str
    targets: tuple[Target, ...]
    answer_order: tuple[str, ...]
    trail: tuple[str, ...] = field(default=())
    # Records refused as impossible servers (0.0.0.0, broadcast, multicast, port 0).
    rejected: tuple[str, ...] = field(default=())

    @property
    def min_ttl(self) -> int:
        return min((t.ttl for t in self.targets), default=0)

    def event(self) -> Resolved:
        """This answer as the ``Resolved`` event everyone else sees."""
        return Resolved(
            domain=self.domain,
            transport=self.transport,
            nameserver=self.nameserver,
            targets=self.targets,
            answer_order=self.answer_order,
        )


def parse_nameserver(text: str) -> tuple[str, int]:
    """``"127.0.0.1:5353"``, ``"127.0.0.1"``, ``"[::1]:53"`` -> (ip, port). ValueError if bad."""
    hp = HostPort.parse(text, what="DNS server", require_ip=True)
    return hp.host, hp.port or 53


def _split_hostport(domain: str) -> tuple[str, int | None]:
    try:
        hp = HostPort.parse(domain, what="SIP domain")
    except ValueError as exc:
        raise DnsProblem("bad_input", str(exc)) from None
    return hp.host, hp.port


def _text(value: bytes) -> str:
    """A NAPTR character-string as text: any bytes may come off the wire (RFC 3403 §4.1)."""
    return value.decode("ascii", errors="replace")


def impossible_targets_finding(resolution: Resolution) -> Finding:
    """The records a resolution left out as impossible servers, as a finding."""
    from softdiag.findings import make_finding

    return make_finding(
        "dns.impossible_target",
        evidence=resolution.rejected,
        domain=resolution.domain,
        targets=", ".join(resolution.rejected[:3]),
    )


def _hp(ip: str, port: int) -> str:
    return f"[{ip}]:{port}" if ":" in ip else f"{ip}:{port}"


class SipResolver:
    """Resolves SIP domains. Thread-safe for concurrent ``resolve`` calls."""

    def __init__(
        self,
        nameserver: str | None = None,
        *,
        timeout: float = 2.0,
        rng: random.Random | None = None,
    ) -> None:
        if nameserver:
            ip, port = parse_nameserver(nameserver)
            self._resolver = dns.resolver.Resolver(configure=False)
            self._resolver.nameservers = [ip]
            self._resolver.port = port
            self.nameserver = f"[{ip}]:{port}" if ":" in ip else f"{ip}:{port}"
        else:
            self._resolver = dns.resolver.Resolver()
            self.nameserver = ",".join(str(n) for n in self._resolver.nameservers) or "system"
        self._resolver.lifetime = timeout
        self._resolver.timeout = timeout
        # No caching: every call must see the server's current answer and order.
        self._resolver.cache = None
        self._rng = rng or random.Random()

    def resolve(self, domain: str, transport: Transport | None = None) -> Resolution:
        domain = domain.strip().rstrip(".")
        if not domain or any(c.isspace() for c in domain):
            raise DnsProblem("bad_input", f"bad SIP domain {domain!r}")
        host, port = _split_hostport(domain)
        trail: list[str] = []
        if dns.inet.is_address(host):
            t = transport or "udp"
            problem = unusable_address(host, port or default_port(t))
            if problem is not None:
                raise DnsProblem("bad_input", f"{domain} cannot be a SIP server: {problem}")
            target = Target(
                host=host, ip=host, port=port or default_port(t), transport=t, source="explicit"
            )
            return Resolution(domain, t, self.nameserver, (target,), (host,), ("IP literal",))
        if port is not None:  # RFC 3263 §4.2: an explicit port means A/AAAA only
            t = transport or "udp"
            return self._address_only(domain, host, port, t, "explicit", trail)

        rejected: list[str] = []
        # NAPTR: pick the transport and the SRV name.
        srv_names: list[tuple[str, Transport]] = []
        naptrs = self._query(host, "NAPTR", trail, optional=True)
        if naptrs:
            recs = [
                NaptrRecord(
                    r.order, r.preference, _text(r.flags), _text(r.service),
                    r.replacement.to_text(omit_final_dot=True),
                )
                for r in naptrs
            ]  # fmt: skip
            for rec in order_naptr(recs, transport):
                srv_names.append((rec.replacement, NAPTR_SERVICES[rec.service.upper()]))
        if not srv_names:
            for t in (transport,) if transport else ("udp", "tcp", "tls"):
                srv_names.append((srv_name(host, t), t))

        for name, t in srv_names:
            srvs = self._query(name, "SRV", trail, optional=True, missing_ok=True)
            if not srvs:
                continue
            ordered = order_srv(
                [SrvRecord(r.priority, r.weight, r.port, r.target.to_text(True)) for r in srvs],
                self._rng,
            )
            if not ordered:
                continue
            targets: list[Target] = []
            by_host: dict[str, list[str]] = {}  # every address of a target, in answer order
            for srv in ordered:
                addresses = self._addresses(srv.target, trail, missing_ok=True)
                by_host.setdefault(srv.target, [ip for ip, _ in addresses])
                for ip, ttl in addresses:
                    problem = unusable_address(ip, srv.port)
                    if problem is not None:
                        rejected.append(f"{srv.target} -> {_hp(ip, srv.port)}: {problem}")
                        continue
                    targets.append(
                        Target(
                            host=srv.target, ip=ip, port=srv.port, transport=t,
                            priority=srv.priority, weight=srv.weight,
                            ttl=min(ttl, srvs.rrset.ttl if srvs.rrset else ttl),
                            source="naptr" if naptrs else "srv",
                        )
                    )  # fmt: skip
            if targets:
                # The raw answer order: SRV targets in the order the server listed them,
                # each with all its addresses in the order the server listed those.
                raw = dict.fromkeys(r.target.to_text(True) for r in srvs)
                usable = {tg.ip for tg in targets}
                answer = tuple(ip for h in raw for ip in by_host.get(h, ()) if ip in usable)
                return Resolution(domain, t, self.nameserver, tuple(targets), answer,
                                  tuple(trail), tuple(rejected))  # fmt: skip

        if rejected:
            raise DnsProblem(
                "no_usable",
                f"every SIP server of {host} in DNS is an impossible address: {rejected[0]}",
                (*trail, *rejected),
            )
        t = transport or "udp"
        return self._address_only(domain, host, default_port(t), t, "a", trail)

    def _address_only(
        self, domain: str, host: str, port: int, transport: Transport, source: str, trail: list[str]
    ) -> Resolution:
        addrs = self._addresses(host, trail)
        if not addrs:
            raise DnsProblem(
                "no_records",
                f"{host} has no NAPTR, SRV, A or AAAA records at {self.nameserver}",
                tuple(trail),
            )
        rejected = [
            f"{host} -> {_hp(ip, port)}: {problem}"
            for ip, _ in addrs
            if (problem := unusable_address(ip, port)) is not None
        ]
        targets = tuple(
            Target(host=host, ip=ip, port=port, transport=transport, ttl=ttl, source=source)  # type: ignore[arg-type]
            for ip, ttl in addrs
            if unusable_address(ip, port) is None
        )
        if not targets:
            raise DnsProblem(
                "no_usable",
                f"every address of {host} in DNS is impossible: {rejected[0]}",
                (*trail, *rejected),
            )
        return Resolution(
            domain, transport, self.nameserver, targets, tuple(t.ip for t in targets),
            tuple(trail), tuple(rejected),
        )  # fmt: skip

    def _addresses(
        self, host: str, trail: list[str], *, missing_ok: bool = False
    ) -> list[tuple[str, int]]:
        out: list[tuple[str, int]] = []
        for rdtype in ("A", "AAAA"):
            answer = self._query(host, rdtype, trail, optional=True, missing_ok=missing_ok)
            if answer and answer.rrset is not None:
                out.extend((r.to_text(), answer.rrset.ttl) for r in answer)
        return out

    def _query(
        self, name: str, rdtype: str, trail: list[str], *, optional: bool, missing_ok: bool = False
    ) -> dns.resolver.Answer | None:
        """One query. ``missing_ok``: NXDOMAIN just means "no such record" (SRV names)."""
        where = self.nameserver
        try:
            answer = self._resolver.resolve(name, rdtype, raise_on_no_answer=False)
        except dns.resolver.NXDOMAIN:
            trail.append(f"{rdtype} {name}: NXDOMAIN")
            if missing_ok:
                return None
            raise DnsProblem(
                "nxdomain",
                f"the domain {name} does not exist (NXDOMAIN from {where})",
                tuple(trail),
            ) from None
        except dns.resolver.LifetimeTimeout:
            trail.append(f"{rdtype} {name}: timeout")
            raise DnsProblem(
                "timeout", f"the DNS server {where} did not answer ({rdtype} {name})", tuple(trail)
            ) from None
        except dns.resolver.NoNameservers as exc:
            kind, text = _classify_no_nameservers(exc)
            trail.append(f"{rdtype} {name}: {text}")
            raise DnsProblem(
                kind, f"the DNS server {where} answered {text} for {rdtype} {name}", tuple(trail)
            ) from None
        except dns.exception.DNSException as exc:
            trail.append(f"{rdtype} {name}: {exc.__class__.__name__}")
            raise DnsProblem(
                "servfail", f"DNS lookup of {name} failed: {exc}", tuple(trail)
            ) from None
        count = len(answer.rrset) if answer.rrset is not None else 0
        trail.append(f"{rdtype} {name}: {count} record(s)")
        if count == 0:
            return None if optional else answer
        return answer


# Most telling first: a server that refuses us, then one that failed, then the rest.
_RCODE_KINDS: tuple[tuple[dns.rcode.Rcode, str], ...] = (
    (dns.rcode.REFUSED, "refused"),
    (dns.rcode.SERVFAIL, "servfail"),
    (dns.rcode.NOTIMP, "servfail"),
    (dns.rcode.FORMERR, "servfail"),
)


def _classify_no_nameservers(exc: dns.resolver.NoNameservers) -> tuple[str, str]:
    """The kind and the short text of "every server failed", from dnspython's per-server
    record: (server, tcp, port, exception or rcode text, response message or None)."""
    errors = exc.kwargs.get("errors") or []
    rcodes = {err[4].rcode() for err in errors if isinstance(err[4], dns.message.Message)}
    for rcode, kind in _RCODE_KINDS:
        if rcode in rcodes:
            return kind, dns.rcode.to_text(rcode)
    if any(isinstance(err[3], ConnectionRefusedError) for err in errors):
        return "timeout", "nothing (connection refused)"
    return "servfail", "an error"
