"""The NAT mapping tracker, from recorded Via received/rport sequences."""

from __future__ import annotations

from softdiag.nat.tracker import NatMappingTracker

K1, K2 = "198.51.100.2:5060", "198.51.100.3:5060"
LOCAL = "192.168.1.20:40312"


def feed(tracker: NatMappingTracker, *steps: tuple[float, str, str, int]) -> list[str]:
    """(time, server, received, rport) REGISTER answers -> the causes reported."""
    causes = []
    for at, server, received, rport in steps:
        change = tracker.observe(server, LOCAL, received, rport, "register", at)
        if change is not None:
            causes.append(change.cause)
    return causes


def test_no_nat() -> None:
    tracker = NatMappingTracker()
    assert feed(tracker, (0, K1, "192.168.1.20", 40312)) == ["first_seen"]
    cls, text, evidence = tracker.classify()
    assert cls == "no_nat"
    assert LOCAL in text
    assert evidence == (f"{K1} sees {LOCAL}",)


def test_stable_nat_over_many_refreshes() -> None:
    tracker = NatMappingTracker()
    steps = [(t * 55.0, K1, "203.0.113.7", 61000) for t in range(20)]
    assert feed(tracker, *steps) == ["first_seen"]
    assert tracker.classify()[0] == "stable"
    assert "203.0.113.7:61000" in tracker.classify()[1]


def test_rebinding_while_keepalives_flow() -> None:
    tracker = NatMappingTracker(keepalive_interval=15)
    causes = feed(tracker, (0, K1, "203.0.113.7", 61000), (55, K1, "203.0.113.7", 62001))
    assert causes == ["first_seen", "rebinding"]
    change = tracker.history[-1]
    assert (change.old, change.new) == ("203.0.113.7:61000", "203.0.113.7:62001")
    assert "lost its state" in change.explanation


def test_idle_timeout_when_keepalive_is_longer_than_nats_keep_mappings() -> None:
    tracker = NatMappingTracker(keepalive_interval=30)
    causes = feed(tracker, (0, K1, "203.0.113.7", 61000), (55, K1, "203.0.113.7", 62001))
    assert causes[-1] == "idle_timeout"
    assert "30 s" in tracker.history[-1].explanation


def test_idle_timeout_without_keepalive() -> None:
    tracker = NatMappingTracker(keepalive_interval=None)
    causes = feed(tracker, (0, K1, "203.0.113.7", 61000), (295, K1, "203.0.113.7", 5000))
    assert causes[-1] == "idle_timeout"


def test_no_idle_timeout_when_refreshes_are_frequent_without_keepalive() -> None:
    tracker = NatMappingTracker(keepalive_interval=None)
    causes = feed(tracker, (0, K1, "203.0.113.7", 61000), (5, K1, "203.0.113.7", 5000))
    assert causes[-1] == "rebinding"


def test_public_ip_change() -> None:
    tracker = NatMappingTracker()
    causes = feed(tracker, (0, K1, "203.0.113.7", 61000), (55, K1, "198.18.9.9", 61000))
    assert causes[-1] == "public_ip_changed"


def test_registration_move_with_a_new_mapping_is_the_microsip_effect() -> None:
    tracker = NatMappingTracker()
    causes = feed(tracker, (0, K1, "203.0.113.7", 61000), (5, K2, "203.0.113.7", 61877))
    assert causes == ["first_seen", "server_move"]
    change = tracker.history[-1]
    assert change.server == K2
    assert K1 in change.explanation
    assert tracker.classify()[0] == "address_dependent"


def test_registration_move_with_the_same_mapping_is_not_a_change() -> None:
    tracker = NatMappingTracker()
    assert feed(tracker, (0, K1, "203.0.113.7", 61000), (5, K2, "203.0.113.7", 61000)) == [
        "first_seen"
    ]
    assert tracker.classify()[0] == "stable"


def test_local_address_change_is_a_network_switch() -> None:
    tracker = NatMappingTracker()
    tracker.observe(K1, LOCAL, "203.0.113.7", 61000, "register", 0)
    change = tracker.observe(K1, "10.8.0.5:40312", "198.18.4.4", 1200, "register", 30)
    assert change is not None
    assert change.cause == "local_changed"
    assert "10.8.0.5:40312" in change.explanation


def test_responses_without_received_are_ignored() -> None:
    tracker = NatMappingTracker()
    assert tracker.observe(K1, LOCAL, None, None, "register", 0) is None
    assert tracker.classify()[0] == "unknown"


def test_rport_missing_uses_the_local_port() -> None:
    tracker = NatMappingTracker()
    change = tracker.observe(K1, LOCAL, "203.0.113.7", None, "register", 0)
    assert change is not None
    assert change.new == "203.0.113.7:40312"


def test_history_is_bounded() -> None:
    tracker = NatMappingTracker(history_limit=5)
    for i in range(50):
        tracker.observe(K1, LOCAL, "203.0.113.7", 1000 + i, "register", float(i))
    assert len(tracker.history) == 5
