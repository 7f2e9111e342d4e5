"""RFC 5780 classification and lifetime bracketing from synthetic and recorded STUN answers."""

from __future__ import annotations

import itertools
import struct
from pathlib import Path

import pytest
from aioice import stun
from hypothesis import given
from hypothesis import strategies as st

from softdiag.events import StunBehaviour, event_from_json, event_to_json
from softdiag.nat.stun import (
    RESPONSE_PORT,
    Binding,
    Discovery,
    LifetimeProbe,
    _Endpoint,
    behaviour_event,
    behaviour_findings,
    binding_from_message,
    classify_filtering,
    classify_mapping,
    lifetime_done,
    lifetime_schedule,
    parse_server,
    response_port_request,
    summarise_lifetime,
)
from tests.conftest import CORPUS

PRIMARY, OTHER = "203.0.113.1:3478", "203.0.113.2:3479"
ALT_IP_PRIMARY_PORT = "203.0.113.2:3478"
LOCAL = "192.168.1.10:40000"
PUBLIC = "198.51.100.7:40000"


def ok(test: str, sent_to: str, mapped: str, *, origin: str | None = None,
       change: str = "", other: str | None = OTHER) -> Binding:  # fmt: skip
    return Binding(test, sent_to, change, mapped=mapped, other=other,  # type: ignore[arg-type]
                   origin=origin or sent_to)  # fmt: skip


def lost(test: str, sent_to: str, change: str = "") -> Binding:
    return Binding(test, sent_to, change, error="timeout")  # type: ignore[arg-type]


T1 = ok("I", PRIMARY, PUBLIC)


# -- mapping (RFC 5780 §4.3) -----------------------------------------------------------


def test_no_nat_when_the_server_sees_our_own_address() -> None:
    mapping, evidence = classify_mapping(LOCAL, ok("I", PRIMARY, LOCAL))
    assert mapping == "no-nat"
    assert "no NAT" in evidence[-1]


def test_endpoint_independent_when_test_ii_sees_the_same_mapping() -> None:
    t2 = ok("II", ALT_IP_PRIMARY_PORT, PUBLIC)
    mapping, evidence = classify_mapping(LOCAL, T1, t2)
    assert mapping == "endpoint-independent"
    assert PUBLIC in evidence[-1]


def test_address_dependent_when_only_the_address_changes_the_port() -> None:
    t2 = ok("II", ALT_IP_PRIMARY_PORT, "198.51.100.7:50001")
    t3 = ok("III", OTHER, "198.51.100.7:50001")
    assert classify_mapping(LOCAL, T1, t2, t3)[0] == "address-dependent"


def test_address_and_port_dependent_when_every_destination_gets_a_port() -> None:
    t2 = ok("II", ALT_IP_PRIMARY_PORT, "198.51.100.7:50001")
    t3 = ok("III", OTHER, "198.51.100.7:50002")
    mapping, evidence = classify_mapping(LOCAL, T1, t2, t3)
    assert mapping == "address-and-port-dependent"
    assert "50001" in evidence[-1] and "50002" in evidence[-1]


@pytest.mark.parametrize(
    ("tests", "why"),
    [
        ((lost("I", PRIMARY),), "did not answer test I"),
        ((ok("I", PRIMARY, PUBLIC, other=None),), "does not support RFC 5780"),
        ((ok("I", PRIMARY, PUBLIC, other="203.0.113.1:3479"),), "same IP"),
        ((T1, lost("II", ALT_IP_PRIMARY_PORT)), "test II"),
        ((T1, ok("II", ALT_IP_PRIMARY_PORT, "198.51.100.7:5"), lost("III", OTHER)), "test III"),
        ((T1, ok("II", ALT_IP_PRIMARY_PORT, "198.51.100.7:5")), "test III"),
    ],
)
def test_mapping_stays_unknown_and_says_why(tests: tuple[Binding, ...], why: str) -> None:
    mapping, evidence = classify_mapping(LOCAL, *tests)
    assert mapping == "unknown"
    assert why in evidence[-1]


# -- filtering (RFC 5780 §4.4) ---------------------------------------------------------


