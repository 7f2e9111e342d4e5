from __future__ import annotations

import pytest

from softdiag.dns import DnsProblem, SipResolver
from softdiag.lab import Lab

pytestmark = pytest.mark.lab


def test_naptr_srv_a_gives_the_three_registrars(lab: Lab) -> None:
    res = SipResolver(lab.topology.dns).resolve("voip.test", "udp")
    assert sorted(t.ip for t in res.targets) == sorted(r.ip for r in lab.topology.registrars)
    assert {t.source for t in res.targets} == {"naptr"}
    assert {(t.port, t.transport, t.priority, t.weight, t.ttl) for t in res.targets} == {
        (5060, "udp", 10, 10, 30)
    }
    assert sorted(res.answer_order) == sorted(t.ip for t in res.targets)
    assert any("NAPTR voip.test" in step for step in res.trail)


def test_tcp_follows_the_tcp_naptr(lab: Lab) -> None:
    res = SipResolver(lab.topology.dns).resolve("voip.test", "tcp")
    assert {t.transport for t in res.targets} == {"tcp"}
    assert len(res.targets) == 3


def test_dnsmasq_rotates_the_answer_order(lab: Lab) -> None:
    resolver = SipResolver(lab.topology.dns)
    orders = {resolver.resolve("voip.test", "udp").answer_order for _ in range(6)}
    assert len(orders) > 1  # the MicroSIP trigger is really there


def test_explicit_port_means_a_records_only(lab: Lab) -> None:
    res = SipResolver(lab.topology.dns).resolve("voip.test:5070", "udp")
    assert {t.port for t in res.targets} == {5070}
    assert {t.source for t in res.targets} == {"explicit"}


def test_host_without_srv_falls_back_to_a(lab: Lab) -> None:
    res = SipResolver(lab.topology.dns).resolve("sip1.voip.test", "udp")
    kam1 = lab.topology.registrars[0].ip
    assert [(t.ip, t.port, t.source) for t in res.targets] == [(kam1, 5060, "a")]


@pytest.mark.parametrize(
    ("domain", "nameserver", "kind"),
    [
        ("nosuch.voip.test", None, "nxdomain"),
        ("example.invalid", None, "refused"),
        ("voip.test", "127.0.0.1:5399", "timeout"),
    ],
)
def test_dns_problems_have_a_kind_and_evidence(
    lab: Lab, domain: str, nameserver: str | None, kind: str
) -> None:
    with pytest.raises(DnsProblem) as info:
        SipResolver(nameserver or lab.topology.dns, timeout=0.5).resolve(domain, "udp")
    assert info.value.kind == kind
    assert info.value.evidence
    assert "\n" not in info.value.message
