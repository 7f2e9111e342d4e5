"""TCP and TLS against the real lab: Kamailio's TLS listeners, certificates from the lab's
own CA, verification on; probes that name the phase that failed; failover over TLS."""

from __future__ import annotations

import asyncio
import functools
import os
import socket
import ssl
import subprocess
import sys
import time
from pathlib import Path

import pytest

from softdiag.bench.runner import RegisterRun as _RegisterRun
from softdiag.events import ProbeResult, Target
from softdiag.failover.prober import OptionsProber
from softdiag.lab import Lab
from softdiag.lab.certs import WRONG_NAME
from softdiag.sip.tls import TlsPolicy, cert_facts
from tests.labfixtures import TEST_NET, TEST_TOPOLOGY, registrar_names

pytestmark = pytest.mark.lab

NAMES = {f"{r.ip}:{r.tls_port}": r.name for r in TEST_TOPOLOGY.registrars}
DNS = TEST_TOPOLOGY.dns
# Fast probes: these tests are about the moves over TCP and TLS, not the probe budget.
RegisterRun = functools.partial(_RegisterRun, dns=DNS, probe_profile="fast")


def _target(lab: Lab, name: str, transport: str = "tls", port: int | None = None) -> Target:
    reg = lab._registrar(name)
    index = lab.topology.registrars.index(reg) + 1
    return Target(
        host=f"sip{index}.{lab.topology.domain}",
        ip=reg.ip,
        port=port or (reg.tls_port if transport == "tls" else reg.port),
        transport=transport,  # type: ignore[arg-type]
        source="srv",
    )


def _probe(target: Target, policy: TlsPolicy, timeout: float = 1.0) -> ProbeResult:
    return asyncio.run(OptionsProber("voip.test", timeout=timeout, tls=policy).probe(target))


# -- probes ------------------------------------------------------------------------------


def test_tls_probe_verifies_the_srv_name_with_the_lab_ca(lab: Lab) -> None:
    result = _probe(_target(lab, "kam2"), TlsPolicy(ca_file=str(lab.ca_path)))
    assert (result.status, result.code, result.failure) == ("ok", 200, "")
    assert result.server is not None and result.server.startswith("kam2")


def test_tls_probe_without_the_ca_names_the_unknown_authority(lab: Lab) -> None:
    result = _probe(_target(lab, "kam1"), TlsPolicy())
    assert result.status == "unreachable" and result.failure == "tls_unknown_ca"
    assert result.finding is not None and result.finding.id == "tls.unknown_ca"
    facts = cert_facts(lab.certs.cert("kam1").read_bytes())
    assert facts is not None
    assert f"SHA-256 fingerprint: {facts.sha256}" in result.finding.evidence
    assert any("issuer: CN=softdiag lab CA" in line for line in result.finding.evidence)


def test_wrong_name_certificate_is_a_name_mismatch_with_evidence(fresh_lab: Lab) -> None:
    fresh_lab.bad_cert("kam3")
    result = _probe(_target(fresh_lab, "kam3"), TlsPolicy(ca_file=str(fresh_lab.ca_path)))
    assert result.failure == "tls_name_mismatch"
    assert result.finding is not None and result.finding.id == "tls.name_mismatch"
    assert "sip3.voip.test" in result.finding.title
    wrong = cert_facts(fresh_lab.certs.cert("wrong-name").read_bytes())
    assert wrong is not None
    assert f"SHA-256 fingerprint: {wrong.sha256}" in result.finding.evidence
    assert f"subjectAltName: {WRONG_NAME}" in result.finding.evidence


def test_the_lab_serves_its_certificate_by_sni_only(lab: Lab) -> None:
    """A client that verifies against the lab therefore proves it sent the SRV name."""
    reg = lab._registrar("kam2")
    ctx = ssl.create_default_context(cafile=str(lab.ca_path))
    ctx.check_hostname = False
    seen = {}
    for sni in ("sip2.voip.test", "kam1.voip.test"):
        with (
            socket.create_connection((reg.ip, reg.tls_port), timeout=2) as raw,
            ctx.wrap_socket(raw, server_hostname=sni) as tls,
        ):
            der = tls.getpeercert(binary_form=True)
            facts = cert_facts(der) if der else None
            seen[sni] = facts.subject if facts else ""
    assert seen == {
        "sip2.voip.test": "CN=kam2.voip.test,O=softdiag lab",
        "kam1.voip.test": f"CN={WRONG_NAME},O=softdiag lab",
    }