def test_endpoint_independent_filtering_answer_from_the_other_address_gets_in() -> None:
    t2 = ok("filter-II", PRIMARY, PUBLIC, origin=OTHER, change="ip+port")
    filtering, evidence = classify_filtering(T1, t2, lost("filter-III", PRIMARY, "port"))
    assert filtering == "endpoint-independent"
    assert OTHER in evidence[-1]


def test_address_dependent_filtering_only_another_port_gets_in() -> None:
    t3 = ok("filter-III", PRIMARY, PUBLIC, origin="203.0.113.1:3479", change="port")
    filtering, _ = classify_filtering(T1, lost("filter-II", PRIMARY, "ip+port"), t3)
    assert filtering == "address-dependent"


def test_address_and_port_dependent_filtering_nothing_else_gets_in() -> None:
    filtering, evidence = classify_filtering(
        T1, lost("filter-II", PRIMARY, "ip+port"), lost("filter-III", PRIMARY, "port")
    )
    assert filtering == "address-and-port-dependent"
    assert "exactly" in evidence[-1]


def test_a_server_that_ignores_change_request_does_not_look_like_an_open_nat() -> None:
    ignored = ok("filter-II", PRIMARY, PUBLIC, origin=PRIMARY, change="ip+port")
    filtering, evidence = classify_filtering(T1, ignored, None)
    assert filtering == "unknown"
    assert "ignored CHANGE-REQUEST" in evidence[-1]
    wrong_port = ok("filter-III", PRIMARY, PUBLIC, origin=PRIMARY, change="port")
    filtering, evidence = classify_filtering(T1, lost("filter-II", PRIMARY), wrong_port)
    assert filtering == "unknown"
    assert "ignored CHANGE-REQUEST" in evidence[-1]


@pytest.mark.parametrize(
    ("tests", "why"),
    [
        ((lost("I", PRIMARY),), "did not answer test I"),
        ((ok("I", PRIMARY, PUBLIC, other=None),), "no OTHER-ADDRESS"),
        ((T1, Binding("filter-II", PRIMARY, "ip+port", error="error 420 Unknown Attribute")),
         "refused CHANGE-REQUEST"),
        ((T1, lost("filter-II", PRIMARY)), "was not run"),
    ],
)  # fmt: skip
def test_filtering_stays_unknown_and_says_why(tests: tuple[Binding, ...], why: str) -> None:
    filtering, evidence = classify_filtering(*tests)
    assert filtering == "unknown"
    assert why in evidence[-1]


# -- messages: aioice encoding, recorded packets -----------------------------------------


def _response(tid: bytes, **attrs: object) -> bytes:
    message = stun.Message(stun.Method.BINDING, stun.Class.RESPONSE, transaction_id=tid,
                           attributes=dict(attrs))  # fmt: skip
    return bytes(message)


def test_binding_from_an_rfc5780_response() -> None:
    data = _response(
        b"0123456789ab",
        **{"XOR-MAPPED-ADDRESS": ("198.51.100.7", 40000), "OTHER-ADDRESS": ("203.0.113.2", 3479),
           "RESPONSE-ORIGIN": ("203.0.113.1", 3478)},
    )  # fmt: skip
    b = binding_from_message(stun.parse_message(data), test="I", sent_to=PRIMARY, origin=PRIMARY)
    assert b.ok and b.mapped == PUBLIC and b.other == OTHER and b.plain_mapped is None


def test_binding_from_an_rfc3489_response_uses_mapped_and_changed_address() -> None:
    data = _response(
        b"0123456789ab",
        **{"MAPPED-ADDRESS": ("198.51.100.7", 40000), "CHANGED-ADDRESS": ("203.0.113.2", 3479)},
    )
    b = binding_from_message(stun.parse_message(data), test="I", sent_to=PRIMARY, origin=PRIMARY)
    assert b.mapped == PUBLIC and b.other == OTHER


def test_binding_from_an_error_response() -> None:
    message = stun.Message(stun.Method.BINDING, stun.Class.ERROR,
                           attributes={"ERROR-CODE": (420, "Unknown Attribute")})  # fmt: skip
    parsed = stun.parse_message(bytes(message))
    b = binding_from_message(parsed, test="filter-II", sent_to=PRIMARY, origin=PRIMARY)
    assert not b.ok and b.error == "error 420 Unknown Attribute"


