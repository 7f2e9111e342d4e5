"""`softdiag call` against the real lab: the sipp echo, and peers that misbehave on purpose."""

from __future__ import annotations

import dataclasses
import json
import os
import subprocess
import sys
import time
from typing import Any

import pytest

from softdiag.account import Softphone
from softdiag.commands import AccountSpec
from softdiag.events import CallStateChanged, Finding, Levels, MediaStats, RegistrationChanged
from softdiag.lab import LAB_PASSWORD, Lab
from softdiag.session import Recorder, Session
from tests.labfixtures import TEST_TOPOLOGY

pytestmark = pytest.mark.lab

DNS = TEST_TOPOLOGY.dns


@pytest.fixture
def media_lab(lab: Lab) -> Lab:
    """The tests' lab plus the misbehaving call peers (stopped with the lab)."""
    peers = Lab(dataclasses.replace(lab.topology, media_peers=True), state_dir=lab.state_dir)
    peers.up()
    return peers


def _call(
    uri: str, *extra: str, user: str, duration: float = 4.0
) -> tuple[int, list[dict[str, Any]], str]:
    env = {**os.environ, "SD_PASS": LAB_PASSWORD}
    argv = [sys.executable, "-m", "softdiag", "call", uri, "--domain", "voip.test",
            "--user", user, "--password-env", "SD_PASS", "--dns", DNS, "--expires", "30",
            "--duration", str(duration), "--json", *extra]  # fmt: skip
    proc = subprocess.run(argv, capture_output=True, text=True, env=env, timeout=60, check=False)
    events = [json.loads(line) for line in proc.stdout.splitlines()]
    return proc.returncode, events, proc.stderr


def _of(events: list[dict[str, Any]], kind: str) -> list[dict[str, Any]]:
    return [e for e in events if e["type"] == kind]


