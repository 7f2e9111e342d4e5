"""The reachability benchmark's report: the JSON keys scripts compare, and the table."""

from __future__ import annotations

from softdiag.bench.reachability import ReachabilityResult, format_reachability, lab_addresses

KEYS = {
    "policy", "profile", "topology", "inbound_attempted", "inbound_delivered",
    "outbound_placed", "outbound_setup_s_median", "outbound_setup_s_max",
    "recovery_s_median", "probes_per_min",
}  # fmt: skip


def _result() -> ReachabilityResult:
    return ReachabilityResult(
        "sticky", "default", "cluster", inbound_attempted=40, inbound_delivered=39,
        outbound_placed=4, outbound_connected=4, outbound_setup_s=[0.6, 0.3, 1.2, 2.0],
        recoveries=[1.2, 0.8, None, 2.5], probes=30, probes_healthy=4, minutes=3.0,
        healthy_minutes=1.0,
    )  # fmt: skip


def test_json_has_the_keys_the_issue_lists_with_computed_values() -> None:
    j = _result().as_json()
    assert set(j) >= KEYS
    assert j["inbound_delivered_pct"] == 97.5
    assert j["outbound_setup_s_median"] == 0.9 and j["outbound_setup_s_max"] == 2.0
    assert j["recovery_s_median"] == 1.2  # the fault without recovery is left out
    assert j["recoveries"] == [1.2, 0.8, None, 2.5]
    assert j["probes_per_min"] == 10.0 and j["probes_per_min_healthy"] == 4.0


def test_nothing_measured_is_none_not_an_error() -> None:
    j = ReachabilityResult("first-ip", "fast", "split").as_json()
    assert j["outbound_setup_s_median"] is None and j["recovery_s_median"] is None
    assert j["probes_per_min"] is None and j["inbound_delivered_pct"] == 0.0


def test_table_has_one_column_per_run() -> None:
    other = ReachabilityResult("first-ip", "default", "cluster", recoveries=[None])
    table = format_reachability([_result(), other])
    header = table.splitlines()[0]
    assert "sticky/default" in header and "first-ip/default" in header
    assert "39/40 (97.5 %)" in table
    assert "1.2 0.8 - 2.5" in table


def test_lab_addresses() -> None:
    assert lab_addresses("127.0.0") == ("127.0.0", 1)
    assert lab_addresses("127.0.18.30") == ("127.0.18", 30)