def test_ipv6_addresses_are_bracketed() -> None:
    data = _response(b"0123456789ab", **{"XOR-MAPPED-ADDRESS": ("2001:db8::7", 40000)})
    b = binding_from_message(stun.parse_message(data), test="I", sent_to="[2001:db8::1]:3478",
                             origin="[2001:db8::1]:3478")  # fmt: skip
    assert b.mapped == "[2001:db8::7]:40000"


def test_response_port_request_is_valid_stun_with_the_port() -> None:
    message, data = response_port_request(40000)
    parsed = stun.parse_message(data)  # aioice skips the attribute it does not know
    assert parsed.transaction_id == message.transaction_id
    assert parsed.message_class == stun.Class.REQUEST
    assert struct.unpack("!HH", data[2:4] + b"\0\0")[0] == len(data) - 20
    assert data[-8:] == struct.pack("!HHHH", RESPONSE_PORT, 4, 40000, 0)


SEEDS = sorted((CORPUS / "stun").glob("input.*")) if (CORPUS / "stun").is_dir() else []


@pytest.mark.skipif(not SEEDS, reason=f"no STUN corpus at {CORPUS / 'stun'}")
@pytest.mark.parametrize("seed", SEEDS, ids=[p.name for p in SEEDS])
def test_recorded_packets_parse_or_are_rejected_cleanly(seed: Path) -> None:
    """pjproject's fuzz seeds (some carry a 4-byte fuzzer selector first)."""
    data = seed.read_bytes()
    for offset in (0, 4):
        try:
            message = stun.parse_message(data[offset:])
        except ValueError:
            continue
        if "MESSAGE-INTEGRITY" in message.attributes:
            continue  # re-encoding cannot keep a fingerprint over the original bytes
        again = stun.parse_message(bytes(message))
        assert again.attributes == message.attributes
        assert again.transaction_id == message.transaction_id
        if (
            message.message_method == stun.Method.BINDING
            and "XOR-MAPPED-ADDRESS" in again.attributes
        ):
            b = binding_from_message(again, test="I", sent_to=PRIMARY, origin=PRIMARY)
            assert b.ok and b.mapped is not None


@pytest.mark.skipif(not SEEDS, reason=f"no STUN corpus at {CORPUS / 'stun'}")
def test_the_recorded_binding_response_gives_its_mapped_address() -> None:
    data = (CORPUS / "stun" / "input.25.ice-binding-response").read_bytes()[4:]
    message = stun.parse_message(data)
    b = binding_from_message(message, test="I", sent_to=PRIMARY, origin=PRIMARY)
    assert b.ok and b.mapped == "{}:{}".format(*message.attributes["XOR-MAPPED-ADDRESS"])


@given(st.binary(max_size=200))
def test_no_datagram_can_break_the_receiving_socket(data: bytes) -> None:
    endpoint = _Endpoint({})
    endpoint.datagram_received(data, ("203.0.113.9", 3478))  # never raises
    endpoint.datagram_received(b"\x01\x01" + data[2:], ("203.0.113.9", 3478))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("stun.example.net", ("stun.example.net", 3478)),
        ("198.19.0.20:3479", ("198.19.0.20", 3479)),
        ("[2001:db8::1]:3478", ("2001:db8::1", 3478)),
        ("[2001:db8::1]", ("2001:db8::1", 3478)),
        ("2001:db8::1", ("2001:db8::1", 3478)),
    ],
)
def test_parse_server(text: str, expected: tuple[str, int]) -> None:
    assert parse_server(text) == expected


@pytest.mark.parametrize("text", ["", "host:0", "host:70000", "host:x", "a b", "[::1", ":3478"])
def test_parse_server_rejects_bad_input_in_one_line(text: str) -> None:
    with pytest.raises(ValueError) as info:
        parse_server(text)
    assert "\n" not in str(info.value)


# -- lifetime ----------------------------------------------------------------------------


def test_schedule_is_geometric_and_bounded() -> None:
    times = lifetime_schedule(90.0)
    assert times[0] == 1.0 and times[-1] == 90.0
    assert all(b / a <= 1.09 for a, b in itertools.pairwise(times[:-1]))  # rounded
    assert len(times) < 70
    assert lifetime_schedule(0.5) == (1.0,)


