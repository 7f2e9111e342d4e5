"""Fuzzing the SDP parser and every rule: structure-aware inputs from real SDP, never a
crash, never a hang, always a clean list of findings or a clean parse error.

The hypothesis slice runs in every suite and prints its count in the terminal summary;
``softdiag sdp fuzz`` and tests/benchmarks/test_sdp_fuzz.py run 10^5 inputs and more.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from softdiag.events import Finding
from softdiag.findings import CATALOG
from softdiag.sdp.fuzz import BUILT_IN, default_seeds, run_fuzz
from softdiag.sdp.model import Sdp, SdpError, parse_sdp
from softdiag.sdp.mutate import mutate_pair, mutate_sdp
from softdiag.sdp.rules import analyze
from tests.conftest import CORPUS
from tests.fuzzreport import report_line

SEEDS = default_seeds()
COUNT = {"inputs": 0, "crashes": 0}


def test_seeds_come_from_the_shared_corpus_and_the_test_data() -> None:
    corpus = sorted((CORPUS / "sdp").glob("*.sdp"))
    assert len(corpus) >= 6, f"the pjproject seed corpus is missing at {CORPUS}"
    assert len(SEEDS) >= len(corpus) + 10
    assert default_seeds([Path("/nonexistent")]) == list(BUILT_IN)


def _check(offer: str, answer: str) -> None:
    COUNT["inputs"] += 1
    try:
        parsed = parse_sdp(offer)
        assert isinstance(parsed, Sdp | SdpError)
        if isinstance(parsed, SdpError):
            assert str(parsed) and "\n" not in parsed.message
        result = analyze(offer, answer)
    except Exception:
        COUNT["crashes"] += 1
        raise
    assert result.internal_error == "", result.internal_error
    for finding in result.findings:
        assert isinstance(finding, Finding) and finding.id in CATALOG
    assert {m.finding for m in result.marks} <= {f.id for f in result.findings}


@settings(max_examples=400, suppress_health_check=[HealthCheck.too_slow])
@given(st.randoms(use_true_random=False))
def test_mutated_real_sdp_never_crashes(rnd: random.Random) -> None:
    offer, answer = mutate_pair(rnd, SEEDS)
    _check(offer, answer)


@settings(max_examples=150)
@given(st.sampled_from(SEEDS), st.text(max_size=200), st.integers(0, 2000))
def test_arbitrary_text_spliced_into_real_sdp_never_crashes(seed: str, junk: str, at: int) -> None:
    at = min(at, len(seed))
    _check(seed[:at] + junk + seed[at:], seed)


def test_mutations_are_reproducible_and_stay_sdp_shaped() -> None:
    first = [mutate_sdp(random.Random(7), SEEDS[0]) for _ in range(3)]
    assert first[0] == first[1] == first[2]
    bodies = [mutate_sdp(random.Random(i), SEEDS[0]) for i in range(200)]
    readable = sum(isinstance(parse_sdp(b), Sdp) for b in bodies)
    assert 20 <= readable <= 190, readable  # both kinds: read, and located errors


def test_a_bounded_fuzz_run_reaches_the_rules_without_a_crash() -> None:
    report = run_fuzz(3000, seed=3)
    COUNT["inputs"] += report.inputs
    COUNT["crashes"] += report.crashes
    assert report.crashes == 0, report.first_crash
    assert report.inputs == 3000
    assert {"sdp.unparseable", "sdp.codec_removed", "dtls.setup_conflict"} <= report.ids


@pytest.fixture(scope="module", autouse=True)
def _print_count(request: pytest.FixtureRequest) -> Iterator[None]:
    yield
    report_line(request.config, f"sdp fuzz: {COUNT['inputs']} inputs, {COUNT['crashes']} crashes")