def test_echo_call_shows_tx_and_rx_levels_within_1_db(lab: Lab) -> None:
    code, events, err = _call("sip:echo@voip.test", user="alice", duration=4.0)
    assert code == 0, err
    [summary] = _of(events, "CallSummary")
    assert summary["connected"] and summary["ok"]
    assert summary["tx_rms_dbfs"] == pytest.approx(-20.0, abs=0.5)
    assert summary["tx_peak_dbfs"] == pytest.approx(-17.0, abs=0.5)
    assert abs(summary["tx_rms_dbfs"] - summary["rx_rms_dbfs"]) <= 1.0
    assert summary["levels_rate_hz"] >= 25
    assert summary["findings"] == []
    # Levels: TX and RX of the connected call, at 25+ a second, never "silent" once running.
    levels = _of(events, "Levels")
    assert len(levels) >= 25 * 3
    late = levels[len(levels) // 2 :]
    assert all(abs(e["tx"]["rms_dbfs"] - e["rx"]["rms_dbfs"]) <= 1.0 for e in late)
    assert not any(e["rx"]["silent"] for e in late)
    # Stream statistics once a second, from pjsua2, with the E-model estimate.
    stats = _of(events, "MediaStats")
    assert len(stats) >= 3
    last = stats[-1]
    assert last["codec"] == "PCMU" and last["clock_rate"] == 8000
    assert last["rx"]["packets"] >= 150 and last["tx"]["packets"] >= 150
    assert last["rx"]["loss_pct"] == 0.0
    assert last["remote_rtp"] == last["rtp_source"] == f"{TEST_TOPOLOGY.echo_ip}:6000"
    assert last["mos"] > 4.0
    states = [e["state"] for e in _of(events, "CallStateChanged")]
    assert states[0] == "calling" and "confirmed" in states and states[-1] == "disconnected"
    [sdp] = _of(events, "SdpExchanged")
    assert sdp["offerer"] == "local" and "m=audio" in sdp["offer"] and "m=audio" in sdp["answer"]
    # The INVITE went through the server the account registered with (the failover
    # policy's choice), not wherever DNS pointed next.
    [registered] = [e for e in _of(events, "RegistrationChanged") if e["state"] == "registered"]
    invites = [e for e in _of(events, "SipMessage")
               if e["direction"] == "out" and e["text"].startswith("INVITE ")]  # fmt: skip
    assert invites and all(e["remote"] == registered["server"] for e in invites)


@pytest.mark.parametrize(
    ("user", "finding"),
    [
        ("silence", "media.rx_digital_silence"),
        ("private", "media.sdp_private_address"),
        ("nortp", "media.no_rtp"),
    ],
)
def test_each_misbehaving_peer_produces_its_finding_and_no_other(
    media_lab: Lab, user: str, finding: str
) -> None:
    code, events, err = _call(user, user="bob", duration=4.5)
    findings = _of(events, "Finding")
    assert [f["id"] for f in findings] == [finding], err
    assert code == 1
    assert err.strip().splitlines() == [f"softdiag: {findings[0]['title']}"]
    assert findings[0]["evidence"], "a finding shows the numbers behind it"
    [summary] = _of(events, "CallSummary")
    assert summary["connected"] and summary["findings"] == [finding]
    assert summary["tx_rms_dbfs"] == pytest.approx(-20.0, abs=0.5)  # we did send the tone
    assert summary["rx_rms_dbfs"] == -120.0  # and heard nothing
    # Nothing received, nothing to rate: no MOS (it used to say 4.40 for a silent call).
    silent = [s for s in _of(events, "MediaStats") if s["rx"]["packets"] == 0]
    assert all(s["mos"] is None and s["r_factor"] is None for s in silent)
    if user == "nortp":
        assert silent, "the no-RTP peer sends no packet"


def test_a_peer_sending_from_another_port_than_its_sdp_gets_the_latching_advice(
    media_lab: Lab,
) -> None:
    """Its SDP announces port 6002, its tone leaves from 6000 (a NAT rewrote the port)."""
    code, events, err = _call("latching", user="dave", duration=4.5)
    findings = _of(events, "Finding")
    assert [f["id"] for f in findings] == ["media.rtp_source_mismatch"], err
    assert findings[0]["severity"] == "warning"
    peer = next(p for p in TEST_TOPOLOGY.peers() if p.name == "latching")
    assert f"{peer.ip}:{peer.media_port}" in " ".join(findings[0]["evidence"])
    assert code == 0  # audio flowed both ways: advice, not a failed test
    last = _of(events, "MediaStats")[-1]
    assert last["remote_rtp"] == f"{peer.ip}:{peer.media_port + 2}"
    assert last["rtp_source"] == f"{peer.ip}:{peer.media_port}"
    [summary] = _of(events, "CallSummary")
    assert summary["rx_rms_dbfs"] == pytest.approx(-20.0, abs=0.5)  # we hear its tone


def test_calling_an_unknown_user_is_a_call_failure(lab: Lab) -> None:
    code, events, err = _call("nobody-here", user="carol", duration=1.0)
    assert code == 1
    assert [f["id"] for f in _of(events, "Finding")] == ["call.failed"]
    assert "404" in err
    [summary] = _of(events, "CallSummary")
    assert not summary["connected"]


def test_bad_call_options_are_bad_input() -> None:
    env = {**os.environ, "SD_PASS": LAB_PASSWORD}
    proc = subprocess.run(
        [sys.executable, "-m", "softdiag", "call", "echo", "--domain", "voip.test",
         "--user", "x", "--password-env", "SD_PASS", "--tone-dbfs", "3"],
        capture_output=True, text=True, env=env, timeout=30, check=False,
    )  # fmt: skip
    assert proc.returncode == 2
    assert proc.stderr.strip().splitlines() == [
        "softdiag: --tone-dbfs must be between -60 and -3 (dBFS RMS)"
    ]


def _wait(recorder: Recorder, predicate: Any, timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if any(predicate(e) for e in recorder.snapshot()):
            return
        time.sleep(0.02)
    raise AssertionError("the expected event did not arrive")


def test_calls_in_a_row_and_shutdown_mid_call_leave_nothing_behind(lab: Lab) -> None:
    """Two calls, the second still running at shutdown: calls, ports, account destroyed in
    order (an object alive at libDestroy would abort this very process)."""
    session = Session()
    recorder = Recorder()
    session.subscribe(recorder)
    phone = Softphone(session)
    phone.start()
    try:
        spec = AccountSpec(domain="voip.test", user="dave", password=LAB_PASSWORD,
                           dns=lab.topology.dns, expires=30)  # fmt: skip
        phone.register(spec)
        _wait(recorder, lambda e: isinstance(e, RegistrationChanged) and e.state == "registered")
        first = phone.engine.make_call("sip:echo@voip.test")
        _wait(recorder, lambda e: isinstance(e, MediaStats) and e.call == first)
        phone.engine.hangup(first)
        _wait(recorder, lambda e: isinstance(e, CallStateChanged) and e.call == first
              and e.state == "disconnected")  # fmt: skip
        second = phone.engine.make_call("sip:echo@voip.test")
        _wait(recorder, lambda e: isinstance(e, Levels) and e.call == second
              and e.rx.rms_dbfs > -30)  # fmt: skip
    finally:
        phone.shutdown()
    states = [(e.call, e.state) for e in recorder.of_type(CallStateChanged)]
    assert (first, "disconnected") in states and (second, "disconnected") in states
    assert not recorder.of_type(Finding)
    assert second > first