def probes(alive_until: float, up_to: float) -> list[LifetimeProbe]:
    return [LifetimeProbe(t, t < alive_until) for t in lifetime_schedule(up_to)]


def test_bracket_around_the_timeout() -> None:
    result = summarise_lifetime(probes(20.0, 30.0))
    assert result.lower is not None and result.upper is not None
    assert 18.0 < result.lower < 20.0 <= result.upper < 22.0
    assert result.consistent
    assert "forgets an idle UDP mapping" in result.evidence[-1]
    assert "mappings reachable after 1.0-" in result.evidence[0]  # the long run is folded


def test_every_mapping_survived_gives_only_a_lower_bound() -> None:
    result = summarise_lifetime(probes(1000.0, 60.0))
    assert result.lower == 60.0 and result.upper is None


def test_a_failed_control_probe_means_unknown_not_zero() -> None:
    result = summarise_lifetime([LifetimeProbe(1.0, False), LifetimeProbe(1.08, False)])
    assert result.lower is None and not result.consistent
    assert "RESPONSE-PORT" in result.evidence[-1]
    assert summarise_lifetime([LifetimeProbe(1.0, None)]).lower is None


def test_a_late_survivor_is_flagged_as_inconsistent() -> None:
    seen = [LifetimeProbe(5, True), LifetimeProbe(6, False), LifetimeProbe(7, True)]
    result = summarise_lifetime(seen)
    assert (result.lower, result.upper, result.consistent) == (5, 6, False)
    assert any("packet loss" in e for e in result.evidence)


def test_done_after_two_consecutive_expiries() -> None:
    seen = [LifetimeProbe(5, True), LifetimeProbe(6, False)]
    assert not lifetime_done(seen)
    assert lifetime_done([*seen, LifetimeProbe(7, False)])
    assert not lifetime_done([*seen, LifetimeProbe(7, True)])
    assert not lifetime_done([LifetimeProbe(5, None), LifetimeProbe(6, False)])


# -- the event and findings ----------------------------------------------------------------


def discovery(mapping: str, *, plain: str | None = None) -> Discovery:
    t1 = Binding("I", PRIMARY, mapped=PUBLIC, plain_mapped=plain, other=OTHER, origin=PRIMARY)
    return Discovery(server=PRIMARY, local=LOCAL, mapping=mapping, filtering="unknown",  # type: ignore[arg-type]
                     mapped=PUBLIC, mapping_tests=(t1,), filtering_tests=(),
                     mapping_evidence=("m",), filtering_evidence=("f",))  # fmt: skip


def test_event_carries_classes_lifetime_and_evidence_and_survives_json() -> None:
    lifetime = summarise_lifetime(probes(20.0, 30.0))
    event = behaviour_event(discovery("endpoint-independent"), lifetime)
    assert isinstance(event, StunBehaviour)
    assert event.mapped == PUBLIC and event.lifetime_s == round(lifetime.lower or 0, 1)
    assert event.evidence[:2] == ("mapping: m", "filtering: f")
    assert any(e.startswith("lifetime: ") for e in event.evidence)
    assert event_from_json(event_to_json(event)) == event


@pytest.mark.parametrize(
    ("mapping", "finding", "severity"),
    [
        ("no-nat", "nat.none", "info"),
        ("endpoint-independent", "nat.mapping_stable", "info"),
        ("address-dependent", "nat.mapping_per_destination", "warning"),
        ("address-and-port-dependent", "nat.mapping_per_destination", "warning"),
        ("unknown", "nat.behaviour_unknown", "info"),
    ],
)
def test_behaviour_findings(mapping: str, finding: str, severity: str) -> None:
    (f,) = behaviour_findings(discovery(mapping))
    assert (f.id, f.severity) == (finding, severity)
    assert "{" not in f.title + f.advice


def test_an_alg_that_rewrites_mapped_address_is_reported() -> None:
    d = discovery("endpoint-independent", plain="192.168.1.10:40000")
    assert d.alg_suspected
    assert [f.id for f in behaviour_findings(d)] == ["nat.mapping_stable", "nat.alg"]
    assert "ALG" in behaviour_event(d).evidence[-1]
