"""Coverage-guided fuzzing of the SDP parser and rules with atheris (libFuzzer).

Optional, beside the hypothesis slice and ``softdiag sdp fuzz``: ``pip install atheris``,
then ``.venv/bin/python tests/fuzz/atheris_sdp.py -atheris_runs=100000``. Each input is
either raw bytes taken as an SDP body (libFuzzer's own byte mutations, guided by coverage)
or, when its first byte is odd, a seed for the structure-aware mutator of
``softdiag.sdp.mutate`` — so the run explores both real-looking SDP and arbitrary text.
Prints the number of inputs at the end; any exception that escapes is a crash libFuzzer
reports with its input.
"""

from __future__ import annotations

import random
import sys

import atheris

with atheris.instrument_imports():
    from softdiag.sdp.fuzz import default_seeds
    from softdiag.sdp.model import parse_sdp
    from softdiag.sdp.mutate import mutate_pair
    from softdiag.sdp.rules import analyze

SEEDS = default_seeds()
COUNT = [0]


def test_one_input(data: bytes) -> None:
    COUNT[0] += 1
    provider = atheris.FuzzedDataProvider(data)
    if data[:1] and data[0] % 2:
        offer, answer = mutate_pair(random.Random(provider.ConsumeInt(8)), SEEDS)
    else:
        offer = provider.ConsumeUnicodeNoSurrogates(4096)
        answer = SEEDS[len(data) % len(SEEDS)]
    parse_sdp(offer)
    result = analyze(offer, answer)
    if result.internal_error:
        raise RuntimeError(result.internal_error)


def main() -> None:
    atheris.Setup(sys.argv, test_one_input)
    try:
        atheris.Fuzz()
    finally:
        print(f"atheris sdp fuzz: {COUNT[0]} inputs", file=sys.stderr)


if __name__ == "__main__":
    main()
