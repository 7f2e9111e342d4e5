"""Ctrl-C / SIGTERM with a probe in flight: a clean exit, no asyncio noise, no traceback.

Before: "Task exception was never retrieved" / "Task was destroyed but it is pending" at
shutdown when an OPTIONS probe was still waiting for its answer.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import pytest

from softdiag.lab.hostile import Answer, HostileLab, SipRequest
from softdiag.lab.hostile.scripts import dns_records, registrar, sip_reply

from .cases import PASSWORD, SIP_IP

NOISE = ("never retrieved", "Task was destroyed", "Traceback", "Exception ignored")


def _slow_options(r: SipRequest) -> list[Answer]:
    return [Answer(sip_reply(r), delay=5.0)]  # every probe is still in flight at the signal


@pytest.mark.parametrize(
    ("key", "argv", "sig"),
    [
        ("s001", ["register", "--user", "alice", "--password-env", "SD_PASS", "--domain"],
         signal.SIGINT),
        ("s002", ["register", "--user", "alice", "--password-env", "SD_PASS", "--domain"],
         signal.SIGTERM),
        ("s003", ["probe", "--timeout", "10"], signal.SIGINT),
    ],
)  # fmt: skip
def test_signal_with_a_probe_in_flight_exits_cleanly(
    hostile_lab: HostileLab, tmp_path: object, key: str, argv: list[str], sig: signal.Signals
) -> None:
    domain = f"{key}.hostile.test"
    hostile_lab.dns_scripts[key] = dns_records({(domain, "A"): [SIP_IP]})
    hostile_lab.sip_scripts[key] = registrar(options=_slow_options)
    env = {**os.environ, "SD_PASS": PASSWORD, "SOFTDIAG_CONFIG_DIR": str(tmp_path)}
    if os.environ.get("SOFTDIAG_UNDER_TEST"):  # another checkout's softdiag (see the table)
        env["PYTHONPATH"] = os.environ["SOFTDIAG_UNDER_TEST"]
    proc = subprocess.Popen(
        [sys.executable, "-m", "softdiag", *argv, domain, "--dns", hostile_lab.dns],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
        stdin=subprocess.DEVNULL, cwd=str(tmp_path),
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 15
        # Wait until softdiag has sent at least one OPTIONS (now waiting 5 s for it).
        while time.monotonic() < deadline and not any(
            r.method == "OPTIONS" for r in hostile_lab.received.get(key, [])
        ):
            time.sleep(0.05)
        assert any(r.method == "OPTIONS" for r in hostile_lab.received.get(key, []))
        time.sleep(0.3)
        proc.send_signal(sig)
        _out, err = proc.communicate(timeout=20)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert proc.returncode in (0, 130), err
    for noise in NOISE:
        assert noise not in err, err
