"""EventBridge and EngineOp: the two ways work crosses between threads."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import QObject, Qt
from pytestqt.qtbot import QtBot

from softdiag.events import Event, Log
from softdiag.session import Session
from ui.bridge import EventBridge
from ui.ops import EngineOp

pytestmark = pytest.mark.gui


def _logs(n: int) -> list[Event]:
    return [Log(level="info", source="test", message=str(i)) for i in range(n)]


def _publish(session: Session, events: list[Event]) -> None:
    def work() -> None:
        for event in events:
            session.publish(event)

    thread = threading.Thread(target=work)
    thread.start()
    thread.join(10)


def test_bridge_delivers_in_order_on_the_gui_thread(qtbot: QtBot) -> None:
    bridge = EventBridge()
    session = Session()
    session.subscribe(bridge)
    batches: list[list[Event]] = []
    singles: list[Event] = []
    threads: set[str] = set()

    def on_batch(batch: list[Event]) -> None:
        threads.add(threading.current_thread().name)
        batches.append(batch)

    bridge.events_received.connect(on_batch, Qt.ConnectionType.QueuedConnection)
    bridge.event_received.connect(singles.append, Qt.ConnectionType.QueuedConnection)
    events = _logs(500)
    _publish(session, events)
    qtbot.waitUntil(lambda: len(singles) == 500, timeout=5000)
    assert [e for b in batches for e in b] == events
    assert singles == events
    assert threads == {threading.main_thread().name}
    assert len(batches) < 50  # batched, not one signal per event


def test_unbatched_bridge(qtbot: QtBot) -> None:
    bridge = EventBridge(batch_ms=0)
    received: list[Event] = []
    bridge.event_received.connect(received.append, Qt.ConnectionType.QueuedConnection)
    session = Session()
    session.subscribe(bridge)
    events = _logs(20)
    _publish(session, events)
    qtbot.waitUntil(lambda: len(received) == 20, timeout=5000)
    assert received == events


def test_closed_bridge_drops_events(qtbot: QtBot) -> None:
    bridge = EventBridge()
    received: list[Event] = []
    bridge.event_received.connect(received.append)
    bridge.close()
    bridge(_logs(1)[0])
    qtbot.wait(80)
    assert received == []


def test_op_success_and_failure_arrive_on_the_gui_thread(qtbot: QtBot) -> None:
    parent = QObject()
    results: list[tuple[str, object, str]] = []

    def work() -> str:
        return threading.current_thread().name

    def boom() -> None:
        raise ValueError("no")

    def ok(value: str) -> None:
        results.append(("ok", value, threading.current_thread().name))

    def failed(exc: Exception) -> None:
        results.append(("failed", exc, threading.current_thread().name))

    EngineOp(parent, work).success(ok).run()
    EngineOp(parent, boom).failure(failed).run()
    qtbot.waitUntil(lambda: len(results) == 2, timeout=5000)
    main = threading.main_thread().name
    by_kind = {kind: (value, thread) for kind, value, thread in results}
    assert by_kind["ok"][0] != main  # the work ran elsewhere...
    assert by_kind["ok"][1] == main  # ...and the answer came back here
    assert isinstance(by_kind["failed"][0], ValueError)
    assert by_kind["failed"][1] == main


def test_op_runs_once(qtbot: QtBot) -> None:
    op = EngineOp(QObject(), lambda: None)
    op.run()
    with pytest.raises(RuntimeError):
        op.run()


def test_op_without_parent_left_stays_silent(qtbot: QtBot) -> None:
    parent = QObject()
    release = threading.Event()
    called: list[object] = []
    EngineOp(parent, lambda: release.wait(5)).success(called.append).run()
    parent.deleteLater()
    qtbot.wait(20)  # the parent is gone before the work ends
    release.set()
    qtbot.wait(100)
    assert called == []
