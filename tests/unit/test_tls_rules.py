"""TLS rules without a network: failure classification, certificate evidence, settings."""

from __future__ import annotations

import ssl
from pathlib import Path

import pytest

from softdiag.events import Target
from softdiag.failover.policy import FailoverPolicy, ProbeOutcome
from softdiag.lab.certs import issue_lab_certs
from softdiag.sip.tls import (
    TlsPolicy,
    TlsSetupError,
    cert_facts,
    classify_pj_verify,
    classify_ssl_error,
    client_context,
    tls_finding,
    tls_name,
)


def _verify_error(code: int, message: str) -> ssl.SSLCertVerificationError:
    exc = ssl.SSLCertVerificationError(1, "certificate verify failed")
    exc.verify_code = code
    exc.verify_message = message
    return exc


@pytest.mark.parametrize(
    ("code", "problem"),
    [(62, "name_mismatch"), (10, "expired"), (9, "expired"), (20, "unknown_ca"),
     (19, "unknown_ca"), (18, "unknown_ca"), (7, "handshake_failed")],
)  # fmt: skip
def test_openssl_verify_codes_map_to_problems(code: int, problem: str) -> None:
    assert classify_ssl_error(_verify_error(code, "x")) == (problem, "x")


def test_protocol_and_plain_text_errors() -> None:
    old = ssl.SSLError(1, "tlsv1 alert protocol version")
    old.reason = "TLSV1_ALERT_PROTOCOL_VERSION"
    assert classify_ssl_error(old)[0] == "old_protocol"
    plain = ssl.SSLError(1, "wrong version number")
    plain.reason = "WRONG_VERSION_NUMBER"
    assert classify_ssl_error(plain) == (
        "handshake_failed",
        "the server does not speak TLS on this port",
    )
    assert classify_ssl_error(ConnectionResetError())[0] == "handshake_failed"


def test_pjsip_verify_bits() -> None:
    assert classify_pj_verify(["PJ_SSL_CERT_EIDENTITY_NOT_MATCH"]) == "name_mismatch"
    assert classify_pj_verify(["PJ_SSL_CERT_EUNTRUSTED"]) == "unknown_ca"
    assert classify_pj_verify(["PJ_SSL_CERT_EVALIDITY_PERIOD"]) == "expired"
    assert classify_pj_verify(["PJ_SSL_CERT_EUNKNOWN"]) == "handshake_failed"


def test_finding_carries_the_certificate(tmp_path: Path) -> None:
    certs = issue_lab_certs(tmp_path, "voip.test", ["kam1"])
    facts = cert_facts(certs.cert("wrong-name").read_bytes())
    assert facts is not None
    assert facts.subject == "CN=wrong-name.invalid,O=softdiag lab"
    assert len(facts.sha256.split(":")) == 32
    finding = tls_finding(
        "name_mismatch", server="127.0.0.2:5061", name="sip1.voip.test", cert=facts
    )
    assert finding.id == "tls.name_mismatch"
    assert finding.title == "The certificate of 127.0.0.2:5061 is not made out to sip1.voip.test"
    assert "It names wrong-name.invalid." in finding.advice
    assert f"SHA-256 fingerprint: {facts.sha256}" in finding.evidence
    assert "name checked (SNI): sip1.voip.test" in finding.evidence
    assert cert_facts(b"not a certificate") is None


def test_the_name_to_verify_is_the_srv_target() -> None:
    srv = Target(host="sip2.voip.test.", ip="127.0.0.3", port=5061, transport="tls")
    literal = Target(host="127.0.0.3", ip="127.0.0.3", port=5061, transport="tls")
    assert tls_name(srv, "voip.test") == "sip2.voip.test"
    assert tls_name(literal, "voip.test") == "voip.test"
    # A domain typed with its port names its host only (it was "voip.test:5061").
    assert tls_name(literal, "voip.test:5061") == "voip.test"
    assert tls_name(literal, "[2001:db8::1]:5061") == "2001:db8::1"


def test_ca_file_problems_are_one_line(tmp_path: Path) -> None:
    with pytest.raises(TlsSetupError, match="no such file"):
        TlsPolicy(ca_file=str(tmp_path / "missing.pem")).check()
    junk = tmp_path / "junk.pem"
    junk.write_text("hello\n")
    with pytest.raises(TlsSetupError, match="not a PEM certificate file"):
        TlsPolicy(ca_file=str(junk)).check()
    certs = issue_lab_certs(tmp_path / "lab", "voip.test", ["kam1"])
    TlsPolicy(ca_file=str(certs.ca)).check()  # a good file passes


def test_context_is_tls12_and_verifies_unless_told_not_to() -> None:
    ctx = client_context(TlsPolicy())
    assert ctx.minimum_version == ssl.TLSVersion.TLSv1_2
    assert ctx.verify_mode == ssl.CERT_REQUIRED and ctx.check_hostname
    off = client_context(TlsPolicy(verify=False))
    assert off.verify_mode == ssl.CERT_NONE


def test_policy_shows_the_failed_phase_as_the_reason() -> None:
    targets = [
        Target(host=f"sip{i}.voip.test", ip=f"127.0.0.{i + 1}", port=5061, transport="tls")
        for i in (1, 2)
    ]
    policy = FailoverPolicy("sticky")
    policy.resolved(targets, [t.ip for t in targets], 0.0)
    first = policy.current
    assert first is not None
    policy.probe(
        first.key,
        ProbeOutcome(status="unreachable", failure="tls_name_mismatch"),
        1.0,
    )
    health = policy.health[first.key]
    assert health.state == "down"
    assert health.why == "TLS: certificate not made out to the server's name"
    assert policy.current is not None and policy.current.key != first.key