def test_every_failed_phase_has_its_name(lab: Lab) -> None:
    policy = TlsPolicy(ca_file=str(lab.ca_path))
    # Nothing listens: refused, at once.
    refused = _probe(_target(lab, "kam1", "tcp", port=5999), policy)
    assert (refused.status, refused.failure) == ("unreachable", "connect_refused")
    # A TLS port that speaks plain SIP: connected, no TLS answer; bounded by the timeout.
    t0 = time.monotonic()
    plain = _probe(_target(lab, "kam1", "tls", port=lab._registrar("kam1").port), policy, 0.8)
    assert (plain.status, plain.failure) == ("timeout", "tls_handshake_timeout")
    assert time.monotonic() - t0 < 2.0
    # A server that accepts TCP and never answers (a bare listening socket, no SIP).
    with socket.socket() as silent:
        silent.bind((f"{TEST_NET}.7", 0))
        silent.listen()
        port = silent.getsockname()[1]
        target = Target(host=f"{TEST_NET}.7", ip=f"{TEST_NET}.7", port=port, transport="tcp")
        t0 = time.monotonic()
        mute = _probe(target, policy, 0.8)
        assert (mute.status, mute.failure) == ("timeout", "no_sip_answer")
        assert time.monotonic() - t0 < 2.0


@pytest.mark.parametrize(
    "command",
    [["probe", "voip.test"], ["register", "--domain", "voip.test", "--user", "x",
                              "--password-env", "SD_PASS"]],
)  # fmt: skip
def test_missing_or_unreadable_ca_is_one_line_exit_2(
    lab: Lab, tmp_path: Path, command: list[str]
) -> None:
    junk = tmp_path / "junk.pem"
    junk.write_text("not a certificate\n")
    for ca, why in (("/nonexistent/ca.pem", "no such file"), (str(junk), "not a PEM")):
        result = subprocess.run(
            [sys.executable, "-m", "softdiag", *command, "--dns", DNS, "--transport", "tls",
             "--ca", ca],
            capture_output=True, text=True, timeout=30, check=False,
            env={**os.environ, "SD_PASS": "x"},
        )  # fmt: skip
        assert result.returncode == 2
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith(f"softdiag: --ca {ca}: {why}"), lines


def test_tls_to_a_port_that_speaks_plain_sip_is_named_not_a_hang(lab: Lab) -> None:
    """The registrar's plain SIP port asked for TLS (the domain typed as ip:port): the
    probe names the silent handshake, the run ends in its time with one line, exit 1."""
    kam1 = TEST_TOPOLOGY.registrars[0]
    started = time.monotonic()
    result = subprocess.run(
        [sys.executable, "-m", "softdiag", "register", "--domain", f"{kam1.ip}:{kam1.port}",
         "--user", "plain", "--password-env", "SD_PASS", "--transport", "tls",
         "--ca", str(lab.ca_path), "--duration", "6"],
        capture_output=True, text=True, timeout=60, check=False,
        env={**os.environ, "SD_PASS": "softdiag-lab"},
    )  # fmt: skip
    assert time.monotonic() - started < 30
    assert result.returncode == 1, result.stdout[-2000:] + result.stderr
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr
    assert "does not speak TLS" in result.stdout  # the probe's phase, in plain words
    assert "Invalid URI" not in result.stdout  # the name checked is the host, not host:port


def test_no_verify_is_an_explicit_visible_choice(fresh_lab: Lab) -> None:
    run = RegisterRun("tls-noverify", "--transport", "tls", "--tls-no-verify")
    try:
        run.registered(15)  # no --ca: only possible because verification is off
        run.wait_for(lambda e: e["type"] == "Finding" and e["id"] == "tls.verification_off", 2)
        note = run.wait_for(lambda e: e["type"] == "Log" and e["source"] == "tls", 2)
        assert "certificate NOT verified" in note["message"]
        assert "would fail" in note["message"]  # the lab CA is not trusted: it says so
        others = {e["id"] for e in run.of_type("Finding")} - {"tls.verification_off"}
        assert not {i for i in others if i.startswith("tls.")}  # off means off, visibly
    finally:
        assert run.stop() in (0, 130)


# -- registration over TCP and TLS ---------------------------------------------------------


