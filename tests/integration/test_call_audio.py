"""Calls through real (virtual) sound devices: the bridge, device loss, a dead microphone.

The SIP lab (sipp echo) plus a private PulseAudio daemon with virtual handset, headset and
speakers (softdiag.lab.audio); the user's own sound server is never touched.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from typing import Any

import pytest

from softdiag.account import Softphone
from softdiag.commands import AccountSpec, AudioSpec
from softdiag.events import (
    AudioPathChanged,
    CallStateChanged,
    Finding,
    MediaStats,
    RegistrationChanged,
)
from softdiag.lab import LAB_PASSWORD, Lab
from softdiag.lab.audio import AudioLab
from softdiag.session import Recorder, Session
from tests.labfixtures import TEST_TOPOLOGY

pytestmark = [pytest.mark.lab, pytest.mark.audio]


def _wait(recorder: Recorder, predicate: Any, timeout: float = 10.0) -> Any:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for event in recorder.snapshot():
            if predicate(event):
                return event
        time.sleep(0.02)
    raise AssertionError("the expected event did not arrive")


def test_unplugging_the_output_keeps_the_call_up_and_reselection_works(
    lab: Lab, audio_lab: AudioLab
) -> None:
    audio_lab.add_output("usb_phone", "USB Phone", "handset")
    session = Session()
    recorder = Recorder()
    session.subscribe(recorder)
    phone = Softphone(session)
    phone.start()
    try:
        spec = AccountSpec(domain="voip.test", user="erin", password=LAB_PASSWORD,
                           dns=lab.topology.dns, expires=30)  # fmt: skip
        phone.register(spec)
        _wait(recorder, lambda e: isinstance(e, RegistrationChanged) and e.state == "registered")
        call = phone.engine.make_call(
            "sip:echo@voip.test",
            AudioSpec(source="devices", output="USB Phone", input="headset_mic"),
        )
        opened = _wait(recorder, lambda e: isinstance(e, AudioPathChanged) and e.call == call
                       and e.state == "devices")  # fmt: skip
        assert (opened.output, opened.input) == ("USB Phone", "Headset Microphone")
        _wait(recorder, lambda e: isinstance(e, MediaStats) and e.media_seconds >= 2.0)
        audio_lab.remove("usb_phone")  # unplugged mid-call
        unplugged = time.monotonic()
        finding = _wait(recorder, lambda e: isinstance(e, Finding) and e.id == "media.device_lost")
        assert finding.mono - unplugged < 3.0
        assert "USB Phone" in finding.title
        lost = _wait(recorder, lambda e: isinstance(e, AudioPathChanged) and e.state == "lost")
        assert lost.output == "USB Phone"
        # The call goes on: RTP keeps flowing both ways for two more seconds.
        before = _wait(recorder, lambda e: isinstance(e, MediaStats) and e.mono > finding.mono)
        after = _wait(recorder, lambda e: isinstance(e, MediaStats)
                      and e.mono > before.mono + 1.9, timeout=5.0)  # fmt: skip
        assert after.rx.packets - before.rx.packets >= 90
        assert after.tx.packets - before.tx.packets >= 90
        # Re-selection: another output, the same call.
        phone.engine.select_audio(call, AudioSpec(source="devices", output="speaker",
                                                  input="headset_mic"))  # fmt: skip
        again = _wait(recorder, lambda e: isinstance(e, AudioPathChanged) and e.state == "devices"
                      and e.output == "Desk Speakers")  # fmt: skip
        _wait(recorder, lambda e: isinstance(e, MediaStats) and e.mono > again.mono + 2.5
              and e.audio is not None and e.audio.output == "Desk Speakers", timeout=6.0)  # fmt: skip
        states = [e.state for e in recorder.of_type(CallStateChanged) if e.call == call]
        assert "disconnected" not in states
    finally:
        phone.shutdown()
    findings = [f.id for f in recorder.of_type(Finding)]
    assert findings == ["media.device_lost"]


def test_a_dead_microphone_is_our_flat_line_and_nothing_else(lab: Lab, audio_lab: AudioLab) -> None:
    env = {**os.environ, "SD_PASS": LAB_PASSWORD, "PULSE_SERVER": audio_lab.server}
    argv = [sys.executable, "-m", "softdiag", "call", "echo", "--domain", "voip.test",
            "--user", "frank", "--password-env", "SD_PASS", "--dns", TEST_TOPOLOGY.dns,
            "--expires", "30", "--duration", "5", "--output", "speaker", "--input", "dead_mic",
            "--json"]  # fmt: skip
    proc = subprocess.run(argv, capture_output=True, text=True, env=env, timeout=60, check=False)
    events = [json.loads(line) for line in proc.stdout.splitlines()]
    findings = [e for e in events if e["type"] == "Finding"]
    assert [f["id"] for f in findings] == ["media.tx_flat_line"], proc.stderr
    assert "Dead Microphone" in findings[0]["title"]
    assert proc.returncode == 1
    # The far end (the echo) sends our flat line back: that is not a second finding, since
    # RX silence while we send silence is no evidence against the far end.
    [summary] = [e for e in events if e["type"] == "CallSummary"]
    assert summary["connected"]


def test_without_a_usable_device_the_call_uses_the_test_signal(
    lab: Lab, audio_lab: AudioLab
) -> None:
    env = {**os.environ, "SD_PASS": LAB_PASSWORD, "PULSE_SERVER": audio_lab.server}
    argv = [sys.executable, "-m", "softdiag", "call", "echo", "--domain", "voip.test",
            "--user", "gary", "--password-env", "SD_PASS", "--dns", TEST_TOPOLOGY.dns,
            "--expires", "30", "--duration", "3", "--output", "No Such Speaker",
            "--input", "No Such Microphone", "--json"]  # fmt: skip
    proc = subprocess.run(argv, capture_output=True, text=True, env=env, timeout=60, check=False)
    assert proc.returncode == 0, proc.stderr
    events = [json.loads(line) for line in proc.stdout.splitlines()]
    findings = [e for e in events if e["type"] == "Finding"]
    assert [f["id"] for f in findings] == ["media.no_audio_device"]
    assert "No Such Speaker" in findings[0]["evidence"][0]
    paths = [e["state"] for e in events if e["type"] == "AudioPathChanged"]
    assert paths[0] == "test-signal"
    [summary] = [e for e in events if e["type"] == "CallSummary"]
    assert summary["tx_rms_dbfs"] == pytest.approx(-20.0, abs=0.5)  # the meters show it
    assert abs(summary["tx_rms_dbfs"] - summary["rx_rms_dbfs"]) <= 1.0
