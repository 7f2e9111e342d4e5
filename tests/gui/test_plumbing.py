"""EventBridge, EngineOp and post_to_gui: the ways work crosses between threads, and the
rule that Qt objects are released and collected on the GUI thread only (ui/plumbing/threads.py)."""

from __future__ import annotations

import gc
import random
import threading
import time
import weakref
from typing import ClassVar

import pytest
from PySide6.QtCore import QObject, Qt, QThreadPool
from pytestqt.qtbot import QtBot

from softdiag.events import Event, Log
from softdiag.session import Session
from ui.plumbing.bridge import EventBridge
from ui.plumbing.ops import EngineOp
from ui.plumbing.threads import GuiThreadCollector, gui_callback, post_to_gui

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


class Tracked(QObject):
    """Records the thread its Python side is released on."""

    released_on: ClassVar[list[str]] = []

    def ping(self, value: object) -> None:
        self.seen = value

    def __del__(self) -> None:
        Tracked.released_on.append(threading.current_thread().name)


def _in_thread(fn: object) -> None:
    thread = threading.Thread(target=fn)  # type: ignore[arg-type]
    thread.start()
    thread.join(10)


def test_post_to_gui_runs_on_the_gui_thread(qtbot: QtBot) -> None:
    ran: list[tuple[str, int]] = []
    _in_thread(lambda: post_to_gui(lambda n: ran.append((threading.current_thread().name, n)), 7))
    qtbot.waitUntil(lambda: bool(ran), timeout=3000)
    assert ran == [(threading.main_thread().name, 7)]


def test_a_call_for_a_deleted_object_is_dropped(qtbot: QtBot) -> None:
    target = Tracked()
    post = gui_callback(target.ping)
    target.deleteLater()
    qtbot.wait(20)  # the C++ side is gone, the Python wrapper is still ours
    _in_thread(lambda: post("late"))
    qtbot.wait(50)
    assert not hasattr(target, "seen")


def test_a_thread_callback_does_not_keep_its_object_alive(qtbot: QtBot) -> None:
    target = Tracked()
    alive = weakref.ref(target)
    post = gui_callback(target.ping)
    del target
    gc.collect()
    assert alive() is None
    _in_thread(lambda: post("after"))  # nothing to call, and no error
    qtbot.wait(30)


def test_ops_let_go_of_their_widgets_at_delivery(qtbot: QtBot) -> None:
    """After delivery an op holds nothing that reaches a Qt object: its owner is released
    at once, on the GUI thread, with no garbage collection needed (a collection could run
    on any thread)."""
    Tracked.released_on.clear()
    delivered: list[object] = []
    owners: list[weakref.ref[Tracked]] = []
    for _ in range(20):
        owner = Tracked()
        owners.append(weakref.ref(owner))

        def work(owner: Tracked = owner) -> str:
            time.sleep(random.random() * 0.004)
            return owner.objectName()

        EngineOp(owner, work).success(delivered.append).run()
        del owner, work
    qtbot.waitUntil(lambda: len(delivered) == 20, timeout=10_000)
    QThreadPool.globalInstance().waitForDone(5000)
    assert not gc.isenabled()  # the fixture's collector: nothing is collected behind our back
    assert [ref() for ref in owners] == [None] * 20
    assert Tracked.released_on == [threading.main_thread().name] * 20


def test_the_collector_keeps_collection_off_other_threads(qtbot: QtBot) -> None:
    collector = GuiThreadCollector(interval_ms=20)
    collector.start()
    try:
        assert not gc.isenabled()
        Tracked.released_on.clear()
        cycle = Tracked()
        cycle.me = cycle  # type: ignore[attr-defined]
        del cycle

        def allocate() -> None:  # far past every threshold: a collection would run here
            junk = [[] for _ in range(50_000)]
            for item in junk:
                item.append(item)

        _in_thread(allocate)
        assert Tracked.released_on == []
        qtbot.waitUntil(lambda: bool(Tracked.released_on), timeout=3000)
        assert Tracked.released_on == [threading.main_thread().name]
    finally:
        collector.stop()
    assert not collector.active
