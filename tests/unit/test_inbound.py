"""The path of an incoming INVITE and what it says about the registration (pure)."""

from __future__ import annotations

from softdiag.sip.inbound import contact_tag, describe_invite, host_of, path_finding

INVITE = (
    "INVITE sip:bob@127.0.0.1:40000 SIP/2.0\r\n"
    "Record-Route: <sip:127.0.1.3;lr;ftag=abc>\r\n"
    "Via: SIP/2.0/UDP 127.0.1.3;branch=z9hG4bK1\r\n"
    "v: SIP/2.0/UDP 127.0.1.20:5061;rport=5061;branch=z9hG4bK2, SIP/2.0/TCP 10.0.0.9:5060\r\n"
    'From: "Alice A" <sip:alice@voip.test>;tag=1\r\n'
    "To: sip:bob@voip.test\r\n"
    "Call-ID: c1@x\r\n"
    "CSeq: 1 INVITE\r\n"
    "Content-Length: 0\r\n\r\n"
)


def test_describe_reads_caller_hops_and_record_route() -> None:
    facts = describe_invite(INVITE)
    assert facts.caller == "sip:alice@voip.test"
    assert facts.caller_name == "Alice A"
    assert facts.to == "sip:bob@voip.test"
    assert facts.call_id == "c1@x"
    assert facts.via == ("UDP 127.0.1.3", "UDP 127.0.1.20:5061", "TCP 10.0.0.9:5060")
    assert facts.record_route == ("sip:127.0.1.3;lr;ftag=abc",)


def test_describe_is_tolerant_of_garbage() -> None:
    facts = describe_invite("INVITE\r\nVia: nonsense\r\nFrom:\r\n\r\n")
    assert facts.caller == "" and facts.via == () and facts.record_route == ()


def test_host_of() -> None:
    assert host_of("127.0.0.2:5060") == "127.0.0.2"
    assert host_of("[::1]:5060") == "::1"
    assert host_of("example.com") == "example.com"


def test_through_the_registration_server_is_normal() -> None:
    facts = describe_invite(INVITE)
    finding = path_finding(
        source="127.0.1.3:5060", registered_on="127.0.1.3:5060", earlier=(), facts=facts
    )
    assert finding is None


def test_through_a_server_we_left_is_a_split_registration() -> None:
    facts = describe_invite(INVITE)
    finding = path_finding(
        source="127.0.1.3:5060", registered_on="127.0.1.4:5060",
        earlier=("127.0.1.2:5060", "127.0.1.3:5060"), facts=facts,
    )  # fmt: skip
    assert finding is not None
    assert finding.id == "call.inbound_stale_binding" and finding.severity == "warning"
    assert "127.0.1.3:5060" in finding.title
    assert any("Via: UDP 127.0.1.3" in e for e in finding.evidence)


def test_through_another_server_of_a_cluster_is_information() -> None:
    facts = describe_invite(INVITE)
    finding = path_finding(
        source="127.0.1.3:5060", registered_on="127.0.1.4:5060", earlier=("127.0.1.2:5060",),
        facts=facts,
    )  # fmt: skip
    assert finding is not None
    assert finding.id == "call.inbound_other_proxy" and finding.severity == "info"


def test_nothing_to_compare_without_a_registration() -> None:
    facts = describe_invite(INVITE)
    assert path_finding(source="1.2.3.4:5060", registered_on=None, earlier=(), facts=facts) is None


def _to_contact(tag: str) -> str:
    return INVITE.replace("sip:bob@127.0.0.1:40000", f"sip:bob@127.0.0.1:40000;sd-via={tag};ob")


def test_the_request_uri_names_the_binding_the_call_used() -> None:
    assert describe_invite(_to_contact("127-0-1-4-5060")).binding == "127-0-1-4-5060"
    assert describe_invite(INVITE).binding is None
    assert contact_tag("127.0.1.4:5060") == "127-0-1-4-5060"
    assert contact_tag("[::1]:5060") == "--1-5060"


def test_the_current_binding_through_a_server_we_left_is_the_cluster_not_a_stale_one() -> None:
    # A DMQ cluster: the old proxy looked up the binding made through the new one.
    facts = describe_invite(_to_contact("127-0-1-4-5060"))
    finding = path_finding(
        source="127.0.1.3:5060", registered_on="127.0.1.4:5060", earlier=("127.0.1.3:5060",),
        facts=facts,
    )  # fmt: skip
    assert finding is not None and finding.id == "call.inbound_other_proxy"


def test_an_old_binding_is_stale_whichever_proxy_delivers_it() -> None:
    # The cluster forks to the binding left on a frozen server, through our current proxy.
    facts = describe_invite(_to_contact("127-0-1-2-5060"))
    finding = path_finding(
        source="127.0.1.4:5060", registered_on="127.0.1.4:5060", earlier=("127.0.1.2:5060",),
        facts=facts,
    )  # fmt: skip
    assert finding is not None and finding.id == "call.inbound_stale_binding"
    assert any("registered through 127.0.1.2:5060" in e for e in finding.evidence)
