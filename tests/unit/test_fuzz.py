"""Structure-aware fuzzing that reaches the parsers (softdiag.bench.fuzz), under hypothesis.

The generators build valid SIP messages, DNS answers (dnspython) and STUN messages, seeded
from pjproject's corpus, and mutate their fields; hypothesis drives them through
``st.randoms()`` so a failure shrinks to the choices that caused it. A bounded slice of
the bench runs here too and prints its count (``softdiag bench fuzz`` runs 10^5+).
"""

from __future__ import annotations

import random

from hypothesis import given
from hypothesis import strategies as st

from softdiag.bench.fuzz import (
    check_dns,
    check_sip,
    check_stun,
    dns_input,
    run_fuzz,
    sip_input,
    stun_input,
)
from softdiag.sip.message import parse_head, top_via
from tests.conftest import CORPUS

SIP_SEEDS = (
    [p.read_text(errors="replace").replace("\r\n", "\n").replace("\n", "\r\n")
     for p in sorted((CORPUS / "sip").glob("*")) if p.is_file()]
    if (CORPUS / "sip").is_dir() else []
)  # fmt: skip
STUN_SEEDS = (
    [p.read_bytes() for p in sorted((CORPUS / "stun").glob("*")) if p.is_file()]
    if (CORPUS / "stun").is_dir() else []
)  # fmt: skip


@given(st.randoms(use_true_random=False))
def test_sip_parsers_hold_their_invariants(rng: random.Random) -> None:
    text, response = sip_input(rng, SIP_SEEDS)
    check_sip(text, response)


@given(st.randoms(use_true_random=False))
def test_dns_answers_give_a_resolution_or_a_dns_problem(rng: random.Random) -> None:
    answers = {}
    for _ in range(rng.randint(1, 6)):
        qname, rdtype, wire = dns_input(rng)
        answers[(qname, rdtype)] = wire
    check_dns(answers)


@given(st.randoms(use_true_random=False))
def test_stun_datagrams_never_break_the_client(rng: random.Random) -> None:
    check_stun(stun_input(rng, STUN_SEEDS))


def test_the_generators_reach_the_parsers() -> None:
    """Unlike random bytes: most SIP inputs have a status line and a Via, most STUN inputs
    parse, most DNS inputs resolve to something."""
    from aioice import stun

    rng = random.Random(7)
    heads = [parse_head(sip_input(rng, SIP_SEEDS)[0]) for _ in range(300)]
    assert sum(h.status is not None for h in heads) > 100
    assert sum(top_via(h) is not None for h in heads) > 150
    parsed = 0
    for _ in range(300):
        try:
            stun.parse_message(stun_input(rng, STUN_SEEDS))
            parsed += 1
        except Exception:
            pass
    assert parsed > 90


def test_bounded_fuzz_slice_prints_its_count() -> None:
    results = run_fuzz(3000, seed=12, corpus=CORPUS if CORPUS.is_dir() else None, budget_s=20)
    print("\nfuzz slice: " + ", ".join(f"{r.parser} {r.inputs} inputs {r.crashes} crashes"
                                       for r in results))  # fmt: skip
    assert all(r.inputs >= 500 for r in results)
    assert [r.first_crash for r in results if r.crashes] == []
