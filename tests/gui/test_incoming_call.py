"""The ringing notification: caller and path, Answer opens the call window, Reject sends 486."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from softdiag.events import CallStateChanged, IncomingCall
from softdiag.session import Session
from ui.panels.incoming_call import IncomingCallNotice

from .fixtures import WindowFactory
from .helpers import SCREENSHOTS, StubSoftphone, publish_from_thread

pytestmark = pytest.mark.gui


class _Engine:
    def __init__(self) -> None:
        self.answers: list[tuple[int, int]] = []
        self.hangups: list[int] = []
        self._lock = threading.Lock()

    def answer(self, call: int, code: int = 200, audio: object = None) -> None:
        with self._lock:
            self.answers.append((call, code))

    def hangup(self, call: int) -> None:
        with self._lock:
            self.hangups.append(call)


class _Phone(StubSoftphone):
    def __init__(self) -> None:
        super().__init__()
        self.engine = _Engine()


def _ringing(call: int = 7, *, source: str = "127.0.0.4:5060") -> IncomingCall:
    return IncomingCall(
        call=call,
        caller="sip:carol@voip.test",
        caller_name="Carol Chen",
        to="sip:alice@voip.test",
        source=source,
        transport="udp",
        via=(source.split(":", maxsplit=1)[0], "127.0.0.20:5061"),
        record_route=(f"sip:{source.split(':', maxsplit=1)[0]};lr",),
        registered_on="127.0.0.3:5060",
        answer="ring",
    )


def _notice(window: object) -> IncomingCallNotice:
    notices = window.incoming_calls.notices  # type: ignore[attr-defined]
    assert len(notices) == 1
    return next(iter(notices.values()))


def test_a_ringing_call_shows_who_and_which_server_then_answer_opens_the_call_window(
    make_window: WindowFactory, qtbot: QtBot
) -> None:
    session, phone = Session(), _Phone()
    window = make_window(session=session, softphone=phone)
    window.resize(1200, 900)
    publish_from_thread(session, [_ringing()])
    qtbot.waitUntil(lambda: bool(window.incoming_calls.notices), timeout=5000)
    notice = _notice(window)
    qtbot.waitExposed(notice)
    assert notice.caller_label.text() == "Carol Chen"
    assert notice.uri_label.text() == "sip:carol@voip.test"
    # Through another proxy than the one we registered on: said, in the path line.
    assert "127.0.0.4:5060" in notice.path_label.text()
    assert "127.0.0.3:5060" in notice.path_label.text()
    qtbot.wait(50)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / "incoming_call.png"
    assert notice.grab().save(str(path))
    assert path.stat().st_size > 5_000
    qtbot.mouseClick(notice.answer_button, Qt.MouseButton.LeftButton)
    assert phone.engine.answers == [(7, 200)]
    qtbot.waitUntil(window.call_panel.isVisible, timeout=3000)
    assert window.call_panel.call_button.text() == "Hang up"
    assert not window.incoming_calls.notices
    # The call ends from the far side: the panel offers a test call again.
    publish_from_thread(session, [CallStateChanged(call=7, state="disconnected",
                                                   uri="sip:carol@voip.test", code=200)])  # fmt: skip
    qtbot.waitUntil(lambda: window.call_panel.call_button.text() == "Test call", timeout=3000)


def test_reject_sends_486_and_a_caller_who_gives_up_closes_the_notice(
    make_window: WindowFactory, qtbot: QtBot
) -> None:
    session, phone = Session(), _Phone()
    window = make_window(session=session, softphone=phone)
    publish_from_thread(session, [_ringing(8)])
    qtbot.waitUntil(lambda: bool(window.incoming_calls.notices), timeout=5000)
    qtbot.mouseClick(_notice(window).reject_button, Qt.MouseButton.LeftButton)
    assert phone.engine.answers == [(8, 486)]
    assert not window.call_panel.isVisible()

    publish_from_thread(session, [_ringing(9, source="127.0.0.3:5060")])
    qtbot.waitUntil(lambda: 9 in window.incoming_calls.notices, timeout=5000)
    notice = _notice(window)
    assert "where softdiag is registered" in notice.path_label.text()
    publish_from_thread(session, [CallStateChanged(call=9, state="disconnected",
                                                   uri="sip:carol@voip.test", code=487)])  # fmt: skip
    qtbot.waitUntil(lambda: not window.incoming_calls.notices, timeout=3000)
    assert phone.engine.answers == [(8, 486)]  # nothing more was sent


def test_screenshot_timeline_with_inbound_calls_across_a_failover(
    make_window: WindowFactory, qtbot: QtBot
) -> None:
    """Registered on kam2, which freezes; the account moves to kam3. Calls keep arriving:
    through kam2 before, through kam3 after, and one that the cluster routed via kam1."""
    import dataclasses

    from softdiag.settings import LoadResult, Settings

    from .helpers import KAM, StoryClock, sticky_story

    session = Session()
    loaded = LoadResult(Settings(domain="voip.test", user="alice", dns="127.0.0.1:5353"))
    window = make_window(session=session, loaded=loaded)
    window.resize(1200, 900)
    clock = StoryClock()
    before, after = sticky_story(clock)

    def call(ago: float, via: str, registered: str, n: int) -> IncomingCall:
        event = dataclasses.replace(
            _ringing(n, source=f"{KAM[via]}:5060"),
            registered_on=f"{KAM[registered]}:5060", answer="auto",
        )  # fmt: skip
        return dataclasses.replace(event, **clock.at(ago))

    calls_before = [call(ago, "kam2", "kam2", n) for n, ago in enumerate((220, 180, 140, 100, 75))]
    calls_after = [call(50, "kam3", "kam3", 10), call(35, "kam1", "kam3", 11),
                   call(20, "kam3", "kam3", 12), call(8, "kam3", "kam3", 13)]  # fmt: skip
    events = [*before[:4], *calls_before, *before[4:], *after[:2], *calls_after, *after[2:]]
    publish_from_thread(session, events)
    timeline = window.timeline
    qtbot.waitUntil(lambda: len(timeline.history.inbound) == 9, timeout=5000)
    painted = timeline.paint_count
    qtbot.waitUntil(lambda: timeline.paint_count > painted, timeout=2000)
    points = timeline.inbound_points()
    assert len(points) == 9
    lanes = {mark.lane for _, mark in points}
    assert lanes == {f"{KAM[n]}:5060/udp" for n in ("kam1", "kam2", "kam3")}
    other = [mark for _, mark in points if not mark.through_registration]
    assert [m.event.call for m in other] == [11]
    point, _ = points[-1]
    tip = timeline.tooltip_at(point)
    assert "Incoming call from Carol Chen" in tip
    qtbot.wait(50)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / "timeline_inbound_calls.png"
    assert window.servers_panel.grab().save(str(path))
    assert path.stat().st_size > 10_000
