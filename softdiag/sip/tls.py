"""TLS for SIP: one verification policy for the prober and the engine, and findings for
every way a TLS connection fails.

What the pjsua2 wheel can do (pjsua2-python 2.15.1, read in pjproject 2.15.1's
``sip_transport_tls.c`` and ``sip_resolve.c``, and tried against the lab's Kamailio):

- It bundles its own **OpenSSL 1.0.2k** (``pjsua2_python.libs/libssl-…so.1.0.2k``): TLS 1.2
  at most, no TLS 1.3. We ask for TLS 1.2 only (``TlsConfig.proto``): 1.0 and 1.1 are
  deprecated (RFC 8996), and a server that offers nothing newer is a finding.
- ``TlsConfig.verifyServer`` checks the chain against ``CaListFile`` (or OpenSSL's default
  store when empty) **and** the server's name. The name is ``tdata->dest_info.name``: the
  host of the next hop's URI (our outbound proxy). pjsip sends it as SNI too. With an IP
  in the proxy URI — how failover pins a server on UDP — the name checked is the IP and
  every correct certificate fails (and an IP literal is not a valid SNI, RFC 6066 §3).
- There is no per-connection "connect here, verify that name" in the 2.15 API (pjproject
  master's ``AccountSipConfig::serverAffinity`` is not in the wheel), and pjsua's own DNS
  resolver only talks to port 53.
- So softdiag keeps the SRV target's **name** in the proxy URI
  (``sip:sip2.voip.test:5061;transport=tls;lr``) and installs pjsip's *external resolver*
  hook (``pjsip_endpt_set_ext_resolver``, exported by the wheel, called through ctypes in
  :mod:`softdiag.sip.pinning`): when pjsip resolves that name it gets the address the
  failover policy pinned. SNI and verification both use the SRV target's name while the
  policy decides the address. Verification is never switched off behind the user's back:
  only ``--tls-no-verify`` does it, and a finding says so.
- On every TLS connection pjsua2 calls ``Endpoint.onTransportState`` with ``TlsInfo``:
  ``verifyStatus`` (bits ``PJ_SSL_CERT_E…``) and the server's certificate
  (``remoteCertInfo.raw``, PEM) — the evidence of the findings below.

The Python side (the OPTIONS prober) uses :mod:`ssl` with the same rules: the system store
plus ``--ca``, TLS 1.2 or newer, the SRV target's name as SNI and checked name.
"""

from __future__ import annotations

import contextlib
import datetime
import ipaddress
import os
import ssl
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from cryptography import x509
from cryptography.hazmat.primitives import hashes

from softdiag.events import Finding, Target
from softdiag.findings import make_finding
from softdiag.hostport import HostPort

__all__ = [
    "CertFacts",
    "TlsPolicy",
    "TlsProblem",
    "TlsSetupError",
    "ca_file_usable",
    "cert_facts",
    "classify_pj_verify",
    "classify_ssl_error",
    "client_context",
    "system_ca_file",
    "tls_finding",
    "tls_name",
]

TlsProblem = Literal["unknown_ca", "name_mismatch", "expired", "old_protocol", "handshake_failed"]

# OpenSSL X509_V_ERR_* codes (x509_vfy.h), as ssl.SSLCertVerificationError.verify_code.
_UNKNOWN_CA_CODES = {2, 18, 19, 20, 21, 27}
_VALIDITY_CODES = {9, 10}
_NAME_CODES = {62, 64}
# OpenSSL reasons (ssl.SSLError.reason) when the peers share no protocol version.
_OLD_PROTOCOL_REASONS = {
    "UNSUPPORTED_PROTOCOL",
    "TLSV1_ALERT_PROTOCOL_VERSION",
    "NO_PROTOCOLS_AVAILABLE",
    "VERSION_TOO_LOW",
}


class TlsSetupError(ValueError):
    """The user's TLS settings cannot be used (one line, for stderr)."""


