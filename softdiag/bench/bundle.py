"""``softdiag bench bundle``: a journal of N SIP messages exported to a bundle, timed.

The messages are realistic in size and shape (REGISTER with digest credentials, 401, 200,
INVITE with SDP, 100/180/200, ACK, BYE, OPTIONS probes), journalled through the real
:class:`~softdiag.bundle.journal.Journal`, then exported with the real exporter; the stages
come from the exporter's own progress reports.
"""

from __future__ import annotations

import itertools
import time
from dataclasses import dataclass
from pathlib import Path

from softdiag.bundle.export import export_bundle
from softdiag.bundle.journal import Journal, list_runs
from softdiag.events import SipMessage

__all__ = ["BundleBench", "run_bundle_bench", "sample_messages"]

_SDP = ("v=0\r\no=- 3912 3912 IN IP4 127.0.0.1\r\ns=pjmedia\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
        "m=audio 4000 RTP/AVP 0 8 101\r\na=rtpmap:0 PCMU/8000\r\na=rtpmap:8 PCMA/8000\r\n"
        "a=rtpmap:101 telephone-event/8000\r\na=fmtp:101 0-16\r\na=sendrecv\r\n")  # fmt: skip


def _message(first: str, n: int, method: str, *, body: str = "", auth: bool = False) -> str:
    head = (f"{first}\r\nVia: SIP/2.0/UDP 127.0.0.1:5062;rport;branch=z9hG4bKPj{n:08x}\r\n"
            "Max-Forwards: 70\r\nFrom: <sip:alice@voip.test>;tag=a1b2c3\r\n"
            f"To: <sip:alice@voip.test>\r\nCall-ID: bench-{n // 8:06d}@softdiag\r\nCSeq: {n % 8 + 1} {method}\r\n"
            "Contact: <sip:alice@127.0.0.1:5062;ob>\r\nUser-Agent: softdiag/0.1\r\n")  # fmt: skip
    if auth:
        head += ('Authorization: Digest username="alice", realm="voip.test", nonce="Y2F0Y2gtbWUtaWYt", '
                 'uri="sip:voip.test", response="<redacted>", algorithm=MD5, cnonce="<redacted>", '
                 "qop=auth, nc=00000001\r\n")  # fmt: skip
    return (
        head
        + ("Content-Type: application/sdp\r\n" if body else "")
        + f"Content-Length: {len(body)}\r\n\r\n{body}"
    )


def sample_messages(count: int, start: float) -> list[SipMessage]:
    cycle = [
        ("out", "REGISTER sip:voip.test SIP/2.0", "REGISTER", "", False),
        ("in", "SIP/2.0 401 Unauthorized", "REGISTER", "", False),
        ("out", "REGISTER sip:voip.test SIP/2.0", "REGISTER", "", True),
        ("in", "SIP/2.0 200 OK", "REGISTER", "", False),
        ("out", "INVITE sip:echo@voip.test SIP/2.0", "INVITE", _SDP, False),
        ("in", "SIP/2.0 200 OK", "INVITE", _SDP, False),
        ("out", "ACK sip:echo@127.0.0.5 SIP/2.0", "ACK", "", False),
        ("out", "OPTIONS sip:127.0.0.3:5060 SIP/2.0", "OPTIONS", "", False),
    ]
    out = []
    for n in range(count):
        direction, first, method, body, auth = cycle[n % len(cycle)]
        out.append(SipMessage(direction=direction, transport="udp", local="127.0.0.1:5062",  # type: ignore[arg-type]
                              remote=f"127.0.0.{2 + n % 3}:5060", text=_message(first, n, method, body=body, auth=auth),
                              wall=start + n * 0.01, mono=n * 0.01))  # fmt: skip
    return out


@dataclass(frozen=True, slots=True)
class BundleBench:
    messages: int
    events: int
    journal_bytes: int
    bundle_bytes: int
    seconds: float
    stages: tuple[tuple[str, float], ...]


def run_bundle_bench(tmp: Path, messages: int = 10_000) -> BundleBench:
    with Journal("bench", base=tmp) as journal:
        for m in sample_messages(messages, time.time() - messages * 0.01):
            journal(m)
    run = list_runs(tmp)[-1]
    marks: list[tuple[str, float]] = []
    time.perf_counter()

    def progress(fraction: float, what: str) -> None:
        marks.append((what, time.perf_counter()))

    summary = export_bundle([run], tmp / "bench.zip", progress=progress)
    # Each stage runs from its own progress report to the next one.
    stages = tuple((what, nxt - at) for (what, at), (_, nxt) in itertools.pairwise(marks))
    return BundleBench(messages, summary.events, run.size, summary.size, summary.seconds, stages)
