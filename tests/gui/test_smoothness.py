"""The GUI thread keeps running its event loop while the engine floods it with events."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from softdiag.events import (
    Event,
    FailoverDecision,
    Log,
    ProbeResult,
    RegistrationChanged,
    SipMessage,
)
from softdiag.session import Session

from .fixtures import WindowFactory
from .helpers import (
    KAM,
    LOCAL,
    SERVER,
    TIMEOUT_WHY,
    StoryClock,
    flood,
    key,
    registration_story,
    servers_changed,
)

pytestmark = pytest.mark.gui

BURST = 2000
MAX_STALL = 0.100  # seconds; a person notices a frozen window from about here


def _burst() -> list[Event]:
    story = [e for e in registration_story() if isinstance(e, SipMessage)]
    events: list[Event] = []
    for i in range(BURST):
        if i % 100 == 99:
            events.append(
                RegistrationChanged(
                    state="registered", aor="sip:alice@voip.test", server=SERVER,
                    transport="udp", code=200, reason="OK", expires=300,
                    received="203.0.113.7", rport=40000 + i,
                )
            )  # fmt: skip
        elif i % 10 == 9:
            events.append(Log(level="info", source="pjsip", message=f"line {i}"))
        else:
            template = story[i % len(story)]
            events.append(
                SipMessage(
                    direction=template.direction,
                    transport="udp",
                    local=LOCAL,
                    remote=SERVER,
                    text=template.text,
                )
            )
    return events


@pytest.mark.parametrize("pace", [0, 20], ids=["one-burst", "paced"])
def test_no_stall_while_2000_events_arrive(
    make_window: WindowFactory, qtbot: QtBot, pace: int
) -> None:
    """``pace`` 0: all at once (the biggest batches); 20: 20 events per 5 ms for ~0.5 s."""
    session = Session()
    window = make_window(session=session)
    qtbot.wait(100)  # the window's own start-up events are drawn
    events = _burst()
    watchdog, elapsed = flood(qtbot, window, session, events, pace=pace)

    assert len(watchdog.gaps) > 10
    print(f"\n{BURST} events drawn in {elapsed * 1000:.0f} ms; longest event-loop gap "
          f"{watchdog.max_gap * 1000:.1f} ms over {len(watchdog.gaps)} ticks")  # fmt: skip
    assert watchdog.max_gap < MAX_STALL
    assert window.registration_panel.public_label.text() == f"203.0.113.7:{40000 + 1999}"


def test_log_is_capped(make_window: WindowFactory, qtbot: QtBot) -> None:
    session = Session()
    window = make_window(session=session, log_limit=500)
    events = _burst()
    for event in events:
        session.publish(event)
    qtbot.waitUntil(lambda: window.log_panel.model.rowCount() == 500, timeout=5000)
    qtbot.wait(100)
    model = window.log_panel.model
    assert model.rowCount() == 500
    assert model.event_at(499) is events[-1]  # the newest are kept


def _failover_burst(clock: StoryClock) -> list[Event]:
    """2000 events as a flapping failover produces them: policy reports and probes for
    every server, hops between kam2 and kam3 with their decisions, SIP and log lines."""
    sip = [e for e in registration_story() if isinstance(e, SipMessage)]
    events: list[Event] = []
    where = "kam2"
    for i in range(BURST):
        ago = (BURST - i) * 0.1  # the last 200 s
        if i % 200 == 100:
            other = "kam3" if where == "kam2" else "kam2"
            events.append(
                FailoverDecision(
                    policy="sticky",
                    from_target=key(where),
                    to_target=key(other),
                    reason=TIMEOUT_WHY,
                    reason_id="probe_timeout",
                    **clock.at(ago),
                )
            )
            where = other
        elif i % 200 == 101:
            events.append(
                RegistrationChanged(
                    state="registered",
                    aor="sip:alice@voip.test",
                    server=f"{KAM[where]}:5060",
                    transport="udp",
                    code=200,
                    reason="OK",
                    expires=60,
                    **clock.at(ago),
                )
            )
        elif i % 3 == 0:
            events.append(
                servers_changed(
                    clock,
                    ago,
                    "sticky",
                    current=key(where),
                    registered_on=key(where),
                    down={"kam1": 30.0 - (i % 30)},
                )
            )
        elif i % 3 == 1:
            ip = list(KAM.values())[i % 3]
            events.append(
                ProbeResult(
                    target=f"{ip}:5060",
                    transport="udp",
                    status="ok",
                    code=200,
                    reason="OK",
                    rtt_ms=0.3 + (i % 7) / 10,
                    **clock.at(ago),
                )
            )
        elif i % 10 == 5:
            events.append(Log(level="info", source="pjsip", message=f"line {i}", **clock.at(ago)))
        else:
            template = sip[i % len(sip)]
            events.append(
                SipMessage(
                    direction=template.direction,
                    transport="udp",
                    local=LOCAL,
                    remote=SERVER,
                    text=template.text,
                    **clock.at(ago),
                )
            )
    return events


@pytest.mark.parametrize("pace", [0, 20], ids=["one-burst", "paced"])
def test_no_stall_while_failover_events_flood_in(
    make_window: WindowFactory, qtbot: QtBot, pace: int
) -> None:
    """The servers table and the timeline keep up with 2000 mixed events (a third of them
    policy reports, a third probes) without blocking the event loop."""
    session = Session()
    window = make_window(session=session)
    qtbot.wait(100)
    events = _failover_burst(StoryClock())
    hops = sum(isinstance(e, FailoverDecision) for e in events)
    paints = window.timeline.paint_count
    # settle: at least one more timeline redraw
    watchdog, elapsed = flood(qtbot, window, session, events, pace=pace, settle_ms=300)

    painted = window.timeline.paint_count - paints
    print(
        f"\n{BURST} failover events in {elapsed * 1000:.0f} ms; longest event-loop gap "
        f"{watchdog.max_gap * 1000:.1f} ms; timeline painted {painted} times"
    )
    assert watchdog.max_gap < MAX_STALL
    assert len(window.timeline.history.bars) == hops + 1 - 1  # the first hop opens the first bar
    assert window.servers_table.registered_key == key("kam2" if hops % 2 == 0 else "kam3")
    # Painted while visible, but from the 250 ms timer: not once per batch.
    assert 1 <= painted <= elapsed / 0.25 + 4
