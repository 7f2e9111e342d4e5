"""The lab's throw-away certificate authority and the registrars' TLS certificates.

Generated with the ``cryptography`` library (no ``openssl`` command line to parse) into the
lab's state directory the first time the lab starts: ``ca.pem`` (what a client trusts with
``--ca``), one key and certificate per registrar whose subjectAltName carries the names a
client may legitimately reach it by (``kamN.<domain>``, its SRV target ``sipN.<domain>``,
the domain and ``sip.<domain>``), and one certificate with a wrong name
(``wrong-name.invalid``, same CA) that the ``tls-bad-cert`` scenario swaps in.

Nothing here is secret: the CA key exists only to sign the lab's certificates and dies with
the state directory. The CA is valid for a week, the server certificates for two days.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

__all__ = ["WRONG_NAME", "LabCerts", "issue_lab_certs"]

WRONG_NAME = "wrong-name.invalid"
_CA_NAME = "softdiag lab CA (throw-away)"


@dataclass(frozen=True, slots=True)
class LabCerts:
    ca: Path
    directory: Path

    def cert(self, name: str) -> Path:
        return self.directory / f"{name}.pem"

    def key(self, name: str) -> Path:
        return self.directory / f"{name}.key"


def _name(common_name: str) -> x509.Name:
    return x509.Name(
        [
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, "softdiag lab"),
            x509.NameAttribute(NameOID.COMMON_NAME, common_name),
        ]
    )


def _write_key(path: Path, key: ec.EllipticCurvePrivateKey) -> None:
    path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    path.chmod(0o600)


def _server_cert(
    ca_key: ec.EllipticCurvePrivateKey,
    ca_cert: x509.Certificate,
    common_name: str,
    names: list[str],
    now: datetime.datetime,
) -> tuple[ec.EllipticCurvePrivateKey, x509.Certificate]:
    key = ec.generate_private_key(ec.SECP256R1())
    cert = (
        x509.CertificateBuilder()
        .subject_name(_name(common_name))
        .issuer_name(ca_cert.subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(minutes=5))
        .not_valid_after(now + datetime.timedelta(days=2))
        .add_extension(x509.SubjectAlternativeName([x509.DNSName(n) for n in names]), False)
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), True)
        .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.SERVER_AUTH]), False)
        .sign(ca_key, hashes.SHA256())
    )
    return key, cert


def issue_lab_certs(
    directory: Path, domain: str, registrars: list[str], *, now: datetime.datetime | None = None
) -> LabCerts:
    """Write a fresh CA and one certificate per registrar (index i: ``kam{i}``/``sip{i}``).

    ``registrars`` are the registrar names in topology order; the SRV target of the i-th
    (1-based) is ``sip{i}.<domain>`` (:meth:`LabTopology.default_zone`).
    """
    now = now or datetime.datetime.now(datetime.UTC)
    directory.mkdir(parents=True, exist_ok=True)
    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca_cert = (
        x509.CertificateBuilder()
        .subject_name(_name(_CA_NAME))
        .issuer_name(_name(_CA_NAME))
        .public_key(ca_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(minutes=5))
        .not_valid_after(now + datetime.timedelta(days=7))
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=False,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=True,
                crl_sign=True,
                encipher_only=False,
                decipher_only=False,
            ),
            True,
        )
        .sign(ca_key, hashes.SHA256())
    )
    certs = LabCerts(ca=directory / "ca.pem", directory=directory)
    certs.ca.write_bytes(ca_cert.public_bytes(serialization.Encoding.PEM))
    issued: list[tuple[str, str, list[str]]] = [
        (
            name,
            f"{name}.{domain}",
            [f"{name}.{domain}", f"sip{i}.{domain}", domain, f"sip.{domain}"],
        )
        for i, name in enumerate(registrars, start=1)
    ]
    issued.append(("wrong-name", WRONG_NAME, [WRONG_NAME]))
    for file_name, common_name, names in issued:
        key, cert = _server_cert(ca_key, ca_cert, common_name, names, now)
        _write_key(certs.key(file_name), key)
        certs.cert(file_name).write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    return certs
