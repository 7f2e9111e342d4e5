"""The lab's caller: a real sipp UAC that calls a user of the lab domain through one proxy.

Each call is one short sipp run (``-m 1``) aimed at the proxy the driver chose, so a
benchmark can send every call to whichever proxy DNS names next, and a test can aim at
one proxy on purpose (the old one of a split registration, CASES.md case 3). sipp echoes
the callee's RTP (``-rtp_echo``), so an auto-answering softdiag hears its own test tone
and measures a healthy stream.

A call counts as delivered when the callee answered 200: sipp logs that answer (a
``<log>`` action), so a BYE left unanswered afterwards does not undo it (the proxy the
call was record-routed through may die during the call: the fault script kills it, and
the call still reached the callee). ``completed`` says whether the whole call, BYE
included, went through (sipp's exit code 0). Every run is bounded by sipp's own ``-timeout``.
"""

from __future__ import annotations

import contextlib
import shutil
import socket
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

__all__ = ["CallAttempt", "LabCaller", "caller_scenario"]

# How long the callee may take to answer, and how long a run may last in all.
ANSWER_TIMEOUT_S = 6.0
RUN_TIMEOUT_S = 15.0
SIPP_BIND_ERROR = 254  # sipp's exit code -2: "fatal error binding a socket"
BYE_TIMEOUT_MS = 3000  # a BYE unanswered this long (its proxy died): the run ends


def caller_scenario(domain: str, *, hold_ms: int, answer_timeout_ms: int) -> str:
    """A UAC scenario: INVITE sip:[service]@domain, wait for 200, ACK, hold, BYE."""
    return f"""<?xml version="1.0" encoding="ISO-8859-1" ?>
<!DOCTYPE scenario SYSTEM "sipp.dtd">
<scenario name="softdiag lab caller">
  <send retrans="500">
    <![CDATA[
      INVITE sip:[service]@{domain} SIP/2.0
      Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch];rport
      From: "lab caller" <sip:labcaller@{domain}>;tag=[pid]T[call_number]
      To: <sip:[service]@{domain}>
      Call-ID: [call_id]
      CSeq: 1 INVITE
      Contact: <sip:labcaller@[local_ip]:[local_port]>
      Max-Forwards: 70
      Subject: softdiag lab call [call_number]
      Content-Type: application/sdp
      Content-Length: [len]

      v=0
      o=labcaller 1 1 IN IP[local_ip_type] [local_ip]
      s=-
      c=IN IP[media_ip_type] [media_ip]
      t=0 0
      m=audio [media_port] RTP/AVP 0
      a=rtpmap:0 PCMU/8000
    ]]>
  </send>
  <recv response="100" optional="true"/>
  <recv response="180" optional="true"/>
  <recv response="183" optional="true"/>
  <recv response="200" rrs="true" timeout="{answer_timeout_ms}">
    <action><log message="answered [call_id]"/></action>
  </recv>
  <send>
    <![CDATA[
      ACK [next_url] SIP/2.0
      Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch];rport
      [routes]
      From: "lab caller" <sip:labcaller@{domain}>;tag=[pid]T[call_number]
      To: <sip:[service]@{domain}>[peer_tag_param]
      Call-ID: [call_id]
      CSeq: 1 ACK
      Max-Forwards: 70
      Content-Length: 0
    ]]>
  </send>
  <pause milliseconds="{hold_ms}"/>
  <send retrans="500">
    <![CDATA[
      BYE [next_url] SIP/2.0
      Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch];rport
      [routes]
      From: "lab caller" <sip:labcaller@{domain}>;tag=[pid]T[call_number]
      To: <sip:[service]@{domain}>[peer_tag_param]
      Call-ID: [call_id]
      CSeq: 2 BYE
      Max-Forwards: 70
      Content-Length: 0
    ]]>
  </send>
  <recv response="200" crlf="true" timeout="{BYE_TIMEOUT_MS}" ontimeout="bye_lost"/>
  <label id="bye_lost"/>
</scenario>
"""


@dataclass(frozen=True, slots=True)
class CallAttempt:
    proxy: str  # ip:port the INVITE was sent to
    delivered: bool  # the callee answered 200
    seconds: float  # the whole run, INVITE to the BYE's answer (or the failure)
    exit_code: int

    @property
    def completed(self) -> bool:
        """The whole call went through, the BYE's answer included."""
        return self.exit_code == 0


def _free_port(ip: str) -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
        s.bind((ip, 0))
        return int(s.getsockname()[1])


class LabCaller:
    """Places one call at a time from ``ip`` (a loopback address of its own)."""

    def __init__(self, state_dir: Path, *, ip: str, domain: str = "voip.test",
                 hold_ms: int = 1000) -> None:  # fmt: skip
        sipp = shutil.which("sipp")
        if sipp is None:
            raise FileNotFoundError("sipp is missing: apt-get install sip-tester")
        self._sipp = sipp
        self.ip = ip
        self.state_dir = state_dir
        state_dir.mkdir(parents=True, exist_ok=True)
        self.scenario = state_dir / "lab-caller.xml"
        self.scenario.write_text(
            caller_scenario(domain, hold_ms=hold_ms,
                            answer_timeout_ms=int(ANSWER_TIMEOUT_S * 1000))
        )  # fmt: skip

    def call(self, user: str, proxy: str) -> CallAttempt:
        """Call ``user`` through ``proxy`` (ip:port); blocks until the call ended.

        sipp exits -2 (254) when it cannot bind the ports picked for it (another process
        took one meanwhile, or its video port, media + 2): nothing was sent, so the call is
        placed again on other ports, up to three times.
        """
        attempt = self._call_once(user, proxy)
        for _ in range(2):
            if attempt.delivered or attempt.exit_code != SIPP_BIND_ERROR:
                break
            attempt = self._call_once(user, proxy)
        return attempt

    def _call_once(self, user: str, proxy: str) -> CallAttempt:
        port = _free_port(self.ip)
        media = _free_port(self.ip)
        answers = self.state_dir / f"answered-{port}.log"
        answers.unlink(missing_ok=True)
        argv = [
            self._sipp, proxy, "-sf", str(self.scenario), "-s", user, "-m", "1",
            "-i", self.ip, "-p", str(port), "-mi", self.ip, "-mp", str(media), "-rtp_echo",
            "-timeout", f"{RUN_TIMEOUT_S:.0f}s", "-timeout_error", "-nostdin",
            "-trace_logs", "-log_file", str(answers),
        ]  # fmt: skip
        start = time.monotonic()
        proc = subprocess.Popen(
            argv, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL, cwd=self.state_dir,
        )  # fmt: skip
        try:
            code = proc.wait(RUN_TIMEOUT_S + 5)
        except subprocess.TimeoutExpired:
            proc.terminate()
            with contextlib.suppress(subprocess.TimeoutExpired):
                proc.wait(3)
            if proc.poll() is None:
                proc.kill()
                proc.wait()
            code = -1
        try:
            answered = "answered" in answers.read_text(errors="replace")
            answers.unlink()
        except OSError:  # no answer logged: sipp never got the 200
            answered = False
        return CallAttempt(proxy, answered or code == 0, time.monotonic() - start, code)
