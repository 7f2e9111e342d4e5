"""The account state's one owner: facts in, snapshots out (softdiag.state)."""

from __future__ import annotations

import dataclasses

from hypothesis import given
from hypothesis import strategies as st

from softdiag.events import (
    AccountChanged,
    AccountRequested,
    EngineState,
    Event,
    NatStatus,
    RegistrationChanged,
    Resolved,
    ServersChanged,
    Target,
    TargetHealth,
    event_from_json,
    event_to_json,
)
from softdiag.findings import make_finding
from softdiag.session import Recorder, Session
from softdiag.state.account import TRANSITIONS, AccountReducer
from softdiag.state.owner import AccountOwner

AOR = "sip:alice@voip.test"
KAM = {n: Target(host=f"{n}.voip.test", ip=f"10.0.0.{i}", port=5060, transport="udp",
                 priority=i) for i, n in enumerate(("kam1", "kam2", "kam3"), start=1)}  # fmt: skip


def reg(state: str, server: str, mono: float, code: int = 0, **kw: object) -> RegistrationChanged:
    t = KAM[server]
    return RegistrationChanged(state=state, aor=AOR, server=t.hostport, transport="udp",  # type: ignore[arg-type]
                               code=code, mono=mono, wall=mono, **kw)  # type: ignore[arg-type]  # fmt: skip


def servers(mono: float, current: str, down: tuple[str, ...] = ()) -> ServersChanged:
    return ServersChanged(
        policy="sticky", mono=mono, wall=mono,
        servers=tuple(TargetHealth(target=t, state="down" if n in down else "up",
                                   current=n == current) for n, t in KAM.items()),
    )  # fmt: skip


def feed(reducer: AccountReducer, *events: Event) -> list[AccountChanged]:
    return [c for e in events if (c := reducer.apply(e)) is not None]


def registered_on_kam1() -> AccountReducer:
    r = AccountReducer()
    feed(
        r,
        AccountRequested(action="register", aor=AOR, mono=0.0, wall=0.0),
        Resolved(
            domain="voip.test",
            transport="udp",
            nameserver="dns",
            targets=tuple(KAM.values()),
            mono=0.1,
            wall=0.1,
        ),
        servers(0.2, "kam1"),
        reg("registering", "kam1", 0.3),
        reg("registered", "kam1", 0.4, 200, expires=60, received="203.0.113.7", rport=4000),
    )
    return r


def roles(r: AccountReducer) -> dict[str, str]:
    return {n: r.snapshot.server_state(t.key).role for n, t in KAM.items()}  # type: ignore[union-attr]


def test_a_registration_from_the_click_to_the_2xx() -> None:
    r = AccountReducer()
    [changed] = feed(r, AccountRequested(action="register", aor=AOR, mono=0.0, wall=0.0))
    assert changed.snapshot.state == "registering" and changed.changes == ("registration",)
    r = registered_on_kam1()
    s = r.snapshot
    assert (s.state, s.server, s.code, s.expires_at) == ("registered", KAM["kam1"].key, 200, 60.4)
    assert roles(r) == {"kam1": "registered", "kam2": "", "kam3": ""}
    assert s.policy == "sticky" and s.policy_live


def test_a_move_shows_the_frozen_server_as_stale_not_registered() -> None:
    """The servers table once said "registered here" for a frozen server while the panel
    said "Registering…": one snapshot cannot say both."""
    r = registered_on_kam1()
    feed(r, servers(10.0, "kam2", down=("kam1",)), reg("registering", "kam2", 10.1))
    s = r.snapshot
    assert s.state == "registering" and s.server == KAM["kam1"].key  # the binding is there
    assert roles(r) == {"kam1": "stale", "kam2": "attempt", "kam3": ""}
    assert r.snapshot.server_state(KAM["kam1"].key).health == "down"  # type: ignore[union-attr]
    feed(r, reg("registered", "kam2", 11.0, 200, expires=60))
    assert roles(r) == {"kam1": "", "kam2": "registered", "kam3": ""}
    assert r.snapshot.state == "registered" and r.snapshot.server == KAM["kam2"].key


def test_a_refresh_is_not_a_new_registration() -> None:
    r = registered_on_kam1()
    assert feed(r, reg("registering", "kam1", 55.0)) == []
    [changed] = feed(r, reg("registered", "kam1", 55.1, 200, expires=60))
    assert changed.changes == ("registration",) and changed.snapshot.expires_at == 115.1


def test_findings_are_resolved_by_the_next_2xx_and_counted_while_they_repeat() -> None:
    r = registered_on_kam1()
    down = make_finding("failover.all_down", domain="voip.test")
    feed(r, reg("failed", "kam1", 20.0, 408), down, down)
    [current] = r.snapshot.current_findings
    assert current.count == 2 and current.finding.id == "failover.all_down"
    [changed] = feed(r, reg("registered", "kam2", 30.0, 200, expires=60))
    assert "findings" in changed.changes and "registration" in changed.changes
    assert r.snapshot.current_findings == ()
    [ended] = r.snapshot.resolved_findings
    assert ended.resolved_at == 30.0 and ended.count == 2
    feed(r, down)  # raised again: current again, the count goes on
    assert r.snapshot.current_findings[0].count == 3


