"""The probe budget: quiet while healthy, fast on suspicion, rate-limit answers win."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given
from hypothesis import strategies as st

from softdiag.failover.budget import PROFILES, ProbeBudget, profile

A, B, C = "127.0.0.2:5060/udp", "127.0.0.3:5060/udp", "127.0.0.4:5060/udp"
KEYS = (A, B, C)


def _run(budget: ProbeBudget, start: float, end: float, *, current: str = A,
         answer: str = "ok", code: int = 200) -> list[tuple[float, str]]:  # fmt: skip
    """Drive the budget like the supervisor: sleep until next_at, probe what is due."""
    sent: list[tuple[float, str]] = []
    now = start
    for _ in range(100_000):  # bounded
        if now >= end:
            break
        for key in budget.due(KEYS, current, now):
            budget.sent(key, now)
            sent.append((now, key))
            budget.result(key, answer, now, code=code if answer != "timeout" else 0)
        nxt = budget.next_at(KEYS, current, now)
        assert nxt >= now
        now = max(nxt, now + 1e-3)
    return sent


def test_default_profile_is_at_most_three_probes_a_minute_while_healthy() -> None:
    budget = ProbeBudget(PROFILES["default"])
    sent = _run(budget, 0.0, 600.0)
    per_minute = len(sent) / 10.0
    assert per_minute <= 3.0 + 0.3  # the first round at t=0 probes all three at once
    current = [t for t, k in sent if k == A]
    assert all(b - a >= 30.0 for a, b in itertools.pairwise(current))
    other = [t for t, k in sent if k == B]
    assert all(b - a >= 120.0 for a, b in itertools.pairwise(other))
    assert PROFILES["default"].quiet_per_minute == 3.0


def test_a_register_refresh_answered_counts_as_a_probe_of_the_current_server() -> None:
    budget = ProbeBudget(PROFILES["default"])
    _run(budget, 0.0, 1.0)  # the first round at t=0
    sent = []
    for refresh in range(25, 600, 25):  # expires 30: pjsua refreshes every 25 s
        sent += _run(budget, refresh - 25.0 + 1.0, float(refresh))
        budget.heard(A, float(refresh))
    current = [t for t, k in sent if k == A]
    assert current == []  # every refresh came before the current server's probe was due
    assert budget.sent_total == 3 + len(sent)  # signs of life are not probes
    assert len(sent) / 10.0 <= 1.0  # the two others, every 120 s


def test_fast_profile_knows_a_death_within_a_quarter_second_a_silence_within_one() -> None:
    budget = ProbeBudget(PROFILES["fast"])
    sent = _run(budget, 0.0, 60.0)
    assert len([k for _, k in sent if k == A]) == pytest.approx(240, abs=2)  # every 0.25 s
    assert len([k for _, k in sent if k == B]) == pytest.approx(12, abs=1)  # every 5 s
    fast = PROFILES["fast"]
    assert fast.current_interval <= 0.25  # the next probe after a death: its ICMP error
    assert fast.current_interval + fast.timeout <= 1.0  # the first one a silence leaves


def test_suspicion_probes_every_server_at_once_then_quiets_down() -> None:
    budget = ProbeBudget(PROFILES["default"])
    _run(budget, 0.0, 10.0)  # the first round, then quiet
    budget.suspect("invite", 10.0)
    assert budget.due(KEYS, A, 10.0) == [A, B, C]
    sent = _run(budget, 10.0, 25.0)
    during = [t for t, _ in sent if t < 20.0]
    assert len(during) == pytest.approx(30, abs=3)  # 3 servers x 1/s for 10 s
    assert not [t for t, _ in sent if t >= 21.0]  # quiet again after the suspicion
    assert budget.last_suspicion == "invite"


def test_a_probe_timeout_is_itself_suspicious() -> None:
    budget = ProbeBudget(PROFILES["default"])
    budget.sent(A, 0.0)
    budget.result(A, "timeout", 1.0)
    assert budget.suspicious(1.0)
    assert budget.interval(B, A, 1.0) == 1.0


def test_503_with_retry_after_is_honoured_even_under_suspicion() -> None:
    budget = ProbeBudget(PROFILES["default"])
    budget.sent(A, 0.0)
    budget.result(A, "error", 0.1, code=503, retry_after=20)
    budget.suspect("register", 0.2)
    assert A not in budget.due(KEYS, A, 5.0)
    assert budget.blocked_for(A, 5.0) == pytest.approx(15.1)
    budget.suspect("register", 15.0)  # still suspicious when the Retry-After ends
    assert A not in budget.due(KEYS, A, 20.0)
    assert A in budget.due(KEYS, A, 20.2)


def test_429_without_retry_after_backs_off_exponentially_and_ok_resets() -> None:
    budget = ProbeBudget(PROFILES["fast"])
    now, waits = 0.0, []
    for _ in range(8):
        budget.sent(A, now)
        budget.result(A, "error", now, code=429)
        waits.append(budget.blocked_for(A, now))
        now += waits[-1]
    assert waits == [2.0, 4.0, 8.0, 16.0, 32.0, 64.0, 120.0, 120.0]
    budget.result(A, "ok", now)
    budget.sent(A, now)
    budget.result(A, "error", now, code=429)
    assert budget.blocked_for(A, now) == 2.0


def test_the_interval_is_a_setting() -> None:
    p = profile("default", 45.0)
    assert (p.current_interval, p.other_interval) == (45.0, 180.0)
    with pytest.raises(ValueError, match="between 1 and 3600"):
        profile("default", 0.1)
    with pytest.raises(ValueError):
        profile("default", float("nan"))


@given(
    events=st.lists(
        st.tuples(
            st.floats(min_value=0.0, max_value=5.0),
            st.sampled_from(["probe", "suspect", "503", "timeout"]),
            st.sampled_from(KEYS),
        ),
        max_size=40,
    ),
    name=st.sampled_from(["default", "fast"]),
)
def test_invariants_never_too_close_never_before_retry_after(
    events: list[tuple[float, str, str]], name: str
) -> None:
    budget = ProbeBudget(PROFILES[name])  # type: ignore[index]
    now = 0.0
    last: dict[str, float] = {}
    blocked: dict[str, float] = {}
    for step, what, key in events:
        now += step
        if what == "suspect":
            budget.suspect("dns", now)
        elif what == "503":
            budget.result(key, "error", now, code=503, retry_after=3)
            blocked[key] = max(blocked.get(key, 0.0), now + 3)
        elif what == "timeout":
            budget.result(key, "timeout", now)
        for due in budget.due(KEYS, A, now):
            assert now - last.get(due, -1e9) >= budget.profile.min_gap - 1e-9  # invariant 1
            assert now >= blocked.get(due, 0.0) - 1e-9  # invariant 2
            budget.sent(due, now)
            last[due] = now
        nxt = budget.next_at(KEYS, A, now)
        assert nxt >= now  # invariant 4
        assert nxt <= min(budget.due_at(k, A, now) for k in KEYS) + 1e-9


def test_a_call_up_probes_its_server_every_5_s_and_only_it() -> None:
    budget = ProbeBudget(PROFILES["default"])
    _run(budget, 0.0, 1.0)
    budget.call_since = 1.0
    sent = _run(budget, 1.0, 31.0)
    assert [k for _, k in sent] == [A] * 5  # from 6 s on (5 s into the call), every 5 s
    assert sent[0][0] == 6.0
    budget.call_since = None
    assert not _run(budget, 31.0, 34.0)


def test_short_calls_cost_no_probes() -> None:
    budget = ProbeBudget(PROFILES["default"])
    _run(budget, 0.0, 1.0)
    sent = []
    for start in range(2, 29, 3):  # a one-second call every 3 s
        budget.call_since = float(start)
        sent += _run(budget, float(start), start + 1.0)
        budget.call_since = None
        sent += _run(budget, start + 1.0, start + 3.0)
    assert [k for _, k in sent] == []  # the next quiet probe is at 30 s


def test_the_fast_profile_keeps_its_grid_whatever_it_hears() -> None:
    budget = ProbeBudget(PROFILES["fast"])
    budget.sent(A, 0.0)
    budget.heard(A, 0.1)  # a refresh answered between two probes
    assert budget.due_at(A, A, 0.1) == 0.25  # not 0.55: its fixed grid
