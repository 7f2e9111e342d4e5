"""The SDP analyser against a real media proxy: Kamailio's rtpengine module in front of
rtpengine-daemon (userspace forwarding), on the tests' loopback lab.

``codecstrip`` reproduces CASES.md case 5: our offer carries ``a=fmtp:0 abc=no``, the proxy
strips PCMU and PCMA from the answer, and the answer that reaches us has no voice codec.
``rtpengine`` is the same path without the fault: a normal call through the proxy.
"""

from __future__ import annotations

import dataclasses
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from softdiag.lab import LAB_PASSWORD, Lab
from softdiag.lab.rtpengine import setup_for
from softdiag.sdp.rules import analyze
from tests.labfixtures import TEST_TOPOLOGY
from tests.rtpengine_ng import ng

pytestmark = pytest.mark.lab

SDP_PREFIXES = ("sdp.", "dtls.", "ice.")
DATA = Path(__file__).resolve().parents[1] / "data" / "sdp"


@pytest.fixture
def proxy_lab(lab: Lab) -> Lab:
    """The tests' lab plus rtpengine-daemon and its echo peer (stopped with the lab)."""
    proxied = Lab(dataclasses.replace(lab.topology, rtpengine=True), state_dir=lab.state_dir)
    proxied.up()
    return proxied


def _call(user: str, *extra: str, duration: float = 3.0) -> tuple[int, list[dict[str, Any]], str]:
    env = {**os.environ, "SD_PASS": LAB_PASSWORD}
    argv = [sys.executable, "-m", "softdiag", "call", f"sip:{user}@voip.test",
            "--domain", "voip.test", "--user", "erin", "--password-env", "SD_PASS",
            "--dns", TEST_TOPOLOGY.dns, "--expires", "30", "--duration", str(duration),
            "--json", *extra]  # fmt: skip
    proc = subprocess.run(argv, capture_output=True, text=True, env=env, timeout=60, check=False)
    return proc.returncode, [json.loads(line) for line in proc.stdout.splitlines()], proc.stderr


def _of(events: list[dict[str, Any]], kind: str) -> list[dict[str, Any]]:
    return [e for e in events if e["type"] == kind]


