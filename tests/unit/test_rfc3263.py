from __future__ import annotations

import random
from collections import Counter

from hypothesis import given
from hypothesis import strategies as st

from softdiag.dns.rfc3263 import NaptrRecord, SrvRecord, order_naptr, order_srv, srv_name


def test_naptr_keeps_sip_services_in_order_and_filters_by_transport() -> None:
    recs = [
        NaptrRecord(20, 10, "S", "SIP+D2T", "_sip._tcp.d"),
        NaptrRecord(10, 10, "S", "SIP+D2U", "_sip._udp.d"),
        NaptrRecord(5, 10, "S", "E2U+sip", "_x.d"),  # ENUM, not for us
        NaptrRecord(1, 1, "A", "SIP+D2U", "host.d"),  # not an SRV pointer
    ]
    assert [r.replacement for r in order_naptr(recs, None)] == ["_sip._udp.d", "_sip._tcp.d"]
    assert [r.replacement for r in order_naptr(recs, "tcp")] == ["_sip._tcp.d"]
    assert order_naptr(recs, "tls") == []


def test_srv_names() -> None:
    assert srv_name("d", "udp") == "_sip._udp.d"
    assert srv_name("d", "tls") == "_sips._tcp.d"


def test_srv_lower_priority_always_first() -> None:
    recs = [SrvRecord(20, 100, 5060, "b"), SrvRecord(10, 1, 5060, "a"), SrvRecord(30, 0, 5060, "c")]
    for seed in range(50):
        assert [r.target for r in order_srv(recs, random.Random(seed))] == ["a", "b", "c"]


def test_srv_weights_are_honoured_statistically() -> None:
    recs = [SrvRecord(10, 90, 5060, "heavy"), SrvRecord(10, 10, 5060, "light")]
    rng = random.Random(1)
    firsts = Counter(order_srv(recs, rng)[0].target for _ in range(4000))
    assert 0.85 < firsts["heavy"] / 4000 < 0.95


def test_srv_dot_target_means_no_service() -> None:
    assert order_srv([SrvRecord(0, 0, 0, ".")]) == []


@given(
    st.lists(
        st.builds(
            SrvRecord, st.integers(0, 5), st.integers(0, 100), st.just(5060), st.text(min_size=1)
        ),
        min_size=1,
        max_size=8,
    ),
    st.integers(),
)
def test_srv_order_is_a_permutation_sorted_by_priority(recs: list[SrvRecord], seed: int) -> None:
    out = order_srv(recs, random.Random(seed))
    if len(recs) == 1 and recs[0].target == ".":
        return
    assert sorted(out, key=id) == sorted(recs, key=id)
    assert [r.priority for r in out] == sorted(r.priority for r in recs)