@dataclass(frozen=True, slots=True)
class TlsPolicy:
    """How softdiag checks a TLS server: on by default, system store plus ``ca_file``."""

    verify: bool = True
    ca_file: str | None = None

    def check(self) -> None:
        """Raise TlsSetupError when ``ca_file`` is missing, unreadable or not a certificate."""
        if self.ca_file is None:
            return
        if not os.path.isfile(self.ca_file):
            raise TlsSetupError(f"--ca {self.ca_file}: no such file")
        try:
            with open(self.ca_file, "rb") as fh:
                data = fh.read(1_000_000)
        except OSError as exc:
            raise TlsSetupError(f"--ca {self.ca_file}: {exc.strerror or exc}") from None
        try:
            x509.load_pem_x509_certificates(data)
        except ValueError:
            raise TlsSetupError(f"--ca {self.ca_file}: not a PEM certificate file") from None


def ca_file_usable(ca_file: str | None) -> bool:
    """None (the system store only) or a readable PEM certificate file."""
    try:
        TlsPolicy(ca_file=ca_file).check()
    except TlsSetupError:
        return False
    return True


def system_ca_file() -> str | None:
    """The system's CA bundle as one PEM file, for pjsip (which loads no default store)."""
    paths = ssl.get_default_verify_paths()
    for candidate in (
        paths.cafile,
        paths.openssl_cafile,
        "/etc/ssl/certs/ca-certificates.crt",  # Debian, Ubuntu
        "/etc/pki/tls/certs/ca-bundle.crt",  # Fedora, RHEL
        "/etc/ssl/cert.pem",  # macOS, Alpine
    ):
        if candidate and os.path.isfile(candidate):
            return candidate
    return None


def client_context(policy: TlsPolicy) -> ssl.SSLContext:
    """The prober's TLS context: same trust and versions as the engine."""
    ctx = ssl.create_default_context()  # the system store, hostname check on
    ctx.minimum_version = ssl.TLSVersion.TLSv1_2
    if policy.ca_file:
        ctx.load_verify_locations(cafile=policy.ca_file)
    if not policy.verify:
        ctx.check_hostname = False
        ctx.verify_mode = ssl.CERT_NONE
    return ctx


def evidence_context() -> ssl.SSLContext:
    """Only to read a certificate that failed verification (no SIP is sent on it)."""
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    ctx.check_hostname = False
    ctx.verify_mode = ssl.CERT_NONE
    return ctx


@dataclass(frozen=True, slots=True)
class CertFacts:
    subject: str
    issuer: str
    not_before: datetime.datetime
    not_after: datetime.datetime
    sha256: str  # colon-separated upper-case hex
    names: tuple[str, ...]  # subjectAltName DNS/IP entries

    def evidence(self) -> tuple[str, ...]:
        return (
            f"certificate subject: {self.subject}",
            f"issuer: {self.issuer}",
            f"valid: {self.not_before:%Y-%m-%d %H:%M} – {self.not_after:%Y-%m-%d %H:%M} UTC",
            f"SHA-256 fingerprint: {self.sha256}",
            "subjectAltName: " + (", ".join(self.names) or "(none)"),
        )


def cert_facts(data: bytes) -> CertFacts | None:
    """Facts of a DER or PEM certificate; None when it cannot be read."""
    try:
        cert = (
            x509.load_pem_x509_certificate(data)
            if data.lstrip().startswith(b"-----BEGIN")
            else x509.load_der_x509_certificate(data)
        )
    except ValueError:
        return None
    names: list[str] = []
    try:
        san = cert.extensions.get_extension_for_class(x509.SubjectAlternativeName).value
        names = [*san.get_values_for_type(x509.DNSName)]
        names += [str(ip) for ip in san.get_values_for_type(x509.IPAddress)]
    except x509.ExtensionNotFound:
        pass
    digest = cert.fingerprint(hashes.SHA256()).hex().upper()
    return CertFacts(
        subject=cert.subject.rfc4514_string(),
        issuer=cert.issuer.rfc4514_string(),
        not_before=cert.not_valid_before_utc,
        not_after=cert.not_valid_after_utc,
        sha256=":".join(digest[i : i + 2] for i in range(0, len(digest), 2)),
        names=tuple(names),
    )