def test_tls_registration_with_verification_on(fresh_lab: Lab) -> None:
    run = RegisterRun("tls-alice", "--transport", "tls", "--ca", str(fresh_lab.ca_path))
    try:
        first = run.registered(15)
        assert first["transport"] == "tls" and first["code"] == 200
        name = NAMES[first["server"]]
        checked = run.wait_for(lambda e: e["type"] == "Log" and e["source"] == "tls", 2)
        assert "certificate verified for sip" in checked["message"]
        assert f"CN={name}.voip.test" in checked["message"]
        assert run.user in fresh_lab.registered_aors(name)
    finally:
        assert run.stop() in (0, 130)


@pytest.mark.parametrize("fault", ["kill", "freeze"])
@pytest.mark.parametrize("transport", ["tcp", "tls"])
def test_failover_over_connections_and_tls_verifies_the_new_server(
    fresh_lab: Lab, fault: str, transport: str
) -> None:
    run = RegisterRun(
        f"{transport}-{fault}", "--transport", transport, "--ca", str(fresh_lab.ca_path)
    )
    names = {**NAMES, **registrar_names(fresh_lab)}
    try:
        first = run.registered(15)
        victim = names[first["server"]]
        t0 = time.monotonic()
        getattr(fresh_lab, fault)(victim)
        moved = run.registered_elsewhere(first["server"], 10, after=t0)
        recovery = moved["_t"] - t0
        assert recovery < 5.0, f"took {recovery:.1f} s"  # the same bound as on UDP
        new = names[moved["server"]]
        if transport == "tls":
            # The certificate checked after the move is the new server's, by its SRV name.
            run.wait_for(
                lambda e: (
                    e["type"] == "Log"
                    and e["source"] == "tls"
                    and f"CN={new}.voip.test" in e["message"]
                    and "certificate verified for sip" in e["message"]
                ),
                2,
                after=t0,
            )
        assert run.user in fresh_lab.registered_aors(new)
    finally:
        assert run.stop() in (0, 130)


def test_wrong_name_server_is_reported_and_avoided(fresh_lab: Lab) -> None:
    for reg in ("kam1", "kam2"):
        fresh_lab.bad_cert(reg)
    run = RegisterRun("tls-wrongname", "--transport", "tls", "--ca", str(fresh_lab.ca_path))
    try:
        reg = run.registered(15)
        assert NAMES[reg["server"]] == "kam3"
        finding = run.wait_for(
            lambda e: e["type"] == "Finding" and e["id"] == "tls.name_mismatch", 5
        )
        assert any(WRONG_NAME in line for line in finding["evidence"])
    finally:
        assert run.stop() in (0, 130)


def test_only_wrong_name_servers_exit_1(fresh_lab: Lab) -> None:
    for reg in fresh_lab.topology.registrars:
        fresh_lab.bad_cert(reg.name)
    run = RegisterRun(
        "tls-nowhere", "--transport", "tls", "--ca", str(fresh_lab.ca_path), duration=4
    )
    try:
        run.wait_for(lambda e: e["type"] == "Finding" and e["id"] == "tls.name_mismatch", 5)
    finally:
        assert run.stop() == 1
    assert not run.registrations()


# -- the connection the server dropped (field case 6) ----------------------------------------


@pytest.mark.parametrize("transport", ["tcp", "tls"])
def test_tcp_drop_names_the_message_sent_last_and_registers_again(
    fresh_lab: Lab, transport: str
) -> None:
    run = RegisterRun(
        f"drop-{transport}", "--transport", transport, "--ca", str(fresh_lab.ca_path), expires=10
    )
    try:
        first = run.registered(15)
        server = first["server"]
        fresh_lab.tcp_drop(NAMES.get(server) or registrar_names(fresh_lab)[server])
        t0 = time.monotonic()
        # pjsip refreshes 5 s before the 10 s expiry: that REGISTER is dropped.
        finding = run.wait_for(
            lambda e: e["type"] == "Finding" and e["id"] == "transport.closed_by_server", 10,
            after=t0,
        )  # fmt: skip
        params = dict(finding["params"])
        assert params["message"].startswith("REGISTER (CSeq ")
        assert params["server"] == server and params["count"] == "1"
        assert float(params["after_s"]) < 1.0
        assert any(
            line.startswith("last message sent on it: REGISTER") for line in finding["evidence"]
        )
        again = run.registered(5, after=finding["_t"])
        assert again["_t"] - finding["_t"] < 5.0
        assert again["server"] == server  # the server is fine: no failover for a close
    finally:
        assert run.stop() in (0, 130)
