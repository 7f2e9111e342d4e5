"""`softdiag register` against the real lab, checked from the servers' side."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time

import pytest

from softdiag.lab import LAB_PASSWORD, Lab
from tests.labfixtures import TEST_TOPOLOGY

pytestmark = pytest.mark.lab

REGISTRARS = {r.ip: r.name for r in TEST_TOPOLOGY.registrars}
DNS = TEST_TOPOLOGY.dns


def _register(
    *extra: str, user: str, password: str = LAB_PASSWORD, dns: str = DNS
) -> subprocess.Popen[str]:
    env = {**os.environ, "SD_PASS": password}
    argv = [sys.executable, "-m", "softdiag", "register", "--domain", "voip.test", "--user", user,
            "--password-env", "SD_PASS", "--dns", dns, *extra]  # fmt: skip
    return subprocess.Popen(
        argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env
    )


def _holders(lab: Lab, user: str) -> set[str]:
    return {name for name in REGISTRARS.values() if user in lab.registered_aors(name)}


def test_register_json_reports_the_server_and_the_server_holds_the_contact(lab: Lab) -> None:
    proc = _register("--duration", "4", "--expires", "10", "--json", user="alice")
    assert proc.stdout is not None
    registered = None
    deadline = time.monotonic() + 15
    while registered is None and time.monotonic() < deadline:
        line = proc.stdout.readline()
        if not line:
            break
        event = json.loads(line)  # every line is one JSON object
        if event["type"] == "RegistrationChanged" and event["state"] == "registered":
            registered = event
    assert registered is not None, proc.stderr.read() if proc.stderr else ""
    ip, port = registered["server"].split(":")
    assert ip in REGISTRARS
    assert port == "5060"
    assert registered["code"] == 200
    assert registered["expires"] == 10
    assert registered["received"].startswith("127.")
    assert isinstance(registered["rport"], int)
    assert registered["registrar"].startswith(REGISTRARS[ip])
    # Seen from the server side while the command runs: only that registrar has alice.
    assert _holders(lab, "alice") == {REGISTRARS[ip]}
    rest, err = proc.communicate(timeout=30)
    assert proc.returncode == 0, err
    for line in rest.splitlines():
        json.loads(line)
    # After the command: un-REGISTERed, no server holds the contact.
    assert _holders(lab, "alice") == set()


def test_human_output_names_the_registrar(lab: Lab) -> None:
    proc = _register("--duration", "1", user="bob")
    out, err = proc.communicate(timeout=30)
    assert proc.returncode == 0, err
    assert f"registered sip:bob@voip.test via {TEST_TOPOLOGY.dns_ip.rsplit('.', 1)[0]}." in out
    assert "200 OK" in out
    assert _holders(lab, "bob") == set()


def test_tcp_registration(lab: Lab) -> None:
    proc = _register("--duration", "1", "--transport", "tcp", "--json", user="dave")
    out, err = proc.communicate(timeout=30)
    assert proc.returncode == 0, err
    states = [json.loads(x) for x in out.splitlines()]
    reg = [e for e in states if e["type"] == "RegistrationChanged" and e["state"] == "registered"]
    assert reg
    assert reg[0]["transport"] == "tcp"


def test_wrong_password_exits_1_with_a_plain_finding(lab: Lab) -> None:
    proc = _register("--duration", "10", "--json", user="carol", password="not-the-password")
    out, err = proc.communicate(timeout=30)
    assert proc.returncode == 1
    assert err.strip().splitlines() == [
        "softdiag: The server rejected the credentials: 401 Unauthorized"
    ]
    findings = [json.loads(x) for x in out.splitlines() if '"Finding"' in x]
    assert [f["id"] for f in findings] == ["registration.credentials_rejected"]
    assert "not-the-password" not in out
    assert _holders(lab, "carol") == set()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--dns", DNS, "--domain-override", "x"], "unrecognized arguments"),
    ],
)
def test_unknown_option_is_bad_input(args: list[str], message: str) -> None:
    proc = _register(*args, user="x")
    _out, err = proc.communicate(timeout=30)
    assert proc.returncode == 2
    assert len(err.strip().splitlines()) == 1
    assert message in err


@pytest.mark.parametrize(
    ("domain", "dns", "message"),
    [
        ("nosuch.voip.test", DNS, "does not exist (NXDOMAIN"),
        ("voip.test", "127.0.0.1:5399", "did not answer"),
        ("voip.test", "127.0.0.1:notaport", "bad DNS server"),
        ("voip.test", "dns.example:53", "bad DNS server"),
    ],
)
def test_dns_problems_exit_2_with_one_line(lab: Lab, domain: str, dns: str, message: str) -> None:
    env = {**os.environ, "SD_PASS": LAB_PASSWORD}
    result = subprocess.run(
        [sys.executable, "-m", "softdiag", "register", "--domain", domain, "--user", "eve",
         "--password-env", "SD_PASS", "--dns", dns, "--duration", "2"],
        capture_output=True, text=True, env=env, timeout=30, check=False,
    )  # fmt: skip
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert message in lines[0]
    assert "Traceback" not in result.stderr
