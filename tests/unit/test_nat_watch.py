"""The NAT watch: REGISTER answers of one account in, NAT events out, at the answer's time."""

from __future__ import annotations

from softdiag.events import NatMappingChanged, NatStatus, RegistrationChanged
from softdiag.nat.watch import NatWatch
from softdiag.session import Recorder, Session

AOR = "sip:alice@voip.test"
LOCAL = "192.168.1.20:40312"


def answer(mono: float, server: str, rport: int, *, aor: str = AOR,
           state: str = "registered") -> RegistrationChanged:  # fmt: skip
    return RegistrationChanged(
        state=state, aor=aor, server=server, transport="udp", code=200, expires=60,  # type: ignore[arg-type]
        received="203.0.113.7", rport=rport, local=LOCAL, mono=mono, wall=1000.0 + mono,
    )  # fmt: skip


def test_a_new_public_port_is_a_change_then_a_status_at_the_answers_time() -> None:
    watch = NatWatch(AOR)
    first = watch.observe(answer(10.0, "10.0.0.1:5060", 4000))
    assert [type(e) for e in first] == [NatMappingChanged, NatStatus]
    assert all(e.mono == 10.0 and e.wall == 1010.0 for e in first)
    assert watch.observe(answer(40.0, "10.0.0.1:5060", 4000)) == []  # a refresh, same mapping
    moved = watch.observe(answer(70.0, "10.0.0.1:5060", 4999))
    change = moved[0]
    assert isinstance(change, NatMappingChanged)
    assert (change.old, change.new) == ("203.0.113.7:4000", "203.0.113.7:4999")
    status = moved[-1]
    assert isinstance(status, NatStatus)
    assert status.mappings == (("10.0.0.1:5060", "203.0.113.7:4999"),)


def test_a_second_server_grows_the_table() -> None:
    watch = NatWatch(AOR)
    watch.observe(answer(1.0, "10.0.0.1:5060", 4000))
    out = watch.observe(answer(2.0, "10.0.0.2:5060", 4001))
    status = out[-1]
    assert isinstance(status, NatStatus)
    assert dict(status.mappings) == {"10.0.0.1:5060": "203.0.113.7:4000",
                                     "10.0.0.2:5060": "203.0.113.7:4001"}  # fmt: skip


def test_other_accounts_and_failures_are_not_its_business() -> None:
    watch = NatWatch(AOR)
    assert watch.observe(answer(1.0, "10.0.0.1:5060", 4000, aor="sip:bob@voip.test")) == []
    assert watch.observe(answer(1.0, "10.0.0.1:5060", 4000, state="failed")) == []


def test_follow_nat_publishes_on_the_session_and_stops() -> None:
    from softdiag.nat.watch import follow_nat

    session, recorder = Session(), Recorder()
    session.subscribe(recorder)
    stop = follow_nat(session, AOR)
    session.publish(answer(1.0, "10.0.0.1:5060", 4000))
    assert len(recorder.of_type(NatStatus)) == 1
    stop()
    session.publish(answer(2.0, "10.0.0.1:5060", 4500))
    assert recorder.of_type(NatMappingChanged)[-1].new == "203.0.113.7:4000"
