"""The failover policy, scripted: facts in, decisions out, with fixed timestamps."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from softdiag.events import Target
from softdiag.failover.policy import (
    FailoverPolicy,
    Move,
    PolicyConfig,
    ProbeOutcome,
    Wakeup,
    is_server_failure,
)


def tgt(n: int, priority: int = 10) -> Target:
    return Target(host=f"sip{n}.t", ip=f"127.0.0.{n + 1}", port=5060, transport="udp",
                  priority=priority, weight=10)  # fmt: skip


A, B, C = tgt(1), tgt(2), tgt(3)
OK = ProbeOutcome("ok", 200, rtt_ms=1.0)
TIMEOUT = ProbeOutcome("timeout")
UNREACHABLE = ProbeOutcome("unreachable")


def moves(decisions: list[Move | Wakeup]) -> list[tuple[str | None, str | None]]:
    return [
        (d.from_target.ip if d.from_target else None, d.to_target.ip if d.to_target else None)
        for d in decisions
        if isinstance(d, Move)
    ]


def started(name: str = "sticky", targets: tuple[Target, ...] = (A, B, C)) -> FailoverPolicy:
    policy = FailoverPolicy(name, PolicyConfig())  # type: ignore[arg-type]
    first = policy.resolved(targets, [t.ip for t in targets], 0.0)
    assert moves(first) == [(None, targets[0].ip)]
    for t in targets:
        policy.probe(t.key, OK, 0.1)
    return policy


def test_initial_choice_follows_rfc3263_order() -> None:
    assert started().current == A


def test_sticky_ignores_dns_order_changes() -> None:
    policy = started()
    for i, order in enumerate([[C, B, A], [B, A, C], [C, A, B]] * 10):
        assert moves(policy.resolved(order, [t.ip for t in order], 1.0 + i)) == []
    assert policy.current == A


def test_first_ip_follows_every_dns_order_change() -> None:
    policy = started("first-ip")
    assert moves(policy.resolved([C, B, A], ["127.0.0.4", "127.0.0.3", "127.0.0.2"], 1.0)) == [
        ("127.0.0.2", "127.0.0.4")
    ]
    assert moves(policy.resolved([C, B, A], ["127.0.0.4", "127.0.0.2"], 2.0)) == []


def test_first_ip_never_fails_over_and_retries_after_300_s() -> None:
    policy = started("first-ip")
    assert moves(policy.probe(A.key, UNREACHABLE, 1.0)) == []
    decisions = policy.registration(A.key, 408, 33.0)
    assert moves(decisions) == []
    assert Wakeup(333.0) in decisions
    assert moves(policy.tick(100.0)) == []
    assert moves(policy.tick(333.0)) == [("127.0.0.2", "127.0.0.2")]


@pytest.mark.parametrize("outcome", [TIMEOUT, UNREACHABLE, ProbeOutcome("error", 503)])
def test_sticky_moves_when_the_current_server_stops_answering(outcome: ProbeOutcome) -> None:
    policy = started()
    decisions = policy.probe(A.key, outcome, 5.0)
    assert moves(decisions) == [("127.0.0.2", "127.0.0.3")]
    move = decisions[0]
    assert isinstance(move, Move)
    assert move.evidence  # says what happened to the old server


@pytest.mark.parametrize("code", [408, 500, 503, 504, 0, 701])
def test_registration_failures_that_are_the_servers_move(code: int) -> None:
    policy = started()
    assert moves(policy.registration(A.key, code, 5.0)) == [("127.0.0.2", "127.0.0.3")]


@pytest.mark.parametrize("code", [401, 403, 404, 407, 420, 488, 603])
def test_account_problems_never_move(code: int) -> None:
    policy = started()
    assert moves(policy.registration(A.key, code, 5.0)) == []
    assert not policy.is_dirty(A.key, 5.0)
    assert not is_server_failure(code)


def test_moves_prefer_the_fastest_healthy_server_within_a_priority() -> None:
    policy = started()
    policy.probe(B.key, ProbeOutcome("ok", 200, rtt_ms=9.0), 1.0)
    policy.probe(C.key, ProbeOutcome("ok", 200, rtt_ms=2.0), 1.0)
    assert moves(policy.probe(A.key, TIMEOUT, 2.0)) == [("127.0.0.2", "127.0.0.4")]


def test_choices_prefer_lower_priority_value() -> None:
    policy = FailoverPolicy("sticky")
    targets = (A, tgt(2, priority=20), tgt(3, priority=5))
    assert moves(policy.resolved(targets, [t.ip for t in targets], 0.0)) == [(None, "127.0.0.4")]
    assert moves(policy.probe(targets[2].key, TIMEOUT, 1.0)) == [("127.0.0.4", "127.0.0.2")]


def test_retry_after_is_honoured_even_when_probes_say_ok() -> None:
    policy = started(targets=(A, B))
    decisions = policy.registration(A.key, 503, 10.0, retry_after=30)
    assert moves(decisions) == [("127.0.0.2", "127.0.0.3")]
    policy.probe(A.key, OK, 12.0)  # OPTIONS says fine, but it asked for 30 s
    assert policy.is_dirty(A.key, 39.0)
    policy.probe(B.key, UNREACHABLE, 20.0)
    assert policy.current == B  # nowhere clean to go: A is still inside its Retry-After
    assert all(to != "127.0.0.2" for _, to in moves(policy.tick(39.9)))  # B may be retried
    assert moves(policy.tick(40.0)) == [("127.0.0.3", "127.0.0.2")]


def test_dirty_host_back_off_doubles() -> None:
    policy = started(targets=(A, B))
    policy.probe(A.key, TIMEOUT, 1.0)
    assert policy.health[A.key].backoff == 2.0
    policy.probe(A.key, TIMEOUT, 4.0)
    assert policy.health[A.key].backoff == 4.0
    policy.probe(A.key, TIMEOUT, 9.0)
    assert policy.health[A.key].backoff == 8.0
    assert policy.is_dirty(A.key, 16.9)
    policy.probe(A.key, OK, 17.5)
    assert not policy.is_dirty(A.key, 17.5)  # a live answer ends a back-off early


def test_all_down_then_one_back() -> None:
    policy = started()
    policy.probe(A.key, UNREACHABLE, 1.0)  # -> B
    policy.probe(B.key, UNREACHABLE, 1.1)  # -> C
    decisions = policy.probe(C.key, UNREACHABLE, 1.2)
    nowhere = [d for d in decisions if isinstance(d, Move)]
    assert len(nowhere) == 1
    assert nowhere[0].to_target is None
    assert len(nowhere[0].evidence) == 3
    assert any(isinstance(d, Wakeup) for d in decisions)
    assert moves(policy.probe(C.key, UNREACHABLE, 1.5)) == []  # announced once only
    # Back-off over: try again where it ended first, even though nothing answered yet.
    assert moves(policy.tick(3.0)) == [("127.0.0.4", "127.0.0.2")]
    # C answers a probe: go there at once.
    assert moves(policy.probe(C.key, OK, 3.2)) == [("127.0.0.2", "127.0.0.4")]
    assert policy.current == C


def test_server_removed_from_dns_moves_even_if_healthy() -> None:
    policy = started()
    decisions = policy.resolved([B, C], ["127.0.0.3", "127.0.0.4"], 5.0)
    assert moves(decisions) == [("127.0.0.2", "127.0.0.3")]
    assert "no longer in the DNS answer" in decisions[0].reason  # type: ignore[union-attr]


def test_priority_fails_back_after_the_preferred_server_is_healthy_long_enough() -> None:
    policy = started("priority")
    policy.probe(A.key, UNREACHABLE, 10.0)
    assert policy.current == B
    policy.probe(A.key, OK, 20.0)
    assert moves(policy.tick(40.0)) == []  # only 20 s healthy
    decisions = policy.tick(50.0)
    assert moves(decisions) == [("127.0.0.3", "127.0.0.2")]
    assert "fail back" in decisions[0].reason  # type: ignore[union-attr]


def test_sticky_does_not_fail_back() -> None:
    policy = started()
    policy.probe(A.key, UNREACHABLE, 10.0)
    policy.probe(A.key, OK, 11.0)
    assert moves(policy.tick(1000.0)) == []
    assert policy.current == B


def test_unknown_policy_is_a_clear_error() -> None:
    with pytest.raises(ValueError, match="unknown policy"):
        FailoverPolicy("round-robin")  # type: ignore[arg-type]


# -- properties ----------------------------------------------------------------------

TARGETS = (A, B, C)
facts = st.lists(
    st.one_of(
        st.tuples(st.just("resolved"), st.permutations(TARGETS)),
        st.tuples(
            st.just("probe"),
            st.sampled_from(TARGETS),
            st.sampled_from(
                [
                    OK,
                    TIMEOUT,
                    UNREACHABLE,
                    ProbeOutcome("error", 503, retry_after=20),
                    ProbeOutcome("error", 404),
                    ProbeOutcome("ok", 200, rtt_ms=5.0),
                ]
            ),
        ),
        st.tuples(
            st.just("register"),
            st.sampled_from(TARGETS),
            st.sampled_from([200, 401, 403, 404, 408, 500, 503]),
            st.none() | st.integers(1, 60),
        ),
        st.tuples(st.just("tick")),
    ),
    max_size=60,
)


def _replay(name: str, script: list[tuple[object, ...]], check: object) -> None:
    policy = FailoverPolicy(name)  # type: ignore[arg-type]
    now = 0.0
    policy.resolved(TARGETS, [t.ip for t in TARGETS], now)
    for step in script:
        now += 0.7
        before = policy.current
        healthy_before = before is not None and policy.health[before.key].healthy(now)
        snapshot = {
            k: (h.dirty(now), h.state, h.retry_after_until) for k, h in policy.health.items()
        }
        kind = step[0]
        if kind == "resolved":
            order = step[1]
            decisions = policy.resolved(order, [t.ip for t in order], now)  # type: ignore[union-attr, attr-defined]
        elif kind == "probe":
            decisions = policy.probe(step[1].key, step[2], now)  # type: ignore[attr-defined, arg-type]
        elif kind == "register":
            decisions = policy.registration(step[1].key, step[2], now, step[3])  # type: ignore[attr-defined, arg-type]
        else:
            decisions = policy.tick(now)
        check(policy, decisions, before, healthy_before, snapshot, now)  # type: ignore[operator]


@given(facts)
def test_sticky_never_leaves_a_healthy_current_server(script: list[tuple[object, ...]]) -> None:
    def check(policy, decisions, before, healthy_before, snapshot, now):  # type: ignore[no-untyped-def]
        for d in decisions:
            hop = isinstance(d, Move) and (d.to_target is None or d.to_target != before)
            if hop and healthy_before:
                # The fact that triggered the move must have made it unhealthy first.
                assert not policy.health[before.key].healthy(now)

    _replay("sticky", script, check)


@given(facts, st.sampled_from(["sticky", "priority"]))
def test_no_dirty_host_chosen_while_a_clean_healthy_one_exists(
    script: list[tuple[object, ...]], name: str
) -> None:
    def check(policy, decisions, before, healthy_before, snapshot, now):  # type: ignore[no-untyped-def]
        for d in decisions:
            if isinstance(d, Move) and d.to_target is not None:
                chosen = policy.health[d.to_target.key]
                if chosen.dirty(now):
                    assert not any(h.healthy(now) for h in policy.health.values())

    _replay(name, script, check)


@given(facts, st.sampled_from(["sticky", "priority", "first-ip"]))
def test_retry_after_is_never_violated(script: list[tuple[object, ...]], name: str) -> None:
    def check(policy, decisions, before, healthy_before, snapshot, now):  # type: ignore[no-untyped-def]
        for d in decisions:
            if isinstance(d, Move) and d.to_target is not None and name != "first-ip":
                assert now >= policy.health[d.to_target.key].retry_after_until

    _replay(name, script, check)


def test_every_reason_has_a_template_and_formats() -> None:
    from softdiag.failover.reasons import REASONS, reason_text

    params = {"code": "503", "ip": "127.0.0.2", "seconds": "30"}
    for reason_id in REASONS:
        text = reason_text(reason_id, {**params, "cause": "probe_timeout"})
        assert "{" not in text
    assert reason_text("all_down_retry", {"cause": "register_failed", "code": "408"}) == (
        "REGISTER failed with 408; every server is down: trying again"
    )


def test_decisions_carry_a_reason_id_for_translation() -> None:
    policy = started()
    move = policy.probe(A.key, TIMEOUT, 5.0)[0]
    assert isinstance(move, Move)
    assert move.reason_id == "probe_timeout"
    assert "frozen" in move.reason


def test_a_server_that_answers_again_gets_a_new_register() -> None:
    policy = started(targets=(A,))
    policy.registration(A.key, 200, 0.5)
    policy.probe(A.key, UNREACHABLE, 1.0)  # the only server dies: nowhere to go
    retry = policy.tick(3.0)  # back-off over: try it again
    assert moves(retry) == [("127.0.0.2", "127.0.0.2")]
    policy.registration(A.key, 408, 11.0)  # that REGISTER timed out (Timer F)
    back = policy.probe(A.key, OK, 12.0)  # now it answers OPTIONS again
    assert moves(back) == [("127.0.0.2", "127.0.0.2")]
    assert back[0].reason_id == "server_back"  # type: ignore[union-attr]
    assert moves(policy.probe(A.key, OK, 12.5)) == []  # in flight: not twice
    policy.registration(A.key, 200, 12.6)
    assert moves(policy.probe(A.key, OK, 13.0)) == []


def test_account_refusal_is_never_retried_by_probes() -> None:
    policy = started()
    policy.registration(A.key, 403, 1.0)
    for i in range(5):
        assert moves(policy.probe(A.key, OK, 2.0 + i)) == []


def test_the_only_server_restarting_gets_our_binding_back() -> None:
    policy = started(targets=(A,))
    policy.registration(A.key, 200, 0.5)
    policy.probe(A.key, UNREACHABLE, 1.0)  # restarted: its location table is empty now
    back = policy.probe(A.key, OK, 1.5)
    assert moves(back) == [("127.0.0.2", "127.0.0.2")]
    assert back[0].reason_id == "server_back"  # type: ignore[union-attr]
