"""The GUI thread keeps running its event loop while the engine floods it with events."""

from __future__ import annotations

import threading
import time

import pytest
from pytestqt.qtbot import QtBot

from softdiag.events import Event, Log, RegistrationChanged, SipMessage
from softdiag.session import Session

from .fixtures import WindowFactory
from .helpers import LOCAL, SERVER, StallWatchdog, registration_story

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
    baseline = window.log_panel.model.rowCount()
    events = _burst()
    watchdog = StallWatchdog(interval_ms=10)
    watchdog.start()
    qtbot.wait(50)

    # As fast as possible from another thread, like pjsua2 logging a burst of messages.
    def publish() -> None:
        for i, event in enumerate(events, 1):
            session.publish(event)
            if pace and i % pace == 0:
                time.sleep(0.005)

    started = time.perf_counter()
    publisher = threading.Thread(target=publish, name="test-burst")
    publisher.start()
    qtbot.waitUntil(lambda: window.log_panel.model.rowCount() == baseline + BURST, timeout=10000)
    elapsed = time.perf_counter() - started
    publisher.join(5)
    qtbot.wait(100)
    watchdog.stop()

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