def test_a_stale_binding_ends_when_it_expires_on_the_old_server() -> None:
    r = registered_on_kam1()
    stale = make_finding("failover.stale_binding", server=KAM["kam1"].hostport, expires=60)
    stale = dataclasses.replace(stale, mono=12.0, wall=12.0)
    feed(r, stale)
    assert [f.finding.id for f in r.snapshot.current_findings] == ["failover.stale_binding"]
    feed(r, reg("registered", "kam2", 13.0, 200, expires=60))
    assert r.snapshot.current_findings  # kam1 may still hold it for a minute
    feed(r, NatStatus(classification="nat", explanation="", local=None, mappings=(),
                      mono=80.0, wall=80.0))  # fmt: skip
    [ended] = r.snapshot.resolved_findings
    assert ended.resolved_at == 72.0


def test_cancel_before_the_engine_spoke_and_its_late_echo() -> None:
    r = AccountReducer()
    feed(r, AccountRequested(action="register", aor=AOR, mono=0.0, wall=0.0),
         AccountRequested(action="unregister", mono=0.5, wall=0.5))  # fmt: skip
    assert r.snapshot.state == "unregistered"
    assert feed(r, reg("registering", "kam1", 0.6)) == []


def test_unregister_and_a_late_2xx_then_giving_up() -> None:
    r = registered_on_kam1()
    feed(r, AccountRequested(action="unregister", mono=40.0, wall=40.0))
    assert r.snapshot.state == "unregistering"
    feed(r, reg("registered", "kam1", 40.1, 200, expires=60))
    assert r.snapshot.state == "unregistering"
    feed(r, AccountRequested(action="give_up", mono=50.0, wall=50.0))
    assert r.snapshot.state == "unregistered"


def test_dns_failure_ends_the_attempt_before_the_engine_saw_it() -> None:
    r = AccountReducer()
    feed(r, AccountRequested(action="register", aor=AOR, mono=0.0, wall=0.0),
         make_finding("dns.nxdomain", domain="voip.test", nameserver="dns"))  # fmt: skip
    assert r.snapshot.state == "failed" and "voip.test" in r.snapshot.reason


def test_the_engine_stopping_ends_the_account() -> None:
    r = registered_on_kam1()
    feed(r, EngineState(state="stopped", mono=90.0, wall=90.0))
    assert r.snapshot.state == "unregistered" and r.snapshot.server is None
    assert set(roles(r).values()) == {""}


def test_nat_and_servers_changes_are_flagged_apart() -> None:
    r = registered_on_kam1()
    [nat] = feed(r, NatStatus(classification="nat", explanation="", local="192.168.1.2:5060",
                              mappings=((KAM["kam1"].hostport, "203.0.113.7:4000"),),
                              mono=1.0, wall=1.0))  # fmt: skip
    assert nat.changes == ("nat",)
    assert nat.snapshot.server_state(KAM["kam1"].key).public == "203.0.113.7:4000"  # type: ignore[union-attr]
    [health] = feed(r, servers(2.0, "kam1", down=("kam3",)))
    assert health.changes == ("servers",)


def test_the_snapshot_event_survives_json() -> None:
    r = registered_on_kam1()
    [changed] = feed(r, make_finding("failover.all_down", domain="voip.test"))
    assert event_from_json(event_to_json(changed)) == changed


def test_the_owner_publishes_each_snapshot_once_in_order() -> None:
    session, recorder = Session(), Recorder()
    owner = AccountOwner(session)
    session.subscribe(recorder)
    session.publish(AccountRequested(action="register", aor=AOR))
    session.publish(reg("registering", "kam1", 1.0))
    session.publish(reg("registered", "kam1", 2.0, 200, expires=60))
    states = [e.snapshot.state for e in recorder.of_type(AccountChanged)]
    assert states == ["registering", "registered"]
    assert owner.snapshot.state == "registered"
    owner.close()
    session.publish(reg("unregistered", "kam1", 3.0))
    assert owner.snapshot.state == "registered"


FACT_EVENTS = st.sampled_from(
    [
        AccountRequested(action="register", aor=AOR),
        AccountRequested(action="unregister"),
        AccountRequested(action="give_up"),
        reg("registering", "kam1", 1.0), reg("registering", "kam2", 1.0),
        reg("registered", "kam1", 1.0, 200, expires=60), reg("registered", "kam2", 1.0, 200),
        reg("failed", "kam1", 1.0, 408), reg("unregistered", "kam1", 1.0, 200),
        EngineState(state="stopped"), servers(1.0, "kam2", down=("kam1",)),
        make_finding("dns.timeout", domain="voip.test", nameserver="dns"),
        make_finding("failover.all_down", domain="voip.test"),
    ]
)  # fmt: skip


@given(st.lists(FACT_EVENTS, max_size=40))
def test_any_order_of_facts_keeps_one_consistent_snapshot(events: list[Event]) -> None:
    r = AccountReducer()
    for event in events:
        before = r.snapshot
        changed = r.apply(event)
        s = r.snapshot
        assert (changed is None) == (s == before)
        assert s.state in {state for (state, _fact) in TRANSITIONS}
        assert sum(x.role == "registered" for x in s.servers) == (s.state == "registered")
        if s.state == "registered":
            assert s.server_state(s.server or "").role == "registered"  # type: ignore[union-attr]
        assert len({f.finding.id for f in s.current_findings}) == len(s.current_findings)
