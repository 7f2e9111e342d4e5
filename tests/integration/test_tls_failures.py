"""The TLS failures the lab's Kamailio does not show: an expired certificate and a server
stuck on TLS 1.1. A bare TLS listener on loopback (no SIP: the probe fails before SIP) is
the server; the prober must name each failure and carry the certificate as evidence."""

from __future__ import annotations

import asyncio
import contextlib
import datetime
import os
import socket
import ssl
import threading
import warnings
from pathlib import Path

import pytest

from softdiag.events import ProbeResult, Target
from softdiag.failover.prober import OptionsProber
from softdiag.lab.certs import issue_lab_certs
from softdiag.sip.tls import TlsPolicy
from tests.labfixtures import TEST_NET

HOST = f"{TEST_NET}.7"


def _probe_against(server_ctx: ssl.SSLContext, ca: Path) -> ProbeResult:
    """TLS handshakes served by a blocking socket (it sends OpenSSL's alerts as they are),
    probed by the OptionsProber; bounded by 2 s each."""
    with socket.socket() as listener:
        listener.bind((HOST, 0))
        listener.listen()
        listener.settimeout(2.0)
        port = listener.getsockname()[1]

        def serve() -> None:  # the probe, then the read of the certificate for evidence
            for _ in range(2):
                try:
                    conn, _addr = listener.accept()
                except OSError:
                    return
                conn.settimeout(2.0)
                with conn, contextlib.suppress(OSError):
                    server_ctx.wrap_socket(conn, server_side=True).close()

        thread = threading.Thread(target=serve, daemon=True)
        thread.start()
        target = Target(host="sip1.voip.test", ip=HOST, port=port, transport="tls")
        prober = OptionsProber("voip.test", timeout=2.0, tls=TlsPolicy(ca_file=str(ca)))
        result = asyncio.run(prober.probe(target))
        thread.join(3.0)
        return result


def test_expired_certificate(tmp_path: Path) -> None:
    past = datetime.datetime.now(datetime.UTC) - datetime.timedelta(days=30)
    certs = issue_lab_certs(tmp_path, "voip.test", ["kam1"], now=past)
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ctx.load_cert_chain(certs.cert("kam1"), certs.key("kam1"))
    result = _probe_against(ctx, certs.ca)
    assert result.failure == "tls_expired"
    assert result.finding is not None and result.finding.id == "tls.expired"
    valid = next(line for line in result.finding.evidence if line.startswith("valid: "))
    assert f"{past:%Y-%m-%d}" in valid  # the validity the certificate really has
    assert any(line.startswith("SHA-256 fingerprint: ") for line in result.finding.evidence)


def test_server_stuck_on_an_old_tls_version(tmp_path: Path) -> None:
    certs = issue_lab_certs(tmp_path, "voip.test", ["kam1"])
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ctx.load_cert_chain(certs.cert("kam1"), certs.key("kam1"))
    try:
        ctx.set_ciphers("DEFAULT:@SECLEVEL=0")
        with warnings.catch_warnings():  # deprecated: that is the point of the test
            warnings.simplefilter("ignore", DeprecationWarning)
            ctx.minimum_version = ssl.TLSVersion.TLSv1
            ctx.maximum_version = ssl.TLSVersion.TLSv1_1
    except (ValueError, ssl.SSLError) as exc:  # an OpenSSL built without TLS 1.1
        if os.environ.get("CI"):  # Debian 12's can: under CI the check must run
            raise
        pytest.skip(f"this OpenSSL cannot serve TLS 1.1: {exc}")
    result = _probe_against(ctx, certs.ca)
    assert result.failure == "tls_old_protocol", result.reason
    assert result.finding is not None and result.finding.id == "tls.old_protocol"
