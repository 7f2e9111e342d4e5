"""Odd user names and domains against the real lab, through the real CLI (issue 12).

Before the fix, ``--user josé`` (and emoji, ``a"b``, ``a<b``) and ``--domain
"[127.0.0.2]:99999"`` aborted the process (exit 134): pjsip refused the URI in
``account.create()`` and teardown asked the refused account for its info.
"""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from softdiag.lab import LAB_PASSWORD, Lab
from softdiag.userinput import sip_user_part
from tests.labfixtures import TEST_TOPOLOGY

pytestmark = pytest.mark.lab

DNS = TEST_TOPOLOGY.dns


def _softdiag(*argv: str, timeout: float = 40) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "SD_PASS": LAB_PASSWORD}
    return subprocess.run([sys.executable, "-m", "softdiag", *argv], capture_output=True,
                          text=True, env=env, timeout=timeout, check=False)  # fmt: skip


@pytest.mark.parametrize("user", ['a"b', "a<b", "a b%41"[:1] + "%41"])
def test_escaped_user_names_register(lab: Lab, user: str) -> None:
    done = _softdiag("register", "--domain", "voip.test", "--user", user, "--password-env",
                     "SD_PASS", "--dns", DNS, "--duration", "1", "--expires", "10", "--json")  # fmt: skip
    assert "Traceback" not in done.stderr
    assert done.returncode == 0, done.stderr
    assert '"state": "registered"' in done.stdout
    assert LAB_PASSWORD not in done.stdout + done.stderr


@pytest.mark.parametrize("user", ["josé", "张伟", "😀"])
def test_international_user_names_reach_the_registrar(lab: Lab, user: str) -> None:
    """pjsip sends them percent-encoded (RFC 3261 §25.1). Kamailio 5.6's registrar refuses
    non-ASCII escapes ("Error while unescaping username", 400): a diagnosed failure with the
    server's words, exit 1 — never the native abort of before. The hostile registrar of
    tests/hostile accepts them and the same command exits 0 there."""
    done = _softdiag("register", "--domain", "voip.test", "--user", user, "--password-env",
                     "SD_PASS", "--dns", DNS, "--duration", "1", "--expires", "10", "--json")  # fmt: skip
    assert done.returncode == 1, done.stderr
    assert "Traceback" not in done.stderr
    assert "400 Bad Request" in done.stderr
    # The user part went out percent-encoded, in the address of record and on the wire.
    assert f'"aor": "sip:{sip_user_part(user)}@voip.test"' in done.stdout
    assert "Error while unescaping username" in done.stdout


@pytest.mark.parametrize(
    ("domain", "reason"),
    [(f"[{TEST_TOPOLOGY.registrars[0].ip}]:99999", "only an IPv6 address goes in brackets"),
     (f"{TEST_TOPOLOGY.registrars[0].ip}:99999", "port must be a number from 1 to 65535"),
     (f"{TEST_TOPOLOGY.registrars[0].ip}:0", "port must be a number from 1 to 65535"),
     ("voip.test:²", "port must be"), ("0.0.0.0", "cannot be a SIP server")],
)  # fmt: skip
def test_impossible_domains_exit_2_with_one_line(lab: Lab, domain: str, reason: str) -> None:
    done = _softdiag("register", "--domain", domain, "--user", "alice", "--password-env",
                     "SD_PASS", "--dns", DNS, "--duration", "1")  # fmt: skip
    assert done.returncode == 2, done.stderr
    assert reason in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1


def test_password_inside_user_is_refused_before_anything_is_sent(lab: Lab) -> None:
    done = _softdiag("register", "--domain", "voip.test", "--user", "alice:topsecret",
                     "--password-env", "SD_PASS", "--dns", DNS, "--duration", "1")  # fmt: skip
    assert done.returncode == 2
    assert "topsecret" not in done.stderr + done.stdout
    assert "a password never goes in the user name" in done.stderr