def _sdp_findings(events: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [f for f in _of(events, "Finding") if f["id"].startswith(SDP_PREFIXES)]


def test_codec_strip_through_rtpengine_is_named_with_its_lines(proxy_lab: Lab) -> None:
    code, events, err = _call("codecstrip", "--fmtp", "PCMU:abc=no", "--fmtp", "PCMA:abc=no")
    [exchange] = _of(events, "SdpExchanged")
    assert "a=fmtp:0 abc=no" in exchange["offer"], "our offer carries the odd fmtp"
    findings = _sdp_findings(events)
    assert [f["id"] for f in findings] == ["sdp.answer_only_telephone_event", "sdp.codec_removed"]
    only_te, removed = findings
    # The offer and answer lines are the evidence: the stripped m= line and what is left.
    assert any(e.startswith("answer line ") and "telephone-event/8000" in e
               for e in only_te["evidence"])  # fmt: skip
    assert any(e.startswith("answer line ") and e.rstrip().endswith("RTP/AVP")
               for e in only_te["evidence"])  # fmt: skip
    assert any(e.startswith("offer line ") and e.endswith("a=fmtp:0 abc=no")
               for e in removed["evidence"])  # fmt: skip
    path = dict(removed["params"])["path"]
    assert path.startswith("rtpengine (record-route: <sip:") and "mp=rtpengine" in path
    assert "PCMU/8000" in removed["title"] and "PCMA/8000" in removed["title"]
    # The same verdict, with the lines each finding rests on, for the call window.
    [analysed] = _of(events, "SdpAnalysed")
    assert [f["id"] for f in analysed["findings"]] == [f["id"] for f in findings]
    marked = {(m["finding"], m["side"]) for m in analysed["marks"]}
    assert ("sdp.codec_removed", "offer") in marked
    assert ("sdp.answer_only_telephone_event", "answer") in marked
    # pjsua cannot use that answer either: the call ends right after the 200 OK (case 5).
    assert code == 1, err
    [summary] = _of(events, "CallSummary")
    assert not summary["connected"] and summary["code"] == 415


def test_a_normal_call_through_rtpengine_has_no_sdp_finding_and_clean_audio(
    proxy_lab: Lab,
) -> None:
    code, events, err = _call("rtpengine")
    assert code == 0, err
    [exchange] = _of(events, "SdpExchanged")
    proxy = setup_for(proxy_lab.topology)
    assert f"c=IN IP4 {proxy.ip}" in exchange["answer"], "the answer comes from the proxy"
    [analysed] = _of(events, "SdpAnalysed")
    assert analysed["findings"] == [] and _sdp_findings(events) == []
    [summary] = _of(events, "CallSummary")
    assert summary["connected"] and summary["findings"] == []
    assert summary["tx_rms_dbfs"] == pytest.approx(-20.0, abs=0.5)
    assert abs(summary["tx_rms_dbfs"] - summary["rx_rms_dbfs"]) <= 1.0
    last = _of(events, "MediaStats")[-1]
    assert last["remote_rtp"].startswith(f"{proxy.ip}:")  # RTP through rtpengine's userspace
    assert last["rx"]["packets"] >= 100 and last["rx"]["loss_pct"] == 0.0
    # The media transport as pjsua2 reports it, next to the counters: plain RTP, no ICE.
    assert last["transport"] == {"profile": "RTP/AVP", "srtp": "off", "srtp_suite": "",
                                 "dtls": False, "ice": "off"}  # fmt: skip


def test_lab_status_lists_the_proxy_and_its_peer(proxy_lab: Lab) -> None:
    status = {s.name: s for s in proxy_lab.status()}
    proxy = setup_for(proxy_lab.topology)
    assert status["rtpengine"].alive and status["rtpengine"].address == proxy.control
    assert status["rtpengine"].role == "proxy"
    assert status["te-echo"].alive and status["te-echo"].address.startswith(proxy.peer_ip)


# -- WebRTC through the daemon (ng protocol): what it produces, and what it will not ---------

WEBRTC_OFFER = (DATA / "rfc8842_webrtc_offer.sdp").read_text().replace("\n", "\r\n")
PLAIN_ANSWER = (
    "v=0\r\no=- 2 2 IN IP4 {ip}\r\ns=-\r\nc=IN IP4 {ip}\r\nt=0 0\r\n"
    "m=audio 6000 RTP/AVP 0 101\r\na=rtpmap:0 PCMU/8000\r\na=rtpmap:101 telephone-event/8000\r\n"
)


def _bridge_webrtc(control: str, setup: str, peer_ip: str) -> str:
    """A browser's offer bridged to plain RTP and back: the answer the browser gets."""
    call_id = f"softdiag-test-{os.getpid()}-{setup}"
    offer = WEBRTC_OFFER.replace("a=setup:actpass", f"a=setup:{setup}")
    reply = ng(control, {"command": "offer", "call-id": call_id, "from-tag": "browser",
                         "sdp": offer, "transport-protocol": "RTP/AVP", "ICE": "remove"})  # fmt: skip
    assert reply["result"] == "ok", reply
    assert "RTP/AVP" in reply["sdp"] and "a=fingerprint" not in reply["sdp"]
    reply = ng(control, {"command": "answer", "call-id": call_id, "from-tag": "browser",
                         "to-tag": "phone", "sdp": PLAIN_ANSWER.format(ip=peer_ip)})  # fmt: skip
    ng(control, {"command": "delete", "call-id": call_id, "from-tag": "browser"})
    assert reply["result"] == "ok", reply
    answer: str = reply["sdp"]
    return answer


@pytest.mark.parametrize(("setup", "role"), [("actpass", "active"), ("active", "passive"),
                                             ("passive", "active")])  # fmt: skip
def test_rtpengine_bridging_webrtc_takes_the_right_dtls_role_but_misses_ice_and_mux(
    proxy_lab: Lab, setup: str, role: str
) -> None:
    """The daemon answers a DTLS-SRTP/ICE offer with the complementary a=setup (so no
    dtls.setup_conflict: that one comes from recorded pairs in the unit tests), but on a
    loopback interface and without the rtcp-mux flags it offers only host candidates the
    browser cannot reach, and no rtcp-mux: two real reasons for a silent WebRTC call."""
    proxy = setup_for(proxy_lab.topology)
    answer = _bridge_webrtc(proxy.control, setup, proxy.peer_ip)
    assert f"a=setup:{role}" in answer and "UDP/TLS/RTP/SAVPF" in answer
    offer = WEBRTC_OFFER.replace("a=setup:actpass", f"a=setup:{setup}")
    result = analyze(offer, answer)
    assert result.ids == ["ice.candidates_unusable", "sdp.rtcp_mux_mismatch"]
    unusable = result.findings[0]
    assert any(proxy.ip in line and "typ host" in line for line in unusable.evidence)
    assert "loopback" in unusable.title