def classify_ssl_error(exc: BaseException) -> tuple[TlsProblem, str]:
    """Which way a Python TLS handshake failed, and OpenSSL's words for it."""
    if isinstance(exc, ssl.SSLCertVerificationError):
        code = exc.verify_code
        detail = exc.verify_message or str(exc)
        if code in _NAME_CODES:
            return "name_mismatch", detail
        if code in _VALIDITY_CODES:
            return "expired", detail
        if code in _UNKNOWN_CA_CODES:
            return "unknown_ca", detail
        return "handshake_failed", detail
    if isinstance(exc, ssl.SSLError):
        reason = exc.reason or ""
        if reason in _OLD_PROTOCOL_REASONS:
            return "old_protocol", reason.lower().replace("_", " ")
        if reason in ("WRONG_VERSION_NUMBER", "RECORD_LAYER_FAILURE", "PACKET_LENGTH_TOO_LONG"):
            return "handshake_failed", "the server does not speak TLS on this port"
        return "handshake_failed", (reason or str(exc)).lower().replace("_", " ")
    if isinstance(exc, ConnectionError | EOFError):
        return "handshake_failed", "the server closed the connection during the TLS handshake"
    return "handshake_failed", str(exc) or type(exc).__name__


def classify_pj_verify(flags: Iterable[str]) -> TlsProblem:
    """pjsip's ``TlsInfo.verifyStatus`` bits (by their ``PJ_SSL_CERT_E…`` names)."""
    names = set(flags)
    if "PJ_SSL_CERT_EIDENTITY_NOT_MATCH" in names:
        return "name_mismatch"
    if "PJ_SSL_CERT_EVALIDITY_PERIOD" in names:
        return "expired"
    if names & {"PJ_SSL_CERT_EISSUER_NOT_FOUND", "PJ_SSL_CERT_EUNTRUSTED"}:
        return "unknown_ca"
    return "handshake_failed"


def tls_name(target: Target, domain: str) -> str:
    """The name a TLS server must prove: the SRV target's host (RFC 5922 §4), else the
    domain when the target came from an IP literal."""
    host = target.host.rstrip(".")
    with contextlib.suppress(ValueError):
        ipaddress.ip_address(host)
        host = ""
    if host:
        return host
    # The domain as the user typed it may carry a port (voip.example.com:5061): the name
    # is its host part only.
    try:
        return HostPort.parse(domain, what="SIP domain").host
    except ValueError:
        return domain


def tls_finding(
    problem: TlsProblem,
    *,
    server: str,
    name: str,
    detail: str = "",
    cert: CertFacts | None = None,
) -> Finding:
    """The finding for one TLS failure, with the certificate as evidence."""
    evidence: tuple[str, ...] = (f"server: {server}", f"name checked (SNI): {name}")
    if detail:
        evidence += (f"TLS: {detail}",)
    if cert is not None:
        evidence += cert.evidence()
    params: dict[str, object] = {"server": server, "name": name}
    if problem in ("old_protocol", "handshake_failed"):
        # Only these templates show OpenSSL's words; the others stay equal whoever saw the
        # certificate (prober or engine), so one finding is shown once.
        params["detail"] = detail or "-"
    params["issuer"] = cert.issuer if cert else "?"
    params["cert_names"] = ", ".join(cert.names) if cert and cert.names else "?"
    params["not_before"] = f"{cert.not_before:%Y-%m-%d}" if cert else "?"
    params["not_after"] = f"{cert.not_after:%Y-%m-%d}" if cert else "?"
    return make_finding(f"tls.{problem}", evidence=evidence, **params)
