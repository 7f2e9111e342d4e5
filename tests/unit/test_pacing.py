"""The request pacer shared by the OPTIONS prober and the STUN client (softdiag.pacing)."""

from __future__ import annotations

import asyncio
import itertools

import pytest
from hypothesis import given
from hypothesis import strategies as st

from softdiag.pacing import Pacer


def test_callers_asking_together_get_slots_one_gap_apart() -> None:
    pacer = Pacer(20.0)  # one send per 50 ms
    assert [round(pacer.delay(10.0), 3) for _ in range(4)] == [0.0, 0.05, 0.1, 0.15]


def test_an_idle_pacer_delays_nobody() -> None:
    pacer = Pacer(10.0)
    assert pacer.delay(5.0) == 0.0
    assert pacer.delay(5.1) == pytest.approx(0.0)  # exactly one gap later
    assert pacer.delay(9.0) == 0.0


def test_a_caller_inside_the_gap_waits_for_the_rest_of_it() -> None:
    pacer = Pacer(10.0)
    pacer.delay(1.0)
    assert pacer.delay(1.03) == pytest.approx(0.07)


@given(st.lists(st.floats(min_value=0.0, max_value=5.0), min_size=1, max_size=40),
       st.floats(min_value=1.0, max_value=100.0))  # fmt: skip
def test_granted_slots_are_never_closer_than_a_gap(steps: list[float], rate: float) -> None:
    pacer = Pacer(rate)
    times = list(itertools.accumulate(steps))
    slots = [now + pacer.delay(now) for now in times]
    assert all(b - a >= 1.0 / rate - 1e-9 for a, b in itertools.pairwise(slots))
    assert all(slot >= now for slot, now in zip(slots, times, strict=True))


def test_wait_sleeps_until_the_slot_on_the_injected_clock() -> None:
    ticks = iter([100.0, 100.0, 100.0])
    pacer = Pacer(50.0, clock=lambda: next(ticks))  # gap 20 ms; the clock stands still

    async def three() -> float:
        loop = asyncio.get_running_loop()
        start = loop.time()
        for _ in range(3):
            await pacer.wait()
        return loop.time() - start

    assert asyncio.run(three()) >= 0.04 - 0.002  # slots at +0, +20, +40 ms


def test_a_rate_must_be_positive() -> None:
    with pytest.raises(ValueError, match="positive"):
        Pacer(0.0)
