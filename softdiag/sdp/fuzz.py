"""``softdiag sdp fuzz``: structure-aware fuzzing of the SDP parser and every rule.

Starts from real SDP bodies (pjproject's fuzz seeds in ``../shared/corpus``, when present,
and the samples built into the tests), mutates them with :mod:`softdiag.sdp.mutate`, and
runs each offer/answer pair through :func:`~softdiag.sdp.model.parse_sdp` and
:func:`~softdiag.sdp.rules.analyze`. A crash is an exception that escapes, or one the
analyser's safety net had to catch. Bounded by a count and a time limit.
"""

from __future__ import annotations

import random
import time
import traceback
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from .model import parse_sdp
from .mutate import mutate_pair
from .rules import analyze

__all__ = ["FuzzReport", "default_seeds", "run_fuzz"]

_HERE = Path(__file__).resolve()
_SEED_DIRS = (
    _HERE.parents[3] / "shared" / "corpus" / "pjproject-fuzz-seeds" / "sdp",
    _HERE.parents[2] / "tests" / "data" / "sdp",
)


@dataclass
class FuzzReport:
    inputs: int = 0
    crashes: int = 0
    seconds: float = 0.0
    seeds: int = 0
    ids: set[str] = field(default_factory=set)
    first_crash: str = ""  # the traceback and the input of the first crash

    @property
    def rate(self) -> float:
        return self.inputs / self.seconds if self.seconds else 0.0


# Used when neither folder is there (an installed copy): a plain and a WebRTC body.
BUILT_IN = (
    "v=0\no=- 1 1 IN IP4 192.0.2.1\ns=-\nc=IN IP4 192.0.2.1\nt=0 0\n"
    "m=audio 4000 RTP/AVP 0 8 101\na=rtpmap:0 PCMU/8000\na=rtpmap:8 PCMA/8000\n"
    "a=rtpmap:101 telephone-event/8000\na=fmtp:101 0-16\na=ptime:20\na=sendrecv\n",
    "v=0\no=- 2 2 IN IP4 198.51.100.2\ns=-\nt=0 0\na=ice-ufrag:abcd\n"
    "a=ice-pwd:0123456789abcdef012345\nm=audio 9 UDP/TLS/RTP/SAVPF 0\n"
    "c=IN IP4 198.51.100.2\na=rtpmap:0 PCMU/8000\na=rtcp-mux\na=setup:actpass\n"
    "a=fingerprint:sha-256 " + ":".join(["AB"] * 32) + "\n"
    "a=candidate:1 1 UDP 2113667327 198.51.100.2 9 typ host\na=end-of-candidates\n",
)


def default_seeds(dirs: Sequence[Path] = _SEED_DIRS) -> list[str]:
    seeds: list[str] = []
    for folder in dirs:
        for path in sorted(folder.glob("*.sdp")) if folder.is_dir() else ():
            seeds.append(path.read_text(encoding="utf-8", errors="replace"))
    return seeds or list(BUILT_IN)


def run_fuzz(
    inputs: int, *, seed: int = 1, seeds: Sequence[str] | None = None, max_seconds: float = 3600
) -> FuzzReport:
    corpus = list(seeds) if seeds is not None else default_seeds()
    if not corpus:
        raise ValueError("no seed SDP bodies found")
    rnd = random.Random(seed)
    report = FuzzReport(seeds=len(corpus))
    started = time.perf_counter()
    for _ in range(inputs):
        offer, answer = mutate_pair(rnd, corpus)
        try:
            parse_sdp(offer)
            result = analyze(offer, answer)
            report.ids.update(result.ids)
            if result.internal_error:
                raise RuntimeError(result.internal_error)
        except Exception:
            report.crashes += 1
            if not report.first_crash:
                report.first_crash = f"{traceback.format_exc()}\noffer={offer!r}\nanswer={answer!r}"
        report.inputs += 1
        if time.perf_counter() - started > max_seconds:
            break
    report.seconds = time.perf_counter() - started
    return report
