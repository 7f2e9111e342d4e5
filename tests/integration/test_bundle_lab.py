"""The bundle of a real run: register and call in the lab, then export and read it back.

- sip.pcap, read by tshark, holds every SIP message softdiag sent or received, with its
  method/status, Call-ID, addresses, ports and order, exactly as a capture on ``lo`` of the
  same run saw them; sngrep reads it headless with the same dialog count.
- Planted secrets: the account password and the digest ``response``/``cnonce`` values,
  taken from that loopback capture (so the test can fail), appear in no member of the
  bundle (decompressed) nor in the journal.
- A HEP collector that does not exist changes nothing for the call.
- ``kill -9`` mid-call, then a new process exports: the bundle holds the call.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from softdiag.lab import LAB_PASSWORD, Lab
from tests.labfixtures import TEST_NET, TEST_TOPOLOGY

pytestmark = pytest.mark.lab


def _env(state: Path) -> dict[str, str]:
    return {**os.environ, "SD_PASS": LAB_PASSWORD, "SOFTDIAG_STATE_DIR": str(state)}


def _call_argv(duration: float, *extra: str) -> list[str]:
    return [sys.executable, "-m", "softdiag", "call", "sip:echo@voip.test", "--domain", "voip.test",
            "--user", "alice", "--password-env", "SD_PASS", "--dns", TEST_TOPOLOGY.dns,
            "--expires", "30", "--duration", str(duration), "--json", *extra]  # fmt: skip


def _closed_udp_port() -> int:
    with contextlib.closing(socket.socket(socket.AF_INET, socket.SOCK_DGRAM)) as s:
        s.bind((f"{TEST_NET}.1", 0))
        return int(s.getsockname()[1])


@contextlib.contextmanager
def loopback_capture(path: Path) -> Iterator[None]:
    """tshark on ``lo``, SIP of the tests' lab only; stopped by its PID."""
    proc = subprocess.Popen(
        ["tshark", "-i", "lo", "-q", "-w", str(path), "-f", f"udp and net {TEST_NET}.0/24"],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 15.0
        while time.monotonic() < deadline and not path.exists() and proc.poll() is None:
            time.sleep(0.1)
        if proc.poll() is not None or not path.exists():
            reason = proc.stderr.read() if proc.stderr else ""
            if os.environ.get("CI"):
                raise AssertionError(f"tshark cannot capture on lo: {reason}")
            pytest.skip(f"tshark cannot capture on lo here: {reason.strip()[:200]}")
        time.sleep(0.5)  # capturing, not only created
        yield
    finally:
        time.sleep(0.5)
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=10)


def _fields(pcap: Path, *fields: str, display: str = "sip") -> list[list[str]]:
    args = ["tshark", "-r", str(pcap), "-Y", display, "-T", "fields", "-E", "occurrence=f"]
    for f in fields:
        args += ["-e", f]
    out = subprocess.run(args, capture_output=True, text=True, timeout=60, check=True).stdout
    return [line.split("\t") for line in out.splitlines()]


SIP_FIELDS = ("sip.Method", "sip.Status-Code", "sip.Call-ID", "sip.CSeq.method", "ip.src", "udp.srcport",
              "ip.dst", "udp.dstport")  # fmt: skip


def _export(state: Path, out: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "softdiag", "bundle", "export", "--out", str(out), *extra],
        env=_env(state), capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip


def _members(bundle: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(bundle) as zf:
        return {name: zf.read(name) for name in zf.namelist()}


def test_a_real_call_bundle_reads_in_tshark_and_sngrep_and_holds_no_secret(
    lab: Lab, tmp_path: Path
) -> None:
    state, capture, bundle = tmp_path / "state", tmp_path / "lo.pcap", tmp_path / "b.zip"
    hep_port = _closed_udp_port()  # nobody listens: the HEP mirror must not matter
    with loopback_capture(capture):
        started = time.monotonic()
        proc = subprocess.run(_call_argv(3.0, "--hep", f"{TEST_NET}.1:{hep_port}"), env=_env(state),
                              capture_output=True, text=True, timeout=90, check=False)  # fmt: skip
        call_s = time.monotonic() - started
    assert proc.returncode == 0, proc.stderr
    summary = [json.loads(line) for line in proc.stdout.splitlines() if '"CallSummary"' in line]
    assert summary and summary[-1]["connected"], proc.stdout[-2000:]
    assert call_s < 30

    done = _export(state, bundle)
    assert done.returncode == 0, done.stderr
    members = _members(bundle)

    # 1. The bundle's pcap holds what went over the wire, in order.
    (tmp_path / "sip.pcap").write_bytes(members["sip.pcap"])
    ours = _fields(tmp_path / "sip.pcap", *SIP_FIELDS)
    # Our side: every endpoint not in the lab's /24 (the engine's and the prober's sockets);
    # the wire also carries Kamailio <-> echo peer legs softdiag never sees.
    ends = {(r[4], r[5]) for r in ours} | {(r[6], r[7]) for r in ours}
    local = {e for e in ends if not e[0].startswith(f"{TEST_NET}.")}
    wire = [
        r for r in _fields(capture, *SIP_FIELDS) if (r[4], r[5]) in local or (r[6], r[7]) in local
    ]
    kinds = {(r[0] or r[1]) for r in ours}
    assert {"REGISTER", "401", "200", "INVITE", "ACK", "BYE", "OPTIONS"} <= kinds, kinds
    assert len(ours) >= 10
    # Method/status, Call-ID, CSeq, addresses and ports: the same messages, and per socket in
    # the same order (the engine's and the prober's sockets send concurrently, from two
    # threads: between sockets only the kernel knows the order to the microsecond).
    assert sorted(ours) == sorted(wire)
    for end in local:
        mine = [r for r in ours if end in ((r[4], r[5]), (r[6], r[7]))]
        assert mine == [r for r in wire if end in ((r[4], r[5]), (r[6], r[7]))]
    journal_calls = [json.loads(line) for line in members["events.jsonl"].decode().splitlines()]
    call_ids = [
        e["call_id"] for e in journal_calls if e["type"] == "CallStateChanged" and e["call_id"]
    ]
    assert call_ids and call_ids[0] in {r[2] for r in ours if r[0] == "INVITE"}

    # 2. sngrep reads it headless: one dialog per Call-ID, and every message in what it saves.
    sng = subprocess.run(
        ["sngrep", "-I", str(tmp_path / "sip.pcap"), "-N", "-O", str(tmp_path / "sng.pcap")],
        stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=60, check=True,
    )  # fmt: skip
    counts = re.findall(r"Dialog count: (\d+)", sng.stdout)
    assert counts and int(counts[-1]) == len({r[2] for r in ours}), sng.stdout
    assert _fields(tmp_path / "sng.pcap", *SIP_FIELDS) == ours

    # 3. Planted secrets: the password and the digest values seen on the wire.
    auth = _fields(
        capture, "sip.auth.digest.response", "sip.auth.cnonce", display="sip.Authorization"
    )
    secrets = {v.strip('"') for row in auth for v in row if v} | {LAB_PASSWORD}
    assert len(secrets) >= 3, auth  # a response and a cnonce at least: the test can fail
    journals = list((state / "runs").glob("*/events.jsonl"))
    assert journals
    texts = dict(members) | {str(p): p.read_bytes() for p in journals}
    for name, data in texts.items():
        for secret in secrets:
            assert secret.encode() not in data, f"{secret!r} found in {name}"
    # Redacted in place: the header is still there for Wireshark, without its value.
    assert any('response="<redacted>"' in e.get("text", "") for e in journal_calls)


def _journal_events(state: Path) -> list[dict[str, Any]]:
    events = []
    for path in (state / "runs").glob("*/events.jsonl"):
        for line in path.read_text().splitlines():
            with contextlib.suppress(ValueError):
                events.append(json.loads(line))
    return events


def test_kill_9_mid_call_then_export_holds_what_happened_before(lab: Lab, tmp_path: Path) -> None:
    state, bundle = tmp_path / "state", tmp_path / "b.zip"
    proc = subprocess.Popen(_call_argv(30.0), env=_env(state), stdout=subprocess.PIPE,
                            stderr=subprocess.DEVNULL, text=True)  # fmt: skip
    try:
        deadline = time.monotonic() + 30.0
        while time.monotonic() < deadline:  # until the journal says the call is up, and stats flow
            events = _journal_events(state)
            if sum(e["type"] == "MediaStats" for e in events) >= 2:
                break
            time.sleep(0.2)
        else:
            raise AssertionError("the call never showed up in the journal")
        os.kill(proc.pid, signal.SIGKILL)
        killed_at = time.time()
    finally:
        if proc.poll() is None:
            proc.kill()
        printed = [
            json.loads(line)
            for line in proc.communicate(timeout=10)[0].splitlines()
            if line.strip()
        ]
    runs = subprocess.run([sys.executable, "-m", "softdiag", "bundle", "runs", "--json"], env=_env(state),
                          capture_output=True, text=True, timeout=30, check=True).stdout  # fmt: skip
    assert [json.loads(line)["state"] for line in runs.splitlines()] == ["crashed"]
    done = _export(state, bundle)
    assert done.returncode == 0, done.stderr
    exported = [json.loads(line) for line in _members(bundle)["events.jsonl"].decode().splitlines()]
    states = [e["state"] for e in exported if e["type"] == "CallStateChanged"]
    assert "confirmed" in states and "disconnected" not in states
    assert any(e["type"] == "RegistrationChanged" and e["state"] == "registered" for e in exported)
    # At most the last second is lost: everything printed more than 1 s before the kill is there.
    key = lambda e: (e["type"], e["wall"])  # noqa: E731
    have = {key(e) for e in exported}
    older = [e for e in printed if "wall" in e and e["wall"] < killed_at - 1.0]
    assert older and all(key(e) in have for e in older)


def test_a_real_registration_mirrored_to_a_hep_collector_arrives_whole(
    lab: Lab, tmp_path: Path
) -> None:
    """sngrep listens for HEP (its own decoder); what it collected is what the bundle holds."""
    from .test_bundle_hep import free_udp_port, sngrep_collector

    state, bundle, collected = tmp_path / "state", tmp_path / "b.zip", tmp_path / "hep.pcap"
    port = free_udp_port(f"{TEST_NET}.1")
    argv = [sys.executable, "-m", "softdiag", "register", "--domain", "voip.test", "--user", "heidi",
            "--password-env", "SD_PASS", "--dns", TEST_TOPOLOGY.dns, "--expires", "30", "--duration", "3",
            "--json", "--hep", f"{TEST_NET}.1:{port}", "--hep-id", "2001"]  # fmt: skip
    with sngrep_collector(f"{TEST_NET}.1", port, collected):
        proc = subprocess.run(
            argv, env=_env(state), capture_output=True, text=True, timeout=60, check=False
        )
    assert proc.returncode == 0, proc.stderr
    done = _export(state, bundle)
    assert done.returncode == 0, done.stderr
    (tmp_path / "sip.pcap").write_bytes(_members(bundle)["sip.pcap"])
    ours = _fields(tmp_path / "sip.pcap", *SIP_FIELDS)
    mirrored = _fields(collected, *SIP_FIELDS)
    assert len(ours) >= 8 and {"REGISTER", "401", "200", "OPTIONS"} <= {r[0] or r[1] for r in ours}
    assert sorted(mirrored) == sorted(ours)  # every message, with its real addresses and ports
