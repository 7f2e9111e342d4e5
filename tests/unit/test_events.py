from __future__ import annotations

import dataclasses
import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from softdiag.events import (
    EVENT_TYPES,
    EngineState,
    Event,
    FailoverDecision,
    Finding,
    Log,
    ProbeResult,
    RegistrationChanged,
    Resolved,
    ServersChanged,
    SipMessage,
    Target,
    TargetHealth,
    event_from_json,
    event_to_json,
)

targets = st.builds(
    Target,
    host=st.text(min_size=1, max_size=20),
    ip=st.ip_addresses().map(str),
    port=st.integers(1, 65535),
    transport=st.sampled_from(["udp", "tcp", "tls"]),
    priority=st.integers(0, 65535),
    weight=st.integers(0, 65535),
    ttl=st.integers(0, 2**31 - 1),
    source=st.sampled_from(["naptr", "srv", "a", "explicit"]),
)
times = {"mono": st.floats(0, 1e9, allow_nan=False), "wall": st.floats(0, 4e9, allow_nan=False)}
events = st.one_of(
    st.builds(
        Resolved,
        domain=st.text(max_size=30),
        transport=st.sampled_from(["udp", "tcp", "tls"]),
        nameserver=st.text(max_size=20),
        targets=st.lists(targets, max_size=4).map(tuple),
        answer_order=st.lists(st.text(max_size=15), max_size=4).map(tuple),
        **times,
    ),
    st.builds(
        RegistrationChanged,
        state=st.sampled_from(["registering", "registered", "unregistered", "failed"]),
        aor=st.text(max_size=30),
        server=st.text(max_size=21),
        transport=st.sampled_from(["udp", "tcp", "tls"]),
        code=st.integers(0, 699),
        reason=st.text(max_size=30),
        expires=st.integers(0, 86400),
        received=st.none() | st.ip_addresses().map(str),
        rport=st.none() | st.integers(1, 65535),
        registrar=st.none() | st.text(max_size=20),
        **times,
    ),
    st.builds(
        SipMessage,
        direction=st.sampled_from(["in", "out"]),
        transport=st.sampled_from(["udp", "tcp"]),
        local=st.text(max_size=21),
        remote=st.text(max_size=21),
        text=st.text(max_size=300),
        **times,
    ),
    st.builds(
        Finding,
        id=st.text(min_size=1, max_size=30),
        severity=st.sampled_from(["info", "warning", "error"]),
        title=st.text(max_size=50),
        evidence=st.lists(st.text(max_size=30), max_size=3).map(tuple),
        advice=st.text(max_size=50),
        params=st.lists(st.tuples(st.text(max_size=5), st.text(max_size=5)), max_size=3).map(tuple),
        **times,
    ),
    st.builds(
        Log,
        level=st.sampled_from(["debug", "info", "warning", "error"]),
        source=st.text(max_size=10),
        message=st.text(max_size=100),
        **times,
    ),
    st.builds(EngineState, state=st.sampled_from(["starting", "running", "stopped"]), **times),
    st.builds(
        ProbeResult,
        rtt_ms=st.none() | st.floats(0, 1e4, allow_nan=False),
        status=st.sampled_from(["ok", "error", "timeout", "unreachable"]),
        transport=st.sampled_from(["udp", "tcp", "tls"]),
        **times,
    ),
    st.builds(FailoverDecision, **times),
    st.builds(
        ServersChanged,
        servers=st.lists(
            st.builds(
                TargetHealth,
                target=targets,
                state=st.sampled_from(["unknown", "up", "down"]),
                rtt_ms=st.none() | st.floats(0, 1e4, allow_nan=False),
                dirty_for=st.floats(0, 1e4, allow_nan=False),
            ),
            max_size=3,
        ).map(tuple),
        **times,
    ),
)


@given(events)
def test_json_round_trip_is_lossless(event: Event) -> None:
    text = json.dumps(event_to_json(event))
    assert event_from_json(text) == event
    assert event_from_json(json.loads(text)) == event


def test_every_event_type_is_registered_under_its_class_name() -> None:
    for name in (
        "Resolved", "RegistrationChanged", "SipMessage", "Finding", "Log", "EngineState",
        "ProbeResult", "FailoverDecision", "ServersChanged",
    ):  # fmt: skip
        assert EVENT_TYPES[name].__name__ == name
        assert EVENT_TYPES[name].type_name == name


def test_events_are_frozen_and_slotted() -> None:
    log = Log(level="info", source="t", message="m")
    with pytest.raises(dataclasses.FrozenInstanceError):
        log.message = "x"  # type: ignore[misc]
    assert not hasattr(log, "__dict__")


def test_events_carry_both_clocks() -> None:
    first = Log(level="info", source="t", message="a")
    second = Log(level="info", source="t", message="b")
    assert second.mono >= first.mono
    assert first.wall > 1.6e9


def test_unknown_type_is_a_clear_error() -> None:
    with pytest.raises(ValueError, match="unknown event type"):
        event_from_json({"type": "Nope"})


def test_keyword_only() -> None:
    with pytest.raises(TypeError):
        Log("info", "t", "m")  # type: ignore[misc]
