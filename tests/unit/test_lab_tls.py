"""The lab's TLS material and DNS records (pure: files in a temp dir, no servers)."""

from __future__ import annotations

import ssl
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.exceptions import InvalidSignature

from softdiag.lab.certs import WRONG_NAME, issue_lab_certs
from softdiag.lab.topology import LabTopology


def _sans(path: Path) -> list[str]:
    cert = x509.load_pem_x509_certificate(path.read_bytes())
    ext = cert.extensions.get_extension_for_class(x509.SubjectAlternativeName)
    return ext.value.get_values_for_type(x509.DNSName)


def test_each_registrar_certificate_names_its_host_its_srv_target_and_the_domain(
    tmp_path: Path,
) -> None:
    certs = issue_lab_certs(tmp_path, "voip.test", ["kam1", "kam2", "kam3"])
    assert _sans(certs.cert("kam2")) == [
        "kam2.voip.test", "sip2.voip.test", "voip.test", "sip.voip.test",
    ]  # fmt: skip
    assert _sans(certs.cert("wrong-name")) == [WRONG_NAME]


def test_the_certificates_verify_against_the_lab_ca_only(tmp_path: Path) -> None:
    certs = issue_lab_certs(tmp_path, "voip.test", ["kam1"])
    ca = x509.load_pem_x509_certificate(certs.ca.read_bytes())
    leaf = x509.load_pem_x509_certificate(certs.cert("kam1").read_bytes())
    leaf.verify_directly_issued_by(ca)
    other = issue_lab_certs(tmp_path / "other", "voip.test", ["kam1"])
    stranger = x509.load_pem_x509_certificate(other.ca.read_bytes())
    with pytest.raises(InvalidSignature):  # same CA name, another key
        leaf.verify_directly_issued_by(stranger)
    # The server key loads with the certificate: what Kamailio does at start.
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ctx.load_cert_chain(certs.cert("kam1"), certs.key("kam1"))
    assert (certs.key("kam1").stat().st_mode & 0o777) == 0o600


def test_dns_serves_sips_srv_and_naptr_on_5061() -> None:
    args = LabTopology().dnsmasq_records()
    assert "--srv-host=_sips._tcp.voip.test,sip1.voip.test,5061,10,10" in args
    assert "--naptr-record=voip.test,30,10,S,SIPS+D2T,,_sips._tcp.voip.test" in args
    # UDP stays the preferred NAPTR service: clients without a transport keep UDP.
    naptr = [a for a in args if a.startswith("--naptr-record=")]
    assert naptr[0].endswith("SIP+D2U,,_sip._udp.voip.test")
